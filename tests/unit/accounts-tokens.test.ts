// Mailed-link tokens against a real SQLite file: only the hash is stored, a link works once, for its
// purpose, until it expires; a forged or malformed one is "unknown".
import { describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { prisma } from "~/db.server";
import { consumeToken, hashToken, issueToken, peekToken, revokeTokens } from "~/auth/tokens.server";

useSeededDatabase();

const issue = (ttlMs = 60_000, email = "Token@Example.KR") =>
  prisma.$transaction((tx) => issueToken(tx, { purpose: "confirm_email", email, ttlMs }));

describe("issueToken / consumeToken", () => {
  it("returns a 256-bit base64url token and stores only its SHA-256, the address lower-cased", async () => {
    const raw = await issue();
    expect(raw).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await prisma.emailToken.count({ where: { tokenHash: raw } })).toBe(0);
    const row = await prisma.emailToken.findUniqueOrThrow({ where: { tokenHash: hashToken(raw) } });
    expect(row).toMatchObject({ purpose: "confirm_email", email: "token@example.kr", usedAt: null });
  });

  it("works once: the second use is refused as used", async () => {
    const raw = await issue();
    const first = await prisma.$transaction((tx) => consumeToken(tx, "confirm_email", raw));
    expect(first.ok).toBe(true);
    const second = await prisma.$transaction((tx) => consumeToken(tx, "confirm_email", raw));
    expect(second).toEqual({ ok: false, reason: "used" });
  });

  it("two concurrent uses: exactly one succeeds", async () => {
    const raw = await issue();
    const results = await Promise.all([1, 2].map(() => prisma.$transaction((tx) => consumeToken(tx, "confirm_email", raw))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("an expired token is refused as expired and stays unused", async () => {
    const raw = await issue(-1);
    expect(await prisma.$transaction((tx) => consumeToken(tx, "confirm_email", raw))).toEqual({ ok: false, reason: "expired" });
    expect((await prisma.emailToken.findUniqueOrThrow({ where: { tokenHash: hashToken(raw) } })).usedAt).toBeNull();
  });

  it("a forged, malformed or other-purpose token is unknown", async () => {
    const raw = await issue();
    const forged = raw.slice(0, -1) + (raw.endsWith("A") ? "B" : "A");
    for (const candidate of [forged, "short", "", `${raw}x`, "../../etc/passwd"]) {
      expect(await prisma.$transaction((tx) => consumeToken(tx, "confirm_email", candidate))).toEqual({ ok: false, reason: "unknown" });
    }
    expect(await prisma.$transaction((tx) => consumeToken(tx, "reset_password", raw))).toEqual({ ok: false, reason: "unknown" });
    expect((await prisma.$transaction((tx) => peekToken(tx, "confirm_email", raw))).ok).toBe(true);
  });

  it("revokeTokens ends a user's open links of one purpose", async () => {
    const raw = await issue(60_000, "revoke@example.kr");
    expect(await prisma.$transaction((tx) => revokeTokens(tx, "confirm_email", { email: "REVOKE@example.kr" }))).toBe(1);
    expect(await prisma.$transaction((tx) => consumeToken(tx, "confirm_email", raw))).toEqual({ ok: false, reason: "used" });
  });
});
