// Ending access at once (issue 14: password change and reset, removal, deactivation): the Session rows
// go first — from then on no request and no socket sweep finds an actor — then the live sockets are
// closed or re-roomed by the hub. Call after the change that ends access has committed.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { endLiveSession, endOrganizationAccess, endUserAccess } from "~/realtime/events.server";

/** Deletes the sessions `where` selects and closes the sockets of each; returns how many ended. */
async function endSessionsWhere(where: Prisma.SessionWhereInput): Promise<number> {
  const ended = await prisma.session.findMany({ where, select: { id: true } });
  // by the same filter, not by the ids read: a session created in between (a sign-in racing this call) ends too
  await prisma.session.deleteMany({ where });
  for (const { id } of ended) endLiveSession(id);
  return ended.length;
}

/**
 * Deletes every session of the user (but `exceptSessionId`, the one changing its own password) and
 * closes their live sockets. Returns how many sessions ended.
 */
export async function endAllSessions(userId: string, options: { exceptSessionId?: string | null } = {}): Promise<number> {
  const keep = options.exceptSessionId ?? null;
  const count = await endSessionsWhere(keep ? { userId, id: { not: keep } } : { userId });
  // The racing session's sockets (not in the list read above): the hub re-reads every socket of the
  // user and disconnects those whose session is gone. Not when one session stays: its sockets would
  // be taken out of their rooms for nothing.
  if (!keep) endUserAccess(userId);
  return count;
}

/** Every member's sessions of the organisation end (deactivated, refused); their sockets close. */
export async function endOrganizationSessions(organizationId: string): Promise<number> {
  const count = await endSessionsWhere({ user: { organizationId } });
  endOrganizationAccess(organizationId);
  return count;
}
