// The rows of the monitor's exports, read fast. An export reads the whole filtered list
// (100,000 tickets and more), so instead of Prisma's findMany with three relations
// (four statements and a JS join per batch) each keyset batch is one statement joining
// the company names, plus one for the support types: a measured hot path (issue #8),
// hence $queryRaw, in SQL that PostgreSQL reads too (quoted identifiers, no SQLite
// functions).
//
// Which tickets: exactly the rows listWhere(actor, filters) selects, in the list's order.
// The WHERE clause is not written a second time here: whereSql() translates the very
// Prisma where object that listWhere builds (ticketScope included). It knows only the
// constructs listWhere uses today and answers null for anything else, and then the
// export falls back to the Prisma reader (iterateMonitorTickets): a new filter can make
// the export slower, never wrong. tests/unit/monitor-export.test.ts holds both paths to
// the same rows.
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { iterateMonitorTickets, listWhere, type ListFilters, type ListRow } from "./ticket-list.server";
import { nextPartiesOf } from "./pending.server";
import { seoulDate, type IsoDate } from "~/domain";
import { deadlineHistoryText, runningDeadlineOn } from "~/domain/plan-deadlines";
import { deadlinesOf, planSubmissionsOf, type PlanSubmissions } from "./ticket-figures.server";

/** One ticket of an export: the list's columns with the company names and support types flattened. */
export type ExportRow = {
  number: string;
  title: string;
  state: string;
  submittedAt: Date | null;
  /** The plan deadlines while their clock runs, else null (ADR 039: as the ticket page shows them). */
  planDueOn: string | null;
  revisionDueOn: string | null;
  /** 지난 제출기한: the stopped plan deadlines as history, "수행계획서 제출기한 2026-10-27 · 제출 2026-10-23 (기한 내)", joined by " / ". */
  planDeadlines: string;
  windowEndOn: string | null;
  quoteTotal: number | null;
  agreedCost: number | null;
  subsidy: number | null;
  companyShare: number | null;
  /** 정산 (issue 16): the actual cost, the subsidy it gives, the amount to return; null before the settlement. */
  actualCost: number | null;
  settledSubsidy: number | null;
  refundDue: number | null;
  manufacturerName: string;
  supplierName: string;
  /** Support type codes, sorted (the order today's list rows give them in). */
  supportTypes: string[];
  /** 다음 조치: every party with something to do, from the pending-actions rule (as the ticket page says). */
  nextParties: string;
};

/**
 * Rows per keyset batch: two statements each, about 400 for 100,000 tickets. Measured at 100,000
 * (CSV): 1,000 rows a batch was about 10 % faster but peaked about 8 MB higher (Prisma keeps each
 * batch's rows alive long enough for V8 to promote them, so fewer at a time means less old space).
 */
export const EXPORT_BATCH_SIZE = 500;

// ---------------------------------------------------------------------------------------
// Prisma where (the subset listWhere produces) → SQL over `"Ticket" t` joined with its
// manufacturer `m` and supplier `s`. null = not understood: the caller falls back.

type ColumnKind = "text" | "datetime";
type Column = { sql: Prisma.Sql; kind: ColumnKind; nullable: boolean };

const col = (alias: string, name: string, kind: ColumnKind = "text", nullable = false): Column => ({
  sql: Prisma.raw(`${alias}."${name}"`),
  kind,
  nullable,
});

const TICKET_COLUMNS: Record<string, Column> = {
  id: col("t", "id"),
  number: col("t", "number"),
  title: col("t", "title"),
  state: col("t", "state"),
  programId: col("t", "programId"),
  manufacturerId: col("t", "manufacturerId"),
  supplierId: col("t", "supplierId"),
  submittedAt: col("t", "submittedAt", "datetime", true),
  createdAt: col("t", "createdAt", "datetime"),
};

const TRUE = Prisma.sql`1=1`;
const FALSE = Prisma.sql`1=0`;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function all(parts: Prisma.Sql[]): Prisma.Sql {
  if (parts.length === 0) return TRUE;
  if (parts.length === 1) return parts[0];
  return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
}

/** A value the column can be compared with (text: a string; datetime: a valid Date). */
function comparable(column: Column, value: unknown): value is string | Date {
  if (column.kind === "text") return typeof value === "string";
  return value instanceof Date && Number.isFinite(value.getTime());
}

/** A scalar filter (`"x"`, `{ in }`, `{ not }`, `{ lt }`…, `{ contains }`) on one column. */
function scalarSql(column: Column, filter: unknown): Prisma.Sql | null {
  if (!isPlainObject(filter)) return comparable(column, filter) ? Prisma.sql`${column.sql} = ${filter}` : null;
  // `mode: "insensitive"` (containsText on PostgreSQL): understood beside `contains` alone
  const insensitive = filter.mode !== undefined;
  if (insensitive && (filter.mode !== "insensitive" || Object.keys(filter).some((op) => op !== "mode" && op !== "contains"))) return null;
  const parts: Prisma.Sql[] = [];
  for (const [op, value] of Object.entries(filter)) {
    if (value === undefined || op === "mode") continue;
    switch (op) {
      case "equals":
        if (!comparable(column, value)) return null;
        parts.push(Prisma.sql`${column.sql} = ${value}`);
        break;
      case "in":
        if (!Array.isArray(value) || !value.every((v) => comparable(column, v))) return null;
        parts.push(value.length === 0 ? FALSE : Prisma.sql`${column.sql} IN (${Prisma.join(value)})`);
        break;
      case "not":
        // Prisma's `not` on a nullable column also keeps the NULLs: only the plain case here.
        if (column.nullable || !comparable(column, value)) return null;
        parts.push(Prisma.sql`${column.sql} <> ${value}`);
        break;
      case "lt":
      case "lte":
      case "gt":
      case "gte": {
        if (!comparable(column, value)) return null;
        const sign = Prisma.raw({ lt: "<", lte: "<=", gt: ">", gte: ">=" }[op]);
        parts.push(Prisma.sql`${column.sql} ${sign} ${value}`);
        break;
      }
      case "contains":
        // As Prisma writes it (no escaping of % and _, the database's LIKE case rules).
        if (column.kind !== "text" || typeof value !== "string") return null;
        // insensitive: PostgreSQL's ILIKE, as Prisma writes it there (only PostgreSQL's where has a mode)
        parts.push(Prisma.sql`${column.sql} ${Prisma.raw(insensitive ? "ILIKE" : "LIKE")} ('%' || ${value} || '%')`);
        break;
      default:
        return null; // startsWith, nested not…: not needed by listWhere today
    }
  }
  return all(parts);
}

/** A filter on an organization (the ticket's manufacturer or supplier): only by name. */
function companySql(alias: "m" | "s", filter: unknown): Prisma.Sql | null {
  if (!isPlainObject(filter)) return null;
  const parts: Prisma.Sql[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === "is") {
      const inner = companySql(alias, value);
      if (!inner) return null;
      parts.push(inner);
    } else if (key === "name") {
      const inner = scalarSql(col(alias, "name"), value);
      if (!inner) return null;
      parts.push(inner);
    } else return null;
  }
  return all(parts);
}

/** `program: { technoparkId }` (a monitor whose program ids were not looked up). */
function programSql(filter: unknown): Prisma.Sql | null {
  if (!isPlainObject(filter)) return null;
  const keys = Object.keys(filter).filter((k) => filter[k] !== undefined);
  if (keys.length !== 1 || keys[0] !== "technoparkId") return null;
  const inner = scalarSql(col("p", "technoparkId"), filter.technoparkId);
  return inner && Prisma.sql`t."programId" IN (SELECT p."id" FROM "Program" p WHERE ${inner})`;
}

/** `supportTypes: { some: { type } }`. */
function supportTypesSql(filter: unknown): Prisma.Sql | null {
  if (!isPlainObject(filter)) return null;
  const keys = Object.keys(filter).filter((k) => filter[k] !== undefined);
  if (keys.length !== 1 || keys[0] !== "some" || !isPlainObject(filter.some)) return null;
  const some = filter.some;
  const someKeys = Object.keys(some).filter((k) => some[k] !== undefined);
  if (someKeys.length !== 1 || someKeys[0] !== "type") return null;
  const inner = scalarSql(col("x", "type"), some.type);
  return inner && Prisma.sql`EXISTS (SELECT 1 FROM "TicketSupportType" x WHERE x."ticketId" = t."id" AND ${inner})`;
}

/**
 * The SQL of a Ticket where object, for the constructs listWhere uses (AND, OR, scalar
 * filters, the company-name, program and support-type relation filters); null for any
 * other, so the caller can fall back to Prisma.
 */
export function whereSql(where: unknown): Prisma.Sql | null {
  if (!isPlainObject(where)) return null;
  const parts: Prisma.Sql[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    let part: Prisma.Sql | null;
    if (key === "AND") {
      const list = Array.isArray(value) ? value : [value];
      const inner = list.map(whereSql);
      part = inner.every((p): p is Prisma.Sql => p !== null) ? all(inner) : null;
    } else if (key === "OR") {
      if (!Array.isArray(value)) return null;
      const inner = value.map(whereSql);
      if (!inner.every((p): p is Prisma.Sql => p !== null)) return null;
      part = inner.length === 0 ? FALSE : Prisma.sql`(${Prisma.join(inner, " OR ")})`;
    } else if (key === "manufacturer") part = companySql("m", value);
    else if (key === "supplier") part = companySql("s", value);
    else if (key === "program") part = programSql(value);
    else if (key === "supportTypes") part = supportTypesSql(value);
    else if (Object.hasOwn(TICKET_COLUMNS, key)) part = scalarSql(TICKET_COLUMNS[key], value);
    else part = null;
    if (!part) return null;
    parts.push(part);
  }
  return all(parts);
}

// ---------------------------------------------------------------------------------------

type MoneyColumn = "quoteTotal" | "agreedCost" | "subsidy" | "companyShare" | "actualCost" | "settledSubsidy" | "refundDue";
type RawRow = Omit<ExportRow, "supportTypes" | "nextParties" | "planDeadlines" | MoneyColumn> & { id: string } & Record<
    MoneyColumn,
    number | bigint | null
  >;

const money = (v: number | bigint | null): number | null => (typeof v === "bigint" ? Number(v) : v);

type DeadlineColumns = Pick<ExportRow, "planDueOn" | "revisionDueOn" | "planDeadlines">;

/** The plan deadline columns of one ticket from the one rule (planDeadlines): running as dates, stopped as history. */
function deadlineColumns(
  ticket: { id: string; state: string; planDueOn: string | null; revisionDueOn: string | null },
  submissions: ReadonlyMap<string, PlanSubmissions>,
): DeadlineColumns {
  const deadlines = deadlinesOf(ticket, submissions.get(ticket.id));
  return {
    planDueOn: runningDeadlineOn(deadlines, "planDueOn"),
    revisionDueOn: runningDeadlineOn(deadlines, "revisionDueOn"),
    planDeadlines: deadlines
      .filter((d) => !d.running)
      .map((d) => deadlineHistoryText(d, (on) => on))
      .join(" / "),
  };
}

function fromListRow(r: ListRow, next: ReadonlyMap<string, string>, submissions: ReadonlyMap<string, PlanSubmissions>): ExportRow {
  return {
    number: r.number,
    title: r.title,
    state: r.state,
    submittedAt: r.submittedAt,
    ...deadlineColumns(r, submissions),
    windowEndOn: r.windowEndOn,
    quoteTotal: r.quoteTotal,
    agreedCost: r.agreedCost,
    subsidy: r.subsidy,
    companyShare: r.companyShare,
    actualCost: r.actualCost,
    settledSubsidy: r.settledSubsidy,
    refundDue: r.refundDue,
    manufacturerName: r.manufacturer.name,
    supplierName: r.supplier.name,
    supportTypes: r.supportTypes.map((s) => s.type).sort(),
    nextParties: next.get(r.id) ?? "",
  };
}

/** One keyset batch by the fast path: the rows after `after` (a ticket number), newest first. */
async function readBatch(where: Prisma.Sql, after: string | null, batchSize: number, today: IsoDate): Promise<ExportRow[]> {
  const rows = await prisma.$queryRaw<RawRow[]>`
    SELECT t."id", t."number", t."title", t."state", t."submittedAt", t."planDueOn", t."revisionDueOn", t."windowEndOn",
           t."quoteTotal", t."agreedCost", t."subsidy", t."companyShare", t."actualCost", t."settledSubsidy", t."refundDue",
           m."name" AS "manufacturerName", s."name" AS "supplierName"
    FROM "Ticket" t
    JOIN "Organization" m ON m."id" = t."manufacturerId"
    JOIN "Organization" s ON s."id" = t."supplierId"
    WHERE ${where} ${after === null ? Prisma.empty : Prisma.sql`AND t."number" < ${after}`}
    ORDER BY t."number" DESC
    LIMIT ${batchSize}`;
  if (rows.length === 0) return [];
  const types = new Map<string, string[]>();
  const ids = rows.map((r) => r.id);
  const [typeRows, next, submissions] = await Promise.all([
    prisma.$queryRaw<{ ticketId: string; type: string }[]>`
    SELECT x."ticketId", x."type" FROM "TicketSupportType" x
    WHERE x."ticketId" IN (${Prisma.join(rows.map((r) => r.id))})`,
    nextPartiesOf(ids, today),
    planSubmissionsOf(ids),
  ]);
  for (const { ticketId, type } of typeRows) {
    const list = types.get(ticketId);
    if (list) list.push(type);
    else types.set(ticketId, [type]);
  }
  // Fresh objects of one shape (adding a property to Prisma's row objects costs more).
  return rows.map((r) => ({
    number: r.number,
    title: r.title,
    state: r.state,
    submittedAt: r.submittedAt,
    ...deadlineColumns(r, submissions),
    windowEndOn: r.windowEndOn,
    quoteTotal: money(r.quoteTotal),
    agreedCost: money(r.agreedCost),
    subsidy: money(r.subsidy),
    companyShare: money(r.companyShare),
    actualCost: money(r.actualCost),
    settledSubsidy: money(r.settledSubsidy),
    refundDue: money(r.refundDue),
    manufacturerName: r.manufacturerName,
    supplierName: r.supplierName,
    supportTypes: types.get(r.id)?.sort() ?? [],
    nextParties: next.get(r.id) ?? "",
  }));
}

/**
 * Every ticket of the filtered list (listWhere(actor, filters), newest number first) in
 * keyset batches of `batchSize`: two statements per batch, at most one batch in memory.
 * `fast: false` forces the Prisma reader (tests compare the two).
 */
export async function* iterateExportRows(
  actor: Actor,
  filters: ListFilters,
  { batchSize = EXPORT_BATCH_SIZE, fast = true }: { batchSize?: number; fast?: boolean } = {},
): AsyncGenerator<ExportRow[]> {
  const where = whereSql(listWhere(actor, { ...filters, after: undefined }));
  const today = seoulDate(new Date());
  if (!where || !fast) {
    for await (const batch of iterateMonitorTickets(actor, filters, batchSize)) {
      const ids = batch.map((r) => r.id);
      const [next, submissions] = await Promise.all([nextPartiesOf(ids, today), planSubmissionsOf(ids)]);
      yield batch.map((r) => fromListRow(r, next, submissions));
    }
    return;
  }
  let after: string | null = null;
  for (;;) {
    const batch = await readBatch(where, after, batchSize, today);
    if (batch.length === 0) return;
    // Nothing of the batch stays referenced here while the consumer works on it.
    const last = batch.length < batchSize ? null : batch[batch.length - 1].number;
    yield batch;
    if (last === null) return;
    after = last;
  }
}
