import crypto from "node:crypto";
import bcrypt from "bcryptjs";
import { createCookie, redirect } from "@remix-run/node";
import { prisma } from "~/db.server";
import { isProduction, sessionSecret } from "~/utils/env.server";
import { isRole } from "~/domain";
import type { Actor } from "./actor";
import { endLiveSession } from "~/realtime/events.server";
import { requestOrigin, securityEvent } from "~/utils/log.server";
import { requestMemo } from "~/utils/request-memo.server";
import { safeRedirectTarget } from "~/utils/safe-redirect";

export const SESSION_TTL_MS = 1000 * 60 * 60 * 12; // 12 hours
const BCRYPT_ROUNDS = 10;

/** Cookie name: `__Host-` in production pins it to our origin, path / and Secure. */
export const SESSION_COOKIE_NAME = isProduction && process.env.INSECURE_COOKIES !== "1" ? "__Host-as_session" : "as_session";

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie(SESSION_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: SESSION_COOKIE_NAME.startsWith("__Host-"),
    secrets: [sessionSecret()],
    maxAge: SESSION_TTL_MS / 1000,
  });
  return cookie;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS);
}

// Compared against when the email is unknown, so both paths cost one bcrypt.
const DUMMY_HASH = bcrypt.hashSync("not-a-real-password", BCRYPT_ROUNDS);

/** Returns the user id when email + password match, else null (no hint which was wrong). */
export async function verifyLogin(email: string, password: string): Promise<string | null> {
  const user = await prisma.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, passwordHash: true },
  });
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  return user && ok ? user.id : null;
}

/** Reads the signed cookie and returns the session id it carries, if any. */
export async function readSessionId(cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader) return null;
  const value: unknown = await sessionCookie().parse(cookieHeader);
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

// What a session's actor is made of, for one session (each request) and for many (the live hub's sweep).
const SESSION_ACTOR_SELECT = {
  expiresAt: true,
  user: {
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      organization: { select: { id: true, name: true, kind: true } },
    },
  },
} as const;

type SessionUser = {
  id: string;
  name: string;
  email: string;
  role: string;
  organization: { id: string; name: string; kind: string };
};

function actorOf(user: SessionUser, programIds: string[] | undefined): Actor | null {
  if (!isRole(user.role)) return null;
  return {
    programIds,
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    organizationId: user.organization.id,
    organizationName: user.organization.name,
    organizationKind: user.organization.kind,
  };
}

/** Looks the session up in the database on every request; expired or revoked → null. */
export async function actorFromSessionId(sessionId: string | null): Promise<Actor | null> {
  if (!sessionId) return null;
  const session = await prisma.session.findUnique({ where: { id: sessionId }, select: SESSION_ACTOR_SELECT });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  const { user } = session;
  const programIds =
    user.role === "monitor"
      ? (await prisma.program.findMany({ where: { technoparkId: user.organization.id }, select: { id: true } })).map((p) => p.id)
      : undefined;
  return actorOf(user, programIds);
}

/** The actors of many sessions, read now (two queries whatever their number); expired, revoked or invalid ones are absent. */
export async function actorsFromSessionIds(sessionIds: readonly string[]): Promise<Map<string, Actor>> {
  const actors = new Map<string, Actor>();
  if (sessionIds.length === 0) return actors;
  const sessions = await prisma.session.findMany({
    where: { id: { in: [...sessionIds] }, expiresAt: { gt: new Date() } },
    select: { id: true, ...SESSION_ACTOR_SELECT },
  });
  const technoparks = [...new Set(sessions.filter((s) => s.user.role === "monitor").map((s) => s.user.organization.id))];
  const programs = technoparks.length
    ? await prisma.program.findMany({ where: { technoparkId: { in: technoparks } }, select: { id: true, technoparkId: true } })
    : [];
  for (const { id, user } of sessions) {
    const programIds = user.role === "monitor" ? programs.filter((p) => p.technoparkId === user.organization.id).map((p) => p.id) : undefined;
    const actor = actorOf(user, programIds);
    if (actor) actors.set(id, actor);
  }
  return actors;
}

export async function getActor(request: Request): Promise<Actor | null> {
  const cookieHeader = request.headers.get("Cookie");
  // once per HTTP request, for the root loader and the page's loader together
  return requestMemo(`actor|${cookieHeader ?? ""}`, async () => actorFromSessionId(await readSessionId(cookieHeader)));
}

/** Every page but /login and /healthz calls this: no session → /login?redirectTo=… */
export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
    throw redirect(`/login?${params}`);
  }
  return actor;
}

/** A fresh session row at each sign-in; the cookie carries only its random id. */
export async function createUserSession(opts: { userId: string; redirectTo: string | null; request: Request }): Promise<Response> {
  const id = crypto.randomBytes(32).toString("base64url"); // 256 bits
  const now = new Date();
  await prisma.$transaction([
    prisma.session.create({
      data: {
        id,
        userId: opts.userId,
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
        userAgent: opts.request.headers.get("User-Agent")?.slice(0, 300) ?? null,
      },
    }),
    prisma.user.update({ where: { id: opts.userId }, data: { lastLoginAt: now } }),
    // housekeeping: drop this user's expired sessions
    prisma.session.deleteMany({ where: { userId: opts.userId, expiresAt: { lt: now } } }),
  ]);
  return redirect(safeRedirectTarget(opts.redirectTo), {
    headers: { "Set-Cookie": await sessionCookie().serialize(id) },
  });
}

/** Deletes the session row (revocation) and clears the cookie. */
export async function destroyUserSession(request: Request): Promise<Response> {
  const id = await readSessionId(request.headers.get("Cookie"));
  if (id) {
    const session = await prisma.session.findUnique({ where: { id }, select: { userId: true } });
    await prisma.session.deleteMany({ where: { id } });
    securityEvent("logout", { userId: session?.userId ?? null, ...requestOrigin(request) });
    endLiveSession(id); // its live-update sockets close too
  }
  return redirect("/login", {
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) }) },
  });
}
