import crypto from "node:crypto";
import bcrypt from "bcryptjs";
import { createCookie, redirect } from "@remix-run/node";
import { prisma } from "~/db.server";
import { isProduction, sessionSecret } from "~/utils/env.server";
import { isRole } from "~/domain";
import type { AccessState, Actor, WaitingPerson } from "./actor";
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
      isAdmin: true,
      emailVerifiedAt: true,
      status: true,
      organization: { select: { id: true, name: true, kind: true, status: true } },
    },
  },
} as const;

type SessionUser = {
  id: string;
  name: string;
  email: string;
  role: string;
  isAdmin: boolean;
  emailVerifiedAt: Date | null;
  status: string;
  organization: { id: string; name: string; kind: string; status: string };
};

/**
 * The access state of a person (ADR 020), or null when they may not be signed in at all: removed or
 * refused people, refused or deactivated organisations. The address comes first: nothing else happens
 * (not even a join request reaching an admin) before the person proved it is theirs.
 */
export function accessOf(user: Pick<SessionUser, "emailVerifiedAt" | "status" | "organization">): AccessState | null {
  const orgStatus = user.organization.status;
  if (orgStatus !== "active" && orgStatus !== "pending") return null;
  if (user.status !== "active" && user.status !== "pending_join") return null;
  if (!user.emailVerifiedAt) return "unconfirmed";
  if (user.status === "pending_join") return "pending_join";
  return orgStatus === "pending" ? "pending_approval" : "active";
}

/** What a signed-in person is: an actor, someone who must wait on one page, or (null) nobody. */
export type SessionState = { actor: Actor } | { waiting: WaitingPerson } | null;

function stateOf(user: SessionUser, programIds: string[] | undefined): SessionState {
  const access = accessOf(user);
  if (!access || !isRole(user.role)) return null;
  if (access !== "active") {
    const { id: userId, name, email, organization } = user;
    return { waiting: { userId, name, email, organizationName: organization.name, organizationKind: organization.kind, access } };
  }
  return {
    actor: {
      programIds,
      userId: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      isAdmin: user.isAdmin,
      organizationId: user.organization.id,
      organizationName: user.organization.name,
      organizationKind: user.organization.kind,
    },
  };
}

/** The session's state, read from the database on every request; expired or revoked → null. */
export async function sessionStateFromSessionId(sessionId: string | null): Promise<SessionState> {
  if (!sessionId) return null;
  const session = await prisma.session.findUnique({ where: { id: sessionId }, select: SESSION_ACTOR_SELECT });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  const { user } = session;
  const programIds =
    user.role === "monitor" && accessOf(user) === "active"
      ? (await prisma.program.findMany({ where: { technoparkId: user.organization.id }, select: { id: true } })).map((p) => p.id)
      : undefined;
  return stateOf(user, programIds);
}

/** The actor of a session: only a person whose access is `active` (confirmed, member, organisation approved) is one. */
export async function actorFromSessionId(sessionId: string | null): Promise<Actor | null> {
  const state = await sessionStateFromSessionId(sessionId);
  return state && "actor" in state ? state.actor : null;
}

/** The actors of many sessions, read now (two queries whatever their number); expired, revoked, waiting or invalid ones are absent. */
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
    const state = stateOf(user, programIds);
    if (state && "actor" in state) actors.set(id, state.actor);
  }
  return actors;
}

/** The request's session state, once per HTTP request (the root loader and the page's loader share it). */
export async function getSessionState(request: Request): Promise<SessionState> {
  const cookieHeader = request.headers.get("Cookie");
  return requestMemo(`actor|${cookieHeader ?? ""}`, async () => sessionStateFromSessionId(await readSessionId(cookieHeader)));
}

export async function getActor(request: Request): Promise<Actor | null> {
  const state = await getSessionState(request);
  return state && "actor" in state ? state.actor : null;
}

/** The one page a waiting person may see. */
export function waitingPagePath(access: WaitingPerson["access"]): string {
  return access === "unconfirmed" ? "/confirm-email" : "/pending";
}

/**
 * Every page but the public ones calls this: no session → /login?redirectTo=…; a person who must wait
 * (unconfirmed address, supplier awaiting approval, join awaiting the admin) → their one page.
 */
export async function requireActor(request: Request): Promise<Actor> {
  const state = await getSessionState(request);
  if (state && "actor" in state) return state.actor;
  if (state) throw redirect(waitingPagePath(state.waiting.access));
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
  throw redirect(`/login?${params}`);
}

/** For the waiting pages: the waiting person; an actor goes home, nobody goes to /login. */
export async function requireWaitingPerson(request: Request): Promise<WaitingPerson> {
  const state = await getSessionState(request);
  if (!state) throw redirect(`/login?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`);
  if ("actor" in state) throw redirect("/");
  return state.waiting;
}

/**
 * Why a person whose password matched may still not sign in (Korean, shown on the sign-in page), or
 * null. Asked only after the password matched, so it tells nothing to someone who does not know it.
 */
export async function signInRefusal(userId: string): Promise<string | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { status: true, organization: { select: { status: true } } },
  });
  if (!user) return "로그인할 수 없습니다.";
  if (user.status === "removed") return "조직에서 제외된 계정입니다. 조직 관리자에게 문의해 주세요.";
  if (user.status === "join_refused") return "조직 가입 요청이 거절된 계정입니다. 조직 관리자에게 문의해 주세요.";
  if (user.organization.status === "refused") return "기관 등록이 거절된 조직입니다. 운영기관(테크노파크)에 문의해 주세요.";
  if (user.organization.status === "deactivated") return "비활성화된 조직입니다. 운영기관(테크노파크)에 문의해 주세요.";
  return null;
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
