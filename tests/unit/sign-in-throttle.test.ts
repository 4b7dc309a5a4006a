// The per-account sign-in throttle against a real SQLite file: parallel attempts are each
// counted exactly once and none is tried once the hold has begun; the table names no address;
// a success clears the record; the start of a hold is one security log line.
import { describe, expect, it, vi } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { prisma } from "~/db.server";
import { attemptSignIn, settleAttempt, throttleKey } from "~/auth/throttle.server";
import { DEFAULT_THROTTLE_POLICY } from "~/auth/throttle-rules";
import { log } from "~/utils/log.server";

const request = () => new Request("http://localhost/login", { method: "POST", headers: { "X-AS-Client-IP": "10.9.9.9" } });

useSeededDatabase();

describe("settleAttempt", () => {
  it("20 failures in parallel: five are counted (the fifth holds), fifteen find the hold", async () => {
    const decisions = await Promise.all(Array.from({ length: 20 }, () => settleAttempt("spray@example.kr", false)));
    const outcomes = decisions.map((d) => (d.outcome === "failed" ? (d.holdStarted ? "hold" : "failed") : d.outcome));
    expect(outcomes.filter((o) => o === "failed")).toHaveLength(4);
    expect(outcomes.filter((o) => o === "hold")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "held")).toHaveLength(15);
    const record = await prisma.signInThrottle.findUniqueOrThrow({ where: { key: throttleKey("spray@example.kr") } });
    expect(record.failures).toBe(5);
    expect(record.heldUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("the key is the same however the address is typed, and does not contain it", async () => {
    expect(throttleKey("  Spray@Example.KR ")).toBe(throttleKey("spray@example.kr"));
    expect(throttleKey("other@example.kr")).not.toBe(throttleKey("spray@example.kr"));
    const keys = (await prisma.signInThrottle.findMany({ select: { key: true } })).map((r) => r.key);
    expect(keys.some((k) => k.includes("spray") || k.includes("example"))).toBe(false);
  });

  it("after the hold, a success removes the record", async () => {
    const later = new Date(Date.now() + DEFAULT_THROTTLE_POLICY.longestHoldMs);
    expect(await settleAttempt("spray@example.kr", true, later)).toEqual({ outcome: "allowed" });
    expect(await prisma.signInThrottle.count({ where: { key: throttleKey("spray@example.kr") } })).toBe(0);
  });

  it("a failure sweeps records no streak can use any more", async () => {
    await prisma.signInThrottle.create({
      data: { key: "stale-record", failures: 3, windowStart: new Date(Date.now() - 3_600_000), heldUntil: null },
    });
    await prisma.$executeRaw`UPDATE "SignInThrottle" SET "updatedAt" = ${new Date(Date.now() - 3_600_000)} WHERE "key" = 'stale-record'`;
    await settleAttempt("someone@example.kr", false);
    expect(await prisma.signInThrottle.count({ where: { key: "stale-record" } })).toBe(0);
    expect(await prisma.signInThrottle.count({ where: { key: throttleKey("someone@example.kr") } })).toBe(1);
  });
});

describe("attemptSignIn", () => {
  it("a spray on a real account: no password tried after the hold, the right one included; one security line per hold", async () => {
    const info = vi.spyOn(log, "info");
    try {
      const wrong = await Promise.all(Array.from({ length: 8 }, (_, i) => attemptSignIn("vendor1@demo.kr", `guess-${i}`, request())));
      expect(wrong.filter((o) => !o.ok && o.heldUntil === null)).toHaveLength(4);
      expect(wrong.filter((o) => !o.ok && o.heldUntil !== null)).toHaveLength(4);
      expect(await attemptSignIn("vendor1@demo.kr", "demo1234!", request())).toMatchObject({ ok: false });
      // an unknown address is answered the same way
      const unknown = await Promise.all(Array.from({ length: 8 }, (_, i) => attemptSignIn("nobody@demo.kr", `guess-${i}`, request())));
      expect(unknown.filter((o) => !o.ok && o.heldUntil !== null)).toHaveLength(4);

      const holds = info.mock.calls.map(([entry]) => entry as Record<string, unknown>).filter((e) => e.event === "sign_in_hold");
      expect(holds.map((e) => e.email).sort()).toEqual(["nobody@demo.kr", "vendor1@demo.kr"]);
      expect(holds[0]).toMatchObject({ kind: "security", failures: 5, ip: "10.9.9.9" });
    } finally {
      info.mockRestore();
    }
  });

  it("other accounts sign in as before", async () => {
    expect(await attemptSignIn("vendor2@demo.kr", "demo1234!", request())).toMatchObject({ ok: true });
    expect(await attemptSignIn("vendor2@demo.kr", "wrong", request())).toEqual({ ok: false, heldUntil: null });
  });
});
