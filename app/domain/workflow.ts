/**
 * The ticket's state machine, as data. One table draws the buttons (availableActions), explains
 * the disabled ones, and refuses the request on the server (assertTransition). The steps follow
 * the notice's 지원절차 ①–⑫.
 */
import { DomainError } from "./errors";
import { formatKRW, josa } from "./format";
import { ROLE_LABELS, STATE_LABELS, isRole, isTicketState, type Role, type TicketState } from "./labels";
import { remainingBudget } from "./money";
import { CLAUSES, type NoticeStep } from "./notice";
import { assertValidParams, type ProgramParams } from "./params";
import { checkExtension } from "./schedule";

export const ACTIONS = [
  "submit",
  "start_review",
  "return_for_correction",
  "reject",
  "pass_review",
  "submit_evaluation",
  "select",
  "not_select",
  "submit_plan",
  "accept_plan",
  "request_plan_change",
  "resubmit_plan",
  "record_cost_review",
  "confirm_evaluation",
  "confirm_cost_review",
  "return_cost_review",
  "prepare_agreement",
  "consent_agreement",
  "sign_agreement",
  "record_share_deposit",
  "confirm_share_deposit",
  "refuse_share_deposit",
  "record_payment",
  "complete_funding",
  "start_work",
  "request_extension",
  "confirm_extension",
  "approve_extension",
  "refuse_extension",
  "request_change",
  "confirm_change",
  "approve_change",
  "refuse_change",
  "report_completion",
  "pass_completion",
  "fail_completion",
  "submit_settlement",
  "return_settlement",
  "confirm_settlement",
  "start_follow_up",
  "withdraw",
  "cancel",
] as const;
export type Action = (typeof ACTIONS)[number];
/** True for one of ACTIONS (use it to parse the action posted by a form). */
export function isAction(value: unknown): value is Action {
  return typeof value === "string" && (ACTIONS as readonly string[]).includes(value);
}

/**
 * What the guards need to know about the ticket and its program, gathered by the caller from the
 * database. Every field is required so that a forgotten one is a type error, not a silent "yes".
 */
export interface TicketContext {
  /** checkEligibility(...).eligible */
  eligible: boolean;
  /** checklist(...).complete */
  checklistComplete: boolean;
  /** The site evaluation sheet is complete (every grade and applicable check entered). */
  evaluationComplete: boolean;
  /** scoreEvaluation(...).passed on the submitted sheet. */
  evaluationPassed: boolean;
  /** Other tickets of the program that count against capacity (see countsAgainstCapacity). */
  selectedCount: number;
  /** Subsidy reserved by those tickets (agreed subsidy, or expectedSubsidy before agreement). */
  committedSubsidy: number;
  /** This ticket's subsidy to reserve at selection: expectedSubsidy(quoteTotal, params). */
  ticketSubsidy: number;
  /** An execution plan (수행계획서) version is attached and ready to submit. */
  planAttached: boolean;
  /** A cost-review result (원가적정성 검토) is recorded. */
  hasCostReview: boolean;
  /**
   * The latest cost review requires a plan change (CostReview.planChangeRequired) and no revised
   * plan has been submitted since.
   */
  planChangeRequired: boolean;
  /** An agreement (협약) is recorded. */
  hasAgreement: boolean;
  /** Work logs not yet confirmed by the manufacturer (submitted or disputed). */
  unconfirmedWorkLogs: number;
  /** Months of extension already approved. */
  monthsExtended: number;
  /** Months asked for in the extension request being made (request_extension). */
  requestedMonths: number;
  /** Months of the pending extension request, 0 when none (approve/refuse_extension). */
  pendingExtensionMonths: number;
  // ── issue 16: the five parties and the money after selection ──
  /** The evaluator (외부전문가) submitted the sheet and the TP has not confirmed it yet. */
  evaluationAwaitingConfirmation: boolean;
  /** The agency (원가계산기관) entered a cost review the TP has not confirmed or returned yet. */
  costReviewAwaitingConfirmation: boolean;
  /** An agreement draft (협약안) with its text exists. */
  hasAgreementDraft: boolean;
  /** The manufacturer consented to the current draft (a consent cleared by a change does not count). */
  manufacturerConsented: boolean;
  /** The supplier consented to the current draft. */
  supplierConsented: boolean;
  /** A share deposit (기업부담금 입금) awaits the TP's confirmation. */
  shareDepositAwaiting: boolean;
  /** The confirmed deposits cover the company share (기업부담금). */
  shareDepositConfirmed: boolean;
  /** The payee account (보조금 지급 계좌) is recorded on the agreement. */
  payeeRecorded: boolean;
  /** Subsidy payments recorded so far. */
  paymentCount: number;
  /** A period change (연장) proposed by one company awaits the other's confirmation. */
  extensionAwaitingCounterpart: boolean;
  /** A scope/cost change request awaits the other company's confirmation. */
  changeAwaitingCounterpart: boolean;
  /** A scope/cost change request awaits the TP's decision. */
  changeAwaitingTp: boolean;
  /** The settlement (정산) has its actual cost and at least one piece of evidence. */
  settlementReady: boolean;
  /** The settlement was submitted and awaits the TP. */
  settlementSubmitted: boolean;
}

/** A guard returns a Korean reason when the action is not allowed, or null. */
export interface Guard {
  code: string;
  check: (ctx: TicketContext, params: ProgramParams) => string | null;
}

export interface Transition {
  action: Action;
  label: string;
  from: readonly TicketState[];
  to: TicketState;
  /** The party whose step it is. */
  role: Role;
  /** Other parties who may take it too (the TP on the evaluator's sheet, either company on a change). */
  alsoBy?: readonly Role[];
  guards: readonly Guard[];
}

/** Every role that may take `t` (its party first). */
export function rolesOf(t: Pick<Transition, "role" | "alsoBy">): Role[] {
  return [t.role, ...(t.alsoBy ?? [])];
}

const guard = (code: string, check: Guard["check"]): Guard => ({ code, check });

export const GUARDS = {
  eligible: guard("eligible", (c) => (c.eligible ? null : "신청자격 요건을 충족하지 않습니다. 신청자격 확인 결과를 보세요.")),
  checklistComplete: guard("checklist_complete", (c) =>
    c.checklistComplete ? null : "제출 서류가 모두 갖추어지지 않았습니다 (누락 또는 유효기간 경과). 서류 목록을 확인하세요.",
  ),
  evaluationComplete: guard("evaluation_complete", (c) =>
    c.evaluationComplete ? null : "현장평가표의 모든 항목(적합성 확인, 등급)이 입력되어야 합니다.",
  ),
  evaluationPassed: guard("evaluation_passed", (c) =>
    c.evaluationPassed ? null : `현장평가를 통과한 과제만 선정할 수 있습니다. (${CLAUSES.evaluationPass})`,
  ),
  capacity: guard("capacity", (c, p) =>
    c.selectedCount < p.capacity ? null : `지원 규모(${p.capacity}개사)가 모두 선정되어 더 선정할 수 없습니다.`,
  ),
  budget: guard("budget", (c, p) =>
    c.committedSubsidy + c.ticketSubsidy <= p.subsidyBudget
      ? null
      : `남은 예산(${formatKRW(remainingBudget(c.committedSubsidy, p))})이 이 과제의 예상 정부지원금(${formatKRW(
          c.ticketSubsidy,
        )})보다 적습니다 (예산 소진).`,
  ),
  planAttached: guard("plan_attached", (c) => (c.planAttached ? null : "수행계획서를 먼저 작성·첨부하세요.")),
  hasCostReview: guard("has_cost_review", (c) =>
    c.hasCostReview ? null : `원가적정성 검토 결과가 입력되기 전에는 협약을 체결할 수 없습니다. (${CLAUSES.costReviewAll})`,
  ),
  noPlanChangePending: guard("no_plan_change_pending", (c) =>
    c.planChangeRequired
      ? `원가적정성 검토 결과 수행계획서 변경이 필요합니다. 수정 수행계획서를 제출·검토한 뒤 협약할 수 있습니다. (${CLAUSES.costReviewRevision})`
      : null,
  ),
  hasAgreement: guard("has_agreement", (c) => (c.hasAgreement ? null : "협약이 체결되기 전에는 사업비를 지급할 수 없습니다.")),
  noAgreement: guard("no_agreement", (c) => (c.hasAgreement ? "협약이 체결된 뒤에는 신청을 철회할 수 없습니다." : null)),
  workLogsConfirmed: guard("work_logs_confirmed", (c) =>
    c.unconfirmedWorkLogs === 0 ? null : `도입기업이 확인하지 않은 작업일지가 ${c.unconfirmedWorkLogs}건 있어 완료 보고를 할 수 없습니다.`,
  ),
  noPendingExtension: guard("no_pending_extension", (c) =>
    c.pendingExtensionMonths === 0 ? null : "처리 중인 연장 신청이 있습니다. 승인 여부가 결정된 뒤에 다시 신청하세요.",
  ),
  requestWithinLimit: guard("extension_within_limit", (c, p) => checkExtension(c.monthsExtended, c.requestedMonths, p).reasons[0] ?? null),
  hasPendingExtension: guard("has_pending_extension", (c) => (c.pendingExtensionMonths > 0 ? null : "처리할 연장 신청이 없습니다.")),
  pendingWithinLimit: guard("pending_within_limit", (c, p) =>
    c.pendingExtensionMonths > 0 ? (checkExtension(c.monthsExtended, c.pendingExtensionMonths, p).reasons[0] ?? null) : null,
  ),
  evaluationAwaitingConfirmation: guard("evaluation_awaiting_confirmation", (c) =>
    c.evaluationAwaitingConfirmation ? null : "확인할 외부전문가 평가표가 없습니다.",
  ),
  evaluationNotAwaiting: guard("evaluation_not_awaiting", (c) =>
    c.evaluationAwaitingConfirmation ? "외부전문가가 제출한 평가표를 먼저 확인하세요." : null,
  ),
  costReviewAwaitingConfirmation: guard("cost_review_awaiting_confirmation", (c) =>
    c.costReviewAwaitingConfirmation ? null : "확인할 원가계산기관의 검토 결과가 없습니다.",
  ),
  costReviewNotAwaiting: guard("cost_review_not_awaiting", (c) =>
    c.costReviewAwaitingConfirmation ? "원가계산기관이 입력한 검토 결과를 운영기관이 확인하기 전입니다." : null,
  ),
  hasAgreementDraft: guard("has_agreement_draft", (c) => (c.hasAgreementDraft ? null : "협약안이 아직 작성되지 않았습니다.")),
  bothConsented: guard("both_consented", (c) => {
    const missing = [c.manufacturerConsented ? null : "도입기업", c.supplierConsented ? null : "공급기업"].filter((x) => x !== null);
    return missing.length === 0 ? null : `${missing.join("과 ")}의 협약 동의가 필요합니다. (${CLAUSES.threePartyAgreement})`;
  }),
  noShareDepositAwaiting: guard("no_share_deposit_awaiting", (c) =>
    c.shareDepositAwaiting ? "확인을 기다리는 기업부담금 입금 내역이 있습니다." : null,
  ),
  shareDepositAwaiting: guard("share_deposit_awaiting", (c) => (c.shareDepositAwaiting ? null : "확인할 기업부담금 입금 내역이 없습니다.")),
  shareDepositOpen: guard("share_deposit_open", (c) => (c.shareDepositConfirmed ? "기업부담금 입금이 이미 확인되었습니다." : null)),
  shareDepositConfirmed: guard("share_deposit_confirmed", (c) =>
    c.shareDepositConfirmed ? null : "기업부담금 입금이 확인되기 전에는 정부지원금을 지급할 수 없습니다.",
  ),
  payeeRecorded: guard("payee_recorded", (c) => (c.payeeRecorded ? null : "보조금 지급 계좌를 먼저 등록하세요.")),
  hasPayment: guard("has_payment", (c) => (c.paymentCount > 0 ? null : "지급한 정부지원금이 없습니다. 지급 내역을 먼저 입력하세요.")),
  noExtensionAwaitingCounterpart: guard("no_extension_awaiting_counterpart", (c) =>
    c.extensionAwaitingCounterpart ? "상대 기업의 확인을 기다리는 연장 제안이 있습니다." : null,
  ),
  extensionAwaitingCounterpart: guard("extension_awaiting_counterpart", (c) =>
    c.extensionAwaitingCounterpart ? null : "확인할 연장 제안이 없습니다.",
  ),
  noOpenChange: guard("no_open_change", (c) =>
    c.changeAwaitingCounterpart || c.changeAwaitingTp ? "처리 중인 사업변경 신청이 있습니다. 결정된 뒤에 다시 신청하세요." : null,
  ),
  changeAwaitingCounterpart: guard("change_awaiting_counterpart", (c) =>
    c.changeAwaitingCounterpart ? null : "확인할 사업변경 신청이 없습니다.",
  ),
  changeAwaitingTp: guard("change_awaiting_tp", (c) => (c.changeAwaitingTp ? null : "결정할 사업변경 신청이 없습니다.")),
  settlementReady: guard("settlement_ready", (c) => (c.settlementReady ? null : "실제 사업비와 증빙(세금계산서·이체확인증)을 먼저 입력하세요.")),
  settlementSubmitted: guard("settlement_submitted", (c) => (c.settlementSubmitted ? null : "제출된 정산이 없습니다.")),
  settlementNotSubmitted: guard("settlement_not_submitted", (c) =>
    c.settlementSubmitted ? "정산이 이미 제출되어 운영기관의 확인을 기다립니다." : null,
  ),
} as const satisfies Record<string, Guard>;

const PRE_AGREEMENT: readonly TicketState[] = [
  "draft",
  "submitted",
  "requirement_review",
  "site_evaluation",
  "selected",
  "plan_submitted",
  "cost_review",
  "plan_revision",
];

/** States in which a scope or cost change (사업변경) may be asked for: after the agreement, before the completion report. */
export const CHANGE_STATES: readonly TicketState[] = ["agreed", "funded", "in_progress"];

/** One self-loop per state: the action records something and the ticket stays where it is. */
function selfLoops(
  action: Action,
  label: string,
  states: readonly TicketState[],
  role: Role,
  alsoBy: readonly Role[],
  guards: readonly Guard[],
): Transition[] {
  return states.map((state) => ({ action, label, from: [state], to: state, role, ...(alsoBy.length > 0 ? { alsoBy } : {}), guards }));
}

/** The transition table. Self-loops (from = to) record something without changing the state. */
export const TRANSITIONS: readonly Transition[] = [
  {
    action: "submit",
    label: "신청서 제출",
    from: ["draft"],
    to: "submitted",
    role: "manufacturer",
    guards: [GUARDS.eligible, GUARDS.checklistComplete],
  },
  {
    action: "start_review",
    label: "요건검토 시작",
    from: ["submitted"],
    to: "requirement_review",
    role: "monitor",
    guards: [],
  },
  {
    action: "return_for_correction",
    label: "보완 요청(작성중으로 되돌림)",
    from: ["submitted", "requirement_review"],
    to: "draft",
    role: "monitor",
    guards: [],
  },
  {
    action: "reject",
    label: "반려",
    from: ["submitted", "requirement_review"],
    to: "rejected",
    role: "monitor",
    guards: [],
  },
  {
    action: "pass_review",
    label: "요건검토 통과",
    from: ["requirement_review"],
    to: "site_evaluation",
    role: "monitor",
    guards: [GUARDS.eligible, GUARDS.checklistComplete],
  },
  {
    action: "submit_evaluation",
    label: "현장평가 결과 제출",
    from: ["site_evaluation"],
    to: "site_evaluation",
    role: "evaluator",
    alsoBy: ["monitor"],
    guards: [GUARDS.evaluationComplete, GUARDS.evaluationNotAwaiting],
  },
  {
    action: "confirm_evaluation",
    label: "외부전문가 평가표 확인",
    from: ["site_evaluation"],
    to: "site_evaluation",
    role: "monitor",
    guards: [GUARDS.evaluationAwaitingConfirmation],
  },
  {
    action: "select",
    label: "지원결정(선정)",
    from: ["site_evaluation"],
    to: "selected",
    role: "monitor",
    guards: [GUARDS.evaluationNotAwaiting, GUARDS.evaluationPassed, GUARDS.capacity, GUARDS.budget],
  },
  {
    action: "not_select",
    label: "미선정",
    from: ["site_evaluation"],
    to: "not_selected",
    role: "monitor",
    guards: [GUARDS.evaluationComplete, GUARDS.evaluationNotAwaiting],
  },
  {
    action: "submit_plan",
    label: "수행계획서 제출",
    from: ["selected"],
    to: "plan_submitted",
    role: "supplier",
    guards: [GUARDS.planAttached],
  },
  {
    action: "accept_plan",
    label: "수행계획서 검토 완료(원가적정성 검토 의뢰)",
    from: ["plan_submitted"],
    to: "cost_review",
    role: "monitor",
    guards: [],
  },
  {
    action: "request_plan_change",
    label: "수행계획서 보완 요청",
    from: ["plan_submitted", "cost_review"],
    to: "plan_revision",
    role: "monitor",
    guards: [],
  },
  {
    action: "resubmit_plan",
    label: "수정 수행계획서 제출",
    from: ["plan_revision"],
    to: "plan_submitted",
    role: "supplier",
    guards: [GUARDS.planAttached],
  },
  {
    action: "record_cost_review",
    label: "원가적정성 검토 결과 입력",
    from: ["cost_review"],
    to: "cost_review",
    role: "cost_agency",
    alsoBy: ["monitor"],
    guards: [GUARDS.costReviewNotAwaiting],
  },
  {
    action: "confirm_cost_review",
    label: "원가계산 결과 확인",
    from: ["cost_review"],
    to: "cost_review",
    role: "monitor",
    guards: [GUARDS.costReviewAwaitingConfirmation],
  },
  {
    action: "return_cost_review",
    label: "원가계산 결과 보완 요청",
    from: ["cost_review"],
    to: "cost_review",
    role: "monitor",
    guards: [GUARDS.costReviewAwaitingConfirmation],
  },
  {
    action: "prepare_agreement",
    label: "협약안 작성",
    from: ["cost_review"],
    to: "cost_review",
    role: "monitor",
    guards: [GUARDS.hasCostReview, GUARDS.costReviewNotAwaiting, GUARDS.noPlanChangePending],
  },
  {
    action: "consent_agreement",
    label: "협약 동의",
    from: ["cost_review"],
    to: "cost_review",
    role: "manufacturer",
    alsoBy: ["supplier"],
    guards: [GUARDS.hasAgreementDraft],
  },
  {
    action: "sign_agreement",
    label: "협약체결",
    from: ["cost_review"],
    to: "agreed",
    role: "monitor",
    guards: [GUARDS.hasCostReview, GUARDS.costReviewNotAwaiting, GUARDS.noPlanChangePending, GUARDS.hasAgreementDraft, GUARDS.bothConsented],
  },
  {
    action: "record_share_deposit",
    label: "기업부담금 입금 등록",
    from: ["agreed"],
    to: "agreed",
    role: "manufacturer",
    guards: [GUARDS.hasAgreement, GUARDS.shareDepositOpen, GUARDS.noShareDepositAwaiting],
  },
  {
    action: "confirm_share_deposit",
    label: "기업부담금 입금 확인",
    from: ["agreed"],
    to: "agreed",
    role: "monitor",
    guards: [GUARDS.shareDepositAwaiting],
  },
  {
    action: "refuse_share_deposit",
    label: "기업부담금 입금 반려",
    from: ["agreed"],
    to: "agreed",
    role: "monitor",
    guards: [GUARDS.shareDepositAwaiting],
  },
  {
    action: "record_payment",
    label: "정부지원금 지급",
    from: ["agreed"],
    to: "agreed",
    role: "monitor",
    guards: [GUARDS.hasAgreement, GUARDS.shareDepositConfirmed, GUARDS.payeeRecorded],
  },
  {
    action: "complete_funding",
    label: "사업비 지급 완료",
    from: ["agreed"],
    to: "funded",
    role: "monitor",
    guards: [GUARDS.hasAgreement, GUARDS.shareDepositConfirmed, GUARDS.hasPayment],
  },
  { action: "start_work", label: "과제 착수", from: ["funded"], to: "in_progress", role: "supplier", guards: [] },
  {
    action: "request_extension",
    label: "사업기간 연장 신청",
    from: ["in_progress"],
    to: "in_progress",
    role: "manufacturer",
    alsoBy: ["supplier"],
    guards: [GUARDS.noPendingExtension, GUARDS.noExtensionAwaitingCounterpart, GUARDS.requestWithinLimit],
  },
  {
    action: "confirm_extension",
    label: "사업기간 연장 제안 확인",
    from: ["in_progress"],
    to: "in_progress",
    role: "manufacturer",
    alsoBy: ["supplier"],
    guards: [GUARDS.extensionAwaitingCounterpart],
  },
  {
    action: "approve_extension",
    label: "사업기간 연장 승인",
    from: ["in_progress"],
    to: "in_progress",
    role: "monitor",
    guards: [GUARDS.hasPendingExtension, GUARDS.pendingWithinLimit],
  },
  {
    action: "refuse_extension",
    label: "사업기간 연장 불승인",
    from: ["in_progress"],
    to: "in_progress",
    role: "monitor",
    guards: [GUARDS.hasPendingExtension],
  },
  ...selfLoops("request_change", "사업변경 신청", CHANGE_STATES, "manufacturer", ["supplier"], [GUARDS.noOpenChange]),
  ...selfLoops("confirm_change", "사업변경 신청 확인", CHANGE_STATES, "manufacturer", ["supplier"], [GUARDS.changeAwaitingCounterpart]),
  ...selfLoops("approve_change", "사업변경 승인", CHANGE_STATES, "monitor", [], [GUARDS.changeAwaitingTp]),
  ...selfLoops("refuse_change", "사업변경 불승인", CHANGE_STATES, "monitor", [], [GUARDS.changeAwaitingTp]),
  {
    action: "report_completion",
    label: "완료 보고",
    from: ["in_progress"],
    to: "completion_check",
    role: "supplier",
    guards: [GUARDS.workLogsConfirmed],
  },
  {
    action: "pass_completion",
    label: "완료점검 통과(정산 시작)",
    from: ["completion_check"],
    to: "settlement",
    role: "monitor",
    guards: [],
  },
  {
    action: "fail_completion",
    label: "완료점검 보완 요구(과제수행으로 되돌림)",
    from: ["completion_check"],
    to: "in_progress",
    role: "monitor",
    guards: [],
  },
  {
    action: "submit_settlement",
    label: "정산 제출",
    from: ["settlement"],
    to: "settlement",
    role: "manufacturer",
    guards: [GUARDS.settlementNotSubmitted, GUARDS.settlementReady],
  },
  {
    action: "return_settlement",
    label: "정산 보완 요청",
    from: ["settlement"],
    to: "settlement",
    role: "monitor",
    guards: [GUARDS.settlementSubmitted],
  },
  {
    action: "confirm_settlement",
    label: "정산 확인(완료)",
    from: ["settlement"],
    to: "completed",
    role: "monitor",
    guards: [GUARDS.settlementSubmitted],
  },
  {
    action: "start_follow_up",
    label: "사후관리 시작",
    from: ["completed"],
    to: "follow_up",
    role: "monitor",
    guards: [],
  },
  {
    action: "withdraw",
    label: "신청철회",
    from: PRE_AGREEMENT,
    to: "withdrawn",
    role: "manufacturer",
    guards: [GUARDS.noAgreement],
  },
  {
    action: "cancel",
    label: "선정취소",
    from: ["selected", "plan_submitted", "cost_review", "plan_revision", "agreed", "funded", "in_progress"],
    to: "cancelled",
    role: "monitor",
    guards: [],
  },
];

/** Korean label of each action. */
export const ACTION_LABELS = Object.fromEntries(TRANSITIONS.map((t) => [t.action, t.label])) as Readonly<Record<Action, string>>;

/** Who acts next in each state (domain.md "who acts next"); empty for closed states. */
export const STATE_ACTORS: Readonly<Record<TicketState, readonly Role[]>> = {
  draft: ["manufacturer"],
  submitted: ["monitor"],
  requirement_review: ["monitor"],
  site_evaluation: ["monitor"],
  selected: ["supplier"],
  plan_submitted: ["monitor"],
  cost_review: ["monitor"],
  plan_revision: ["supplier"],
  agreed: ["monitor"],
  funded: ["supplier"],
  in_progress: ["supplier", "manufacturer"],
  completion_check: ["monitor"],
  settlement: ["manufacturer", "monitor"],
  completed: ["monitor"],
  follow_up: ["monitor"],
  rejected: [],
  not_selected: [],
  withdrawn: [],
  cancelled: [],
};

/**
 * The role that acts next (the first of STATE_ACTORS; in_progress → supplier, whose work logs
 * the manufacturer then confirms), or null once the ticket is closed.
 */
export function nextActor(state: TicketState): Role | null {
  return STATE_ACTORS[state][0] ?? null;
}

/** Closed states: nobody acts any more (반려, 미선정, 신청철회, 선정취소). */
export const CLOSED_STATES: readonly TicketState[] = ["rejected", "not_selected", "withdrawn", "cancelled"];

/**
 * The notice step (지원절차 ①–⑫) each state belongs to, for a timeline. Closed states sit on the
 * step they end: 반려 at ③ 요건검토, 미선정 at ⑤ 지원결정, 신청철회 at ② 신청접수 (the application
 * is withdrawn), 선정취소 at ⑤ (the decision is revoked); a timeline that wants the step where
 * the ticket actually stopped should take it from the last state before the closing one.
 */
export const STATE_STEP: Readonly<Record<TicketState, NoticeStep>> = {
  draft: 1,
  submitted: 2,
  requirement_review: 3,
  site_evaluation: 4,
  selected: 5,
  plan_submitted: 6,
  cost_review: 7,
  plan_revision: 7,
  agreed: 8,
  funded: 9,
  in_progress: 10,
  completion_check: 11,
  settlement: 11,
  completed: 11,
  follow_up: 12,
  rejected: 3,
  not_selected: 5,
  withdrawn: 2,
  cancelled: 5,
};

/** The notice step (1–12) of `state`: STATE_STEP[state]. */
export function stepOfState(state: TicketState): NoticeStep {
  return STATE_STEP[state];
}

/** States whose ticket holds one of the program's places and part of its budget. */
export const CAPACITY_STATES: readonly TicketState[] = [
  "selected",
  "plan_submitted",
  "cost_review",
  "plan_revision",
  "agreed",
  "funded",
  "in_progress",
  "completion_check",
  "settlement",
  "completed",
  "follow_up",
];

/** True when a ticket in `state` counts against capacity and the subsidy budget (selected and later, not closed). */
export function countsAgainstCapacity(state: TicketState): boolean {
  return CAPACITY_STATES.includes(state);
}

/**
 * States in which the supplier writes or revises its quote (견적): from the application
 * (신청접수) until the agreement (협약), which fixes the amount. Drafts are the manufacturer's.
 */
export const QUOTE_EDITABLE_STATES: readonly TicketState[] = [
  "submitted",
  "requirement_review",
  "site_evaluation",
  "selected",
  "plan_submitted",
  "cost_review",
  "plan_revision",
];

/** States in which work logs are written, corrected, confirmed or disputed: 과제수행 only. */
export const WORK_LOG_STATES: readonly TicketState[] = ["in_progress"];

/** States in which the work logs can be seen (from 과제수행 on, the record stays readable). */
export const WORK_LOG_VISIBLE_STATES: readonly TicketState[] = ["in_progress", "completion_check", "settlement", "completed", "follow_up"];

const inStates =
  (states: readonly TicketState[]) =>
  (state: string): boolean =>
    (states as readonly string[]).includes(state);

/** May the supplier write or revise a quote in `state`? (any string; unknown states: no) */
export const canEditQuote = inStates(QUOTE_EDITABLE_STATES);
/** May work logs be written or answered in `state`? */
export const canWriteWorkLogs = inStates(WORK_LOG_STATES);
/** Are the work logs shown (link to the work-log page) in `state`? */
export const workLogsVisible = inStates(WORK_LOG_VISIBLE_STATES);

/** The transitions that leave `state` (self-loops included). */
export function transitionsFrom(state: TicketState): Transition[] {
  return TRANSITIONS.filter((t) => t.from.includes(state));
}

export interface AvailableAction {
  action: Action;
  label: string;
  to: TicketState;
  /** The party whose step it is. */
  role: Role;
  /** Everyone who may take it (the party first, then e.g. the TP on the evaluator's sheet). */
  roles: Role[];
  allowed: boolean;
  /** Korean reasons why not (empty when allowed). */
  reasons: string[];
}

function reasonsFor(t: Transition, role: Role, ctx: TicketContext, params: ProgramParams): string[] {
  const reasons: string[] = [];
  const roles = rolesOf(t);
  if (!roles.includes(role)) reasons.push(`${roles.map((r) => ROLE_LABELS[r]).join("·")}만 할 수 있습니다.`);
  for (const g of t.guards) {
    const reason = g.check(ctx, params);
    if (reason !== null) reasons.push(reason);
  }
  return reasons;
}

/**
 * What may `role` do now, and why not the rest: every action of `state` (including other
 * roles' actions, refused with the reason "…만 할 수 있습니다"), with `allowed` and the Korean
 * reasons. Draw buttons from it; show the reasons on the disabled ones.
 */
export function availableActions(state: TicketState, role: Role, ctx: TicketContext, params: ProgramParams): AvailableAction[] {
  assertValidParams(params);
  return transitionsFrom(state).map((t) => {
    const reasons = reasonsFor(t, role, ctx, params);
    return { action: t.action, label: t.label, to: t.to, role: t.role, roles: rolesOf(t), allowed: reasons.length === 0, reasons };
  });
}

/**
 * The state after `action` by `role`, or a DomainError the server shows as is:
 * 'unknown_state' / 'unknown_action' / 'unknown_role' for values outside the sets,
 * 'invalid_transition' when the action does not leave `state`, 'transition_refused' (with every
 * reason in `reasons`) when the role or a guard refuses it.
 */
export function assertTransition(state: TicketState, action: Action, role: Role, ctx: TicketContext, params: ProgramParams): TicketState {
  assertValidParams(params);
  if (!isTicketState(state)) throw new DomainError("unknown_state", `알 수 없는 상태입니다: ${String(state)}`);
  if (!isAction(action)) throw new DomainError("unknown_action", `알 수 없는 작업입니다: ${String(action)}`);
  if (!isRole(role)) throw new DomainError("unknown_role", `알 수 없는 역할입니다: ${String(role)}`);
  const t = TRANSITIONS.find((x) => x.action === action && x.from.includes(state));
  if (t === undefined) {
    throw new DomainError(
      "invalid_transition",
      `현재 상태(${STATE_LABELS[state]})에서는 ${josa(`'${ACTION_LABELS[action]}'`, "을", "를")} 할 수 없습니다.`,
    );
  }
  const reasons = reasonsFor(t, role, ctx, params);
  if (reasons.length > 0) {
    throw new DomainError("transition_refused", `${t.label}: ${reasons.join(" ")}`, reasons);
  }
  return t.to;
}
