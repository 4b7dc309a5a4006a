// The sender: a loop in the server process that delivers the outbox. Each round claims due rows with one
// conditional UPDATE (claimedBy = this sender's random id, claimedUntil = a lease), reads back what it claimed, sends
// each through SMTP and records the outcome. A row is sent at least once (a crash after the SMTP server
// accepted it but before `sent` was written sends it again once the lease expires) and always with the same
// Message-ID (<outbox-id@APP_URL host>), so a resend is recognisably the same message: effectively once.
// Why the claim is one UPDATE and what a second node needs: docs/decisions/019-mail-outbox.md.
import crypto from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { log } from "~/utils/log.server";
import { mailConfig, messageIdHost, redactSmtpUrl } from "./config.server";
import { onMailEnqueued } from "./outbox.server";
import { afterFailure, DEFAULT_RETRY_POLICY, isPermanentSmtpFailure } from "./retry";

export type SenderOptions = {
  smtpUrl: string;
  from: string;
  messageIdHost: string;
  /** unique per sender (process); a random one by default */
  id?: string;
  /** rows claimed per round */
  batchSize?: number;
  /** how long a claim holds: longer than a round can take (SMTP timeouts below) */
  leaseMs?: number;
  /** attempts before a mail is given up */
  maxAttempts?: number;
  /** the clock and the jitter's randomness (tests fix them) */
  now?: () => Date;
  random?: () => number;
};

export type RoundResult = { claimed: number; sent: number; failed: number };

// Each SMTP step is bounded, so one mail takes at most about SEND_BUDGET_MS; a round stops sending
// (and releases the rest of its claim) once less than that is left of its lease.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
const SEND_BUDGET_MS = 45_000;
const DEFAULT_LEASE_MS = 120_000;
const DEFAULT_BATCH = 10;

type Claimed = { id: string; toEmail: string; subject: string; text: string; html: string; attempts: number };

/** A short description of a failure for OutboxMail.lastError and the admin page: never the SMTP password. */
export function describeFailure(error: unknown, smtpUrl: string): string {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const raw = [e.code, e.message ?? String(error)].filter(Boolean).join(": ");
  const url = new URL(smtpUrl);
  const secrets = [url.password, decodeURIComponent(url.password), smtpUrl].filter((s) => s.length > 0);
  const redacted = secrets.reduce((text, secret) => text.split(secret).join("***"), raw).replace(/\/\/[^/@\s]*@/g, "//***@");
  return redacted.replace(/\s+/g, " ").slice(0, 300);
}

export function createMailSender(options: SenderOptions) {
  const id = options.id ?? `sender-${crypto.randomBytes(6).toString("hex")}`;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts };
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const transport: Transporter = nodemailer.createTransport({ url: options.smtpUrl, ...SMTP_TIMEOUTS });

  /**
   * Picks up to batchSize due, unclaimed rows, marks those still unclaimed as ours with one UPDATE, then
   * reads back exactly those. The UPDATE states the conditions itself, not only the picked ids: under
   * READ COMMITTED (PostgreSQL) an UPDATE that waited for another sender's claim of a row re-checks its
   * WHERE on the row as that sender committed it, so a row just claimed is skipped. (`updateMany` with
   * `limit` is `WHERE id IN (SELECT … LIMIT n)`, which passes that re-check: both senders sent the row.)
   */
  async function claim(at: Date, until: Date): Promise<Claimed[]> {
    const claimable: Prisma.OutboxMailWhereInput = {
      status: "pending",
      nextAttemptAt: { lte: at },
      OR: [{ claimedUntil: null }, { claimedUntil: { lt: at } }],
    };
    const picked = await prisma.outboxMail.findMany({ where: claimable, select: { id: true }, orderBy: { createdAt: "asc" }, take: batchSize });
    if (picked.length === 0) return [];
    const { count } = await prisma.outboxMail.updateMany({
      where: { AND: [claimable, { id: { in: picked.map((row) => row.id) } }] },
      data: { claimedBy: id, claimedUntil: until },
    });
    if (count === 0) return [];
    return prisma.outboxMail.findMany({
      where: { claimedBy: id, claimedUntil: until, status: "pending" },
      select: { id: true, toEmail: true, subject: true, text: true, html: true, attempts: true },
      orderBy: { createdAt: "asc" },
    });
  }

  async function deliver(mail: Claimed): Promise<void> {
    await transport.sendMail({
      from: options.from,
      to: mail.toEmail,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.id}@${options.messageIdHost}>`,
      // RFC 3834: sent by a program, so out-of-office replies stay away
      headers: { "Auto-Submitted": "auto-generated" },
    });
  }

  /** Records the outcome, only while the claim is still ours (an expired lease may have passed to another sender). */
  async function settle(mail: Claimed, error: unknown | null): Promise<"sent" | "failed"> {
    const ours = { id: mail.id, claimedBy: id };
    const released = { claimedBy: null, claimedUntil: null };
    if (error === null) {
      await prisma.outboxMail.updateMany({ where: ours, data: { status: "sent", sentAt: now(), ...released } });
      return "sent";
    }
    const attempts = mail.attempts + 1;
    const next = afterFailure(attempts, isPermanentSmtpFailure(error as { code?: string }), now(), random(), policy);
    const lastError = describeFailure(error, options.smtpUrl);
    await prisma.outboxMail.updateMany({ where: ours, data: { attempts, lastError, ...next, ...released } });
    log.warn({ mailId: mail.id, attempts, status: next.status, nextAttemptAt: next.nextAttemptAt, error: lastError }, "mail not delivered");
    return "failed";
  }

  /** One round: claim, send what the lease leaves time for, release the rest. */
  async function runOnce(): Promise<RoundResult> {
    const at = now();
    const until = new Date(at.getTime() + leaseMs);
    const claimed = await claim(at, until);
    const result: RoundResult = { claimed: claimed.length, sent: 0, failed: 0 };
    try {
      for (const mail of claimed) {
        if (until.getTime() - now().getTime() < SEND_BUDGET_MS) break;
        const error = await deliver(mail).then(
          () => null,
          (e: unknown) => e ?? new Error("unknown"),
        );
        result[await settle(mail, error)] += 1;
      }
    } finally {
      // what this round did not get to goes back at once instead of waiting for the lease to end
      await prisma.outboxMail.updateMany({
        where: { claimedBy: id, claimedUntil: until, status: "pending" },
        data: { claimedBy: null, claimedUntil: null },
      });
    }
    return result;
  }

  return { id, runOnce, close: () => transport.close() };
}

export type MailSender = ReturnType<typeof createMailSender>;

export type LoopOptions = {
  /** between rounds when nothing wakes the sender */
  pollMs?: number;
  /** before the first round (MAIL_SENDER_DELAY_MS; tests hold the sender back with it) */
  startDelayMs?: number;
};

/**
 * Runs rounds: at once when woken (a transaction enqueued mail), every pollMs otherwise, and again at
 * once while a round found a full batch. `stop()` waits for the round in progress.
 */
export function runSenderLoop(sender: MailSender, { pollMs = 5_000, startDelayMs = 0 }: LoopOptions = {}) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let wokenWhileRunning = false;
  // held back until the start delay is over: wake-ups wait too
  let held = startDelayMs > 0;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  /** Rounds until one claims nothing (and nothing was enqueued meanwhile). */
  async function drain(): Promise<void> {
    let again = true;
    while (again && !stopped) {
      wokenWhileRunning = false;
      const result = await sender.runOnce().catch((error: unknown) => {
        log.error({ err: error }, "mail sender round failed");
        return null;
      });
      again = (result !== null && result.claimed > 0) || wokenWhileRunning;
    }
  }

  function tick() {
    timer = null;
    held = false;
    if (stopped || running) return;
    running = drain().finally(() => {
      running = null;
      schedule(pollMs);
    });
  }

  const wake = () => {
    if (running) wokenWhileRunning = true;
    else if (!held) schedule(0);
  };
  const unsubscribe = onMailEnqueued(wake);
  schedule(startDelayMs);

  return {
    wake,
    async stop(): Promise<void> {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await running;
      sender.close();
    },
  };
}

/**
 * The server's sender, started once the database is ready; null without SMTP_URL (mail then stays in the
 * outbox and the demo mailbox page shows it — said loudly in production).
 */
export function startMailSender(env: Record<string, string | undefined> = process.env): { stop(): Promise<void> } | null {
  const config = mailConfig(env);
  if (!config.smtpUrl) {
    if (env.NODE_ENV === "production") {
      log.warn(
        "SMTP_URL 미설정: 메일을 보내지 않습니다. 메일은 보관함에 남고 /mailbox(데모 메일함)에서 누구나 주소로 볼 수 있습니다. 실제 운영에서는 SMTP_URL을 설정하세요. / " +
          "SMTP_URL is not set: no mail is delivered; mail stays in the outbox and the demo mailbox (/mailbox) shows it to anyone who types the address. Set SMTP_URL for real use.",
      );
    }
    return null;
  }
  const sender = createMailSender({ smtpUrl: config.smtpUrl, from: config.from, messageIdHost: messageIdHost(env) });
  const loop = runSenderLoop(sender, { pollMs: Number(env.MAIL_POLL_MS ?? 5_000), startDelayMs: Number(env.MAIL_SENDER_DELAY_MS ?? 0) });
  log.info({ smtp: redactSmtpUrl(config.smtpUrl), from: config.from, sender: sender.id }, "mail sender started");
  return loop;
}
