// A write that does not get the database in time — its turn in this process does not come, or another
// process (a worker, a node) holds the database's own lock — is answered with the form as it was typed and a
// Korean "try again" (503), not the error page of a 500; nothing of it is written, and the same post later
// succeeds. Through the real step helper of a real route (신청철회), on the real database of the run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import pg from "pg";
import { removeTestDatabase, testDatabaseFile } from "../support/test-db";
import { closeDatabase, databaseProvider, databaseReady, isDatabaseBusy, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { createUserSession } from "~/auth/session.server";
import { action as withdrawAction } from "~/routes/tickets.$ticketId.withdraw";
import { DATABASE_BUSY } from "~/utils/ticket-step.server";

// a short wait for a write's turn (default 10 s), so that running out of it takes a moment here
process.env.DATABASE_WRITE_WAIT_MS = "300";

const provider = databaseProvider();
let cookie = "";

beforeAll(async () => {
  await databaseReady();
  await seedDemoData("2026-11-27");
  const maker = await prisma.user.findUniqueOrThrow({ where: { email: "maker1@demo.kr" } });
  const signedIn = await createUserSession({ userId: maker.id, redirectTo: null, request: new Request("http://localhost/login") });
  cookie = (signedIn.headers.get("Set-Cookie") ?? "").split(";")[0]!;
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

/** A ticket of maker1 that may still be withdrawn, as a fresh draft (so each case has its own). */
async function withdrawableTicket(number: string) {
  const maker = await prisma.user.findUniqueOrThrow({ where: { email: "maker1@demo.kr" } });
  const template = await prisma.ticket.findFirstOrThrow({ where: { manufacturerId: maker.organizationId } });
  return prisma.ticket.create({
    data: {
      number,
      programId: template.programId,
      manufacturerId: template.manufacturerId,
      supplierId: template.supplierId,
      title: `혼잡 시험 ${number}`,
      problem: "시험",
      desiredOutcome: "시험",
      state: "draft",
    },
  });
}

function withdraw(ticketId: string, version: number) {
  const body = new URLSearchParams({ version: String(version), confirmed: "yes", reason: "일정이 맞지 않아 철회합니다" });
  const request = new Request(`http://localhost/tickets/${ticketId}/withdraw`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  return withdrawAction({ request, params: { ticketId }, context: {} });
}

type Reply = {
  data: { result: { status: string; error?: Record<string, string[]>; initialValue?: Record<string, unknown> }; form?: string };
  init: { status: number };
};

async function expectBusyReply(answer: Promise<unknown>, ticketId: string) {
  const reply = (await answer) as Reply;
  expect(reply.init.status).toBe(503);
  expect(reply.data.result.status).toBe("error");
  expect(reply.data.result.error?.[""]).toEqual([DATABASE_BUSY]);
  // what was typed comes back to the form
  expect(reply.data.result.initialValue?.reason).toBe("일정이 맞지 않아 철회합니다");
  // and nothing was written
  const after = await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
  expect(after.state).toBe("draft");
}

async function expectWithdrawn(ticketId: string, version: number) {
  const answer = (await withdraw(ticketId, version)) as Response;
  expect(answer).toBeInstanceOf(Response);
  expect(answer.status).toBe(302);
  expect(answer.headers.get("Location")).toBe(`/tickets/${ticketId}`);
  expect((await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).state).toBe("withdrawn");
}

describe("a write that does not get the database in time", () => {
  it("waits its turn in the process no longer than the wait, then comes back as typed with a 503", async () => {
    const ticket = await withdrawableTicket("AS-2026-9901");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // a long write of this process holds the turn
    const holder = prisma.$transaction(
      async (tx) => {
        await tx.user.count();
        await held;
      },
      { maxWait: 5_000, timeout: 10_000 },
    );
    try {
      await expectBusyReply(withdraw(ticket.id, ticket.version), ticket.id);
    } finally {
      release();
      await holder;
    }
    // the same post once the turn is free
    await expectWithdrawn(ticket.id, ticket.version);
  });

  it("another process holding the database's own lock is the same 503, and the post goes through once it lets go", async () => {
    const ticket = await withdrawableTicket("AS-2026-9902");
    let letGo: () => Promise<void>;
    if (provider === "sqlite") {
      // a second process's writer (a worker of WEB_CONCURRENCY): past the busy timeout SQLite says SQLITE_BUSY
      const other = new Database(testDatabaseFile);
      other.exec("BEGIN IMMEDIATE");
      letGo = async () => {
        other.exec("ROLLBACK");
        other.close();
      };
    } else {
      // another node's transaction holds the advisory lock every write takes (ADR 041)
      const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await other.connect();
      await other.query("BEGIN");
      await other.query("SELECT pg_advisory_xact_lock(4107181018)");
      letGo = async () => {
        await other.query("ROLLBACK");
        await other.end();
      };
    }
    try {
      await expectBusyReply(withdraw(ticket.id, ticket.version), ticket.id);
    } finally {
      await letGo();
    }
    await expectWithdrawn(ticket.id, ticket.version);
  }, 20_000);

  it("tells busy from every other failure", () => {
    for (const code of ["P2028", "P1008", "P2034"]) expect(isDatabaseBusy({ code })).toBe(true);
    for (const error of [{ code: "P2002" }, { code: "P2025" }, new Error("database is locked"), null, undefined, "P2028"]) {
      expect(isDatabaseBusy(error)).toBe(false);
    }
  });
});
