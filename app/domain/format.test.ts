import { describe, it, expect } from "vitest";
import { DomainError } from "./errors";
import { formatKRW, formatKoreanDate, formatKoreanDateShort, formatNumber, formatRateBp, josa } from "./format";

describe("formatKRW / formatNumber", () => {
  it.each([
    [16_000_000, "16,000,000원"],
    [0, "0원"],
    [999, "999원"],
    [1000, "1,000원"],
    [10_000_001, "10,000,001원"],
    [-5_000_000, "-5,000,000원"],
    [Number.MAX_SAFE_INTEGER, "9,007,199,254,740,991원"],
  ])("%d → %s", (value, expected) => {
    expect(formatKRW(value)).toBe(expected);
  });

  it.each([Number.NaN, 1.5, Number.POSITIVE_INFINITY, 2 ** 53])("refuses %d", (value) => {
    expect(() => formatNumber(value)).toThrow(DomainError);
  });
});

describe("formatRateBp", () => {
  it.each([
    [5000, "50%"],
    [1250, "12.5%"],
    [3333, "33.33%"],
    [10000, "100%"],
    [5, "0.05%"],
    [0, "0%"],
  ])("%d bp → %s", (bp, expected) => {
    expect(formatRateBp(bp)).toBe(expected);
  });
});

describe("Korean dates", () => {
  it("long form", () => {
    expect(formatKoreanDate("2024-03-01")).toBe("2024년 3월 1일");
    expect(formatKoreanDate("2024-12-31")).toBe("2024년 12월 31일");
  });
  it("short form", () => {
    expect(formatKoreanDateShort("2024-03-01")).toBe("2024. 3. 1.");
    expect(formatKoreanDateShort("2024-01-19")).toBe("2024. 1. 19.");
  });
  it("refuses invalid dates", () => {
    expect(() => formatKoreanDate("2024-02-30")).toThrow(/날짜/);
  });
});

describe("josa", () => {
  it("picks the particle after a final consonant or a vowel", () => {
    expect(josa("견적금액", "은", "는")).toBe("견적금액은");
    expect(josa("단가", "은", "는")).toBe("단가는");
    expect(josa("원가검증금액", "이", "가")).toBe("원가검증금액이");
  });
  it("gives both forms after a non-Hangul ending", () => {
    expect(josa("PC", "을", "를")).toBe("PC을(를)");
    expect(josa("", "을", "를")).toBe("을(를)");
  });
});
