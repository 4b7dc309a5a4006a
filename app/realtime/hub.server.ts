// The realtime hub: the only module that touches socket.io. Connections are
// authenticated with the same session cookie and database session as pages;
// each socket joins the room of its organisation, and a committed domain
// event goes only to the organisations allowed to read its ticket.
import type { Server as SocketServer } from "socket.io";
import { actorFromSessionId, readSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { registerPublisher, type DomainEvent } from "./events.server";

export type SocketData = { actor: Actor };

const orgRoom = (organizationId: string) => `org:${organizationId}`;

export function attachRealtime(io: SocketServer): void {
  io.use(async (socket, next) => {
    try {
      const actor = await actorFromSessionId(await readSessionId(socket.handshake.headers.cookie ?? null));
      if (!actor) return next(new Error("unauthorized"));
      (socket.data as SocketData).actor = actor;
      next();
    } catch (error) {
      console.error("socket auth failed", error);
      next(new Error("unauthorized"));
    }
  });
  io.on("connection", (socket) => {
    const { actor } = socket.data as SocketData;
    void socket.join([`user:${actor.userId}`, orgRoom(actor.organizationId)]);
  });
  registerPublisher((event: DomainEvent) => {
    if (event.audience.length === 0) return;
    const { audience, ...payload } = event;
    io.to(audience.map(orgRoom)).emit("ticket:event", payload);
  });
}
