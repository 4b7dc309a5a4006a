/**
 * The money after the agreement: the company's share (기업부담금) deposited before any subsidy
 * payment, and the settlement (정산) at the end — what was actually spent, the subsidy recomputed by
 * the agreement's own rule (50 %, cap: subsidyFor) when it was less, and what is to be returned.
 * 공고 5. 유의사항: "교부 보조금의 관리집행은 … 도입기업의 책임하에 진행"; "공급기업은 부품구입 등 목적으로
 * 협약 당사자 외 기업과 거래 시 선금 완납을 통해 거래를 진행".
 */
import { assertAmount, subsidyFor } from "./money";
import { MONEY_LABELS } from "./labels";
import type { ProgramParams } from "./params";

export const PAYMENT_KINDS = ["advance", "interim", "balance", "other"] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const PAYMENT_KIND_LABELS: Readonly<Record<PaymentKind, string>> = {
  advance: "선금",
  interim: "중도금",
  balance: "잔금",
  other: "기타",
};

export const SETTLEMENT_EVIDENCE_KINDS = ["tax_invoice", "transfer_receipt", "other"] as const;
export type SettlementEvidenceKind = (typeof SETTLEMENT_EVIDENCE_KINDS)[number];
export const SETTLEMENT_EVIDENCE_LABELS: Readonly<Record<SettlementEvidenceKind, string>> = {
  tax_invoice: "세금계산서",
  transfer_receipt: "이체확인증",
  other: "기타 증빙",
};

export const SHARE_DEPOSIT_STATUS_LABELS: Readonly<Record<string, string>> = {
  submitted: "확인 대기",
  confirmed: "확인됨",
  refused: "반려",
};

export const SETTLEMENT_STATUS_LABELS: Readonly<Record<string, string>> = {
  open: "작성 중",
  submitted: "제출됨(운영기관 확인 대기)",
  confirmed: "확인 완료",
  returned: "보완 요청",
};

/** The label of a stored kind; an unknown one is shown as it is (never a crash on old rows). */
export function labelOf(labels: Readonly<Record<string, string>>, kind: string): string {
  return labels[kind] ?? kind;
}

export interface ShareStatus {
  /** The confirmed deposits together. */
  confirmed: number;
  /** 기업부담금 still to deposit (never below 0). */
  remaining: number;
  /** True once the confirmed deposits reach the company share (the guard shareDepositConfirmed). */
  covered: boolean;
}

/** How much of the company share (기업부담금) the confirmed deposits cover. */
export function shareStatus(companyShare: number, confirmedAmounts: readonly number[]): ShareStatus {
  assertAmount(companyShare, MONEY_LABELS.companyShare);
  const confirmed = confirmedAmounts.reduce((sum, a) => sum + a, 0);
  return { confirmed, remaining: Math.max(0, companyShare - confirmed), covered: confirmed >= companyShare };
}

export interface SettlementInput {
  /** 협약금액. */
  agreedCost: number;
  /** The agreed 정부지원금. */
  agreedSubsidy: number;
  /** 실제 사업비, as the manufacturer settles it. */
  actualCost: number;
  /** The subsidy paid so far (지급 누계). */
  paid: number;
}

export interface SettlementFigures {
  actualCost: number;
  /** The subsidy the actual cost earns: recomputed when lower than the agreed cost, else the agreed one. */
  subsidy: number;
  /** 반환액 = paid − subsidy, never negative. */
  refundDue: number;
  /** The actual cost was below the agreed cost, so the subsidy was recomputed. */
  recomputed: boolean;
}

/**
 * 정산: an actual cost below the agreed cost earns the subsidy of the same rule (subsidyFor: 50 %, cap),
 * never more than the agreed one; an actual cost above it keeps the agreed subsidy (the agreement caps
 * it). The amount to return is what was paid beyond that. The notice's figures: agreed 28,000,000 →
 * actual 26,000,001 → subsidy 13,000,000; with 14,000,000 paid, 1,000,000 to return.
 */
export function settlementFigures(input: SettlementInput, params: ProgramParams): SettlementFigures {
  assertAmount(input.agreedCost, MONEY_LABELS.agreedCost);
  assertAmount(input.agreedSubsidy, MONEY_LABELS.subsidy);
  assertAmount(input.actualCost, "실제 사업비");
  assertAmount(input.paid, "지급 누계");
  const recomputed = input.actualCost < input.agreedCost;
  const subsidy = recomputed ? Math.min(subsidyFor(input.actualCost, params), input.agreedSubsidy) : input.agreedSubsidy;
  return { actualCost: input.actualCost, subsidy, refundDue: Math.max(0, input.paid - subsidy), recomputed };
}

/** A purchase of parts from a company outside the agreement (부품구입). */
export interface PartPurchaseFacts {
  vendorName: string;
  amount: number;
  paidInFullInAdvance: boolean;
}

/**
 * The purchases that break the notice's rule (not paid in full in advance: 선금 완납), each with a Korean
 * line for the TP to read before confirming the settlement.
 */
export function purchasesNotPaidInAdvance<T extends PartPurchaseFacts>(purchases: readonly T[]): (T & { warning: string })[] {
  return purchases
    .filter((p) => !p.paidInFullInAdvance)
    .map((p) => ({
      ...p,
      warning: `${p.vendorName}: 선금 완납이 아닌 거래입니다 (공고 5. 유의사항: 협약 당사자 외 기업과 거래 시 선금 완납).`,
    }));
}
