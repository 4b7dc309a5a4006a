import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  addDays,
  civilPeriodEnd,
  compareIsoDate,
  dDay,
  dayNumber,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  parseIsoDate,
  seoulDate,
  toIsoDate,
  toSeoulDate,
} from "./dates";
import { DomainError } from "./errors";

const isoDateArb = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("calendar basics", () => {
  it("leap years", () => {
    expect([2024, 2000, 2023, 1900].map(isLeapYear)).toEqual([true, true, false, false]);
  });
  it("days in month", () => {
    expect([1, 2, 4, 6, 9, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([31, 28, 30, 30, 30, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });
  it("validates ISO dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-13-01")).toBe(false);
    expect(isIsoDate("2024-00-10")).toBe(false);
    expect(isIsoDate("2024-04-31")).toBe(false);
    expect(isIsoDate("0000-01-01")).toBe(false);
    expect(isIsoDate("2024-3-1")).toBe(false);
    expect(isIsoDate("2024-03-01T00:00:00Z")).toBe(false);
    expect(isIsoDate(20240301)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
  it("parses and builds", () => {
    expect(parseIsoDate("2024-03-01")).toEqual({ year: 2024, month: 3, day: 1 });
    expect(toIsoDate(2024, 3, 1)).toBe("2024-03-01");
    expect(toIsoDate(1, 1, 1)).toBe("0001-01-01");
    expect(() => parseIsoDate("2024/03/01")).toThrow(DomainError);
    expect(() => toIsoDate(2023, 2, 29)).toThrow(/존재하지 않는 날짜/);
    expect(() => toIsoDate(2024, 1.5, 1)).toThrow(DomainError);
    expect(() => toIsoDate(10000, 1, 1)).toThrow(DomainError);
  });
  it("day numbers", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2024-03-01")).toBe(19783);
    expect(dayNumber("1969-12-31")).toBe(-1);
    expect(fromDayNumber(19783)).toBe("2024-03-01");
    expect(fromDayNumber(dayNumber("0001-01-01"))).toBe("0001-01-01");
    expect(fromDayNumber(dayNumber("9999-12-31"))).toBe("9999-12-31");
  });
  it("adds and counts days across month, year and leap-day ends", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(daysBetween("2024-03-01", "2024-03-15")).toBe(14);
    expect(daysBetween("2024-03-15", "2024-03-01")).toBe(-14);
    expect(() => addDays("2024-03-01", 0.5)).toThrow(/정수/);
  });
  it("compares", () => {
    expect(compareIsoDate("2024-03-01", "2024-03-02")).toBe(-1);
    expect(compareIsoDate("2024-03-02", "2024-03-02")).toBe(0);
    expect(compareIsoDate("2024-03-03", "2024-03-02")).toBe(1);
  });
  it("property: day numbers agree with Date.UTC and round-trip", () => {
    fc.assert(
      fc.property(isoDateArb, (iso) => {
        expect(dayNumber(iso)).toBe(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000);
        expect(fromDayNumber(dayNumber(iso))).toBe(iso);
      }),
    );
  });
});

describe("civilPeriodEnd (민법 제160조)", () => {
  it.each([
    ["2024-03-01", 4, "2024-06-30"],
    ["2024-03-01", 6, "2024-08-31"],
    ["2024-02-15", 4, "2024-06-14"],
    ["2024-01-31", 4, "2024-05-30"],
    ["2024-10-31", 4, "2025-02-28"],
    ["2024-10-31", 6, "2025-04-30"],
    ["2023-10-30", 4, "2024-02-29"],
    ["2024-12-15", 1, "2025-01-14"],
    ["2024-11-30", 3, "2025-02-28"],
  ])("%s + %d months → %s", (start, months, end) => {
    expect(civilPeriodEnd(start, months)).toBe(end);
  });
  it.each([0, -1, 1.5, Number.NaN])("refuses %d months", (months) => {
    expect(() => civilPeriodEnd("2024-03-01", months)).toThrow(/기간/);
  });
  it("property: the end is after the start and before the same day N months later", () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 1, max: 24 }), (start, months) => {
        const end = civilPeriodEnd(start, months);
        expect(compareIsoDate(end, start)).toBe(1);
        expect(daysBetween(start, end)).toBeLessThanOrEqual(months * 31);
        expect(daysBetween(start, end)).toBeGreaterThanOrEqual(months * 28 - 3);
      }),
    );
  });
});

describe("Seoul dates and D-day", () => {
  it("converts instants with UTC+9", () => {
    expect(seoulDate(new Date("2024-03-01T15:00:30Z"))).toBe("2024-03-02");
    expect(seoulDate(new Date("2024-03-01T14:59:59Z"))).toBe("2024-03-01");
    expect(seoulDate(new Date("2023-12-31T15:00:00Z"))).toBe("2024-01-01");
    expect(seoulDate(new Date("1969-12-31T14:00:00Z"))).toBe("1969-12-31");
    expect(() => seoulDate(new Date("nonsense"))).toThrow(/시각/);
  });
  it("toSeoulDate accepts an instant or an IsoDate", () => {
    expect(toSeoulDate(new Date("2024-03-01T15:00:30Z"))).toBe("2024-03-02");
    expect(toSeoulDate("2024-03-01")).toBe("2024-03-01");
    expect(() => toSeoulDate("2024-02-31")).toThrow(DomainError);
  });
  it.each([
    ["2024-03-15", "2024-03-12", { days: 3, overdue: false, label: "D-3" }],
    ["2024-03-15", "2024-03-15", { days: 0, overdue: false, label: "D-day" }],
    ["2024-03-15", "2024-03-17", { days: -2, overdue: true, label: "D+2" }],
  ])("due %s seen on %s", (due, today, expected) => {
    expect(dDay(due, today)).toEqual(expected);
  });
  it("reads an instant in Seoul: 2024-03-01T15:00:30Z is already 3월 2일", () => {
    expect(dDay("2024-03-02", new Date("2024-03-01T15:00:30Z")).label).toBe("D-day");
    expect(dDay("2024-03-02", new Date("2024-03-01T14:59:59Z")).label).toBe("D-1");
  });
});
