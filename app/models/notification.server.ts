// The bell: notifications are stored per user at commit time (workflow core);
// a user reads and marks only their own.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";

export function unreadCount(actor: Actor): Promise<number> {
  return prisma.notification.count({ where: { userId: actor.userId, readAt: null } });
}

export function listNotifications(actor: Actor, take = 50) {
  return prisma.notification.findMany({
    where: { userId: actor.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, title: true, body: true, readAt: true, createdAt: true, ticketId: true },
  });
}

/** Marks one (or, without id, all) of the actor's notifications as read; another user's id changes nothing. */
export async function markRead(actor: Actor, id?: string): Promise<number> {
  const result = await prisma.notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...(id ? { id } : {}) },
    data: { readAt: new Date() },
  });
  return result.count;
}
