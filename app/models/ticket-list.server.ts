// The monitor's filtered ticket list, shared by the dashboard and the exports.
// Always scoped by ticketScope(actor); keyset pagination on the unique, indexed
// `number` column (newest first), so page 2,000 costs what page 1 costs.
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { prisma, containsText } from "~/db.server";
import { cachedAggregate } from "./aggregate-cache.server";
import type { Actor } from "~/auth/actor";
import {
  SUPPORT_TYPES,
  TICKET_STATES,
  TP_TARGET_DEFAULTS,
  addDays,
  dDayLabel,
  dayCount,
  urgencyOf,
  isExpertRole,
  isIsoDate,
  nextParties,
  seoulDate,
  type IsoDate,
  type Role,
  type SupportType,
  type TicketState,
  type TpTargets,
} from "~/domain";
import { ticketScope } from "./ticket.server";
import { TP_TARGET_SELECT, pendingByTicket } from "./pending.server";

const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .catch(undefined)
  .transform((v) => (v ? v : undefined));
const optionalDate = z
  .string()
  .trim()
  .optional()
  .catch(undefined)
  .transform((v) => (v && isIsoDate(v) ? v : undefined));

/** The list's filters, parsed from the query string (invalid values are ignored). */
export const ListFiltersSchema = z.object({
  programId: optionalId,
  state: z
    .enum(TICKET_STATES as unknown as [TicketState, ...TicketState[]])
    .optional()
    .catch(undefined),
  supplierId: optionalId,
  manufacturerId: optionalId,
  supportType: z
    .enum(SUPPORT_TYPES as unknown as [SupportType, ...SupportType[]])
    .optional()
    .catch(undefined),
  dateField: z.enum(["submittedAt", "createdAt"]).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined)),
  after: z
    .string()
    .trim()
    .max(40)
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined)),
  /** The TP queue (ADR 027): me = 내 담당, none = 담당자 없음. */
  assignee: z.enum(["me", "none"]).optional().catch(undefined),
  /** "1" = 목표 초과: tickets waiting at the TP past the program's service target for their step. */
  overdue: z.literal("1").optional().catch(undefined),
});
export type ListFilters = z.infer<typeof ListFiltersSchema>;

export function parseListFilters(searchParams: URLSearchParams): ListFilters {
  return ListFiltersSchema.parse(Object.fromEntries(searchParams));
}

export { filtersQuery } from "~/components/monitor/query";

/** Seoul midnight of an ISO date as an instant. */
function seoulStart(date: string): Date {
  return new Date(`${date}T00:00:00+09:00`);
}

/**
 * The Technopark's steps and the clock each service target counts from, as app/domain/pending.ts dates
 * them (mainAction: `target(from, days)`), in indexed ticket columns so "목표 초과" is a WHERE, not a
 * scan of every ticket's pending actions. tests/unit/tp-queue.test.ts holds the two to the same tickets.
 */
export const TP_TARGET_CLOCKS: readonly {
  states: readonly TicketState[];
  column: "submittedAt" | "stateChangedAt";
  target: keyof TpTargets;
  /** When the step is the TP's only on a further fact. */
  when?: Prisma.TicketWhereInput;
}[] = [
  { states: ["submitted", "requirement_review"], column: "submittedAt", target: "reviewTargetDays" },
  { states: ["site_evaluation"], column: "stateChangedAt", target: "evaluationTargetDays" },
  { states: ["plan_submitted", "cost_review"], column: "stateChangedAt", target: "planReviewTargetDays" },
  // 사업비 지급 is the TP's once the manufacturer has recorded its share (issue 16: before, it is the manufacturer's, undated)
  {
    states: ["agreed"],
    column: "stateChangedAt",
    target: "paymentTargetDays",
    when: { shareDeposits: { some: { status: { in: ["submitted", "confirmed"] } } } },
  },
  { states: ["completion_check"], column: "stateChangedAt", target: "completionCheckTargetDays" },
];

/** What the queue filters need beyond the query string: today and each program's targets. */
export type QueueContext = { today: IsoDate; targets: ReadonlyMap<string, TpTargets> };

/** The targets of the actor's Technopark's programs (a handful of rows), for the queue filters and badges. */
export async function queueContext(actor: Actor, today: IsoDate): Promise<QueueContext> {
  const programs = await prisma.program.findMany({
    where: { technoparkId: actor.role === "monitor" ? actor.organizationId : "" },
    select: { id: true, ...TP_TARGET_SELECT },
  });
  return { today, targets: new Map(programs.map(({ id, ...targets }) => [id, targets])) };
}

/**
 * 목표 초과: per program and TP step, the step's clock older than today − target (its due day before today).
 * Without a context (a caller that did not read the programs) the default targets stand in for every program.
 */
function overdueWhere(queue: QueueContext | undefined): Prisma.TicketWhereInput {
  const today = queue?.today ?? seoulDate(new Date());
  const perProgram: [string | null, TpTargets][] = queue ? [...queue.targets] : [[null, TP_TARGET_DEFAULTS]];
  const or = perProgram.flatMap(([programId, targets]) =>
    TP_TARGET_CLOCKS.map((clock) => ({
      ...(programId ? { programId } : {}),
      state: { in: [...clock.states] },
      [clock.column]: { lt: seoulStart(addDays(today, -targets[clock.target])) },
      ...clock.when,
    })),
  );
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** The where clause of the filters, inside the actor's scope. */
export function listWhere(actor: Actor, filters: ListFilters, queue?: QueueContext): Prisma.TicketWhereInput {
  const and: Prisma.TicketWhereInput[] = [ticketScope(actor)];
  if (filters.assignee) and.push({ assigneeId: filters.assignee === "me" ? actor.userId : null });
  if (filters.overdue) and.push(overdueWhere(queue));
  if (filters.programId) and.push({ programId: filters.programId });
  if (filters.state) and.push({ state: filters.state });
  if (filters.supplierId) and.push({ supplierId: filters.supplierId });
  if (filters.manufacturerId) and.push({ manufacturerId: filters.manufacturerId });
  if (filters.supportType) and.push({ supportTypes: { some: { type: filters.supportType } } });
  const field = filters.dateField ?? "submittedAt";
  if (filters.from) and.push({ [field]: { gte: seoulStart(filters.from) } });
  if (filters.to) and.push({ [field]: { lt: seoulStart(addDays(filters.to, 1)) } });
  if (filters.q) {
    and.push({
      OR: [
        { number: containsText(filters.q) },
        { title: containsText(filters.q) },
        { manufacturer: { name: containsText(filters.q) } },
        { supplier: { name: containsText(filters.q) } },
      ],
    });
  }
  return { AND: and };
}

export const LIST_SELECT = {
  id: true,
  number: true,
  title: true,
  state: true,
  submittedAt: true,
  createdAt: true,
  planDueOn: true,
  revisionDueOn: true,
  windowEndOn: true,
  quoteTotal: true,
  agreedCost: true,
  subsidy: true,
  companyShare: true,
  actualCost: true,
  settledSubsidy: true,
  refundDue: true,
  manufacturer: { select: { name: true } },
  supplier: { select: { name: true } },
  supportTypes: { select: { type: true } },
} satisfies Prisma.TicketSelect;

export type ListRow = Prisma.TicketGetPayload<{ select: typeof LIST_SELECT }>;

export const LIST_PAGE_SIZE = 50;

/**
 * One page of the list after the cursor (`after` = the last ticket number seen), plus the total.
 * `total: false` skips the COUNT over the whole filtered scope (the dashboard already has it as
 * the sum of its cached counts per state) and returns total null.
 */
export async function listMonitorTickets(
  actor: Actor,
  filters: ListFilters,
  opts: { pageSize?: number; total?: boolean; queue?: QueueContext } = {},
) {
  const pageSize = opts.pageSize ?? LIST_PAGE_SIZE;
  const queue = opts.queue ?? (await queueContext(actor, seoulDate(new Date())));
  const where = listWhere(actor, filters, queue);
  const [rows, total] = await Promise.all([
    prisma.ticket.findMany({
      where: filters.after ? { AND: [where, { number: { lt: filters.after } }] } : where,
      orderBy: { number: "desc" },
      take: pageSize + 1,
      select: QUEUE_SELECT,
    }),
    opts.total === false ? null : prisma.ticket.count({ where }),
  ]);
  const hasMore = rows.length > pageSize;
  const page = hasMore ? rows.slice(0, pageSize) : rows;
  return { rows: await withTpWait(page, queue), total, nextCursor: hasMore ? page[page.length - 1].number : null };
}

/** The list's columns plus the queue's: the clocks, the program (its targets) and the officer in charge. */
const QUEUE_SELECT = {
  ...LIST_SELECT,
  programId: true,
  stateChangedAt: true,
  assignedAt: true,
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.TicketSelect;

type QueueRow = Prisma.TicketGetPayload<{ select: typeof QUEUE_SELECT }>;

/** How long a ticket has waited at the TP in its step, and the step's service target; null when it waits on a company. */
export type TpWait = { since: IsoDate; day: number; due: IsoDate | null; dueLabel: string | null; overdue: boolean };

/**
 * Each row's TP wait, read from the ticket's main pending action (app/domain/pending.ts, the one rule):
 * when that action is the TP's (or its assigned expert's), since when and by when (its target); a company's
 * turn has none.
 */
async function withTpWait(rows: QueueRow[], queue: QueueContext): Promise<(QueueRow & { tpWait: TpWait | null; next: Role[] })[]> {
  const pending = await pendingByTicket(
    rows.map((r) => r.id),
    queue.today,
  );
  return rows.map((r) => {
    const actions = pending.get(r.id) ?? [];
    // 다음 조치: every party with something to do, as the ticket page's header says
    const next = nextParties(actions, queue.today);
    const main = actions.find((a) => a.main);
    // the experts the TP assigned work on the TP's side of its step (④, ⑦): the step's service target still runs
    if (!main || !(main.party === "monitor" || isExpertRole(main.party))) return { ...r, tpWait: null, next };
    const due = main.due?.kind === "target" ? main.due.on : null;
    return {
      ...r,
      next,
      tpWait: {
        since: main.since,
        day: dayCount(main.since, queue.today),
        due,
        dueLabel: due ? `목표 ${dDayLabel(due, queue.today)}` : null,
        overdue: urgencyOf(main, queue.today) === "overdue",
      },
    };
  });
}

/**
 * Every ticket of the filtered list in batches (keyset by number), for streamed exports: at most
 * `batchSize` rows are in memory at a time.
 */
export async function* iterateMonitorTickets(actor: Actor, filters: ListFilters, batchSize = 500): AsyncGenerator<ListRow[]> {
  const queue = filters.overdue ? await queueContext(actor, seoulDate(new Date())) : undefined;
  const where = listWhere(actor, { ...filters, after: undefined }, queue);
  let after: string | null = null;
  for (;;) {
    const batch: ListRow[] = await prisma.ticket.findMany({
      where: after ? { AND: [where, { number: { lt: after } }] } : where,
      orderBy: { number: "desc" },
      take: batchSize,
      select: LIST_SELECT,
    });
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1].number;
  }
}

/** The choices of the filter form: the monitor's programs, suppliers and manufacturers. */
/** Above this many companies a drop-down is no help (and costs every page view): search by name instead. */
export const FILTER_OPTION_LIMIT = 300;

export async function listFilterOptions(actor: Actor) {
  const scope = ticketScope(actor);
  const companies = (kind: "supplier" | "manufacturer") =>
    cachedAggregate(`${actor.organizationId}|options|${kind}`, async () => {
      const rows = await prisma.organization.findMany({
        where: kind === "supplier" ? { kind, ticketsAsSupplier: { some: scope } } : { kind, ticketsAsMaker: { some: scope } },
        orderBy: { name: "asc" },
        take: FILTER_OPTION_LIMIT + 1,
        select: { id: true, name: true },
      });
      return rows.length > FILTER_OPTION_LIMIT ? null : rows;
    });
  const [programs, suppliers, manufacturers] = await Promise.all([
    prisma.program.findMany({
      where: { technoparkId: actor.role === "monitor" ? actor.organizationId : "" },
      orderBy: [{ year: "desc" }, { createdAt: "desc" }],
      select: { id: true, name: true, year: true },
    }),
    companies("supplier"),
    companies("manufacturer"),
  ]);
  // null: too many to list; the page offers the name search instead
  return { programs, suppliers, manufacturers };
}
