// When to try a mail again after a failed attempt: exponential backoff (1 min, 2, 4 … capped at 1 h)
// with jitter, so mails refused together (a mail server that was down) do not all come back in the same
// second; given up after the last attempt, or at once when the server refused the message for good.

export type RetryPolicy = {
  /** wait after the first failure */
  baseMs: number;
  /** the longest wait */
  capMs: number;
  /** attempts in all before the mail is given up (status failed) */
  maxAttempts: number;
  /** ± this fraction of the wait, drawn at random */
  jitter: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 60_000, capMs: 3_600_000, maxAttempts: 10, jitter: 0.2 };

/** The wait after the `attempts`-th failed attempt (1, 2, …); `random` in [0, 1), 0.5 means no jitter. */
export function retryDelayMs(attempts: number, random: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const wait = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(wait * (1 + policy.jitter * (2 * random - 1)));
}

export type AfterFailure = { status: "pending"; nextAttemptAt: Date } | { status: "failed"; nextAttemptAt: Date };

/** What a failed attempt leaves: pending until the next attempt is due, or failed (no more attempts). */
export function afterFailure(
  attempts: number,
  permanent: boolean,
  now: Date,
  random: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): AfterFailure {
  if (permanent || attempts >= policy.maxAttempts) return { status: "failed", nextAttemptAt: now };
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, random, policy)) };
}

/**
 * Whether an SMTP failure is for good: the server refused the recipient or the message with a 5xx
 * reply. Everything else — no connection, a timeout, a 4xx "try later", even a refused login (a setting
 * an admin can fix) — is tried again.
 */
export function isPermanentSmtpFailure(error: { code?: string; responseCode?: number }): boolean {
  const code = error.responseCode ?? 0;
  return code >= 500 && code < 600 && (error.code === "EENVELOPE" || error.code === "EMESSAGE");
}
