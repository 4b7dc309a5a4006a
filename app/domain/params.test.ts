import { describe, it, expect } from "vitest";
import { DomainError, isDomainError } from "./errors";
import { GYEONGGI_2024_PARAMS as P, PARAM_LABELS, assertValidParams, paramProblems, type ProgramParams } from "./params";

describe("GYEONGGI_2024_PARAMS", () => {
  it("holds the 2024 Gyeonggi call's figures", () => {
    expect(P).toEqual({
      subsidyRateBp: 5000,
      subsidyCap: 16_000_000,
      baseMonths: 4,
      maxExtensionMonths: 2,
      planDueDays: 14,
      revisionDueDays: 10,
      passMark: 60,
      capacity: 64,
      subsidyBudget: 1_024_000_000,
      documentValidityMonths: 3,
      region: "경기도",
      localProgramSinceYear: 2023,
    });
    expect(Object.isFrozen(P)).toBe(true);
    expect(paramProblems(P)).toEqual([]);
  });

  it("has a Korean label for every parameter", () => {
    expect(Object.keys(PARAM_LABELS).sort()).toEqual(Object.keys(P).sort());
  });

  it("the ten required fields are enough (region and year are optional)", () => {
    const { region: _r, localProgramSinceYear: _y, ...ten } = P;
    const params: ProgramParams = ten;
    expect(() => assertValidParams(params)).not.toThrow();
  });
});

describe("paramProblems / assertValidParams", () => {
  it.each([
    [{ subsidyRateBp: 10001 }, /100%/],
    [{ subsidyRateBp: -1 }, /정부지원 비율: 0 이상의 정수/],
    [{ subsidyCap: 1.5 }, /기업당 정부지원금 한도/],
    [{ capacity: Number.NaN }, /지원 기업 수/],
    [{ baseMonths: 0 }, /1개월 이상/],
    [{ documentValidityMonths: 0 }, /증명서 유효기간\(개월\): 1개월 이상/],
    [{ region: "  " }, /지원 지역/],
    [{ localProgramSinceYear: 2023.5 }, /인정 시작 연도/],
  ])("refuses %j", (patch, message) => {
    const params = { ...P, ...patch } as ProgramParams;
    expect(paramProblems(params).join(" ")).toMatch(message);
    expect(() => assertValidParams(params)).toThrow(DomainError);
  });

  it("lists every problem at once", () => {
    try {
      assertValidParams({ ...P, passMark: -1, planDueDays: 0.5 });
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e)).toBe(true);
      expect((e as DomainError).code).toBe("invalid_params");
      expect((e as DomainError).reasons).toHaveLength(2);
    }
  });
});

describe("DomainError", () => {
  it("carries a code, a Korean message, and its reasons", () => {
    const one = new DomainError("x", "메시지");
    expect(one).toBeInstanceOf(Error);
    expect(one.name).toBe("DomainError");
    expect(one.reasons).toEqual(["메시지"]);
    const many = new DomainError("y", "둘", ["가", "나"]);
    expect(many.reasons).toEqual(["가", "나"]);
    expect(isDomainError(new Error("plain"))).toBe(false);
  });
});
