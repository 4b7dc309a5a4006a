// Which SQL statements a page's loaders issue at scale, and how long each takes:
//   npx tsx scripts/bench/page-queries.ts [data/bench/scale-100000.db] [rounds]
// Runs the model calls of each benchmarked page (root loader + page loader, as the
// route modules do) against a `seed:scale` database, with the aggregate cache cold
// on round 1 and warm after, and prints per page: statements, total ms, the slowest.
import path from "node:path";

const file = path.resolve(process.argv[2] ?? "data/bench/scale-100000.db");
const rounds = Number(process.argv[3] ?? 3);
process.env.DATABASE_URL = `file:${file}`;
process.env.COUNT_QUERIES = "1";

const { prisma, databaseReady, queryCounter } = await import("~/db.server");
const { actorFromSessionId } = await import("~/auth/session.server");
const { unreadCount } = await import("~/models/notification.server");
const { getDashboard } = await import("~/models/dashboard.server");
const { listFilterOptions, listMonitorTickets, parseListFilters } = await import("~/models/ticket-list.server");
const { listTickets } = await import("~/models/ticket.server");
const { getTicketPage } = await import("~/models/ticket-page.server");
const { listInbox } = await import("~/models/inbox.server");
const { seoulDate } = await import("~/domain");
await databaseReady();

async function sessionFor(sql: string) {
  const [{ id: userId }] = await prisma.$queryRawUnsafe<{ id: string }[]>(sql);
  const id = `pq-${userId}`.padEnd(43, "q").slice(0, 43);
  await prisma.session.upsert({
    where: { id },
    create: { id, userId, expiresAt: new Date(Date.now() + 3_600_000) },
    update: { expiresAt: new Date(Date.now() + 3_600_000) },
  });
  return id;
}
const monitorSession = await sessionFor(
  `SELECT u.id FROM User u JOIN Program p ON p.technoparkId = u.organizationId WHERE u.role = 'monitor' LIMIT 1`,
);
const supplierSession = await sessionFor(
  `SELECT u.id FROM User u JOIN Ticket t ON t.supplierId = u.organizationId WHERE u.role = 'supplier' GROUP BY u.id ORDER BY COUNT(*) DESC LIMIT 1`,
);
const [{ id: ticketId }] = await prisma.$queryRawUnsafe<{ id: string }[]>(
  `SELECT id FROM Ticket WHERE state = 'in_progress' ORDER BY id LIMIT 1 OFFSET 7`,
);
const today = seoulDate(new Date());

async function root(session: string) {
  // the root loader; the page's loader shares its actor (one lookup per request)
  const actor = (await actorFromSessionId(session))!;
  await unreadCount(actor);
  return actor;
}

const pages: Record<string, () => Promise<unknown>> = {
  dashboard: async () => {
    const actor = await root(monitorSession);
    const filters = parseListFilters(new URLSearchParams());
    await Promise.all([getDashboard(actor, filters, today), listMonitorTickets(actor, filters, { total: false }), listFilterOptions(actor)]);
  },
  list: async () => {
    const actor = await root(monitorSession);
    await listTickets(actor, { state: "in_progress", page: 100 });
  },
  ticket: async () => {
    const actor = await root(monitorSession);
    await getTicketPage(actor, ticketId, today);
  },
  inbox: async () => {
    const actor = await root(supplierSession);
    await listInbox(actor, { today });
  },
};

for (const [name, run] of Object.entries(pages)) {
  if (process.env.PAGES && !process.env.PAGES.split(",").includes(name)) continue;
  for (let round = 1; round <= rounds; round++) {
    queryCounter.log = [];
    const started = performance.now();
    await run();
    const wall = performance.now() - started;
    const log = queryCounter.log;
    queryCounter.log = null;
    const sqlMs = log.reduce((sum, q) => sum + q.ms, 0);
    console.log(`\n${name} round ${round}: ${log.length} statements, ${sqlMs} ms in SQL, ${wall.toFixed(1)} ms wall`);
    if (round === rounds || round === 1) {
      for (const q of [...log].sort((a, b) => b.ms - a.ms).slice(0, 6))
        console.log(`  ${String(q.ms).padStart(5)} ms  ${q.sql.replace(/\s+/g, " ").slice(0, Number(process.env.SQL_CHARS ?? 400))}`);
    }
  }
}
await prisma.$disconnect();
