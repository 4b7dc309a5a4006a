import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { addDays, civilPeriodEnd, compareIsoDate } from "./dates";
import { DomainError } from "./errors";
import { GYEONGGI_2024_PARAMS as P } from "./params";
import {
  assertWorkDate,
  checkExtension,
  executionWindow,
  extendWindow,
  planChangeDueDate,
  planDueDate,
  revisedPlanDueDate,
  WORK_DATE_REFUSALS,
  workDateBounds,
} from "./schedule";

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

describe("planChangeDueDate (수행계획서 보완 요청: 10 days from the request day, never in the past)", () => {
  it("counts the notice's 10 days from the request day, the request day itself not counted (민법 제157조)", () => {
    expect(planChangeDueDate("2026-11-27", P)).toBe("2026-12-07");
    expect(planChangeDueDate("2024-12-27", P)).toBe("2025-01-06");
    expect(planChangeDueDate("2024-02-25", P)).toBe("2024-03-06"); // leap year
    expect(planChangeDueDate("2024-03-04", { ...P, revisionDueDays: 5 })).toBe("2024-03-09");
  });
  it("a cost-review result older than the request does not pull the deadline back", () => {
    expect(planChangeDueDate("2026-11-27", P, "2026-11-07")).toBe("2026-12-07");
    expect(planChangeDueDate("2026-11-27", P, "2026-11-27")).toBe("2026-12-07");
  });
  it("a result dated after the request day counts from that date", () => {
    expect(planChangeDueDate("2026-11-27", P, "2026-11-30")).toBe("2026-12-10");
  });
  it("lies after the request day for any request and any result date", () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays("2024-01-01", n));
    fc.assert(
      fc.property(day, fc.option(day, { nil: null }), fc.integer({ min: 1, max: 60 }), (requestedOn, resultOn, revisionDueDays) => {
        const due = planChangeDueDate(requestedOn, { ...P, revisionDueDays }, resultOn);
        expect(compareIsoDate(due, requestedOn)).toBe(1);
        expect(compareIsoDate(due, addDays(requestedOn, revisionDueDays))).toBeGreaterThanOrEqual(0);
      }),
    );
  });
  it("refuses invalid parameters", () => {
    expect(() => planChangeDueDate("2026-11-27", { ...P, revisionDueDays: 1.5 })).toThrow(DomainError);
  });
});

describe("work dates (작업일자) within the agreed execution period", () => {
  // 2026-03-02 + 4 months → 2026-07-01 (민법 제160조), +2 → 2026-09-01
  const base = executionWindow("2026-03-02", 0, P);
  const extended = executionWindow("2026-03-02", 2, P);

  it("the form's bounds: the period's start, and its end or today, whichever is earlier", () => {
    expect(workDateBounds(base, "2026-05-10")).toEqual({ min: "2026-03-02", max: "2026-05-10" });
    expect(workDateBounds(base, "2026-08-01")).toEqual({ min: "2026-03-02", max: "2026-07-01" });
    expect(workDateBounds(extended, "2026-08-01")).toEqual({ min: "2026-03-02", max: "2026-08-01" });
  });

  it("accepts the first and the last day of the period and today", () => {
    expect(() => assertWorkDate("2026-03-02", base, "2026-08-01")).not.toThrow();
    expect(() => assertWorkDate("2026-07-01", base, "2026-08-01")).not.toThrow();
    expect(() => assertWorkDate("2026-05-10", base, "2026-05-10")).not.toThrow();
  });

  it("refuses a day before the start or after the current end, naming the period", () => {
    const before = (() => {
      try {
        assertWorkDate("2026-03-01", base, "2026-05-10");
      } catch (error) {
        return error as DomainError;
      }
    })();
    expect(before).toBeInstanceOf(DomainError);
    expect(before?.code).toBe("work_date_outside_period");
    expect(WORK_DATE_REFUSALS).toContain(before?.code); // shown on the date field
    expect(before?.message).toBe("작업일자는 사업기간(2026년 3월 2일 ~ 2026년 7월 1일) 안이어야 합니다.");
    expect(() => assertWorkDate("2026-07-02", base, "2026-08-01")).toThrow("사업기간(2026년 3월 2일 ~ 2026년 7월 1일)");
  });

  it("an approved extension moves the end: the same day is accepted, and the message names the new end", () => {
    expect(() => assertWorkDate("2026-07-02", extended, "2026-08-01")).not.toThrow();
    expect(() => assertWorkDate("2026-09-02", extended, "2026-09-10")).toThrow("사업기간(2026년 3월 2일 ~ 2026년 9월 1일)");
  });

  it("refuses a day after today inside the period", () => {
    expect(() => assertWorkDate("2026-05-11", base, "2026-05-10")).toThrow(
      expect.objectContaining({ code: "work_date_future", message: "작업일자는 오늘(2026년 5월 10일) 이후일 수 없습니다." }),
    );
  });

  it("refuses every date when no period was agreed", () => {
    expect(() => assertWorkDate("2026-05-10", null, "2026-05-10")).toThrow(expect.objectContaining({ code: "no_execution_period" }));
  });
});
