// The realtime hub: the only module that touches socket.io.
// - Connections are authenticated with the same signed session cookie and
//   database session as the pages, and must come from the app's own origin.
// - Rooms are decided by the server: the user, the organisation, the
//   monitors of each program, and a ticket only after a scope check.
// - Committed domain events go only to the rooms allowed to read the ticket.
// - A client that reconnects asks for what it missed since its last event;
//   the answer comes from the persisted audit trail, scoped like the pages.
import type { Server as SocketServer, Socket } from "socket.io";
import { z } from "zod";
import { prisma } from "~/db.server";
import { actorFromSessionId, readSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { ticketScope } from "~/models/ticket.server";
import { registerHub, type DomainEvent, type LiveEvent } from "./events.server";

export type SocketData = { actor: Actor; sessionId: string };

const userRoom = (id: string) => `user:${id}`;
const orgRoom = (id: string) => `org:${id}`;
const programRoom = (id: string) => `program:${id}`;
const ticketRoom = (id: string) => `ticket:${id}`;

const CATCH_UP_LIMIT = 500;
const SESSION_SWEEP_MS = 30_000;

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

export function attachRealtime(io: SocketServer): () => void {
  io.use(async (socket, next) => {
    try {
      if (!sameOrigin(socket.handshake.headers.origin, socket.handshake.headers.host)) return next(new Error("forbidden origin"));
      const sessionId = await readSessionId(socket.handshake.headers.cookie ?? null);
      const actor = await actorFromSessionId(sessionId);
      if (!actor || !sessionId) return next(new Error("unauthorized"));
      Object.assign(socket.data as SocketData, { actor, sessionId });
      next();
    } catch (error) {
      console.error("socket auth failed", error);
      next(new Error("unauthorized"));
    }
  });

  io.on("connection", async (socket) => {
    const { actor } = socket.data as SocketData;
    const rooms = [userRoom(actor.userId), orgRoom(actor.organizationId)];
    if (actor.role === "monitor") {
      const programs = await prisma.program.findMany({ where: { technoparkId: actor.organizationId }, select: { id: true } });
      rooms.push(...programs.map((p) => programRoom(p.id)));
    }
    await socket.join(rooms);

    handle(socket, "ticket:join", JoinTicket, async ({ ticketId }) => {
      const visible = await prisma.ticket.findFirst({ where: { AND: [{ id: ticketId }, ticketScope(actor)] }, select: { id: true } });
      if (!visible) return { ok: false, error: "not_found" };
      await socket.join(ticketRoom(ticketId));
      return { ok: true };
    });
    handle(socket, "ticket:leave", JoinTicket, async ({ ticketId }) => {
      await socket.leave(ticketRoom(ticketId));
      return { ok: true };
    });
    handle(socket, "events:since", Since, async (since) => ({ ok: true, events: await eventsSince(actor, since) }));
    // Anything else a client sends is dropped and logged.
    socket.onAny((name: string) => {
      if (!["ticket:join", "ticket:leave", "events:since"].includes(name)) {
        console.warn(JSON.stringify({ msg: "socket message dropped", event: String(name).slice(0, 50), socket: socket.id, reason: "unknown" }));
      }
    });
  });

  // Expired sessions lose their sockets even if nobody signs out.
  const sweep = setInterval(async () => {
    const sockets = await io.fetchSockets();
    const now = Date.now();
    const ids = [...new Set(sockets.map((s) => (s.data as SocketData).sessionId))];
    if (ids.length === 0) return;
    const alive = new Set(
      (await prisma.session.findMany({ where: { id: { in: ids }, expiresAt: { gt: new Date(now) } }, select: { id: true } })).map((s) => s.id),
    );
    for (const s of sockets) if (!alive.has((s.data as SocketData).sessionId)) s.disconnect(true);
  }, SESSION_SWEEP_MS);
  sweep.unref();

  registerHub({
    publish(event) {
      if (!event.ticketId) return;
      // A draft is the manufacturer's alone: not even a socket that joined the
      // ticket's room earlier (before it was returned for correction) gets it.
      const rooms = event.audience.map(orgRoom);
      if (event.state !== "draft") {
        rooms.push(ticketRoom(event.ticketId));
        if (event.programId) rooms.push(programRoom(event.programId));
      }
      // Rooms are deduplicated: a socket in several of them gets the event once.
      io.to(rooms).emit("ticket:event", toLive(event));
    },
    endSession(sessionId) {
      for (const [, socket] of io.of("/").sockets) {
        if ((socket.data as SocketData).sessionId === sessionId) socket.disconnect(true);
      }
    },
  });

  return () => {
    clearInterval(sweep);
    registerHub(undefined);
  };
}
