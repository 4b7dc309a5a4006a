// Whose turn (issue 15): the facts app/domain/pending.ts needs, read for one ticket or many in a few
// bounded queries, and the two views every page uses — one ticket's pending actions (the header's
// "다음 조치", the overview's "할 일") and the actor's own to-do across its tickets (each role's home, the
// supplier's inbox, the monitor's dashboard). The rule itself lives in the domain; nothing here decides
// who acts.
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  CHANGE_STATES,
  CLOSED_STATES,
  ROLE_LABELS,
  isCompanyRole,
  closedLabel,
  isRole,
  isTicketState,
  nextParties,
  pendingActions,
  pendingFor,
  seoulDate,
  shareStatus,
  sortByUrgency,
  waitingOn,
  type IsoDate,
  type PendingAction,
  type PendingFacts,
  type PendingItems,
  type Role,
  type TicketState,
  type TpTargets,
} from "~/domain";
import { ticketScope } from "./ticket.server";
import { TICKET_FACTS_INCLUDE, assessApplication } from "./ticket-context.server";
import { requestMemo } from "~/utils/request-memo.server";
import { cachedAggregate } from "./aggregate-cache.server";

/** The program's service-target columns (TpTargets), for every reader of the targets. */
export const TP_TARGET_SELECT = {
  reviewTargetDays: true,
  evaluationTargetDays: true,
  planReviewTargetDays: true,
  paymentTargetDays: true,
  completionCheckTargetDays: true,
} satisfies Prisma.ProgramSelect;

const FACTS_SELECT = {
  id: true,
  state: true,
  stateChangedAt: true,
  submittedAt: true,
  planDueOn: true,
  revisionDueOn: true,
  windowEndOn: true,
  quoteTotal: true,
  program: { select: TP_TARGET_SELECT },
} satisfies Prisma.TicketSelect;

type FactsRow = Prisma.TicketGetPayload<{ select: typeof FACTS_SELECT }>;

export type TicketPendingFacts = { facts: PendingFacts; targets: TpTargets };

/** A group's count and oldest day out of a groupBy row. */
function itemsOf(count: number, oldest: Date | null): PendingItems | null {
  return count > 0 && oldest ? { count, oldestOn: seoulDate(oldest) } : null;
}

/**
 * The pending-actions facts of the given tickets, read in one query per kind of fact (never per ticket).
 * The caller has scoped `ids` to the actor (these are facts, not pages: no title, no company).
 */
export async function pendingFactsOf(ids: readonly string[], today: IsoDate = seoulDate(new Date())): Promise<Map<string, TicketPendingFacts>> {
  const result = new Map<string, TicketPendingFacts>();
  if (ids.length === 0) return result;
  const tickets = await prisma.ticket.findMany({ where: { id: { in: [...ids] } }, select: FACTS_SELECT });
  const inState = (states: readonly string[]) => tickets.filter((t) => states.includes(t.state)).map((t) => t.id);
  const drafts = inState(["draft"]);
  const evaluating = inState(["site_evaluation"]);
  const costing = inState(["cost_review"]);
  const working = inState(["in_progress"]);
  const open = tickets.filter((t) => !(CLOSED_STATES as readonly string[]).includes(t.state)).map((t) => t.id);
  const [after, problems, returned, evaluations, costReviews, plans, logs, extensions, questions] = await Promise.all([
    afterSelectionFacts(tickets),
    draftProblems(drafts, today),
    drafts.length
      ? prisma.requirementReview.findMany({
          where: { ticketId: { in: drafts }, result: "returned" },
          select: { ticketId: true },
          distinct: ["ticketId"],
        })
      : [],
    evaluating.length
      ? prisma.siteEvaluation.findMany({
          where: { ticketId: { in: evaluating }, submittedAt: { not: null } },
          select: { ticketId: true, confirmedAt: true },
        })
      : [],
    costing.length
      ? prisma.costReview.findMany({
          where: { ticketId: { in: costing } },
          orderBy: { createdAt: "desc" },
          select: { ticketId: true, planChangeRequired: true, createdAt: true, status: true },
        })
      : [],
    costing.length ? prisma.executionPlan.groupBy({ by: ["ticketId"], where: { ticketId: { in: costing } }, _max: { submittedAt: true } }) : [],
    working.length
      ? prisma.workLog.groupBy({
          by: ["ticketId", "status"],
          where: { ticketId: { in: working }, status: { in: ["submitted", "disputed"] } },
          _count: { _all: true },
          _min: { createdAt: true },
        })
      : [],
    working.length
      ? prisma.extensionRequest.groupBy({
          by: ["ticketId", "status", "requestedByRole"],
          where: { ticketId: { in: working }, status: { in: ["pending", "proposed"] } },
          _min: { requestedAt: true, counterpartAt: true },
        })
      : [],
    open.length
      ? prisma.ticketQuestion.groupBy({
          by: ["ticketId", "toRole"],
          where: { ticketId: { in: open }, status: "open" },
          _count: { _all: true },
          _min: { createdAt: true },
        })
      : [],
  ]);
  const returnedIds = new Set(returned.map((r) => r.ticketId));
  const evaluated = new Set(evaluations.map((e) => e.ticketId));
  const evaluationAwaiting = new Set(evaluations.filter((e) => e.confirmedAt === null).map((e) => e.ticketId));
  const latestReview = new Map<string, { planChangeRequired: boolean; createdAt: Date; status: string }>();
  for (const r of costReviews) if (!latestReview.has(r.ticketId)) latestReview.set(r.ticketId, r);
  const lastPlanAt = new Map(plans.map((p) => [p.ticketId, p._max.submittedAt]));
  const logsBy = new Map(logs.map((l) => [`${l.ticketId}|${l.status}`, itemsOf(l._count._all, l._min.createdAt)]));
  // a request reaches the TP when the other company confirms it (issue 16): the TP's wait counts from then
  const extensionBy = new Map(
    extensions.filter((e) => e.status === "pending").map((e) => [e.ticketId, e._min.counterpartAt ?? e._min.requestedAt]),
  );
  // a period change one company proposed, for the other to confirm (issue 16)
  const proposalBy = new Map<string, PendingFacts["extensionProposal"]>();
  for (const e of extensions) {
    if (e.status === "proposed" && e._min.requestedAt && isCompanyRole(e.requestedByRole)) {
      proposalBy.set(e.ticketId, { by: e.requestedByRole, on: seoulDate(e._min.requestedAt) });
    }
  }
  const questionsBy = new Map<string, Partial<Record<Role, PendingItems>>>();
  for (const q of questions) {
    const items = itemsOf(q._count._all, q._min.createdAt);
    if (!items || !isRole(q.toRole)) continue;
    questionsBy.set(q.ticketId, { ...questionsBy.get(q.ticketId), [q.toRole]: items });
  }
  for (const t of tickets) {
    if (!isTicketState(t.state)) continue;
    const review = latestReview.get(t.id);
    const planAt = lastPlanAt.get(t.id);
    const requestedAt = extensionBy.get(t.id);
    const facts: PendingFacts = {
      state: t.state,
      stateChangedOn: seoulDate(t.stateChangedAt),
      submittedOn: t.submittedAt ? seoulDate(t.submittedAt) : null,
      planDueOn: t.planDueOn,
      revisionDueOn: t.revisionDueOn,
      windowEndOn: t.windowEndOn,
      hasQuote: t.quoteTotal !== null,
      returnedForCorrection: returnedIds.has(t.id),
      applicationProblems: problems.get(t.id) ?? 0,
      evaluationSubmitted: evaluated.has(t.id),
      evaluationAwaitingConfirmation: evaluationAwaiting.has(t.id),
      // only a result the TP stands behind counts (the agency's waits for its confirmation): the guard's rule
      hasCostReview: review?.status === "confirmed",
      costReviewAwaitingConfirmation: review?.status === "submitted",
      // the same rule as the agreement's guard (ticket-context.server.ts): a change asked for and no plan since
      planChangeRequired: Boolean(review?.planChangeRequired && !(planAt && planAt > review.createdAt)),
      logsToConfirm: logsBy.get(`${t.id}|submitted`) ?? null,
      logsDisputed: logsBy.get(`${t.id}|disputed`) ?? null,
      extensionRequestedOn: requestedAt ? seoulDate(requestedAt) : null,
      openQuestions: questionsBy.get(t.id) ?? {},
      ...NO_AFTER_SELECTION,
      ...after.get(t.id),
      extensionProposal: proposalBy.get(t.id) ?? null,
    };
    result.set(t.id, { facts, targets: targetsOf(t) });
  }
  return result;
}

type MoneyRow = {
  ticketId: string;
  companyShare: number;
  payeeAccount: string | null;
  confirmed: number | bigint;
  awaiting: number | bigint;
  payments: number | bigint;
};

/** The agreed tickets' share deposits and payments, in one statement (three small child tables read by ticket id). */
function moneyFacts(ids: readonly string[]): Promise<MoneyRow[]> {
  return prisma.$queryRaw<MoneyRow[]>`
    SELECT a."ticketId", a."companyShare", a."payeeAccount",
      (SELECT COALESCE(SUM(d."amount"), 0) FROM "ShareDeposit" d WHERE d."ticketId" = a."ticketId" AND d."status" = 'confirmed') AS "confirmed",
      (SELECT COUNT(*) FROM "ShareDeposit" d WHERE d."ticketId" = a."ticketId" AND d."status" = 'submitted') AS "awaiting",
      (SELECT COUNT(*) FROM "Payment" p WHERE p."ticketId" = a."ticketId") AS "payments"
    FROM "Agreement" a WHERE a."ticketId" IN (${Prisma.join([...ids])})`;
}

type AfterSelection = Pick<
  PendingFacts,
  | "evaluator"
  | "costAgency"
  | "agreementDraft"
  | "shareDeposit"
  | "payeeRecorded"
  | "paymentCount"
  | "settlementSubmitted"
  | "extensionProposal"
  | "changeRequest"
>;

const NO_AFTER_SELECTION: AfterSelection = {
  evaluator: null,
  costAgency: null,
  agreementDraft: null,
  shareDeposit: "none",
  payeeRecorded: false,
  paymentCount: 0,
  settlementSubmitted: false,
  extensionProposal: null,
  changeRequest: null,
};

/**
 * The facts of issue 16 (experts' assignments, the agreement's consents, the company's share and the payments,
 * the settlement, proposed changes), one statement per kind, each only for the tickets in the states that read it.
 */
async function afterSelectionFacts(tickets: readonly { id: string; state: string }[]): Promise<Map<string, Partial<AfterSelection>>> {
  const inState = (states: readonly string[]) => tickets.filter((t) => states.includes(t.state)).map((t) => t.id);
  const experts = inState(["site_evaluation", "cost_review"]);
  const costing = inState(["cost_review"]);
  const agreed = inState(["agreed"]);
  const settling = inState(["settlement"]);
  const changing = inState(CHANGE_STATES);
  const [assignments, drafts, money, settlements, changes] = await Promise.all([
    experts.length
      ? prisma.ticketAssignment.findMany({
          where: { ticketId: { in: experts }, endedAt: null },
          select: { ticketId: true, role: true, assignedAt: true, conflictDeclaredAt: true },
        })
      : [],
    costing.length
      ? prisma.agreementDraft.findMany({
          where: { ticketId: { in: costing } },
          select: { ticketId: true, preparedAt: true, consents: { where: { clearedAt: null }, select: { party: true } } },
        })
      : [],
    agreed.length ? moneyFacts(agreed) : [],
    settling.length ? prisma.settlement.findMany({ where: { ticketId: { in: settling } }, select: { ticketId: true, status: true } }) : [],
    changing.length
      ? prisma.changeRequest.findMany({
          where: { ticketId: { in: changing }, status: { in: ["awaiting_counterpart", "pending"] } },
          select: { ticketId: true, requestedByRole: true, requestedAt: true, counterpartAt: true, status: true },
        })
      : [],
  ]);
  const out = new Map<string, Partial<AfterSelection>>();
  const put = (id: string, patch: Partial<AfterSelection>) => out.set(id, { ...out.get(id), ...patch });
  for (const a of assignments) {
    const expert = { since: seoulDate(a.assignedAt), declared: a.conflictDeclaredAt !== null };
    put(a.ticketId, a.role === "evaluator" ? { evaluator: expert } : { costAgency: expert });
  }
  for (const d of drafts) {
    const parties = new Set(d.consents.map((c) => c.party));
    put(d.ticketId, {
      agreementDraft: {
        preparedOn: seoulDate(d.preparedAt),
        manufacturerConsented: parties.has("manufacturer"),
        supplierConsented: parties.has("supplier"),
      },
    });
  }
  for (const m of money) {
    // the guards' reading (ticket-context.server.ts): confirmed deposits covering the share
    const confirmed = shareStatus(m.companyShare, [Number(m.confirmed)]).covered;
    put(m.ticketId, {
      shareDeposit: confirmed ? "confirmed" : Number(m.awaiting) > 0 ? "awaiting" : "none",
      payeeRecorded: Boolean(m.payeeAccount),
      paymentCount: Number(m.payments),
    });
  }
  for (const s of settlements) put(s.ticketId, { settlementSubmitted: s.status === "submitted" });
  for (const c of changes) {
    if (!isCompanyRole(c.requestedByRole)) continue;
    put(c.ticketId, {
      // awaiting the TP since the other company confirmed it; awaiting that company since it was asked
      changeRequest: {
        by: c.requestedByRole,
        on: seoulDate(c.status === "pending" ? (c.counterpartAt ?? c.requestedAt) : c.requestedAt),
        awaiting: c.status === "pending" ? "tp" : "counterpart",
      },
    });
  }
  return out;
}

/**
 * What each draft still lacks before submission, by the same assessment the submit button uses
 * (eligibility reasons and document problems). Drafts are a manufacturer's own few: read in full.
 */
async function draftProblems(ids: readonly string[], today: IsoDate): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const drafts = await prisma.ticket.findMany({ where: { id: { in: [...ids] } }, include: TICKET_FACTS_INCLUDE });
  // pure rules over the loaded facts: no statement per draft
  const counted = drafts.map((d) => {
    const { eligibility, docs } = assessApplication(d, today);
    return [d.id, eligibility.reasons.length + docs.problems.length] as const;
  });
  return new Map(counted);
}

function targetsOf(t: FactsRow): TpTargets {
  return { ...t.program };
}

/** The pending actions of one ticket as the actor's pages show them; null when the actor may not read it. */
export async function ticketPending(actor: Actor, ticketId: string, today: IsoDate) {
  const visible = await prisma.ticket.findFirst({ where: { AND: [{ id: ticketId }, ticketScope(actor)] }, select: { id: true } });
  if (!visible) return null;
  const found = (await pendingFactsOf([ticketId])).get(ticketId);
  if (!found) return null;
  return pendingView(found.facts.state, pendingActions(found.facts, found.targets), actor.role, today);
}

/** ticketPending once per HTTP request (the layout's header and the overview's 할 일 share it). */
export function getTicketPending(actor: Actor, ticketId: string, today: IsoDate) {
  return requestMemo(`ticket-pending|${actor.userId}|${ticketId}|${today}`, () => ticketPending(actor, ticketId, today));
}

/** What one party's pages show of a ticket's pending actions. */
export function pendingView(state: TicketState, actions: readonly PendingAction[], role: Role, today: IsoDate) {
  return {
    /** "종료: 미선정" for a closed ticket, else null */
    closed: closedLabel(state),
    /** the actor's own items, most urgent first */
    mine: pendingFor(actions, role, today),
    /** every party with something to do, most urgent first ("다음 조치") */
    next: nextParties(actions, today),
    /** what the actor waits for when it has nothing to do */
    waiting: waitingOn(actions, role, today),
    all: sortByUrgency(actions, today),
  };
}

export type PendingView = ReturnType<typeof pendingView>;

// ─── The actor's to-do across its tickets ─────────────────────────────────────

/** Candidates read per state for a monitor (a Technopark may hold 100,000 tickets). */
export const MONITOR_CANDIDATES_PER_STATE = 100;
/** A company's tickets read at most (its to-do is computed over all of them). */
export const COMPANY_CANDIDATES = 500;
/** Items a home shows at most. */
export const TODO_LIMIT = 100;

/**
 * States whose main step is the Technopark's, or may be by the facts (app/domain/pending.ts mainAction:
 * 현장평가 and 원가적정성 검토 may wait for an expert, 협약 for the consents, 사업비 지급 for the deposit, 정산 for
 * the manufacturer's submission; the candidates are then filtered by the rule).
 */
const TP_STATES: readonly TicketState[] = [
  "submitted",
  "requirement_review",
  "site_evaluation",
  "plan_submitted",
  "cost_review",
  "agreed",
  "completion_check",
  "settlement",
  "completed",
  "follow_up",
];

const TODO_TICKET_SELECT = {
  id: true,
  number: true,
  title: true,
  state: true,
  version: true,
  assigneeId: true,
  manufacturer: { select: { name: true } },
  supplier: { select: { name: true } },
} satisfies Prisma.TicketSelect;

export type TodoTicket = Prisma.TicketGetPayload<{ select: typeof TODO_TICKET_SELECT }>;
export type TodoRow = { ticket: TodoTicket; action: PendingAction };

/** A monitor's to-do covers its Technopark's tickets assigned to it or to nobody (not a colleague's). */
function monitorTodoScope(actor: Actor, extra: Prisma.TicketWhereInput): Prisma.TicketWhereInput {
  return { AND: [ticketScope(actor), { OR: [{ assigneeId: actor.userId }, { assigneeId: null }] }, extra] };
}

/**
 * The ids worth computing for the actor: a company's open tickets (a few hundred at most); for a monitor,
 * the tickets of its Technopark assigned to it or to nobody, the longest-waiting ones of each TP state and
 * every ticket with a question to the TP or an extension to decide (bounded per kind).
 */
async function candidateIds(actor: Actor, perState: number): Promise<string[]> {
  const openScope: Prisma.TicketWhereInput = { AND: [ticketScope(actor), { state: { notIn: [...CLOSED_STATES] } }] };
  if (actor.role !== "monitor") {
    const rows = await prisma.ticket.findMany({
      where: openScope,
      orderBy: { updatedAt: "desc" },
      take: COMPANY_CANDIDATES,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }
  const scoped = (extra: Prisma.TicketWhereInput) => monitorTodoScope(actor, extra);
  const take = perState;
  const [byState, asked, extensions, changes] = await Promise.all([
    Promise.all(
      TP_STATES.map((state) =>
        prisma.ticket.findMany({ where: scoped({ state }), orderBy: { stateChangedAt: "asc" }, take, select: { id: true } }),
      ),
    ),
    prisma.ticketQuestion.findMany({
      where: { toRole: "monitor", status: "open", ticket: scoped({}) },
      orderBy: { createdAt: "asc" },
      take,
      select: { ticketId: true },
    }),
    prisma.extensionRequest.findMany({
      where: { status: "pending", ticket: scoped({ state: "in_progress" }) },
      orderBy: { requestedAt: "asc" },
      take,
      select: { ticketId: true },
    }),
    prisma.changeRequest.findMany({
      where: { status: "pending", ticket: scoped({ state: { in: [...CHANGE_STATES] } }) },
      orderBy: { requestedAt: "asc" },
      take,
      select: { ticketId: true },
    }),
  ]);
  return [
    ...new Set([
      ...byState.flat().map((r) => r.id),
      ...asked.map((q) => q.ticketId),
      ...extensions.map((e) => e.ticketId),
      ...changes.map((c) => c.ticketId),
    ]),
  ];
}

/**
 * The actor's own pending actions across its tickets, most urgent first (overdue, then D-day, then the
 * longest waiting): the first thing each role's home shows.
 */
export function myTodo(actor: Actor, today: IsoDate, limit = TODO_LIMIT): Promise<{ rows: TodoRow[]; total: number }> {
  // A Technopark's to-do reads its largest tables: cached like the dashboard's figures, emptied by every
  // committed change (ADR 008), so it is never staler than a change it has not seen. A company's is cheap.
  if (actor.role === "monitor") {
    return cachedAggregate(`${actor.organizationId}|todo|${actor.userId}|${today}|${limit}`, () => computeTodo(actor, today, limit));
  }
  return computeTodo(actor, today, limit);
}

async function computeTodo(actor: Actor, today: IsoDate, limit: number): Promise<{ rows: TodoRow[]; total: number }> {
  // a state's most urgent items are its longest-waiting tickets (its target counts from that day), so
  // `limit` candidates per TP state hold the monitor's `limit` most urgent items
  const ids = await candidateIds(actor, Math.min(MONITOR_CANDIDATES_PER_STATE, limit));
  const facts = await pendingFactsOf(ids, today);
  const items: { id: string; action: PendingAction; due: PendingAction["due"]; since: IsoDate }[] = [];
  for (const [id, found] of facts) {
    for (const action of pendingActions(found.facts, found.targets)) {
      if (action.party === actor.role) items.push({ id, action, due: action.due, since: action.since });
    }
  }
  const shown = sortByUrgency(items, today).slice(0, limit);
  // the rows' titles and companies only for what is shown
  const tickets = shown.length
    ? await prisma.ticket.findMany({ where: { id: { in: [...new Set(shown.map((i) => i.id))] } }, select: TODO_TICKET_SELECT })
    : [];
  const ticketById = new Map(tickets.map((t) => [t.id, t]));
  const rows = shown.flatMap(({ id, action }) => {
    const ticket = ticketById.get(id);
    return ticket ? [{ ticket, action }] : [];
  });
  const total = actor.role === "monitor" ? await monitorTodoCount(actor) : items.length;
  return { rows, total };
}

/**
 * How many items the monitor's whole to-do holds (its list shows the most urgent): one per ticket of a TP
 * state assigned to it or to nobody, one per such ticket with a question to the TP or an extension to
 * decide. Counted, not computed, and cached like the dashboard's figures (emptied by every change).
 */
function monitorTodoCount(actor: Actor): Promise<number> {
  const scoped = (extra: Prisma.TicketWhereInput) => monitorTodoScope(actor, extra);
  return cachedAggregate(`${actor.organizationId}|todo-count|${actor.userId}`, async () => {
    const [main, asked, extensions, changes] = await Promise.all([
      prisma.ticket.count({ where: scoped({ state: { in: [...TP_STATES] } }) }),
      // from the small tables of open questions and pending requests (a ticket with several counts once)
      prisma.ticketQuestion.groupBy({
        by: ["ticketId"],
        where: { toRole: "monitor", status: "open", ticket: scoped({ state: { notIn: [...CLOSED_STATES] } }) },
      }),
      prisma.extensionRequest.groupBy({ by: ["ticketId"], where: { status: "pending", ticket: scoped({ state: "in_progress" }) } }),
      prisma.changeRequest.groupBy({ by: ["ticketId"], where: { status: "pending", ticket: scoped({ state: { in: [...CHANGE_STATES] } }) } }),
    ]);
    return main + asked.length + extensions.length + changes.length;
  });
}

/** Every party's pending actions of the given (already scoped) tickets, for lists that show "다음 조치" per row. */
export async function pendingByTicket(ids: readonly string[], today: IsoDate): Promise<Map<string, PendingAction[]>> {
  const facts = await pendingFactsOf(ids);
  return new Map([...facts].map(([id, f]) => [id, sortByUrgency(pendingActions(f.facts, f.targets), today)]));
}

/** "다음 조치" of each (already scoped) ticket as a Korean label ("도입기업 · 공급기업"; "" when nobody acts), for lists and exports. */
export async function nextPartiesOf(ids: readonly string[], today: IsoDate): Promise<Map<string, string>> {
  const byTicket = await pendingByTicket(ids, today);
  return new Map(
    [...byTicket].map(([id, actions]) => [
      id,
      nextParties(actions, today)
        .map((p) => ROLE_LABELS[p])
        .join(" · "),
    ]),
  );
}
