// No N+1: the SQL statements each page's loader issues do not grow with the
// data. Counted on a real SQLite file at demo size and again after adding
// 200 tickets with work logs, quotes and audit events for the same parties.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.COUNT_QUERIES = "1";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma, queryCounter } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import { listTickets } from "~/models/ticket.server";
import { getTicketPage } from "~/models/ticket-page.server";
import { listInbox } from "~/models/inbox.server";
import { getDashboard } from "~/models/dashboard.server";
import { invalidateAggregates } from "~/models/aggregate-cache.server";
import { getCompletionPage } from "~/models/completion-report.server";
import { getCompletionData } from "~/models/monitor-steps.server";
import { getWorkLogPage } from "~/models/work-log.server";
import { myTodo, ticketPending } from "~/models/pending.server";
import type { Actor } from "~/auth/actor";

const TODAY = "2026-11-27";
let monitor: Actor;
let vendor1: Actor;
let maker1: Actor;

async function actorFor(email: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const id = `qc-${email}`.padEnd(43, "q").slice(0, 43);
  await prisma.session.create({ data: { id, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  return (await actorFromSessionId(id))!;
}

/** Every statement the pages issued, for the plan checks below. */
const statements: { sql: string; params: string }[] = [];

async function counted(fn: () => Promise<unknown>): Promise<number> {
  invalidateAggregates(); // the dashboard's cold path
  const before = queryCounter.count;
  queryCounter.log = [];
  await fn();
  statements.push(...queryCounter.log);
  queryCounter.log = null;
  return queryCounter.count - before;
}

async function pages() {
  const t1 = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0001" } });
  return {
    list: await counted(() => listTickets(monitor, { state: "in_progress" })),
    detail: await counted(() => getTicketPage(maker1, t1.id, TODAY)),
    inbox: await counted(() => listInbox(vendor1, { today: TODAY })),
    dashboard: await counted(() =>
      getDashboard(
        monitor,
        {
          programId: undefined,
          supplierId: undefined,
          manufacturerId: undefined,
          from: undefined,
          to: undefined,
          q: undefined,
          after: undefined,
        },
        TODAY,
      ),
    ),
    // whose turn: the header's 다음 조치 of one ticket, and each home's to-do across tickets
    pending: await counted(() => ticketPending(maker1, t1.id, TODAY)),
    todoMonitor: await counted(() => myTodo(monitor, TODAY)),
    todoMaker: await counted(() => myTodo(maker1, TODAY)),
    completion: await counted(async () => {
      await getCompletionPage(vendor1, t1.id, TODAY);
      await getCompletionData(monitor, t1.id, TODAY);
      await getWorkLogPage(maker1, t1.id);
    }),
  };
}

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  [monitor, vendor1, maker1] = await Promise.all([actorFor("monitor@demo.kr"), actorFor("vendor1@demo.kr"), actorFor("maker1@demo.kr")]);
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("queries per page", () => {
  it("stay the same when the data grows twentyfold", async () => {
    const small = await pages();
    const t1 = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0001" } });
    for (let i = 0; i < 200; i++) {
      const t = await prisma.ticket.create({
        data: {
          number: `AS-QC-${i}`,
          programId: t1.programId,
          manufacturerId: t1.manufacturerId,
          supplierId: t1.supplierId,
          title: `증가 ${i}`,
          problem: "-",
          desiredOutcome: "-",
          state: i % 2 ? "in_progress" : "submitted",
          quoteTotal: 10_000_000,
          quotes: {
            create: {
              version: 1,
              total: 10_000_000,
              createdById: vendor1.userId,
              lines: { create: [{ kind: "sw", description: "개발", quantity: 1, unitPrice: 10_000_000, amount: 10_000_000 }] },
            },
          },
          workLogs: {
            create: Array.from({ length: 5 }, (_, k) => ({
              authorId: vendor1.userId,
              workedOn: TODAY,
              minutes: 60,
              description: `작업 ${k}`,
              status: "confirmed",
            })),
          },
          auditEvents: { create: [{ action: "ticket.create", summary: "작성", programId: t1.programId }] },
        },
      });
      void t;
    }
    // and more history on the ticket the detail page shows
    await prisma.workLog.createMany({
      data: Array.from({ length: 50 }, (_, k) => ({
        ticketId: t1.id,
        authorId: vendor1.userId,
        workedOn: TODAY,
        minutes: 30,
        description: `추가 ${k}`,
        status: "confirmed",
      })),
    });
    const large = await pages();
    expect(large).toEqual(small);
    console.log(`statements per page (11 and 211 tickets): ${JSON.stringify(small)}`);
    // Ceilings at today's counts, so a new per-row query cannot slip in.
    expect(small.list).toBeLessThanOrEqual(4);
    // inbox: its tickets and their manufacturers, then the pending-actions facts of the open ones, one
    // statement per kind of fact (tickets with targets, cost reviews, plans, work logs, extensions,
    // questions; drafts and evaluations only when some are in those states; issue 16: the experts'
    // assignments, the agreement drafts, the money (one statement for deposits and payments), the settlements
    // and the open changes, each only when some ticket is in a state that reads it)
    expect(small.inbox).toBeLessThanOrEqual(10);
    // one ticket: the scope check, then the facts (at most one statement per kind)
    expect(small.pending).toBeLessThanOrEqual(7);
    // the monitor's to-do: one bounded candidate query per TP state (9), questions, extensions, the
    // tickets' rows, then the facts; a manufacturer's: its open tickets, the rows, the facts and its drafts' records
    // (+3 cached counts of the whole to-do, cold here); issue 16: 정산 among the TP states, change requests
    // awaiting the TP (candidates and count), and the facts above
    expect(small.todoMonitor).toBeLessThanOrEqual(31);
    expect(small.todoMaker).toBeLessThanOrEqual(10);
    // dashboard (cold cache): one bounded due query per clock state and window (10), no relation loads;
    // the due rows' 다음 조치 from the pending-actions facts (one statement per kind present)
    expect(small.dashboard).toBeLessThanOrEqual(22);
    // issue 16: the guards' facts of the ticket's state (open changes in 과제수행) beyond its own include;
    // issue 17 (ADR 039): the figures' payments (지급액) and the notice's Technopark (timeline ①), one each
    expect(small.detail).toBeLessThanOrEqual(30);
    // completion report (supplier), completion check (monitor), work logs (manufacturer)
    expect(small.completion).toBeLessThanOrEqual(58);
  });

  // What a statement costs must not grow with the whole database either: the pages' statements
  // reach the big child tables only through an index on the parent (never a scan), and use no
  // relation `_count`, which Prisma renders as a GROUP BY over the entire child table (ADR 009).
  it("never scan a child table or count a whole relation", async () => {
    expect(statements.length).toBeGreaterThan(50);
    const relationCounts = statements.filter((s) => s.sql.includes("aggr_selection"));
    expect(relationCounts.map((s) => s.sql.slice(0, 120))).toEqual([]);
    const CHILD_TABLES = [
      "WorkLog",
      "WorkLogPart",
      "Attachment",
      "AuditEvent",
      "Quote",
      "QuoteLine",
      "Notification",
      "ApplicationDocument",
      "RequestedItem",
      "ExecutionPlan",
      "PlanMilestone",
      "CostReview",
      "SiteEvaluationScore",
      "TicketSupportType",
    ];
    const scans: string[] = [];
    for (const { sql, params } of statements) {
      const plan = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...(JSON.parse(params) as unknown[]));
      for (const { detail } of plan) {
        // "SCAN WorkLog" or "SCAN WorkLog USING INDEX …" reads every row; "SEARCH WorkLog USING INDEX (ticketId=?)" does not
        const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
        if (scanned && CHILD_TABLES.includes(scanned)) scans.push(`${detail} ← ${sql.slice(0, 160)}`);
      }
    }
    expect(scans).toEqual([]);
  });
});
