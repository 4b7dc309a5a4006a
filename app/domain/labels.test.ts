import { describe, it, expect } from "vitest";
import * as domain from "./index";
import {
  BASIS_LABELS,
  DOCUMENT_KINDS,
  DOCUMENT_KIND_LABELS,
  ELIGIBILITY_BASES,
  GRADED_ITEM_KEYS,
  GRADED_ITEM_LABELS,
  GRADES,
  GRADE_LABELS,
  MONEY_LABELS,
  ROLES,
  ROLE_LABELS,
  STATE_LABELS,
  SUITABILITY_CHECK_KEYS,
  SUITABILITY_CHECK_LABELS,
  SUPPORT_TYPES,
  SUPPORT_TYPE_GROUP_LABELS,
  SUPPORT_TYPE_LABELS,
  TICKET_STATES,
  isDocumentKind,
  isEligibilityBasis,
  isGrade,
  isGradedItemKey,
  isRole,
  isSupportType,
  isSuitabilityCheckKey,
  isTicketState,
} from "./labels";

describe("value sets and Korean labels", () => {
  it.each([
    [ROLES, ROLE_LABELS],
    [TICKET_STATES, STATE_LABELS],
    [ELIGIBILITY_BASES, BASIS_LABELS],
    [SUPPORT_TYPES, SUPPORT_TYPE_LABELS],
    [SUPPORT_TYPES, SUPPORT_TYPE_GROUP_LABELS],
    [DOCUMENT_KINDS, DOCUMENT_KIND_LABELS],
    [GRADES, GRADE_LABELS],
    [GRADED_ITEM_KEYS, GRADED_ITEM_LABELS],
    [SUITABILITY_CHECK_KEYS, SUITABILITY_CHECK_LABELS],
  ] as [readonly string[], Record<string, string>][])("every value has a Korean label (%j)", (values, labels) => {
    expect(Object.keys(labels)).toEqual([...values]);
    for (const v of values) expect(labels[v]).toMatch(/[가-힣]/);
  });

  it("uses the notice's words", () => {
    expect(ROLE_LABELS).toEqual({ manufacturer: "도입기업", supplier: "공급기업", monitor: "운영기관(TP)" });
    expect(Object.values(STATE_LABELS)).toEqual([
      "작성중",
      "신청접수",
      "요건검토",
      "현장평가",
      "지원결정",
      "수행계획서 제출",
      "원가적정성 검토",
      "수행계획서 보완",
      "협약체결",
      "사업비 지급",
      "과제수행",
      "완료점검",
      "완료",
      "사후관리",
      "반려",
      "미선정",
      "신청철회",
      "선정취소",
    ]);
    expect(Object.values(GRADE_LABELS)).toEqual(["우수", "양호", "보통", "다소미흡", "미흡"]);
    expect(MONEY_LABELS).toEqual({
      totalCost: "총사업비",
      subsidy: "정부지원금",
      companyShare: "기업부담금",
      quoteTotal: "견적금액",
      verifiedAmount: "원가검증금액",
      agreedCost: "협약금액",
    });
  });

  it("type guards accept the exact strings only", () => {
    const guards: [(v: unknown) => boolean, readonly string[]][] = [
      [isRole, ROLES],
      [isTicketState, TICKET_STATES],
      [isEligibilityBasis, ELIGIBILITY_BASES],
      [isSupportType, SUPPORT_TYPES],
      [isDocumentKind, DOCUMENT_KINDS],
      [isGrade, GRADES],
      [isGradedItemKey, GRADED_ITEM_KEYS],
      [isSuitabilityCheckKey, SUITABILITY_CHECK_KEYS],
    ];
    for (const [guard, values] of guards) {
      for (const v of values) expect(guard(v)).toBe(true);
      expect(guard(values[0].toUpperCase())).toBe(false);
      expect(guard(undefined)).toBe(false);
      expect(guard(1)).toBe(false);
    }
  });
});

describe("index", () => {
  it("re-exports the whole API", () => {
    for (const name of [
      "DomainError",
      "GYEONGGI_2024_PARAMS",
      "STATE_LABELS",
      "CLAUSES",
      "NOTICE_STEPS",
      "formatKRW",
      "formatKoreanDate",
      "formatKoreanDateShort",
      "seoulDate",
      "dDay",
      "civilPeriodEnd",
      "quoteTotal",
      "agreementAmounts",
      "executionWindow",
      "planDueDate",
      "revisedPlanDueDate",
      "checkEligibility",
      "isValidBusinessNumber",
      "checklist",
      "bonusEligible",
      "screenItem",
      "screenRequest",
      "scoreEvaluation",
      "availableActions",
      "assertTransition",
      "nextActor",
      "stepOfState",
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
