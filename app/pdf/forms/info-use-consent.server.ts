// 중소기업 지원사업 통합관리시스템 정보 활용 동의서 (제출 서류 ④; issue 17 item 2, ADR 036). The notice names the
// form but its attachment is not in our copy of the notice, so the text carries what 「개인정보 보호법」 requires a
// consent to state (제15조 제2항: purpose, items, retention, the right to refuse and its consequence; 제17조 제2항:
// recipients, their purpose, items, retention, the right to refuse) for the parties this program really shares with
// (the ministry and its 추진단, the external evaluator, the cost-accounting agency, the ticket's supplier).
import { josa } from "~/domain";
import type { FormData } from "~/models/form-templates.server";
import { facts, heading, paragraph, table, type Pdf } from "../pdf.server";
import { box, companyFacts, contactLine, renderForm, signAndAddress, ticketFacts } from "./form-parts.server";

export const INFO_USE_CONSENT_TITLE = "중소기업 지원사업 통합관리시스템 정보 활용 동의서";

const REFUSAL = "위 동의를 거부할 권리가 있습니다. 다만 동의하지 않으면 지원사업의 신청·선정·지원이 제한될 수 있습니다.";
const RETENTION = "지원사업 종료 후 5년 (관계 법령이 보존기간을 따로 정한 경우 그 기간)";

function agreeLine(doc: Pdf, question: string): void {
  paragraph(doc, `${question}      ${box(false, "동의함")}      ${box(false, "동의하지 않음")}`);
}

function twoColumns(doc: Pdf, rows: [string, string][]): void {
  table(
    doc,
    [
      { header: "구분", width: 0.26 },
      { header: "내용", width: 0.74 },
    ],
    rows,
  );
}

function collection(doc: Pdf): void {
  heading(doc, "1. 개인(기업)정보의 수집·이용 (「개인정보 보호법」 제15조)");
  twoColumns(doc, [
    [
      "수집·이용 목적",
      "지원사업 신청 접수, 요건검토·현장평가·지원결정, 원가적정성 검토, 협약 체결, 사업비 지급·정산, 완료점검과 사후관리; 중소기업 지원사업 통합관리시스템을 통한 중복·편중 지원 확인과 성과 분석",
    ],
    [
      "수집 항목",
      "(기업) 기업명, 사업자등록번호, 대표자, 소재지, 연락처, 업종·주생산품, 재무·고용 정보, 스마트공장 구축 현황, 지원사업 참여 이력\n(개인) 대표자와 담당자의 성명, 전화번호, 이메일 주소",
    ],
    ["보유·이용 기간", RETENTION],
    ["동의 거부 권리와 불이익", REFUSAL],
  ]);
  agreeLine(doc, "위 개인(기업)정보의 수집·이용에 동의합니까?");
}

function provision(doc: Pdf, data: FormData): void {
  heading(doc, "2. 개인(기업)정보의 제3자 제공 (「개인정보 보호법」 제17조)");
  const supplier = data.ticket ? `과제의 공급기업(${data.ticket.supplier.name})` : "과제의 공급기업";
  twoColumns(doc, [
    ["제공받는 자", `중소벤처기업부, 스마트제조혁신추진단, 현장평가 외부전문가, 원가계산기관, ${supplier}`],
    ["제공 목적", "지원사업 평가·선정과 원가적정성 검토, 중복·편중 지원 확인, 협약과 사업 수행 관리, 성과 분석"],
    ["제공 항목", "1.의 수집 항목 중 제공 목적에 필요한 항목"],
    ["보유·이용 기간", `제공 목적을 이룰 때까지 (${RETENTION})`],
    ["동의 거부 권리와 불이익", REFUSAL],
  ]);
  agreeLine(doc, "위 개인(기업)정보의 제3자 제공에 동의합니까?");
}

function systemUse(doc: Pdf, data: FormData): void {
  heading(doc, "3. 통합관리시스템 정보의 조회·활용");
  paragraph(
    doc,
    `${josa(data.program.technoparkName, "이", "가")} 중소기업 지원사업 통합관리시스템에 등록된 신청기업의 다른 지원사업 참여·수혜 이력을 조회하여 이 사업의 요건검토와 선정·평가에 활용하는 것에 동의합니다.`,
  );
  agreeLine(doc, "위 정보의 조회·활용에 동의합니까?");
}

/** The consent form's PDF, filled from `data`. */
export function renderInfoUseConsent(data: FormData): Promise<Buffer> {
  return renderForm(data, { title: INFO_USE_CONSENT_TITLE, slot: "정보 활용 동의서" }, (doc) => {
    paragraph(
      doc,
      `${josa(data.program.technoparkName, "은", "는")} 「중소기업기본법」에 따른 중소기업 지원사업 통합관리시스템에 지원사업의 신청·선정·수행 정보를 등록하고, 지원사업의 중복·편중 지원을 막고 성과를 분석하기 위하여 아래와 같이 신청기업의 개인(기업)정보를 수집·이용하고 제3자에게 제공하려고 합니다. 내용을 읽고 항목마다 동의 여부를 표시해 주십시오.`,
    );
    heading(doc, "신청기업");
    facts(doc, [...companyFacts(data.company), ...ticketFacts(data)]);
    collection(doc);
    provision(doc, data);
    systemUse(doc, data);
    heading(doc, "확인");
    paragraph(doc, "본인은 위 내용을 충분히 읽고 이해하였으며, 위와 같이 동의 여부를 표시합니다.");
    signAndAddress(doc, data, [["담당자", contactLine(data.contact).trim() || "                    "]]);
  });
}
