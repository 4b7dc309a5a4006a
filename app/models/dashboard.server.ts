// The monitor's dashboard: counts per state (groupBy), due and overdue lists
// on the indexed denormalised clocks, capacity and budget gauges, a breakdown
// by supplier. Never loads all tickets: every figure is an aggregate or a
// bounded list.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DEADLINE_CLOCKS, dueSoonUntil, type IsoDate } from "~/domain";
import { ticketScope } from "./ticket.server";
import { listWhere, queueContext, type ListFilters, type QueueContext } from "./ticket-list.server";
import { paramsOf } from "./program.server";
import { cachedAggregate } from "./aggregate-cache.server";
import { cachedProgramHolding, committedSubsidyOf } from "./ticket-context.server";
import { TICKET_ROW_SELECT } from "./selects.server";
import { nextPartiesOf } from "./pending.server";

const DUE_SELECT = {
  ...TICKET_ROW_SELECT,
  manufacturerId: true,
  supplierId: true,
} as const;

export const DUE_LIST_LIMIT = 50;
/** Suppliers shown by name in the breakdown (most tickets first); the rest are one summary row. */
export const SUPPLIER_ROWS = 10;

/**
 * `queue` (the programs' service targets) is read here when the 목표 초과 filter needs it and the caller
 * did not pass the one it already has.
 */
export async function getDashboard(actor: Actor, filters: ListFilters, today: IsoDate, queue?: QueueContext) {
  const targets = filters.overdue ? (queue ?? (await queueContext(actor, today))) : undefined;
  const scope = ticketScope(actor);
  const { state: _state, ...withoutState } = filters;
  const programs = await prisma.program.findMany({
    where: { technoparkId: actor.role === "monitor" ? actor.organizationId : "" },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
  });
  const program = programs.find((p) => p.id === filters.programId) ?? programs[0] ?? null;

  // the cursor pages the list below; the figures are the same on every page
  const { after: _after, ...figureFilters } = filters;
  // 내 담당 is one person's; 목표 초과 moves with the day
  const key = (part: string) =>
    `${actor.organizationId}|${part}|${JSON.stringify(figureFilters)}${filters.assignee === "me" ? `|${actor.userId}` : ""}${filters.overdue ? `|${today}` : ""}`;
  const [byState, due, bySupplier, gauge] = await Promise.all([
    cachedAggregate(key("byState"), () =>
      prisma.ticket.groupBy({ by: ["state"], where: listWhere(actor, withoutState, targets), _count: { _all: true } }),
    ),
    // the due lists move with the day and with every change: cached per day, emptied by every change
    cachedAggregate(`${actor.organizationId}|due|${filters.programId ?? ""}|${today}`, () => dueLists(scope, filters.programId, today)),
    cachedAggregate(key("bySupplier"), async () => {
      const groups = await prisma.ticket.groupBy({
        by: ["supplierId"],
        where: listWhere(actor, filters, targets),
        _count: { _all: true },
        _sum: { subsidy: true },
      });
      const names = await prisma.organization.findMany({
        where: { id: { in: groups.map((g) => g.supplierId) } },
        select: { id: true, name: true },
      });
      const nameOf = new Map(names.map((o) => [o.id, o.name]));
      return groups
        .map((g) => ({ id: g.supplierId, name: nameOf.get(g.supplierId) ?? "—", count: g._count._all, subsidy: g._sum.subsidy ?? 0 }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "ko"));
    }),
    program ? programGauge(actor, program.id) : Promise.resolve(null),
  ]);

  const counts = Object.fromEntries(byState.map((g) => [g.state, g._count._all])) as Record<string, number>;
  return {
    programs: programs.map((p) => ({ id: p.id, name: p.name, year: p.year })),
    program: program ? { id: program.id, name: program.name, capacity: program.capacity, subsidyBudget: program.subsidyBudget } : null,
    counts,
    /** The filtered list's size (the list below the figures): a sum of the cached counts, not a COUNT over the scope. */
    listTotal: filters.state ? (counts[filters.state] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0),
    // dueStatus 'overdue' (past the due date) vs 'soon' (up to dueSoonUntil), compared as ISO strings.
    overdue: due.overdue,
    dueSoon: due.dueSoon,
    suppliers: bySupplier.slice(0, SUPPLIER_ROWS),
    otherSuppliers:
      bySupplier.length > SUPPLIER_ROWS
        ? bySupplier
            .slice(SUPPLIER_ROWS)
            .reduce((sum, s) => ({ companies: sum.companies + 1, count: sum.count + s.count, subsidy: sum.subsidy + s.subsidy }), {
              companies: 0,
              count: 0,
              subsidy: 0,
            })
        : null,
    gauge,
  };
}

/** Both due lists (overdue, and due within DUE_SOON_DAYS) with their companies and 다음 조치. */
async function dueLists(scope: Prisma.TicketWhereInput, programId: string | undefined, today: IsoDate) {
  const [overdue, dueSoon] = await Promise.all([
    dueList(scope, programId, { lt: today }),
    dueList(scope, programId, { gte: today, lte: dueSoonUntil(today) }),
  ]);
  // the companies of both due lists in one query (a relation select would be two per state)
  const dueRows = [...overdue, ...dueSoon];
  // and their 다음 조치 from the pending-actions rule, as the ticket page's header says
  const [companies, next] = await Promise.all([
    dueRows.length
      ? prisma.organization.findMany({
          where: { id: { in: [...new Set(dueRows.flatMap((r) => [r.manufacturerId, r.supplierId]))] } },
          select: { id: true, name: true },
        })
      : [],
    nextPartiesOf(
      dueRows.map((r) => r.id),
      today,
    ),
  ]);
  const companyName = new Map(companies.map((o) => [o.id, o.name]));
  const withNames = (rows: DueRow[]) =>
    rows.map(({ manufacturerId, supplierId, ...r }) => ({
      ...r,
      manufacturer: { name: companyName.get(manufacturerId) ?? "—" },
      supplier: { name: companyName.get(supplierId) ?? "—" },
      next: next.get(r.id) || "—",
    }));
  return { overdue: withNames(overdue), dueSoon: withNames(dueSoon) };
}

type DueRow = Prisma.TicketGetPayload<{ select: typeof DUE_SELECT }> & { dueOn: IsoDate };

/**
 * The first DUE_LIST_LIMIT tickets whose running clock (DEADLINE_CLOCKS, as on DueBadge) falls in
 * `range`, earliest first. One query per state, each walking the (state, clock, programId) index
 * in order and stopping at the limit: SQLite cannot merge an `IN` list of states in index order, so
 * one query over all states would sort every overdue ticket of the scope.
 */
async function dueList(
  scope: Prisma.TicketWhereInput,
  programId: string | undefined,
  range: { lt?: IsoDate; gte?: IsoDate; lte?: IsoDate },
): Promise<DueRow[]> {
  const perState = await Promise.all(
    DEADLINE_CLOCKS.flatMap((clock) =>
      clock.states.map(async (state) => {
        const rows = await prisma.ticket.findMany({
          where: { AND: [scope, programId ? { programId } : {}, { state }, { [clock.field]: range }] },
          orderBy: { [clock.field]: "asc" },
          take: DUE_LIST_LIMIT,
          select: DUE_SELECT,
        });
        return rows.map((r) => ({ ...r, dueOn: r[clock.field] as IsoDate }));
      }),
    ),
  );
  return perState
    .flat()
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.number < b.number ? -1 : 1))
    .slice(0, DUE_LIST_LIMIT);
}

/**
 * Places and budget of one program held by tickets in CAPACITY_STATES: the agreed subsidy when
 * signed, else expectedSubsidy(quoteTotal) — the same reservation the selection guard uses —
 * computed from aggregates (grouped by quote total), not by loading tickets.
 */
export async function programGauge(actor: Actor, programId: string) {
  const program = await prisma.program.findFirst({
    where: { id: programId, technoparkId: actor.role === "monitor" ? actor.organizationId : "" },
  });
  if (!program) return null;
  const params = paramsOf(program);
  // the same cached holding as the ticket page's buttons (getTicketAssessment)
  const holding = await cachedProgramHolding(programId);
  return {
    selected: holding.count,
    capacity: program.capacity,
    committedSubsidy: committedSubsidyOf(holding, params),
    subsidyBudget: program.subsidyBudget,
  };
}
