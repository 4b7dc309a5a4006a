// Reset and change of passwords against a real SQLite file (the outbox rows are the mails written):
// the same outcome for a known and an unknown address but a mail only for the known one, the limits,
// a single-use 30-minute link stored hashed, sessions and the sign-in hold ended by the reset.
import { describe, expect, it, vi } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { prisma } from "~/db.server";
import { createUserSession, readSessionId, verifyLogin } from "~/auth/session.server";
import { settleAttempt, throttleKey } from "~/auth/throttle.server";
import { hashToken } from "~/auth/tokens.server";
import { log } from "~/utils/log.server";
import { changePassword, readResetLink, requestPasswordReset, resetPassword, RESET_LIMITS, RESET_TTL_MS } from "~/models/password.server";

useSeededDatabase();

const origin = { ip: "10.0.0.1" };
const NEW_PASSWORD = "blue-river-7-lamp";

async function lastResetMail(email: string) {
  return prisma.outboxMail.findFirst({ where: { toEmail: email, kind: "reset_password" }, orderBy: { createdAt: "desc" } });
}

function tokenIn(text: string): string {
  const match = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no reset link in: ${text}`);
  return match[1];
}

async function sessionOf(email: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const response = await createUserSession({ userId: user.id, redirectTo: null, request: new Request("http://localhost/login") });
  return (await readSessionId(response.headers.get("Set-Cookie")!.split(";")[0]))!;
}

describe("requestPasswordReset", () => {
  it("a known address gets a mail with a 30-minute link; the database keeps only the token's hash", async () => {
    expect(await requestPasswordReset(" Maker1@Demo.kr ", origin)).toBe("sent");
    const mail = (await lastResetMail("maker1@demo.kr"))!;
    expect(mail.subject).toContain("비밀번호 재설정");
    expect(mail.text).toContain("한국 시간");
    const raw = tokenIn(mail.text);
    const row = await prisma.emailToken.findUniqueOrThrow({ where: { tokenHash: hashToken(raw) } });
    expect(row.purpose).toBe("reset_password");
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(RESET_TTL_MS - 5_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(RESET_TTL_MS + 5_000);
    expect(await prisma.emailToken.count({ where: { tokenHash: raw } })).toBe(0);
  });

  it("an unknown address: the same call succeeds, no token and no mail", async () => {
    const before = await prisma.outboxMail.count();
    expect(await requestPasswordReset("nobody@nowhere.kr", origin)).toBe("no_account");
    expect(await prisma.outboxMail.count()).toBe(before);
    expect(await prisma.emailToken.count({ where: { email: "nobody@nowhere.kr" } })).toBe(0);
  });

  it("a newer link ends the older one; after the limit per address no further mail is written", async () => {
    const first = tokenIn((await lastResetMail("maker1@demo.kr"))!.text);
    expect(await requestPasswordReset("maker1@demo.kr", origin)).toBe("sent");
    expect(await readResetLink(first)).toEqual({ ok: false, reason: "used" });
    for (let i = 2; i < RESET_LIMITS.perAddress.mails; i++) expect(await requestPasswordReset("maker1@demo.kr", origin)).toBe("sent");
    const mails = await prisma.outboxMail.count({ where: { toEmail: "maker1@demo.kr", kind: "reset_password" } });
    expect(await requestPasswordReset("maker1@demo.kr", origin)).toBe("limited");
    expect(await prisma.outboxMail.count({ where: { toEmail: "maker1@demo.kr", kind: "reset_password" } })).toBe(mails);
  });

  it("the limit per account counts a day of links whatever address they went to", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "maker2@demo.kr" } });
    const old = new Date(Date.now() - 2 * 60 * 60_000); // outside the per-address hour, inside the account's day
    for (let i = 0; i < RESET_LIMITS.perAccount.mails; i++) {
      await prisma.emailToken.create({
        data: { purpose: "reset_password", tokenHash: `seeded-${i}`, email: "old@maker2.kr", userId: user.id, expiresAt: old, createdAt: old },
      });
    }
    expect(await requestPasswordReset("maker2@demo.kr", origin)).toBe("limited");
  });
});

describe("resetPassword", () => {
  it("a weak password is refused in Korean and leaves the link usable", async () => {
    expect(await requestPasswordReset("vendor1@demo.kr", origin)).toBe("sent");
    const raw = tokenIn((await lastResetMail("vendor1@demo.kr"))!.text);
    expect(await resetPassword(raw, "password12", origin)).toEqual({ ok: false, problems: [expect.stringContaining("추측하기 쉬운")] });
    expect(await resetPassword(raw, "vendor1@demo.kr", origin)).toEqual({ ok: false, problems: ["비밀번호에 이메일 주소를 쓸 수 없습니다."] });
    expect((await readResetLink(raw)).ok).toBe(true);
  });

  it("the link sets the password once: sessions end, the sign-in hold is lifted, passwordChangedAt is set", async () => {
    const raw = tokenIn((await lastResetMail("vendor1@demo.kr"))!.text);
    await sessionOf("vendor1@demo.kr");
    for (let i = 0; i < 5; i++) await settleAttempt("vendor1@demo.kr", false);
    expect(await prisma.signInThrottle.count({ where: { key: throttleKey("vendor1@demo.kr") } })).toBe(1);

    const result = await resetPassword(raw, NEW_PASSWORD, origin);
    expect(result.ok).toBe(true);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "vendor1@demo.kr" } });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.signInThrottle.count({ where: { key: throttleKey("vendor1@demo.kr") } })).toBe(0);
    expect(user.passwordChangedAt).not.toBeNull();
    expect(await verifyLogin("vendor1@demo.kr", NEW_PASSWORD)).toBe(user.id);
    expect(await verifyLogin("vendor1@demo.kr", "demo1234!")).toBeNull();

    expect(await resetPassword(raw, "another-long-phrase-42", origin)).toEqual({ ok: false, reason: "used" });
  });

  it("an expired link and a forged one are refused, and say which", async () => {
    expect(await requestPasswordReset("vendor2@demo.kr", origin)).toBe("sent");
    const raw = tokenIn((await lastResetMail("vendor2@demo.kr"))!.text);
    await prisma.emailToken.update({ where: { tokenHash: hashToken(raw) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resetPassword(raw, NEW_PASSWORD, origin)).toEqual({ ok: false, reason: "expired" });
    expect(await resetPassword("A".repeat(43), NEW_PASSWORD, origin)).toEqual({ ok: false, reason: "unknown" });
    expect(await resetPassword("../../etc", NEW_PASSWORD, origin)).toEqual({ ok: false, reason: "unknown" });
  });
});

describe("changePassword", () => {
  it("ends every other session and keeps the current one; a weak password changes nothing", async () => {
    const current = await sessionOf("monitor@demo.kr");
    const other = await sessionOf("monitor@demo.kr");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "monitor@demo.kr" }, include: { organization: true } });
    const actor = { userId: user.id, email: user.email, name: user.name, organizationName: user.organization.name };

    expect(await changePassword(actor, current, "monitor@demo.kr", origin)).toEqual({
      ok: false,
      problems: ["비밀번호에 이메일 주소를 쓸 수 없습니다."],
    });
    expect(await prisma.session.count({ where: { id: other } })).toBe(1);

    expect(await changePassword(actor, current, NEW_PASSWORD, origin)).toEqual({ ok: true, endedSessions: expect.any(Number) });
    expect(await prisma.session.count({ where: { id: other } })).toBe(0);
    expect(await prisma.session.count({ where: { id: current } })).toBe(1);
    expect(await verifyLogin("monitor@demo.kr", NEW_PASSWORD)).toBe(user.id);
  });
});

describe("security events", () => {
  it("each request (whatever its outcome), each use and each refused use is one security log line", async () => {
    const info = vi.spyOn(log, "info");
    try {
      await requestPasswordReset("maker3@demo.kr", origin);
      await requestPasswordReset("ghost@demo.kr", origin);
      const raw = tokenIn((await lastResetMail("maker3@demo.kr"))!.text);
      await resetPassword(raw, NEW_PASSWORD, origin);
      await resetPassword(raw, NEW_PASSWORD, origin);
      const events = info.mock.calls.map(([line]) => line as unknown as Record<string, unknown>).filter((line) => line.kind === "security");
      expect(events.map((e) => [e.event, e.outcome ?? e.reason ?? null])).toEqual([
        ["password_reset.requested", "sent"],
        ["password_reset.requested", "no_account"],
        ["password_reset.completed", null],
        ["password_reset.refused", "used"],
      ]);
      expect(events.every((e) => e.ip === "10.0.0.1")).toBe(true);
    } finally {
      info.mockRestore();
    }
  });
});
