/**
 * Deadline reminders (issue 15, item 6; docs/decisions/025-deadline-reminders.md): before each running
 * deadline (수행계획서, 보완 계획서, 수행기간 종료) the party that must act hears about it at D-7, D-3,
 * D-1 and D-day, and once more when it has passed. Pure: the caller passes `today`, the ticket's running
 * deadline (deadlineOf) and its pending actions (pendingActions) — who must act is never a second rule.
 */
import { daysBetween, type IsoDate } from "./dates";
import type { Role } from "./labels";
import { sortByUrgency, type PendingAction } from "./pending";
import type { Deadline, DeadlineField } from "./schedule";

export const REMINDER_THRESHOLDS = ["d7", "d3", "d1", "d0", "overdue"] as const;
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS)[number];

/** The earliest reminder comes this many days before the deadline (the candidates' query bound). */
export const REMINDER_LEAD_DAYS = 7;

/**
 * The threshold of a run day: the tightest one reached (days left < 0 → overdue, 0 → D-day, ≤ 1, ≤ 3,
 * ≤ 7), or null when the deadline is further away. Only this one is sent: a server that was down over
 * D-3 and wakes at D-1 sends the D-1 reminder, not a burst of the missed ones.
 */
export function reminderThreshold(dueOn: IsoDate, today: IsoDate): ReminderThreshold | null {
  const left = daysBetween(today, dueOn);
  if (left < 0) return "overdue";
  if (left === 0) return "d0";
  if (left <= 1) return "d1";
  if (left <= 3) return "d3";
  if (left <= REMINDER_LEAD_DAYS) return "d7";
  return null;
}

/** "D-3", "D-day", "기한 경과 2일" as the mail says it (the days left on the run day, not the threshold's). */
export function reminderLabel(dueOn: IsoDate, today: IsoDate): string {
  const left = daysBetween(today, dueOn);
  if (left < 0) return `기한 경과 ${-left}일`;
  return left === 0 ? "D-day" : `D-${left}`;
}

/** The page of a pending action: /tickets/<id>/<page>, the overview for "". */
export function ticketPagePath(ticketId: string, page: string): string {
  return page ? `/tickets/${ticketId}/${page}` : `/tickets/${ticketId}`;
}

/**
 * The parties a reminder of `field` goes to: for the plan and revision deadlines those whose pending
 * action carries that deadline; for the end of the execution window everyone with something still to do
 * on the ticket (logs to confirm hold the completion report up as much as the work does). When nobody
 * qualifies, the party of the state's main step.
 */
export function reminderParties(actions: readonly PendingAction[], field: DeadlineField): Role[] {
  const carrying = field === "windowEndOn" ? actions : actions.filter((a) => a.due?.field === field);
  const main = actions.find((a) => a.main);
  const chosen = carrying.length > 0 ? carrying : main ? [main] : [];
  return [...new Set(chosen.map((a) => a.party))];
}

export interface ReminderTodo {
  what: string;
  detail: string | null;
  /** The page where it is done. */
  path: string;
}

export interface PartyReminder {
  party: Role;
  threshold: ReminderThreshold;
  /** "D-3", "D-day", "기한 경과 2일". */
  label: string;
  /** Negative once the deadline has passed. */
  daysLeft: number;
  deadline: Deadline;
  /** What this party must do, most urgent first: the action carrying the deadline first. */
  todo: ReminderTodo[];
}

/** The party's actions for the reminder: those carrying the deadline first, then the rest by urgency. */
function todoOf(actions: readonly PendingAction[], party: Role, deadline: Deadline, ticketId: string, today: IsoDate): ReminderTodo[] {
  const own = sortByUrgency(
    actions.filter((a) => a.party === party),
    today,
  );
  const carrying = own.filter((a) => a.due?.field === deadline.field);
  const ordered = [...carrying, ...own.filter((a) => !carrying.includes(a))];
  return ordered.map((a) => ({ what: a.what, detail: a.detail, path: ticketPagePath(ticketId, a.page) }));
}

/**
 * The reminders of one ticket on `today`: one per party that must act, or none when no deadline runs,
 * it is more than REMINDER_LEAD_DAYS away or nobody has anything to do.
 */
export function remindersOf(ticketId: string, deadline: Deadline | null, actions: readonly PendingAction[], today: IsoDate): PartyReminder[] {
  if (!deadline) return [];
  const threshold = reminderThreshold(deadline.on, today);
  if (!threshold) return [];
  const label = reminderLabel(deadline.on, today);
  const daysLeft = daysBetween(today, deadline.on);
  return reminderParties(actions, deadline.field).map((party) => ({
    party,
    threshold,
    label,
    daysLeft,
    deadline,
    todo: todoOf(actions, party, deadline, ticketId, today),
  }));
}

/** OutboxMail.dedupeKey of one person's reminder: at most one mail per (ticket, deadline, due date, threshold) and person. */
export function reminderDedupeKey(
  userId: string,
  r: { ticketId: string; field: DeadlineField; dueOn: IsoDate; threshold: ReminderThreshold },
): string {
  return `reminder:${r.ticketId}:${r.field}:${r.dueOn}:${r.threshold}:${userId}`;
}
