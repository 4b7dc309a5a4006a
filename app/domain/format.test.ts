import { describe, it, expect } from "vitest";
import { DomainError } from "./errors";
import { formatKRW, formatKoreanDate, formatKoreanDateShort, formatNumber, formatRateBp, josa, particle } from "./format";

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
  it("takes 로 after a vowel or ㄹ and 으로 after any other consonant", () => {
    expect(josa("공급기업", "으로", "로")).toBe("공급기업으로");
    expect(josa("운영기관", "으로", "로")).toBe("운영기관으로");
    expect(josa("외부전문가", "으로", "로")).toBe("외부전문가로");
    expect(josa("서울", "으로", "로")).toBe("서울로");
    expect(josa("파일", "으로", "로")).toBe("파일로");
  });
  it("reads a final digit the Korean way (1 일, 2 이, 3 삼, …; 10 십, 100 백)", () => {
    expect(josa("1", "이", "가")).toBe("1이");
    expect(josa("2", "이", "가")).toBe("2가");
    expect(josa("3", "을", "를")).toBe("3을");
    expect(josa("변경 4", "은", "는")).toBe("변경 4는");
    expect(josa("5", "과", "와")).toBe("5와");
    expect(josa("6", "이", "가")).toBe("6이");
    expect(josa("7", "으로", "로")).toBe("7로");
    expect(josa("8", "으로", "로")).toBe("8로");
    expect(josa("9", "을", "를")).toBe("9를");
    expect(josa("10", "으로", "로")).toBe("10으로");
    expect(josa("AS-2026-0100", "이", "가")).toBe("AS-2026-0100이");
    expect(josa("3", "으로", "로")).toBe("3으로");
  });
  it("reads a final Latin letter by its Korean name (L 엘, M 엠, N 엔, R 알 end in a consonant)", () => {
    expect(josa("PC", "은", "는")).toBe("PC는");
    expect(josa("MES", "을", "를")).toBe("MES를");
    expect(josa("ERP", "이", "가")).toBe("ERP가");
    expect(josa("PLM", "을", "를")).toBe("PLM을");
    expect(josa("SCAN", "이", "가")).toBe("SCAN이");
    expect(josa("maker1@demo.kr", "으로", "로")).toBe("maker1@demo.kr로");
    expect(josa("demo.kr", "은", "는")).toBe("demo.kr은");
    expect(josa("XML", "으로", "로")).toBe("XML로");
    expect(josa("POP", "으로", "로")).toBe("POP로");
    expect(josa("ROM", "으로", "로")).toBe("ROM으로");
  });
  it("agrees with the word before a gloss in brackets, and ignores a closing quote", () => {
    expect(josa("한국평가(홍길동)", "이", "가")).toBe("한국평가(홍길동)가");
    expect(josa("운영기관(TP)", "이", "가")).toBe("운영기관(TP)이");
    expect(josa("(TP)", "이", "가")).toBe("(TP)가");
    expect(josa("'작업 일지'", "을", "를")).toBe("'작업 일지'를");
    expect(josa("“협약서”", "은", "는")).toBe("“협약서”는");
    expect(josa('"MES"', "으로", "로")).toBe('"MES"로');
    expect(josa("「설비 점검 일정…」", "을", "를")).toBe("「설비 점검 일정…」을");
  });
  it("gives the particle alone for markup around the word", () => {
    expect(particle("maker1@demo.kr", "으로", "로")).toBe("로");
    expect(particle("공급기업", "으로", "로")).toBe("으로");
    expect(particle("", "으로", "로")).toBe("(으)로");
  });
  it("gives both forms when the end cannot be read", () => {
    expect(josa("", "을", "를")).toBe("을(를)");
    expect(josa("★", "이", "가")).toBe("★이(가)");
    expect(josa("()", "은", "는")).toBe("()은(는)");
    expect(josa("?", "으로", "로")).toBe("?(으)로");
  });
});
