// `npm run db:seed` (and `node dist/seed.js --if-empty` from `npm start`):
// seeds the demo data (prisma/demo-data.ts) into an empty database only.
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seoulDate } from "~/domain";
import { captureSubmittedFacts } from "~/models/submitted-facts.server";
import { DEMO_PASSWORD, seedDemoData } from "./demo-data";

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

async function main() {
  const ifEmpty = process.argv.includes("--if-empty");
  await databaseReady();
  const existing = await prisma.program.count();
  if (existing > 0) {
    console.log(ifEmpty ? "Database has data: not seeding." : "Database already has data: not seeding (use a fresh DATABASE_URL to reseed).");
    return;
  }
  const today = seoulDate(new Date());
  const result = await seedDemoData(today);
  await captureSeededApplications();
  console.log(`Seeded demo data: 1 program, ${result.tickets} tickets, 6 users (password ${DEMO_PASSWORD}), dates relative to ${today}.`);
}

main()
  .then(() => closeDatabase())
  .catch(async (error) => {
    console.error("Seeding failed:", error);
    await closeDatabase();
    process.exit(1);
  });
