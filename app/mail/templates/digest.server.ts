// The daily digest (09:00 Asia/Seoul): every notification a person chose to receive once a day, oldest
// first, each with its program, ticket, what happened and an absolute link to the ticket page.
import { seoulMonthDayTime } from "~/domain/notifications";
import { absoluteUrl } from "../config.server";
import { renderMail, type MailContent } from "../layout.server";
import { PREFERENCES_LINK, preferencesFooter } from "./notification.server";

export type DigestItem = {
  ticketId: string | null;
  /** Notification.title: "<number> <title>" */
  title: string;
  /** Notification.body: "<who>: <what happened>" */
  body: string | null;
  programName: string | null;
  kindLabel: string;
  at: Date;
};

export type DigestMail = {
  recipientName: string;
  /** the Seoul date of the digest, e.g. "2026-12-01" */
  day: string;
  items: DigestItem[];
};

function itemLine(item: DigestItem): string {
  const head = `[${item.kindLabel}] ${item.programName ? `${item.programName} · ` : ""}${item.title} (${seoulMonthDayTime(item.at)})`;
  const link = item.ticketId ? `\n과제 열기: ${absoluteUrl(`/tickets/${item.ticketId}`)}` : "";
  return `${head}${item.body ? `\n${item.body}` : ""}${link}`;
}

export function digestMail(input: DigestMail): MailContent {
  return renderMail({
    subject: `${input.day} 알림 요약 ${input.items.length}건`,
    greeting: `${input.recipientName} 님, 안녕하세요.`,
    lines: [
      `지난 요약 이후 받은 알림 ${input.items.length}건을 모아 보내드립니다 (${input.day} 09:00 기준).`,
      ...input.items.map(itemLine),
      "다음 할 일: 각 과제를 열어 내용을 확인하고, 내 차례인 과제는 요청된 조치를 해 주세요.",
    ],
    action: { label: "알림 모두 보기", path: "/notifications" },
    footer: preferencesFooter(),
    footerLink: PREFERENCES_LINK,
  });
}
