/**
 * 협약 (the three-party agreement): 공고 3. 지원절차 ⑧ "협약체결 — 제조혁신센터(TP), 도입, 공급기업".
 * Its terms are drawn from the data (parties, items, amounts, period), its text is what the two companies
 * read and consent to, its start date obeys the date rules, and a change of its terms voids the consents
 * given to the earlier text. Pure: callers pass `today`; the model hashes the text (SHA-256).
 */
import { compareIsoDate, type IsoDate } from "./dates";
import { formatBusinessNumber } from "./eligibility";
import { DomainError } from "./errors";
import { formatKRW, formatKoreanDate, formatRateBp } from "./format";
import { QUOTE_LINE_KIND_LABELS, ROLE_LABELS, isQuoteLineKind, type CompanyRole } from "./labels";
import { agreementAmounts, type AgreementAmounts } from "./money";
import { CLAUSES } from "./notice";
import type { ProgramParams } from "./params";
import { executionWindow, maxTotalMonths, type ExecutionWindow } from "./schedule";

/** One party of the agreement as its text names it. */
export interface AgreementParty {
  name: string;
  /** 사업자등록번호, digits as stored. */
  businessNumber: string;
  representative: string | null;
  address: string | null;
}

/** One line of the quote the cost review verified (the agreement's items). */
export interface AgreementItem {
  kind: string;
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  /** The cost review's amount for this line, when it gave one. */
  verifiedAmount: number | null;
}

/** What the agreement is drawn from: the ticket, its three parties, the verified quote and the start date. */
export interface AgreementFacts {
  ticketNumber: string;
  title: string;
  programName: string;
  noticeNumber: string | null;
  technopark: AgreementParty;
  manufacturer: AgreementParty;
  supplier: AgreementParty;
  items: readonly AgreementItem[];
  quoteTotal: number;
  /** The confirmed cost review's verified amount (null: none yet, the amounts are provisional). */
  verifiedAmount: number | null;
  startOn: IsoDate;
}

/** The agreement's terms: the facts with the amounts and the period the rules give them. */
export interface AgreementTerms extends AgreementFacts {
  amounts: AgreementAmounts;
  /** The base period and, as maxEndOn, the latest end the maximum extension allows. */
  window: ExecutionWindow;
  params: Pick<ProgramParams, "baseMonths" | "maxExtensionMonths" | "subsidyRateBp" | "subsidyCap"> & { maxTotalMonths: number };
}

/** The terms of the agreement from its facts: agreed cost, subsidy, company share (money.ts) and the window (schedule.ts). */
export function agreementTerms(facts: AgreementFacts, params: ProgramParams): AgreementTerms {
  const { baseMonths, maxExtensionMonths, subsidyRateBp, subsidyCap } = params;
  return {
    ...facts,
    amounts: agreementAmounts({ quoteTotal: facts.quoteTotal, verifiedAmount: facts.verifiedAmount }, params),
    window: executionWindow(facts.startOn, 0, params),
    params: { baseMonths, maxExtensionMonths, subsidyRateBp, subsidyCap, maxTotalMonths: maxTotalMonths(params) },
  };
}

function partyLine(label: string, party: AgreementParty): string {
  const details = [
    `사업자등록번호 ${formatBusinessNumber(party.businessNumber)}`,
    party.representative ? `대표자 ${party.representative}` : null,
    party.address ? `주소 ${party.address}` : null,
  ].filter((d) => d !== null);
  return `- ${label}: ${party.name} (${details.join(", ")})`;
}

function itemLine(item: AgreementItem, index: number): string {
  const kind = isQuoteLineKind(item.kind) ? QUOTE_LINE_KIND_LABELS[item.kind] : item.kind;
  const verified = item.verifiedAmount === null ? "" : ` → 원가검증 ${formatKRW(item.verifiedAmount)}`;
  return `${index + 1}. [${kind}] ${item.description}: ${item.quantity} × ${formatKRW(item.unitPrice)} = ${formatKRW(item.amount)}${verified}`;
}

/**
 * The agreement's full text (협약서), in Korean: the parties with their business numbers and
 * representatives, the items, the amounts, the period with its extension limit, and the notice's
 * conditions. It depends on the terms only (never on who prepares it or when), so the same terms
 * always give the same text and the same hash: a consent stands as long as the text does.
 */
export function agreementText(terms: AgreementTerms): string {
  const { amounts, window, params } = terms;
  const verified = terms.verifiedAmount === null ? "원가적정성 검토 전" : formatKRW(terms.verifiedAmount);
  return [
    "스마트공장 AS지원사업 협약서",
    "",
    `과제번호: ${terms.ticketNumber}`,
    `과제명: ${terms.title}`,
    `사업: ${terms.programName}${terms.noticeNumber ? ` (${terms.noticeNumber})` : ""}`,
    "",
    "제1조 (협약 당사자)",
    partyLine(`운영기관 제조혁신센터(TP)`, terms.technopark),
    partyLine(ROLE_LABELS.manufacturer, terms.manufacturer),
    partyLine(ROLE_LABELS.supplier, terms.supplier),
    "",
    "제2조 (지원 항목)",
    ...terms.items.map(itemLine),
    `견적금액 합계 ${formatKRW(terms.quoteTotal)}, 원가검증금액 ${verified}`,
    "",
    "제3조 (사업비)",
    `- 협약금액(총사업비): ${formatKRW(amounts.agreedCost)} (견적금액과 원가검증금액 중 낮은 금액)`,
    `- 정부지원금: ${formatKRW(amounts.subsidy)} (총사업비의 ${formatRateBp(params.subsidyRateBp)} 이내, 기업당 최대 ${formatKRW(params.subsidyCap)})`,
    `- 기업부담금: ${formatKRW(amounts.companyShare)} (도입기업 부담)`,
    "",
    "제4조 (사업기간)",
    `- ${formatKoreanDate(window.startOn)}부터 ${formatKoreanDate(window.baseEndOn)}까지 (${params.baseMonths}개월)`,
    `- 연장 신청 및 운영기관(TP) 승인을 통해 최대 ${params.maxExtensionMonths}개월 연장할 수 있으며, 연장하더라도 ${formatKoreanDate(window.maxEndOn)}을 넘을 수 없다 (최대 사업기간 ${params.maxTotalMonths}개월).`,
    "",
    "제5조 (협약 조건)",
    "1. 이 협약은 제조혁신센터(TP), 도입기업, 공급기업 3자가 체결하며, 도입기업과 공급기업이 모두 동의한 뒤 운영기관(TP)이 체결한다.",
    `   (${CLAUSES.threePartyAgreement})`,
    "2. 교부된 정부지원금의 관리·집행은 관련 지침 등에 따라 도입기업의 책임하에 진행한다.",
    `   (${CLAUSES.subsidyManagement})`,
    "3. 공급기업은 부품 구입 등을 위하여 협약 당사자 외의 기업과 거래할 때 그 대금을 선금으로 완납하여 거래한다.",
    `   (${CLAUSES.advancePayment})`,
    "4. 사업기간의 연장은 신청과 승인을 거쳐야 하며, 최대 사업기간을 넘는 사업수행은 할 수 없다.",
    `   (${CLAUSES.period})`,
    "5. 협약금액은 원가적정성 검토(원가계산) 결과를 반영한 금액이다.",
    `   (${CLAUSES.costReviewAll})`,
    "6. 이 협약서에 정하지 않은 사항은 세부관리기준 등 관련 규정에 따른다.",
    `   (${CLAUSES.detailedRules})`,
  ].join("\n");
}

// ─── Dates ──────────────────────────────────────────────────────────────────

/** The longest reason for a start before the day of conclusion. */
export const START_REASON_MAX = 500;

export interface AgreementStartInput {
  startOn: IsoDate;
  /** The day the agreement is prepared or concluded (Asia/Seoul). */
  today: IsoDate;
  /** 선정 통보일 (Ticket.selectionNoticeOn). */
  selectionNoticeOn: IsoDate | null;
  /** Why the period starts before today (required then), as typed. */
  reason: string | null;
}

export interface AgreementStartCheck {
  allowed: boolean;
  /** Korean reasons when refused (empty when allowed). */
  reasons: string[];
  /** The reason to keep: trimmed, and null when the start is not before today (nothing to explain). */
  startReason: string | null;
  window: ExecutionWindow;
}

/**
 * The rules of the agreement's start date (사업 시작일): never before the selection notice (the
 * project exists from then: 공고 5. "선정 통보일로부터 … 사업에 착수"), a stated reason (1–500
 * characters) when it lies before today, and never a period that has already ended on the day of
 * the agreement (the base end before today: nothing could be done inside it).
 */
export function checkAgreementStart(input: AgreementStartInput, params: ProgramParams): AgreementStartCheck {
  const { startOn, today, selectionNoticeOn } = input;
  const window = executionWindow(startOn, 0, params);
  const reasons: string[] = [];
  if (selectionNoticeOn === null) {
    reasons.push("선정 통보일이 없는 과제는 협약할 수 없습니다.");
  } else if (compareIsoDate(startOn, selectionNoticeOn) < 0) {
    reasons.push(`사업 시작일(${formatKoreanDate(startOn)})은 선정 통보일(${formatKoreanDate(selectionNoticeOn)})보다 앞설 수 없습니다.`);
  }
  if (compareIsoDate(window.baseEndOn, today) < 0) {
    reasons.push(
      `사업기간(${formatKoreanDate(startOn)} ~ ${formatKoreanDate(window.baseEndOn)})이 오늘(${formatKoreanDate(today)}) 전에 이미 끝났습니다. ` +
        `끝난 기간으로는 협약할 수 없습니다.`,
    );
  }
  const before = compareIsoDate(startOn, today) < 0;
  const reason = input.reason?.trim() ?? "";
  if (before && reason.length === 0) {
    reasons.push(`사업 시작일(${formatKoreanDate(startOn)})이 오늘(${formatKoreanDate(today)})보다 앞섭니다. 그 사유를 적어 주세요.`);
  } else if (before && reason.length > START_REASON_MAX) {
    reasons.push(`사업 시작일을 앞당기는 사유는 ${START_REASON_MAX}자 이내로 적어 주세요.`);
  }
  return { allowed: reasons.length === 0, reasons, startReason: before ? reason : null, window };
}

/** checkAgreementStart, throwing DomainError('agreement_start_refused') with every reason when refused. */
export function assertAgreementStart(input: AgreementStartInput, params: ProgramParams): AgreementStartCheck {
  const check = checkAgreementStart(input, params);
  if (!check.allowed) throw new DomainError("agreement_start_refused", check.reasons[0], check.reasons);
  return check;
}

// ─── Consents ───────────────────────────────────────────────────────────────

/** The terms a consent is given to, as the draft stores them, with the hash of its text. */
export interface DraftTerms {
  startOn: IsoDate;
  baseEndOn: IsoDate;
  agreedCost: number;
  subsidy: number;
  companyShare: number;
  textHash: string;
}

const TERM_LABELS: Readonly<Record<Exclude<keyof DraftTerms, "textHash">, string>> = {
  startOn: "사업 시작일",
  baseEndOn: "사업 종료일",
  agreedCost: "협약금액",
  subsidy: "정부지원금",
  companyShare: "기업부담금",
};

export interface ConsentReset {
  /** The consents given to the earlier draft no longer count (AgreementConsent.clearedAt). */
  clear: boolean;
  /** What changed, in Korean ("사업 시작일", "협약금액" …), for the notice to the parties. */
  changes: string[];
}

/**
 * Whether a new draft voids the consents given to the previous one. A consent is given to an exact
 * text: any change of the figures or the period, or of anything else the text says (an item, a
 * party's representative), clears it; the same terms prepared again (the same text) keep it.
 */
export function consentReset(before: DraftTerms | null, after: DraftTerms): ConsentReset {
  if (before === null) return { clear: false, changes: [] };
  const keys = Object.keys(TERM_LABELS) as (keyof typeof TERM_LABELS)[];
  const changes = keys.filter((key) => before[key] !== after[key]).map((key) => TERM_LABELS[key]);
  if (changes.length === 0 && before.textHash !== after.textHash) changes.push("협약서 내용");
  return { clear: changes.length > 0, changes };
}

/** One company's consent as recorded. */
export interface ConsentRecord {
  party: string;
  textHash: string;
  clearedAt: Date | string | null;
}

/**
 * The consent of each company that counts for the draft whose text hashes to `draftHash`: not
 * cleared and given to that very text. `waitingFor`: the companies whose consent is still missing.
 */
export function consentsOf<C extends ConsentRecord>(
  consents: readonly C[],
  draftHash: string,
): { manufacturer: C | null; supplier: C | null; waitingFor: CompanyRole[] } {
  const live = (party: CompanyRole) => consents.find((c) => c.party === party && c.clearedAt === null && c.textHash === draftHash) ?? null;
  const manufacturer = live("manufacturer");
  const supplier = live("supplier");
  const waitingFor: CompanyRole[] = [];
  if (!manufacturer) waitingFor.push("manufacturer");
  if (!supplier) waitingFor.push("supplier");
  return { manufacturer, supplier, waitingFor };
}
