// When a mail is tried again: 1 min, 2, 4 … capped at 1 h, ± 20 % jitter; given up after the last
// attempt or at once on a permanent refusal; the error kept for the admin page never holds the password.
import { describe, expect, it } from "vitest";
import { afterFailure, DEFAULT_RETRY_POLICY, isPermanentSmtpFailure, retryDelayMs } from "~/mail/retry";
import { describeFailure } from "~/mail/sender.server";

const MIN = 60_000;

describe("retry policy", () => {
  it("doubles from one minute and stops at an hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => retryDelayMs(n, 0.5) / MIN)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it("jitter spreads the wait by ± 20 %", () => {
    expect(retryDelayMs(1, 0)).toBe(0.8 * MIN);
    expect(retryDelayMs(1, 0.999999)).toBe(Math.round(1.2 * MIN - 0.000001 * 0.4 * MIN));
    expect(retryDelayMs(20, 0)).toBe(0.8 * 60 * MIN);
  });

  it("pending with the next attempt until the last one; failed after it, or at once when permanent", () => {
    const now = new Date("2026-11-27T00:00:00Z");
    expect(afterFailure(1, false, now, 0.5)).toEqual({ status: "pending", nextAttemptAt: new Date(now.getTime() + MIN) });
    expect(afterFailure(DEFAULT_RETRY_POLICY.maxAttempts - 1, false, now, 0.5).status).toBe("pending");
    expect(afterFailure(DEFAULT_RETRY_POLICY.maxAttempts, false, now, 0.5)).toEqual({ status: "failed", nextAttemptAt: now });
    expect(afterFailure(1, true, now, 0.5).status).toBe("failed");
  });

  it("only a 5xx refusal of the recipient or the message is permanent", () => {
    expect(isPermanentSmtpFailure({ code: "EENVELOPE", responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpFailure({ code: "EMESSAGE", responseCode: 554 })).toBe(true);
    expect(isPermanentSmtpFailure({ code: "EMESSAGE", responseCode: 451 })).toBe(false);
    expect(isPermanentSmtpFailure({ code: "EAUTH", responseCode: 535 })).toBe(false);
    expect(isPermanentSmtpFailure({ code: "ECONNECTION" })).toBe(false);
  });
});

describe("describeFailure", () => {
  it("keeps the code and the server's words, short, without the password or the credentials of the URL", () => {
    const url = "smtp://mailer:p%40ss!word@mail.example.kr:587";
    const error = Object.assign(
      new Error("Invalid login: 535 auth failed for mailer:p@ss!word at smtp://mailer:p%40ss!word@mail.example.kr:587"),
      {
        code: "EAUTH",
      },
    );
    const text = describeFailure(error, url);
    expect(text).toContain("EAUTH");
    expect(text).toContain("535");
    expect(text).not.toContain("p@ss!word");
    expect(text).not.toContain("p%40ss");
    expect(describeFailure(new Error("x".repeat(1000)), url)).toHaveLength(300);
  });
});
