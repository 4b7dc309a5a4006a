// The outbox: a mail is a row written inside the transaction of the change that causes it, so it
// leaves if and only if that change commits (never a mail about something that was rolled back, never a
// change whose mail was lost). The sender (sender.server.ts) delivers the rows after the commit.
import type { Prisma } from "~/generated/prisma/client";
import type { MailContent } from "./layout.server";

type Tx = Prisma.TransactionClient;

/** What a mail is about (OutboxMail.kind); the admin page and the demo mailbox name it. */
export const MAIL_KINDS = [
  "confirm_email",
  "reset_password",
  "invitation",
  "join_request",
  "join_decision",
  "supplier_decision",
  "member_removed",
  "notification",
  "digest",
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export type MailToSend = {
  kind: MailKind;
  to: { email: string; userId?: string | null };
  /** the organisation the mail concerns (the admin page groups failures by it) */
  organizationId?: string | null;
  /** made by a template with renderMail() */
  content: MailContent;
  /** at most one mail per key, e.g. `digest:<userId>:<day>`: a second enqueue with the same key is skipped */
  dedupeKey?: string | null;
};

/** Addresses are compared lower-cased and trimmed (the demo mailbox looks them up that way). */
export function normalizeAddress(email: string): string {
  return email.trim().toLowerCase();
}

// On globalThis: server.ts (its own bundle) starts the sender, the routes (the Remix build, or Vite's
// modules in development) enqueue — two copies of this module, one set of listeners.
const globalForMail = globalThis as unknown as { __asTrackerMailListeners?: Set<() => void> };
const listeners: Set<() => void> = (globalForMail.__asTrackerMailListeners ??= new Set());

/** The sender subscribes: it is woken after a transaction that enqueued mail (instead of waiting for its next poll). */
export function onMailEnqueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Wakes the sender (after a transaction that enqueued mail, or a failed mail queued again). */
export function nudgeSoon(): void {
  // Not now: the caller's transaction is still open. On the next turn of the event loop the sender's
  // claim (an UPDATE) queues behind that transaction on the one writing connection (db.server.ts), so
  // it runs right after the commit — or finds nothing after a rollback. The poll catches the rest.
  if (listeners.size === 0) return;
  setTimeout(() => listeners.forEach((listener) => listener()), 0).unref?.();
}

/**
 * Writes the mail into the outbox inside `tx`. Returns the row's id, or null when a mail with the same
 * dedupeKey already exists (then nothing is written).
 */
export async function enqueueMail(tx: Tx, mail: MailToSend): Promise<string | null> {
  const dedupeKey = mail.dedupeKey ?? null;
  // read first instead of catching the unique violation: on PostgreSQL a failed INSERT aborts the caller's transaction
  if (dedupeKey && (await tx.outboxMail.findUnique({ where: { dedupeKey }, select: { id: true } }))) return null;
  const row = await tx.outboxMail.create({
    data: {
      kind: mail.kind,
      toEmail: normalizeAddress(mail.to.email),
      toUserId: mail.to.userId ?? null,
      organizationId: mail.organizationId ?? null,
      subject: mail.content.subject,
      text: mail.content.text,
      html: mail.content.html,
      dedupeKey,
    },
    select: { id: true },
  });
  nudgeSoon();
  return row.id;
}
