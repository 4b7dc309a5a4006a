import { describe, it, expect } from "vitest";
import { TICKET_STATES, type TicketState } from "./labels";
import {
  QUOTE_EDITABLE_STATES,
  TRANSITIONS,
  WORK_LOG_STATES,
  WORK_LOG_VISIBLE_STATES,
  canEditQuote,
  canWriteWorkLogs,
  workLogsVisible,
} from "./workflow";

// state → [quote editable, work logs written, work logs visible]
const TABLE: Record<TicketState, [boolean, boolean, boolean]> = {
  draft: [false, false, false],
  submitted: [true, false, false],
  requirement_review: [true, false, false],
  site_evaluation: [true, false, false],
  selected: [true, false, false],
  plan_submitted: [true, false, false],
  cost_review: [true, false, false],
  plan_revision: [true, false, false],
  agreed: [false, false, false],
  funded: [false, false, false],
  in_progress: [false, true, true],
  completion_check: [false, false, true],
  settlement: [false, false, true],
  completed: [false, false, true],
  follow_up: [false, false, true],
  rejected: [false, false, false],
  not_selected: [false, false, false],
  withdrawn: [false, false, false],
  cancelled: [false, false, false],
};

describe("states that allow quotes and work logs", () => {
  it.each(TICKET_STATES.map((s) => [s, ...TABLE[s]] as const))("%s: quote %s, write logs %s, see logs %s", (state, quote, write, see) => {
    expect(canEditQuote(state)).toBe(quote);
    expect(QUOTE_EDITABLE_STATES.includes(state)).toBe(quote);
    expect(canWriteWorkLogs(state)).toBe(write);
    expect(WORK_LOG_STATES.includes(state)).toBe(write);
    expect(workLogsVisible(state)).toBe(see);
    expect(WORK_LOG_VISIBLE_STATES.includes(state)).toBe(see);
  });

  it("unknown states allow nothing", () => {
    for (const f of [canEditQuote, canWriteWorkLogs, workLogsVisible]) expect(f("nope")).toBe(false);
  });

  it("quotes stop at the agreement; logs are written where completion is reported, and stay visible", () => {
    const sign = TRANSITIONS.find((t) => t.action === "sign_agreement")!;
    for (const s of sign.from) expect(canEditQuote(s)).toBe(true);
    expect(canEditQuote(sign.to)).toBe(false);
    const report = TRANSITIONS.find((t) => t.action === "report_completion")!;
    expect([...WORK_LOG_STATES]).toEqual([...report.from]);
    for (const s of WORK_LOG_STATES) expect(workLogsVisible(s)).toBe(true);
  });
});
