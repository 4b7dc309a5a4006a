// What the mail pages read, against a real SQLite file: the demo mailbox lists one address's mail of the
// last 7 days and links only to this site; the mail log and "send again" are a Technopark admin's only.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { actorFromSessionId } from "~/auth/session.server";
import { demoMailbox, linkParts, mailOverview, resendFailedMail } from "~/mail/mailbox.server";

useSeededDatabase();

const DAY = 86_400_000;

async function actorOf(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({ data: { id: crypto.randomUUID(), userId: user.id, expiresAt: new Date(Date.now() + DAY) } });
  return (await actorFromSessionId(session.id))!;
}

async function mail(toEmail: string, subject: string, extra: { createdAt?: Date; status?: string; text?: string } = {}) {
  const row = await prisma.outboxMail.create({
    data: {
      kind: "confirm_email",
      toEmail,
      subject,
      text: extra.text ?? subject,
      html: `<p>${subject}</p>`,
      status: extra.status,
      createdAt: extra.createdAt,
    },
  });
  return row.id;
}

beforeAll(() => {
  process.env.APP_URL = "https://as.example.kr";
});

describe("demo mailbox", () => {
  it("the mail to the address asked for (however typed), of the last 7 days, newest first", async () => {
    await mail("box@example.kr", "첫 메일", { createdAt: new Date(Date.now() - 2 * DAY) });
    await mail("box@example.kr", "둘째 메일", { createdAt: new Date(Date.now() - DAY) });
    await mail("box@example.kr", "오래된 메일", { createdAt: new Date(Date.now() - 8 * DAY) });
    await mail("other@example.kr", "남의 메일");
    const mails = await demoMailbox("  BOX@example.kr ");
    expect(mails.map((m) => m.subject)).toEqual(["둘째 메일", "첫 메일"]);
    expect(mails[0].time).toMatch(/\d/);
  });

  it("links to this site become paths; other addresses stay text", () => {
    expect(
      linkParts("확인: https://as.example.kr/confirm/abc?x=1 끝. 다른 곳: https://evil.example/confirm 과 https://as.example.kr.evil.example/x"),
    ).toEqual([
      { text: "확인: " },
      { text: "https://as.example.kr/confirm/abc?x=1", href: "/confirm/abc?x=1" },
      { text: " 끝. 다른 곳: https://evil.example/confirm 과 https://as.example.kr.evil.example/x" },
    ]);
    expect(linkParts("https://as.example.kr/app/reset/t https://as.example.kr/other", "https://as.example.kr/app")).toEqual([
      { text: "https://as.example.kr/app/reset/t", href: "/reset/t" },
      { text: " https://as.example.kr/other" },
    ]);
  });
});

describe("mail log", () => {
  it("only a Technopark monitor who is its admin sees it; never a body", async () => {
    await prisma.user.updateMany({ where: { email: "monitor@demo.kr" }, data: { isAdmin: false } });
    await prisma.user.updateMany({ where: { email: "maker1@demo.kr" }, data: { isAdmin: true } });
    expect(await mailOverview(await actorOf("monitor@demo.kr"))).toBeNull();
    expect(await mailOverview(await actorOf("maker1@demo.kr"))).toBeNull();
    await prisma.user.updateMany({ where: { email: "monitor@demo.kr" }, data: { isAdmin: true } });
    const failedId = await mail("bounce@example.kr", "실패한 초대", { status: "failed", text: "https://as.example.kr/invite/secret" });
    const overview = (await mailOverview(await actorOf("monitor@demo.kr")))!;
    expect(overview.counts.failed).toBe(1);
    expect(overview.failed.map((row) => row.id)).toEqual([failedId]);
    expect(JSON.stringify(overview)).not.toContain("secret");
  });

  it("send again: a failed mail only, by the admin only, back to pending with fresh attempts", async () => {
    const failedId = await mail("again@example.kr", "다시", { status: "failed" });
    await prisma.outboxMail.update({ where: { id: failedId }, data: { attempts: 10, claimedBy: "gone", claimedUntil: new Date() } });
    const sentId = await mail("sent@example.kr", "보냄", { status: "sent" });
    expect(await resendFailedMail(await actorOf("maker1@demo.kr"), failedId)).toBeNull();
    const admin = await actorOf("monitor@demo.kr");
    expect(await resendFailedMail(admin, sentId)).toBeNull();
    expect(await resendFailedMail(admin, failedId)).toEqual({ toEmail: "again@example.kr" });
    expect(await prisma.outboxMail.findUniqueOrThrow({ where: { id: failedId } })).toMatchObject({
      status: "pending",
      attempts: 0,
      claimedBy: null,
    });
    expect(await resendFailedMail(admin, failedId)).toBeNull();
  });
});
