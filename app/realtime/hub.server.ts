// The realtime hub: the only module that touches socket.io.
// - Connections are authenticated with the same signed session cookie and
//   database session as the pages, and must come from the app's own origin.
// - Rooms are decided by the server: the user, the organisation, the
//   monitors of each program, and a ticket only after a scope check.
// - Committed domain events go only to the rooms allowed to read the ticket.
// - Rooms follow access (docs/decisions/017): each event of a ticket first removes from its
//   room the sockets whose organisation is not in the event's audience; a change of a user's
//   or an organisation's access (endUserAccess / endOrganizationAccess) takes their sockets
//   out of every room at once and re-rooms them by the actor read again; a periodic sweep
//   re-reads every socket's actor, so even a change made directly in the database is followed.
// - A client that reconnects asks for what it missed since its last event;
//   the answer comes from the persisted audit trail, scoped like the pages.
// - Several nodes (REDIS_URL, ADR 042): every message of the hub (an event, a session ended, an access
//   changed) is acted on by each node for its own sockets — the node that has a socket decides its rooms
//   and what it receives, exactly as with one node. Messages travel between nodes as socket.io
//   server-side emits over the Redis adapter; a node that was cut off from Redis has the sockets
//   connected before it came back reconnect, so they catch up from the audit trail (on any node).
import type { Server as SocketServer, Socket } from "socket.io";
import { z } from "zod";
import { prisma } from "~/db.server";
import { actorFromSessionId, actorsFromSessionIds, readSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { ticketScope } from "~/models/ticket.server";
import { registerHub, type AccessChange, type DomainEvent, type LiveEvent } from "./events.server";
import { mayStay, orgRoom, programRoom, roomsOf, sameAccess, ticketRoom, ticketsIn } from "./rooms";

/**
 * `generation` counts the changes of the socket's rooms by access: a lookup that started before
 * one (a join's scope check, a re-read of the actor) is stale when it ends and is dropped.
 * `settling`: a re-check of its access under way, which the socket's own requests wait for.
 */
export type SocketData = { actor: Actor; sessionId: string; generation: number; settling?: Promise<void> };

const CATCH_UP_LIMIT = 500;
/** How often every socket's session and actor are read again (LIVE_SWEEP_MS, e.g. short for a test). */
const SWEEP_MS = positiveInteger(process.env.LIVE_SWEEP_MS) ?? 30_000;

function positiveInteger(value: string | undefined): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
}

const dataOf = (socket: Socket) => socket.data as SocketData;

const JoinTicket = z.object({ ticketId: z.string().min(1).max(64) }).strict();
const Since = z.union([
  z.object({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict(),
  z.object({ at: z.iso.datetime() }).strict(),
]);

/** Same-origin check for the handshake: the Origin's host must be the Host we were reached at. */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host === host;
  } catch {
    return false;
  }
}

function toLive(event: DomainEvent): LiveEvent {
  const { audience: _audience, ...live } = event;
  return live;
}

/** What the actor missed: after the last event it saw, or (first connect) since its page was loaded. */
async function eventsSince(actor: Actor, since: { seq: number } | { at: string }): Promise<LiveEvent[]> {
  const after = "seq" in since ? { seq: { gt: since.seq } } : { createdAt: { gte: new Date(since.at) } };
  const rows = await prisma.auditEvent.findMany({
    where: { ...after, ticket: ticketScope(actor) },
    orderBy: { seq: "asc" },
    take: CATCH_UP_LIMIT,
    select: {
      seq: true,
      ticketId: true,
      programId: true,
      action: true,
      toState: true,
      ticketVersion: true,
      summary: true,
      createdAt: true,
      actorId: true,
      actor: { select: { name: true } },
      ticket: { select: { number: true } },
    },
  });
  return rows.map((r) => ({
    seq: r.seq,
    ticketId: r.ticketId,
    ticketNumber: r.ticket?.number ?? null,
    programId: r.programId,
    action: r.action,
    state: r.toState,
    version: r.ticketVersion,
    actorId: r.actorId,
    actorName: r.actor?.name ?? null,
    summary: r.summary,
    at: r.createdAt.toISOString(),
  }));
}

/** Wraps a client message handler: validate with zod, never crash, log what is dropped. */
function handle<T>(socket: Socket, name: string, schema: z.ZodType<T>, fn: (data: T) => Promise<unknown>) {
  socket.on(name, async (payload: unknown, ack?: unknown) => {
    const parsed = schema.safeParse(payload);
    const reply = typeof ack === "function" ? (ack as (v: unknown) => void) : () => {};
    if (!parsed.success) {
      console.warn(JSON.stringify({ msg: "socket message dropped", event: name, socket: socket.id, reason: "invalid" }));
      reply({ ok: false, error: "invalid" });
      return;
    }
    try {
      reply(await fn(parsed.data));
    } catch (error) {
      console.error(`socket handler ${name} failed`, error);
      reply({ ok: false, error: "failed" });
    }
  });
}

/** Leaves every room but the socket's own (socket.io's per-socket room); returns the tickets it had joined. */
function leaveAll(socket: Socket): string[] {
  const rooms = [...socket.rooms].filter((room) => room !== socket.id);
  for (const room of rooms) void socket.leave(room);
  return ticketsIn(rooms);
}

/**
 * Synchronous (joining and leaving are local with the Redis adapter too): between leaving and joining, no event is emitted. The
 * client is told when its access changed (its page may show what it can no longer read).
 */
function putInRooms(socket: Socket, actor: Actor, tickets: readonly string[]): void {
  leaveAll(socket);
  void socket.join([...roomsOf(actor), ...tickets.map(ticketRoom)]);
  const data = dataOf(socket);
  const changed = !sameAccess(data.actor, actor);
  data.actor = actor;
  data.generation += 1;
  if (changed) socket.emit("access:changed");
}

/** The socket's rooms for a freshly read actor, with the tickets it had joined that this actor may still read. */
async function reRoom(socket: Socket, actor: Actor, tickets: readonly string[], generation: number): Promise<void> {
  const visible = tickets.length
    ? await prisma.ticket.findMany({ where: { AND: [{ id: { in: [...tickets] } }, ticketScope(actor)] }, select: { id: true } })
    : [];
  if (dataOf(socket).generation !== generation || socket.disconnected) return; // a newer change came first
  putInRooms(
    socket,
    actor,
    visible.map((t) => t.id),
  );
}

/**
 * Brings a socket in line with its actor as read now, unless a newer change came first: no actor
 * any more → disconnected; rooms taken away (`stripped`: the tickets it had joined) or other
 * access → re-roomed.
 */
async function follow(socket: Socket, actor: Actor | null, generation: number, stripped?: readonly string[]): Promise<void> {
  if (dataOf(socket).generation !== generation) return;
  if (!actor) {
    socket.disconnect(true);
    return;
  }
  if (stripped) await reRoom(socket, actor, stripped, generation);
  else if (!sameAccess(dataOf(socket).actor, actor)) await reRoom(socket, actor, ticketsIn(socket.rooms), generation);
}

/** Failing to re-read access must not leave a socket with rooms it may have lost: it is disconnected. */
function followSafely(socket: Socket, work: Promise<void>): Promise<void> {
  return work.catch((error: unknown) => {
    console.error("following live access failed", error);
    socket.disconnect(true);
  });
}

/**
 * The socket's actor as the database has it now, for the socket's own requests (joining a
 * ticket, catching up): they never act on an access it lost, even between two sweeps. A change
 * found here is followed at once. Null when the session yields no actor any more.
 */
async function actorNow(socket: Socket): Promise<Actor | null> {
  const data = dataOf(socket);
  await data.settling;
  const generation = data.generation;
  const actor = await actorFromSessionId(data.sessionId);
  await followSafely(socket, follow(socket, actor, generation));
  return socket.disconnected ? null : actor;
}

/** Every socket's session and actor read again in two queries; expired or revoked sessions lose their sockets. */
async function sweep(io: SocketServer): Promise<void> {
  const sockets = [...io.of("/").sockets.values()];
  if (sockets.length === 0) return;
  const generations = sockets.map((socket) => dataOf(socket).generation);
  const actors = await actorsFromSessionIds([...new Set(sockets.map((socket) => dataOf(socket).sessionId))]);
  sockets.forEach((socket, i) => followSafely(socket, follow(socket, actors.get(dataOf(socket).sessionId) ?? null, generations[i])));
}

/** Access of a user or an organisation changed: out of every room now, then re-read. */
function recheckAccess(io: SocketServer, change: AccessChange): void {
  const concerned = (actor: Actor) => ("userId" in change ? actor.userId === change.userId : actor.organizationId === change.organizationId);
  for (const socket of io.of("/").sockets.values()) {
    const data = dataOf(socket);
    if (!concerned(data.actor)) continue;
    const tickets = leaveAll(socket);
    const generation = ++data.generation;
    data.settling = followSafely(
      socket,
      actorFromSessionId(data.sessionId).then((actor) => follow(socket, actor, generation, tickets)),
    );
  }
}

/** Before an event of a ticket goes out: sockets whose organisation may no longer read the ticket leave its room. */
function pruneTicketRoom(io: SocketServer, ticketId: string, audience: readonly string[]): void {
  const members = io.of("/").adapter.rooms.get(ticketRoom(ticketId));
  for (const id of [...(members ?? [])]) {
    const socket = io.of("/").sockets.get(id);
    if (socket && !mayStay(dataOf(socket).actor, audience)) void socket.leave(ticketRoom(ticketId));
  }
}

/** What the hub does on every node: each node acts on its own sockets. */
export type HubMessage =
  | { kind: "publish"; event: DomainEvent }
  | { kind: "endSession"; sessionId: string }
  | { kind: "recheck"; change: AccessChange }
  | { kind: "resync"; at: number };

/** The other nodes (app/realtime/cluster.server.ts); absent with one process. */
export type Peers = {
  send(message: HubMessage): void;
  receive(handler: (message: HubMessage) => void): void;
  /** after this node was cut off from the others and is joined again */
  onRejoined(listener: () => void): void;
};

/** Delivers a committed event to this node's sockets allowed to read it. */
function deliver(io: SocketServer, event: DomainEvent): void {
  if (!event.ticketId) return;
  pruneTicketRoom(io, event.ticketId, event.audience);
  // A draft is the manufacturer's alone: not even a socket that joined the
  // ticket's room earlier (before it was returned for correction) gets it.
  const rooms = event.audience.map(orgRoom);
  if (event.state !== "draft") {
    rooms.push(ticketRoom(event.ticketId));
    if (event.programId) rooms.push(programRoom(event.programId));
  }
  // Rooms are deduplicated: a socket in several of them gets the event once. `local`: the other
  // nodes deliver to their own sockets from the same message, after pruning their own rooms.
  io.local.to(rooms).emit("ticket:event", toLive(event));
}

function endSession(io: SocketServer, sessionId: string): void {
  for (const [, socket] of io.of("/").sockets) {
    if (dataOf(socket).sessionId === sessionId) socket.disconnect(true);
  }
}

/**
 * The events a node missed while cut off are in the audit trail: its sockets connected before `at` close
 * their connection (not a server disconnect, which a client does not retry), so each client reconnects —
 * here or on another node — and asks for what it missed since its last event.
 */
function resync(io: SocketServer, at: number): void {
  for (const [, socket] of io.of("/").sockets) {
    if (socket.handshake.issued < at) socket.conn.close();
  }
}

function act(io: SocketServer, message: HubMessage): void {
  if (message.kind === "publish") deliver(io, message.event);
  else if (message.kind === "endSession") endSession(io, message.sessionId);
  else if (message.kind === "recheck") recheckAccess(io, message.change);
  else if (message.kind === "resync") resync(io, message.at);
}

export function attachRealtime(io: SocketServer, peers?: Peers): () => void {
  io.use(async (socket, next) => {
    try {
      if (!sameOrigin(socket.handshake.headers.origin, socket.handshake.headers.host)) return next(new Error("forbidden origin"));
      const sessionId = await readSessionId(socket.handshake.headers.cookie ?? null);
      const actor = await actorFromSessionId(sessionId);
      if (!actor || !sessionId) return next(new Error("unauthorized"));
      Object.assign(socket.data as SocketData, { actor, sessionId, generation: 0 } satisfies SocketData);
      next();
    } catch (error) {
      console.error("socket auth failed", error);
      next(new Error("unauthorized"));
    }
  });

  io.on("connection", (socket) => {
    void socket.join(roomsOf(dataOf(socket).actor));

    handle(socket, "ticket:join", JoinTicket, async ({ ticketId }) => {
      const actor = await actorNow(socket);
      const { generation } = dataOf(socket);
      const visible = actor && (await prisma.ticket.findFirst({ where: { AND: [{ id: ticketId }, ticketScope(actor)] }, select: { id: true } }));
      // access changed while we looked: the answer was for an actor this socket no longer has
      if (!visible || dataOf(socket).generation !== generation || socket.disconnected) return { ok: false, error: "not_found" };
      await socket.join(ticketRoom(ticketId));
      return { ok: true };
    });
    handle(socket, "ticket:leave", JoinTicket, async ({ ticketId }) => {
      await socket.leave(ticketRoom(ticketId));
      return { ok: true };
    });
    handle(socket, "events:since", Since, async (since) => {
      const actor = await actorNow(socket);
      return actor ? { ok: true, events: await eventsSince(actor, since) } : { ok: false, error: "unauthorized" };
    });
    // Anything else a client sends is dropped and logged.
    socket.onAny((name: string) => {
      if (!["ticket:join", "ticket:leave", "events:since"].includes(name)) {
        console.warn(JSON.stringify({ msg: "socket message dropped", event: String(name).slice(0, 50), socket: socket.id, reason: "unknown" }));
      }
    });
  });

  // Sessions that expired or were revoked lose their sockets, and actors that changed their rooms, even if nobody says so.
  let sweeping = false; // a slow sweep is not overtaken by the next one
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweep(io)
      .catch((error: unknown) => console.error("live access sweep failed", error))
      .finally(() => (sweeping = false));
  }, SWEEP_MS);
  timer.unref();

  let attached = true;
  // the other nodes get the message even when acting on this node's sockets failed
  const everywhere = (message: HubMessage) => {
    try {
      act(io, message);
    } finally {
      peers?.send(message);
    }
  };
  peers?.receive((message) => {
    if (!attached) return;
    try {
      act(io, message);
    } catch (error) {
      console.error(`live message from another node failed (${String(message?.kind)})`, error);
    }
  });
  peers?.onRejoined(() => attached && everywhere({ kind: "resync", at: Date.now() }));
  registerHub({
    publish: (event) => everywhere({ kind: "publish", event }),
    endSession: (sessionId) => everywhere({ kind: "endSession", sessionId }),
    recheckAccess: (change) => everywhere({ kind: "recheck", change }),
  });

  return () => {
    attached = false;
    clearInterval(timer);
    registerHub(undefined);
  };
}
