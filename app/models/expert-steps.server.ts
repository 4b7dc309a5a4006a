// The experts' steps and the Technopark's confirmation of each (issue 16, docs/decisions/030): the site
// evaluation sheet (현장평가표), filled by the external evaluator (외부전문가) or by the TP itself, and the
// cost review (원가적정성 검토), entered by the cost-accounting agency (원가계산기관) or by the TP. What an
// expert submits waits for the TP: confirmed, it counts (selection reads only a confirmed sheet, the
// agreement only a confirmed review) and the expert's assignment ends; sent back, the expert corrects it.
// What the TP enters itself stands confirmed at once. Every step goes through the workflow core.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  DomainError,
  GRADED_ITEM_KEYS,
  SUITABILITY_CHECK_KEYS,
  agreementAmounts,
  applicableChecks,
  bonusEligible,
  describeAmounts,
  formatKRW,
  formatKoreanDate,
  gradePoints,
  isEligibilityBasis,
  planChangeDueDate,
  verifiedLineAmounts,
  type ExpertRole,
  type Grade,
  type GradedItemKey,
  type IsoDate,
  type ProgramParams,
  type SuitabilityCheckKey,
} from "~/domain";
import { getTicketAssessment } from "./ticket.server";
import { changeTicket, transitionTicket, type Tx } from "./workflow.server";
import { uploadedDocuments } from "./ticket-context.server";
import { discardSavedFile, recordStoredFile, saveUpload, type SavedFile } from "./files.server";
import { latestQuote, type StepInput } from "./monitor-steps.server";
import { refreshAgreementDraft } from "./agreement.server";
import { endExpertAssignments } from "./assignment.server";

// ─── 배정 ────────────────────────────────────────────────────────────────────

/** The expert assigned for `role` (the open assignment first, else the latest): the organisation and the person named. */
async function assignedExpert(ticketId: string, role: ExpertRole) {
  const assignment = await prisma.ticketAssignment.findFirst({
    where: { ticketId, role },
    orderBy: [{ endedAt: { sort: "desc", nulls: "first" } }, { assignedAt: "desc" }],
    select: { organizationId: true, userId: true, endedAt: true },
  });
  if (!assignment) return null;
  const [organization, person] = await Promise.all([
    prisma.organization.findUnique({ where: { id: assignment.organizationId }, select: { name: true } }),
    assignment.userId ? prisma.user.findUnique({ where: { id: assignment.userId }, select: { name: true } }) : null,
  ]);
  return { organization: organization?.name ?? "", person: person?.name ?? null, open: assignment.endedAt === null };
}

/** People's names by id (who submitted, who confirmed). */
async function namesOf(ids: readonly (string | null | undefined)[]): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return {};
  const users = await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return Object.fromEntries(users.map((u) => [u.id, u.name]));
}

/** The reason of a sending back, required and trimmed. */
function returnReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new DomainError("reason_required", "보완 요청 사유를 입력해 주세요.");
  return trimmed;
}

// ─── 현장평가 ────────────────────────────────────────────────────────────────

export type SheetInput = {
  evaluatorName: string;
  evaluatedOn: IsoDate;
  note: string | null;
  grades: Partial<Record<GradedItemKey, Grade>>;
  checks: Partial<Record<SuitabilityCheckKey, boolean>>;
};

/** The audit action of a sheet sent back to the evaluator (a change, not a state-machine step). */
export const EVALUATION_RETURN_ACTION = "evaluation.return";

/** The latest sending back of the sheet, with its reason. */
async function lastEvaluationReturn(ticketId: string) {
  const event = await prisma.auditEvent.findFirst({
    where: { ticketId, action: EVALUATION_RETURN_ACTION },
    orderBy: { seq: "desc" },
    select: { data: true, createdAt: true },
  });
  if (!event) return null;
  const data = event.data ? (JSON.parse(event.data) as { reason?: unknown }) : {};
  return { reason: typeof data.reason === "string" ? data.reason : "", at: event.createdAt.toISOString() };
}

export async function getEvaluationData(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const { facts, params } = assessment;
  // the basis as the rules read it: as submitted (ADR 018), so the sheet matches the score
  const submittedBasis = assessment.applicant.eligibilityBasis;
  const basis = submittedBasis && isEligibilityBasis(submittedBasis) ? submittedBasis : null;
  const ev = facts.evaluation;
  const [evaluator, names, returned] = await Promise.all([
    assignedExpert(ticketId, "evaluator"),
    namesOf([ev?.submittedById, ev?.confirmedById]),
    ev && !ev.submittedAt ? lastEvaluationReturn(ticketId) : null,
  ]);
  return {
    basis,
    applicable: basis ? applicableChecks(basis) : [],
    bonusEligible: bonusEligible(uploadedDocuments(facts.documents)),
    promisingSmeCertified: facts.manufacturer.promisingSmeCertified,
    params,
    version: facts.version,
    actions: assessment.actions,
    role: actor.role,
    evaluator,
    // the sheet's evaluator by default: the person the TP assigned, else the evaluator filling it in
    defaultEvaluatorName: evaluator?.person ?? (actor.role === "evaluator" ? actor.name : ""),
    returned,
    sheet: ev
      ? {
          evaluatorName: ev.evaluatorName,
          evaluatedOn: ev.evaluatedOn,
          note: ev.note,
          submittedAt: ev.submittedAt ? ev.submittedAt.toISOString() : null,
          submittedByRole: ev.submittedByRole,
          submittedByName: ev.submittedById ? (names[ev.submittedById] ?? null) : null,
          confirmedAt: ev.confirmedAt ? ev.confirmedAt.toISOString() : null,
          confirmedByName: ev.confirmedById ? (names[ev.confirmedById] ?? null) : null,
          totalScore: ev.totalScore,
          passed: ev.passed,
          bonusPoints: ev.bonusPoints,
          grades: Object.fromEntries(ev.scores.map((s) => [s.itemKey, s.grade])) as Record<string, string>,
          checks: Object.fromEntries(ev.checks.map((c) => [c.checkKey, c.holds])) as Record<string, boolean>,
        }
      : null,
  };
}

async function writeSheet(tx: Tx, actor: Actor, ticketId: string, sheet: SheetInput) {
  const existing = await tx.siteEvaluation.findUnique({ where: { ticketId }, select: { id: true, submittedAt: true } });
  if (existing?.submittedAt) {
    throw new DomainError("evaluation_locked", "제출된 현장평가표는 수정할 수 없습니다.");
  }
  const base = { evaluatorName: sheet.evaluatorName, evaluatedOn: sheet.evaluatedOn, note: sheet.note, enteredById: actor.userId };
  const evaluation = existing
    ? await tx.siteEvaluation.update({ where: { id: existing.id }, data: { ...base, version: { increment: 1 } }, select: { id: true } })
    : await tx.siteEvaluation.create({ data: { ticketId, ...base }, select: { id: true } });
  await tx.siteEvaluationScore.deleteMany({ where: { evaluationId: evaluation.id } });
  await tx.siteEvaluationCheck.deleteMany({ where: { evaluationId: evaluation.id } });
  const grades = GRADED_ITEM_KEYS.flatMap((key) => (sheet.grades[key] ? [{ key, grade: sheet.grades[key]! }] : []));
  if (grades.length) {
    // points are stored for reports; the rule (GRADED_ITEMS) is applied again on every read
    await tx.siteEvaluationScore.createMany({
      data: grades.map((g) => ({ evaluationId: evaluation.id, itemKey: g.key, grade: g.grade, points: gradePoints(g.key, g.grade) })),
    });
  }
  const checks = SUITABILITY_CHECK_KEYS.flatMap((key) => (sheet.checks[key] === undefined ? [] : [{ key, holds: sheet.checks[key]! }]));
  if (checks.length) {
    await tx.siteEvaluationCheck.createMany({ data: checks.map((c) => ({ evaluationId: evaluation.id, checkKey: c.key, holds: c.holds })) });
  }
}

/** Saves the sheet as a draft (the ticket stays in 현장평가), by the evaluator or the TP; refused once submitted. */
export async function saveEvaluationDraft(actor: Actor, input: StepInput & { sheet: SheetInput }) {
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "evaluation.save",
    expectedVersion: input.expectedVersion,
    roles: ["monitor", "evaluator"],
    states: ["site_evaluation"],
    stateMessage: "현장평가 단계에서만 평가표를 작성할 수 있습니다.",
    apply: async (tx) => {
      await writeSheet(tx, actor, input.ticketId, input.sheet);
      return { summary: `현장평가표를 임시 저장했습니다 (평가자 ${input.sheet.evaluatorName}).` };
    },
  });
}

/**
 * Writes the sheet and submits it (guard: complete); locks it with the score. The TP's own sheet stands
 * confirmed at once (and closes the evaluator's step); the evaluator's waits for the TP (confirmEvaluation).
 */
export async function submitEvaluation(actor: Actor, input: StepInput & { sheet: SheetInput }) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "submit_evaluation",
    expectedVersion: input.expectedVersion,
    today: input.today,
    prepare: async (tx) => writeSheet(tx, actor, input.ticketId, input.sheet),
    apply: async (tx, _facts, _next, assessment) => {
      const ev = assessment.evaluation;
      if (!ev || !ev.complete) throw new DomainError("evaluation_incomplete", "현장평가표가 완성되지 않았습니다.");
      const now = new Date();
      const byTp = actor.role === "monitor";
      await tx.siteEvaluation.update({
        where: { ticketId: input.ticketId },
        data: {
          submittedAt: now,
          submittedById: actor.userId,
          submittedByRole: actor.role,
          ...(byTp ? { confirmedAt: now, confirmedById: actor.userId } : {}),
          totalScore: ev.total,
          passed: ev.passed,
          bonusPoints: ev.bonus,
          version: { increment: 1 },
        },
      });
      if (byTp) await endExpertAssignments(tx, input.ticketId, "evaluator", "step_closed");
      const result = `${ev.total}점, ${ev.resultLabel}${ev.passed ? "" : " (선정 기준 미충족)"}`;
      return {
        summary: byTp
          ? `현장평가 결과를 제출했습니다: ${result}.`
          : `외부전문가가 현장평가 결과를 제출했습니다: ${result}. 운영기관의 확인을 기다립니다.`,
        data: { total: ev.total, passed: ev.passed, bonus: ev.bonus, byRole: actor.role },
      };
    },
  });
}

/** 평가표 확인: the TP stands behind the evaluator's sheet; selection may read it now, and the evaluator's step ends. */
export async function confirmEvaluation(actor: Actor, input: StepInput) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "confirm_evaluation",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      const ev = facts.evaluation;
      // the guard (evaluationAwaitingConfirmation) already refused a missing or confirmed sheet
      if (!ev) throw new DomainError("no_evaluation", "확인할 외부전문가 평가표가 없습니다.");
      await tx.siteEvaluation.update({
        where: { id: ev.id },
        data: { confirmedAt: new Date(), confirmedById: actor.userId, version: { increment: 1 } },
      });
      await endExpertAssignments(tx, facts.id, "evaluator", "step_closed");
      return {
        summary: `외부전문가의 현장평가표(평가위원 ${ev.evaluatorName}, ${ev.totalScore}점, ${ev.passed ? "적합" : "부적합"})를 확인했습니다.`,
        data: { total: ev.totalScore, passed: ev.passed },
      };
    },
  });
}

/** 평가표 보완 요청: the evaluator's submitted sheet goes back to it, unlocked, with the TP's reason. */
export async function returnEvaluation(actor: Actor, input: StepInput & { reason: string }) {
  const reason = returnReason(input.reason);
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: EVALUATION_RETURN_ACTION,
    expectedVersion: input.expectedVersion,
    roles: ["monitor"],
    states: ["site_evaluation"],
    stateMessage: "현장평가 단계에서만 평가표의 보완을 요청할 수 있습니다.",
    apply: async (tx, facts) => {
      const ev = facts.evaluation;
      if (!ev?.submittedAt || ev.confirmedAt) {
        throw new DomainError(
          "evaluation_not_awaiting",
          "보완을 요청할 평가표가 없습니다. 외부전문가가 제출하여 확인을 기다리는 평가표만 되돌릴 수 있습니다.",
        );
      }
      await tx.siteEvaluation.update({
        where: { id: ev.id },
        data: {
          submittedAt: null,
          submittedById: null,
          submittedByRole: null,
          totalScore: 0,
          passed: false,
          bonusPoints: 0,
          version: { increment: 1 },
        },
      });
      return {
        summary: `외부전문가의 현장평가표에 보완을 요청했습니다. 사유: ${reason}`,
        data: { reason },
        turn: { role: "evaluator", next: "운영기관의 보완 요청 사유를 확인하고 현장평가표를 고쳐 다시 제출하세요." },
      };
    },
  });
}

// ─── 원가적정성 검토 ─────────────────────────────────────────────────────────

const REVIEW_SELECT = {
  id: true,
  quoteTotal: true,
  verifiedAmount: true,
  resultOn: true,
  planChangeRequired: true,
  revisionDueOn: true,
  note: true,
  createdAt: true,
  status: true,
  reviewerRole: true,
  reportFileId: true,
  decisionNote: true,
  confirmedAt: true,
} as const;

export async function getCostReviewData(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const [quote, reviews, agency] = await Promise.all([
    latestQuote(ticketId),
    prisma.costReview.findMany({ where: { ticketId }, orderBy: { createdAt: "desc" }, select: REVIEW_SELECT }),
    assignedExpert(ticketId, "cost_agency"),
  ]);
  const reportIds = reviews.flatMap((r) => (r.reportFileId ? [r.reportFileId] : []));
  const reports = reportIds.length
    ? await prisma.storedFile.findMany({ where: { id: { in: reportIds } }, select: { id: true, originalName: true } })
    : [];
  const rows = reviews.map((r) => ({ ...r, report: reports.find((f) => f.id === r.reportFileId) ?? null }));
  const latest = rows[0] ?? null;
  // the ticket's figures come from a review that counts (confirmed); an agency's review awaiting the TP does not move them
  const confirmed = latest?.status === "confirmed" ? latest : null;
  const amountsOf = (review: { quoteTotal: number; verifiedAmount: number } | null) =>
    quote
      ? agreementAmounts({ quoteTotal: review?.quoteTotal ?? quote.total, verifiedAmount: review?.verifiedAmount ?? null }, assessment.params)
      : null;
  const awaiting = latest?.status === "submitted" ? latest : null;
  return {
    params: assessment.params,
    role: actor.role,
    agency,
    quote,
    reviews: rows,
    confirmed,
    awaiting,
    returned: latest?.status === "returned" ? latest : null,
    amounts: amountsOf(confirmed),
    awaitingAmounts: awaiting ? amountsOf(awaiting) : null,
    actions: assessment.actions,
    version: assessment.facts.version,
  };
}

export type CostReviewInput = StepInput & {
  verifiedAmount: number;
  lineAmounts: Record<string, number>;
  note: string | null;
  resultOn: IsoDate;
  planChangeRequired: boolean;
  /** the agency's report (원가계산 결과 보고서), saved by saveUpload; required of the agency */
  report?: SavedFile | null;
};

/**
 * A review takes effect (the TP's own at once, the agency's when the TP confirms it): confirmed, the
 * supplier's deadline for a revised plan set when a change is required (counted from this day: the day
 * the supplier learns of it), and the agency's step closed.
 */
async function reviewTakesEffect(
  tx: Tx,
  actor: Actor,
  review: { id: string; ticketId: string; quoteTotal: number; verifiedAmount: number; resultOn: string; planChangeRequired: boolean },
  today: IsoDate,
  params: ProgramParams,
) {
  const revisionDueOn = review.planChangeRequired ? planChangeDueDate(today, params, review.resultOn as IsoDate) : null;
  await tx.costReview.update({
    where: { id: review.id },
    data: { status: "confirmed", confirmedAt: new Date(), confirmedById: actor.userId, revisionDueOn },
  });
  await endExpertAssignments(tx, review.ticketId, "cost_agency", "step_closed");
  // a draft agreement made on an earlier review is redrawn with these figures, and its consents cleared (ADR 031)
  const redrawn = await refreshAgreementDraft(tx, actor, review.ticketId, params);
  const amounts = agreementAmounts({ quoteTotal: review.quoteTotal, verifiedAmount: review.verifiedAmount }, params);
  return {
    sentence:
      `견적 ${formatKRW(review.quoteTotal)} → 원가검증 ${formatKRW(review.verifiedAmount)} (${describeAmounts(amounts)}).` +
      (revisionDueOn ? ` 수행계획서 변경이 필요합니다 (제출기한 ${formatKoreanDate(revisionDueOn)}).` : "") +
      redrawn,
    ticketPatch: revisionDueOn ? { revisionDueOn } : undefined,
    data: { verifiedAmount: review.verifiedAmount, planChangeRequired: review.planChangeRequired, revisionDueOn },
  };
}

/**
 * 원가적정성 검토 결과 입력: by the agency (with its report; it then awaits the TP) or by the TP (in
 * effect at once). The per-line amounts are written on the quote's lines: a review replaces the previous
 * one line by line (a line left blank is not verified, it never keeps an earlier review's amount).
 */
export async function recordCostReview(actor: Actor, input: CostReviewInput) {
  const byAgency = actor.role === "cost_agency";
  if (byAgency && !input.report) throw new DomainError("report_required", "원가계산 결과 보고서(PDF 또는 이미지 파일)를 첨부해 주세요.");
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "record_cost_review",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts, _next, assessment) => {
      const quote = await tx.quote.findFirst({
        where: { ticketId: facts.id },
        orderBy: { version: "desc" },
        select: { id: true, total: true, lines: { orderBy: { sortOrder: "asc" }, select: { id: true } } },
      });
      if (!quote) throw new DomainError("no_quote", "공급기업의 견적이 없어 원가적정성 검토 결과를 입력할 수 없습니다.");
      const lines = verifiedLineAmounts(
        quote.lines.map((l) => l.id),
        input.lineAmounts,
        input.verifiedAmount,
      );
      await tx.quoteLine.updateMany({ where: { quoteId: quote.id }, data: { verifiedAmount: null } });
      for (const line of lines) await tx.quoteLine.update({ where: { id: line.lineId }, data: { verifiedAmount: line.amount } });
      const report = input.report ? await recordStoredFile(tx, actor, input.report) : null;
      const review = await tx.costReview.create({
        data: {
          ticketId: facts.id,
          quoteId: quote.id,
          quoteTotal: quote.total,
          verifiedAmount: input.verifiedAmount,
          resultOn: input.resultOn,
          planChangeRequired: input.planChangeRequired,
          note: input.note,
          reviewerId: actor.userId,
          reviewerRole: actor.role,
          status: "submitted",
          reportFileId: report?.id ?? null,
        },
        select: { id: true, ticketId: true, quoteTotal: true, verifiedAmount: true, resultOn: true, planChangeRequired: true },
      });
      if (byAgency) {
        return {
          summary: `원가계산기관이 원가적정성 검토 결과를 제출했습니다: 견적 ${formatKRW(quote.total)} → 원가검증 ${formatKRW(input.verifiedAmount)}. 운영기관의 확인을 기다립니다.`,
          data: { verifiedAmount: input.verifiedAmount, planChangeRequired: input.planChangeRequired, byRole: actor.role },
        };
      }
      const effect = await reviewTakesEffect(tx, actor, review, input.today, assessment.params);
      return { summary: `원가적정성 검토 결과를 입력했습니다: ${effect.sentence}`, ticketPatch: effect.ticketPatch, data: effect.data };
    },
  });
}

/** The agency's report must be a PDF or an image (the upload checks know the kind by content). */
const REPORT_TYPES: readonly string[] = ["application/pdf", "image/jpeg", "image/png"];

/** Checks and stores the agency's report (one file), then records the review; a refused review removes the file again. */
export async function recordCostReviewWithUpload(actor: Actor, input: Omit<CostReviewInput, "report"> & { upload: File | null }) {
  const { upload, ...rest } = input;
  let saved: SavedFile | null = null;
  try {
    saved = upload ? await saveUpload(upload) : null;
    if (saved && !REPORT_TYPES.includes(saved.mimeType)) {
      throw new DomainError("report_type", "원가계산 결과 보고서는 PDF 또는 이미지(JPG, PNG) 파일만 올릴 수 있습니다.");
    }
    return await recordCostReview(actor, { ...rest, report: saved });
  } catch (error) {
    await discardSavedFile(saved);
    throw error;
  }
}

/** The agency's review awaiting the TP (the guards already refused when there is none). */
async function awaitingReview(tx: Tx, ticketId: string) {
  const review = await tx.costReview.findFirst({
    where: { ticketId },
    orderBy: { createdAt: "desc" },
    select: { id: true, ticketId: true, status: true, quoteTotal: true, verifiedAmount: true, resultOn: true, planChangeRequired: true },
  });
  if (review?.status !== "submitted") throw new DomainError("no_cost_review_awaiting", "확인할 원가계산기관의 검토 결과가 없습니다.");
  return review;
}

/** 원가계산 결과 확인: the agency's review takes effect (as the TP's own would), and the agency's step ends. */
export async function confirmCostReview(actor: Actor, input: StepInput) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "confirm_cost_review",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts, _next, assessment) => {
      const review = await awaitingReview(tx, facts.id);
      const effect = await reviewTakesEffect(tx, actor, review, input.today, assessment.params);
      return {
        summary: `원가계산기관의 원가적정성 검토 결과를 확인했습니다: ${effect.sentence}`,
        ticketPatch: effect.ticketPatch,
        data: effect.data,
      };
    },
  });
}

/** 원가계산 결과 보완 요청: the agency's review is returned with the TP's reason; the agency enters a new one. */
export async function returnCostReview(actor: Actor, input: StepInput & { reason: string }) {
  const reason = returnReason(input.reason);
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "return_cost_review",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      const review = await awaitingReview(tx, facts.id);
      await tx.costReview.update({ where: { id: review.id }, data: { status: "returned", decisionNote: reason } });
      return { summary: `원가계산기관의 원가적정성 검토 결과에 보완을 요청했습니다. 사유: ${reason}`, data: { reason } };
    },
  });
}
