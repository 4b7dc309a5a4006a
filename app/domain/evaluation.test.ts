import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { DomainError } from "./errors";
import {
  applicableChecks,
  BONUS_POINTS,
  describeEvaluation,
  gradePoints,
  GRADED_ITEMS,
  MAX_EVALUATION_SCORE,
  scoreEvaluation,
  type EvaluationSheet,
} from "./evaluation";
import { GRADED_ITEM_KEYS, GRADES, SUITABILITY_CHECK_KEYS, type EligibilityBasis, type Grade, type GradedItemKey } from "./labels";
import { GYEONGGI_2024_PARAMS as P } from "./params";

function sheet(grade: Grade, patch: Partial<EvaluationSheet> = {}, basis: EligibilityBasis = "diffusion"): EvaluationSheet {
  return {
    basis,
    grades: Object.fromEntries(GRADED_ITEM_KEYS.map((k) => [k, grade])),
    checks: Object.fromEntries(applicableChecks(basis).map((k) => [k, true])),
    certificateAttachedAtApplication: false,
    ...patch,
  };
}

describe("score tables", () => {
  it("15/12/9/6/3 six times and 10/8/6/4/2 for the follow-up plan; maximum 105", () => {
    for (const key of GRADED_ITEM_KEYS) {
      const expected = key === "followup_plan" ? [10, 8, 6, 4, 2] : [15, 12, 9, 6, 3];
      expect(GRADES.map((g) => gradePoints(key, g))).toEqual(expected);
    }
    expect(BONUS_POINTS).toBe(5);
    expect(MAX_EVALUATION_SCORE).toBe(105);
  });
  it("groups add up to 40 / 45 / 15", () => {
    const sum = (group: string) =>
      GRADED_ITEM_KEYS.filter((k) => GRADED_ITEMS[k].group === group).reduce((s, k) => s + GRADED_ITEMS[k].points.excellent, 0);
    expect([sum("AS 지원 적정성"), sum("관리 및 활용"), sum("지원성과")]).toEqual([40, 45, 15]);
  });
});

describe("scoreEvaluation (2024 figures)", () => {
  it("all 보통 → 60 → pass", () => {
    const r = scoreEvaluation(sheet("fair"), P);
    expect(r).toMatchObject({
      total: 60,
      bonus: 0,
      passed: true,
      complete: true,
      resultLabel: "적합",
      unsuitable: [],
      missing: [],
    });
  });
  it("one 15-point item at 다소미흡 instead → 57 → fail", () => {
    const s = sheet("fair");
    s.grades.data_capability = "weak";
    const r = scoreEvaluation(s, P);
    expect(r).toMatchObject({ total: 57, passed: false, resultLabel: "부적합" });
    expect(describeEvaluation(r, P)).toBe("57점 / 105점 · 합격 60점 미만");
  });
  it("the same with the bonus → 62 → pass", () => {
    const s = sheet("fair", { certificateAttachedAtApplication: true });
    s.grades.data_capability = "weak";
    const r = scoreEvaluation(s, P);
    expect(r).toMatchObject({ total: 62, bonus: 5, passed: true });
    expect(describeEvaluation(r, P)).toBe("62점 / 105점 · 선정 기준 충족");
  });
  it("all 우수 with the bonus → 105", () => {
    expect(scoreEvaluation(sheet("excellent", { certificateAttachedAtApplication: true }), P)).toMatchObject({
      total: 105,
      maxTotal: 105,
      passed: true,
    });
  });
  it("105 points with one failed check → fail, with the reason", () => {
    const s = sheet("excellent", { certificateAttachedAtApplication: true });
    s.checks.warranty_expired = false;
    const r = scoreEvaluation(s, P);
    expect(r).toMatchObject({ total: 105, passed: false, resultLabel: "부적합" });
    expect(r.unsuitable).toEqual([
      {
        code: "warranty_expired",
        message: "부적합: 공급기업으로부터 유무상 하자보수 기간이 만료되었는지 여부",
        clause: expect.stringContaining("부적합 사항이 없으며"),
      },
    ]);
    expect(describeEvaluation(r, P)).toBe("105점 / 105점 · 부적합 1건");
  });
  it("reports per-item points", () => {
    const s = sheet("good");
    s.grades.followup_plan = "poor";
    const r = scoreEvaluation(s, P);
    expect(r.items.find((i) => i.key === "followup_plan")).toEqual({
      key: "followup_plan",
      label: "스마트공장 사후관리 계획 수립의 구체성",
      group: "AS 지원 적정성",
      grade: "poor",
      gradeLabel: "미흡",
      points: 2,
      max: 10,
    });
    expect(r.total).toBe(12 * 6 + 2);
  });
  it("uses params.passMark", () => {
    expect(scoreEvaluation(sheet("fair"), { ...P, passMark: 61 }).passed).toBe(false);
  });
});

describe("suitability checks by basis", () => {
  it("scope_program applies to diffusion and local_program, scope_self_built to self_built", () => {
    expect(applicableChecks("diffusion")).not.toContain("scope_self_built");
    expect(applicableChecks("local_program")).not.toContain("scope_self_built");
    expect(applicableChecks("self_built")).not.toContain("scope_program");
    expect(applicableChecks("self_built")).toHaveLength(5);
  });
  it("the non-applicable row is ignored whatever it holds", () => {
    const d = sheet("fair", {}, "diffusion");
    d.checks.scope_self_built = false;
    const r = scoreEvaluation(d, P);
    expect(r.passed).toBe(true);
    expect(r.checks.find((c) => c.key === "scope_self_built")).toMatchObject({ applicable: false, holds: false });
    const s = sheet("fair", {}, "self_built");
    expect(s.checks.scope_program).toBeUndefined();
    expect(scoreEvaluation(s, P).passed).toBe(true);
    s.checks.scope_self_built = false;
    expect(scoreEvaluation(s, P).unsuitable.map((u) => u.code)).toEqual(["scope_self_built"]);
  });
  it("all six rows are reported, in the sheet's order", () => {
    expect(scoreEvaluation(sheet("fair"), P).checks.map((c) => c.key)).toEqual([...SUITABILITY_CHECK_KEYS]);
  });
});

describe("partial sheets", () => {
  it("gives a live total: missing grades count 0, complete false, never passed", () => {
    const partial: EvaluationSheet = {
      basis: "diffusion",
      grades: { period_adequacy: "excellent", management_will: null, followup_plan: "good" },
      checks: { scope_program: true, accepts_verified_amount: null },
      certificateAttachedAtApplication: true,
    };
    const r = scoreEvaluation(partial, P, "partial");
    expect(r).toMatchObject({ total: 15 + 8 + 5, complete: false, passed: false, resultLabel: "작성중" });
    expect(r.missing).toHaveLength(5 + 4);
    expect(r.missing).toContain("스마트공장의 사후관리 추진의지");
    expect(r.missing).toContain("원가검증 결과 금액이 견적보다 낮을 경우 낮은 금액으로 협약 변경 진행 인지 및 동의 여부");
    expect(r.items.find((i) => i.key === "management_will")).toMatchObject({
      grade: null,
      gradeLabel: null,
      points: 0,
    });
    expect(describeEvaluation(r, P)).toBe("28점 / 105점 · 작성중 · 합격 60점 미만");
  });
  it("a complete sheet in partial mode is scored as usual", () => {
    expect(scoreEvaluation(sheet("fair"), P, "partial")).toMatchObject({ complete: true, passed: true });
  });
  it("final mode refuses an incomplete sheet in Korean", () => {
    const s = sheet("fair");
    delete s.grades.kpi_management;
    expect(() => scoreEvaluation(s, P)).toThrow(DomainError);
    expect(() => scoreEvaluation(s, P)).toThrow("현장평가표가 완성되지 않았습니다. 미입력: 성과지표 설정여부 및 관리·활용 노력");
  });
});

describe("properties", () => {
  const grades = fc.record(
    Object.fromEntries(GRADED_ITEM_KEYS.map((k) => [k, fc.constantFrom(...GRADES)])) as Record<GradedItemKey, fc.Arbitrary<Grade>>,
  );
  it("0 < total ≤ 105; passed ⇔ every check holds and total ≥ pass mark", () => {
    fc.assert(
      fc.property(
        grades,
        fc.boolean(),
        fc.constantFrom<EligibilityBasis>("diffusion", "self_built", "local_program"),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (g, bonus, basis, holds) => {
          const checks = Object.fromEntries(SUITABILITY_CHECK_KEYS.map((k, i) => [k, holds[i]]));
          const r = scoreEvaluation({ basis, grades: g, checks, certificateAttachedAtApplication: bonus }, P);
          expect(r.total).toBeGreaterThanOrEqual(20);
          expect(r.total).toBeLessThanOrEqual(105);
          const allHold = applicableChecks(basis).every((k) => checks[k]);
          expect(r.passed).toBe(allHold && r.total >= 60);
        },
      ),
    );
  });
});
