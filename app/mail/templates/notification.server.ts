// A notification by mail, sent at once: which program and ticket, who did what, what the reader should do
// next, a link to the ticket page and, in the footer, where to change how notifications arrive.
import { absoluteUrl } from "../config.server";
import { renderMail, type MailContent } from "../layout.server";

export const PREFERENCES_PATH = "/profile/notifications";

/** The footer of every notification mail: why it came and where to change that (issue 14: every notification mail links to its preferences). */
export function preferencesFooter(): string {
  return `AS 트래커의 알림 설정에 따라 보내드린 메일입니다. 메일로 받을 알림과 받는 방법(즉시 메일, 하루 한 번 요약, 앱에서만)은 알림 설정에서 바꿀 수 있습니다: ${absoluteUrl(PREFERENCES_PATH)} · 이 주소로는 회신을 받지 않습니다.`;
}

/** The clickable link to the preferences under that footer. */
export const PREFERENCES_LINK = { label: "알림 설정 바꾸기", path: PREFERENCES_PATH } as const;

export type TicketOfMail = {
  id: string;
  number: string;
  title: string;
  programName: string;
  manufacturerName: string;
  supplierName: string;
};

export type NotificationMail = {
  recipientName: string;
  /** e.g. "내 차례(조치 요청)" */
  kindLabel: string;
  ticket: TicketOfMail;
  actorName: string;
  /** what happened, as the ticket's timeline says it */
  summary: string;
  /** what the reader should do next */
  nextStep: string;
};

/** "스마트공장 AS 지원사업 2026 · 도입기업 ㈜가나 / 공급기업 ㈜다라" */
export function ticketContext(ticket: TicketOfMail): string {
  return `${ticket.programName} · 도입기업 ${ticket.manufacturerName} / 공급기업 ${ticket.supplierName}`;
}

export function notificationMail(input: NotificationMail): MailContent {
  const { ticket } = input;
  return renderMail({
    subject: `[${input.kindLabel}] ${ticket.number} ${ticket.title}`,
    greeting: `${input.recipientName} 님, 안녕하세요.`,
    lines: [
      `${ticketContext(ticket)}의 과제 ${ticket.number} "${ticket.title}"에 새 알림이 있습니다.`,
      `${input.actorName} 님: ${input.summary}`,
      `다음 할 일: ${input.nextStep}`,
    ],
    action: { label: "과제 열기", path: `/tickets/${ticket.id}` },
    footer: preferencesFooter(),
    footerLink: PREFERENCES_LINK,
  });
}
