// The bell: notifications are stored per user at commit time (workflow core);
// a user reads and marks only their own, and chooses how each kind reaches them by mail.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { NOTIFICATION_KINDS, mailModesOf, type MailMode, type NotificationKind } from "~/domain/notifications";

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

/** The actor's own mode for every notification kind (their choice, or the kind's default) and the address mail goes to. */
export async function notificationSettings(actor: Actor): Promise<{ modes: Record<NotificationKind, MailMode>; email: string }> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { email: true, notificationPreferences: { select: { kind: true, mode: true } } },
  });
  return { modes: mailModesOf(Object.fromEntries(user.notificationPreferences.map((r) => [r.kind, r.mode]))), email: user.email };
}

/** Saves the actor's own modes for the kinds given (only theirs: the user id is the actor's, never taken from the form). */
export async function saveNotificationModes(actor: Actor, modes: Partial<Record<NotificationKind, MailMode>>): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const kind of NOTIFICATION_KINDS) {
      const mode = modes[kind];
      if (!mode) continue; // not in the form: unchanged
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: actor.userId, kind } },
        create: { userId: actor.userId, kind, mode },
        update: { mode },
      });
    }
  });
}
