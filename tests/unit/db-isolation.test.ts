// The one Prisma client shares a SQLite file between requests that run at the
// same time. A request's statements must never run inside another request's
// open transaction: they would read its uncommitted rows, and a write made
// there would vanish when that transaction rolls back (a refused workflow step
// does), although it was acknowledged to its own user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";

beforeAll(async () => {
  await databaseReady();
  await seedDemoData("2026-11-27");
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

/** Opens a transaction that changes a ticket's title, then waits for `release` and throws (rolls back). */
function refusedStepHolding(number: string, release: Promise<void>) {
  let inside!: () => void;
  const opened = new Promise<void>((resolve) => (inside = resolve));
  const done = prisma
    .$transaction(async (tx) => {
      await tx.ticket.update({ where: { number }, data: { title: "커밋되지 않은 제목" } });
      inside();
      await release;
      throw new Error("refused");
    })
    .catch((error: Error) => error.message);
  return { opened, done };
}

describe("concurrent statements and an open transaction", () => {
  it("a read beside an open transaction sees only committed data", async () => {
    let release!: () => void;
    const step = refusedStepHolding("AS-2026-0001", new Promise((r) => (release = r)));
    await step.opened;
    const seen = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0001" }, select: { title: true } });
    release();
    expect(await step.done).toBe("refused");
    expect(seen.title).not.toBe("커밋되지 않은 제목");
  });

  it("a write beside a transaction that rolls back is kept", async () => {
    let release!: () => void;
    const step = refusedStepHolding("AS-2026-0002", new Promise((r) => (release = r)));
    await step.opened;
    const user = await prisma.user.findFirstOrThrow({ where: { email: "maker1@demo.kr" } });
    const written = prisma.session.create({ data: { id: "s".repeat(43), userId: user.id, expiresAt: new Date(Date.now() + 60_000) } });
    // the write may wait for the transaction; let the transaction end either way
    setTimeout(release, 50);
    await written;
    expect(await step.done).toBe("refused");
    expect(await prisma.session.count({ where: { id: "s".repeat(43) } })).toBe(1);
    expect((await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0002" } })).title).not.toBe("커밋되지 않은 제목");
  });
});
