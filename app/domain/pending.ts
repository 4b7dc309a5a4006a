/**
 * Whose turn is it (issue 15): for one ticket, every pending action of every party — what, who, by
 * when, since when and what it holds up — computed from facts the caller gathers. The ticket page's
 * "다음 조치" and "할 일", the supplier's inbox, each role's home, the monitor's queue and the deadline
 * reminders all read this one rule, so they never disagree.
 *
 * Two kinds of dates: a `deadline` is the notice's (수행계획서 14일, 보완 10일, 수행기간 종료); a
 * `target` is the Technopark's own service target (TpTargets, per program). Both order the to-do
 * lists; only deadlines are rules a party can break.
 */
import { addDays, compareIsoDate, dDay, daysBetween, type IsoDate } from "./dates";
import { ROLE_LABELS, STATE_LABELS, type Role, type TicketState } from "./labels";
import type { DeadlineField } from "./schedule";
import { QUOTE_EDITABLE_STATES, type Action } from "./workflow";

/** The Technopark's service targets, in days from the day a ticket reached its step (Program columns). */
export interface TpTargets {
  /** 접수 → 요건검토 완료 (from the submission). */
  reviewTargetDays: number;
  /** 현장평가 → 지원결정. */
  evaluationTargetDays: number;
  /** 수행계획서 검토 → 원가적정성 검토 → 협약. */
  planReviewTargetDays: number;
  /** 협약 → 사업비 지급. */
  paymentTargetDays: number;
  /** 완료보고 → 완료점검. */
  completionCheckTargetDays: number;
}

/** The schema's defaults (a program may set its own). */
export const TP_TARGET_DEFAULTS: Readonly<TpTargets> = Object.freeze({
  reviewTargetDays: 7,
  evaluationTargetDays: 14,
  planReviewTargetDays: 7,
  paymentTargetDays: 7,
  completionCheckTargetDays: 14,
});

export const TP_TARGET_LABELS: Readonly<Record<keyof TpTargets, string>> = {
  reviewTargetDays: "요건검토 목표 (접수일부터, 일)",
  evaluationTargetDays: "현장평가·지원결정 목표 (일)",
  planReviewTargetDays: "수행계획서 검토·협약 목표 (일)",
  paymentTargetDays: "사업비 지급 목표 (협약일부터, 일)",
  completionCheckTargetDays: "완료점검 목표 (완료보고일부터, 일)",
};

/** A group of items counted on the ticket (work logs to confirm, questions to answer …). */
export interface PendingItems {
  count: number;
  /** The Seoul day the oldest of them was written. */
  oldestOn: IsoDate;
}

/** What the rule needs to know about one ticket. Every field is required: a forgotten one is a type error. */
export interface PendingFacts {
  state: TicketState;
  /** The Seoul day the ticket reached its state (Ticket.stateChangedAt). */
  stateChangedOn: IsoDate;
  /** The Seoul day of the (latest) submission; null before. */
  submittedOn: IsoDate | null;
  planDueOn: IsoDate | null;
  revisionDueOn: IsoDate | null;
  windowEndOn: IsoDate | null;
  /** A quote (견적) exists (Ticket.quoteTotal is set). */
  hasQuote: boolean;
  /** The TP sent the draft back for correction (보완 요청) and it has not been submitted since. */
  returnedForCorrection: boolean;
  /** A draft's pieces still missing before it can be submitted (documents missing or expired, eligibility reasons); 0 otherwise. */
  applicationProblems: number;
  /** The site evaluation sheet is submitted (현장평가 결과 제출). */
  evaluationSubmitted: boolean;
  /** A cost-review result is recorded. */
  hasCostReview: boolean;
  /** The latest cost review asks for a revised plan that has not been submitted yet. */
  planChangeRequired: boolean;
  /** Work logs the manufacturer has not confirmed yet (status submitted); null when none. */
  logsToConfirm: PendingItems | null;
  /** Work logs the manufacturer disputed, for the supplier to correct; null when none. */
  logsDisputed: PendingItems | null;
  /** The Seoul day of the extension request awaiting the TP's decision; null when none. */
  extensionRequestedOn: IsoDate | null;
  /** Open questions (문의) per addressed party. */
  openQuestions: Partial<Record<Role, PendingItems>>;
}

export type PendingKind =
  | "write_application"
  | "fix_application"
  | "write_quote"
  | "start_review"
  | "finish_review"
  | "evaluate"
  | "decide"
  | "submit_plan"
  | "review_plan"
  | "record_cost_review"
  | "request_plan_change"
  | "sign_agreement"
  | "resubmit_plan"
  | "pay"
  | "start_work"
  | "do_work"
  | "report_completion"
  | "confirm_work_logs"
  | "fix_work_logs"
  | "decide_extension"
  | "check_completion"
  | "start_follow_up"
  | "follow_up"
  | "answer_questions";

export interface PendingDue {
  on: IsoDate;
  /** deadline: the notice's; target: the Technopark's own service target. */
  kind: "deadline" | "target";
  /** The ticket column of a deadline (reminders key on it); null for targets. */
  field: DeadlineField | null;
}

export interface PendingAction {
  kind: PendingKind;
  party: Role;
  /** What to do, short and Korean ("작업일지 확인"). */
  what: string;
  /** Details (counts …), or null. */
  detail: string | null;
  /** What this holds up, or null ("공급기업의 완료 보고가 이 확인을 기다립니다."). */
  blocks: string | null;
  /** The page under /tickets/:id where it is done ("" = the overview). */
  page: string;
  /** The state-machine action it is, when it is one. */
  action: Action | null;
  /** By when, or null when nothing dates it. */
  due: PendingDue | null;
  /** Waiting since (the Seoul day the thing arrived). */
  since: IsoDate;
  /** What the others see while this is open: "운영기관(TP) 요건검토 중". */
  doing: string;
  /** true for the step the ticket's state waits for; false for items beside it (logs, questions …). */
  main: boolean;
}

type Draft = Omit<PendingAction, "detail" | "blocks" | "due" | "main" | "action"> &
  Partial<Pick<PendingAction, "detail" | "blocks" | "due" | "action" | "main">>;

function make(d: Draft): PendingAction {
  return { detail: null, blocks: null, due: null, action: null, main: true, ...d };
}

const deadline = (on: IsoDate | null, field: DeadlineField): PendingDue | null => (on ? { on, kind: "deadline", field } : null);
const target = (from: IsoDate, days: number): PendingDue => ({ on: addDays(from, days), kind: "target", field: null });

/** The step the state waits for (its main pending action), or null in closed states. */
function mainAction(f: PendingFacts, t: TpTargets): PendingAction | null {
  const since = f.stateChangedOn;
  const tp = (d: Omit<Draft, "party" | "since">, from = since) => make({ party: "monitor", since: from, ...d });
  switch (f.state) {
    case "draft": {
      const detail =
        f.applicationProblems > 0 ? `제출 전에 해결할 항목 ${f.applicationProblems}건 (서류·신청자격)` : "제출할 준비가 되었습니다.";
      const base = { party: "manufacturer" as const, detail, page: "", action: "submit" as const, since };
      return f.returnedForCorrection
        ? make({ ...base, kind: "fix_application", what: "보완 요청 반영 후 다시 제출", doing: "도입기업 보완 중" })
        : make({ ...base, kind: "write_application", what: "신청서 작성·제출", doing: "도입기업 신청서 작성 중" });
    }
    case "submitted":
      return tp(
        {
          kind: "start_review",
          what: "요건검토 시작",
          page: "",
          action: "start_review",
          doing: "운영기관(TP) 접수 확인 중",
          due: target(f.submittedOn ?? since, t.reviewTargetDays),
        },
        f.submittedOn ?? since,
      );
    case "requirement_review":
      return tp(
        {
          kind: "finish_review",
          what: "요건검토 결과 입력",
          page: "review",
          action: "pass_review",
          doing: "운영기관(TP) 요건검토 중",
          due: target(f.submittedOn ?? since, t.reviewTargetDays),
        },
        f.submittedOn ?? since,
      );
    case "site_evaluation":
      return f.evaluationSubmitted
        ? tp({
            kind: "decide",
            what: "지원결정(선정·미선정)",
            page: "decision",
            action: "select",
            doing: "운영기관(TP) 지원결정 중",
            due: target(since, t.evaluationTargetDays),
          })
        : tp({
            kind: "evaluate",
            what: "현장평가표 작성·제출",
            page: "evaluation",
            action: "submit_evaluation",
            doing: "운영기관(TP) 현장평가 중",
            due: target(since, t.evaluationTargetDays),
          });
    case "selected":
      return make({
        kind: "submit_plan",
        party: "supplier",
        what: "수행계획서 제출",
        page: "plan",
        action: "submit_plan",
        since,
        doing: "공급기업 수행계획서 작성 중",
        due: deadline(f.planDueOn, "planDueOn"),
        blocks: "협약은 수행계획서 검토와 원가적정성 검토 뒤에 체결됩니다.",
      });
    case "plan_submitted":
      return tp({
        kind: "review_plan",
        what: "수행계획서 검토",
        page: "plan-review",
        action: "accept_plan",
        doing: "운영기관(TP) 수행계획서 검토 중",
        due: target(since, t.planReviewTargetDays),
      });
    case "cost_review":
      if (!f.hasCostReview) {
        return tp({
          kind: "record_cost_review",
          what: "원가적정성 검토 결과 입력",
          page: "cost-review",
          action: "record_cost_review",
          doing: "원가적정성 검토 중",
          due: target(since, t.planReviewTargetDays),
        });
      }
      return f.planChangeRequired
        ? tp({
            kind: "request_plan_change",
            what: "수행계획서 보완 요청",
            page: "plan-review",
            action: "request_plan_change",
            doing: "운영기관(TP) 보완 요청 준비 중",
            due: target(since, t.planReviewTargetDays),
          })
        : tp({
            kind: "sign_agreement",
            what: "협약체결",
            page: "agreement",
            action: "sign_agreement",
            doing: "운영기관(TP) 협약 준비 중",
            due: target(since, t.planReviewTargetDays),
          });
    case "plan_revision":
      return make({
        kind: "resubmit_plan",
        party: "supplier",
        what: "수정 수행계획서 제출",
        page: "plan",
        action: "resubmit_plan",
        since,
        doing: "공급기업 수행계획서 보완 중",
        due: deadline(f.revisionDueOn, "revisionDueOn"),
      });
    case "agreed":
      return tp({
        kind: "pay",
        what: "사업비 지급",
        page: "payment",
        action: "record_payment",
        doing: "운영기관(TP) 사업비 지급 중",
        due: target(since, t.paymentTargetDays),
      });
    case "funded":
      return make({
        kind: "start_work",
        party: "supplier",
        what: "과제 착수",
        page: "",
        action: "start_work",
        since,
        doing: "공급기업 착수 준비 중",
        due: deadline(f.windowEndOn, "windowEndOn"),
      });
    case "in_progress":
      return f.logsToConfirm
        ? make({
            kind: "do_work",
            party: "supplier",
            what: "작업 수행·작업일지 작성",
            detail: "완료 보고는 도입기업이 작업일지를 모두 확인한 뒤에 할 수 있습니다.",
            page: "work-logs",
            since,
            doing: "공급기업 작업 수행 중",
            due: deadline(f.windowEndOn, "windowEndOn"),
          })
        : make({
            kind: "report_completion",
            party: "supplier",
            what: "작업 완료 후 완료 보고",
            page: "completion",
            action: "report_completion",
            since,
            doing: "공급기업 작업 수행 중",
            due: deadline(f.windowEndOn, "windowEndOn"),
          });
    case "completion_check":
      return tp({
        kind: "check_completion",
        what: "완료점검",
        page: "completion-check",
        action: "pass_completion",
        doing: "운영기관(TP) 완료점검 중",
        due: target(since, t.completionCheckTargetDays),
      });
    case "completed":
      return tp({
        kind: "start_follow_up",
        what: "사후관리 시작",
        page: "completion-check",
        action: "start_follow_up",
        doing: "운영기관(TP) 사후관리 준비 중",
      });
    case "follow_up":
      return tp({ kind: "follow_up", what: "사후관리 기록", page: "completion-check", doing: "운영기관(TP) 사후관리 중" });
    default:
      return null; // rejected, not_selected, withdrawn, cancelled: nobody acts any more
  }
}

/** Items beside the main step: the quote, work logs, an extension request, questions. */
function sideActions(f: PendingFacts, t: TpTargets): PendingAction[] {
  const side: PendingAction[] = [];
  // the quote is wanted from the application until the agreement fixes the amount (QUOTE_EDITABLE_STATES)
  if (QUOTE_EDITABLE_STATES.includes(f.state) && !f.hasQuote) {
    side.push(
      make({
        kind: "write_quote",
        party: "supplier",
        what: "견적서 작성",
        blocks: "견적이 있어야 예상 정부지원금이 계산되고 원가적정성 검토와 협약을 할 수 있습니다.",
        page: "quote",
        since: f.submittedOn ?? f.stateChangedOn,
        doing: "공급기업 견적 작성 중",
        main: false,
      }),
    );
  }
  if (f.state === "in_progress" && f.logsToConfirm) {
    side.push(
      make({
        kind: "confirm_work_logs",
        party: "manufacturer",
        what: "작업일지 확인",
        detail: `확인하지 않은 작업일지 ${f.logsToConfirm.count}건`,
        blocks: "공급기업의 완료 보고가 이 확인을 기다립니다.",
        page: "work-logs",
        since: f.logsToConfirm.oldestOn,
        doing: "도입기업 작업일지 확인 중",
        main: false,
      }),
    );
  }
  if (f.state === "in_progress" && f.logsDisputed) {
    side.push(
      make({
        kind: "fix_work_logs",
        party: "supplier",
        what: "이의 제기된 작업일지 수정",
        detail: `도입기업이 이의를 제기한 작업일지 ${f.logsDisputed.count}건`,
        blocks: "완료 보고는 이 작업일지가 확인된 뒤에 할 수 있습니다.",
        page: "work-logs",
        since: f.logsDisputed.oldestOn,
        doing: "공급기업 작업일지 수정 중",
        main: false,
      }),
    );
  }
  if (f.state === "in_progress" && f.extensionRequestedOn) {
    side.push(
      make({
        kind: "decide_extension",
        party: "monitor",
        what: "사업기간 연장 신청 검토",
        page: "extension-decision",
        action: "approve_extension",
        since: f.extensionRequestedOn,
        due: target(f.extensionRequestedOn, t.reviewTargetDays),
        doing: "운영기관(TP) 연장 신청 검토 중",
        main: false,
      }),
    );
  }
  if (!isClosed(f.state)) {
    for (const party of PARTY_ORDER) {
      const open = f.openQuestions[party];
      if (!open || open.count <= 0) continue;
      side.push(
        make({
          kind: "answer_questions",
          party,
          what: "문의 답변",
          detail: `답변을 기다리는 문의 ${open.count}건`,
          page: "questions",
          since: open.oldestOn,
          doing: `${ROLE_LABELS[party]} 답변 중`,
          main: false,
        }),
      );
    }
  }
  return side;
}

const PARTY_ORDER: readonly Role[] = ["manufacturer", "supplier", "monitor"];
const CLOSED: readonly TicketState[] = ["rejected", "not_selected", "withdrawn", "cancelled"];
function isClosed(state: TicketState): boolean {
  return CLOSED.includes(state);
}

/**
 * Every pending action of the ticket, for all parties: the main step first, then the items beside it.
 * Empty only for closed states (반려, 미선정, 신청철회, 선정취소).
 */
export function pendingActions(facts: PendingFacts, targets: TpTargets = TP_TARGET_DEFAULTS): PendingAction[] {
  const main = mainAction(facts, targets);
  return [...(main ? [main] : []), ...sideActions(facts, targets)];
}

/** The pending actions of one party, most urgent first (urgency order). */
export function pendingFor(actions: readonly PendingAction[], party: Role, today: IsoDate): PendingAction[] {
  return sortByUrgency(
    actions.filter((a) => a.party === party),
    today,
  );
}

/** The parties that have something to do, in the order of their most urgent item (the header's "다음 조치"). */
export function nextParties(actions: readonly PendingAction[], today: IsoDate): Role[] {
  const parties: Role[] = [];
  for (const a of sortByUrgency(actions, today)) if (!parties.includes(a.party)) parties.push(a.party);
  return parties;
}

export interface Waiting {
  party: Role;
  doing: string;
  since: IsoDate;
  /** The day count, the first day being 1 ("3일째"). */
  day: number;
  /** "운영기관(TP) 요건검토 중 · 3일째" */
  label: string;
}

/** "N일째" counting the first day as 1. */
export function dayCount(since: IsoDate, today: IsoDate): number {
  return Math.max(daysBetween(since, today), 0) + 1;
}

/**
 * What `party` waits for when it has nothing to do: each other party's open items, longest waiting
 * first ("운영기관(TP) 요건검토 중 · 3일째"). Empty when the party itself has something to do or nobody has.
 */
export function waitingOn(actions: readonly PendingAction[], party: Role, today: IsoDate): Waiting[] {
  if (actions.some((a) => a.party === party)) return [];
  return [...actions]
    .sort((a, b) => compareIsoDate(a.since, b.since))
    .map((a) => {
      const day = dayCount(a.since, today);
      return { party: a.party, doing: a.doing, since: a.since, day, label: `${a.doing} · ${day}일째` };
    });
}

export type Urgency = "overdue" | "due" | "waiting";

/** overdue: its date has passed; due: dated, not passed; waiting: no date. */
export function urgencyOf(action: Pick<PendingAction, "due">, today: IsoDate): Urgency {
  if (!action.due) return "waiting";
  return compareIsoDate(action.due.on, today) < 0 ? "overdue" : "due";
}

const URGENCY_RANK: Readonly<Record<Urgency, number>> = { overdue: 0, due: 1, waiting: 2 };

/**
 * The to-do order everywhere (home, inbox, dashboard): overdue first, then by the nearest date
 * (D-day), then the longest waiting; among overdue ones the longest overdue first.
 */
export function compareUrgency(a: Pick<PendingAction, "due" | "since">, b: Pick<PendingAction, "due" | "since">, today: IsoDate): number {
  const ua = urgencyOf(a, today);
  const ub = urgencyOf(b, today);
  if (ua !== ub) return URGENCY_RANK[ua] - URGENCY_RANK[ub];
  if (a.due && b.due && a.due.on !== b.due.on) return compareIsoDate(a.due.on, b.due.on);
  return compareIsoDate(a.since, b.since);
}

export function sortByUrgency<T extends Pick<PendingAction, "due" | "since">>(items: readonly T[], today: IsoDate): T[] {
  return [...items].sort((a, b) => compareUrgency(a, b, today));
}

/** "D-3", "D-day", "D+2" (overdue): dDay's label, for lists that hold only the date. */
export function dDayLabel(due: IsoDate, today: IsoDate): string {
  return dDay(due, today).label;
}

/** A one-line Korean summary for lists: "수행계획서 제출 · 공급기업 · D-3". */
export function pendingSummary(action: PendingAction, today: IsoDate): string {
  const parts = [action.what, ROLE_LABELS[action.party]];
  if (action.due) parts.push(`${action.due.kind === "target" ? "목표 " : ""}${dDay(action.due.on, today).label}`);
  return parts.join(" · ");
}

/** For a closed ticket: its state's label as the reason nobody acts ("종료: 미선정"). */
export function closedLabel(state: TicketState): string | null {
  return isClosed(state) ? `종료: ${STATE_LABELS[state]}` : null;
}
