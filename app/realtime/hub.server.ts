// The realtime hub: the only module that touches socket.io. Connections are
// authenticated with the same session cookie and database session as pages.
// Rooms and domain-event publishing grow here (issue: live status updates).
import type { Server as SocketServer } from "socket.io";
import { actorFromSessionId, readSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";

export type SocketData = { actor: Actor };

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
    void socket.join(`user:${actor.userId}`);
  });
}
