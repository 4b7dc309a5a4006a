// A signed-in actor for model tests: a real session row for a seeded user, read back the way a
// request reads it (actorFromSessionId). Import ./test-db before this module.
import { prisma } from "~/db.server";
import { actorFromSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";

export async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({
    data: { id: `a-${email}-${Math.random()}`.padEnd(43, "x").slice(0, 43), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
  });
  const actor = await actorFromSessionId(session.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}
