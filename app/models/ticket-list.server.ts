// The monitor's filtered ticket list, shared by the dashboard and the exports.
// Always scoped by ticketScope(actor); keyset pagination on the unique, indexed
// `number` column (newest first), so page 2,000 costs what page 1 costs.
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { cachedAggregate } from "./aggregate-cache.server";
import type { Actor } from "~/auth/actor";
import { SUPPORT_TYPES, TICKET_STATES, isIsoDate, addDays, type SupportType, type TicketState } from "~/domain";
import { ticketScope } from "./ticket.server";

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

/** The where clause of the filters, inside the actor's scope. */
export function listWhere(actor: Actor, filters: ListFilters): Prisma.TicketWhereInput {
  const and: Prisma.TicketWhereInput[] = [ticketScope(actor)];
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
        { number: { contains: filters.q } },
        { title: { contains: filters.q } },
        { manufacturer: { name: { contains: filters.q } } },
        { supplier: { name: { contains: filters.q } } },
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
export async function listMonitorTickets(actor: Actor, filters: ListFilters, opts: { pageSize?: number; total?: boolean } = {}) {
  const pageSize = opts.pageSize ?? LIST_PAGE_SIZE;
  const where = listWhere(actor, filters);
  const [rows, total] = await Promise.all([
    prisma.ticket.findMany({
      where: filters.after ? { AND: [where, { number: { lt: filters.after } }] } : where,
      orderBy: { number: "desc" },
      take: pageSize + 1,
      select: LIST_SELECT,
    }),
    opts.total === false ? null : prisma.ticket.count({ where }),
  ]);
  const hasMore = rows.length > pageSize;
  const page = hasMore ? rows.slice(0, pageSize) : rows;
  return { rows: page, total, nextCursor: hasMore ? page[page.length - 1].number : null };
}

/**
 * Every ticket of the filtered list in batches (keyset by number), for streamed exports: at most
 * `batchSize` rows are in memory at a time.
 */
export async function* iterateMonitorTickets(actor: Actor, filters: ListFilters, batchSize = 500): AsyncGenerator<ListRow[]> {
  const where = listWhere(actor, { ...filters, after: undefined });
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
