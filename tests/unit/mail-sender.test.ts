// The sender against a real SQLite file and a real SMTP server (smtp-server on a free port): one message
// per outbox row with the right headers, retries with backoff while the server refuses, a permanent
// refusal or the last retry ends in `failed`, a crashed sender's claim expires, and two senders racing
// over the same rows send each mail once.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { simpleParser, type ParsedMail } from "mailparser";
import { useSeededDatabase } from "../support/seeded-db";
import { startSmtpSink } from "../../scripts/smtp-sink.mjs";
import { prisma } from "~/db.server";
import { renderMail } from "~/mail/layout.server";
import { enqueueMail } from "~/mail/outbox.server";
import { createMailSender, runSenderLoop, type SenderOptions } from "~/mail/sender.server";

useSeededDatabase();

const FROM = '"AS 트래커" <no-reply@as.example.kr>';
let refusal: { code: number; message: string } | null = null;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
// the senders' clock: a second ahead of the real one (the rows' nextAttemptAt is the database's now), moved by the tests
let clock = new Date();

beforeAll(async () => {
  process.env.APP_URL = "https://as.example.kr";
  sink = await startSmtpSink({ refuse: () => refusal });
});
afterAll(() => sink.close());
beforeEach(async () => {
  await prisma.outboxMail.deleteMany();
  sink.messages.length = 0;
  refusal = null;
  clock = new Date(Date.now() + 1_000);
});

function sender(options: Partial<SenderOptions> = {}) {
  return createMailSender({ smtpUrl: sink.url, from: FROM, messageIdHost: "as.example.kr", now: () => clock, random: () => 0.5, ...options });
}

async function enqueue(email: string, subject = "가입 확인") {
  const content = renderMail({ subject, lines: [`${email} 주소의 가입을 확인해 주세요.`], action: { label: "확인하기", path: "/confirm/x" } });
  return (await prisma.$transaction((tx) => enqueueMail(tx, { kind: "confirm_email", to: { email }, content })))!;
}

const received = (): Promise<ParsedMail[]> => Promise.all(sink.messages.map((raw) => simpleParser(raw)));

describe("mail sender", () => {
  it("sends one message per row: From, To, Korean subject and text, Message-ID from the outbox id; then nothing more", async () => {
    const ids = [await enqueue("one@example.kr"), await enqueue("two@example.kr", "비밀번호 재설정")];
    const a = sender();
    expect(await a.runOnce()).toMatchObject({ claimed: 2, sent: 2, failed: 0 });
    const mails = await received();
    expect(mails).toHaveLength(2);
    const byId = new Map(mails.map((mail) => [mail.messageId, mail]));
    const first = byId.get(`<${ids[0]}@as.example.kr>`)!;
    expect(first.from?.value[0]).toEqual({ name: "AS 트래커", address: "no-reply@as.example.kr" });
    expect(first.to && !Array.isArray(first.to) && first.to.value[0].address).toBe("one@example.kr");
    expect(first.subject).toBe("[AS 트래커] 가입 확인");
    expect(first.text).toContain("one@example.kr 주소의 가입을 확인해 주세요.");
    expect(first.text).toContain("확인하기: https://as.example.kr/confirm/x");
    expect(first.html).toContain('href="https://as.example.kr/confirm/x"');
    expect(byId.get(`<${ids[1]}@as.example.kr>`)?.subject).toBe("[AS 트래커] 비밀번호 재설정");
    const rows = await prisma.outboxMail.findMany();
    expect(rows.every((row) => row.status === "sent" && row.sentAt && row.claimedBy === null)).toBe(true);
    expect(await a.runOnce()).toMatchObject({ claimed: 0 });
    expect(sink.messages).toHaveLength(2);
  });

  it("a server that refuses (451): retried after a backoff, sent once it accepts", async () => {
    const id = await enqueue("retry@example.kr");
    refusal = { code: 451, message: "4.3.0 try again later" };
    const a = sender();
    expect(await a.runOnce()).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
    let row = await prisma.outboxMail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, claimedBy: null, sentAt: null });
    expect(row.lastError).toContain("451");
    expect(row.nextAttemptAt.getTime() - clock.getTime()).toBe(60_000);

    // not due yet: not tried again, even if the server would accept now
    refusal = null;
    clock = new Date(clock.getTime() + 59_000);
    expect(await a.runOnce()).toMatchObject({ claimed: 0 });
    expect(sink.messages).toHaveLength(0);

    clock = row.nextAttemptAt;
    expect(await a.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    row = await prisma.outboxMail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    expect((await received()).map((mail) => mail.messageId)).toEqual([`<${id}@as.example.kr>`]);
  });

  it("the wait doubles after each refusal and the mail is given up (failed) after the last attempt", async () => {
    const id = await enqueue("down@example.kr");
    refusal = { code: 421, message: "4.7.0 service not available" };
    const a = sender({ maxAttempts: 3 });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await a.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
      const row = await prisma.outboxMail.findUniqueOrThrow({ where: { id } });
      waits.push(row.nextAttemptAt.getTime() - clock.getTime());
      clock = row.nextAttemptAt;
    }
    expect(waits.slice(0, 2)).toEqual([60_000, 120_000]);
    expect(await prisma.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed", attempts: 3 });
    refusal = null;
    clock = new Date(clock.getTime() + 86_400_000);
    expect(await a.runOnce()).toMatchObject({ claimed: 0 });
    expect(sink.messages).toHaveLength(0);
  });

  it("a permanent refusal of the message (5xx) fails it at once", async () => {
    const id = await enqueue("nobody@example.kr");
    refusal = { code: 550, message: "5.1.1 mailbox unavailable" };
    expect(await sender().runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    const row = await prisma.outboxMail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toContain("550");
  });

  it("a claim of a sender that died is taken over once it has expired, not before", async () => {
    const id = await enqueue("crash@example.kr");
    await prisma.outboxMail.update({ where: { id }, data: { claimedBy: "dead-process", claimedUntil: new Date(clock.getTime() + 30_000) } });
    const a = sender();
    expect(await a.runOnce()).toMatchObject({ claimed: 0 });
    clock = new Date(clock.getTime() + 30_001);
    expect(await a.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.messages).toHaveLength(1);
  });

  it("two senders racing over the same rows send each mail exactly once", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 24; i++) ids.add(await enqueue(`race${i}@example.kr`));
    const a = sender({ id: "sender-a", batchSize: 3 });
    const b = sender({ id: "sender-b", batchSize: 3 });
    const drain = async (s: typeof a) => {
      let claimed = 0;
      for (let round = await s.runOnce(); round.claimed > 0; round = await s.runOnce()) claimed += round.claimed;
      return claimed;
    };
    const [byA, byB] = await Promise.all([drain(a), drain(b)]);
    expect(byA + byB).toBe(24);
    const messageIds = (await received()).map((mail) => mail.messageId);
    expect(messageIds).toHaveLength(24);
    expect(new Set(messageIds)).toEqual(new Set([...ids].map((id) => `<${id}@as.example.kr>`)));
    expect(await prisma.outboxMail.count({ where: { status: "sent" } })).toBe(24);
  });

  it("a transaction that enqueued mail wakes the running sender: sent without waiting for its next poll (an hour away)", async () => {
    const loop = runSenderLoop(sender({ now: () => new Date() }), { pollMs: 3_600_000 });
    try {
      // the loop's first round (at start) has found nothing and sleeps for an hour
      await new Promise((resolve) => setTimeout(resolve, 100));
      const id = await enqueue("woken@example.kr");
      await vi.waitFor(() => expect(sink.messages).toHaveLength(1), { timeout: 10_000, interval: 50 });
      expect((await received())[0].messageId).toBe(`<${id}@as.example.kr>`);
    } finally {
      await loop.stop();
    }
  });
});
