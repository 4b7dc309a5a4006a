/**
 * The steps that close an application for good (반려, 미선정, 신청철회, 선정취소): which of them
 * must say why, how long the reason may be, and what the manufacturer may do next by the notice's
 * rules (ADR 028). No state machine here: workflow.ts decides who may close what, and when.
 */
import { DomainError } from "./errors";
import { josa } from "./format";
import type { IsoDate } from "./dates";
import type { Action } from "./workflow";
import type { TicketState } from "./labels";
import { CLAUSES } from "./notice";

/** The steps that cannot be undone: never a to-do, never a primary button, always confirmed first. */
export const DESTRUCTIVE_ACTIONS = ["withdraw", "reject", "not_select", "cancel"] as const satisfies readonly Action[];
export type DestructiveAction = (typeof DESTRUCTIVE_ACTIONS)[number];

/** True for a step that closes the application (DESTRUCTIVE_ACTIONS). */
export function isDestructiveAction(action: string): action is DestructiveAction {
  return (DESTRUCTIVE_ACTIONS as readonly string[]).includes(action);
}

/** The longest reason a closing step records (characters, after trimming). */
export const CLOSING_REASON_MAX = 1000;

/**
 * What each closing step calls its reason, and whether it needs one. The Technopark's decisions
 * (반려, 미선정, 선정취소) end someone else's application: that company is owed the reason. The
 * manufacturer's own withdrawal may say why, and need not.
 */
export const CLOSING_REASONS: Readonly<Record<DestructiveAction, { label: string; required: boolean }>> = {
  reject: { label: "반려 사유", required: true },
  not_select: { label: "미선정 사유", required: true },
  cancel: { label: "선정취소 사유", required: true },
  withdraw: { label: "철회 사유", required: false },
};

/**
 * The reason as it is recorded (trimmed; null when an optional one is left empty), or a DomainError
 * in Korean when a required reason is missing or any reason is longer than CLOSING_REASON_MAX. The
 * forms check the same with zod; this is the rule the model layer applies whatever was posted.
 */
export function closingReason(action: DestructiveAction, text: string | null | undefined): string | null {
  const { label, required } = CLOSING_REASONS[action];
  const reason = (text ?? "").trim();
  if (reason.length > CLOSING_REASON_MAX) {
    throw new DomainError("reason_too_long", `${josa(label, "은", "는")} ${CLOSING_REASON_MAX.toLocaleString("ko-KR")}자 이내로 입력해 주세요.`);
  }
  if (reason) return reason;
  if (required) throw new DomainError("reason_required", `${josa(label, "을", "를")} 입력해 주세요.`);
  return null;
}

/** The closed states, with the step that leads to each. */
export const CLOSING_STEP_OF: Readonly<Partial<Record<TicketState, DestructiveAction>>> = {
  rejected: "reject",
  not_selected: "not_select",
  withdrawn: "withdraw",
  cancelled: "cancel",
};

export type ProgramIntake = { intakeOpensOn: IsoDate; intakeClosesOn: IsoDate | null };

export type AfterClosing = {
  /** A new application may be filed now (the link to start one is shown). */
  canApplyAgain: boolean;
  /** What the manufacturer may do next, in Korean. */
  message: string;
  /** Where the rule comes from. */
  clause: string;
};

const ASK_THE_TECHNOPARK = "자세한 사항은 운영기관(제조혁신센터)에 문의해 주세요.";

/** Why a new application is not taken today, or null while intake is open (수시 접수, 예산 소진 시까지). */
function intakeClosedBecause(intake: ProgramIntake, remainingBudget: number, today: IsoDate): string | null {
  if (today < intake.intakeOpensOn) return "지금은 접수 기간이 아닙니다.";
  if (intake.intakeClosesOn !== null && today > intake.intakeClosesOn) return "이 사업의 접수가 마감되었습니다.";
  if (remainingBudget <= 0) return "예산이 모두 배정되어 이 사업의 접수가 끝났습니다 (예산 소진).";
  return null;
}

const APPLY_AGAIN: Readonly<Record<Exclude<DestructiveAction, "cancel">, string>> = {
  reject: "반려 사유를 해결한 뒤 새로 신청할 수 있습니다.",
  not_select: "새로 신청하면 요건검토와 현장평가를 처음부터 다시 받습니다.",
  withdraw: "필요하면 새로 신청할 수 있습니다.",
};

/**
 * What the manufacturer of a closed application may do next. The notice takes applications at any
 * time until the budget is used up (공고 4. 신청기간: 예산 소진 시까지 수시 접수) and excludes no company
 * for an earlier 반려, 미선정 or withdrawal: while intake is open, a new application is possible. On a
 * 선정취소 the notice says nothing about applying again (and a cancellation may come with a sanction,
 * 공고 5. 지원제외 대상): the company is sent to the Technopark rather than told yes or no.
 */
export function afterClosing(step: DestructiveAction, intake: ProgramIntake, remainingBudget: number, today: IsoDate): AfterClosing {
  if (step === "cancel") {
    return {
      canApplyAgain: false,
      message: `선정취소 후 다시 신청할 수 있는지는 공고에 정해져 있지 않습니다. ${ASK_THE_TECHNOPARK}`,
      clause: CLAUSES.selectionCancel,
    };
  }
  const closed = intakeClosedBecause(intake, remainingBudget, today);
  if (closed) return { canApplyAgain: false, message: `${closed} ${ASK_THE_TECHNOPARK}`, clause: CLAUSES.budget };
  return { canApplyAgain: true, message: `접수 기간 중입니다 (예산 소진 시까지 수시 접수). ${APPLY_AGAIN[step]}`, clause: CLAUSES.budget };
}
