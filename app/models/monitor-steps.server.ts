// The Technopark monitor's workflow steps (issue 5). Every step goes through
// the workflow core (transitionTicket / changeTicket): one transaction, the
// version check, the state machine's guards, the audit event. Rules come from
// ~/domain; this file only gathers facts and writes the step's own records.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  DomainError,
  PHOTO_PURPOSES,
  STATE_LABELS,
  assertCompletionReady,
  closingReason,
  completionGaps,
  formatKoreanDate,
  isSupportType,
  isTicketState,
  planChangeDueDate,
  planDueDate,
  type CompletionFacts,
  type IsoDate,
} from "~/domain";
import { getTicketAssessment, visibleTicket } from "./ticket.server";
import { changeTicket, transitionTicket, type Tx } from "./workflow.server";
import { PLAN_SELECT, QUOTE_LINE_SELECT, QUOTE_SELECT } from "./selects.server";
import { endExpertAssignments } from "./assignment.server";

export type StepInput = { ticketId: string; expectedVersion: number; today: IsoDate };

// ─── 요건검토 ────────────────────────────────────────────────────────────────

export async function getReviewData(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const [documents, reviews] = await Promise.all([
    prisma.applicationDocument.findMany({
      where: { ticketId },
      orderBy: [{ kind: "asc" }, { issuedOn: "desc" }],
      select: {
        id: true,
        kind: true,
        issuedOn: true,
        fiscalYear: true,
        attachedAtApplication: true,
        file: { select: { id: true, originalName: true, mimeType: true, size: true } },
      },
    }),
    prisma.requirementReview.findMany({
      where: { ticketId },
      orderBy: { reviewedAt: "desc" },
      select: { id: true, result: true, fixList: true, reason: true, reviewedAt: true },
    }),
  ]);
  return {
    eligibility: assessment.eligibility,
    checklist: assessment.checklist,
    actions: assessment.actions,
    version: assessment.facts.version,
    documents,
    reviews,
  };
}

/**
 * 요건검토 통과: recorded as a review like a return or a rejection, so the review history says who passed the
 * application and when (before, only returns and rejections left a row: a passed review showed no result).
 */
export async function passReview(actor: Actor, input: StepInput) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "pass_review",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx) => {
      await tx.requirementReview.create({ data: { ticketId: input.ticketId, result: "passed", reviewerId: actor.userId } });
    },
  });
}

export async function returnForCorrection(actor: Actor, input: StepInput & { fixList: string }) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "return_for_correction",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx) => {
      await tx.requirementReview.create({
        data: { ticketId: input.ticketId, result: "returned", fixList: input.fixList, reviewerId: actor.userId },
      });
      const count = input.fixList.split("\n").filter((l) => l.trim()).length;
      return {
        summary: `요건검토 결과 보완을 요청했습니다 (보완 항목 ${count}건). 작성중 단계로 되돌렸습니다.`,
        data: { fixList: input.fixList },
      };
    },
  });
}

/** 반려: closes the application; the reason (required) is what the manufacturer reads on its ticket. */
export async function rejectApplication(actor: Actor, input: StepInput & { reason: string }) {
  const reason = closingReason("reject", input.reason);
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "reject",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx) => {
      await tx.requirementReview.create({
        data: { ticketId: input.ticketId, result: "rejected", reason, reviewerId: actor.userId },
      });
      await endExpertAssignments(tx, input.ticketId, "all", "ticket_closed");
      return { summary: `요건검토 결과 반려했습니다. 사유: ${reason}`, data: { reason } };
    },
  });
}

// ─── 지원결정 ────────────────────────────────────────────────────────────────

export async function getDecisionData(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const { facts, params, context, evaluation } = assessment;
  return {
    params: { capacity: params.capacity, subsidyBudget: params.subsidyBudget, planDueDays: params.planDueDays, passMark: params.passMark },
    selectedCount: context.selectedCount,
    committedSubsidy: context.committedSubsidy,
    // an expected amount only on a quote: without one the guard reserves the cap, which is no expectation
    quoteTotal: facts.quoteTotal,
    ticketSubsidy: facts.quoteTotal === null ? null : context.ticketSubsidy,
    evaluation: facts.evaluation
      ? {
          submitted: Boolean(facts.evaluation.submittedAt),
          // an evaluator's sheet waits for the TP's confirmation before any decision (ADR 030)
          awaitingConfirmation: Boolean(facts.evaluation.submittedAt && !facts.evaluation.confirmedAt),
          total: facts.evaluation.totalScore,
          passed: facts.evaluation.passed,
          live: evaluation?.total ?? null,
        }
      : null,
    actions: assessment.actions,
    version: assessment.facts.version,
    planDueIfToday: planDueDate(today, params),
  };
}

/** 지원결정: select, or 미선정 with its reason (required; shown to the manufacturer with the score). */
export async function decideSupport(actor: Actor, input: StepInput & { decision: "select" | "not_select"; reason?: string | null }) {
  const reason = input.decision === "not_select" ? closingReason("not_select", input.reason) : null;
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: input.decision,
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, _facts, _next, assessment) => {
      if (reason !== null) {
        await endExpertAssignments(tx, input.ticketId, "all", "ticket_closed");
        return { summary: `지원결정 결과 미선정되었습니다. 사유: ${reason}`, ticketPatch: { notSelectedReason: reason }, data: { reason } };
      }
      const planDueOn = planDueDate(input.today, assessment.params);
      return {
        summary: `지원대상으로 선정했습니다. 수행계획서 제출기한은 ${formatKoreanDate(planDueOn)}입니다.`,
        ticketPatch: { selectionNoticeOn: input.today, planDueOn },
        data: { selectionNoticeOn: input.today, planDueOn },
      };
    },
  });
}

// ─── 수행계획서 검토 ─────────────────────────────────────────────────────────

export async function getPlanReviewData(actor: Actor, ticketId: string) {
  const visible = await prisma.ticket.findFirst({ where: visibleTicket(actor, ticketId), select: { id: true, version: true } });
  if (!visible) return null;
  const [plan, quote, costReview] = await Promise.all([
    prisma.executionPlan.findFirst({
      where: { ticketId },
      orderBy: { version: "desc" },
      select: PLAN_SELECT,
    }),
    latestQuote(ticketId),
    prisma.costReview.findFirst({
      where: { ticketId },
      orderBy: { createdAt: "desc" },
      select: { planChangeRequired: true, revisionDueOn: true, resultOn: true },
    }),
  ]);
  return { plan, quote, costReview, version: visible.version };
}

export async function requestPlanChange(actor: Actor, input: StepInput & { note: string }) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "request_plan_change",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts, _next, assessment) => {
      const plan = await tx.executionPlan.findFirst({ where: { ticketId: facts.id }, orderBy: { version: "desc" }, select: { id: true } });
      if (plan) await tx.executionPlan.update({ where: { id: plan.id }, data: { reviewStatus: "changes_requested", reviewNote: input.note } });
      // Counted from the request day, never from an older review's deadline (which may have passed).
      // A request in 원가적정성 검토 answers the latest review if it required the change: that review
      // then carries the deadline that runs, so every page shows one date.
      const review =
        facts.state === "cost_review"
          ? await tx.costReview.findFirst({
              where: { ticketId: facts.id },
              orderBy: { createdAt: "desc" },
              select: { id: true, planChangeRequired: true, resultOn: true },
            })
          : null;
      const answered = review?.planChangeRequired ? review : null;
      const revisionDueOn = planChangeDueDate(input.today, assessment.params, answered?.resultOn ?? null);
      if (answered) await tx.costReview.update({ where: { id: answered.id }, data: { revisionDueOn } });
      return {
        summary: `수행계획서 보완을 요청했습니다. 수정 수행계획서 제출기한은 ${formatKoreanDate(revisionDueOn)}입니다.`,
        ticketPatch: { revisionDueOn },
        data: { note: input.note, revisionDueOn },
      };
    },
  });
}

/** 수행계획서 검토 완료: the plan review page and the ticket page's one-click button both take it here (one-click-steps.server.ts). */
export async function acceptPlan(actor: Actor, input: StepInput) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "accept_plan",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      const plan = await tx.executionPlan.findFirst({ where: { ticketId: facts.id }, orderBy: { version: "desc" }, select: { id: true } });
      if (plan) await tx.executionPlan.update({ where: { id: plan.id }, data: { reviewStatus: "accepted" } });
      return { summary: "수행계획서 검토를 마치고 원가적정성 검토를 의뢰했습니다." };
    },
  });
}

// ─── 원가적정성 검토 (the steps: expert-steps.server.ts) ──────────────────────

/** The latest quote with its lines' verified amounts (the plan review and the cost review show it). */
export function latestQuote(ticketId: string) {
  return prisma.quote.findFirst({
    where: { ticketId },
    orderBy: { version: "desc" },
    select: { ...QUOTE_SELECT, lines: { orderBy: { sortOrder: "asc" }, select: { ...QUOTE_LINE_SELECT, verifiedAmount: true } } },
  });
}

// 사업비 지급 (기업부담금, 지급 계좌, 분할 지급, 지급 완료): app/models/funding.server.ts

// ─── 완료점검 / 사후관리 ─────────────────────────────────────────────────────

/** The facts of the completion check (완료점검) as the rules module wants them. */
async function completionFactsOf(db: Tx | typeof prisma, ticketId: string): Promise<CompletionFacts> {
  const [types, logs, completionReports] = await Promise.all([
    db.ticketSupportType.findMany({ where: { ticketId }, select: { type: true } }),
    db.workLog.findMany({
      where: { ticketId },
      select: {
        status: true,
        swVersionBefore: true,
        swVersionAfter: true,
        trainingAttendees: true,
        // ids, not a relation `_count` (that groups the whole child table: ADR 009)
        parts: { select: { id: true } },
        attachments: { where: { purpose: { in: [...PHOTO_PURPOSES] } }, select: { id: true } },
      },
    }),
    db.completionReport.count({ where: { ticketId } }),
  ]);
  return {
    supportTypes: types.map((t) => t.type).filter(isSupportType),
    workLogs: logs.map(({ parts, attachments, ...log }) => ({ ...log, parts: parts.length, photos: attachments.length })),
    hasCompletionReport: completionReports > 0,
  };
}

export async function getCompletionData(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const [facts, logs, reports, checks, notes] = await Promise.all([
    completionFactsOf(prisma, ticketId),
    prisma.workLog.findMany({
      where: { ticketId },
      orderBy: { workedOn: "asc" },
      select: {
        id: true,
        workedOn: true,
        minutes: true,
        description: true,
        status: true,
        swVersionBefore: true,
        swVersionAfter: true,
        trainingAttendees: true,
        parts: { select: { id: true } },
        attachments: { select: { id: true } },
      },
    }),
    prisma.completionReport.findMany({
      where: { ticketId },
      orderBy: { submittedAt: "desc" },
      select: {
        id: true,
        summary: true,
        results: true,
        submittedAt: true,
        attachments: { select: { id: true, purpose: true, file: { select: { id: true, originalName: true, mimeType: true } } } },
      },
    }),
    prisma.completionCheck.findMany({
      where: { ticketId },
      orderBy: { createdAt: "desc" },
      select: { id: true, result: true, findings: true, checkedOn: true },
    }),
    prisma.followUpNote.findMany({ where: { ticketId }, orderBy: { createdAt: "desc" }, select: { id: true, note: true, notedOn: true } }),
  ]);
  return {
    gaps: completionGaps(facts),
    logs: logs.map(({ parts, attachments, ...log }) => ({ ...log, partCount: parts.length, attachmentCount: attachments.length })),
    reports,
    checks,
    notes,
    actions: assessment.actions,
    version: assessment.facts.version,
  };
}

export async function checkCompletion(actor: Actor, input: StepInput & { result: "pass" | "fail"; findings: string | null }) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: input.result === "pass" ? "pass_completion" : "fail_completion",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      if (input.result === "pass") {
        assertCompletionReady(await completionFactsOf(tx, facts.id));
      } else if (!input.findings) {
        throw new DomainError("findings_required", "보완 요구 사항(점검 의견)을 입력해 주세요.");
      }
      await tx.completionCheck.create({
        data: {
          ticketId: facts.id,
          result: input.result === "pass" ? "passed" : "failed",
          findings: input.findings,
          checkedOn: input.today,
          checkerId: actor.userId,
        },
      });
      return input.result === "pass"
        ? { summary: "완료점검을 통과했습니다. 정산 단계로 넘어갑니다 (증빙과 실제 사업비 제출)." }
        : { summary: `완료점검 결과 보완을 요구했습니다: ${input.findings}` };
    },
  });
}

export async function startFollowUp(actor: Actor, input: StepInput) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "start_follow_up",
    expectedVersion: input.expectedVersion,
    today: input.today,
  });
}

export async function addFollowUpNote(actor: Actor, input: StepInput & { note: string; notedOn: IsoDate }) {
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "followup.note",
    expectedVersion: input.expectedVersion,
    roles: ["monitor"],
    states: ["completed", "follow_up"],
    stateMessage: "사후관리 기록은 완료된 과제에만 남길 수 있습니다.",
    apply: async (tx, facts) => {
      await tx.followUpNote.create({ data: { ticketId: facts.id, note: input.note, notedOn: input.notedOn, authorId: actor.userId } });
      return { summary: `사후관리 기록을 남겼습니다 (${formatKoreanDate(input.notedOn)}).` };
    },
  });
}

// ─── 선정취소 ────────────────────────────────────────────────────────────────

/** 선정취소: closes a selected ticket; the reason (required) is what the manufacturer and the supplier read. */
export async function cancelTicket(actor: Actor, input: StepInput & { reason: string }) {
  const reason = closingReason("cancel", input.reason);
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "cancel",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      await endExpertAssignments(tx, facts.id, "all", "ticket_closed");
      return {
        summary: `선정을 취소했습니다 (${isTicketState(facts.state) ? STATE_LABELS[facts.state] : facts.state} 단계). 사유: ${reason}`,
        ticketPatch: { cancelReason: reason },
        data: { reason },
      };
    },
  });
}
