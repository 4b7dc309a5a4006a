// Sign-in throttling per account (docs/decisions/017): the schedule is app/auth/throttle-rules.ts;
// this module keeps each account's streak in the SignInThrottle table.
import crypto from "node:crypto";
import { prisma } from "~/db.server";
import { sessionSecret } from "~/utils/env.server";
import { requestOrigin, securityEvent } from "~/utils/log.server";
import { verifyLogin } from "./session.server";
import { decideAttempt, throttlePolicy, type AttemptDecision, type ThrottlePolicy } from "./throttle-rules";

const policy = throttlePolicy(process.env.SIGN_IN_HOLD_MS);

const normalise = (email: string) => email.trim().toLowerCase();

/**
 * The record's key: an HMAC of the e-mail as typed (trimmed, lower-cased) under the server's
 * secret. Unknown addresses are throttled exactly like accounts, and the table tells nobody
 * which addresses were tried, not even by hashing a list of known ones.
 */
export function throttleKey(email: string): string {
  return crypto
    .createHmac("sha256", sessionSecret())
    .update(`sign-in-throttle:${normalise(email)}`)
    .digest("base64url");
}

/**
 * Decides an attempt whose password check came out `passwordOk` and writes the outcome, in one
 * transaction: parallel attempts on one account are decided one after another, so each failure
 * counts and none is tried once a hold has begun.
 */
export async function settleAttempt(
  email: string,
  passwordOk: boolean,
  now = new Date(),
  rules: ThrottlePolicy = policy,
): Promise<AttemptDecision> {
  const key = throttleKey(email);
  return prisma.$transaction(async (tx) => {
    const record = await tx.signInThrottle.findUnique({ where: { key }, select: { failures: true, windowStart: true, heldUntil: true } });
    const decision = decideAttempt(record, passwordOk, now, rules);
    if (decision.outcome === "allowed" && record) await tx.signInThrottle.delete({ where: { key } });
    if (decision.outcome === "failed") {
      await tx.signInThrottle.upsert({ where: { key }, create: { key, ...decision.next }, update: decision.next });
      // Housekeeping: a record untouched for a window and the longest hold ends no streak any more.
      const stale = new Date(now.getTime() - rules.windowMs - rules.longestHoldMs);
      await tx.signInThrottle.deleteMany({ where: { updatedAt: { lt: stale } } });
    }
    return decision;
  });
}

export type SignInOutcome = { ok: true; userId: string } | { ok: false; heldUntil: Date | null };

/**
 * A sign-in attempt: the password is always checked (one bcrypt whether the account exists,
 * is held or not, so timing tells nothing), then the account's record decides. The start of
 * each hold is a security event.
 */
export async function attemptSignIn(email: string, password: string, request: Request): Promise<SignInOutcome> {
  const userId = await verifyLogin(email, password);
  const decision = await settleAttempt(email, userId !== null);
  if (decision.outcome === "allowed" && userId) return { ok: true, userId };
  if (decision.outcome === "held") return { ok: false, heldUntil: decision.heldUntil };
  if (decision.outcome === "failed" && decision.holdStarted) {
    const { failures, heldUntil } = decision.next;
    securityEvent("sign_in_hold", { email: normalise(email), failures, heldUntil: heldUntil?.toISOString(), ...requestOrigin(request) });
    return { ok: false, heldUntil };
  }
  return { ok: false, heldUntil: null };
}
