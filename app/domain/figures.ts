/**
 * A ticket's figures (견적금액, 원가검증금액, 협약금액 = 사업비, 정부지원금, 기업부담금, 지급액) from one rule, so
 * every page and export shows the same numbers (ADR 039). Before this, the ticket page read the ticket's
 * columns (the quote total; the amounts only once the agreement was concluded) and the agreement page read
 * the confirmed cost review only: the demo's AS-…-0006 (quote 34,000,000원, no cost-review result) showed
 * 34,000,000원 on one page and "—" on the other, and the manufacturer saw no subsidy before the agreement.
 */
import { agreementAmounts } from "./money";
import type { ProgramParams } from "./params";

/** Where the amounts come from: the latest quote (an estimate, 예상), the cost review's result, the concluded agreement. */
export type FigureBasis = "quote" | "cost_review" | "agreement";

export interface FigureFacts {
  /** The latest quote's total (the ticket's 견적금액), null before any quote. */
  quoteTotal: number | null;
  /** The confirmed cost review: the quote total it reviewed and its verified amount; null before a result. */
  review: { quoteTotal: number; verifiedAmount: number } | null;
  /** The concluded agreement's amounts (as changed since), null before the agreement. */
  agreement: { agreedCost: number; subsidy: number; companyShare: number } | null;
  /** The subsidy payments recorded (선금, 잔금 …), whole won. */
  payments: readonly number[];
}

export interface TicketFigures {
  quoteTotal: number | null;
  verifiedAmount: number | null;
  /** 협약금액 (총사업비). */
  agreedCost: number | null;
  subsidy: number | null;
  companyShare: number | null;
  /** 지급액: the subsidy paid so far. */
  paid: number;
  /** null: no quote yet, so nothing to compute. */
  basis: FigureBasis | null;
  /** True while the amounts are an estimate from the quote (shown as 예상). */
  estimate: boolean;
}

/** No figures: before any quote, and what an expert gets (no money of the ticket). */
export const NO_FIGURES: Readonly<TicketFigures> = Object.freeze({
  quoteTotal: null,
  verifiedAmount: null,
  agreedCost: null,
  subsidy: null,
  companyShare: null,
  paid: 0,
  basis: null,
  estimate: false,
});

/**
 * The figures of one ticket: the agreement's amounts once concluded; before, the money rule
 * (agreementAmounts with the program's parameters) on the cost review's result, or on the latest quote
 * as an estimate; nothing without a quote.
 * quote 34,000,000, no review → 34,000,000 · 16,000,000 (cap) · 18,000,000, estimate.
 */
export function ticketFigures(facts: FigureFacts, params: ProgramParams): TicketFigures {
  const paid = facts.payments.reduce((sum, amount) => sum + amount, 0);
  const verifiedAmount = facts.review?.verifiedAmount ?? null;
  const common = { quoteTotal: facts.quoteTotal, verifiedAmount, paid };
  if (facts.agreement) {
    const { agreedCost, subsidy, companyShare } = facts.agreement;
    return { ...common, agreedCost, subsidy, companyShare, basis: "agreement", estimate: false };
  }
  // the amounts are drawn from the quote the cost review verified (as the agreement draft is)
  const base = facts.review ?? (facts.quoteTotal === null ? null : { quoteTotal: facts.quoteTotal, verifiedAmount: null });
  if (!base) return { ...NO_FIGURES, ...common };
  const amounts = agreementAmounts(base, params);
  return {
    ...common,
    agreedCost: amounts.agreedCost,
    subsidy: amounts.subsidy,
    companyShare: amounts.companyShare,
    basis: amounts.provisional ? "quote" : "cost_review",
    estimate: amounts.provisional,
  };
}

/** The Korean note on the amounts' basis: "예상 (최신 견적 기준)", "원가적정성 검토 결과 기준", "협약" or "". */
export function figureBasisLabel(basis: FigureBasis | null): string {
  if (basis === "quote") return "예상 (최신 견적 기준, 원가적정성 검토 전)";
  if (basis === "cost_review") return "원가적정성 검토 결과 기준 (협약 전)";
  return basis === "agreement" ? "협약" : "";
}
