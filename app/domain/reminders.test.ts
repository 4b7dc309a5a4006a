import { describe, expect, it } from "vitest";
import { pendingActions, type PendingAction, type PendingFacts } from "./pending";
import { deadlineOf } from "./schedule";
import { pendingFacts } from "../../tests/fixtures/pending-facts";
import {
  REMINDER_THRESHOLDS,
  reminderDedupeKey,
  reminderLabel,
  reminderParties,
  reminderThreshold,
  remindersOf,
  ticketPagePath,
  type ReminderThreshold,
} from "./reminders";

const TODAY = "2026-12-01";

function facts(over: Partial<PendingFacts>): PendingFacts {
  return pendingFacts({ state: "selected", stateChangedOn: "2026-11-20", submittedOn: "2026-11-01", evaluationSubmitted: true, ...over });
}

describe("reminderThreshold: the tightest threshold reached on the run day", () => {
  const table: [daysLeft: number, expected: ReminderThreshold | null][] = [
    [30, null],
    [8, null],
    [7, "d7"],
    [6, "d7"],
    [4, "d7"],
    [3, "d3"],
    [2, "d3"],
    [1, "d1"],
    [0, "d0"],
    [-1, "overdue"],
    [-40, "overdue"],
  ];
  it.each(table)("%i days left → %s", (left, expected) => {
    const due = new Date(Date.parse(`${TODAY}T00:00:00Z`) + left * 86_400_000).toISOString().slice(0, 10);
    expect(reminderThreshold(due, TODAY)).toBe(expected);
  });

  it("knows five thresholds, from the earliest to overdue", () => {
    expect(REMINDER_THRESHOLDS).toEqual(["d7", "d3", "d1", "d0", "overdue"]);
  });
});

describe("reminderLabel", () => {
  it.each([
    ["2026-12-04", "D-3"],
    ["2026-12-02", "D-1"],
    [TODAY, "D-day"],
    ["2026-11-29", "기한 경과 2일"],
  ])("due %s → %s", (due, label) => expect(reminderLabel(due, TODAY)).toBe(label));
});

describe("ticketPagePath", () => {
  it("the page under the ticket, the overview for ''", () => {
    expect(ticketPagePath("t1", "plan")).toBe("/tickets/t1/plan");
    expect(ticketPagePath("t1", "")).toBe("/tickets/t1");
  });
});

describe("reminderParties: the pending-actions rule decides who must act", () => {
  it("plan deadline: the supplier, whose 수행계획서 제출 carries planDueOn", () => {
    const actions = pendingActions(
      facts({ state: "selected", planDueOn: "2026-12-04", openQuestions: { monitor: { count: 1, oldestOn: TODAY } } }),
    );
    expect(reminderParties(actions, "planDueOn")).toEqual(["supplier"]);
  });

  it("revision deadline: the supplier", () => {
    expect(reminderParties(pendingActions(facts({ state: "plan_revision", revisionDueOn: "2026-12-02" })), "revisionDueOn")).toEqual([
      "supplier",
    ]);
  });

  it("window end: every party with something to do (the manufacturer's unconfirmed logs hold the report up)", () => {
    const actions = pendingActions(
      facts({
        state: "in_progress",
        windowEndOn: "2026-12-03",
        logsToConfirm: { count: 2, oldestOn: "2026-11-28" },
        extensionRequestedOn: "2026-11-30",
      }),
    );
    expect(reminderParties(actions, "windowEndOn")).toEqual(["supplier", "manufacturer", "monitor"]);
  });

  it("nobody carries the deadline: the party of the main step", () => {
    const actions = pendingActions(facts({ state: "selected", planDueOn: null }));
    expect(reminderParties(actions, "planDueOn")).toEqual(["supplier"]);
  });

  it("nobody carries it and no main step: nobody", () => {
    const side: PendingAction[] = pendingActions(facts({ state: "submitted", hasQuote: false })).filter((a) => !a.main);
    expect(reminderParties(side, "planDueOn")).toEqual([]);
    expect(reminderParties([], "windowEndOn")).toEqual([]);
  });
});

describe("remindersOf", () => {
  it("one reminder per party, with the days left, what to do and where", () => {
    const f = facts({ state: "selected", planDueOn: "2026-12-04" });
    const [r, ...rest] = remindersOf("t1", deadlineOf(f), pendingActions(f), TODAY);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ party: "supplier", threshold: "d3", label: "D-3", daysLeft: 3 });
    expect(r.deadline).toEqual({ what: "계획서 제출", on: "2026-12-04", field: "planDueOn" });
    expect(r.todo).toEqual([{ what: "수행계획서 제출", detail: null, path: "/tickets/t1/plan" }]);
  });

  it("the action carrying the deadline comes first in the party's to-do, its other items after", () => {
    const f = facts({
      state: "in_progress",
      windowEndOn: "2026-11-30",
      logsDisputed: { count: 1, oldestOn: "2026-11-01" },
      openQuestions: { supplier: { count: 1, oldestOn: "2026-10-01" } },
    });
    const reminders = remindersOf("t9", deadlineOf(f), pendingActions(f), TODAY);
    expect(reminders.map((r) => [r.party, r.threshold, r.label])).toEqual([["supplier", "overdue", "기한 경과 1일"]]);
    expect(reminders[0].todo.map((t) => t.what)).toEqual(["작업 완료 후 완료 보고", "문의 답변", "이의 제기된 작업일지 수정"]);
    expect(reminders[0].todo[1].path).toBe("/tickets/t9/questions");
  });

  it("nothing without a running deadline, or more than 7 days before it", () => {
    const far = facts({ state: "selected", planDueOn: "2026-12-09" });
    expect(remindersOf("t1", deadlineOf(far), pendingActions(far), TODAY)).toEqual([]);
    const none = facts({ state: "plan_submitted", planDueOn: "2026-12-02" });
    expect(remindersOf("t1", deadlineOf(none), pendingActions(none), TODAY)).toEqual([]);
  });
});

describe("reminderDedupeKey", () => {
  it("one key per ticket, deadline, due date, threshold and person", () => {
    const r = { ticketId: "t1", field: "planDueOn" as const, dueOn: "2026-12-04", threshold: "d3" as const };
    expect(reminderDedupeKey("u1", r)).toBe("reminder:t1:planDueOn:2026-12-04:d3:u1");
    expect(reminderDedupeKey("u2", r)).not.toBe(reminderDedupeKey("u1", r));
  });
});
