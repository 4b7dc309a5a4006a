// The application's end (ADR 028): the manufacturer's withdrawal (신청철회), and what a closed ticket
// tells its parties — the reason of 반려 / 미선정 / 선정취소 (미선정 with the evaluation score) and what
// the manufacturer may do next by the notice's intake rule. The Technopark's closing steps themselves
// are in monitor-steps.server.ts.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { CLOSING_REASONS, CLOSING_STEP_OF, afterClosing, closingReason, isTicketState, remainingBudget, type IsoDate } from "~/domain";
import { getTicketAssessment, type assessShownTicket } from "./ticket.server";
import { transitionTicket } from "./workflow.server";
import { endExpertAssignments } from "./assignment.server";
import type { StepInput } from "./monitor-steps.server";

type ShownAssessment = Awaited<ReturnType<typeof assessShownTicket>>;

/** What may come after a closing step of this ticket: its program's intake and what is left of its budget. */
function nextAfter(step: Parameters<typeof afterClosing>[0], assessment: ShownAssessment, today: IsoDate) {
  const { facts, context, params } = assessment;
  return afterClosing(step, facts.program, remainingBudget(context.committedSubsidy, params), today);
}

/** The withdrawal page: the ticket, whether it may be withdrawn now (and why not) and what comes after. */
export async function getWithdrawData(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const { facts } = assessment;
  const withdraw = assessment.actions.find((a) => a.action === "withdraw");
  return {
    state: facts.state,
    version: facts.version,
    // a selected ticket gives its place and its share of the budget back
    holdsPlace: facts.selectionNoticeOn !== null,
    refusal: withdraw ? (withdraw.allowed ? null : withdraw.reasons) : ["현재 단계에서는 신청을 철회할 수 없습니다."],
    next: nextAfter("withdraw", assessment, today),
  };
}

/** 신청철회: the manufacturer closes its own application (before the agreement); the reason is optional. */
export async function withdrawApplication(actor: Actor, input: StepInput & { reason: string | null }) {
  const reason = closingReason("withdraw", input.reason);
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "withdraw",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      // the evaluator's or agency's access ends with the application (ADR 029)
      await endExpertAssignments(tx, facts.id, "all", "ticket_closed");
      return reason === null ? { summary: "신청을 철회했습니다." } : { summary: `신청을 철회했습니다. 사유: ${reason}`, data: { reason } };
    },
  });
}

export type ClosingScore = { total: number; passMark: number; passed: boolean; unsuitable: string[] };

/**
 * Why a closed ticket closed and what its manufacturer may do next; null while it is open. The
 * reason of a 반려 is the review's (one more statement, on rejected tickets only).
 */
export async function closingOf(assessment: ShownAssessment, today: IsoDate) {
  const { facts, evaluation, params } = assessment;
  const step = isTicketState(facts.state) ? CLOSING_STEP_OF[facts.state] : undefined;
  if (!step) return null;
  const reason =
    step === "reject"
      ? ((await prisma.requirementReview.findFirst({ where: { ticketId: facts.id, result: "rejected" }, orderBy: { reviewedAt: "desc" } }))
          ?.reason ?? null)
      : step === "not_select"
        ? facts.notSelectedReason
        : step === "cancel"
          ? facts.cancelReason
          : null;
  // the score as submitted (the sheet is locked then); the rules' score of a complete, unsubmitted sheet otherwise
  const sheet = facts.evaluation;
  const submitted = Boolean(sheet?.submittedAt);
  const score: ClosingScore | null =
    step === "not_select" && sheet
      ? {
          total: submitted || !evaluation ? sheet.totalScore : evaluation.total,
          passMark: params.passMark,
          passed: submitted || !evaluation ? sheet.passed : evaluation.passed,
          unsuitable: evaluation?.unsuitable.map((u) => u.message) ?? [],
        }
      : null;
  return { step, label: CLOSING_REASONS[step].label, reason, score, next: nextAfter(step, assessment, today) };
}

export type Closing = NonNullable<Awaited<ReturnType<typeof closingOf>>>;
