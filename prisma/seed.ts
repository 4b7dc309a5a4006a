// `npm run db:seed` (and `node dist/seed.js --if-empty` from `npm start` and `npm run dev`, so at every start):
// seeds the demo data (prisma/demo-data.ts) into an empty database only, and only in demo mode. With
// DEMO_MODE=off it seeds nothing and warns loudly when demo accounts (known password) are present.
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { demoMode } from "~/utils/env.server";
import { DEMO_ACCOUNTS } from "~/utils/demo-accounts";
import { addDays, seoulDate } from "~/domain";
import { captureSubmittedFacts } from "~/models/submitted-facts.server";
import { DEMO_PASSWORD, seedDemoData } from "./demo-data";
import { demoTicketNumber } from "./demo-calendar";

/**
 * Every seeded application that is past its draft, captured as submitted (ADR 018): the seed
 * writes them as if submitted with today's profiles, so the demo's review pages show the
 * application as submitted and, once a company edits its profile, what changed since.
 */
async function captureSeededApplications(): Promise<void> {
  const submitted = await prisma.ticket.findMany({
    where: { state: { not: "draft" } },
    select: { id: true, manufacturer: true, supplier: { select: { id: true, businessNumber: true, name: true } } },
  });
  await prisma.$transaction(async (tx) => {
    for (const ticket of submitted) await captureSubmittedFacts(tx, ticket);
  });
}

/** One ticket of the demo already has its officer in charge (담당자, ADR 027): 원가적정성 검토 (the sixth), the monitor's since 3 days. */
async function assignDemoOfficer(today: string): Promise<void> {
  const monitor = await prisma.user.findUnique({ where: { email: "monitor@demo.kr" }, select: { id: true } });
  if (!monitor) return;
  await prisma.ticket.updateMany({
    where: { number: demoTicketNumber(6, today) },
    data: { assigneeId: monitor.id, assignedAt: new Date(`${addDays(today, -3)}T10:00:00+09:00`) },
  });
}

/** The demo accounts present in this database: their password is published in the README. */
async function demoAccountsPresent(): Promise<string[]> {
  const emails = DEMO_ACCOUNTS.map((account) => account.email);
  return (await prisma.user.findMany({ where: { email: { in: emails } }, select: { email: true } })).map((user) => user.email);
}

/** DEMO_MODE=off: no demo data; demo accounts left over from a demo database are a hole, said loudly at every start. */
async function productionStart(): Promise<void> {
  const present = await demoAccountsPresent();
  if (present.length > 0) {
    const line = "!".repeat(78);
    console.warn(
      [
        line,
        `WARNING: DEMO_MODE=off but this database holds ${present.length} demo account(s) whose password is public:`,
        `  ${present.join(", ")}`,
        "Anyone can sign in with them. Use a fresh database for production, or remove these accounts.",
        line,
      ].join("\n"),
    );
  }
  if ((await prisma.organization.count({ where: { kind: "technopark" } })) === 0)
    console.log("DEMO_MODE=off: no demo data seeded. Create the Technopark's first admin with `npm run admin:create -- --help` (README).");
}

async function main() {
  const ifEmpty = process.argv.includes("--if-empty");
  await databaseReady();
  if (!demoMode()) return productionStart();
  const existing = await prisma.program.count();
  if (existing > 0) {
    console.log(ifEmpty ? "Database has data: not seeding." : "Database already has data: not seeding (use a fresh DATABASE_URL to reseed).");
    return;
  }
  const today = seoulDate(new Date());
  const result = await seedDemoData(today);
  await captureSeededApplications();
  await assignDemoOfficer(today);
  const users = await prisma.user.count();
  console.log(`Seeded demo data: 1 program, ${result.tickets} tickets, ${users} users (password ${DEMO_PASSWORD}), dates relative to ${today}.`);
}

main()
  .then(() => closeDatabase())
  .catch(async (error) => {
    console.error("Seeding failed:", error);
    await closeDatabase();
    process.exit(1);
  });
