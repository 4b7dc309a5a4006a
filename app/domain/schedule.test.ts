import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { civilPeriodEnd, compareIsoDate } from "./dates";
import { DomainError } from "./errors";
import { GYEONGGI_2024_PARAMS as P } from "./params";
import { checkExtension, executionWindow, extendWindow, planDueDate, revisedPlanDueDate } from "./schedule";

describe("executionWindow (start day included, 민법 제160조)", () => {
  it.each([
    ["2024-03-01", 0, "2024-06-30"],
    ["2024-03-01", 2, "2024-08-31"],
    ["2024-02-15", 0, "2024-06-14"],
    ["2024-01-31", 0, "2024-05-30"],
    ["2024-10-31", 0, "2025-02-28"],
    ["2024-10-31", 2, "2025-04-30"],
    ["2023-10-30", 0, "2024-02-29"],
  ])("%s with %d extension months ends %s", (start, ext, end) => {
    expect(executionWindow(start, ext, P).endOn).toBe(end);
  });

  it("returns the base end, the end, and the latest possible end", () => {
    expect(executionWindow("2024-10-31", 1, P)).toEqual({
      startOn: "2024-10-31",
      baseEndOn: "2025-02-28",
      endOn: "2025-03-30",
      maxEndOn: "2025-04-30",
      extensionMonths: 1,
      totalMonths: 5,
    });
  });

  it("extended ends are computed from the start date, not chained from the previous end", () => {
    // Chaining 2025-02-28 + 2 months would give 2025-04-27; from the start it is 2025-04-30.
    expect(extendWindow("2024-10-31", 0, 2, P).endOn).toBe("2025-04-30");
    expect(extendWindow("2024-10-31", 1, 1, P).endOn).toBe("2025-04-30");
  });

  it("refuses a third month", () => {
    expect(extendWindow("2024-03-01", 0, 2, P).endOn).toBe("2024-08-31");
    expect(() => extendWindow("2024-03-01", 2, 1, P)).toThrow(DomainError);
    expect(() => extendWindow("2024-03-01", 2, 1, P)).toThrow(/최대 2개월까지만 연장/);
    expect(() => executionWindow("2024-03-01", 3, P)).toThrow(/최대 사업기간 6개월/);
    try {
      executionWindow("2024-03-01", 3, P);
    } catch (e) {
      expect((e as DomainError).code).toBe("extension_refused");
    }
  });

  it("refuses malformed input", () => {
    expect(() => executionWindow("2024-02-30", 0, P)).toThrow(/날짜/);
    expect(() => executionWindow("2024-03-01", -1, P)).toThrow(/1개월 이상/);
    expect(() => executionWindow("2024-03-01", 1.5, P)).toThrow(DomainError);
    expect(() => executionWindow("2024-03-01", 0, { ...P, baseMonths: 0 })).toThrow(/기본 사업기간/);
  });

  it("property: every window ends on or before the (base + max extension)-month end", () => {
    const start = fc
      .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        start,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (s, base, max, ext) => {
          const params = { ...P, baseMonths: base, maxExtensionMonths: max };
          const limit = civilPeriodEnd(s, base + max);
          if (ext > max) {
            expect(() => executionWindow(s, ext, params)).toThrow(DomainError);
            return;
          }
          const w = executionWindow(s, ext, params);
          expect(compareIsoDate(w.endOn, limit)).toBeLessThanOrEqual(0);
          expect(w.maxEndOn).toBe(limit);
          expect(compareIsoDate(w.baseEndOn, w.endOn)).toBeLessThanOrEqual(0);
          expect(compareIsoDate(w.startOn, w.baseEndOn)).toBe(-1);
        },
      ),
    );
  });
});

describe("checkExtension", () => {
  it("allows whole months within the maximum", () => {
    expect(checkExtension(0, 1, P)).toEqual({ allowed: true, reasons: [] });
    expect(checkExtension(1, 1, P)).toEqual({ allowed: true, reasons: [] });
    expect(checkExtension(0, 2, P)).toEqual({ allowed: true, reasons: [] });
  });
  it("explains refusals in Korean", () => {
    expect(checkExtension(2, 1, P).reasons[0]).toBe(
      "사업기간은 최대 2개월까지만 연장할 수 있습니다 (최대 사업기간 6개월). 이미 2개월 연장되어 더 연장할 수 없습니다.",
    );
    expect(checkExtension(1, 2, P).reasons[0]).toMatch(/이미 1개월 연장되어 1개월까지 더 신청할 수 있습니다/);
    expect(checkExtension(0, 0, P).reasons[0]).toMatch(/1개월 이상 개월 단위/);
    expect(checkExtension(0, 0.5, P).allowed).toBe(false);
    expect(checkExtension(-1, 1, P).reasons[0]).toMatch(/이미 연장된 기간이 올바르지 않습니다/);
    expect(checkExtension(0.5, 1, P).allowed).toBe(false);
    // Already beyond the maximum (bad data): still refused, and "0 months left".
    expect(checkExtension(3, 1, P).reasons[0]).toMatch(/더 연장할 수 없습니다/);
  });
});

describe("deadlines", () => {
  it("plan due = selection notice + 14 days", () => {
    expect(planDueDate("2024-03-04", P)).toBe("2024-03-18");
    expect(planDueDate("2024-02-20", P)).toBe("2024-03-05");
  });
  it("revised plan due = cost review result + 10 days", () => {
    expect(revisedPlanDueDate("2024-04-25", P)).toBe("2024-05-05");
    expect(revisedPlanDueDate("2024-12-27", P)).toBe("2025-01-06");
  });
  it("uses the parameters", () => {
    expect(planDueDate("2024-03-04", { ...P, planDueDays: 7 })).toBe("2024-03-11");
    expect(revisedPlanDueDate("2024-03-04", { ...P, revisionDueDays: 5 })).toBe("2024-03-09");
    expect(() => planDueDate("2024-03-04", { ...P, planDueDays: -1 })).toThrow(/수행계획서 제출기한/);
    expect(() => revisedPlanDueDate("2024-03-04", { ...P, revisionDueDays: 1.5 })).toThrow(DomainError);
  });
});
