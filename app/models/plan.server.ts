// 수행계획서 (execution plan): every submission is a new version, written in
// the same transaction as the workflow step (submit_plan from 지원결정,
// resubmit_plan from 수행계획서 보완). A plan submitted after its due date is
// flagged `late`, never silently accepted.
//
// 임시저장 (issue 17): the supplier may save the form as typed, even incomplete, without submitting
// (PlanDraft, one per ticket, its own version pinned). Saving changes no state, writes no audit line
// and tells nobody; only the supplier's organisation reads a draft. Submitting turns the draft into the
// plan version and deletes it in the same transaction; the official plan form attached to the draft
// (수행계획서 양식) goes with it (ExecutionPlan.formFileId).
import { z } from "zod";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, ROW_LIMITS, dDay, dueStatus, formatKoreanDate, type IsoDate } from "~/domain";
import { transitionTicket, type Tx } from "./workflow.server";
import { visibleTicket } from "./ticket.server";
import { PLAN_SELECT, STEP_TICKET_SELECT } from "./selects.server";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.server";
import { recordStoredFile, type SavedFile } from "./files.server";
import { attachedFiles, releaseReplaced } from "./plan-quote-files.server";

export type PlanStep = "submit_plan" | "resubmit_plan";
export type MilestoneInput = { title: string; dueOn: IsoDate; deliverable: string };
/** A milestone row of a draft, as typed (any part may be empty). */
export type DraftMilestone = { title: string; dueOn: string; deliverable: string };

/** A draft's milestones as stored (JSON); anything unreadable is no rows rather than an error. */
const StoredMilestones = z
  .array(z.object({ title: z.string().max(200), dueOn: z.string().max(10), deliverable: z.string().max(200) }))
  .max(ROW_LIMITS.planMilestones);

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

const DRAFT_SELECT = { version: true, updatedAt: true, scope: true, staff: true, milestones: true, formFileId: true } as const;

function storedMilestones(json: string): DraftMilestone[] {
  try {
    const parsed = StoredMilestones.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
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
        select: { id: true, ...PLAN_SELECT, formFileId: true },
      },
      planDraft: { select: DRAFT_SELECT },
      costReviews: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { planChangeRequired: true, note: true, resultOn: true, revisionDueOn: true },
      },
    },
  });
  if (!ticket) return null;
  const { planDraft, plans, ...rest } = ticket;
  // nobody but the supplier's organisation sees a draft (the scope already made it the ticket's supplier)
  const draft = actor.role === "supplier" ? planDraft : null;
  const files = await attachedFiles([...plans.map((p) => p.formFileId), draft?.formFileId ?? null]);
  const dueOn = planDueFor(ticket);
  return {
    ...rest,
    plans: plans.map(({ formFileId, ...plan }) => ({ ...plan, formFile: formFileId ? (files.get(formFileId) ?? null) : null })),
    draft: draft && {
      version: draft.version,
      updatedAt: draft.updatedAt,
      scope: draft.scope,
      staff: draft.staff,
      milestones: storedMilestones(draft.milestones),
      formFile: draft.formFileId ? (files.get(draft.formFileId) ?? null) : null,
    },
    step: planStepFor(ticket.state),
    dueOn,
    dueDDay: dueOn ? dDay(dueOn, today) : null,
    dueStatus: dueOn ? dueStatus(dueOn, today) : null,
    lateIfSubmittedToday: isLate(dueOn, today),
  };
}

/** The ticket's draft, if the form was opened on its current version (0: no draft); else someone saved or submitted meanwhile. */
async function pinnedDraft(tx: Tx, ticketId: string, draftVersion: number) {
  const draft = await tx.planDraft.findUnique({ where: { ticketId }, select: { version: true, formFileId: true } });
  if ((draft?.version ?? 0) !== draftVersion) {
    throw new ConflictError(
      "다른 사용자가 먼저 변경했습니다. 새로고침한 뒤 다시 시도해 주세요. (그 사이 수행계획서가 임시저장되었거나 제출되었습니다.)",
    );
  }
  return draft;
}

/** The plan form a version or a draft carries: a newly attached one, else the one the draft already had. */
async function formFileIdOf(tx: Tx, actor: Actor, form: SavedFile | null, draft: { formFileId: string | null } | null) {
  return form ? (await recordStoredFile(tx, actor, form)).id : (draft?.formFileId ?? null);
}

/**
 * 임시저장: writes the supplier's plan as typed (even incomplete) and the attached plan form, on the draft
 * version the form was opened with. No state change, no audit line, nobody told; only while a plan can
 * be submitted (지원결정, 수행계획서 보완) and only by the ticket's supplier.
 */
export async function savePlanDraft(
  actor: Actor,
  input: { ticketId: string; draftVersion: number; scope: string; staff: string; milestones: DraftMilestone[]; form: SavedFile | null },
) {
  let removeReplaced = async () => {};
  const saved = await prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({ where: visibleTicket(actor, input.ticketId), select: { id: true, state: true } });
    if (!ticket) throw new NotFoundError();
    if (actor.role !== "supplier") throw new ForbiddenError("수행계획서는 공급기업만 작성할 수 있습니다.");
    if (!planStepFor(ticket.state)) {
      throw new DomainError(
        "plan_draft_state",
        "현재 단계에서는 수행계획서를 임시저장할 수 없습니다. 수행계획서는 지원결정 후, 또는 보완 요청을 받았을 때 작성합니다.",
      );
    }
    const draft = await pinnedDraft(tx, ticket.id, input.draftVersion);
    const data = {
      scope: input.scope,
      staff: input.staff,
      milestones: JSON.stringify(input.milestones),
      formFileId: await formFileIdOf(tx, actor, input.form, draft),
      savedById: actor.userId,
    };
    const row = draft
      ? await tx.planDraft.update({ where: { ticketId: ticket.id }, data: { ...data, version: { increment: 1 } }, select: { version: true } })
      : await tx.planDraft.create({ data: { ...data, ticketId: ticket.id }, select: { version: true } });
    // a form replaced by a new one is named by no row any more
    if (input.form) removeReplaced = await releaseReplaced(tx, [draft?.formFileId]);
    return row;
  });
  await removeReplaced();
  return { draftVersion: saved.version };
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
    /** The draft's version the form was opened with (0: none); the draft becomes this version and is deleted. */
    draftVersion?: number;
    /** The official plan form attached now (else the draft's, if any). */
    form?: SavedFile | null;
  },
) {
  let planVersion = 0;
  let late = false;
  let removeReplaced = async () => {};
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
      const draft = await pinnedDraft(tx, facts.id, input.draftVersion ?? 0);
      const formFileId = await formFileIdOf(tx, actor, input.form ?? null, draft);
      if (draft) await tx.planDraft.delete({ where: { ticketId: facts.id } });
      if (input.form) removeReplaced = await releaseReplaced(tx, [draft?.formFileId]);
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
          formFileId,
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
  await removeReplaced();
  return { ...result, planVersion, late };
}

/**
 * The files the TP reviews with the plan (수행계획서 검토): the latest version's plan form and the latest
 * quote's signed copy. Null when out of scope.
 */
export async function latestPlanFiles(actor: Actor, ticketId: string) {
  const ticket = await prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      plans: { orderBy: { version: "desc" }, take: 1, select: { formFileId: true } },
      quotes: { orderBy: { version: "desc" }, take: 1, select: { signedFileId: true } },
    },
  });
  if (!ticket) return null;
  const [planFormId, signedId] = [ticket.plans[0]?.formFileId ?? null, ticket.quotes[0]?.signedFileId ?? null];
  const files = await attachedFiles([planFormId, signedId]);
  return { planForm: planFormId ? (files.get(planFormId) ?? null) : null, signedQuote: signedId ? (files.get(signedId) ?? null) : null };
}
