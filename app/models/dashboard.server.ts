// The monitor's dashboard: counts per state (groupBy), due and overdue lists
// on the indexed denormalised clocks, capacity and budget gauges, a breakdown
// by supplier. Never loads all tickets: every figure is an aggregate or a
// bounded list.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { CAPACITY_STATES, DEADLINE_CLOCKS, dueSoonUntil, expectedSubsidy, type IsoDate } from "~/domain";
import { ticketScope } from "./ticket.server";
import { listWhere, type ListFilters } from "./ticket-list.server";
import { paramsOf } from "./program.server";
import { cachedAggregate } from "./aggregate-cache.server";

const DUE_SELECT = {
  id: true,
  number: true,
  title: true,
  state: true,
  planDueOn: true,
  revisionDueOn: true,
  windowEndOn: true,
  manufacturer: { select: { name: true } },
  supplier: { select: { name: true } },
} as const;

export const DUE_LIST_LIMIT = 50;

export async function getDashboard(actor: Actor, filters: ListFilters, today: IsoDate) {
  const scope = ticketScope(actor);
  const { state: _state, ...withoutState } = filters;
  const soon = dueSoonUntil(today);
  const programs = await prisma.program.findMany({
    where: { technoparkId: actor.role === "monitor" ? actor.organizationId : "" },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
  });
  const program = programs.find((p) => p.id === filters.programId) ?? programs[0] ?? null;

  const key = (part: string) => `${actor.organizationId}|${part}|${JSON.stringify(filters)}`;
  const [byState, dueLists, bySupplier, gauge] = await Promise.all([
    cachedAggregate(key("byState"), () => prisma.ticket.groupBy({ by: ["state"], where: listWhere(actor, withoutState), _count: { _all: true } })),
    Promise.all(
      // One bounded query per clock of the domain (DEADLINE_CLOCKS, as on DueBadge), on its indexed column.
      DEADLINE_CLOCKS.map((clock) =>
        prisma.ticket.findMany({
          where: { AND: [scope, filters.programId ? { programId: filters.programId } : {}, { state: { in: [...clock.states] } }, { [clock.field]: { lte: soon } }] },
          orderBy: { [clock.field]: "asc" },
          take: DUE_LIST_LIMIT,
          select: DUE_SELECT,
        }),
      ),
    ),
    cachedAggregate(key("bySupplier"), () =>
      prisma.ticket.groupBy({ by: ["supplierId"], where: listWhere(actor, filters), _count: { _all: true }, _sum: { subsidy: true } }),
    ),
    program ? programGauge(actor, program.id) : Promise.resolve(null),
  ]);

  const due = dueLists
    .flatMap((rows, i) => rows.map((r) => ({ ...r, dueOn: (r[DEADLINE_CLOCKS[i].field] ?? "") as string })))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  const supplierNames = await prisma.organization.findMany({ where: { id: { in: bySupplier.map((s) => s.supplierId) } }, select: { id: true, name: true } });
  const nameOf = new Map(supplierNames.map((o) => [o.id, o.name]));

  return {
    programs: programs.map((p) => ({ id: p.id, name: p.name, year: p.year })),
    program: program ? { id: program.id, name: program.name, capacity: program.capacity, subsidyBudget: program.subsidyBudget } : null,
    counts: Object.fromEntries(byState.map((g) => [g.state, g._count._all])) as Record<string, number>,
    // dueStatus 'overdue' (past the due date) vs 'soon' (up to dueSoonUntil), compared as ISO strings.
    overdue: due.filter((d) => d.dueOn < today),
    dueSoon: due.filter((d) => d.dueOn >= today),
    suppliers: bySupplier
      .map((s) => ({ id: s.supplierId, name: nameOf.get(s.supplierId) ?? "—", count: s._count._all, subsidy: s._sum.subsidy ?? 0 }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "ko")),
    gauge,
  };
}

/**
 * Places and budget of one program held by tickets in CAPACITY_STATES: the agreed subsidy when
 * signed, else expectedSubsidy(quoteTotal) — the same reservation the selection guard uses —
 * computed from aggregates (grouped by quote total), not by loading tickets.
 */
export async function programGauge(actor: Actor, programId: string) {
  const program = await prisma.program.findFirst({ where: { id: programId, technoparkId: actor.role === "monitor" ? actor.organizationId : "" } });
  if (!program) return null;
  const params = paramsOf(program);
  const holding = { programId, state: { in: [...CAPACITY_STATES] } };
  const [count, agreed, unagreed] = await cachedAggregate(`gauge|${programId}`, () =>
    Promise.all([
      prisma.ticket.count({ where: holding }),
      prisma.ticket.aggregate({ where: { ...holding, subsidy: { not: null } }, _sum: { subsidy: true } }),
      prisma.ticket.groupBy({ by: ["quoteTotal"], where: { ...holding, subsidy: null }, _count: { _all: true } }),
    ]),
  );
  const reserved = unagreed.reduce((sum, g) => sum + expectedSubsidy(g.quoteTotal, params) * g._count._all, 0);
  return {
    selected: count,
    capacity: program.capacity,
    committedSubsidy: (agreed._sum.subsidy ?? 0) + reserved,
    subsidyBudget: program.subsidyBudget,
  };
}
