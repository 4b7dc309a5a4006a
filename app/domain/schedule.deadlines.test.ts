import { describe, it, expect } from "vitest";
import { DomainError } from "./errors";
import { TICKET_STATES } from "./labels";
import { GYEONGGI_2024_PARAMS as P } from "./params";
import {
  DEADLINE_CLOCKS,
  DEADLINE_FIELDS,
  DUE_SOON_DAYS,
  deadlineClockOf,
  deadlineOf,
  dueSoonUntil,
  dueStatus,
  executionWindow,
  maxTotalMonths,
} from "./schedule";

const DATES = { planDueOn: "2024-03-18", revisionDueOn: "2024-04-10", windowEndOn: "2024-08-31" } as const;

describe("DEADLINE_CLOCKS: which deadline runs in which state", () => {
  it.each([
    ["selected", { what: "계획서 제출", on: "2024-03-18", field: "planDueOn" }],
    ["plan_revision", { what: "보완 계획서", on: "2024-04-10", field: "revisionDueOn" }],
    ["agreed", { what: "수행 종료", on: "2024-08-31", field: "windowEndOn" }],
    ["funded", { what: "수행 종료", on: "2024-08-31", field: "windowEndOn" }],
    ["in_progress", { what: "수행 종료", on: "2024-08-31", field: "windowEndOn" }],
    ["draft", null],
    ["submitted", null],
    ["plan_submitted", null],
    ["cost_review", null],
    ["completion_check", null],
    ["completed", null],
    ["follow_up", null],
    ["cancelled", null],
    ["no_such_state", null],
  ])("%s → %j", (state, expected) => {
    expect(deadlineOf({ state, ...DATES })).toEqual(expected);
  });

  it.each([
    ["selected", "planDueOn"],
    ["plan_revision", "revisionDueOn"],
    ["in_progress", "windowEndOn"],
  ] as const)("%s without its %s date has no deadline", (state, field) => {
    expect(deadlineOf({ state, ...DATES, [field]: null })).toBeNull();
  });

  it("no state runs two clocks, and every clock reads a deadline column", () => {
    const states = DEADLINE_CLOCKS.flatMap((c) => c.states);
    expect(new Set(states).size).toBe(states.length);
    for (const c of DEADLINE_CLOCKS) {
      expect(DEADLINE_FIELDS).toContain(c.field);
      for (const s of c.states) expect(TICKET_STATES).toContain(s);
    }
    expect(DEADLINE_CLOCKS.map((c) => c.field)).toEqual([...DEADLINE_FIELDS]);
  });

  it("deadlineClockOf returns the clock or null", () => {
    expect(deadlineClockOf("plan_revision")).toBe(DEADLINE_CLOCKS[1]);
    expect(deadlineClockOf("rejected")).toBeNull();
  });
});

describe("dueStatus: overdue, due soon (≤ DUE_SOON_DAYS), later", () => {
  it.each([
    ["2024-03-15", "2024-03-16", "overdue"],
    ["2024-03-15", "2024-03-15", "soon"],
    ["2024-03-15", "2024-03-08", "soon"],
    ["2024-03-15", "2024-03-07", "later"],
    ["2024-03-15", new Date("2024-03-14T15:00:00Z"), "soon"],
  ] as const)("due %s seen from %s → %s", (due, today, expected) => {
    expect(dueStatus(due, today)).toBe(expected);
  });

  it("is 7 days, and dueSoonUntil is the last 'soon' date", () => {
    expect(DUE_SOON_DAYS).toBe(7);
    expect(dueSoonUntil("2024-02-25")).toBe("2024-03-03");
    expect(dueStatus(dueSoonUntil("2024-02-25"), "2024-02-25")).toBe("soon");
  });
});

describe("maxTotalMonths", () => {
  it("is base + maximum extension, the months of executionWindow's maxEndOn", () => {
    expect(maxTotalMonths(P)).toBe(6);
    expect(maxTotalMonths({ ...P, baseMonths: 3, maxExtensionMonths: 1 })).toBe(4);
    expect(executionWindow("2024-03-01", P.maxExtensionMonths, P)).toMatchObject({
      totalMonths: 6,
      endOn: "2024-08-31",
      maxEndOn: "2024-08-31",
    });
  });

  it("refuses invalid params", () => {
    expect(() => maxTotalMonths({ ...P, baseMonths: 0 })).toThrow(DomainError);
  });
});
