// 스마트공장 AS지원사업 신청서 (제출 서류 ①; issue 17 item 2, ADR 036): the applicant's facts, its eligibility
// under the notice's 신청자격 ①–③, its smart factory, the request (support types, problem, items, supplier) and the
// notice's list of documents, then the declaration and signature. Filled from the profile and the ticket where
// the product knows the answer; blank where only the company does (업종, 주생산품, 상시근로자 수 …).
import { SUPPORT_TYPES, SUPPORT_TYPE_LABELS, formatBusinessNumber, isSupportType } from "~/domain";
import type { FormCompany, FormData, FormTicket } from "~/models/form-templates.server";
import { facts, heading, paragraph, table, type Pdf } from "../pdf.server";
import { BLANK, box, companyFacts, contactLine, orBlank, renderForm, signAndAddress } from "./form-parts.server";

export const APPLICATION_FORM_TITLE = "스마트공장 AS지원사업 신청서";
/** Rows left to write on when there is no ticket (or no inventory) to fill a table from. */
const BLANK_ROWS = 3;

function applicant(doc: Pdf, data: FormData): void {
  heading(doc, "1. 신청기업 현황");
  facts(doc, [
    ...companyFacts(data.company),
    ["업종 / 주생산품", BLANK],
    ["상시근로자 수", BLANK],
    ["담당자 (성명·연락처·이메일)", contactLine(data.contact)],
  ]);
}

/** The notice's 신청자격 ①–③ with the profile's basis ticked, and the two facts the applicant confirms. */
function eligibility(doc: Pdf, data: FormData): void {
  const company = data.company;
  const basis = company?.eligibilityBasis ?? null;
  heading(doc, "2. 신청자격 (해당 항목에 ■ 표시)");
  paragraph(
    doc,
    [
      box(
        basis === "diffusion",
        `① 스마트공장 보급확산 사업에 참여하여 사업을 완료한 중소 제조기업 (완료연도: ${company?.diffusionCompletionYear ?? "      "})`,
      ),
      box(
        basis === "self_built",
        `② 기업 자체역량으로 스마트공장을 구축한 기업 중 스마트공장 수준확인서를 발급받은 중소 제조기업 (수준확인서 번호: ${company?.levelCertificateNumber ?? "            "})`,
      ),
      box(
        basis === "local_program",
        `③ ${data.program.localProgramSinceYear}년 이후 지자체 스마트공장(기초)사업에 참여하여 사업을 완료한 중소 제조기업 (참여연도: ${company?.localProgramYear ?? "      "})`,
      ),
      box(false, "공급기업으로부터 유무상 하자보수를 받지 않는 기업임을 확인합니다 (집중AS기간 종료 후 무상 하자보수 1년 기간 내 기업 제외)."),
      box(company?.promisingSmeCertified ?? false, `${data.program.region} 유망중소기업 인증기업 (가점 대상, 인증서 첨부)`),
    ].join("\n"),
  );
}

function factory(doc: Pdf, company: FormCompany | null): void {
  heading(doc, "3. 스마트공장 구축 현황");
  const rows = company?.systems.length
    ? company.systems.map((s) => [s.kind, s.name, orBlank(s.vendorName), s.buildYear ? `${s.buildYear}년` : BLANK])
    : Array.from({ length: BLANK_ROWS }, () => [BLANK, BLANK, BLANK, BLANK]);
  table(
    doc,
    [
      { header: "구분", width: 0.15 },
      { header: "시스템명", width: 0.4 },
      { header: "공급(구축)기업", width: 0.3 },
      { header: "구축연도", width: 0.15 },
    ],
    rows,
  );
}

function supportTypeLabel(type: string): string {
  return isSupportType(type) ? SUPPORT_TYPE_LABELS[type] : type;
}

function request(doc: Pdf, ticket: FormTicket | null): void {
  heading(doc, "4. AS 신청 내용");
  const chosen = new Set(ticket?.supportTypes ?? []);
  facts(doc, [
    ["과제명", orBlank(ticket?.title)],
    ["지원유형", SUPPORT_TYPES.map((t) => box(chosen.has(t), SUPPORT_TYPE_LABELS[t])).join("   ")],
    ["애로사항 (현재 문제)", ticket?.problem ?? `${BLANK}\n${BLANK}`],
    ["기대 효과 (요청하는 결과)", ticket?.desiredOutcome ?? `${BLANK}\n${BLANK}`],
  ]);
  const rows = ticket?.items.length
    ? ticket.items.map((item, i) => [String(i + 1), supportTypeLabel(item.supportType), item.description, String(item.quantity)])
    : Array.from({ length: BLANK_ROWS }, (_, i) => [String(i + 1), BLANK, BLANK, BLANK]);
  table(
    doc,
    [
      { header: "번호", width: 0.08, align: "center" },
      { header: "지원유형", width: 0.22 },
      { header: "요청 항목", width: 0.58 },
      { header: "수량", width: 0.12, align: "right" },
    ],
    rows,
  );
  const supplier = ticket?.supplier;
  facts(doc, [
    ["공급기업명", orBlank(supplier?.name)],
    ["공급기업 사업자등록번호", supplier ? formatBusinessNumber(supplier.businessNumber) : BLANK],
    ["공급기업 대표자 / 연락처", supplier ? `${supplier.representative ?? ""} / ${supplier.phone ?? ""}` : BLANK],
  ]);
}

/** The notice's 온라인 제출 서류 1–7, to tick when attached. */
function documents(doc: Pdf): void {
  heading(doc, "5. 제출 서류 (첨부한 서류에 ■ 표시)");
  paragraph(
    doc,
    [
      "스마트공장 AS지원사업 신청서 (이 서류)",
      "도입기업의 사업자등록증명원 1부 (발행일로부터 3개월 이내; 종된사업장은 종된사업장 명세 추가)",
      "국세 및 지방세 납세증명서 각 1부 (발행일로부터 3개월 이내)",
      "중소기업 지원사업 통합관리시스템 정보 활용 동의서 1부",
      "도입기업의 최근 3개년 재무제표 (최근 연도 재무제표가 없으면 부가가치세 과세표준증명원)",
      "스마트공장 구축 증빙: 사업 완료보고서 / 수준확인서와 상세 구축 내역 / 지자체 사업 완료 확인서와 완료 보고서",
      "유망중소기업 인증서 (해당 기업만)",
    ]
      .map((text, i) => box(false, `${i + 1}. ${text}`))
      .join("\n"),
  );
}

/** The application form's PDF, filled from `data`. */
export function renderApplicationForm(data: FormData): Promise<Buffer> {
  return renderForm(data, { title: APPLICATION_FORM_TITLE, slot: "스마트공장 AS지원사업 신청서" }, (doc) => {
    applicant(doc, data);
    eligibility(doc, data);
    factory(doc, data.company);
    request(doc, data.ticket);
    documents(doc);
    heading(doc, "6. 신청 및 확인");
    paragraph(
      doc,
      `위와 같이 ${data.program.year}년도 스마트공장 AS지원사업에 신청하며, 이 신청서와 제출 서류의 내용이 사실과 다름없음을 확인합니다.`,
    );
    signAndAddress(doc, data);
  });
}
