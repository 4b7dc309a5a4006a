// Live updates across nodes (issue 18, item 2; ADR 042): two socket.io servers in this process, each with
// the hub as server.ts attaches it and its own Redis connection, joined by the Redis adapter on a private
// Redis; real socket.io clients, a real SQLite file. The hub's messages are published by node B (the hub
// registered last, where publishCommitted and the access calls land) and must be acted on by node A for
// its own sockets: events reach them, rooms are pruned, sessions ended, access re-checked. Redis restarted:
// the sockets of both nodes reconnect, catch up from the audit trail and receive live events again.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { useSeededDatabase } from "../support/seeded-db";
import { prisma } from "~/db.server";
import { createUserSession, readSessionId } from "~/auth/session.server";
import { attachRealtime } from "~/realtime/hub.server";
import { joinPeers } from "~/realtime/cluster.server";
import { connectRedis, type RedisLink } from "~/realtime/redis.server";
import { endLiveSession, endUserAccess, publishCommitted, type DomainEvent } from "~/realtime/events.server";
import { startRedis } from "../../scripts/services/private-services.mjs";

useSeededDatabase();

type Received = { seq: number; summary: string };
type Client = { socket: ClientSocket; events: Received[]; sessionId: string; connects: number };
type Node = { io: Server; base: string; link: RedisLink; detach: () => void };

let redis: Awaited<ReturnType<typeof startRedis>>;
let nodeA: Node;
let nodeB: Node;
const clients: Client[] = [];

async function startNode(): Promise<Node> {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false });
  const link = await connectRedis(redis.url);
  const detach = attachRealtime(io, joinPeers(io, link));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  return { io, link, detach, base: `http://localhost:${(httpServer.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  redis = await startRedis();
  nodeA = await startNode();
  nodeB = await startNode(); // registered last: the hub that publishCommitted and endLiveSession reach
});

afterAll(async () => {
  for (const client of clients) client.socket.close();
  for (const node of [nodeA, nodeB]) {
    node.detach();
    await new Promise<void>((resolve) => node.io.close(() => resolve()));
    await node.link.close();
  }
  await redis.stop();
});

async function userId(email: string) {
  return (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

/**
 * A client of `node` with a fresh session of `email`. Like the browser's (app/components/live-updates.tsx)
 * it reconnects by itself and, at each connect, asks for what it missed after the last event it saw.
 */
async function client(node: Node, email: string, base = node.base): Promise<Client> {
  const signedIn = await createUserSession({ userId: await userId(email), redirectTo: null, request: new Request("http://localhost/login") });
  const cookie = signedIn.headers.get("Set-Cookie")!.split(";")[0];
  const socket = connect(base, {
    transports: ["websocket"],
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    extraHeaders: { Cookie: cookie, Origin: base },
  });
  const c: Client = { socket, events: [], sessionId: (await readSessionId(cookie))!, connects: 0 };
  const apply = (e: Received) => {
    if (!c.events.some((seen) => seen.seq === e.seq)) c.events.push(e);
  };
  socket.on("ticket:event", apply);
  socket.on("connect", () => {
    c.connects += 1;
    const last = Math.max(0, ...c.events.map((e) => e.seq));
    if (last > 0) socket.emit("events:since", { seq: last }, (reply: { events?: Received[] }) => reply.events?.forEach(apply));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  clients.push(c);
  return c;
}

const join = (c: Client, ticketId: string) => c.socket.emitWithAck("ticket:join", { ticketId }) as Promise<{ ok: boolean }>;
/** A round trip to the socket's node: whatever that node sent the socket before has arrived. */
const roundTrip = (c: Client) => c.socket.emitWithAck("events:since", { seq: Number.MAX_SAFE_INTEGER });
const summaries = (c: Client) => c.events.map((e) => e.summary);

async function ticketOf(number: string) {
  return prisma.ticket.findUniqueOrThrow({
    where: { number },
    select: { id: true, programId: true, manufacturerId: true, supplierId: true, program: { select: { technoparkId: true } } },
  });
}
type Ticket = Awaited<ReturnType<typeof ticketOf>>;
const everyone = (t: Ticket) => [t.manufacturerId, t.supplierId, t.program.technoparkId];

/** A change of the ticket committed (its audit row) and published, as the workflow does. */
async function commit(ticket: Ticket, audience: string[], summary: string): Promise<number> {
  const row = await prisma.auditEvent.create({
    data: { ticketId: ticket.id, programId: ticket.programId, action: "test", toState: "submitted", ticketVersion: 1, summary },
  });
  const event: DomainEvent = {
    seq: row.seq,
    ticketId: ticket.id,
    ticketNumber: null,
    programId: ticket.programId,
    action: "test",
    state: "submitted",
    version: 1,
    actorId: null,
    actorName: null,
    summary,
    at: row.createdAt.toISOString(),
    audience,
  };
  publishCommitted([event]);
  return row.seq;
}

describe("live updates across nodes joined by Redis", () => {
  it("an event published on node B reaches the clients of node A allowed to read it", async () => {
    const t4 = await ticketOf("AS-2026-0004"); // maker2 × vendor2
    const maker2OnA = await client(nodeA, "maker2@demo.kr");
    const vendor2OnB = await client(nodeB, "vendor2@demo.kr");
    const vendor1OnA = await client(nodeA, "vendor1@demo.kr"); // another supplier's: not its ticket
    await commit(t4, everyone(t4), "B에서 저장한 변경");
    await vi.waitFor(() => expect(summaries(maker2OnA)).toEqual(["B에서 저장한 변경"]));
    await vi.waitFor(() => expect(summaries(vendor2OnB)).toEqual(["B에서 저장한 변경"]));
    await roundTrip(vendor1OnA);
    expect(vendor1OnA.events).toEqual([]);
  });

  it("node A prunes its own ticket room before delivering an event from node B", async () => {
    const t1 = await ticketOf("AS-2026-0001");
    const vendor1OnA = await client(nodeA, "vendor1@demo.kr");
    const monitorOnA = await client(nodeA, "monitor@demo.kr");
    expect(await join(vendor1OnA, t1.id)).toEqual({ ok: true });
    // e.g. the ticket went to another supplier: the event's audience no longer names vendor1's company
    await commit(t1, [t1.manufacturerId, t1.program.technoparkId], "공급기업이 바뀐 변경");
    await vi.waitFor(() => expect(summaries(monitorOnA)).toEqual(["공급기업이 바뀐 변경"])); // node A has acted on it
    await roundTrip(vendor1OnA);
    expect(vendor1OnA.events).toEqual([]);
    expect([...(nodeA.io.of("/").sockets.get(vendor1OnA.socket.id!)?.rooms ?? [])]).not.toContain(`ticket:${t1.id}`);
  });

  it("a session ended on node B loses its socket on node A", async () => {
    const maker1OnA = await client(nodeA, "maker1@demo.kr");
    const disconnected = new Promise((resolve) => maker1OnA.socket.once("disconnect", resolve));
    endLiveSession(maker1OnA.sessionId);
    expect(await disconnected).toBe("io server disconnect");
  });

  it("an access change announced on node B moves the user's socket on node A", async () => {
    const t4 = await ticketOf("AS-2026-0004");
    const t1 = await ticketOf("AS-2026-0001");
    const vendor2OnA = await client(nodeA, "vendor2@demo.kr");
    const maker2OnA = await client(nodeA, "maker2@demo.kr");
    const changed = new Promise((resolve) => vendor2OnA.socket.once("access:changed", resolve));
    await prisma.user.update({ where: { email: "vendor2@demo.kr" }, data: { organizationId: t1.supplierId } });
    try {
      endUserAccess(await userId("vendor2@demo.kr"));
      await changed;
      await commit(t4, everyone(t4), "이동 뒤 옛 회사 과제의 변경");
      await vi.waitFor(() => expect(summaries(maker2OnA)).toContain("이동 뒤 옛 회사 과제의 변경"));
      await roundTrip(vendor2OnA);
      expect(summaries(vendor2OnA)).not.toContain("이동 뒤 옛 회사 과제의 변경");
    } finally {
      await prisma.user.update({ where: { email: "vendor2@demo.kr" }, data: { organizationId: t4.supplierId } });
    }
  });

  it("a client that reconnects to the other node catches up on what it missed", async () => {
    const t4 = await ticketOf("AS-2026-0004");
    const onA = await client(nodeA, "maker3@demo.kr");
    const maker2OnA = await client(nodeA, "maker2@demo.kr");
    await commit(t4, everyone(t4), "끊기기 전");
    await vi.waitFor(() => expect(summaries(maker2OnA)).toContain("끊기기 전"));
    maker2OnA.socket.disconnect();
    await commit(t4, everyone(t4), "끊긴 동안");
    // the browser's next connection lands on node B
    const last = Math.max(...maker2OnA.events.map((e) => e.seq));
    const again = await client(nodeB, "maker2@demo.kr");
    const reply = (await again.socket.emitWithAck("events:since", { seq: last })) as { ok: boolean; events: Received[] };
    expect(reply.events.map((e) => e.summary)).toEqual(["끊긴 동안"]);
    expect(onA.events).toEqual([]); // maker3 reads neither
  });

  it("Redis restarted: the sockets of both nodes reconnect, catch up on what was committed meanwhile, and live events flow again", async () => {
    const t4 = await ticketOf("AS-2026-0004");
    const maker2OnA = await client(nodeA, "maker2@demo.kr");
    const vendor2OnB = await client(nodeB, "vendor2@demo.kr");
    await commit(t4, everyone(t4), "재시작 전");
    await vi.waitFor(() => expect(summaries(maker2OnA)).toContain("재시작 전"));
    const restarted = redis.restart({ downMs: 500 });
    await vi.waitFor(() => expect(nodeA.link.isUp() || nodeB.link.isUp()).toBe(false));
    await commit(t4, everyone(t4), "Redis가 없는 동안"); // committed on node B: its own socket gets it, node A's cannot
    await restarted;
    await vi.waitFor(() => expect(nodeA.link.isUp() && nodeB.link.isUp()).toBe(true), { timeout: 10_000 });
    // node A's socket was closed when the nodes rejoined, reconnected and asked for what it missed
    await vi.waitFor(() => expect(summaries(maker2OnA)).toContain("Redis가 없는 동안"), { timeout: 10_000 });
    expect(maker2OnA.connects).toBeGreaterThan(1);
    await commit(t4, everyone(t4), "재시작 후");
    await vi.waitFor(() => expect(summaries(maker2OnA)).toContain("재시작 후"));
    await vi.waitFor(() => expect(summaries(vendor2OnB)).toEqual(["재시작 전", "Redis가 없는 동안", "재시작 후"]));
  });
});
