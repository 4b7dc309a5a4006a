// The demo's calendar (issue 17): its program opens the day its oldest ticket was drafted, so the
// program's year, its notice number and every ticket number agree with the ticket dates on whatever
// day the demo is seeded. Kept apart from demo-data.ts (no database) so end-to-end tests can name the
// demo's tickets the way the seed numbered them. Relative import: tsx, Vite and Playwright all load it.
import { addDays, type IsoDate } from "../app/domain/dates";

/** The oldest day of the demo story (the completed ticket's draft), in days before the seeding day. */
const DEMO_STORY_DAYS = 330;

/** The day the demo program's notice opened (a "2024" program with 2026 tickets did not agree). */
export function demoProgramOpensOn(today: IsoDate): IsoDate {
  return addDays(today, -DEMO_STORY_DAYS);
}

/** The demo program's year: the year its notice opened. */
export function demoProgramYear(today: IsoDate): number {
  return Number(demoProgramOpensOn(today).slice(0, 4));
}

/** The number of the demo's `serial`-th ticket when seeded on `today`, e.g. (4, 2026-12-01) → AS-2026-0004. */
export function demoTicketNumber(serial: number, today: IsoDate): string {
  return `AS-${demoProgramYear(today)}-${String(serial).padStart(4, "0")}`;
}
