// Notifications by mail (issue 14, item 6; docs/decisions/023-notification-mail.md). The bell rows of a
// ticket change are written here, inside the change's transaction, each with its kind and, for people who
// want that kind at once, the mail in the outbox of the same transaction (a rolled-back change leaves
// neither). Digest-mode notifications wait, unmailed, for the 09:00 Asia/Seoul digest built below.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Role } from "~/domain";
import {
  NOTIFICATION_KIND_LABELS,
  digestDay,
  digestDedupeKey,
  isNotificationKind,
  latestDigestAt,
  mailModeOf,
  nextStepOf,
  notificationKindOf,
  type Turn,
} from "~/domain/notifications";
import { enqueueMail } from "~/mail/outbox.server";
import { notificationMail } from "~/mail/templates/notification.server";
import { digestMail, type DigestItem } from "~/mail/templates/digest.server";

type Tx = Prisma.TransactionClient;

/** Only people who can still sign in get mail: not removed, address confirmed, organisation active. */
export const MAILABLE_USER = {
  status: "active",
  emailVerifiedAt: { not: null },
  organization: { status: "active" },
} satisfies Prisma.UserWhereInput;

const RECIPIENT_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  organizationId: true,
  status: true,
  emailVerifiedAt: true,
  organization: { select: { status: true } },
  notificationPreferences: { select: { kind: true, mode: true } },
} satisfies Prisma.UserSelect;

type Recipient = Prisma.UserGetPayload<{ select: typeof RECIPIENT_SELECT }>;

export function choicesOf(preferences: { kind: string; mode: string }[]): Record<string, string> {
  return Object.fromEntries(preferences.map((p) => [p.kind, p.mode]));
}

function mailable(r: Recipient): boolean {
  return r.status === MAILABLE_USER.status && r.emailVerifiedAt !== null && r.organization.status === MAILABLE_USER.organization.status;
}

export type NotifiedChange = {
  actor: { userId: string; name: string };
  ticket: {
    id: string;
    number: string;
    title: string;
    program: { name: string };
    manufacturer: { name: string };
    supplier: { name: string };
  };
  /** organisations whose members may read the ticket (audienceOf) */
  audience: string[];
  /** When given, only these people among the audience get the bell (a change addressed to someone: the officer put in charge). */
  recipients?: readonly string[];
  /** the audit event's seq and action (e.g. `ticket.submit`) */
  seq: number;
  action: string;
  summary: string;
  at: Date;
  /** whose turn the change makes it when the action alone cannot say (a question's addressee) */
  turn?: Turn;
};

/**
 * A bell notification for everyone else who may read the ticket, with its kind; for those who want the
 * kind at once (and can receive mail), the mail in the same transaction and the row marked mailed.
 */
export async function notifyTicketChange(tx: Tx, change: NotifiedChange): Promise<void> {
  const recipients = await tx.user.findMany({
    where: {
      organizationId: { in: change.audience },
      id: change.recipients ? { in: [...change.recipients], not: change.actor.userId } : { not: change.actor.userId },
    },
    select: RECIPIENT_SELECT,
  });
  if (recipients.length === 0) return;
  const planned = recipients.map((r) => {
    const kind = notificationKindOf(change.action, r.role as Role, change.turn);
    return { r, kind, mailNow: mailable(r) && mailModeOf(kind, choicesOf(r.notificationPreferences)) === "immediate" };
  });
  const { ticket } = change;
  await tx.notification.createMany({
    data: planned.map(({ r, kind, mailNow }) => ({
      userId: r.id,
      ticketId: ticket.id,
      eventSeq: change.seq,
      title: `${ticket.number} ${ticket.title}`.slice(0, 200),
      body: `${change.actor.name}: ${change.summary}`.slice(0, 500),
      kind,
      mailedAt: mailNow ? change.at : null,
      createdAt: change.at,
    })),
  });
  for (const { r, kind } of planned.filter((p) => p.mailNow)) await enqueueImmediate(tx, change, r, kind);
}

async function enqueueImmediate(tx: Tx, change: NotifiedChange, r: Recipient, kind: keyof typeof NOTIFICATION_KIND_LABELS) {
  const { ticket } = change;
  const content = notificationMail({
    recipientName: r.name,
    kindLabel: NOTIFICATION_KIND_LABELS[kind],
    ticket: {
      id: ticket.id,
      number: ticket.number,
      title: ticket.title,
      programName: ticket.program.name,
      manufacturerName: ticket.manufacturer.name,
      supplierName: ticket.supplier.name,
    },
    actorName: change.actor.name,
    summary: change.summary,
    nextStep: nextStepOf(change.action, r.role as Role, change.turn),
  });
  await enqueueMail(tx, { kind: "notification", to: { email: r.email, userId: r.id }, organizationId: r.organizationId, content });
}

// ─── The daily digest ────────────────────────────────────────────────────────

/** How far back a digest looks for unmailed notifications (bounds the scan; a week's downtime is caught up). */
const DIGEST_LOOKBACK_MS = 7 * 86_400_000;

const DIGEST_ROW_SELECT = {
  id: true,
  userId: true,
  kind: true,
  title: true,
  body: true,
  ticketId: true,
  createdAt: true,
  ticket: { select: { program: { select: { name: true } } } },
  user: { select: { email: true, name: true, organizationId: true, notificationPreferences: { select: { kind: true, mode: true } } } },
} satisfies Prisma.NotificationSelect;

type DigestRow = Prisma.NotificationGetPayload<{ select: typeof DIGEST_ROW_SELECT }>;

/** The unmailed notifications of mailable people since the lookback, grouped by person; only digest-mode ones. */
async function digestCandidates(now: Date): Promise<Map<string, DigestRow[]>> {
  const since = new Date(latestDigestAt(now).getTime() - DIGEST_LOOKBACK_MS);
  const rows = await prisma.notification.findMany({
    where: { mailedAt: null, createdAt: { gt: since, lte: now }, user: MAILABLE_USER },
    select: DIGEST_ROW_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const byUser = new Map<string, DigestRow[]>();
  for (const row of rows) {
    if (mailModeOf(row.kind, choicesOf(row.user.notificationPreferences)) !== "digest") continue;
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  }
  return byUser;
}

function digestItem(row: DigestRow): DigestItem {
  return {
    ticketId: row.ticketId,
    title: row.title,
    body: row.body,
    programName: row.ticket?.program.name ?? null,
    kindLabel: isNotificationKind(row.kind) ? NOTIFICATION_KIND_LABELS[row.kind] : "알림",
    at: row.createdAt,
  };
}

/**
 * One person's digest of `day`, in one transaction: the mail (at most one per person and day: the
 * dedupe key) and its notifications marked mailed. False when that day's digest already exists.
 */
async function enqueueDigest(userId: string, day: string, rows: DigestRow[], now: Date): Promise<boolean> {
  const { user } = rows[0];
  return prisma.$transaction(async (tx) => {
    const mailId = await enqueueMail(tx, {
      kind: "digest",
      to: { email: user.email, userId },
      organizationId: user.organizationId,
      content: digestMail({ recipientName: user.name, day, items: rows.map(digestItem) }),
      dedupeKey: digestDedupeKey(userId, day),
    });
    if (mailId === null) return false;
    await tx.notification.updateMany({ where: { id: { in: rows.map((r) => r.id) }, mailedAt: null }, data: { mailedAt: now } });
    return true;
  });
}

/**
 * The digests due at `now`: for each person with unmailed digest-mode notifications, one mail keyed by the
 * day of the latest 09:00 Asia/Seoul. Safe to run any number of times (a restart, a second timer): the
 * dedupe key lets one digest per person and day through. Returns how many digests were enqueued.
 */
export async function sendDueDigests(now: Date = new Date()): Promise<number> {
  const day = digestDay(now);
  let sent = 0;
  for (const [userId, rows] of await digestCandidates(now)) {
    if (await enqueueDigest(userId, day, rows, now)) sent += 1;
  }
  return sent;
}
