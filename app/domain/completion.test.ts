import { describe, it, expect } from "vitest";
import {
  EVIDENCE,
  EVIDENCE_KINDS,
  assertCompletionReady,
  completionGaps,
  describeEvidence,
  evidenceFor,
  type CompletionFacts,
  type WorkLogSummary,
} from "./completion";
import { DomainError } from "./errors";
import { SUPPORT_TYPES, type SupportType } from "./labels";
import { CLAUSES } from "./notice";

const log: WorkLogSummary = { status: "confirmed", parts: 0, photos: 0, swVersionBefore: null, swVersionAfter: null, trainingAttendees: null };
const facts = (over: Partial<CompletionFacts>): CompletionFacts => ({ supportTypes: [], workLogs: [log], hasCompletionReport: true, ...over });

const UNCONFIRMED_1 = "도입기업이 확인하지 않은 작업일지가 1건 있습니다.";
const HW = "HW 수리·업그레이드 증빙(교체 부품 또는 작업 사진)이 작업일지에 없습니다.";
const SW = "SW 업그레이드 증빙(변경 전·후 버전)이 작업일지에 없습니다.";
const TRAINING = "사용자 교육 증빙(참석자)이 작업일지에 없습니다.";
const NO_REPORT = "공급기업의 완료보고서가 없습니다.";

describe("evidenceFor (which evidence the support types call for)", () => {
  it.each<[SupportType[], { hw: boolean; sw: boolean; training: boolean }]>([
    [[], { hw: false, sw: false, training: false }],
    [["hw_repair"], { hw: true, sw: false, training: false }],
    [["hw_upgrade"], { hw: true, sw: false, training: false }],
    [["sw_upgrade"], { hw: false, sw: true, training: false }],
    [["util_user_support"], { hw: false, sw: false, training: true }],
    [["util_program", "util_maintenance", "util_data", "util_other"], { hw: false, sw: false, training: false }],
    [["hw_repair", "sw_upgrade", "util_user_support"], { hw: true, sw: true, training: true }],
  ])("%j → %j", (types, needs) => {
    expect(evidenceFor(types)).toEqual(needs);
  });

  it("every rule names real support types, a Korean request, gap and clause", () => {
    expect(Object.keys(EVIDENCE)).toEqual([...EVIDENCE_KINDS]);
    for (const kind of EVIDENCE_KINDS) {
      const rule = EVIDENCE[kind];
      for (const t of rule.supportTypes) expect(SUPPORT_TYPES).toContain(t);
      expect(rule.asked).toMatch(/[가-힣]/);
      expect(rule.missing).toMatch(/작업일지에 없습니다\.$/);
      expect(Object.values(CLAUSES)).toContain(rule.clause);
    }
  });
});

describe("describeEvidence (work-log page, 필요한 증빙)", () => {
  it.each<[SupportType[], string]>([
    [[], "작업 내용"],
    [["util_data"], "작업 내용"],
    [["hw_repair"], "교체 부품(부품명·시리얼)과 작업 전후 사진"],
    [["sw_upgrade", "util_user_support"], "변경 전후 SW 버전, 교육 참석자와 교육 자료"],
    [["util_user_support", "sw_upgrade", "hw_upgrade"], "교체 부품(부품명·시리얼)과 작업 전후 사진, 변경 전후 SW 버전, 교육 참석자와 교육 자료"],
  ])("%j → %s", (types, text) => {
    expect(describeEvidence(evidenceFor(types))).toBe(text);
  });
});

describe("completionGaps (완료점검 gate)", () => {
  it.each<[string, Partial<CompletionFacts>, string[]]>([
    ["open: a confirmed log and the report, no evidence called for", {}, []],
    ["no work log at all", { supportTypes: ["util_data"], workLogs: [] }, ["작업일지가 없습니다."]],
    ["no log and no report", { workLogs: [], hasCompletionReport: false }, ["작업일지가 없습니다.", NO_REPORT]],
    ["a submitted log", { workLogs: [log, { ...log, status: "submitted" }] }, [UNCONFIRMED_1]],
    ["a disputed log", { workLogs: [{ ...log, status: "disputed" }] }, [UNCONFIRMED_1]],
    [
      "two unconfirmed logs",
      {
        workLogs: [
          { ...log, status: "disputed" },
          { ...log, status: "submitted" },
        ],
      },
      ["도입기업이 확인하지 않은 작업일지가 2건 있습니다."],
    ],
    ["no report", { hasCompletionReport: false }, [NO_REPORT]],
    [
      "every gap at once, in order",
      { supportTypes: ["sw_upgrade", "hw_repair", "util_user_support"], workLogs: [{ ...log, status: "disputed" }], hasCompletionReport: false },
      [UNCONFIRMED_1, HW, SW, TRAINING, NO_REPORT],
    ],
    ["HW without parts or photos", { supportTypes: ["hw_upgrade"] }, [HW]],
    ["HW with a replaced part", { supportTypes: ["hw_repair"], workLogs: [{ ...log, parts: 1 }] }, []],
    ["HW with a photo", { supportTypes: ["hw_repair"], workLogs: [log, { ...log, photos: 2 }] }, []],
    ["SW with only the version before", { supportTypes: ["sw_upgrade"], workLogs: [{ ...log, swVersionBefore: "3.2" }] }, [SW]],
    ["SW with only the version after", { supportTypes: ["sw_upgrade"], workLogs: [{ ...log, swVersionAfter: "4.0" }] }, [SW]],
    [
      "SW versions in two different logs",
      {
        supportTypes: ["sw_upgrade"],
        workLogs: [
          { ...log, swVersionBefore: "3.2" },
          { ...log, swVersionAfter: "4.0" },
        ],
      },
      [SW],
    ],
    ["SW with both versions", { supportTypes: ["sw_upgrade"], workLogs: [{ ...log, swVersionBefore: "3.2", swVersionAfter: "4.0" }] }, []],
    ["training without attendees", { supportTypes: ["util_user_support"] }, [TRAINING]],
    ["training with an empty attendee list", { supportTypes: ["util_user_support"], workLogs: [{ ...log, trainingAttendees: "" }] }, [TRAINING]],
    ["training with attendees", { supportTypes: ["util_user_support"], workLogs: [{ ...log, trainingAttendees: "김철수 외 3명" }] }, []],
    [
      "all evidence spread over the logs",
      {
        supportTypes: ["sw_upgrade", "hw_upgrade", "util_user_support"],
        workLogs: [
          { ...log, swVersionBefore: "1", swVersionAfter: "2", photos: 1 },
          { ...log, trainingAttendees: "김철수 외 3명" },
        ],
      },
      [],
    ],
    [
      "evidence on an unconfirmed log still counts as evidence",
      { supportTypes: ["hw_repair"], workLogs: [{ ...log, status: "submitted", parts: 1 }] },
      [UNCONFIRMED_1],
    ],
  ])("%s", (_name, over, messages) => {
    expect(completionGaps(facts(over)).map((g) => g.message)).toEqual(messages);
  });

  it("gives each gap a code and the notice clause", () => {
    const gaps = completionGaps({
      supportTypes: ["hw_repair", "sw_upgrade", "util_user_support"],
      workLogs: [{ ...log, status: "submitted" }],
      hasCompletionReport: false,
    });
    expect(gaps.map((g) => [g.code, g.clause])).toEqual([
      ["work_logs_unconfirmed", CLAUSES.completionCheck],
      ["evidence_hw", CLAUSES.hwWork],
      ["evidence_sw", CLAUSES.swUpgrade],
      ["evidence_training", CLAUSES.userTraining],
      ["no_completion_report", CLAUSES.completionCheck],
    ]);
    expect(completionGaps(facts({ workLogs: [] }))[0]).toEqual({
      code: "no_work_logs",
      message: "작업일지가 없습니다.",
      clause: CLAUSES.completionCheck,
    });
  });
});

describe("assertCompletionReady", () => {
  it("passes when the gate is open", () => {
    expect(() => assertCompletionReady(facts({ supportTypes: ["hw_repair"], workLogs: [{ ...log, parts: 1 }] }))).not.toThrow();
  });

  it("refuses with every gap as a reason", () => {
    let error: unknown;
    try {
      assertCompletionReady(facts({ workLogs: [{ ...log, status: "disputed" }], hasCompletionReport: false }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: "completion_gaps",
      message: `완료점검을 통과시킬 수 없습니다: ${UNCONFIRMED_1} ${NO_REPORT}`,
      reasons: [UNCONFIRMED_1, NO_REPORT],
    });
  });
});
