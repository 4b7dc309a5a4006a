import { describe, expect, it } from "vitest";
import { deadlineHistoryText, planDeadlines, runningDeadlineOn, type PlanDeadlineFacts } from "./plan-deadlines";

const BASE: PlanDeadlineFacts = { state: "selected", planDueOn: null, revisionDueOn: null, planSubmittedOn: null, revisionSubmittedOn: null };

describe("planDeadlines", () => {
  it("lists nothing before selection (no deadline set)", () => {
    expect(planDeadlines({ ...BASE, state: "submitted" })).toEqual([]);
  });

  it("runs the plan deadline while selected", () => {
    const [plan] = planDeadlines({ ...BASE, planDueOn: "2026-12-02" });
    expect(plan).toEqual({ field: "planDueOn", label: "수행계획서 제출기한", on: "2026-12-02", running: true, submittedOn: null, late: false });
    expect(runningDeadlineOn([plan], "planDueOn")).toBe("2026-12-02");
  });

  it("makes the plan deadline history once the plan is in, in time or late", () => {
    const inTime = planDeadlines({ ...BASE, state: "plan_submitted", planDueOn: "2026-11-27", planSubmittedOn: "2026-11-23" });
    expect(inTime).toEqual([expect.objectContaining({ running: false, submittedOn: "2026-11-23", late: false })]);
    expect(runningDeadlineOn(inTime, "planDueOn")).toBeNull();
    expect(deadlineHistoryText(inTime[0])).toBe("수행계획서 제출기한 2026년 11월 27일 · 제출 2026년 11월 23일 (기한 내)");
    const late = planDeadlines({ ...BASE, state: "plan_submitted", planDueOn: "2026-11-27", planSubmittedOn: "2026-11-28" });
    expect(late[0].late).toBe(true);
    expect(deadlineHistoryText(late[0], (d) => d)).toBe("수행계획서 제출기한 2026-11-27 · 제출 2026-11-28 (기한 경과)");
  });

  it("says 미제출 for a stopped clock with nothing submitted (cancelled while selected)", () => {
    const [plan] = planDeadlines({ ...BASE, state: "cancelled", planDueOn: "2026-11-27" });
    expect(plan).toMatchObject({ running: false, submittedOn: null, late: false });
    expect(deadlineHistoryText(plan)).toBe("수행계획서 제출기한 2026년 11월 27일 · 미제출");
  });

  it("runs the revision deadline in 수행계획서 보완, the plan's then being history; stops it once the revision is in", () => {
    const facts = { ...BASE, state: "plan_revision", planDueOn: "2026-11-01", planSubmittedOn: "2026-10-30", revisionDueOn: "2026-11-20" };
    const [plan, revision] = planDeadlines(facts);
    expect(plan).toMatchObject({ running: false, submittedOn: "2026-10-30" });
    expect(revision).toMatchObject({ field: "revisionDueOn", label: "수정 수행계획서 제출기한", running: true, submittedOn: null });
    expect(runningDeadlineOn([plan, revision], "revisionDueOn")).toBe("2026-11-20");
    const after = planDeadlines({ ...facts, state: "plan_submitted", revisionSubmittedOn: "2026-11-19" });
    expect(after[1]).toMatchObject({ running: false, submittedOn: "2026-11-19", late: false });
  });

  it("is history in every state without a plan clock (an unknown state too)", () => {
    for (const state of ["agreed", "completed", "???"]) {
      expect(planDeadlines({ ...BASE, state, planDueOn: "2026-11-27", planSubmittedOn: "2026-11-20" })[0].running).toBe(false);
    }
  });
});
