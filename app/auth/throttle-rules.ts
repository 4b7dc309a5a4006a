// The per-account sign-in schedule (issue 13, item 5) as pure rules: no clock, no database.
// The per-address limiter (app/utils/http-guards.server.ts) stops one address from guessing
// fast; this stops many addresses guessing one account's password (password spraying).
//
// A streak of failed sign-ins on one account: the first FREE_FAILURES - 1 cost nothing, the
// FREE_FAILURES-th and each later failure hold the account for a doubling time, up to the
// longest hold (defaults 30 s, 1, 2, 4, 8, 16 min). While a hold lasts, no password is tried
// at all, the right one included: otherwise a spray would go on testing passwords, only the
// answers would change. Attempts refused during a hold are not counted, so the holder always
// gets in when it ends. The streak ends with a success, or a quiet WINDOW after it started or
// after its last hold ended.

export type ThrottleState = { failures: number; windowStart: Date; heldUntil: Date | null };

export type ThrottlePolicy = {
  /** A streak ends this long after its start or its last hold's end, whichever is later. */
  windowMs: number;
  /** The failure that starts the first hold. */
  freeFailures: number;
  /** Each further failure doubles the hold, from longestHoldMs / 2^HOLD_STEPS up to longestHoldMs. */
  longestHoldMs: number;
};

/** How many doublings lead from the first hold to the longest. */
export const HOLD_STEPS = 5;

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = { windowMs: 15 * 60_000, freeFailures: 5, longestHoldMs: 16 * 60_000 };

export type AttemptDecision =
  /** Refused without looking at the password; nothing is written. */
  | { outcome: "held"; heldUntil: Date }
  /** The password is right and no hold lasts: the record, if any, is removed. */
  | { outcome: "allowed" }
  /** A counted failure: `next` is written; `holdStarted` when this failure started a hold. */
  | { outcome: "failed"; next: ThrottleState; holdStarted: boolean };

/** The hold a streak of `failures` failures earns, in ms (0 below the free failures). */
export function holdFor(failures: number, policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY): number {
  if (failures < policy.freeFailures) return 0;
  const step = Math.min(failures - policy.freeFailures, HOLD_STEPS);
  return Math.round(policy.longestHoldMs / 2 ** (HOLD_STEPS - step));
}

/** The hold in force at `now`, if any. */
export function activeHold(state: ThrottleState | null, now: Date): Date | null {
  return state?.heldUntil && state.heldUntil.getTime() > now.getTime() ? state.heldUntil : null;
}

/** Whether the streak is over: a quiet window after its start and after its last hold's end. */
export function streakOver(state: ThrottleState, now: Date, policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY): boolean {
  const lastMark = Math.max(state.windowStart.getTime(), state.heldUntil?.getTime() ?? 0);
  return now.getTime() >= lastMark + policy.windowMs;
}

/** What to do with a sign-in attempt whose password check came out `passwordOk`, given the account's record. */
export function decideAttempt(
  state: ThrottleState | null,
  passwordOk: boolean,
  now: Date,
  policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
): AttemptDecision {
  const heldUntil = activeHold(state, now);
  if (heldUntil) return { outcome: "held", heldUntil };
  if (passwordOk) return { outcome: "allowed" };
  const current = state && !streakOver(state, now, policy) ? state : null;
  const failures = (current?.failures ?? 0) + 1;
  const hold = holdFor(failures, policy);
  return {
    outcome: "failed",
    next: {
      failures,
      windowStart: current?.windowStart ?? now,
      // below the free failures there has been no hold in this streak either
      heldUntil: hold > 0 ? new Date(now.getTime() + hold) : null,
    },
    holdStarted: hold > 0,
  };
}

/** The policy with the longest hold from the environment (SIGN_IN_HOLD_MS, e.g. short for a test), else the default. */
export function throttlePolicy(longestHoldSetting: string | undefined): ThrottlePolicy {
  const longest = Number(longestHoldSetting);
  return Number.isInteger(longest) && longest > 0 ? { ...DEFAULT_THROTTLE_POLICY, longestHoldMs: longest } : DEFAULT_THROTTLE_POLICY;
}

/** Korean time of day (HH:MM, Asia/Seoul) at or after `until`: "try again after" must never be too early. */
export function retryTimeLabel(until: Date): string {
  const minute = Math.ceil(until.getTime() / 60_000) * 60_000;
  const seoul = new Date(minute + 9 * 3_600_000);
  return seoul.toISOString().slice(11, 16);
}

/** The answer to every attempt during a hold, known account or not. */
export function holdMessage(until: Date): string {
  return `로그인에 여러 번 실패하여 이 계정의 로그인을 잠시 멈췄습니다. 잠시 후(${retryTimeLabel(until)} 이후) 다시 시도해 주세요.`;
}

/** Retry-After for a hold answer: whole seconds until it ends, at least 1. */
export function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
