// 수행계획서 (execution plan): every submission is a new version, written in
// the same transaction as the workflow step (submit_plan from 지원결정,
// resubmit_plan from 수행계획서 보완). A plan submitted after its due date is
// flagged `late`, never silently accepted.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, dDay, dueStatus, formatKoreanDate, type IsoDate } from "~/domain";
import { transitionTicket } from "./workflow.server";
import { visibleTicket } from "./ticket.server";
import { PLAN_SELECT, STEP_TICKET_SELECT } from "./selects.server";

export type PlanStep = "submit_plan" | "resubmit_plan";
export type MilestoneInput = { title: string; dueOn: IsoDate; deliverable: string };

/** The step a supplier takes on the plan page in `state`, or null when the plan cannot be submitted now. */
export function planStepFor(state: string): PlanStep | null {
  return state === "selected" ? "submit_plan" : state === "plan_revision" ? "resubmit_plan" : null;
}

/** The due date that applies to a plan submitted now: the revision deadline in 보완, else the plan deadline. */
export function planDueFor(ticket: { state: string; planDueOn: string | null; revisionDueOn: string | null }): IsoDate | null {
  return ticket.state === "plan_revision" ? (ticket.revisionDueOn ?? ticket.planDueOn) : ticket.planDueOn;
}

/** True when a plan submitted on `today` is past `dueOn` (the domain's D-day: overdue). */
export function isLate(dueOn: IsoDate | null, today: IsoDate): boolean {
  return dueOn !== null && dDay(dueOn, today).overdue;
}

/** The plan page (the header comes from the ticket's layout route). Null when out of scope. */
export async function getPlanPage(actor: Actor, ticketId: string, today: IsoDate) {
  const ticket = await prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      ...STEP_TICKET_SELECT,
      selectionNoticeOn: true,
      planDueOn: true,
      revisionDueOn: true,
      plans: {
        orderBy: { version: "desc" },
        select: { id: true, ...PLAN_SELECT },
      },
      costReviews: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { planChangeRequired: true, note: true, resultOn: true, revisionDueOn: true },
      },
    },
  });
  if (!ticket) return null;
  const dueOn = planDueFor(ticket);
  return {
    ...ticket,
    step: planStepFor(ticket.state),
    dueOn,
    dueDDay: dueOn ? dDay(dueOn, today) : null,
    dueStatus: dueOn ? dueStatus(dueOn, today) : null,
    lateIfSubmittedToday: isLate(dueOn, today),
  };
}

/**
 * Submits a new plan version and moves the ticket (submit_plan / resubmit_plan).
 * The plan row is written in `prepare`, so the planAttached guard sees it; if
 * the step is refused the whole transaction, plan included, is rolled back.
 */
export async function submitPlan(
  actor: Actor,
  input: {
    ticketId: string;
    step: PlanStep;
    expectedVersion: number;
    scope: string;
    staff: string;
    milestones: MilestoneInput[];
    /** The supplier saw the "past the due date" warning and confirmed it. */
    acknowledgeLate: boolean;
    today: IsoDate;
  },
) {
  let planVersion = 0;
  let late = false;
  const result = await transitionTicket(actor, {
    ticketId: input.ticketId,
    action: input.step,
    expectedVersion: input.expectedVersion,
    today: input.today,
    prepare: async (tx, facts) => {
      // Only the supplier of a ticket in the right state writes a plan; the
      // state machine refuses everyone else right after (and rolls this back).
      const dueOn = planDueFor(facts) ?? input.today;
      late = isLate(dueOn, input.today);
      if (late && !input.acknowledgeLate) {
        throw new DomainError(
          "plan_late_unacknowledged",
          `수행계획서 제출기한(${formatKoreanDate(dueOn)})이 지났습니다. '기한 경과 제출'임을 확인란에 표시한 뒤 제출해 주세요.`,
        );
      }
      const latest = await tx.executionPlan.findFirst({
        where: { ticketId: facts.id },
        orderBy: { version: "desc" },
        select: { version: true },
      });
      planVersion = (latest?.version ?? 0) + 1;
      await tx.executionPlan.create({
        data: {
          ticketId: facts.id,
          version: planVersion,
          scope: input.scope,
          staff: input.staff,
          dueOn,
          isRevision: input.step === "resubmit_plan",
          late,
          reviewStatus: "pending",
          submittedById: actor.userId,
          milestones: { create: input.milestones.map((m, i) => ({ ...m, sortOrder: i })) },
        },
      });
    },
    apply: async () => ({
      summary: `${input.step === "resubmit_plan" ? "수정 수행계획서" : "수행계획서"} ${planVersion}차를 제출했습니다${late ? " (제출기한 경과)" : ""}.`,
      data: { planVersion, late },
    }),
  });
  return { ...result, planVersion, late };
}
