import { describe, it, expect } from "vitest";
import { completionGaps } from "./completion";
import {
  EXTENSION_REQUEST_STATUSES,
  EXTENSION_REQUEST_STATUS_LABELS,
  PLAN_REVIEW_STATUSES,
  PLAN_REVIEW_STATUS_LABELS,
  REQUIREMENT_REVIEW_RESULTS,
  REQUIREMENT_REVIEW_RESULT_LABELS,
  UNCONFIRMED_WORK_LOG_STATUSES,
  WORK_LOG_STATUSES,
  isExtensionRequestStatus,
  isPlanReviewStatus,
  isRequirementReviewResult,
  isUnconfirmedWorkLogStatus,
} from "./labels";

describe("review and request statuses", () => {
  it.each([
    [
      REQUIREMENT_REVIEW_RESULTS,
      REQUIREMENT_REVIEW_RESULT_LABELS,
      isRequirementReviewResult,
      { passed: "통과", returned: "보완 요청", rejected: "반려" },
    ],
    [
      PLAN_REVIEW_STATUSES,
      PLAN_REVIEW_STATUS_LABELS,
      isPlanReviewStatus,
      { pending: "검토 대기", accepted: "검토 완료", changes_requested: "보완 요청" },
    ],
    [
      EXTENSION_REQUEST_STATUSES,
      EXTENSION_REQUEST_STATUS_LABELS,
      isExtensionRequestStatus,
      { pending: "승인 대기", approved: "승인", refused: "불승인" },
    ],
  ] as [readonly string[], Record<string, string>, (v: unknown) => boolean, Record<string, string>][])(
    "%j has its Korean labels and guard",
    (values, labels, guard, expected) => {
      expect(labels).toEqual(expected);
      expect(Object.keys(labels)).toEqual([...values]);
      for (const v of values) expect(guard(v)).toBe(true);
      for (const v of ["", "PENDING", 1, null]) expect(guard(v)).toBe(false);
    },
  );
});

describe("unconfirmed work logs", () => {
  it.each([
    ["submitted", true],
    ["disputed", true],
    ["confirmed", false],
    ["anything else", true],
  ] as const)("%s → unconfirmed %s", (status, expected) => {
    expect(isUnconfirmedWorkLogStatus(status)).toBe(expected);
  });

  it("the stored list is every status but confirmed, and the completion gate counts the same", () => {
    expect([...UNCONFIRMED_WORK_LOG_STATUSES]).toEqual(["submitted", "disputed"]);
    const log = { parts: 0, photos: 0, swVersionBefore: null, swVersionAfter: null, trainingAttendees: null };
    const gaps = completionGaps({
      supportTypes: [],
      hasCompletionReport: true,
      workLogs: WORK_LOG_STATUSES.map((status) => ({ ...log, status })),
    });
    expect(gaps.map((g) => g.message)).toEqual([`도입기업이 확인하지 않은 작업일지가 ${UNCONFIRMED_WORK_LOG_STATUSES.length}건 있습니다.`]);
  });
});
