// Whole-won amounts and counters are the same on both databases: an amount over 2,147,483,647 won (a program
// budget of 50억 원) is kept and read back as the number it was, on SQLite (64-bit INTEGER) and on PostgreSQL
// (bigint columns, handed to the app as numbers: app/db.server.ts). On PostgreSQL's 32-bit `integer` the
// budget was refused (P2020) and a catch-up request for events after a large seq failed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma, withNumbers } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import { getProgram, updateProgram } from "~/models/program-settings.server";
import { paramsOf } from "~/models/program.server";
import type { Actor } from "~/auth/actor";

const FIFTY_BILLION_WON = 5_000_000_000; // 50억 원
let monitor: Actor;

beforeAll(async () => {
  await databaseReady();
  await seedDemoData("2026-11-27");
  const user = await prisma.user.findUniqueOrThrow({ where: { email: "monitor@demo.kr" } });
  const id = "large".padEnd(43, "l");
  await prisma.session.create({ data: { id, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  monitor = (await actorFromSessionId(id))!;
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("amounts over 2,147,483,647 won", () => {
  it("a program's budget of 50억 원 is saved through the settings and read back as that number", async () => {
    const program = await prisma.program.findFirstOrThrow({ where: { technoparkId: monitor.organizationId } });
    expect(typeof program.version).toBe("number");
    const input = {
      ...paramsOf(program),
      name: program.name,
      year: program.year,
      noticeNumber: program.noticeNumber,
      intakeOpensOn: program.intakeOpensOn,
      intakeClosesOn: program.intakeClosesOn,
      subsidyBudget: FIFTY_BILLION_WON,
    };
    const updated = await updateProgram(monitor, program.id, program.version, input);
    expect(updated.version).toBe(program.version + 1);
    // only what changed is in the audit (a bigint beside a number would have counted every field as changed)
    expect(Object.keys(updated.changes)).toEqual(["subsidyBudget"]);
    const after = await getProgram(monitor, program.id);
    expect(after?.subsidyBudget).toBe(FIFTY_BILLION_WON);
    expect(after?.version).toBe(program.version + 1);
  });

  it("sums, nested reads and raw SQL give numbers too", async () => {
    const sum = await prisma.program.aggregate({ _sum: { subsidyBudget: true }, _max: { subsidyBudget: true } });
    expect(sum._max.subsidyBudget).toBe(FIFTY_BILLION_WON);
    const budgets = await prisma.program.findMany({ select: { subsidyBudget: true } });
    expect(sum._sum.subsidyBudget).toBe(budgets.reduce((total, p) => total + p.subsidyBudget, 0));
    const withTickets = await prisma.program.findFirstOrThrow({
      where: { subsidyBudget: { gt: 2_147_483_647 } },
      include: { tickets: { take: 1, select: { version: true } } },
    });
    expect(withTickets.subsidyBudget).toBe(FIFTY_BILLION_WON);
    expect(typeof withTickets.tickets[0]?.version).toBe("number");
    const raw = await prisma.$queryRaw<{ budget: unknown; n: unknown }[]>`
      SELECT "subsidyBudget" AS "budget", (SELECT COUNT(*) FROM "Ticket") AS "n" FROM "Program" WHERE "subsidyBudget" = ${FIFTY_BILLION_WON}`;
    expect(raw).toHaveLength(1);
    expect(raw[0]!.budget).toBe(FIFTY_BILLION_WON);
    // a count in raw SQL is whatever the driver gives (a bigint on SQLite): the app converts those itself
    expect(Number(raw[0]!.n)).toBe(await prisma.ticket.count());
  });

  it("events after any sequence number a client may send are found or none, never an error", async () => {
    const last = await prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(typeof last.seq).toBe("number");
    expect(await prisma.auditEvent.findMany({ where: { seq: { gt: Number.MAX_SAFE_INTEGER } } })).toEqual([]);
    expect(await prisma.auditEvent.count({ where: { seq: { gt: last.seq - 1 } } })).toBe(1);
  });
});

describe("withNumbers", () => {
  it("turns every bigint into a number, at any depth, and leaves other values alone", () => {
    const at = new Date("2026-12-01T00:00:00Z");
    const bytes = new Uint8Array([1, 2]);
    const value = withNumbers({ a: 5_000_000_000n, b: [1n, { c: 2n, d: null }], at, bytes, s: "7", n: 3 }) as Record<string, unknown>;
    expect(value).toEqual({ a: 5_000_000_000, b: [1, { c: 2, d: null }], at, bytes, s: "7", n: 3 });
    expect(value.at).toBe(at);
    expect(value.bytes).toBe(bytes);
    expect(withNumbers(12n)).toBe(12);
    expect(withNumbers(null)).toBeNull();
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { x: 1n });
    expect((withNumbers(bare) as Record<string, unknown>).x).toBe(1);
  });
});
