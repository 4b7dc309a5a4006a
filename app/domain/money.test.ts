import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { DomainError } from "./errors";
import {
  agreedCost,
  agreementAmounts,
  assertAmount,
  assertPayment,
  describeAmounts,
  expectedSubsidy,
  lineAmount,
  paymentTotals,
  quoteTotal,
  remainingBudget,
  subsidyFor,
  verifiedLineAmounts,
} from "./money";
import { GYEONGGI_2024_PARAMS as P, type ProgramParams } from "./params";

const MAX = Number.MAX_SAFE_INTEGER;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return "no error";
}

describe("agreementAmounts (2024 Gyeonggi figures)", () => {
  it.each([
    { quote: 30_000_000, verified: 28_000_000, agreed: 28_000_000, subsidy: 14_000_000, share: 14_000_000 },
    { quote: 40_000_000, verified: 36_000_000, agreed: 36_000_000, subsidy: 16_000_000, share: 20_000_000 },
    { quote: 10_000_001, verified: 12_000_000, agreed: 10_000_001, subsidy: 5_000_000, share: 5_000_001 },
    { quote: 32_000_000, verified: 32_000_000, agreed: 32_000_000, subsidy: 16_000_000, share: 16_000_000 },
  ])("quote $quote · verified $verified → $agreed · $subsidy · $share", ({ quote, verified, agreed, subsidy, share }) => {
    expect(agreementAmounts({ quoteTotal: quote, verifiedAmount: verified }, P)).toEqual({
      agreedCost: agreed,
      subsidy,
      companyShare: share,
      provisional: false,
    });
  });

  it("before the cost review the amounts are provisional, on the quote", () => {
    expect(agreementAmounts({ quoteTotal: 30_000_000, verifiedAmount: null }, P)).toEqual({
      agreedCost: 30_000_000,
      subsidy: 15_000_000,
      companyShare: 15_000_000,
      provisional: true,
    });
  });

  it("describes the amounts in Korean", () => {
    const final = agreementAmounts({ quoteTotal: 30_000_000, verifiedAmount: 28_000_000 }, P);
    expect(describeAmounts(final)).toBe("협약금액 28,000,000원 · 정부지원금 14,000,000원 · 기업부담금 14,000,000원");
    const provisional = agreementAmounts({ quoteTotal: 30_000_000, verifiedAmount: null }, P);
    expect(describeAmounts(provisional)).toMatch(/\(원가검토 전 예상\)$/);
  });
});

describe("quoteTotal", () => {
  it("sums quantity × unit price", () => {
    expect(
      quoteTotal([
        { quantity: 2, unitPrice: 3_500_000 },
        { quantity: 1, unitPrice: 12_000_000 },
        { quantity: 40, unitPrice: 250_000 },
      ]),
    ).toBe(29_000_000);
    expect(quoteTotal([])).toBe(0);
    expect(lineAmount({ quantity: 3, unitPrice: 1_000_001 })).toBe(3_000_003);
  });

  it.each([
    [[{ quantity: -1, unitPrice: 1000 }], "amount_negative"],
    [[{ quantity: 1, unitPrice: -1000 }], "amount_negative"],
    [[{ quantity: 1.5, unitPrice: 1000 }], "amount_fractional"],
    [[{ quantity: 1, unitPrice: 999.9 }], "amount_fractional"],
    [[{ quantity: Number.NaN, unitPrice: 1000 }], "amount_not_number"],
    [[{ quantity: 1, unitPrice: Number.POSITIVE_INFINITY }], "amount_not_number"],
    [[{ quantity: 1, unitPrice: MAX + 2 }], "amount_too_large"],
    [[{ quantity: 2, unitPrice: 2 ** 52 }], "amount_too_large"],
    [
      [
        { quantity: 1, unitPrice: MAX },
        { quantity: 1, unitPrice: 1 },
      ],
      "amount_too_large",
    ],
  ])("refuses %j with %s", (lines, code) => {
    expect(codeOf(() => quoteTotal(lines))).toBe(code);
  });

  it("says which line is wrong, in Korean", () => {
    expect(() =>
      quoteTotal([
        { quantity: 1, unitPrice: 1 },
        { quantity: 1, unitPrice: -5 },
      ]),
    ).toThrow("2번째 항목의 단가는 0 이상이어야 합니다 (-5).");
    expect(() => quoteTotal([{ quantity: 2, unitPrice: 2 ** 52 }])).toThrow(/1번째 항목의 금액이 너무 큽니다/);
    expect(() =>
      quoteTotal([
        { quantity: 1, unitPrice: MAX },
        { quantity: 1, unitPrice: 1 },
      ]),
    ).toThrow(/견적금액이 너무 큽니다/);
  });

  it("accepts the largest safe total exactly", () => {
    expect(
      quoteTotal([
        { quantity: 1, unitPrice: MAX - 1 },
        { quantity: 1, unitPrice: 1 },
      ]),
    ).toBe(MAX);
  });

  it("assertAmount accepts whole won", () => {
    expect(() => assertAmount(0, "견적금액")).not.toThrow();
    expect(() => assertAmount(MAX, "견적금액")).not.toThrow();
  });
});

describe("agreedCost, subsidyFor, expectedSubsidy, remainingBudget", () => {
  it("agreed cost is the lower of quote and verified amount", () => {
    expect(agreedCost(30_000_000, 28_000_000)).toBe(28_000_000);
    expect(agreedCost(30_000_000, 31_000_000)).toBe(30_000_000);
    expect(agreedCost(30_000_000, null)).toBe(30_000_000);
    expect(() => agreedCost(30_000_000, -1)).toThrow("원가검증금액은 0 이상이어야 합니다 (-1).");
    expect(() => agreedCost(-1, null)).toThrow(/견적금액은/);
  });

  it("subsidy rounds down to the won and stops at the cap", () => {
    expect(subsidyFor(10_000_001, P)).toBe(5_000_000);
    expect(subsidyFor(1, P)).toBe(0);
    expect(subsidyFor(32_000_001, P)).toBe(16_000_000);
    expect(subsidyFor(MAX, { ...P, subsidyCap: MAX })).toBe(Math.floor(MAX / 2));
    expect(subsidyFor(7, { ...P, subsidyRateBp: 3333, subsidyCap: MAX })).toBe(2); // 7 × 0.3333 = 2.33
  });

  it("is exact where floating point would not be", () => {
    // MAX × 9999 / 10000 overflows doubles' precision; BigInt keeps it exact.
    const expected = (BigInt(MAX) * 9999n) / 10000n;
    expect(subsidyFor(MAX, { ...P, subsidyRateBp: 9999, subsidyCap: MAX })).toBe(Number(expected));
  });

  it("refuses invalid parameters", () => {
    expect(codeOf(() => subsidyFor(1000, { ...P, subsidyRateBp: 10001 }))).toBe("invalid_params");
  });

  it("expected subsidy: on the quote, or the cap without one", () => {
    expect(expectedSubsidy(30_000_000, P)).toBe(15_000_000);
    expect(expectedSubsidy(null, P)).toBe(16_000_000);
  });

  it("remaining budget never goes below zero", () => {
    expect(remainingBudget(0, P)).toBe(1_024_000_000);
    expect(remainingBudget(1_000_000_000, P)).toBe(24_000_000);
    expect(remainingBudget(2_000_000_000, P)).toBe(0);
    expect(() => remainingBudget(-1, P)).toThrow(/배정된 정부지원금/);
  });
});

describe("assertPayment (사업비 지급)", () => {
  it.each([
    { amount: 14_000_000, subsidy: 14_000_000 },
    { amount: 1, subsidy: 14_000_000 },
    { amount: 5_000_000, subsidy: null },
  ])("accepts $amount against subsidy $subsidy", ({ amount, subsidy }) => {
    expect(() => assertPayment(amount, subsidy)).not.toThrow();
  });

  it.each([
    { amount: 14_000_001, subsidy: 14_000_000, code: "payment_over_subsidy" },
    { amount: 0, subsidy: 14_000_000, code: "payment_zero" },
    { amount: 0, subsidy: null, code: "payment_zero" },
    { amount: 0, subsidy: 0, code: "payment_zero" },
    { amount: 1, subsidy: 0, code: "payment_over_subsidy" },
    { amount: -1, subsidy: 14_000_000, code: "amount_negative" },
    { amount: 1.5, subsidy: 14_000_000, code: "amount_fractional" },
    { amount: Number.NaN, subsidy: null, code: "amount_not_number" },
    { amount: 1, subsidy: -1, code: "amount_negative" },
  ])("refuses $amount against subsidy $subsidy with $code", ({ amount, subsidy, code }) => {
    expect(codeOf(() => assertPayment(amount, subsidy))).toBe(code);
  });

  it("says why in Korean", () => {
    expect(() => assertPayment(15_000_000, 14_000_000)).toThrow("지급액(15,000,000원)이 협약 정부지원금(14,000,000원)을 넘을 수 없습니다.");
    expect(() => assertPayment(0, 14_000_000)).toThrow("지급액은 1원 이상이어야 합니다.");
    expect(() => assertPayment(-5, null)).toThrow("지급액은 0 이상이어야 합니다 (-5).");
    expect(() => assertPayment(1, 0.5)).toThrow("정부지원금은 정수여야 합니다 (0.5).");
  });

  it("counts the payments so far: paid + amount ≤ subsidy, the refusal names what remains", () => {
    expect(() => assertPayment(7_000_000, 14_000_000, 7_000_000)).not.toThrow();
    expect(codeOf(() => assertPayment(7_000_001, 14_000_000, 7_000_000))).toBe("payment_over_subsidy");
    expect(() => assertPayment(8_000_000, 14_000_000, 7_000_000)).toThrow(
      "지급액(8,000,000원)이 이미 지급한 7,000,000원과 합쳐 협약 정부지원금(14,000,000원)을 넘을 수 없습니다. 남은 지급 가능액은 7,000,000원입니다.",
    );
    expect(() => assertPayment(15_000_000, 14_000_000)).toThrow("남은 지급 가능액은 14,000,000원입니다.");
    // paid beyond the subsidy already (an older rule's row): nothing remains, never a negative figure
    expect(() => assertPayment(1, 14_000_000, 15_000_000)).toThrow("남은 지급 가능액은 0원입니다.");
    expect(codeOf(() => assertPayment(1, 14_000_000, -1))).toBe("amount_negative");
    // two safe amounts never overflow the comparison
    expect(codeOf(() => assertPayment(MAX, MAX, MAX))).toBe("payment_over_subsidy");
  });
});

describe("paymentTotals (지급 누계 / 잔액)", () => {
  it("adds the payments and what remains of the subsidy, never below 0", () => {
    expect(paymentTotals(14_000_000, [5_000_000, 9_000_000])).toEqual({ paid: 14_000_000, remaining: 0 });
    expect(paymentTotals(14_000_000, [5_000_000])).toEqual({ paid: 5_000_000, remaining: 9_000_000 });
    expect(paymentTotals(14_000_000, [15_000_000])).toEqual({ paid: 15_000_000, remaining: 0 });
    expect(codeOf(() => paymentTotals(-1, []))).toBe("amount_negative");
  });
});

describe("verifiedLineAmounts (항목별 원가검증금액)", () => {
  const ids = ["a", "b", "c"];
  type Row = { name: string; entered: Record<string, number>; verified: number; kept: { lineId: string; amount: number }[] };
  it.each<Row>([
    { name: "none entered", entered: {}, verified: 30_000_000, kept: [] },
    { name: "some entered: no sum check", entered: { a: 1_000 }, verified: 30_000_000, kept: [{ lineId: "a", amount: 1_000 }] },
    {
      name: "all entered, adding up",
      entered: { c: 5_000_000, a: 20_000_000, b: 5_000_000 },
      verified: 30_000_000,
      kept: [
        { lineId: "a", amount: 20_000_000 },
        { lineId: "b", amount: 5_000_000 },
        { lineId: "c", amount: 5_000_000 },
      ],
    },
    { name: "foreign ids ignored", entered: { x: 1, a: 2 }, verified: 30_000_000, kept: [{ lineId: "a", amount: 2 }] },
    { name: "inherited keys ignored", entered: Object.create({ a: 7 }) as Record<string, number>, verified: 1, kept: [] },
    {
      name: "all zero",
      entered: { a: 0, b: 0, c: 0 },
      verified: 0,
      kept: [
        { lineId: "a", amount: 0 },
        { lineId: "b", amount: 0 },
        { lineId: "c", amount: 0 },
      ],
    },
  ])("$name", ({ entered, verified, kept }) => {
    expect(verifiedLineAmounts(ids, entered, verified)).toEqual(kept);
  });

  it("an empty quote keeps nothing and checks nothing", () => {
    expect(verifiedLineAmounts([], { a: 1 }, 5)).toEqual([]);
  });

  it.each<{ entered: Record<string, number>; verified: number; code: string }>([
    { entered: { a: 5_000_000, b: 20_000_000, c: 0 }, verified: 30_000_000, code: "line_sum_mismatch" },
    { entered: { a: 5_000_000, b: 25_000_000, c: 1 }, verified: 30_000_000, code: "line_sum_mismatch" },
    { entered: { a: MAX, b: MAX, c: 0 }, verified: MAX, code: "amount_too_large" },
    { entered: { a: 1, b: -1 }, verified: 0, code: "amount_negative" },
    { entered: { a: 1.5 }, verified: 0, code: "amount_fractional" },
    { entered: {}, verified: -1, code: "amount_negative" },
    { entered: {}, verified: Number.POSITIVE_INFINITY, code: "amount_not_number" },
  ])("refuses $entered for $verified with $code", ({ entered, verified, code }) => {
    expect(codeOf(() => verifiedLineAmounts(ids, entered, verified))).toBe(code);
  });

  it("says why in Korean, naming the line", () => {
    expect(() => verifiedLineAmounts(ids, { a: 5_000_000, b: 20_000_000, c: 0 }, 30_000_000)).toThrow(
      "항목별 원가검증금액의 합계(25,000,000원)가 원가검증금액(30,000,000원)과 다릅니다.",
    );
    expect(() => verifiedLineAmounts(ids, { b: -3 }, 30_000_000)).toThrow("2번째 항목의 원가검증금액은 0 이상이어야 합니다 (-3).");
    expect(() => verifiedLineAmounts(ids, { a: MAX, b: MAX, c: 0 }, MAX)).toThrow(/항목별 원가검증금액의 합계가 너무 큽니다/);
  });

  it("the kept amounts add up to the verified total whenever every line has one (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 2 ** 43 }),
        (amounts, verified) => {
          const lineIds = amounts.map((_, i) => `line-${i}`);
          const entered = Object.fromEntries(lineIds.map((id, i) => [id, amounts[i]]));
          const exact = amounts.reduce((s, a) => s + a, 0);
          if (exact === verified) expect(verifiedLineAmounts(lineIds, entered, verified).map((l) => l.amount)).toEqual(amounts);
          else expect(codeOf(() => verifiedLineAmounts(lineIds, entered, verified))).toBe("line_sum_mismatch");
        },
      ),
    );
  });
});

describe("properties", () => {
  const money = fc.integer({ min: 0, max: MAX });
  const params: fc.Arbitrary<ProgramParams> = fc.record({
    ...Object.fromEntries(Object.entries(P).map(([k, v]) => [k, fc.constant(v)])),
    subsidyRateBp: fc.integer({ min: 0, max: 10000 }),
    subsidyCap: money,
  }) as fc.Arbitrary<ProgramParams>;

  it("subsidy ≤ cap, subsidy ≤ floor(agreed × rate), subsidy + share = agreed, agreed ≤ quote", () => {
    fc.assert(
      fc.property(money, fc.option(money, { nil: null }), params, (quote, verified, p) => {
        const a = agreementAmounts({ quoteTotal: quote, verifiedAmount: verified }, p);
        expect(a.subsidy).toBeLessThanOrEqual(p.subsidyCap);
        expect(BigInt(a.subsidy)).toBeLessThanOrEqual((BigInt(a.agreedCost) * BigInt(p.subsidyRateBp)) / 10000n);
        expect(a.subsidy + a.companyShare).toBe(a.agreedCost);
        expect(a.agreedCost).toBeLessThanOrEqual(quote);
        if (verified !== null) expect(a.agreedCost).toBeLessThanOrEqual(verified);
        expect(a.subsidy).toBeGreaterThanOrEqual(0);
        expect(a.companyShare).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it("quoteTotal equals the exact BigInt sum whenever it is safe, and refuses otherwise", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ quantity: fc.integer({ min: 0, max: 1000 }), unitPrice: money }), { maxLength: 5 }), (lines) => {
        const exact = lines.reduce((s, l) => s + BigInt(l.quantity) * BigInt(l.unitPrice), 0n);
        if (exact <= BigInt(MAX)) expect(quoteTotal(lines)).toBe(Number(exact));
        else expect(codeOf(() => quoteTotal(lines))).toBe("amount_too_large");
      }),
    );
  });
});
