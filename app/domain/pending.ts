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
import { ROLE_LABELS, STATE_LABELS, type CompanyRole, type Role, type TicketState } from "./labels";
import { josa } from "./format";
import type { DeadlineField } from "./schedule";
import { CHANGE_STATES, QUOTE_EDITABLE_STATES, type Action } from "./workflow";

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
  // ── issue 16: the five parties and the money after selection ──
  /** The evaluator's open assignment (외부전문가), or null when the TP has assigned nobody. */
  evaluator: ExpertFacts | null;
  /** The cost-accounting agency's open assignment (원가계산기관), or null. */
  costAgency: ExpertFacts | null;
  /** The evaluator submitted the sheet and the TP has not confirmed it (then `evaluationSubmitted` is true too). */
  evaluationAwaitingConfirmation: boolean;
  /** The agency entered a cost review the TP has not confirmed yet (`hasCostReview` counts confirmed ones only). */
  costReviewAwaitingConfirmation: boolean;
  /** The agreement draft (협약안) and whose consent it has; null before the TP prepares it. */
  agreementDraft: { preparedOn: IsoDate; manufacturerConsented: boolean; supplierConsented: boolean } | null;
  /** The company share (기업부담금): not recorded, awaiting the TP, or confirmed in full. */
  shareDeposit: "none" | "awaiting" | "confirmed";
  /** The payee account is recorded on the agreement. */
  payeeRecorded: boolean;
  /** Subsidy payments recorded so far. */
  paymentCount: number;
  /** The settlement (정산) was submitted and awaits the TP. */
  settlementSubmitted: boolean;
  /** A period change proposed by one company, awaiting the other's confirmation; null when none. */
  extensionProposal: { by: CompanyRole; on: IsoDate } | null;
  /** An open scope/cost change (사업변경): who asked, since when, and whether it waits for the other company or the TP. */
  changeRequest: { by: CompanyRole; on: IsoDate; awaiting: "counterpart" | "tp" } | null;
}

/** An expert's open assignment on the ticket: since when, and whether it declared no conflict of interest yet. */
export interface ExpertFacts {
  since: IsoDate;
  declared: boolean;
}

export type PendingKind =
  | "write_application"
  | "fix_application"
  | "write_quote"
  | "start_review"
  | "finish_review"
  | "assign_evaluator"
  | "declare_conflict"
  | "evaluate"
  | "confirm_evaluation"
  | "decide"
  | "submit_plan"
  | "review_plan"
  | "assign_cost_agency"
  | "record_cost_review"
  | "confirm_cost_review"
  | "request_plan_change"
  | "prepare_agreement"
  | "consent_agreement"
  | "sign_agreement"
  | "resubmit_plan"
  | "deposit_share"
  | "confirm_share_deposit"
  | "pay"
  | "complete_funding"
  | "start_work"
  | "do_work"
  | "report_completion"
  | "confirm_work_logs"
  | "fix_work_logs"
  | "decide_extension"
  | "check_completion"
  | "submit_settlement"
  | "confirm_settlement"
  | "confirm_extension"
  | "confirm_change"
  | "decide_change"
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

type Tp = (d: Omit<Draft, "party" | "since">, from?: IsoDate) => PendingAction;

function tpOf(since: IsoDate): Tp {
  return (d, from = since) => make({ party: "monitor", since: from, ...d });
}

/** ④ 현장평가: the TP assigns an evaluator (or evaluates itself), the evaluator declares and scores, the TP confirms, then decides. */
function siteEvaluationStep(f: PendingFacts, t: TpTargets): PendingAction | PendingAction[] {
  const since = f.stateChangedOn;
  const tp = tpOf(since);
  const due = target(since, t.evaluationTargetDays);
  if (f.evaluationAwaitingConfirmation) {
    return tp({
      kind: "confirm_evaluation",
      what: "외부전문가 평가표 확인",
      blocks: "지원결정은 확인된 평가표로만 합니다.",
      page: "evaluation",
      action: "confirm_evaluation",
      doing: "운영기관(TP) 평가표 확인 중",
      due,
    });
  }
  if (f.evaluationSubmitted) {
    return tp({ kind: "decide", what: "지원결정(선정·미선정)", page: "decision", action: "select", doing: "운영기관(TP) 지원결정 중", due });
  }
  if (f.evaluator) return expertStep(f.evaluator, "evaluator", due);
  return tp({
    kind: "evaluate",
    what: "현장평가 (외부전문가 배정 또는 직접 평가)",
    detail: "외부전문가 1인을 배정하거나, 운영기관이 현장평가표를 직접 작성합니다.",
    page: "evaluation",
    action: "submit_evaluation",
    doing: "운영기관(TP) 현장평가 준비 중",
    due,
  });
}

/** An assigned expert's step: first the conflict-of-interest declaration, then its own work. */
function expertStep(expert: ExpertFacts, party: "evaluator" | "cost_agency", due: PendingDue): PendingAction {
  const label = ROLE_LABELS[party];
  if (!expert.declared) {
    return make({
      kind: "declare_conflict",
      party,
      what: "이해충돌 여부 확인",
      detail: "배정된 과제를 열기 전에 이해관계가 없음을 확인합니다.",
      page: "conflict",
      since: expert.since,
      doing: `${label} 배정 확인 중`,
      due,
    });
  }
  return party === "evaluator"
    ? make({
        kind: "evaluate",
        party,
        what: "현장평가표 작성·제출",
        page: "evaluation",
        action: "submit_evaluation",
        since: expert.since,
        doing: "외부전문가 현장평가 중",
        due,
      })
    : make({
        kind: "record_cost_review",
        party,
        what: "원가계산 결과 입력",
        detail: "견적 항목별 검증금액과 원가계산 보고서를 제출합니다.",
        page: "cost-review",
        action: "record_cost_review",
        since: expert.since,
        doing: "원가계산기관 원가계산 중",
        due,
      });
}

/** ⑦ 원가적정성 검토 → ⑧ 협약: the agency's result confirmed, a plan change if asked, the draft, both consents, conclusion. */
function costReviewStep(f: PendingFacts, t: TpTargets): PendingAction | PendingAction[] {
  const since = f.stateChangedOn;
  const tp = tpOf(since);
  const due = target(since, t.planReviewTargetDays);
  if (f.costReviewAwaitingConfirmation) {
    return tp({
      kind: "confirm_cost_review",
      what: "원가계산 결과 확인",
      blocks: "협약은 확인된 원가적정성 검토 결과로 체결됩니다.",
      page: "cost-review",
      action: "confirm_cost_review",
      doing: "운영기관(TP) 원가계산 결과 확인 중",
      due,
    });
  }
  if (!f.hasCostReview) {
    if (f.costAgency) return expertStep(f.costAgency, "cost_agency", due);
    return tp({
      kind: "record_cost_review",
      what: "원가적정성 검토 (원가계산기관 배정 또는 결과 입력)",
      page: "cost-review",
      action: "record_cost_review",
      doing: "원가적정성 검토 준비 중",
      due,
    });
  }
  if (f.planChangeRequired) {
    return tp({
      kind: "request_plan_change",
      what: "수행계획서 보완 요청",
      page: "plan-review",
      action: "request_plan_change",
      doing: "운영기관(TP) 보완 요청 준비 중",
      due,
    });
  }
  const draft = f.agreementDraft;
  if (!draft) {
    return tp({
      kind: "prepare_agreement",
      what: "협약안 작성",
      page: "agreement",
      action: "prepare_agreement",
      doing: "운영기관(TP) 협약안 작성 중",
      due,
    });
  }
  const missing = (["manufacturer", "supplier"] as const).filter((party) =>
    party === "manufacturer" ? !draft.manufacturerConsented : !draft.supplierConsented,
  );
  if (missing.length > 0) {
    return missing.map((party) =>
      make({
        kind: "consent_agreement",
        party,
        what: "협약 동의",
        detail: "협약서 전문을 읽고 동의합니다.",
        blocks: "운영기관은 도입기업과 공급기업이 모두 동의한 뒤에 협약을 체결합니다.",
        page: "agreement",
        action: "consent_agreement",
        since: draft.preparedOn,
        doing: `${ROLE_LABELS[party]} 협약 동의 검토 중`,
        due,
      }),
    );
  }
  return tp({ kind: "sign_agreement", what: "협약체결", page: "agreement", action: "sign_agreement", doing: "운영기관(TP) 협약 체결 중", due });
}

/** ⑨ 사업비 지급: the company's share deposited and confirmed, the subsidy paid (in parts), funding declared complete. */
function fundingStep(f: PendingFacts, t: TpTargets): PendingAction {
  const since = f.stateChangedOn;
  const tp = tpOf(since);
  const due = target(since, t.paymentTargetDays);
  if (f.shareDeposit === "none") {
    return make({
      kind: "deposit_share",
      party: "manufacturer",
      what: "기업부담금 입금 등록",
      detail: "입금일, 금액과 이체 증빙을 등록합니다.",
      blocks: "정부지원금은 기업부담금 입금이 확인된 뒤에 지급됩니다.",
      page: "payment",
      action: "record_share_deposit",
      since,
      doing: "도입기업 기업부담금 입금 중",
    });
  }
  if (f.shareDeposit === "awaiting") {
    return tp({
      kind: "confirm_share_deposit",
      what: "기업부담금 입금 확인",
      page: "payment",
      action: "confirm_share_deposit",
      doing: "운영기관(TP) 입금 확인 중",
      due,
    });
  }
  if (f.paymentCount === 0 || !f.payeeRecorded) {
    return tp({
      kind: "pay",
      what: "정부지원금 지급",
      detail: f.payeeRecorded ? null : "지급 계좌를 먼저 등록합니다.",
      page: "payment",
      action: "record_payment",
      doing: "운영기관(TP) 사업비 지급 중",
      due,
    });
  }
  return tp({
    kind: "complete_funding",
    what: "사업비 지급 완료 처리",
    detail: `지급 ${f.paymentCount}건 — 남은 지급이 있으면 지급하고, 끝났으면 지급 완료로 처리합니다.`,
    blocks: "공급기업의 과제 착수는 지급 완료 뒤에 합니다.",
    page: "payment",
    action: "complete_funding",
    doing: "운영기관(TP) 사업비 지급 중",
    due,
  });
}

/** A change proposed by one company: the other confirms, then the TP decides. */
function changeActions(f: PendingFacts, t: TpTargets): PendingAction[] {
  const side: PendingAction[] = [];
  const other = (by: CompanyRole): CompanyRole => (by === "manufacturer" ? "supplier" : "manufacturer");
  if (f.state === "in_progress" && f.extensionProposal) {
    const { by, on } = f.extensionProposal;
    side.push(
      make({
        kind: "confirm_extension",
        party: other(by),
        what: "사업기간 연장 제안 확인",
        detail: `${josa(ROLE_LABELS[by], "이", "가")} 제안한 연장에 동의하면 운영기관에 신청됩니다.`,
        page: "extension",
        action: "confirm_extension",
        since: on,
        doing: `${ROLE_LABELS[other(by)]} 연장 제안 검토 중`,
        main: false,
      }),
    );
  }
  const change = f.changeRequest;
  if (change && CHANGE_STATES.includes(f.state)) {
    side.push(
      change.awaiting === "counterpart"
        ? make({
            kind: "confirm_change",
            party: other(change.by),
            what: "사업변경 신청 확인",
            detail: `${josa(ROLE_LABELS[change.by], "이", "가")} 신청한 변경에 동의하면 운영기관이 검토합니다.`,
            page: "changes",
            action: "confirm_change",
            since: change.on,
            doing: `${ROLE_LABELS[other(change.by)]} 사업변경 검토 중`,
            main: false,
          })
        : make({
            kind: "decide_change",
            party: "monitor",
            what: "사업변경 신청 검토",
            page: "changes",
            action: "approve_change",
            since: change.on,
            due: target(change.on, t.reviewTargetDays),
            doing: "운영기관(TP) 사업변경 검토 중",
            main: false,
          }),
    );
  }
  return side;
}

/** The step the state waits for (its main pending action, or both companies' for consents), or null in closed states. */
function mainAction(f: PendingFacts, t: TpTargets): PendingAction | PendingAction[] | null {
  const since = f.stateChangedOn;
  const tp = tpOf(since);
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
      return siteEvaluationStep(f, t);
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
      return costReviewStep(f, t);
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
      return fundingStep(f, t);
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
    case "settlement":
      return f.settlementSubmitted
        ? tp({
            kind: "confirm_settlement",
            what: "정산 확인",
            detail: "증빙과 실제 사업비를 확인하고, 정부지원금을 다시 계산한 결과(반환액)를 확정합니다.",
            page: "settlement",
            action: "confirm_settlement",
            doing: "운영기관(TP) 정산 확인 중",
            due: target(since, t.completionCheckTargetDays),
          })
        : make({
            kind: "submit_settlement",
            party: "manufacturer",
            what: "정산 서류 제출",
            detail: "세금계산서·이체확인증을 올리고 실제 사업비를 입력해 제출합니다.",
            blocks: "과제 완료는 운영기관의 정산 확인 뒤에 됩니다.",
            page: "settlement",
            action: "submit_settlement",
            since,
            doing: "도입기업 정산 서류 준비 중",
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
  return [...(main === null ? [] : Array.isArray(main) ? main : [main]), ...sideActions(facts, targets), ...changeActions(facts, targets)];
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
