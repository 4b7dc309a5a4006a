/**
 * Money of the program: whole won (safe integers), never floats. 공고 1. 지원조건:
 * "소요비용의 50% 지원(최대 16백만원)", "정부지원금 한도 … 총 사업비의 50% 이내".
 */
import { DomainError } from "./errors";
import { formatKRW, josa } from "./format";
import { MONEY_LABELS } from "./labels";
import { assertValidParams, type ProgramParams } from "./params";

/** One line of a supplier's quote (견적). */
export interface QuoteLineInput {
  quantity: number;
  unitPrice: number;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Throws DomainError unless `value` is a whole number of won from 0 to Number.MAX_SAFE_INTEGER.
 * Codes: 'amount_not_number' (NaN, ±Infinity), 'amount_negative', 'amount_fractional',
 * 'amount_too_large'. `label` names the amount in the Korean message, e.g. '견적금액'.
 */
export function assertAmount(value: number, label: string): void {
  if (!Number.isFinite(value)) {
    throw new DomainError("amount_not_number", `${josa(label, "이", "가")} 숫자가 아닙니다.`);
  }
  if (value < 0) {
    throw new DomainError("amount_negative", `${josa(label, "은", "는")} 0 이상이어야 합니다 (${String(value)}).`);
  }
  if (!Number.isInteger(value)) {
    throw new DomainError("amount_fractional", `${josa(label, "은", "는")} 정수여야 합니다 (${String(value)}).`);
  }
  if (value > Number.MAX_SAFE_INTEGER) {
    throw new DomainError("amount_too_large", `${josa(label, "이", "가")} 너무 큽니다 (최대 ${formatKRW(Number.MAX_SAFE_INTEGER)}).`);
  }
}

function safeOrThrow(value: bigint, label: string): number {
  if (value > MAX_SAFE) {
    throw new DomainError("amount_too_large", `${josa(label, "이", "가")} 너무 큽니다 (최대 ${formatKRW(Number.MAX_SAFE_INTEGER)}).`);
  }
  return Number(value);
}

/**
 * 견적금액: Σ quantity × unitPrice over the lines, exact (BigInt). Quantities and unit prices
 * must be whole numbers ≥ 0; a product or a sum beyond Number.MAX_SAFE_INTEGER is refused
 * with 'amount_too_large'. An empty quote totals 0.
 */
export function quoteTotal(lines: readonly QuoteLineInput[]): number {
  let sum = 0n;
  lines.forEach((line, index) => {
    const n = index + 1;
    assertAmount(line.quantity, `${n}번째 항목의 수량`);
    assertAmount(line.unitPrice, `${n}번째 항목의 단가`);
    const amount = BigInt(line.quantity) * BigInt(line.unitPrice);
    safeOrThrow(amount, `${n}번째 항목의 금액`);
    sum += amount;
  });
  return safeOrThrow(sum, MONEY_LABELS.quoteTotal);
}

/** One line's amount (수량 × 단가), exact; same refusals as {@link quoteTotal}. */
export function lineAmount(line: QuoteLineInput): number {
  return quoteTotal([line]);
}

/**
 * 협약금액: the lower of the quote total and the cost review's verified amount (공고 4.
 * 현장평가 적합성: "원가검증 결과 산출된 금액이 공급기업 견적 대비 낮을 경우, 낮은 금액으로 협약").
 * Before the cost review (`verifiedAmount` null) it is the quote total, provisionally.
 */
export function agreedCost(quoteTotalAmount: number, verifiedAmount: number | null): number {
  assertAmount(quoteTotalAmount, MONEY_LABELS.quoteTotal);
  if (verifiedAmount === null) return quoteTotalAmount;
  assertAmount(verifiedAmount, MONEY_LABELS.verifiedAmount);
  return Math.min(quoteTotalAmount, verifiedAmount);
}

/**
 * 정부지원금 = min(floor(agreed × subsidyRateBp / 10000), subsidyCap), computed with BigInt so
 * it is exact for every safe integer (공고 1. "총 사업비의 50% 이내", "최대 16백만원").
 */
export function subsidyFor(agreed: number, params: ProgramParams): number {
  assertValidParams(params);
  assertAmount(agreed, MONEY_LABELS.agreedCost);
  const byRate = Number((BigInt(agreed) * BigInt(params.subsidyRateBp)) / 10000n);
  return Math.min(byRate, params.subsidyCap);
}

/**
 * The subsidy to reserve against the program budget for a ticket not yet agreed: on the quote
 * total when there is one (the agreed cost can only be lower), else the cap.
 */
export function expectedSubsidy(quoteTotalAmount: number | null, params: ProgramParams): number {
  if (quoteTotalAmount !== null) return subsidyFor(quoteTotalAmount, params);
  assertValidParams(params);
  return params.subsidyCap;
}

export interface AgreementAmounts {
  /** 협약금액 (= 총사업비). */
  agreedCost: number;
  /** 정부지원금. */
  subsidy: number;
  /** 기업부담금 = agreedCost − subsidy. */
  companyShare: number;
  /** True while there is no cost-review result yet (amounts computed on the quote). */
  provisional: boolean;
}

/**
 * The three amounts of the agreement (협약): agreed cost, subsidy, company share.
 * quote 30,000,000 · verified 28,000,000 → 28,000,000 · 14,000,000 · 14,000,000;
 * quote 40,000,000 · verified 36,000,000 → 36,000,000 · 16,000,000 (cap) · 20,000,000.
 */
export function agreementAmounts(input: { quoteTotal: number; verifiedAmount: number | null }, params: ProgramParams): AgreementAmounts {
  const agreed = agreedCost(input.quoteTotal, input.verifiedAmount);
  const subsidy = subsidyFor(agreed, params);
  return { agreedCost: agreed, subsidy, companyShare: agreed - subsidy, provisional: input.verifiedAmount === null };
}

/** Remaining program budget after `committedSubsidy` (never below 0). */
export function remainingBudget(committedSubsidy: number, params: ProgramParams): number {
  assertValidParams(params);
  assertAmount(committedSubsidy, "배정된 정부지원금");
  return Math.max(0, params.subsidyBudget - committedSubsidy);
}

/** "협약금액 28,000,000원 · 정부지원금 14,000,000원 · 기업부담금 14,000,000원" for summaries and audit lines. */
export function describeAmounts(amounts: AgreementAmounts): string {
  return (
    [
      `${MONEY_LABELS.agreedCost} ${formatKRW(amounts.agreedCost)}`,
      `${MONEY_LABELS.subsidy} ${formatKRW(amounts.subsidy)}`,
      `${MONEY_LABELS.companyShare} ${formatKRW(amounts.companyShare)}`,
    ].join(" · ") + (amounts.provisional ? " (원가검토 전 예상)" : "")
  );
}

/**
 * 사업비 지급 (one part of the subsidy, e.g. 선금 or 잔금): a whole number of won, at least 1원, and
 * the payments together never more than the agreed 정부지원금 (공고 1. 지원조건): `paidSoFar` + `amount`
 * ≤ `agreedSubsidy`. `agreedSubsidy` null (no agreement on file) skips the ceiling. The refusal names
 * what may still be paid. Codes: those of {@link assertAmount}, 'payment_over_subsidy', 'payment_zero'.
 */
export function assertPayment(amount: number, agreedSubsidy: number | null, paidSoFar = 0): void {
  assertAmount(amount, "지급액");
  if (agreedSubsidy !== null) {
    assertAmount(agreedSubsidy, MONEY_LABELS.subsidy);
    assertAmount(paidSoFar, "지급 누계");
    // compared as a difference, so two safe integers never add up past Number.MAX_SAFE_INTEGER
    if (amount > agreedSubsidy - paidSoFar) {
      const remaining = Math.max(0, agreedSubsidy - paidSoFar);
      const already = paidSoFar > 0 ? `이미 지급한 ${formatKRW(paidSoFar)}과 합쳐 ` : "";
      throw new DomainError(
        "payment_over_subsidy",
        `지급액(${formatKRW(amount)})이 ${already}협약 정부지원금(${formatKRW(agreedSubsidy)})을 넘을 수 없습니다. 남은 지급 가능액은 ${formatKRW(remaining)}입니다.`,
      );
    }
  }
  if (amount < 1) throw new DomainError("payment_zero", "지급액은 1원 이상이어야 합니다.");
}

export interface PaymentTotals {
  /** 지급 누계. */
  paid: number;
  /** 잔액: what of the subsidy is still to pay (never below 0). */
  remaining: number;
}

/** 지급 누계 and 잔액 of the subsidy over the payments recorded (amounts as stored: whole won). */
export function paymentTotals(subsidy: number, amounts: readonly number[]): PaymentTotals {
  assertAmount(subsidy, MONEY_LABELS.subsidy);
  const paid = amounts.reduce((sum, a) => sum + a, 0);
  return { paid, remaining: Math.max(0, subsidy - paid) };
}

/** One quote line's 원가검증금액. */
export interface VerifiedLine {
  lineId: string;
  amount: number;
}

/**
 * 항목별 원가검증금액 of a cost review. Per-line amounts are optional: the ones entered for the
 * quote's own lines are kept, in the quote's order (amounts for other ids are ignored). Once every
 * line has one, they must add up to the 원가검증금액 exactly. Codes: those of {@link assertAmount}
 * (the line is named by its position, e.g. '2번째 항목의 원가검증금액'), 'line_sum_mismatch'.
 */
export function verifiedLineAmounts(
  quoteLineIds: readonly string[],
  entered: Readonly<Record<string, number>>,
  verifiedAmount: number,
): VerifiedLine[] {
  assertAmount(verifiedAmount, MONEY_LABELS.verifiedAmount);
  const lines: VerifiedLine[] = [];
  quoteLineIds.forEach((lineId, index) => {
    if (!Object.prototype.hasOwnProperty.call(entered, lineId)) return;
    const amount = entered[lineId];
    assertAmount(amount, `${index + 1}번째 항목의 ${MONEY_LABELS.verifiedAmount}`);
    lines.push({ lineId, amount });
  });
  if (lines.length > 0 && lines.length === quoteLineIds.length) {
    const label = `항목별 ${MONEY_LABELS.verifiedAmount}의 합계`;
    const sum = safeOrThrow(
      lines.reduce((total, line) => total + BigInt(line.amount), 0n),
      label,
    );
    if (sum !== verifiedAmount) {
      throw new DomainError(
        "line_sum_mismatch",
        `${label}(${formatKRW(sum)})가 ${MONEY_LABELS.verifiedAmount}(${formatKRW(verifiedAmount)})과 다릅니다.`,
      );
    }
  }
  return lines;
}
