import { describe, expect, it } from "vitest";
import { NO_FIGURES, figureBasisLabel, ticketFigures } from "./figures";
import { agreementAmounts } from "./money";
import { GYEONGGI_2024_PARAMS as P } from "./params";

const NONE = { quoteTotal: null, review: null, agreement: null, payments: [] };

describe("ticketFigures", () => {
  it("has nothing to compute before a quote", () => {
    expect(ticketFigures(NONE, P)).toEqual(NO_FIGURES);
    expect(Object.values(NO_FIGURES).filter((v) => v !== null)).toEqual([0, false]); // no amount, no basis
  });

  it("estimates from the latest quote before the cost review (the money rule, capped)", () => {
    const f = ticketFigures({ ...NONE, quoteTotal: 34_000_000 }, P);
    expect(f).toMatchObject({ quoteTotal: 34_000_000, agreedCost: 34_000_000, subsidy: 16_000_000, companyShare: 18_000_000 });
    expect(f).toMatchObject({ basis: "quote", estimate: true, verifiedAmount: null });
  });

  it("takes the cost review's result (the lower amount) once there is one, on the quote it reviewed", () => {
    const f = ticketFigures({ ...NONE, quoteTotal: 30_000_000, review: { quoteTotal: 30_000_000, verifiedAmount: 28_000_000 } }, P);
    const rule = agreementAmounts({ quoteTotal: 30_000_000, verifiedAmount: 28_000_000 }, P);
    expect(f).toMatchObject({ agreedCost: rule.agreedCost, subsidy: rule.subsidy, companyShare: rule.companyShare });
    expect(f).toMatchObject({ verifiedAmount: 28_000_000, basis: "cost_review", estimate: false });
  });

  it("reads the concluded agreement's amounts (as changed since) and adds up the payments", () => {
    const agreement = { agreedCost: 20_000_000, subsidy: 10_000_000, companyShare: 10_000_000 };
    const f = ticketFigures(
      { quoteTotal: 22_000_000, review: { quoteTotal: 22_000_000, verifiedAmount: 21_000_000 }, agreement, payments: [5_000_000, 4_000_000] },
      P,
    );
    expect(f).toEqual({
      quoteTotal: 22_000_000,
      verifiedAmount: 21_000_000,
      ...agreement,
      paid: 9_000_000,
      basis: "agreement",
      estimate: false,
    });
  });
});

describe("figureBasisLabel", () => {
  it("names each basis in Korean, and nothing without one", () => {
    expect(figureBasisLabel("quote")).toContain("예상");
    expect(figureBasisLabel("cost_review")).toContain("원가적정성 검토 결과");
    expect(figureBasisLabel("agreement")).toBe("협약");
    expect(figureBasisLabel(null)).toBe("");
  });
});
