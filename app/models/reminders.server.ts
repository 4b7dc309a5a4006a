// Deadline reminders by e-mail (issue 15, item 6; docs/decisions/025-deadline-reminders.md). A run for one
// Seoul day finds the tickets whose running deadline is at most REMINDER_LEAD_DAYS away (or passed), asks
// the pending-actions rule who must act, and for each (ticket, deadline, due date, threshold) not yet sent
// writes, in ONE transaction: the ReminderSent row — its unique key is the claim, so a second run, a
// restart or another process that gets there first makes this one skip —, a bell row per person and, for
// people who want 기한 알림 at once, the mail in the outbox. Digest-mode rows wait for the 09:00 digest.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { addDays, DEADLINE_CLOCKS, deadlineOf, pendingActions, ROLE_LABELS, type IsoDate, type Role } from "~/domain";
import { MAIL_MODE_LABELS, mailModeOf, type MailMode } from "~/domain/notifications";
import { REMINDER_LEAD_DAYS, reminderDedupeKey, remindersOf, type PartyReminder, type ReminderThreshold } from "~/domain/reminders";
import type { DeadlineField } from "~/domain/schedule";
import { mailConfig, messageIdHost } from "~/mail/config.server";
import { enqueueMail } from "~/mail/outbox.server";
import { createMailSender } from "~/mail/sender.server";
import { reminderHeadline, reminderMail } from "~/mail/templates/reminder.server";
import { pendingFactsOf } from "~/models/pending.server";
import { MAILABLE_USER, choicesOf } from "~/models/notification-mail.server";
import { TICKET_ROW_SELECT } from "~/models/selects.server";

type Tx = Prisma.TransactionClient;

/** Tickets read per query: the run's memory and each statement stay bounded however many tickets are due. */
const BATCH = 200;

const TICKET_SELECT = {
  ...TICKET_ROW_SELECT,
  manufacturerId: true,
  supplierId: true,
  assigneeId: true,
  program: { select: { name: true, technoparkId: true } },
  manufacturer: { select: { name: true } },
  supplier: { select: { name: true } },
} satisfies Prisma.TicketSelect;

type CandidateTicket = Prisma.TicketGetPayload<{ select: typeof TICKET_SELECT }>;

const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  organizationId: true,
  notificationPreferences: { select: { kind: true, mode: true } },
} satisfies Prisma.UserSelect;

type Member = Prisma.UserGetPayload<{ select: typeof USER_SELECT }>;

export type ReminderRecipient = { userId: string; email: string; name: string; organizationId: string; mode: MailMode };

export type PartyPlan = PartyReminder & { recipients: ReminderRecipient[] };

export type TicketReminder = {
  ticket: { id: string; number: string; title: string };
  field: DeadlineField;
  dueOn: IsoDate;
  threshold: ReminderThreshold;
  parties: PartyPlan[];
  /** planned: a dry run's; sent: claimed and written by this run; skipped: another run claimed it first. */
  status: "planned" | "sent" | "skipped";
  /** The outbox rows this run wrote (immediate-mode people). */
  mailIds: string[];
};

export type RunRemindersOptions = { today: IsoDate; dryRun: boolean; /** the instant rows are stamped with */ now?: Date };

// ─── Candidates ──────────────────────────────────────────────────────────────

/**
 * The tickets whose running deadline (its state's clock) is at most REMINDER_LEAD_DAYS after `today`,
 * overdue ones included, BATCH at a time in (due date, id) order: the (state, <field>, programId) indexes.
 */
async function* candidateBatches(today: IsoDate): AsyncGenerator<CandidateTicket[]> {
  const until = addDays(today, REMINDER_LEAD_DAYS);
  for (const clock of DEADLINE_CLOCKS) {
    let cursor: string | null = null;
    for (;;) {
      const rows: CandidateTicket[] = await prisma.ticket.findMany({
        where: { state: { in: [...clock.states] }, [clock.field]: { not: null, lte: until } },
        select: TICKET_SELECT,
        orderBy: [{ [clock.field]: "asc" }, { id: "asc" }],
        take: BATCH,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      if (rows.length > 0) yield rows;
      if (rows.length < BATCH) break;
      cursor = rows[rows.length - 1].id;
    }
  }
}

type Due = { ticket: CandidateTicket; reminders: PartyReminder[] };

/** The reminders of a batch on `today` by the pending-actions rule, leaving out those already claimed. */
async function dueReminders(batch: CandidateTicket[], today: IsoDate): Promise<Due[]> {
  const facts = await pendingFactsOf(batch.map((t) => t.id));
  const due: Due[] = [];
  for (const ticket of batch) {
    const known = facts.get(ticket.id);
    if (!known) continue;
    const reminders = remindersOf(ticket.id, deadlineOf(ticket), pendingActions(known.facts, known.targets), today);
    if (reminders.length > 0) due.push({ ticket, reminders });
  }
  const claimed = await prisma.reminderSent.findMany({
    where: { ticketId: { in: due.map((d) => d.ticket.id) } },
    select: { ticketId: true, deadline: true, dueOn: true, threshold: true },
  });
  const keys = new Set(claimed.map((c) => `${c.ticketId}|${c.deadline}|${c.dueOn}|${c.threshold}`));
  return due.filter(({ ticket, reminders: [r] }) => !keys.has(`${ticket.id}|${r.deadline.field}|${r.deadline.on}|${r.threshold}`));
}

// ─── Recipients ──────────────────────────────────────────────────────────────

function partyOrganization(ticket: CandidateTicket, party: Role): string {
  if (party === "manufacturer") return ticket.manufacturerId;
  return party === "supplier" ? ticket.supplierId : ticket.program.technoparkId;
}

/** The active, confirmed members of the batch's parties' organisations, by organisation. */
async function membersByOrganization(due: Due[]): Promise<Map<string, Member[]>> {
  const organizationIds = new Set(due.flatMap(({ ticket, reminders }) => reminders.map((r) => partyOrganization(ticket, r.party))));
  const members = await prisma.user.findMany({ where: { organizationId: { in: [...organizationIds] }, ...MAILABLE_USER }, select: USER_SELECT });
  const byOrganization = new Map<string, Member[]>();
  for (const m of members) byOrganization.set(m.organizationId, [...(byOrganization.get(m.organizationId) ?? []), m]);
  return byOrganization;
}

/**
 * Who hears about a party's reminder: its organisation's active, confirmed members; for the Technopark the
 * officer in charge only, when the ticket has one who can still be reached (else every monitor of it).
 */
function recipientsOf(ticket: CandidateTicket, party: Role, members: Map<string, Member[]>): ReminderRecipient[] {
  const all = members.get(partyOrganization(ticket, party)) ?? [];
  const officer = party === "monitor" && ticket.assigneeId ? all.filter((m) => m.id === ticket.assigneeId) : [];
  return (officer.length > 0 ? officer : all).map((m) => ({
    userId: m.id,
    email: m.email,
    name: m.name,
    organizationId: m.organizationId,
    mode: mailModeOf("deadline", choicesOf(m.notificationPreferences)),
  }));
}

function planOf({ ticket, reminders }: Due, members: Map<string, Member[]>): TicketReminder {
  const [first] = reminders;
  return {
    ticket: { id: ticket.id, number: ticket.number, title: ticket.title },
    field: first.deadline.field,
    dueOn: first.deadline.on,
    threshold: first.threshold,
    parties: reminders.map((r) => ({ ...r, recipients: recipientsOf(ticket, r.party, members) })),
    status: "planned",
    mailIds: [],
  };
}

// ─── Sending ─────────────────────────────────────────────────────────────────

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

async function writeParty(tx: Tx, ticket: CandidateTicket, party: PartyPlan, now: Date): Promise<string[]> {
  const title = `${ticket.number} ${ticket.title}`.slice(0, 200);
  const body = `${reminderHeadline(party)} · 할 일: ${party.todo.map((t) => t.what).join(", ")}`.slice(0, 500);
  await tx.notification.createMany({
    data: party.recipients.map((r) => ({
      userId: r.userId,
      ticketId: ticket.id,
      title,
      body,
      kind: "deadline",
      mailedAt: r.mode === "immediate" ? now : null,
      createdAt: now,
    })),
  });
  const mailIds: string[] = [];
  const mailTicket = {
    ...ticket,
    programName: ticket.program.name,
    manufacturerName: ticket.manufacturer.name,
    supplierName: ticket.supplier.name,
  };
  for (const r of party.recipients.filter((p) => p.mode === "immediate")) {
    const id = await enqueueMail(tx, {
      kind: "notification",
      to: { email: r.email, userId: r.userId },
      organizationId: r.organizationId,
      content: reminderMail({ recipientName: r.name, ticket: mailTicket, reminder: party }),
      dedupeKey: reminderDedupeKey(r.userId, {
        ticketId: ticket.id,
        field: party.deadline.field,
        dueOn: party.deadline.on,
        threshold: party.threshold,
      }),
    });
    if (id) mailIds.push(id);
  }
  return mailIds;
}

/**
 * One reminder, in one transaction: the claim (ReminderSent), the bell rows and the immediate mail.
 * "skipped" when the claim exists already — another run got there first and sent it.
 */
async function send(plan: TicketReminder, ticket: CandidateTicket, today: IsoDate, now: Date): Promise<TicketReminder> {
  try {
    const mailIds = await prisma.$transaction(async (tx) => {
      await tx.reminderSent.create({
        data: { ticketId: ticket.id, deadline: plan.field, dueOn: plan.dueOn, threshold: plan.threshold, runOn: today },
      });
      const ids: string[] = [];
      for (const party of plan.parties) ids.push(...(await writeParty(tx, ticket, party, now)));
      return ids;
    });
    return { ...plan, status: "sent", mailIds };
  } catch (error) {
    if (isUniqueViolation(error)) return { ...plan, status: "skipped" };
    throw error;
  }
}

/**
 * The reminders of `today`: planned only (dryRun: nothing is written) or sent. Safe to run any number of
 * times, in any number of processes: each (ticket, deadline, due date, threshold) is sent once.
 */
export async function runReminders({ today, dryRun, now = new Date() }: RunRemindersOptions): Promise<TicketReminder[]> {
  const results: TicketReminder[] = [];
  for await (const batch of candidateBatches(today)) {
    const due = await dueReminders(batch, today);
    if (due.length === 0) continue;
    const members = await membersByOrganization(due);
    for (const item of due) {
      const plan = planOf(item, members);
      results.push(dryRun ? plan : await send(plan, item.ticket, today, now));
    }
  }
  return results;
}

/**
 * One line per reminder for the CLI and the log:
 * "AS-2026-0002 · 계획서 제출 기한 2026년 12월 3일 (D-3) [planDueOn d3] → 공급기업: a@x.kr(즉시 메일)".
 */
export function describeReminder(r: TicketReminder): string {
  const parties = r.parties.map((p) => {
    const people = p.recipients.map((x) => `${x.email}(${MAIL_MODE_LABELS[x.mode]})`).join(", ") || "받을 사람 없음";
    return `${ROLE_LABELS[p.party]}: ${people}`;
  });
  return `${r.ticket.number} · ${reminderHeadline(r.parties[0])} [${r.field} ${r.threshold}] → ${parties.join(" / ")}`;
}

// ─── Delivery outside the server ───────────────────────────────────────────────

// Rounds of the sender at most: each claims a batch of due rows (ours and any other due mail alike).
const MAX_SEND_ROUNDS = 50;

/**
 * For a process without the server's sender loop (the CLI): delivers the rows a run enqueued, through the
 * sender's own claim (a running server's sender may take some of them; nothing is sent twice). Stops when
 * none of them is pending or a round claims nothing (another sender holds them). Without SMTP_URL nothing:
 * the mail stays in the outbox for the demo mailbox.
 */
export async function deliverEnqueued(mailIds: readonly string[], env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = mailConfig(env);
  if (!config.smtpUrl || mailIds.length === 0) return;
  const sender = createMailSender({ smtpUrl: config.smtpUrl, from: config.from, messageIdHost: messageIdHost(env) });
  try {
    for (let round = 0; round < MAX_SEND_ROUNDS; round += 1) {
      if ((await prisma.outboxMail.count({ where: { id: { in: [...mailIds] }, status: "pending" } })) === 0) break;
      if ((await sender.runOnce()).claimed === 0) break;
    }
  } finally {
    sender.close();
  }
}
