/**
 * The site evaluation score sheet (공고 4. 선정절차 및 평가항목, AS지원(현장평가)): six
 * suitability checks, seven graded items, the bonus, and the pass rule.
 */
import { DomainError } from "./errors";
import {
  GRADED_ITEM_KEYS,
  GRADED_ITEM_LABELS,
  GRADE_LABELS,
  SUITABILITY_CHECK_KEYS,
  SUITABILITY_CHECK_LABELS,
  type EligibilityBasis,
  type Grade,
  type GradedItemKey,
  type SuitabilityCheckKey,
} from "./labels";
import { CLAUSES } from "./notice";
import { assertValidParams, type ProgramParams } from "./params";

const FIFTEEN: Readonly<Record<Grade, number>> = { excellent: 15, good: 12, fair: 9, weak: 6, poor: 3 };
const TEN: Readonly<Record<Grade, number>> = { excellent: 10, good: 8, fair: 6, weak: 4, poor: 2 };

/** The notice's score table per graded item, with its group (AS 지원 적정성 40, 관리 및 활용 45, 지원성과 15). */
export const GRADED_ITEMS: Readonly<Record<GradedItemKey, { group: string; points: Readonly<Record<Grade, number>> }>> = {
  period_adequacy: { group: "AS 지원 적정성", points: FIFTEEN },
  management_will: { group: "AS 지원 적정성", points: FIFTEEN },
  followup_plan: { group: "AS 지원 적정성", points: TEN },
  staff_capability: { group: "관리 및 활용", points: FIFTEEN },
  data_capability: { group: "관리 및 활용", points: FIFTEEN },
  kpi_management: { group: "관리 및 활용", points: FIFTEEN },
  improvement_effect: { group: "지원성과", points: FIFTEEN },
};

/** 가점: 경기도 유망중소기업 인증기업 5 / 0. */
export const BONUS_POINTS = 5;

/** 105: the sum of the best grades plus the bonus. */
export const MAX_EVALUATION_SCORE = GRADED_ITEM_KEYS.reduce((sum, key) => sum + GRADED_ITEMS[key].points.excellent, 0) + BONUS_POINTS;

/** Points of `grade` on item `key`: gradePoints('followup_plan', 'fair') → 6. */
export function gradePoints(key: GradedItemKey, grade: Grade): number {
  return GRADED_ITEMS[key].points[grade];
}

/**
 * The suitability checks that apply to a basis. The first two rows of the sheet are
 * alternatives: 'scope_program' (사업참여) for diffusion and local_program applicants,
 * 'scope_self_built' (자체구축) for self_built ones. The other row is not applicable: it is
 * neither required nor able to make the sheet unsuitable, whatever value it holds.
 */
export function applicableChecks(basis: EligibilityBasis): SuitabilityCheckKey[] {
  const skip: SuitabilityCheckKey = basis === "self_built" ? "scope_program" : "scope_self_built";
  return SUITABILITY_CHECK_KEYS.filter((key) => key !== skip);
}

/** The evaluator's sheet as entered; missing or null entries are not filled in yet. */
export interface EvaluationSheet {
  basis: EligibilityBasis;
  grades: Partial<Record<GradedItemKey, Grade | null>>;
  checks: Partial<Record<SuitabilityCheckKey, boolean | null>>;
  /** From bonusEligible(documents): the certificate was attached at application. */
  certificateAttachedAtApplication: boolean;
}

export interface EvaluationResult {
  total: number;
  maxTotal: number;
  bonus: number;
  items: {
    key: GradedItemKey;
    label: string;
    group: string;
    grade: Grade | null;
    gradeLabel: string | null;
    points: number;
    max: number;
  }[];
  checks: { key: SuitabilityCheckKey; label: string; applicable: boolean; holds: boolean | null }[];
  /** One entry per applicable check answered "no" ('부적합' reasons). */
  unsuitable: { code: SuitabilityCheckKey; message: string; clause: string }[];
  /** Every grade and every applicable check is filled in. */
  complete: boolean;
  /** Korean names of what is still empty. */
  missing: string[];
  /** complete, no unsuitable check, and total ≥ params.passMark. */
  passed: boolean;
  /** '적합' / '부적합' (the sheet's 평가 결과), or '작성중' while incomplete. */
  resultLabel: "적합" | "부적합" | "작성중";
}

/**
 * Scores a sheet (공고 4.: "부적합 사항이 없으며, 평점 60점 이상인 경우 선정"; max 105).
 * mode 'final' (default) throws DomainError('evaluation_incomplete') on an incomplete sheet;
 * mode 'partial' gives the live total while the evaluator fills it in (empty grades count 0,
 * `complete: false`, `passed: false`). All 보통 → 60 → passed.
 */
export function scoreEvaluation(sheet: EvaluationSheet, params: ProgramParams, mode: "final" | "partial" = "final"): EvaluationResult {
  assertValidParams(params);
  const missing: string[] = [];
  const items = GRADED_ITEM_KEYS.map((key) => {
    const grade = sheet.grades[key] ?? null;
    const table = GRADED_ITEMS[key];
    if (grade === null) missing.push(GRADED_ITEM_LABELS[key]);
    return {
      key,
      label: GRADED_ITEM_LABELS[key],
      group: table.group,
      grade,
      gradeLabel: grade === null ? null : GRADE_LABELS[grade],
      points: grade === null ? 0 : table.points[grade],
      max: table.points.excellent,
    };
  });
  const applicable = applicableChecks(sheet.basis);
  const checks = SUITABILITY_CHECK_KEYS.map((key) => {
    const isApplicable = applicable.includes(key);
    const holds = sheet.checks[key] ?? null;
    if (isApplicable && holds === null) missing.push(SUITABILITY_CHECK_LABELS[key]);
    return { key, label: SUITABILITY_CHECK_LABELS[key], applicable: isApplicable, holds };
  });
  const unsuitable = checks
    .filter((c) => c.applicable && c.holds === false)
    .map((c) => ({ code: c.key, message: `부적합: ${c.label}`, clause: CLAUSES.evaluationPass }));
  const bonus = sheet.certificateAttachedAtApplication ? BONUS_POINTS : 0;
  const total = items.reduce((sum, i) => sum + i.points, 0) + bonus;
  const complete = missing.length === 0;
  if (!complete && mode === "final") {
    throw new DomainError("evaluation_incomplete", `현장평가표가 완성되지 않았습니다. 미입력: ${missing.join(", ")}`, missing);
  }
  const passed = complete && unsuitable.length === 0 && total >= params.passMark;
  const resultLabel = !complete ? "작성중" : passed ? "적합" : "부적합";
  return {
    total,
    maxTotal: MAX_EVALUATION_SCORE,
    bonus,
    items,
    checks,
    unsuitable,
    complete,
    missing,
    passed,
    resultLabel,
  };
}

/** Korean one-line explanation of a result, e.g. "57점 (합격 60점 미만)". */
export function describeEvaluation(result: EvaluationResult, params: ProgramParams): string {
  const parts = [`${result.total}점 / ${result.maxTotal}점`];
  if (!result.complete) parts.push("작성중");
  if (result.unsuitable.length > 0) parts.push(`부적합 ${result.unsuitable.length}건`);
  if (result.total < params.passMark) parts.push(`합격 ${params.passMark}점 미만`);
  if (result.passed) parts.push("선정 기준 충족");
  return parts.join(" · ");
}
