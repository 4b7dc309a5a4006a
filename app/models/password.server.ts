// Passwords (issue 14, item 4; docs/decisions/022): a reset by a mailed single-use link and a change by
// the signed-in person. Either one ends sessions (app/auth/revoke.server.ts) after its commit.
import { prisma } from "~/db.server";
import { hashPassword } from "~/auth/session.server";
import { throttleKey } from "~/auth/throttle.server";
import { passwordProblems } from "~/auth/password-policy.server";
import { consumeToken, issueToken, peekToken, revokeTokens, type TokenRefusal } from "~/auth/tokens.server";
import { endAllSessions } from "~/auth/revoke.server";
import { enqueueMail, normalizeAddress } from "~/mail/outbox.server";
import { resetPasswordMail } from "~/mail/templates/reset-password.server";
import { securityEvent } from "~/utils/log.server";

export const RESET_TTL_MS = 30 * 60_000;

/**
 * At most this many reset mails: per address typed (an inbox is not flooded from the sign-in page) and per
 * account (however its address is typed or changed). Counted from the EmailToken rows themselves, which
 * are kept after use — see ADR 022 for why not the SignInThrottle table.
 */
export const RESET_LIMITS = {
  perAddress: { mails: 3, windowMs: 60 * 60_000 },
  perAccount: { mails: 5, windowMs: 24 * 60 * 60_000 },
} as const;

/** The one answer to every reset request: whether the address has an account, or was limited, is not told. */
export const RESET_REQUEST_ANSWER =
  "입력하신 주소로 가입된 계정이 있으면 재설정 링크를 보냈습니다. 링크는 30분 동안 한 번만 쓸 수 있습니다. 메일이 오지 않으면 스팸함을 확인하거나 잠시 후 다시 요청해 주세요.";

// Who may reset: a person who asked to join and is still waiting may too (sign-in shows them their state); a
// removed member or a refused join may not.
const RESETTABLE = new Set(["active", "pending_join"]);

export type ResetRequestOutcome = "sent" | "no_account" | "limited";

type Origin = Record<string, unknown>;

/** Same work for a known and an unknown address up to the mail itself: one transaction, the same reads. */
export async function requestPasswordReset(email: string, origin: Origin, now = new Date()): Promise<ResetRequestOutcome> {
  const address = normalizeAddress(email);
  const outcome = await prisma.$transaction(async (tx): Promise<ResetRequestOutcome> => {
    const user = await tx.user.findUnique({ where: { email: address }, select: { id: true, name: true, status: true, organizationId: true } });
    const since = (windowMs: number) => ({ gte: new Date(now.getTime() - windowMs) });
    const [byAddress, byAccount] = await Promise.all([
      tx.emailToken.count({ where: { purpose: "reset_password", email: address, createdAt: since(RESET_LIMITS.perAddress.windowMs) } }),
      tx.emailToken.count({ where: { purpose: "reset_password", userId: user?.id ?? "-", createdAt: since(RESET_LIMITS.perAccount.windowMs) } }),
    ]);
    if (!user || !RESETTABLE.has(user.status)) return "no_account";
    if (byAddress >= RESET_LIMITS.perAddress.mails || byAccount >= RESET_LIMITS.perAccount.mails) return "limited";
    await revokeTokens(tx, "reset_password", { userId: user.id }); // only the newest link works
    const token = await issueToken(tx, { purpose: "reset_password", email: address, userId: user.id, ttlMs: RESET_TTL_MS });
    const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
    await enqueueMail(tx, {
      kind: "reset_password",
      to: { email: address, userId: user.id },
      organizationId: user.organizationId,
      content: resetPasswordMail({ name: user.name, token, expiresAt }),
    });
    return "sent";
  });
  securityEvent("password_reset.requested", { email: address, outcome, ...origin });
  return outcome;
}

type ResetHolder = { id: string; email: string; name: string; emailVerifiedAt: Date | null; companyName: string };
export type ResetLink = { ok: true; user: ResetHolder } | { ok: false; reason: TokenRefusal };

/** The reset link's account, or why the link cannot be used (nothing is changed). */
export async function readResetLink(raw: string): Promise<ResetLink> {
  const peek = await prisma.$transaction((tx) => peekToken(tx, "reset_password", raw));
  if (!peek.ok) return peek;
  const user = peek.token.userId
    ? await prisma.user.findUnique({
        where: { id: peek.token.userId },
        select: { id: true, email: true, name: true, status: true, emailVerifiedAt: true, organization: { select: { name: true } } },
      })
    : null;
  // the account was removed (or its address changed) since the mail: the link is as good as unknown
  if (!user || !RESETTABLE.has(user.status) || user.email !== peek.token.email) return { ok: false, reason: "unknown" };
  const { organization, status: _status, ...holder } = user;
  return { ok: true, user: { ...holder, companyName: organization.name } };
}

export type ResetOutcome = { ok: true; userId: string } | { ok: false; reason: TokenRefusal } | { ok: false; problems: string[] };

/** A reset link that was posted but cannot be used: a security event (forged links are probes). */
function refused(reason: TokenRefusal, origin: Origin): { ok: false; reason: TokenRefusal } {
  securityEvent("password_reset.refused", { reason, ...origin });
  return { ok: false, reason };
}

/**
 * Sets the new password by the link: the policy first (a refused password leaves the link usable), then in
 * one transaction the link is used, the password set, the account's sign-in hold lifted and other reset links
 * ended; after the commit every session of the account ends.
 */
export async function resetPassword(raw: string, password: string, origin: Origin): Promise<ResetOutcome> {
  const link = await readResetLink(raw);
  if (!link.ok) return refused(link.reason, origin);
  const { user } = link;
  const problems = passwordProblems(password, { email: user.email, companyName: user.companyName, name: user.name });
  if (problems.length) return { ok: false, problems };
  const passwordHash = await hashPassword(password);
  const used = await prisma.$transaction(async (tx) => {
    const consumed = await consumeToken(tx, "reset_password", raw);
    if (!consumed.ok || consumed.token.userId !== user.id) return consumed.ok ? ({ ok: false, reason: "unknown" } as const) : consumed;
    const now = new Date();
    // the mailed link proves the address, like the confirmation link would
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, passwordChangedAt: now, emailVerifiedAt: user.emailVerifiedAt ?? now },
    });
    await revokeTokens(tx, "reset_password", { userId: user.id });
    await tx.signInThrottle.deleteMany({ where: { key: throttleKey(user.email) } });
    return { ok: true } as const;
  });
  if (!used.ok) return refused(used.reason, origin);
  const endedSessions = await endAllSessions(user.id);
  securityEvent("password_reset.completed", { userId: user.id, email: user.email, endedSessions, ...origin });
  return { ok: true, userId: user.id };
}

export type ChangeOutcome = { ok: true; endedSessions: number } | { ok: false; problems: string[] };

/**
 * The signed-in person's new password (the current one was checked by the caller, through the sign-in
 * throttle): every other session ends, this one stays; open reset links end too.
 */
export async function changePassword(
  actor: { userId: string; email: string; name: string; organizationName: string },
  currentSessionId: string | null,
  password: string,
  origin: Origin,
): Promise<ChangeOutcome> {
  const problems = passwordProblems(password, { email: actor.email, companyName: actor.organizationName, name: actor.name });
  if (problems.length) return { ok: false, problems };
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    await revokeTokens(tx, "reset_password", { userId: actor.userId });
  });
  const endedSessions = await endAllSessions(actor.userId, { exceptSessionId: currentSessionId });
  securityEvent("password_changed", { userId: actor.userId, endedSessions, ...origin });
  return { ok: true, endedSessions };
}
