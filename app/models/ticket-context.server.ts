// Gathers, from the database, what the rules module's guards need to know
// about one ticket (TicketContext). Used both to draw the buttons and, inside
// the transaction, to refuse or allow a step. No rule is decided here.
import type { Prisma } from "~/generated/prisma/client";
import {
  CAPACITY_STATES,
  CHANGE_STATES,
  shareStatus,
  UNCONFIRMED_WORK_LOG_STATUSES,
  bonusEligible,
  checkEligibility,
  checklist,
  expectedSubsidy,
  isDocumentKind,
  isGrade,
  isGradedItemKey,
  isSuitabilityCheckKey,
  scoreEvaluation,
  seoulDate,
  type Checklist,
  type EligibilityBasis,
  type EligibilityResult,
  type EvaluationResult,
  type Grade,
  type GradedItemKey,
  type IsoDate,
  type ProgramParams,
  type SubmittedCompany,
  type SuitabilityCheckKey,
  type TicketContext,
  type UploadedDocument,
} from "~/domain";
import { prisma } from "~/db.server";
import { paramsOf } from "./program.server";
import { applicationFacts } from "./submitted-facts.server";
import { cachedAggregate } from "./aggregate-cache.server";

type Db = Prisma.TransactionClient;

export const TICKET_FACTS_INCLUDE = {
  program: true,
  manufacturer: true,
  supplier: { select: { id: true, businessNumber: true, name: true } },
  documents: { select: { kind: true, issuedOn: true, fiscalYear: true, attachedAtApplication: true } },
  evaluation: { include: { scores: true, checks: true } },
  plans: { orderBy: { version: "desc" }, take: 1, select: { version: true, reviewStatus: true, submittedAt: true } },
  costReviews: {
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { planChangeRequired: true, createdAt: true, verifiedAmount: true, status: true },
  },
  agreement: { select: { extensionMonths: true, companyShare: true, payeeAccount: true } },
  extensions: { where: { status: { in: ["pending", "proposed"] } }, select: { months: true, status: true } },
} satisfies Prisma.TicketInclude;

export type TicketFacts = Prisma.TicketGetPayload<{ include: typeof TICKET_FACTS_INCLUDE }>;

export function uploadedDocuments(docs: TicketFacts["documents"]): UploadedDocument[] {
  return docs.flatMap((d) =>
    isDocumentKind(d.kind)
      ? [{ kind: d.kind, issuedOn: d.issuedOn, fiscalYear: d.fiscalYear, attachedAtApplication: d.attachedAtApplication }]
      : [],
  );
}

const NO_CONSENTS = { hasAgreementDraft: false, manufacturerConsented: false, supplierConsented: false };
const NO_MONEY = { shareDepositAwaiting: false, shareDepositConfirmed: false, payeeRecorded: false, paymentCount: 0 };
const NO_SETTLEMENT = { settlementReady: false, settlementSubmitted: false };

/**
 * The guards' facts of issue 16 beyond the ticket's own include: the agreement draft's consents, the company's
 * share and the payments, open changes, the settlement. Each is read only in the states whose steps ask for it
 * (0–3 statements), so the pages of the other states pay nothing for them.
 */
async function afterSelectionContext(db: Db, facts: TicketFacts) {
  const state = facts.state;
  const [draft, money, changes, settlement] = await Promise.all([
    state === "cost_review"
      ? db.agreementDraft.findUnique({
          where: { ticketId: facts.id },
          select: { consents: { where: { clearedAt: null }, select: { party: true } } },
        })
      : null,
    state === "agreed"
      ? Promise.all([
          db.shareDeposit.findMany({
            where: { ticketId: facts.id, status: { in: ["submitted", "confirmed"] } },
            select: { status: true, amount: true },
          }),
          db.payment.findMany({ where: { ticketId: facts.id }, select: { id: true } }),
        ])
      : null,
    (CHANGE_STATES as readonly string[]).includes(state)
      ? db.changeRequest.findMany({
          where: { ticketId: facts.id, status: { in: ["awaiting_counterpart", "pending"] } },
          select: { status: true },
        })
      : [],
    state === "settlement"
      ? db.settlement.findUnique({
          where: { ticketId: facts.id },
          select: { status: true, actualCost: true, evidence: { select: { id: true }, take: 1 } },
        })
      : null,
  ]);
  const consented = new Set(draft?.consents.map((c) => c.party) ?? []);
  const [deposits, payments] = money ?? [[], []];
  const confirmedAmounts = deposits.filter((d) => d.status === "confirmed").map((d) => d.amount);
  return {
    evaluationAwaitingConfirmation: Boolean(facts.evaluation?.submittedAt && !facts.evaluation.confirmedAt),
    costReviewAwaitingConfirmation: facts.costReviews[0]?.status === "submitted",
    ...(draft
      ? { hasAgreementDraft: true, manufacturerConsented: consented.has("manufacturer"), supplierConsented: consented.has("supplier") }
      : NO_CONSENTS),
    ...(money
      ? {
          shareDepositAwaiting: deposits.some((d) => d.status === "submitted"),
          shareDepositConfirmed: facts.agreement !== null && shareStatus(facts.agreement.companyShare, confirmedAmounts).covered,
          payeeRecorded: Boolean(facts.agreement?.payeeAccount),
          paymentCount: payments.length,
        }
      : NO_MONEY),
    extensionAwaitingCounterpart: facts.extensions.some((e) => e.status === "proposed"),
    changeAwaitingCounterpart: changes.some((c) => c.status === "awaiting_counterpart"),
    changeAwaitingTp: changes.some((c) => c.status === "pending"),
    ...(settlement
      ? {
          settlementReady: settlement.actualCost !== null && settlement.evidence.length > 0,
          settlementSubmitted: settlement.status === "submitted",
        }
      : NO_SETTLEMENT),
  } satisfies Partial<TicketContext>;
}

/** The site evaluation's score so far; `basis` is the applicant's, as the rules read it (applicationFacts). */
export function evaluationOf(facts: TicketFacts, basis: EligibilityBasis | null, params: ProgramParams): EvaluationResult | null {
  if (!facts.evaluation || !basis) return null;
  const grades: Partial<Record<GradedItemKey, Grade>> = {};
  for (const s of facts.evaluation.scores) if (isGradedItemKey(s.itemKey) && isGrade(s.grade)) grades[s.itemKey] = s.grade;
  const checks: Partial<Record<SuitabilityCheckKey, boolean>> = {};
  for (const c of facts.evaluation.checks) if (isSuitabilityCheckKey(c.checkKey)) checks[c.checkKey] = c.holds;
  return scoreEvaluation(
    { basis, grades, checks, certificateAttachedAtApplication: bonusEligible(uploadedDocuments(facts.documents)) },
    params,
    "partial",
  );
}

export type TicketAssessment = {
  params: Required<ProgramParams>;
  /** The applicant as the rules read it: as submitted once submitted (applicationFacts, ADR 018). */
  applicant: SubmittedCompany;
  eligibility: EligibilityResult;
  checklist: Checklist;
  evaluation: EvaluationResult | null;
  context: TicketContext;
};

/**
 * What a program's tickets in CAPACITY_STATES hold: places, the agreed subsidy of the signed ones
 * and, for the others, how many tickets there are per quote total (their reservation is
 * expectedSubsidy(quoteTotal), computed with the program's parameters). Aggregates, not rows: the
 * cost does not grow with the program's size.
 */
export type ProgramHolding = { count: number; agreedSubsidy: number; unagreed: { quoteTotal: number | null; count: number }[] };

export async function programHolding(db: Db, programId: string): Promise<ProgramHolding> {
  const holding = { programId, state: { in: [...CAPACITY_STATES] } };
  const [count, agreed, unagreed] = await Promise.all([
    db.ticket.count({ where: holding }),
    db.ticket.aggregate({ where: { ...holding, subsidy: { not: null } }, _sum: { subsidy: true } }),
    db.ticket.groupBy({ by: ["quoteTotal"], where: { ...holding, subsidy: null }, _count: { _all: true } }),
  ]);
  return { count, agreedSubsidy: agreed._sum.subsidy ?? 0, unagreed: unagreed.map((g) => ({ quoteTotal: g.quoteTotal, count: g._count._all })) };
}

/**
 * The program's holding for reading paths (the dashboard gauge, the ticket page's buttons): one
 * cache entry per program, emptied by every committed change (ADR 008). Guards inside a
 * transaction call programHolding(tx, …) instead.
 */
export function cachedProgramHolding(programId: string): Promise<ProgramHolding> {
  return cachedAggregate(`holding|${programId}`, () => programHolding(prisma, programId));
}

/** The subsidy a holding commits: agreed amounts plus the reservation of unsigned tickets. */
export function committedSubsidyOf(holding: ProgramHolding, params: ProgramParams): number {
  return holding.agreedSubsidy + holding.unagreed.reduce((sum, g) => sum + expectedSubsidy(g.quoteTotal, params) * g.count, 0);
}

/**
 * The application's side of the assessment, without a query: eligibility and the document checklist
 * (the submit button's guards; the to-do of a draft counts their findings).
 */
export function assessApplication(facts: TicketFacts, today: IsoDate) {
  const params = paramsOf(facts.program);
  // the application as submitted (its latest submission), not the profile edited since: ADR 018
  const { applicant, supplier } = applicationFacts(facts);
  const eligibility = checkEligibility(applicant, supplier, today, params);
  const applicationDate = facts.submittedAt && facts.state !== "draft" ? seoulDate(facts.submittedAt) : today;
  const docs = checklist(applicant.eligibilityBasis, uploadedDocuments(facts.documents), applicationDate, params);
  return { params, applicant, eligibility, docs };
}

/**
 * Everything the rules say about this ticket today. The applicant's facts are the ones captured
 * at the latest submission once submitted (applicationFacts), else the current profile.
 * `applicationDate` for the document checklist is the submission date once submitted, else today.
 * `holding` is the program's holding when the caller has it (the read path passes the cached
 * one, docs/decisions/008); inside a transaction it is read fresh, so a guard never decides on a
 * stale figure.
 */
export async function assessTicket(db: Db, facts: TicketFacts, today: IsoDate, holding?: ProgramHolding): Promise<TicketAssessment> {
  const { params, applicant, eligibility, docs } = assessApplication(facts, today);
  const evaluation = evaluationOf(facts, applicant.eligibilityBasis, params);

  // Capacity and budget: the program's *other* tickets that hold a place, i.e. the program's
  // holding minus this ticket's own share when it holds one.
  const program = holding ?? (await programHolding(db, facts.programId));
  const holdsPlace = (CAPACITY_STATES as readonly string[]).includes(facts.state);
  const selectedCount = program.count - (holdsPlace ? 1 : 0);
  const committedSubsidy = committedSubsidyOf(program, params) - (holdsPlace ? (facts.subsidy ?? expectedSubsidy(facts.quoteTotal, params)) : 0);

  const unconfirmedWorkLogs = await db.workLog.count({ where: { ticketId: facts.id, status: { in: [...UNCONFIRMED_WORK_LOG_STATUSES] } } });
  const latestPlan = facts.plans[0];
  const latestReview = facts.costReviews[0];
  const context: TicketContext = {
    eligible: eligibility.eligible,
    checklistComplete: docs.complete,
    evaluationComplete: Boolean(evaluation?.complete),
    // selection reads a sheet the TP stands behind: submitted by the TP, or by the evaluator and confirmed
    evaluationPassed: Boolean(facts.evaluation?.submittedAt && facts.evaluation.confirmedAt && evaluation?.passed),
    selectedCount,
    committedSubsidy,
    ticketSubsidy: expectedSubsidy(facts.quoteTotal, params),
    planAttached: Boolean(latestPlan && latestPlan.reviewStatus === "pending"),
    hasCostReview: latestReview?.status === "confirmed",
    planChangeRequired: Boolean(latestReview?.planChangeRequired && !(latestPlan && latestPlan.submittedAt > latestReview.createdAt)),
    hasAgreement: Boolean(facts.agreement),
    unconfirmedWorkLogs,
    monthsExtended: facts.agreement?.extensionMonths ?? 0,
    requestedMonths: 1,
    pendingExtensionMonths: facts.extensions.find((e) => e.status === "pending")?.months ?? 0,
    ...(await afterSelectionContext(db, facts)),
  };
  return { params, applicant, eligibility, checklist: docs, evaluation, context };
}
