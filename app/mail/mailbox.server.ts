// What the mail pages read: the demo mailbox (mail to one address, only while mail is not delivered) and
// the Technopark admin's view of mail that is late or failed, with "send again".
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { securityEvent } from "~/utils/log.server";
import { koreanDateTime } from "~/domain/questions";
import { mailConfig } from "./config.server";
import { normalizeAddress, nudgeSoon } from "./outbox.server";

/** How far back the demo mailbox looks. */
export const DEMO_MAILBOX_DAYS = 7;
const DEMO_MAILBOX_LIMIT = 50;
const ADMIN_LIST_LIMIT = 100;

/** The demo mailbox's path: it exists only while SMTP_URL is unset (sign-up pages may point to it then). */
export const DEMO_MAILBOX_PATH = "/mailbox";

export type TextPart = { text: string; href?: string };

/**
 * A moment as every page and mail writes it: "2026년 12월 1일 14:05" in Seoul time (koreanDateTime). Not Intl's
 * ko-KR style: it printed "2026. 12. 1. 오후 2:05" — or "PM 2:05" on a Node without full ICU — beside pages that
 * write 14:05.
 */
export function seoulTime(instant: Date): string {
  return koreanDateTime(instant);
}

/**
 * A mail's text cut into plain parts and links. Only links to this site become links, as a path on
 * whatever host the page is opened at (the demo may be reached under another name than APP_URL);
 * anything else stays text.
 */
export function linkParts(text: string, appUrl = mailConfig().appUrl): TextPart[] {
  const site = new URL(appUrl);
  const base = site.pathname === "/" ? "" : site.pathname;
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    const url = new URL(match[0]);
    if (url.origin !== site.origin || !url.pathname.startsWith(`${base}/`)) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: match[0], href: `${url.pathname.slice(base.length)}${url.search}` });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Mail written to one address in the last days, newest first (the demo mailbox; never the HTML). */
export async function demoMailbox(address: string, now = new Date()) {
  const since = new Date(now.getTime() - DEMO_MAILBOX_DAYS * 86_400_000);
  const rows = await prisma.outboxMail.findMany({
    where: { toEmail: normalizeAddress(address), createdAt: { gte: since } },
    select: { id: true, subject: true, text: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: DEMO_MAILBOX_LIMIT,
  });
  return rows.map((row) => ({ id: row.id, subject: row.subject, time: seoulTime(row.createdAt), parts: linkParts(row.text) }));
}

/** A monitor of a Technopark who is its admin: the only one who sees the mail log. */
export async function isTechnoparkAdmin(actor: Actor): Promise<boolean> {
  if (actor.role !== "monitor" || actor.organizationKind !== "technopark") return false;
  const user = await prisma.user.findUnique({ where: { id: actor.userId }, select: { isAdmin: true, status: true } });
  return Boolean(user?.isAdmin && user.status === "active");
}

// The admin sees who, what and why it failed — never a mail's body: it may hold a sign-in or reset link.
const ADMIN_SELECT = {
  id: true,
  kind: true,
  toEmail: true,
  subject: true,
  attempts: true,
  lastError: true,
  nextAttemptAt: true,
  createdAt: true,
} as const;

type AdminRow = {
  id: string;
  kind: string;
  toEmail: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
};

function adminRow(row: AdminRow) {
  return { ...row, nextAttemptAt: seoulTime(row.nextAttemptAt), createdAt: seoulTime(row.createdAt) };
}

/** Counts by status, the failed mails and the ones still waiting (oldest first), for a Technopark admin. */
export async function mailOverview(actor: Actor) {
  if (!(await isTechnoparkAdmin(actor))) return null;
  const [counts, failed, pending] = await Promise.all([
    prisma.outboxMail.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.outboxMail.findMany({ where: { status: "failed" }, select: ADMIN_SELECT, orderBy: { createdAt: "desc" }, take: ADMIN_LIST_LIMIT }),
    prisma.outboxMail.findMany({ where: { status: "pending" }, select: ADMIN_SELECT, orderBy: { createdAt: "asc" }, take: ADMIN_LIST_LIMIT }),
  ]);
  const count = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  return {
    delivers: mailConfig().smtpUrl !== null,
    counts: { pending: count("pending"), sent: count("sent"), failed: count("failed") },
    failed: failed.map(adminRow),
    pending: pending.map(adminRow),
  };
}

/** A failed mail goes back into the queue with fresh attempts (a Technopark admin's "다시 보내기"). Null: not allowed or not failed. */
export async function resendFailedMail(actor: Actor, id: string): Promise<{ toEmail: string } | null> {
  if (!(await isTechnoparkAdmin(actor))) return null;
  const { count } = await prisma.outboxMail.updateMany({
    where: { id, status: "failed" },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), claimedBy: null, claimedUntil: null },
  });
  if (count === 0) return null;
  const row = await prisma.outboxMail.findUniqueOrThrow({ where: { id }, select: { toEmail: true } });
  securityEvent("mail.resend", { actorId: actor.userId, mailId: id });
  nudgeSoon();
  return row;
}
