// 협약서 as a PDF (ADR 035): the exact text the two companies consented to, their consents, and the figures
// the agreement page shows. A concluded agreement is the document to file (with the parties' signature
// lines); a draft is printed for review and says so on its first line and beside every figure.
import { ROLE_LABELS, formatKRW, formatKoreanDate, isCompanyRole, seoulDate, type IsoDate } from "~/domain";
import { koreanDateTime } from "~/domain/questions";
import { type AgreementPdfData } from "~/models/document-pdf.server";
import { heading, paragraph, renderPdf, signatures, table, title, facts, type Pdf } from "./pdf.server";
import { partyName, printedOn, ticketFacts, ticketMeta } from "./document-parts.server";

const TITLE = "스마트공장 AS지원사업 협약서";

type Amounts = { agreedCost: number; subsidy: number; companyShare: number };

function amountRows(a: Amounts): [string, string][] {
  return [
    ["협약금액 (총사업비)", formatKRW(a.agreedCost)],
    ["정부지원금", formatKRW(a.subsidy)],
    ["기업부담금", formatKRW(a.companyShare)],
  ];
}

/** The draft's marker: not yet consented by both, or consented and waiting for the TP's conclusion. */
export function draftMarker(data: AgreementPdfData): string {
  return data.bothConsented ? "초안 (체결 전)" : "초안 (동의 전)";
}

function termsOf(data: AgreementPdfData): [string, string][] {
  const { concluded, draft } = data;
  if (concluded) {
    const extension = concluded.extensionMonths ? ` (${concluded.extensionMonths}개월 연장)` : "";
    return [
      ["사업기간", `${formatKoreanDate(concluded.startOn)} ~ ${formatKoreanDate(concluded.endOn)}${extension}`],
      ...(concluded.startReason ? [["시작일을 앞당긴 사유", concluded.startReason] as [string, string]] : []),
      ...amountRows(concluded),
      ["체결일", formatKoreanDate(seoulDate(concluded.signedAt))],
    ];
  }
  const d = draft!;
  return [
    ["문서 상태", `${draftMarker(data)} — 협약안 ${d.version}차, ${koreanDateTime(d.preparedAt)} 작성`],
    ["사업기간", `${formatKoreanDate(d.startOn)} ~ ${formatKoreanDate(d.baseEndOn)}`],
    ...(d.startReason ? [["시작일을 앞당기는 사유", d.startReason] as [string, string]] : []),
    ...amountRows(d),
  ];
}

function consentRows(data: AgreementPdfData): string[][] {
  return data.consents.map((c) => [
    isCompanyRole(c.party) ? ROLE_LABELS[c.party] : c.party,
    c.name,
    koreanDateTime(c.at),
    c.counted ? "유효" : "취소됨 (협약안 변경)",
  ]);
}

function drawChange(doc: Pdf, change: NonNullable<NonNullable<AgreementPdfData["concluded"]>["change"]>): void {
  heading(doc, `현재 협약 내용 (변경 ${change.round}차)`);
  paragraph(
    doc,
    `위 협약금액과 사업기간은 ${koreanDateTime(change.createdAt)}에 승인된 변경 ${change.round}차(협약 ${change.version}차) 기준입니다: ${change.summary}`,
  );
}

export function renderAgreementPdf(data: AgreementPdfData, today: IsoDate): Promise<Buffer> {
  const { head, concluded, draft } = data;
  return renderPdf(ticketMeta(head, concluded ? TITLE : `${TITLE} ${draftMarker(data)}`), (doc) => {
    title(doc, TITLE, concluded ? `과제번호 ${head.number}` : `과제번호 ${head.number} · ${draftMarker(data)}`);
    if (!concluded) {
      paragraph(doc, `이 문서는 ${draftMarker(data)}입니다. 운영기관(TP)이 협약을 체결하기 전의 협약안으로, 검토용이며 제출용이 아닙니다.`);
      if (draft?.outdated) paragraph(doc, "협약안을 작성한 뒤 협약 내용이 바뀌었습니다. 운영기관(TP)이 협약안을 다시 작성해야 합니다.");
    }
    ticketFacts(doc, head);
    heading(doc, "협약 내용");
    facts(doc, termsOf(data));
    if (concluded?.change) drawChange(doc, concluded.change);
    heading(doc, "협약서 전문");
    if (draft) {
      paragraph(doc, draft.text);
      paragraph(doc, `전문의 SHA-256: ${draft.textHash}`);
    } else {
      paragraph(doc, "이 협약은 협약서 전문을 보관하기 전에 체결되었습니다.");
    }
    heading(doc, "동의 기록");
    if (data.consents.length) {
      table(
        doc,
        [
          { header: "구분", width: 0.2 },
          { header: "동의자", width: 0.25 },
          { header: "동의 일시", width: 0.3 },
          { header: "상태", width: 0.25 },
        ],
        consentRows(data),
      );
    } else paragraph(doc, "아직 동의한 기업이 없습니다.");
    if (concluded) {
      signatures(
        doc,
        [
          ["운영기관", head.program.technopark.name],
          ["도입기업", partyName(head.manufacturer)],
          ["공급기업", partyName(head.supplier)],
        ],
        formatKoreanDate(seoulDate(concluded.signedAt)),
      );
    }
    printedOn(doc, today);
  });
}
