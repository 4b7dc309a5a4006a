// A deadline reminder (issue 15, item 6; docs/decisions/025-deadline-reminders.md): which ticket, which
// deadline and when (a Korean date), how many days are left ("D-3", "D-day", "기한 경과 2일"), what the
// reader's organisation must do and a link to the page where it is done.
import { formatKoreanDate } from "~/domain/format";
import type { PartyReminder } from "~/domain/reminders";
import { renderMail, type MailContent } from "../layout.server";
import { PREFERENCES_LINK, preferencesFooter, ticketContext, type TicketOfMail } from "./notification.server";

export type ReminderMail = {
  recipientName: string;
  ticket: TicketOfMail;
  reminder: PartyReminder;
};

/** "계획서 제출 기한 2026년 12월 3일 (D-3)": the line the mail, the bell and the CLI share. */
export function reminderHeadline(reminder: PartyReminder): string {
  return `${reminder.deadline.what} 기한 ${formatKoreanDate(reminder.deadline.on)} (${reminder.label})`;
}

function daysLeftLine(reminder: PartyReminder): string {
  if (reminder.daysLeft < 0) return `기한이 ${-reminder.daysLeft}일 지났습니다. 서둘러 조치해 주세요.`;
  return reminder.daysLeft === 0 ? "오늘이 기한입니다." : `기한까지 ${reminder.daysLeft}일 남았습니다.`;
}

export function reminderMail({ recipientName, ticket, reminder }: ReminderMail): MailContent {
  const [first] = reminder.todo;
  return renderMail({
    subject: `[기한 알림 ${reminder.label}] ${ticket.number} ${ticket.title}`,
    greeting: `${recipientName} 님, 안녕하세요.`,
    lines: [
      `${ticketContext(ticket)}의 과제 ${ticket.number} "${ticket.title}"의 ${reminder.deadline.what} 기한은 ${formatKoreanDate(reminder.deadline.on)}입니다 (${reminder.label}).`,
      daysLeftLine(reminder),
      `할 일: ${reminder.todo.map((t) => (t.detail ? `${t.what} (${t.detail})` : t.what)).join(", ")}`,
    ],
    action: { label: `${first.what} 하러 가기`, path: first.path },
    footer: preferencesFooter(),
    footerLink: PREFERENCES_LINK,
  });
}
