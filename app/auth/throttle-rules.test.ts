import { describe, expect, it } from "vitest";
import {
  DEFAULT_THROTTLE_POLICY,
  activeHold,
  decideAttempt,
  holdFor,
  holdMessage,
  retryAfterSeconds,
  retryTimeLabel,
  streakOver,
  throttlePolicy,
  type ThrottleState,
} from "./throttle-rules";

const t0 = new Date("2026-11-30T05:00:00Z"); // 14:00 in Seoul
const at = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;

/** Runs `n` failed attempts `gapMs` apart from `state`, as the server would, counting refusals. */
function fail(n: number, gapMs: number, from: ThrottleState | null = null, start = 0) {
  let state = from;
  let held = 0;
  let holds = 0;
  for (let i = 0; i < n; i++) {
    const d = decideAttempt(state, false, at(start + i * gapMs));
    if (d.outcome === "held") held++;
    else if (d.outcome === "failed") {
      state = d.next;
      if (d.holdStarted) holds++;
    }
  }
  return { state: state!, held, holds };
}

describe("holdFor", () => {
  it("is free below five failures, then doubles from 30 s to 16 min and stays there", () => {
    expect([1, 2, 3, 4].map((n) => holdFor(n))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 50].map((n) => holdFor(n) / 1000)).toEqual([30, 60, 120, 240, 480, 960, 960, 960]);
  });
  it("scales with the longest hold of the policy", () => {
    expect(holdFor(5, throttlePolicy("3200"))).toBe(100);
    expect(holdFor(12, throttlePolicy("3200"))).toBe(3200);
  });
});

describe("throttlePolicy", () => {
  it("takes a positive whole number of ms from the setting, else the default", () => {
    expect(throttlePolicy("60000").longestHoldMs).toBe(60_000);
    for (const bad of [undefined, "", "0", "-5", "1.5", "abc", "Infinity"]) expect(throttlePolicy(bad)).toBe(DEFAULT_THROTTLE_POLICY);
  });
});

describe("decideAttempt", () => {
  it("four failures are only counted; the fifth starts a 30 s hold", () => {
    const four = fail(4, 1000);
    expect(four.state).toEqual({ failures: 4, windowStart: t0, heldUntil: null });
    const fifth = decideAttempt(four.state, false, at(4000));
    expect(fifth).toEqual({ outcome: "failed", next: { failures: 5, windowStart: t0, heldUntil: at(34_000) }, holdStarted: true });
  });

  it("during a hold every attempt is refused uncounted, the right password too", () => {
    const { state } = fail(5, 1000);
    expect(decideAttempt(state, true, at(10_000))).toEqual({ outcome: "held", heldUntil: at(34_000) });
    expect(decideAttempt(state, false, at(33_999))).toEqual({ outcome: "held", heldUntil: at(34_000) });
  });

  it("a spray keeps finding the account held: each failure after a hold doubles the next", () => {
    // one attempt every 10 s for an hour: each hold ends, one password is tried, and a longer hold starts
    const hour = fail(360, 10_000);
    expect(hour.holds).toBe(hour.state.failures - 4);
    expect(hour.state.failures).toBe(12); // a dozen passwords tried in the hour instead of 360
    expect(hour.held).toBe(360 - hour.state.failures);
  });

  it("once the hold is over the right password gets in", () => {
    const { state } = fail(5, 1000);
    expect(decideAttempt(state, true, at(34_000))).toEqual({ outcome: "allowed" });
  });

  it("without a record the right password gets in", () => {
    expect(decideAttempt(null, true, t0)).toEqual({ outcome: "allowed" });
  });

  it("a streak ends a quiet window after it started: the count starts again", () => {
    const { state } = fail(4, 1000);
    const later = decideAttempt(state, false, at(15 * MIN));
    expect(later).toEqual({ outcome: "failed", next: { failures: 1, windowStart: at(15 * MIN), heldUntil: null }, holdStarted: false });
  });

  it("after a hold the streak goes on for a window from its end: the next failure holds longer", () => {
    const { state } = fail(5, 1000); // held until 34 s
    const next = decideAttempt(state, false, at(34_000 + 14 * MIN));
    expect(next).toMatchObject({ outcome: "failed", next: { failures: 6, windowStart: t0 }, holdStarted: true });
    const over = decideAttempt(state, false, at(34_000 + 15 * MIN));
    expect(over).toMatchObject({ outcome: "failed", next: { failures: 1, heldUntil: null }, holdStarted: false });
  });
});

describe("streak and hold", () => {
  const state: ThrottleState = { failures: 5, windowStart: t0, heldUntil: at(30_000) };
  it("activeHold is the end of a hold still in force", () => {
    expect(activeHold(null, t0)).toBeNull();
    expect(activeHold({ ...state, heldUntil: null }, t0)).toBeNull();
    expect(activeHold(state, at(29_999))).toEqual(at(30_000));
    expect(activeHold(state, at(30_000))).toBeNull();
  });
  it("streakOver counts the window from the later of its start and its hold's end", () => {
    expect(streakOver({ ...state, heldUntil: null }, at(15 * MIN - 1))).toBe(false);
    expect(streakOver({ ...state, heldUntil: null }, at(15 * MIN))).toBe(true);
    expect(streakOver(state, at(15 * MIN))).toBe(false);
    expect(streakOver(state, at(30_000 + 15 * MIN))).toBe(true);
  });
});

describe("the hold message", () => {
  it("names the Seoul time of day at or after the hold's end", () => {
    expect(retryTimeLabel(at(0))).toBe("14:00");
    expect(retryTimeLabel(at(1))).toBe("14:01");
    expect(retryTimeLabel(new Date("2026-11-30T14:59:30Z"))).toBe("00:00");
  });
  it("Retry-After is whole seconds until the end, at least one", () => {
    expect(retryAfterSeconds(at(30_000), t0)).toBe(30);
    expect(retryAfterSeconds(at(1), t0)).toBe(1);
    expect(retryAfterSeconds(t0, at(5))).toBe(1);
  });
  it("is Korean and says to try again later", () => {
    expect(holdMessage(at(30_000))).toBe(
      "로그인에 여러 번 실패하여 이 계정의 로그인을 잠시 멈췄습니다. 잠시 후(14:01 이후) 다시 시도해 주세요.",
    );
  });
});
