// `npm run db:seed` (and `node dist/seed.js --if-empty` from `npm start`):
// seeds the demo data (prisma/demo-data.ts) into an empty database only.
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seoulDate } from "~/domain";
import { DEMO_PASSWORD, seedDemoData } from "./demo-data";

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
  console.log(`Seeded demo data: 1 program, ${result.tickets} tickets, 6 users (password ${DEMO_PASSWORD}), dates relative to ${today}.`);
}

main()
  .then(() => closeDatabase())
  .catch(async (error) => {
    console.error("Seeding failed:", error);
    await closeDatabase();
    process.exit(1);
  });
