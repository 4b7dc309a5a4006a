// Live rooms follow access, on a real socket.io server (the hub as server.ts attaches it) with real
// socket.io clients and a real SQLite file: a user's or an organisation's change of access
// (endUserAccess / endOrganizationAccess), a ticket event whose audience no longer names a
// socket's organisation, and a socket's own requests after a change made in the database.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { useSeededDatabase } from "../support/seeded-db";
import { prisma } from "~/db.server";
import { createUserSession } from "~/auth/session.server";
import { attachRealtime } from "~/realtime/hub.server";
import { endOrganizationAccess, endUserAccess, publishCommitted, type DomainEvent } from "~/realtime/events.server";

useSeededDatabase();

type Received = { ticketId: string | null; summary: string };
type Client = { socket: ClientSocket; events: Received[]; accessChanges: number; since: () => Promise<{ ok: boolean; events?: Received[] }> };

let httpServer: http.Server;
let io: Server;
let detach: () => void;
let base: string;
const clients: Client[] = [];

beforeAll(async () => {
  httpServer = http.createServer();
  io = new Server(httpServer, { serveClient: false });
  detach = attachRealtime(io);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  base = `http://localhost:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const client of clients) client.socket.close();
  detach();
  await new Promise<void>((resolve) => io.close(() => resolve()));
});

async function userId(email: string) {
  return (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

/** A client with a fresh session of `email` (the cookie as the sign-in sets it). */
async function client(email: string): Promise<Client> {
  const signedIn = await createUserSession({ userId: await userId(email), redirectTo: null, request: new Request("http://localhost/login") });
  const cookie = signedIn.headers.get("Set-Cookie")!.split(";")[0];
  const socket = connect(base, { transports: ["websocket"], reconnection: false, extraHeaders: { Cookie: cookie, Origin: base } });
  const c: Client = {
    socket,
    events: [],
    accessChanges: 0,
    // its answer also comes after every event the server sent this socket before
    since: () => socket.emitWithAck("events:since", { seq: Number.MAX_SAFE_INTEGER }),
  };
  socket.on("ticket:event", (e: Received) => c.events.push(e));
  socket.on("access:changed", () => (c.accessChanges += 1));
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", resolve);
    socket.on("connect_error", reject);
  });
  clients.push(c);
  return c;
}

const join = (c: Client, ticketId: string) => c.socket.emitWithAck("ticket:join", { ticketId }) as Promise<{ ok: boolean; error?: string }>;

async function ticketOf(number: string) {
  return prisma.ticket.findUniqueOrThrow({
    where: { number },
    select: { id: true, programId: true, manufacturerId: true, supplierId: true, program: { select: { technoparkId: true } } },
  });
}

let seq = 1_000_000;
/** A committed change of the ticket as the workflow publishes it, read by `audience`. */
function publish(ticket: { id: string; programId: string }, audience: string[], summary: string) {
  const event: DomainEvent = {
    seq: ++seq,
    ticketId: ticket.id,
    ticketNumber: null,
    programId: ticket.programId,
    action: "test",
    state: "submitted",
    version: 1,
    actorId: null,
    actorName: null,
    summary,
    at: new Date().toISOString(),
    audience,
  };
  publishCommitted([event]);
}

const summaries = (c: Client) => c.events.map((e) => e.summary);
/** The rooms the server has the client's socket in (its own per-socket room aside). */
const roomsOf = (c: Client) => [...(io.of("/").sockets.get(c.socket.id!)?.rooms ?? [])].filter((room) => room !== c.socket.id);

async function moveUser(email: string, organizationId: string) {
  await prisma.user.update({ where: { email }, data: { organizationId } });
}

describe("live rooms follow access", () => {
  it("endUserAccess: from the call on, the user's sockets receive nothing; re-read, they are in the new organisation's rooms", async () => {
    const t4 = await ticketOf("AS-2026-0004"); // 대성플라스틱(주) × (주)넥스트엠이에스 (vendor2)
    const t1 = await ticketOf("AS-2026-0001"); // × (주)스마트팩토리솔루션 (vendor1)
    const vendor2 = await client("vendor2@demo.kr");
    const maker2 = await client("maker2@demo.kr");
    expect(await join(vendor2, t4.id)).toEqual({ ok: true });

    await moveUser("vendor2@demo.kr", t1.supplierId);
    try {
      endUserAccess(await userId("vendor2@demo.kr"));
      publish(t4, [t4.manufacturerId, t4.supplierId, t4.program.technoparkId], "이동 직후의 변경");
      await vi.waitFor(() => expect(summaries(maker2)).toContain("이동 직후의 변경"));
      await vi.waitFor(() => expect(vendor2.accessChanges).toBe(1));
      publish(t1, [t1.manufacturerId, t1.supplierId, t1.program.technoparkId], "새 회사 과제의 변경");
      await vendor2.since();
      expect(summaries(vendor2)).toEqual(["새 회사 과제의 변경"]);
      expect(await join(vendor2, t4.id)).toEqual({ ok: false, error: "not_found" });
      expect(vendor2.socket.connected).toBe(true);
    } finally {
      await moveUser("vendor2@demo.kr", t4.supplierId);
    }
  });

  it("endOrganizationAccess: members without a session any more are disconnected; others are untouched", async () => {
    const t4 = await ticketOf("AS-2026-0004");
    const vendor2 = await client("vendor2@demo.kr");
    const maker2 = await client("maker2@demo.kr");
    const disconnected = new Promise((resolve) => vendor2.socket.on("disconnect", resolve));
    // the organisation deactivated: its members' sessions end with it
    await prisma.session.deleteMany({ where: { user: { organizationId: t4.supplierId } } });
    endOrganizationAccess(t4.supplierId);
    await disconnected;
    publish(t4, [t4.manufacturerId, t4.supplierId, t4.program.technoparkId], "비활성화 뒤의 변경");
    await vi.waitFor(() => expect(summaries(maker2)).toEqual(["비활성화 뒤의 변경"]));
    expect(vendor2.events).toEqual([]);
  });

  it("endOrganizationAccess when nothing changed: the members are back in their rooms, told nothing", async () => {
    const t4 = await ticketOf("AS-2026-0004");
    const maker2 = await client("maker2@demo.kr");
    expect(await join(maker2, t4.id)).toEqual({ ok: true });
    endOrganizationAccess(t4.manufacturerId);
    expect(roomsOf(maker2)).toEqual([]); // out of every room at once
    await maker2.since(); // waits for the re-check
    expect(roomsOf(maker2).sort()).toEqual([`org:${t4.manufacturerId}`, `ticket:${t4.id}`, `user:${await userId("maker2@demo.kr")}`]);
    expect(maker2.accessChanges).toBe(0);
  });

  it("a ticket event takes out of the ticket's room the sockets whose organisation is not in its audience", async () => {
    const t1 = await ticketOf("AS-2026-0001");
    const vendor1 = await client("vendor1@demo.kr");
    const monitor = await client("monitor@demo.kr");
    expect(await join(vendor1, t1.id)).toEqual({ ok: true });
    // e.g. the ticket went to another supplier: the event's audience no longer names this one
    publish(t1, [t1.manufacturerId, t1.program.technoparkId], "공급기업이 바뀐 변경");
    await vi.waitFor(() => expect(summaries(monitor)).toEqual(["공급기업이 바뀐 변경"]));
    await vendor1.since();
    expect(vendor1.events).toEqual([]);
    expect(roomsOf(vendor1)).not.toContain(`ticket:${t1.id}`);
  });

  it("a socket's own requests act on its actor as the database has it now, and move it at once", async () => {
    const t4 = await ticketOf("AS-2026-0004");
    const t1 = await ticketOf("AS-2026-0001");
    const vendor2 = await client("vendor2@demo.kr");
    await moveUser("vendor2@demo.kr", t1.supplierId); // no call to the hub: a change made in the database
    try {
      expect(await join(vendor2, t4.id)).toEqual({ ok: false, error: "not_found" });
      expect(vendor2.accessChanges).toBe(1);
      publish(t4, [t4.manufacturerId, t4.supplierId, t4.program.technoparkId], "옛 회사 과제의 변경");
      await vendor2.since();
      expect(vendor2.events).toEqual([]);
    } finally {
      await moveUser("vendor2@demo.kr", t4.supplierId);
    }
  });
});
