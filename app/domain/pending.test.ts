import { describe, expect, it } from "vitest";
import { CLOSED_STATES, ROLES, TICKET_STATES, type Role, type TicketState } from "./index";
import {
  TP_TARGET_DEFAULTS,
  closedLabel,
  compareUrgency,
  dDayLabel,
  dayCount,
  nextParties,
  pendingActions,
  pendingFor,
  pendingSummary,
  sortByUrgency,
  urgencyOf,
  waitingOn,
  type PendingFacts,
  type PendingKind,
} from "./pending";
import { pendingFacts } from "../../tests/fixtures/pending-facts";

const TODAY = "2026-03-10";

function facts(state: TicketState, over: Partial<PendingFacts> = {}): PendingFacts {
  return pendingFacts({
    state,
    stateChangedOn: "2026-03-05",
    submittedOn: "2026-03-02",
    planDueOn: "2026-03-19",
    revisionDueOn: "2026-03-15",
    windowEndOn: "2026-07-04",
    ...over,
  });
}

/** The main step of each state with plain facts: [kind, party, page, due kind]. */
const MAIN: Record<TicketState, [PendingKind, Role, string, "deadline" | "target" | null] | null> = {
  draft: ["write_application", "manufacturer", "", null],
  submitted: ["start_review", "monitor", "", "target"],
  requirement_review: ["finish_review", "monitor", "review", "target"],
  site_evaluation: ["evaluate", "monitor", "evaluation", "target"],
  selected: ["submit_plan", "supplier", "plan", "deadline"],
  plan_submitted: ["review_plan", "monitor", "plan-review", "target"],
  cost_review: ["record_cost_review", "monitor", "cost-review", "target"],
  plan_revision: ["resubmit_plan", "supplier", "plan", "deadline"],
  agreed: ["deposit_share", "manufacturer", "payment", null],
  funded: ["start_work", "supplier", "", "deadline"],
  in_progress: ["report_completion", "supplier", "completion", "deadline"],
  completion_check: ["check_completion", "monitor", "completion-check", "target"],
  settlement: ["submit_settlement", "manufacturer", "settlement", null],
  completed: ["start_follow_up", "monitor", "completion-check", null],
  follow_up: ["follow_up", "monitor", "completion-check", null],
  rejected: null,
  not_selected: null,
  withdrawn: null,
  cancelled: null,
};

describe("pendingActions: every state × party", () => {
  for (const state of TICKET_STATES) {
    it(`${state}: the main step is ${MAIN[state]?.[0] ?? "none"}`, () => {
      const actions = pendingActions(facts(state));
      const main = actions.find((a) => a.main) ?? null;
      const expected = MAIN[state];
      if (expected === null) {
        expect(actions).toEqual([]);
        return;
      }
      expect(main).not.toBeNull();
      expect([main!.kind, main!.party, main!.page, main!.due?.kind ?? null]).toEqual(expected);
      // each party either has something to do or sees whom it waits for
      for (const party of ROLES) {
        const mine = pendingFor(actions, party, TODAY);
        const waiting = waitingOn(actions, party, TODAY);
        expect(mine.length > 0 !== waiting.length > 0).toBe(true);
      }
    });
  }

  it("no non-terminal state in which nobody has anything to do, whatever the facts", () => {
    const variants: Partial<PendingFacts>[] = [
      {},
      { hasQuote: false },
      { returnedForCorrection: true },
      { evaluationSubmitted: true },
      { hasCostReview: true },
      { hasCostReview: true, planChangeRequired: true },
      { logsToConfirm: { count: 1, oldestOn: "2026-03-08" } },
      { logsDisputed: { count: 2, oldestOn: "2026-03-07" } },
      { extensionRequestedOn: "2026-03-09" },
      { planDueOn: null, revisionDueOn: null, windowEndOn: null, submittedOn: null },
    ];
    for (const state of TICKET_STATES) {
      for (const v of variants) {
        const actions = pendingActions(facts(state, v));
        if ((CLOSED_STATES as readonly string[]).includes(state)) expect(actions).toEqual([]);
        else expect(actions.length, `${state} ${JSON.stringify(v)}`).toBeGreaterThan(0);
      }
    }
  });
});

describe("the facts change the step and add items beside it", () => {
  it("a draft sent back for correction asks to fix and resubmit", () => {
    const [main] = pendingActions(facts("draft", { returnedForCorrection: true }));
    expect(main).toMatchObject({ kind: "fix_application", party: "manufacturer", action: "submit", detail: "제출할 준비가 되었습니다." });
    expect(pendingActions(facts("draft", { applicationProblems: 3 }))[0].detail).toBe("제출 전에 해결할 항목 3건 (서류·신청자격)");
  });

  it("requirement review: the target counts from the submission; without one from the state's day", () => {
    expect(pendingActions(facts("requirement_review"))[0].due).toEqual({ on: "2026-03-09", kind: "target", field: null });
    expect(pendingActions(facts("submitted", { submittedOn: null }))[0]).toMatchObject({ since: "2026-03-05", due: { on: "2026-03-12" } });
    expect(pendingActions(facts("requirement_review", { submittedOn: null }))[0].since).toBe("2026-03-05");
  });

  it("site evaluation: the sheet first, then the decision", () => {
    expect(pendingActions(facts("site_evaluation", { evaluationSubmitted: true }))[0]).toMatchObject({ kind: "decide", page: "decision" });
  });

  it("cost review: result, then a plan change when asked for, else the draft, both consents and the conclusion", () => {
    expect(pendingActions(facts("cost_review", { hasCostReview: true, planChangeRequired: true }))[0].kind).toBe("request_plan_change");
    expect(pendingActions(facts("cost_review", { hasCostReview: true }))[0]).toMatchObject({ kind: "prepare_agreement", party: "monitor" });
    const draft = { preparedOn: "2026-03-08", manufacturerConsented: false, supplierConsented: false };
    const both = pendingActions(facts("cost_review", { hasCostReview: true, agreementDraft: draft }));
    expect(both.map((a) => [a.kind, a.party, a.since])).toEqual([
      ["consent_agreement", "manufacturer", "2026-03-08"],
      ["consent_agreement", "supplier", "2026-03-08"],
    ]);
    expect(waitingOn(both, "monitor", TODAY).map((w) => w.doing)).toEqual(["도입기업 협약 동의 검토 중", "공급기업 협약 동의 검토 중"]);
    const makerDone = pendingActions(facts("cost_review", { hasCostReview: true, agreementDraft: { ...draft, manufacturerConsented: true } }));
    expect(makerDone.map((a) => a.party)).toEqual(["supplier"]);
    const supplierDone = pendingActions(facts("cost_review", { hasCostReview: true, agreementDraft: { ...draft, supplierConsented: true } }));
    expect(supplierDone.map((a) => a.party)).toEqual(["manufacturer"]);
    const all = { ...draft, manufacturerConsented: true, supplierConsented: true };
    expect(pendingActions(facts("cost_review", { hasCostReview: true, agreementDraft: all }))[0]).toMatchObject({
      kind: "sign_agreement",
      party: "monitor",
    });
  });

  it("the evaluator and the agency: assigned, they declare first, then work; the TP confirms their result", () => {
    const unassigned = pendingActions(facts("site_evaluation"))[0];
    expect(unassigned).toMatchObject({ kind: "evaluate", party: "monitor", what: "현장평가 (외부전문가 배정 또는 직접 평가)" });
    const declaring = pendingActions(facts("site_evaluation", { evaluator: { since: "2026-03-06", declared: false } }))[0];
    expect(declaring).toMatchObject({ kind: "declare_conflict", party: "evaluator", page: "conflict", since: "2026-03-06" });
    const scoring = pendingActions(facts("site_evaluation", { evaluator: { since: "2026-03-06", declared: true } }))[0];
    expect(scoring).toMatchObject({ kind: "evaluate", party: "evaluator", page: "evaluation", doing: "외부전문가 현장평가 중" });
    const awaiting = pendingActions(facts("site_evaluation", { evaluationSubmitted: true, evaluationAwaitingConfirmation: true }))[0];
    expect(awaiting).toMatchObject({ kind: "confirm_evaluation", party: "monitor", action: "confirm_evaluation" });
    const agency = { since: "2026-03-06", declared: true };
    expect(pendingActions(facts("cost_review", { costAgency: agency }))[0]).toMatchObject({ kind: "record_cost_review", party: "cost_agency" });
    expect(pendingActions(facts("cost_review", { costAgency: { ...agency, declared: false } }))[0]).toMatchObject({
      kind: "declare_conflict",
      party: "cost_agency",
      doing: "원가계산기관 배정 확인 중",
    });
    expect(pendingActions(facts("cost_review", { costAgency: agency, costReviewAwaitingConfirmation: true }))[0]).toMatchObject({
      kind: "confirm_cost_review",
      party: "monitor",
    });
    // the evaluator has nothing of the cost review: it waits, like any party without an item
    expect(pendingFor(pendingActions(facts("cost_review", { costAgency: agency })), "evaluator", TODAY)).toEqual([]);
  });

  it("funding: the company's share first, then payments, then the TP declares funding complete", () => {
    expect(pendingActions(facts("agreed"))[0]).toMatchObject({ kind: "deposit_share", party: "manufacturer", due: null });
    expect(pendingActions(facts("agreed", { shareDeposit: "awaiting" }))[0]).toMatchObject({ kind: "confirm_share_deposit", party: "monitor" });
    const noPayee = pendingActions(facts("agreed", { shareDeposit: "confirmed" }))[0];
    expect(noPayee).toMatchObject({ kind: "pay", detail: "지급 계좌를 먼저 등록합니다." });
    expect(pendingActions(facts("agreed", { shareDeposit: "confirmed", payeeRecorded: true }))[0]).toMatchObject({ kind: "pay", detail: null });
    const paid = pendingActions(facts("agreed", { shareDeposit: "confirmed", payeeRecorded: true, paymentCount: 2 }))[0];
    expect(paid).toMatchObject({ kind: "complete_funding", action: "complete_funding", detail: expect.stringContaining("지급 2건") });
  });

  it("settlement: the manufacturer submits, the TP confirms", () => {
    expect(pendingActions(facts("settlement"))[0]).toMatchObject({ kind: "submit_settlement", party: "manufacturer" });
    expect(pendingActions(facts("settlement", { settlementSubmitted: true }))[0]).toMatchObject({
      kind: "confirm_settlement",
      party: "monitor",
      due: { kind: "target", on: "2026-03-19" },
    });
  });

  it("changes: the other company confirms a proposal, then the TP decides", () => {
    const bySupplier = pendingActions(facts("in_progress", { extensionProposal: { by: "supplier", on: "2026-03-09" } }));
    expect(pendingFor(bySupplier, "manufacturer", TODAY)).toEqual([
      expect.objectContaining({ kind: "confirm_extension", page: "extension", since: "2026-03-09", main: false }),
    ]);
    const byMaker = pendingActions(facts("in_progress", { extensionProposal: { by: "manufacturer", on: "2026-03-09" } }));
    expect(pendingFor(byMaker, "supplier", TODAY).map((a) => a.kind)).toContain("confirm_extension");
    // a proposal outside 과제수행 is not listed (the state machine refuses it there)
    expect(pendingActions(facts("funded", { extensionProposal: { by: "supplier", on: "2026-03-09" } })).map((a) => a.kind)).toEqual([
      "start_work",
    ]);
    const change = { by: "manufacturer" as const, on: "2026-03-08" };
    const toSupplier = pendingActions(facts("funded", { changeRequest: { ...change, awaiting: "counterpart" } }));
    expect(pendingFor(toSupplier, "supplier", TODAY).map((a) => a.kind)).toEqual(["start_work", "confirm_change"]);
    const bySupplierChange = pendingActions(facts("agreed", { changeRequest: { ...change, by: "supplier", awaiting: "counterpart" } }));
    expect(pendingFor(bySupplierChange, "manufacturer", TODAY).map((a) => a.kind)).toContain("confirm_change");
    const toTp = pendingActions(facts("in_progress", { changeRequest: { ...change, awaiting: "tp" } }));
    expect(pendingFor(toTp, "monitor", TODAY)).toEqual([
      expect.objectContaining({ kind: "decide_change", due: { on: "2026-03-15", kind: "target", field: null } }),
    ]);
    expect(pendingActions(facts("completion_check", { changeRequest: { ...change, awaiting: "tp" } })).map((a) => a.kind)).toEqual([
      "check_completion",
    ]);
  });

  it("plan and revision deadlines are the notice's, with their ticket column", () => {
    expect(pendingActions(facts("selected"))[0].due).toEqual({ on: "2026-03-19", kind: "deadline", field: "planDueOn" });
    expect(pendingActions(facts("plan_revision"))[0].due).toEqual({ on: "2026-03-15", kind: "deadline", field: "revisionDueOn" });
    expect(pendingActions(facts("selected", { planDueOn: null }))[0].due).toBeNull();
  });

  it("TP targets come from the program", () => {
    const actions = pendingActions(facts("agreed", { shareDeposit: "awaiting" }), { ...TP_TARGET_DEFAULTS, paymentTargetDays: 3 });
    expect(actions[0].due?.on).toBe("2026-03-08");
  });

  it("the case of the issue: an unconfirmed work log makes the manufacturer act, and both companies are next", () => {
    const actions = pendingActions(facts("in_progress", { logsToConfirm: { count: 1, oldestOn: "2026-03-08" } }));
    const maker = pendingFor(actions, "manufacturer", TODAY);
    expect(maker.map((a) => a.what)).toEqual(["작업일지 확인"]);
    expect(maker[0]).toMatchObject({
      page: "work-logs",
      detail: "확인하지 않은 작업일지 1건",
      blocks: "공급기업의 완료 보고가 이 확인을 기다립니다.",
    });
    expect(nextParties(actions, TODAY)).toEqual(expect.arrayContaining(["manufacturer", "supplier"]));
    const supplier = pendingFor(actions, "supplier", TODAY);
    expect(supplier[0]).toMatchObject({ kind: "do_work", action: null });
  });

  it("disputed logs are the supplier's; a pending extension is the TP's", () => {
    const actions = pendingActions(
      facts("in_progress", { logsDisputed: { count: 2, oldestOn: "2026-03-07" }, extensionRequestedOn: "2026-03-09" }),
    );
    expect(pendingFor(actions, "supplier", TODAY).map((a) => a.kind)).toEqual(["report_completion", "fix_work_logs"]);
    expect(actions.map((a) => a.kind)).toEqual(["report_completion", "fix_work_logs", "decide_extension"]);
    expect(nextParties(actions, TODAY)).toEqual(["monitor", "supplier"]);
    expect(pendingFor(actions, "monitor", TODAY)[0]).toMatchObject({ kind: "decide_extension", due: { on: "2026-03-16", kind: "target" } });
  });

  it("a missing quote is the supplier's item until the agreement", () => {
    expect(pendingActions(facts("submitted", { hasQuote: false })).map((a) => a.kind)).toEqual(["start_review", "write_quote"]);
    expect(pendingActions(facts("submitted", { hasQuote: false, submittedOn: null }))[1].since).toBe("2026-03-05");
    expect(pendingActions(facts("selected", { hasQuote: false })).map((a) => a.kind)).toEqual(["submit_plan", "write_quote"]);
    expect(pendingActions(facts("agreed", { hasQuote: false })).map((a) => a.kind)).toEqual(["deposit_share"]);
  });

  it("open questions are the addressed party's, in open states only", () => {
    const openQuestions = { supplier: { count: 2, oldestOn: "2026-03-09" }, monitor: { count: 0, oldestOn: "2026-03-09" } };
    const actions = pendingActions(facts("requirement_review", { openQuestions }));
    expect(pendingFor(actions, "supplier", TODAY)).toEqual([
      expect.objectContaining({ kind: "answer_questions", detail: "답변을 기다리는 문의 2건", page: "questions", doing: "공급기업 답변 중" }),
    ]);
    expect(pendingFor(actions, "monitor", TODAY).map((a) => a.kind)).toEqual(["finish_review"]);
    expect(pendingActions(facts("cancelled", { openQuestions }))).toEqual([]);
  });
});

describe("order and wording", () => {
  const overdue = { due: { on: "2026-03-08", kind: "deadline" as const, field: null }, since: "2026-03-01" };
  const overdueLonger = { due: { on: "2026-03-01", kind: "target" as const, field: null }, since: "2026-03-05" };
  const soon = { due: { on: "2026-03-12", kind: "deadline" as const, field: null }, since: "2026-03-01" };
  const later = { due: { on: "2026-03-20", kind: "deadline" as const, field: null }, since: "2026-02-01" };
  const waitingOld = { due: null, since: "2026-01-01" };
  const waitingNew = { due: null, since: "2026-03-09" };

  it("overdue first, then by D-day, then the longest waiting", () => {
    expect(sortByUrgency([waitingNew, later, soon, waitingOld, overdue, overdueLonger], TODAY)).toEqual([
      overdueLonger,
      overdue,
      soon,
      later,
      waitingOld,
      waitingNew,
    ]);
    expect(compareUrgency(soon, { ...soon, since: "2026-03-02" }, TODAY)).toBeLessThan(0);
    expect(urgencyOf(soon, TODAY)).toBe("due");
    expect(urgencyOf({ due: { on: TODAY, kind: "deadline", field: null } }, TODAY)).toBe("due");
    expect(urgencyOf(overdue, TODAY)).toBe("overdue");
    expect(urgencyOf(waitingOld, TODAY)).toBe("waiting");
  });

  it("D labels and day counts", () => {
    expect(dDayLabel("2026-03-08", TODAY)).toBe("D+2");
    expect(dayCount("2026-03-08", TODAY)).toBe(3);
    expect(dayCount(TODAY, TODAY)).toBe(1);
    expect(dayCount("2026-03-11", TODAY)).toBe(1);
  });

  it("a party with nothing to do sees whom it waits for and since when", () => {
    const actions = pendingActions(facts("requirement_review", { submittedOn: "2026-03-08" }));
    expect(waitingOn(actions, "manufacturer", TODAY).map((w) => w.label)).toEqual(["운영기관(TP) 요건검토 중 · 3일째"]);
    expect(waitingOn(actions, "monitor", TODAY)).toEqual([]);
    expect(waitingOn([], "monitor", TODAY)).toEqual([]);
    const two = pendingActions(facts("in_progress", { logsToConfirm: { count: 1, oldestOn: "2026-03-08" } }));
    expect(waitingOn(two, "monitor", TODAY).map((w) => w.party)).toEqual(["supplier", "manufacturer"]);
  });

  it("summaries name the party and the date kind", () => {
    const [plan] = pendingActions(facts("selected"));
    expect(pendingSummary(plan, TODAY)).toBe("수행계획서 제출 · 공급기업 · D-9");
    const [review] = pendingActions(facts("submitted"));
    expect(pendingSummary(review, TODAY)).toBe("요건검토 시작 · 운영기관(TP) · 목표 D+1");
    const [follow] = pendingActions(facts("follow_up"));
    expect(pendingSummary(follow, TODAY)).toBe("사후관리 기록 · 운영기관(TP)");
  });

  it("closed states say so", () => {
    expect(closedLabel("not_selected")).toBe("종료: 미선정");
    expect(closedLabel("in_progress")).toBeNull();
  });
});
