import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { GYEONGGI_2024_PARAMS as P } from "./params";
import {
  PAYMENT_KIND_LABELS,
  SETTLEMENT_EVIDENCE_LABELS,
  labelOf,
  purchasesNotPaidInAdvance,
  settlementFigures,
  shareStatus,
} from "./settlement";

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : "not-domain";
  }
  return null;
}

describe("settlementFigures (정산)", () => {
  it("recomputes the subsidy on a lower actual cost: the notice's figures", () => {
    expect(settlementFigures({ agreedCost: 28_000_000, agreedSubsidy: 14_000_000, actualCost: 26_000_001, paid: 14_000_000 }, P)).toEqual({
      actualCost: 26_000_001,
      subsidy: 13_000_000,
      refundDue: 1_000_000,
      recomputed: true,
    });
  });

  it("keeps the agreed subsidy when the actual cost is above the agreed cost (the agreement caps it)", () => {
    expect(settlementFigures({ agreedCost: 28_000_000, agreedSubsidy: 14_000_000, actualCost: 31_000_000, paid: 14_000_000 }, P)).toEqual({
      actualCost: 31_000_000,
      subsidy: 14_000_000,
      refundDue: 0,
      recomputed: false,
    });
  });

  it("keeps the agreed subsidy on an actual cost equal to the agreed cost", () => {
    const f = settlementFigures({ agreedCost: 28_000_000, agreedSubsidy: 14_000_000, actualCost: 28_000_000, paid: 14_000_000 }, P);
    expect(f).toMatchObject({ subsidy: 14_000_000, refundDue: 0, recomputed: false });
  });

  it("applies the cap on the recomputed subsidy (36,000,000 → 34,000,000 stays at 16,000,000)", () => {
    const f = settlementFigures({ agreedCost: 36_000_000, agreedSubsidy: 16_000_000, actualCost: 34_000_000, paid: 16_000_000 }, P);
    expect(f).toMatchObject({ subsidy: 16_000_000, refundDue: 0, recomputed: true });
  });

  it("never returns a negative amount when less than the recomputed subsidy was paid", () => {
    const f = settlementFigures({ agreedCost: 28_000_000, agreedSubsidy: 14_000_000, actualCost: 20_000_000, paid: 5_000_000 }, P);
    expect(f).toMatchObject({ subsidy: 10_000_000, refundDue: 0 });
  });

  it("never earns more than the agreed subsidy, even by the rule on a lower cost", () => {
    // an agreement whose subsidy was set lower than the rule gives (e.g. an older program's rate)
    const f = settlementFigures({ agreedCost: 28_000_000, agreedSubsidy: 10_000_000, actualCost: 26_000_000, paid: 10_000_000 }, P);
    expect(f).toMatchObject({ subsidy: 10_000_000, refundDue: 0 });
  });

  it.each([
    [{ agreedCost: -1, agreedSubsidy: 0, actualCost: 0, paid: 0 }, "amount_negative"],
    [{ agreedCost: 0, agreedSubsidy: 0.5, actualCost: 0, paid: 0 }, "amount_fractional"],
    [{ agreedCost: 0, agreedSubsidy: 0, actualCost: Number.NaN, paid: 0 }, "amount_not_number"],
    [{ agreedCost: 0, agreedSubsidy: 0, actualCost: 0, paid: -3 }, "amount_negative"],
  ])("refuses %o with %s", (input, code) => {
    expect(codeOf(() => settlementFigures(input, P))).toBe(code);
  });

  it("names the actual cost in Korean", () => {
    expect(() => settlementFigures({ agreedCost: 1, agreedSubsidy: 0, actualCost: 1.5, paid: 0 }, P)).toThrow("실제 사업비는 정수여야 합니다");
  });
});

describe("shareStatus (기업부담금)", () => {
  it("counts the confirmed deposits against the company share", () => {
    expect(shareStatus(14_000_000, [4_000_000, 3_000_000])).toEqual({ confirmed: 7_000_000, remaining: 7_000_000, covered: false });
    expect(shareStatus(14_000_000, [14_000_000])).toEqual({ confirmed: 14_000_000, remaining: 0, covered: true });
    expect(shareStatus(14_000_000, [15_000_000])).toEqual({ confirmed: 15_000_000, remaining: 0, covered: true });
    expect(shareStatus(0, [])).toEqual({ confirmed: 0, remaining: 0, covered: true });
  });

  it("refuses a share that is not whole won", () => {
    expect(codeOf(() => shareStatus(-1, []))).toBe("amount_negative");
  });
});

describe("purchasesNotPaidInAdvance (선금 완납)", () => {
  it("flags only the purchases not paid in full in advance, with a Korean warning", () => {
    const flagged = purchasesNotPaidInAdvance([
      { vendorName: "한빛부품", amount: 3_000_000, paidInFullInAdvance: true },
      { vendorName: "대한센서", amount: 1_200_000, paidInFullInAdvance: false },
    ]);
    expect(flagged).toHaveLength(1);
    expect(flagged[0].vendorName).toBe("대한센서");
    expect(flagged[0].warning).toContain("선금 완납이 아닌 거래입니다");
  });
});

describe("labels", () => {
  it("names kinds in Korean, an unknown stored kind as it is", () => {
    expect(labelOf(PAYMENT_KIND_LABELS, "advance")).toBe("선금");
    expect(labelOf(PAYMENT_KIND_LABELS, "balance")).toBe("잔금");
    expect(labelOf(SETTLEMENT_EVIDENCE_LABELS, "tax_invoice")).toBe("세금계산서");
    expect(labelOf(SETTLEMENT_EVIDENCE_LABELS, "legacy")).toBe("legacy");
  });
});
