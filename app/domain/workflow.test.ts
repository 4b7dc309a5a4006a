import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { DomainError } from "./errors";
import { ROLES, STATE_LABELS, TICKET_STATES, type Role, type TicketState } from "./labels";
import { NOTICE_STEPS } from "./notice";
import { GYEONGGI_2024_PARAMS as P } from "./params";
import {
  ACTION_LABELS,
  ACTIONS,
  assertTransition,
  availableActions,
  CAPACITY_STATES,
  CLOSED_STATES,
  countsAgainstCapacity,
  isAction,
  nextActor,
  STATE_ACTORS,
  STATE_STEP,
  stepOfState,
  TRANSITIONS,
  transitionsFrom,
  type Action,
  type TicketContext,
} from "./workflow";

/** A context in which every guard holds. */
function ctx(patch: Partial<TicketContext> = {}): TicketContext {
  return {
    eligible: true,
    checklistComplete: true,
    evaluationComplete: true,
    evaluationPassed: true,
    selectedCount: 10,
    committedSubsidy: 160_000_000,
    ticketSubsidy: 16_000_000,
    planAttached: true,
    hasCostReview: true,
    planChangeRequired: false,
    hasAgreement: false,
    unconfirmedWorkLogs: 0,
    monthsExtended: 0,
    requestedMonths: 1,
    pendingExtensionMonths: 0,
    evaluationAwaitingConfirmation: false,
    costReviewAwaitingConfirmation: false,
    hasAgreementDraft: true,
    manufacturerConsented: true,
    supplierConsented: true,
    shareDepositAwaiting: false,
    shareDepositConfirmed: true,
    payeeRecorded: true,
    paymentCount: 1,
    extensionAwaitingCounterpart: false,
    changeAwaitingCounterpart: false,
    changeAwaitingTp: false,
    settlementReady: true,
    settlementSubmitted: true,
    ...patch,
  };
}

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("the table", () => {
  it("has a label for every action and uses only known states and roles", () => {
    expect(Object.keys(ACTION_LABELS).sort()).toEqual([...ACTIONS].sort());
    for (const t of TRANSITIONS) {
      expect(TICKET_STATES).toContain(t.to);
      for (const f of t.from) expect(TICKET_STATES).toContain(f);
      expect(ROLES).toContain(t.role);
      expect(t.label).toMatch(/[가-힣]/);
    }
  });

  it("no action leaves the same state twice (one to-state per state and action)", () => {
    for (const state of TICKET_STATES) {
      const actions = transitionsFrom(state).map((t) => t.action);
      expect(new Set(actions).size).toBe(actions.length);
    }
  });

  it("property: every state is reachable from draft (BFS over the table)", () => {
    const seen = new Set<TicketState>(["draft"]);
    const queue: TicketState[] = ["draft"];
    while (queue.length > 0) {
      const s = queue.shift()!;
      for (const t of transitionsFrom(s)) {
        if (!seen.has(t.to)) {
          seen.add(t.to);
          queue.push(t.to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...TICKET_STATES].sort());
  });

  it("property: nothing leaves completed/withdrawn/rejected/not_selected/cancelled except completed → follow_up", () => {
    const ends: TicketState[] = ["completed", "withdrawn", "rejected", "not_selected", "cancelled"];
    const out = TRANSITIONS.flatMap((t) => t.from.filter((f) => ends.includes(f)).map((f) => `${f} -${t.action}-> ${t.to}`));
    expect(out).toEqual(["completed -start_follow_up-> follow_up"]);
    expect(transitionsFrom("follow_up")).toEqual([]);
    fc.assert(
      fc.property(fc.constantFrom(...CLOSED_STATES), fc.constantFrom(...ACTIONS), fc.constantFrom(...ROLES), (state, action, role) => {
        expect(refusal(() => assertTransition(state, action, role, ctx(), P)).code).toBe("invalid_transition");
      }),
    );
  });

  it("the withdraw and cancel edges", () => {
    const withdraw = TRANSITIONS.find((t) => t.action === "withdraw")!;
    expect(withdraw.from).toEqual([
      "draft",
      "submitted",
      "requirement_review",
      "site_evaluation",
      "selected",
      "plan_submitted",
      "cost_review",
      "plan_revision",
    ]);
    expect(withdraw.role).toBe("manufacturer");
    const cancel = TRANSITIONS.find((t) => t.action === "cancel")!;
    expect(cancel.role).toBe("monitor");
    expect(cancel.from).toContain("selected");
  });
});

describe("states: next actor, notice step, capacity", () => {
  it("next actor", () => {
    expect(nextActor("draft")).toBe("manufacturer");
    expect(nextActor("selected")).toBe("supplier");
    expect(nextActor("plan_revision")).toBe("supplier");
    expect(nextActor("cost_review")).toBe("monitor");
    expect(nextActor("in_progress")).toBe("supplier");
    expect(STATE_ACTORS.in_progress).toEqual(["supplier", "manufacturer"]);
    expect(nextActor("follow_up")).toBe("monitor");
    for (const s of CLOSED_STATES) expect(nextActor(s)).toBeNull();
  });
  it("every state with a next actor has an action of that actor (except follow-up, which only takes notes)", () => {
    for (const s of TICKET_STATES) {
      const actor = nextActor(s);
      if (actor === null || s === "follow_up") continue;
      expect(transitionsFrom(s).some((t) => t.role === actor)).toBe(true);
    }
  });
  it("maps states to the notice's 12 steps in order along the main path", () => {
    const main: TicketState[] = [
      "draft",
      "submitted",
      "requirement_review",
      "site_evaluation",
      "selected",
      "plan_submitted",
      "cost_review",
      "agreed",
      "funded",
      "in_progress",
      "completion_check",
      "completed",
      "follow_up",
    ];
    expect(main.map(stepOfState)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 12]);
    expect(stepOfState("plan_revision")).toBe(7);
    for (const s of TICKET_STATES) expect(NOTICE_STEPS.map((n) => n.no)).toContain(STATE_STEP[s]);
    expect(NOTICE_STEPS[11].label).toBe("과제관리");
  });
  it("capacity counts selected and later, not closed", () => {
    expect(CAPACITY_STATES).toHaveLength(11);
    expect(countsAgainstCapacity("settlement")).toBe(true);
    expect(countsAgainstCapacity("selected")).toBe(true);
    expect(countsAgainstCapacity("follow_up")).toBe(true);
    expect(countsAgainstCapacity("site_evaluation")).toBe(false);
    expect(countsAgainstCapacity("cancelled")).toBe(false);
    expect(countsAgainstCapacity("withdrawn")).toBe(false);
  });
  it("isAction", () => {
    expect(isAction("submit")).toBe(true);
    expect(isAction("launch")).toBe(false);
    expect(isAction(3)).toBe(false);
  });
});

describe("the main path, end to end", () => {
  it("walks draft → follow_up with the right roles", () => {
    const steps: [Action, Role, Partial<TicketContext>][] = [
      ["submit", "manufacturer", {}],
      ["start_review", "monitor", {}],
      ["pass_review", "monitor", {}],
      ["submit_evaluation", "evaluator", {}],
      ["confirm_evaluation", "monitor", { evaluationAwaitingConfirmation: true }],
      ["select", "monitor", {}],
      ["submit_plan", "supplier", {}],
      ["accept_plan", "monitor", {}],
      ["record_cost_review", "cost_agency", {}],
      ["return_cost_review", "monitor", { costReviewAwaitingConfirmation: true }],
      ["record_cost_review", "cost_agency", {}],
      ["confirm_cost_review", "monitor", { costReviewAwaitingConfirmation: true }],
      ["request_plan_change", "monitor", {}],
      ["resubmit_plan", "supplier", {}],
      ["accept_plan", "monitor", {}],
      ["prepare_agreement", "monitor", { hasAgreementDraft: false }],
      ["consent_agreement", "manufacturer", { supplierConsented: false }],
      ["consent_agreement", "supplier", { supplierConsented: false }],
      ["sign_agreement", "monitor", {}],
      ["record_share_deposit", "manufacturer", { hasAgreement: true, shareDepositConfirmed: false }],
      ["confirm_share_deposit", "monitor", { hasAgreement: true, shareDepositAwaiting: true, shareDepositConfirmed: false }],
      ["record_payment", "monitor", { hasAgreement: true }],
      ["record_payment", "monitor", { hasAgreement: true }],
      ["request_change", "supplier", { hasAgreement: true }],
      ["confirm_change", "manufacturer", { hasAgreement: true, changeAwaitingCounterpart: true }],
      ["approve_change", "monitor", { hasAgreement: true, changeAwaitingTp: true }],
      ["complete_funding", "monitor", { hasAgreement: true }],
      ["start_work", "supplier", { hasAgreement: true }],
      ["request_extension", "supplier", { hasAgreement: true }],
      ["confirm_extension", "manufacturer", { hasAgreement: true, extensionAwaitingCounterpart: true }],
      ["approve_extension", "monitor", { hasAgreement: true, pendingExtensionMonths: 1 }],
      ["report_completion", "supplier", { hasAgreement: true, monthsExtended: 1 }],
      ["fail_completion", "monitor", { hasAgreement: true }],
      ["report_completion", "supplier", { hasAgreement: true }],
      ["pass_completion", "monitor", { hasAgreement: true }],
      ["submit_settlement", "manufacturer", { hasAgreement: true, settlementSubmitted: false }],
      ["return_settlement", "monitor", { hasAgreement: true }],
      ["submit_settlement", "manufacturer", { hasAgreement: true, settlementSubmitted: false }],
      ["confirm_settlement", "monitor", { hasAgreement: true }],
      ["start_follow_up", "monitor", { hasAgreement: true }],
    ];
    let state: TicketState = "draft";
    const visited: TicketState[] = [state];
    for (const [action, role, patch] of steps) {
      state = assertTransition(state, action, role, ctx(patch), P);
      visited.push(state);
    }
    expect(state).toBe("follow_up");
    expect(visited).toEqual([
      "draft",
      "submitted",
      "requirement_review",
      "site_evaluation",
      "site_evaluation",
      "site_evaluation",
      "selected",
      "plan_submitted",
      "cost_review",
      "cost_review",
      "cost_review",
      "cost_review",
      "cost_review",
      "plan_revision",
      "plan_submitted",
      "cost_review",
      "cost_review",
      "cost_review",
      "cost_review",
      "agreed",
      "agreed",
      "agreed",
      "agreed",
      "agreed",
      "agreed",
      "agreed",
      "agreed",
      "funded",
      "in_progress",
      "in_progress",
      "in_progress",
      "in_progress",
      "completion_check",
      "in_progress",
      "completion_check",
      "settlement",
      "settlement",
      "settlement",
      "settlement",
      "completed",
      "follow_up",
    ]);
  });

  it("the steps after selection refuse with the notice's reasons (issue 16)", () => {
    const why = (state: TicketState, action: Action, role: Role, patch: Partial<TicketContext>) =>
      refusal(() => assertTransition(state, action, role, ctx(patch), P)).reasons;
    // the evaluator's sheet waits for the TP before a decision
    expect(why("site_evaluation", "select", "monitor", { evaluationAwaitingConfirmation: true })).toEqual([
      "외부전문가가 제출한 평가표를 먼저 확인하세요.",
    ]);
    expect(why("site_evaluation", "confirm_evaluation", "monitor", {})).toEqual(["확인할 외부전문가 평가표가 없습니다."]);
    expect(why("site_evaluation", "submit_evaluation", "supplier", {})).toEqual(["외부전문가·운영기관(TP)만 할 수 있습니다."]);
    expect(assertTransition("site_evaluation", "submit_evaluation", "monitor", ctx(), P)).toBe("site_evaluation");
    // the agency's review waits for the TP; the agreement needs the draft and both consents
    expect(why("cost_review", "sign_agreement", "monitor", { costReviewAwaitingConfirmation: true })).toEqual([
      "원가계산기관이 입력한 검토 결과를 운영기관이 확인하기 전입니다.",
    ]);
    expect(why("cost_review", "confirm_cost_review", "monitor", {})).toEqual(["확인할 원가계산기관의 검토 결과가 없습니다."]);
    expect(
      why("cost_review", "sign_agreement", "monitor", { hasAgreementDraft: false, manufacturerConsented: false, supplierConsented: false }),
    ).toEqual([
      "협약안이 아직 작성되지 않았습니다.",
      "도입기업과 공급기업의 협약 동의가 필요합니다. (공고 3. 지원절차 ⑧: 협약체결 — 제조혁신센터(TP), 도입, 공급기업)",
    ]);
    expect(why("cost_review", "sign_agreement", "monitor", { supplierConsented: false })[0]).toMatch(/^공급기업의 협약 동의가 필요합니다/);
    expect(why("cost_review", "sign_agreement", "monitor", { manufacturerConsented: false })[0]).toMatch(/^도입기업의 협약 동의가 필요합니다/);
    // the company's share before any subsidy; funding complete only after a payment
    expect(why("agreed", "record_payment", "monitor", { hasAgreement: true, shareDepositConfirmed: false, payeeRecorded: false })).toEqual([
      "기업부담금 입금이 확인되기 전에는 정부지원금을 지급할 수 없습니다.",
      "보조금 지급 계좌를 먼저 등록하세요.",
    ]);
    expect(why("agreed", "complete_funding", "monitor", { hasAgreement: true, paymentCount: 0 })).toEqual([
      "지급한 정부지원금이 없습니다. 지급 내역을 먼저 입력하세요.",
    ]);
    expect(why("agreed", "record_share_deposit", "manufacturer", { hasAgreement: true, shareDepositAwaiting: true })).toEqual([
      "기업부담금 입금이 이미 확인되었습니다.",
      "확인을 기다리는 기업부담금 입금 내역이 있습니다.",
    ]);
    expect(why("agreed", "confirm_share_deposit", "monitor", { hasAgreement: true })).toEqual(["확인할 기업부담금 입금 내역이 없습니다."]);
    // one change of the period or of the scope at a time
    expect(why("in_progress", "request_extension", "supplier", { hasAgreement: true, extensionAwaitingCounterpart: true })).toEqual([
      "상대 기업의 확인을 기다리는 연장 제안이 있습니다.",
    ]);
    expect(why("funded", "request_change", "manufacturer", { hasAgreement: true, changeAwaitingTp: true })).toEqual([
      "처리 중인 사업변경 신청이 있습니다. 결정된 뒤에 다시 신청하세요.",
    ]);
    expect(why("agreed", "request_change", "manufacturer", { hasAgreement: true, changeAwaitingCounterpart: true })).toHaveLength(1);
    expect(why("agreed", "approve_change", "monitor", { hasAgreement: true })).toEqual(["결정할 사업변경 신청이 없습니다."]);
    // the settlement: evidence and the actual cost first, submitted once, confirmed by the TP
    expect(why("settlement", "submit_settlement", "manufacturer", { settlementSubmitted: false, settlementReady: false })).toEqual([
      "실제 사업비와 증빙(세금계산서·이체확인증)을 먼저 입력하세요.",
    ]);
    expect(why("settlement", "submit_settlement", "manufacturer", {})).toEqual(["정산이 이미 제출되어 운영기관의 확인을 기다립니다."]);
    expect(why("settlement", "confirm_settlement", "monitor", { settlementSubmitted: false })).toEqual(["제출된 정산이 없습니다."]);
    // the work is done: a settling ticket is no longer cancelled
    expect(refusal(() => assertTransition("settlement", "cancel", "monitor", ctx(), P)).code).toBe("invalid_transition");
  });

  it("side exits", () => {
    expect(assertTransition("requirement_review", "return_for_correction", "monitor", ctx(), P)).toBe("draft");
    expect(assertTransition("submitted", "return_for_correction", "monitor", ctx(), P)).toBe("draft");
    expect(assertTransition("requirement_review", "reject", "monitor", ctx(), P)).toBe("rejected");
    expect(assertTransition("site_evaluation", "not_select", "monitor", ctx({ evaluationPassed: false }), P)).toBe("not_selected");
    expect(assertTransition("selected", "cancel", "monitor", ctx(), P)).toBe("cancelled");
    expect(assertTransition("plan_submitted", "withdraw", "manufacturer", ctx(), P)).toBe("withdrawn");
    expect(assertTransition("in_progress", "refuse_extension", "monitor", ctx({ pendingExtensionMonths: 1 }), P)).toBe("in_progress");
  });
});

describe("guards", () => {
  function reasons(state: TicketState, action: Action, role: Role, patch: Partial<TicketContext>, params = P): string[] {
    return [...refusal(() => assertTransition(state, action, role, ctx(patch), params)).reasons];
  }

  it("submit only when eligible and the checklist is complete", () => {
    expect(reasons("draft", "submit", "manufacturer", { eligible: false, checklistComplete: false })).toEqual([
      "신청자격 요건을 충족하지 않습니다. 신청자격 확인 결과를 보세요.",
      "제출 서류가 모두 갖추어지지 않았습니다 (누락 또는 유효기간 경과). 서류 목록을 확인하세요.",
    ]);
    expect(reasons("requirement_review", "pass_review", "monitor", { eligible: false })).toHaveLength(1);
  });

  it("select only after a passed evaluation, within capacity and budget", () => {
    expect(reasons("site_evaluation", "select", "monitor", { evaluationPassed: false })[0]).toMatch(
      /^현장평가를 통과한 과제만 선정할 수 있습니다/,
    );
    expect(reasons("site_evaluation", "select", "monitor", { selectedCount: 64 })).toEqual([
      "지원 규모(64개사)가 모두 선정되어 더 선정할 수 없습니다.",
    ]);
    expect(assertTransition("site_evaluation", "select", "monitor", ctx({ selectedCount: 63 }), P)).toBe("selected");
    expect(reasons("site_evaluation", "select", "monitor", { committedSubsidy: 1_010_000_000, ticketSubsidy: 16_000_000 })).toEqual([
      "남은 예산(14,000,000원)이 이 과제의 예상 정부지원금(16,000,000원)보다 적습니다 (예산 소진).",
    ]);
    expect(
      assertTransition("site_evaluation", "select", "monitor", ctx({ committedSubsidy: 1_008_000_000, ticketSubsidy: 16_000_000 }), P),
    ).toBe("selected");
    expect(reasons("site_evaluation", "select", "monitor", { committedSubsidy: 1_100_000_000 })[0]).toMatch(/남은 예산\(0원\)/);
  });

  it("evaluation results need a complete sheet", () => {
    expect(reasons("site_evaluation", "submit_evaluation", "monitor", { evaluationComplete: false })[0]).toMatch(/현장평가표의 모든 항목/);
    expect(reasons("site_evaluation", "not_select", "monitor", { evaluationComplete: false })).toHaveLength(1);
  });

  it("a plan must be attached to submit it", () => {
    expect(reasons("selected", "submit_plan", "supplier", { planAttached: false })).toEqual(["수행계획서를 먼저 작성·첨부하세요."]);
    expect(reasons("plan_revision", "resubmit_plan", "supplier", { planAttached: false })).toHaveLength(1);
  });

  it("no agreement before the cost review; no funding before the agreement", () => {
    expect(reasons("cost_review", "sign_agreement", "monitor", { hasCostReview: false })[0]).toMatch(
      /^원가적정성 검토 결과가 입력되기 전에는 협약을 체결할 수 없습니다/,
    );
    expect(reasons("cost_review", "sign_agreement", "monitor", { planChangeRequired: true })[0]).toMatch(
      /^원가적정성 검토 결과 수행계획서 변경이 필요합니다/,
    );
    expect(reasons("agreed", "record_payment", "monitor", { hasAgreement: false })).toEqual([
      "협약이 체결되기 전에는 사업비를 지급할 수 없습니다.",
    ]);
  });

  it("no completion while a work log is unconfirmed", () => {
    expect(reasons("in_progress", "report_completion", "supplier", { unconfirmedWorkLogs: 2 })).toEqual([
      "도입기업이 확인하지 않은 작업일지가 2건 있어 완료 보고를 할 수 없습니다.",
    ]);
  });

  it("extensions: only in progress, one request at a time, within the limits", () => {
    expect(refusal(() => assertTransition("funded", "request_extension", "manufacturer", ctx(), P)).code).toBe("invalid_transition");
    expect(reasons("in_progress", "request_extension", "manufacturer", { monthsExtended: 2, requestedMonths: 1 })[0]).toMatch(
      /최대 2개월까지만 연장/,
    );
    expect(reasons("in_progress", "request_extension", "manufacturer", { requestedMonths: 3 })).toHaveLength(1);
    expect(reasons("in_progress", "request_extension", "manufacturer", { requestedMonths: 0 })[0]).toMatch(/1개월 이상/);
    expect(reasons("in_progress", "request_extension", "manufacturer", { pendingExtensionMonths: 1 })).toEqual([
      "처리 중인 연장 신청이 있습니다. 승인 여부가 결정된 뒤에 다시 신청하세요.",
    ]);
    expect(assertTransition("in_progress", "request_extension", "manufacturer", ctx({ monthsExtended: 1, requestedMonths: 1 }), P)).toBe(
      "in_progress",
    );
    expect(reasons("in_progress", "approve_extension", "monitor", { pendingExtensionMonths: 0 })).toEqual(["처리할 연장 신청이 없습니다."]);
    expect(reasons("in_progress", "approve_extension", "monitor", { monthsExtended: 1, pendingExtensionMonths: 2 })[0]).toMatch(
      /1개월까지 더 신청할 수 있습니다/,
    );
    expect(reasons("in_progress", "refuse_extension", "monitor", { pendingExtensionMonths: 0 })).toEqual(["처리할 연장 신청이 없습니다."]);
    expect(reasons("in_progress", "request_extension", "manufacturer", {}, { ...P, maxExtensionMonths: 0 })[0]).toMatch(/최대 0개월/);
  });

  it("withdrawal only by the manufacturer and only before the agreement", () => {
    expect(reasons("selected", "withdraw", "supplier", {})).toEqual(["도입기업만 할 수 있습니다."]);
    expect(reasons("cost_review", "withdraw", "manufacturer", { hasAgreement: true })).toEqual([
      "협약이 체결된 뒤에는 신청을 철회할 수 없습니다.",
    ]);
    for (const s of ["agreed", "funded", "in_progress", "completion_check", "completed"] as const) {
      expect(refusal(() => assertTransition(s, "withdraw", "manufacturer", ctx({ hasAgreement: true }), P)).code).toBe("invalid_transition");
    }
  });

  it("the role must match", () => {
    const e = refusal(() => assertTransition("cost_review", "sign_agreement", "supplier", ctx({ hasCostReview: false }), P));
    expect(e.code).toBe("transition_refused");
    expect(e.reasons[0]).toBe("운영기관(TP)만 할 수 있습니다.");
    expect(e.reasons).toHaveLength(2);
    expect(e.message).toMatch(/^협약체결: 운영기관\(TP\)만 할 수 있습니다\. 원가적정성/);
  });
});

describe("assertTransition refusals", () => {
  it("an action that does not leave the state", () => {
    const e = refusal(() => assertTransition("draft", "sign_agreement", "monitor", ctx(), P));
    expect(e.code).toBe("invalid_transition");
    expect(e.message).toBe("현재 상태(작성중)에서는 '협약체결'을 할 수 없습니다.");
  });
  it("values outside the sets", () => {
    expect(refusal(() => assertTransition("archived" as TicketState, "submit", "manufacturer", ctx(), P)).code).toBe("unknown_state");
    expect(refusal(() => assertTransition("draft", "launch" as Action, "manufacturer", ctx(), P)).code).toBe("unknown_action");
    expect(refusal(() => assertTransition("draft", "submit", "admin" as Role, ctx(), P)).code).toBe("unknown_role");
  });
  it("invalid parameters", () => {
    expect(refusal(() => assertTransition("draft", "submit", "manufacturer", ctx(), { ...P, capacity: -1 })).code).toBe("invalid_params");
  });
});

describe("availableActions", () => {
  it("lists every action of the state, allowed or with the reasons why not", () => {
    const listed = availableActions("in_progress", "supplier", ctx({ unconfirmedWorkLogs: 1 }), P);
    expect(listed.map((a) => a.action)).toEqual([
      "request_extension",
      "confirm_extension",
      "approve_extension",
      "refuse_extension",
      "request_change",
      "confirm_change",
      "approve_change",
      "refuse_change",
      "report_completion",
      "cancel",
    ]);
    const byAction = (action: Action) => listed.find((a) => a.action === action);
    // either company may propose a change of the period; the supplier is the second party
    expect(byAction("request_extension")).toEqual({
      action: "request_extension",
      label: "사업기간 연장 신청",
      to: "in_progress",
      role: "manufacturer",
      roles: ["manufacturer", "supplier"],
      allowed: true,
      reasons: [],
    });
    expect(byAction("confirm_extension")?.reasons).toEqual(["확인할 연장 제안이 없습니다."]);
    expect(byAction("approve_extension")).toMatchObject({
      role: "monitor",
      roles: ["monitor"],
      allowed: false,
      reasons: ["운영기관(TP)만 할 수 있습니다.", "처리할 연장 신청이 없습니다."],
    });
    expect(byAction("request_change")).toMatchObject({ allowed: true, reasons: [] });
    expect(byAction("confirm_change")?.reasons).toEqual(["확인할 사업변경 신청이 없습니다."]);
    expect(byAction("approve_change")?.reasons).toEqual(["운영기관(TP)만 할 수 있습니다.", "결정할 사업변경 신청이 없습니다."]);
    expect(byAction("report_completion")).toMatchObject({
      allowed: false,
      reasons: ["도입기업이 확인하지 않은 작업일지가 1건 있어 완료 보고를 할 수 없습니다."],
    });
    expect(byAction("cancel")).toMatchObject({ allowed: false, reasons: ["운영기관(TP)만 할 수 있습니다."] });
  });
  it("what the manufacturer may do on a draft", () => {
    const list = availableActions("draft", "manufacturer", ctx(), P);
    expect(list.filter((a) => a.allowed).map((a) => a.action)).toEqual(["submit", "withdraw"]);
  });
  it("nothing on closed states", () => {
    for (const s of CLOSED_STATES) expect(availableActions(s, "monitor", ctx(), P)).toEqual([]);
  });
  it("property: availableActions and assertTransition agree", () => {
    const context = fc.record({
      eligible: fc.boolean(),
      checklistComplete: fc.boolean(),
      evaluationComplete: fc.boolean(),
      evaluationPassed: fc.boolean(),
      selectedCount: fc.integer({ min: 0, max: 70 }),
      committedSubsidy: fc.integer({ min: 0, max: 1_100_000_000 }),
      ticketSubsidy: fc.integer({ min: 0, max: 16_000_000 }),
      planAttached: fc.boolean(),
      hasCostReview: fc.boolean(),
      planChangeRequired: fc.boolean(),
      hasAgreement: fc.boolean(),
      unconfirmedWorkLogs: fc.integer({ min: 0, max: 3 }),
      monthsExtended: fc.integer({ min: 0, max: 3 }),
      requestedMonths: fc.integer({ min: 0, max: 3 }),
      pendingExtensionMonths: fc.integer({ min: 0, max: 3 }),
      evaluationAwaitingConfirmation: fc.boolean(),
      costReviewAwaitingConfirmation: fc.boolean(),
      hasAgreementDraft: fc.boolean(),
      manufacturerConsented: fc.boolean(),
      supplierConsented: fc.boolean(),
      shareDepositAwaiting: fc.boolean(),
      shareDepositConfirmed: fc.boolean(),
      payeeRecorded: fc.boolean(),
      paymentCount: fc.integer({ min: 0, max: 3 }),
      extensionAwaitingCounterpart: fc.boolean(),
      changeAwaitingCounterpart: fc.boolean(),
      changeAwaitingTp: fc.boolean(),
      settlementReady: fc.boolean(),
      settlementSubmitted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.constantFrom(...TICKET_STATES), fc.constantFrom(...ROLES), context, (state, role, c) => {
        for (const a of availableActions(state, role, c, P)) {
          if (a.allowed) expect(assertTransition(state, a.action, role, c, P)).toBe(a.to);
          else expect(refusal(() => assertTransition(state, a.action, role, c, P)).reasons).toEqual(a.reasons);
        }
      }),
      { numRuns: 300 },
    );
  });
  it("labels of every state are Korean", () => {
    for (const s of TICKET_STATES) expect(STATE_LABELS[s]).toMatch(/[가-힣]/);
  });
});
