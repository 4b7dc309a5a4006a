// The supplier's inbox (할 일): its tickets, read once, split by the pending-actions rule
// (app/domain/pending.ts) into what the supplier must do now — one row per pending action, in the one
// urgency order every home uses —, the tickets waiting on someone else (with whom and since when), and
// the finished ones. No relation `_count` in the selects: Prisma renders it as a GROUP BY over the whole
// child table (docs/decisions/009); the facts come from pendingFactsOf's grouped queries.
import type { Prisma } from "~/generated/prisma/client";
import { prisma, containsText } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { CLOSED_STATES, sortByUrgency, waitingOn, type IsoDate, type PendingAction, type TicketState, type Waiting } from "~/domain";
import { ticketScope } from "./ticket.server";
import { TICKET_ROW_SELECT } from "./selects.server";
import { COMPANY_CANDIDATES, pendingByTicket } from "./pending.server";

/** Finished for the supplier: done (완료, 사후관리) or closed. */
const FINISHED: readonly TicketState[] = ["completed", "follow_up", ...CLOSED_STATES];

export const INBOX_SELECT = {
  ...TICKET_ROW_SELECT,
  quoteTotal: true,
  updatedAt: true,
  manufacturer: { select: { name: true } },
} satisfies Prisma.TicketSelect;

export type InboxTicket = Prisma.TicketGetPayload<{ select: typeof INBOX_SELECT }>;
export type InboxTodo = { ticket: InboxTicket; action: PendingAction };
export type InboxWaiting = { ticket: InboxTicket; waiting: Waiting | null };

/**
 * Splits the supplier's tickets by the rule: its own pending actions (most urgent first), the open
 * tickets where it waits on another party (the longest wait first), the finished ones (latest first).
 */
export function splitInbox(tickets: readonly InboxTicket[], pending: ReadonlyMap<string, readonly PendingAction[]>, today: IsoDate) {
  const todo: InboxTodo[] = [];
  const waiting: InboxWaiting[] = [];
  const finished: InboxTicket[] = [];
  for (const ticket of tickets) {
    if ((FINISHED as readonly string[]).includes(ticket.state)) {
      finished.push(ticket);
      continue;
    }
    const actions = pending.get(ticket.id) ?? [];
    const mine = actions.filter((a) => a.party === "supplier");
    if (mine.length) for (const action of mine) todo.push({ ticket, action });
    else waiting.push({ ticket, waiting: waitingOn(actions, "supplier", today)[0] ?? null });
  }
  const since = (w: InboxWaiting) => w.waiting?.since ?? "9999-12-31";
  return {
    todo: sortByUrgency(
      todo.map((t) => ({ ...t, due: t.action.due, since: t.action.since })),
      today,
    ).map(({ ticket, action }) => ({ ticket, action })),
    waiting: waiting.sort((a, b) => (since(a) < since(b) ? -1 : since(a) > since(b) ? 1 : 0)),
    finished,
  };
}

/** The supplier's tickets (scoped), optionally searched by manufacturer name, title or number. */
export async function listInbox(actor: Actor, opts: { q?: string; today: IsoDate }) {
  const and: Prisma.TicketWhereInput[] = [ticketScope(actor)];
  if (opts.q) {
    and.push({ OR: [{ title: containsText(opts.q) }, { number: containsText(opts.q) }, { manufacturer: { name: containsText(opts.q) } }] });
  }
  const tickets = await prisma.ticket.findMany({
    where: { AND: and },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: COMPANY_CANDIDATES,
    select: INBOX_SELECT,
  });
  const open = tickets.filter((t) => !(FINISHED as readonly string[]).includes(t.state)).map((t) => t.id);
  const pending = await pendingByTicket(open, opts.today);
  return { ...splitInbox(tickets, pending, opts.today), total: tickets.length };
}
