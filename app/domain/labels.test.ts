import { describe, it, expect } from "vitest";
import * as domain from "./index";
import {
  ATTACHMENT_PURPOSES,
  ATTACHMENT_PURPOSE_LABELS,
  BASIS_LABELS,
  DOCUMENT_KINDS,
  DOCUMENT_KIND_LABELS,
  ELIGIBILITY_BASES,
  GRADED_ITEM_KEYS,
  GRADED_ITEM_LABELS,
  GRADES,
  GRADE_LABELS,
  MONEY_LABELS,
  PHOTO_PURPOSES,
  QUOTE_LINE_KINDS,
  QUOTE_LINE_KIND_LABELS,
  ROLES,
  ROLE_LABELS,
  STATE_LABELS,
  SUITABILITY_CHECK_KEYS,
  SUITABILITY_CHECK_LABELS,
  SUPPORT_TYPES,
  SUPPORT_TYPE_GROUP_LABELS,
  SUPPORT_TYPE_LABELS,
  TICKET_STATES,
  WORK_LOG_ATTACHMENT_PURPOSES,
  WORK_LOG_STATUSES,
  WORK_LOG_STATUS_LABELS,
  isAttachmentPurpose,
  isDocumentKind,
  isEligibilityBasis,
  isGrade,
  isGradedItemKey,
  isPhotoPurpose,
  isQuoteLineKind,
  isRole,
  isSupportType,
  isSuitabilityCheckKey,
  isTicketState,
  isWorkLogAttachmentPurpose,
  isWorkLogStatus,
  ORGANIZATION_KINDS,
  ORGANIZATION_KIND_LABELS,
  COMPANY_ROLES,
  EXPERT_ROLES,
  isCompanyRole,
  isExpertRole,
} from "./labels";

describe("value sets and Korean labels", () => {
  it.each([
    [ROLES, ROLE_LABELS],
    [ORGANIZATION_KINDS, ORGANIZATION_KIND_LABELS],
    [TICKET_STATES, STATE_LABELS],
    [ELIGIBILITY_BASES, BASIS_LABELS],
    [SUPPORT_TYPES, SUPPORT_TYPE_LABELS],
    [SUPPORT_TYPES, SUPPORT_TYPE_GROUP_LABELS],
    [DOCUMENT_KINDS, DOCUMENT_KIND_LABELS],
    [GRADES, GRADE_LABELS],
    [GRADED_ITEM_KEYS, GRADED_ITEM_LABELS],
    [SUITABILITY_CHECK_KEYS, SUITABILITY_CHECK_LABELS],
    [WORK_LOG_STATUSES, WORK_LOG_STATUS_LABELS],
    [ATTACHMENT_PURPOSES, ATTACHMENT_PURPOSE_LABELS],
  ] as [readonly string[], Record<string, string>][])("every value has a Korean label (%j)", (values, labels) => {
    expect(Object.keys(labels)).toEqual([...values]);
    for (const v of values) expect(labels[v]).toMatch(/[가-힣]/);
  });

  it("uses the notice's words", () => {
    // the notice's five parties: ④ "외부전문가 1인", ⑦ "원가계산기관"
    expect(ROLE_LABELS).toEqual({
      manufacturer: "도입기업",
      supplier: "공급기업",
      monitor: "운영기관(TP)",
      evaluator: "외부전문가",
      cost_agency: "원가계산기관",
    });
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
      "정산",
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
      [isCompanyRole, COMPANY_ROLES],
      [isExpertRole, EXPERT_ROLES],
      [isTicketState, TICKET_STATES],
      [isEligibilityBasis, ELIGIBILITY_BASES],
      [isSupportType, SUPPORT_TYPES],
      [isDocumentKind, DOCUMENT_KINDS],
      [isGrade, GRADES],
      [isGradedItemKey, GRADED_ITEM_KEYS],
      [isSuitabilityCheckKey, SUITABILITY_CHECK_KEYS],
      [isQuoteLineKind, QUOTE_LINE_KINDS],
      [isWorkLogStatus, WORK_LOG_STATUSES],
      [isAttachmentPurpose, ATTACHMENT_PURPOSES],
      [isWorkLogAttachmentPurpose, WORK_LOG_ATTACHMENT_PURPOSES],
      [isPhotoPurpose, PHOTO_PURPOSES],
    ];
    for (const [guard, values] of guards) {
      for (const v of values) expect(guard(v)).toBe(true);
      expect(guard(values[0].toUpperCase())).toBe(false);
      expect(guard(undefined)).toBe(false);
      expect(guard(1)).toBe(false);
    }
  });
});

describe("quote, work-log and attachment value sets", () => {
  it("keep the strings stored in the database and the labels shown until now", () => {
    expect(Object.keys(QUOTE_LINE_KIND_LABELS)).toEqual([...QUOTE_LINE_KINDS]); // "SW" is a label too: no Hangul check
    expect(QUOTE_LINE_KIND_LABELS).toEqual({ hw_part: "HW 부품", sw: "SW", labour: "인건비(용역)", training: "교육", other: "기타" });
    expect(WORK_LOG_STATUS_LABELS).toEqual({ submitted: "확인 대기", confirmed: "확인됨", disputed: "이의 제기" });
    expect(ATTACHMENT_PURPOSE_LABELS).toEqual({
      before_photo: "작업 전 사진",
      after_photo: "작업 후 사진",
      training_material: "교육 자료",
      report: "완료보고 첨부",
      other: "기타 첨부",
    });
  });

  it("work-log uploads and photos are subsets of the attachment purposes", () => {
    expect(WORK_LOG_ATTACHMENT_PURPOSES).toEqual(["before_photo", "after_photo", "training_material"]);
    expect(PHOTO_PURPOSES).toEqual(["before_photo", "after_photo"]);
    for (const p of WORK_LOG_ATTACHMENT_PURPOSES) expect(ATTACHMENT_PURPOSES).toContain(p);
    expect(isWorkLogAttachmentPurpose("report")).toBe(false);
    expect(isPhotoPurpose("training_material")).toBe(false);
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
      "QUOTE_LINE_KIND_LABELS",
      "WORK_LOG_STATUS_LABELS",
      "ATTACHMENT_PURPOSE_LABELS",
      "evidenceFor",
      "describeEvidence",
      "completionGaps",
      "assertCompletionReady",
      "assertPayment",
      "verifiedLineAmounts",
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
