/**
 * Notification kinds and mail modes (issue 14, item 6). Every notification today comes from a change to
 * a ticket (the audit action, e.g. `ticket.submit`, `worklog.create`); a person chooses per KIND how it
 * reaches them: at once by mail, in a daily digest at 09:00 Asia/Seoul, or in the app only. The kind is
 * decided per recipient: the same change is "내 차례" for the role that must act next and "상태 변경" for
 * the others. Pure: no clock, callers pass the instant.
 */
import { isAction } from "./workflow";
import type { Role } from "./labels";
import { seoulDate, type IsoDate } from "./dates";

export const NOTIFICATION_KINDS = ["my_turn", "status", "activity", "deadline"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  my_turn: "내 차례(조치 요청)",
  status: "상태 변경",
  activity: "자료·기록 변경",
  deadline: "기한 알림",
};

export const NOTIFICATION_KIND_HINTS: Readonly<Record<NotificationKind, string>> = {
  my_turn: "과제가 내(우리 기관의) 조치를 기다릴 때: 검토·보완·계획서 제출·작업일지 확인 등",
  status: "과제의 단계가 바뀌거나 결정이 내려졌을 때: 선정, 반려, 협약, 지급, 완료 등",
  activity: "단계는 그대로이고 자료나 기록이 바뀌었을 때: 견적, 서류, 작업일지, 신청서 수정 등",
  deadline: "내가 조치할 기한(수행계획서 제출, 보완 계획서 제출, 수행기간 종료)이 7일·3일·1일 남았을 때, 당일, 그리고 지났을 때",
};

export const MAIL_MODES = ["immediate", "digest", "app"] as const;
export type MailMode = (typeof MAIL_MODES)[number];

export const MAIL_MODE_LABELS: Readonly<Record<MailMode, string>> = {
  immediate: "즉시 메일",
  digest: "하루 한 번 요약(09:00)",
  app: "앱에서만",
};

/** Without a choice of their own: what needs them at once, the rest summed up once a day, the noise in the app. */
export const DEFAULT_MAIL_MODES: Readonly<Record<NotificationKind, MailMode>> = {
  my_turn: "immediate",
  status: "digest",
  activity: "app",
  // a deadline reminder (app/domain/reminders.ts) is worth nothing a day late
  deadline: "immediate",
};

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export function isMailMode(value: unknown): value is MailMode {
  return typeof value === "string" && (MAIL_MODES as readonly string[]).includes(value);
}

/** Whose turn a change makes it (one party, or several: both companies consent to the agreement), and what to do next. */
const TURNS: Readonly<Record<string, { role: Role | readonly Role[]; next: string }>> = {
  "ticket.submit": { role: "monitor", next: "신청서를 확인하고 요건 검토를 시작해 주세요." },
  "ticket.return_for_correction": { role: "manufacturer", next: "보완 요청 사유를 확인하고 신청서를 고쳐 다시 제출해 주세요." },
  "ticket.select": { role: "supplier", next: "수행계획서를 작성해 제출해 주세요." },
  "ticket.submit_plan": { role: "monitor", next: "제출된 수행계획서를 검토해 주세요." },
  "ticket.resubmit_plan": { role: "monitor", next: "수정된 수행계획서를 검토해 주세요." },
  "ticket.request_plan_change": { role: "supplier", next: "변경 요청 내용을 확인하고 수행계획서를 고쳐 다시 제출해 주세요." },
  "ticket.complete_funding": { role: "supplier", next: "사업비 지급이 완료되었습니다. 과제를 착수해 주세요." },
  // issue 16: the experts' results wait for the TP; the agreement for both companies; the money after it
  "ticket.submit_evaluation": { role: "monitor", next: "제출된 현장평가표를 확인하고 지원 여부를 결정해 주세요." },
  "ticket.record_cost_review": { role: "monitor", next: "원가적정성 검토 결과를 확인해 주세요." },
  "ticket.return_cost_review": { role: "cost_agency", next: "보완 요청 사유를 확인하고 원가계산 결과를 다시 입력해 주세요." },
  "ticket.prepare_agreement": { role: ["manufacturer", "supplier"], next: "협약안을 읽고 동의해 주세요." },
  "ticket.sign_agreement": { role: "manufacturer", next: "기업부담금을 입금하고 입금 내역(이체 증빙)을 등록해 주세요." },
  "ticket.record_share_deposit": { role: "monitor", next: "기업부담금 입금 내역을 확인해 주세요." },
  "ticket.refuse_share_deposit": { role: "manufacturer", next: "반려 사유를 확인하고 입금 내역을 다시 등록해 주세요." },
  "ticket.request_extension": { role: ["manufacturer", "supplier"], next: "상대 기업이 제안한 사업기간 연장을 확인해 주세요." },
  "ticket.confirm_extension": { role: "monitor", next: "연장 신청을 승인하거나 반려해 주세요." },
  "ticket.request_change": { role: ["manufacturer", "supplier"], next: "상대 기업이 신청한 사업변경을 확인해 주세요." },
  "ticket.confirm_change": { role: "monitor", next: "사업변경 신청을 승인하거나 불승인해 주세요." },
  "ticket.report_completion": { role: "monitor", next: "완료 보고를 확인하고 완료 여부를 판정해 주세요." },
  "ticket.pass_completion": { role: "manufacturer", next: "정산 서류(세금계산서·이체확인증)와 실제 사업비를 제출해 주세요." },
  "ticket.submit_settlement": { role: "monitor", next: "제출된 정산을 확인해 주세요." },
  "ticket.return_settlement": { role: "manufacturer", next: "보완 요청을 확인하고 정산을 다시 제출해 주세요." },
  "ticket.fail_completion": { role: "supplier", next: "미흡한 점을 보완한 뒤 다시 완료 보고를 해 주세요." },
  "worklog.create": { role: "manufacturer", next: "새 작업일지를 확인해 주세요." },
  "worklog.update": { role: "manufacturer", next: "수정된 작업일지를 확인해 주세요." },
  "worklog.dispute": { role: "supplier", next: "이의 내용을 확인하고 작업일지를 고쳐 주세요." },
  // addressed to the officer put in charge only (app/models/assignee.server.ts)
  "ticket.assign": { role: "monitor", next: "담당자로 지정된 과제입니다. 과제를 확인하고 처리해 주세요." },
};

const CHECK_THE_TICKET = "과제 페이지에서 내용을 확인해 주세요.";

/**
 * Whose turn a change makes it and what they should do, when the action alone cannot say (a question
 * names the party it is addressed to: app/domain/questions.ts).
 */
export type Turn = { role: Role; next: string };

/** The kind of the notification `recipientRole` gets for the audit `action` (`turn`: see Turn). */
export function notificationKindOf(action: string, recipientRole: Role, turn?: Turn): NotificationKind {
  if (isTurnOf(turn ?? TURNS[action], recipientRole)) return "my_turn";
  // a workflow step (the state machine's actions, recorded as `ticket.<action>`) changes the ticket's state or records a decision
  if (action.startsWith("ticket.") && isAction(action.slice("ticket.".length))) return "status";
  return "activity";
}

/** What the recipient should do next, in Korean (for the mail). */
export function nextStepOf(action: string, recipientRole: Role, turnOfChange?: Turn): string {
  const turn = turnOfChange ?? TURNS[action];
  return turn && isTurnOf(turn, recipientRole) ? turn.next : CHECK_THE_TICKET;
}

function isTurnOf(turn: { role: Role | readonly Role[] } | undefined, role: Role): boolean {
  if (!turn) return false;
  return typeof turn.role === "string" ? turn.role === role : turn.role.includes(role);
}

/**
 * The mode a person gets a notification of `kind` in: their choice, or the kind's default. A kind that is
 * not one of ours (rows written before kinds existed, kind "ticket") is never mailed.
 */
export function mailModeOf(kind: string, choices: Readonly<Partial<Record<string, string>>>): MailMode {
  if (!isNotificationKind(kind)) return "app";
  const chosen = choices[kind];
  return isMailMode(chosen) ? chosen : DEFAULT_MAIL_MODES[kind];
}

/** Every kind with the person's mode (choice or default), for the preferences page. */
export function mailModesOf(choices: Readonly<Partial<Record<string, string>>>): Record<NotificationKind, MailMode> {
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, mailModeOf(kind, choices)])) as Record<NotificationKind, MailMode>;
}

// Asia/Seoul has no daylight saving time: a fixed +9 h (as seoulDate in dates.ts).
const SEOUL_OFFSET_MS = 9 * 3_600_000;
const MS_PER_DAY = 86_400_000;
export const DIGEST_HOUR_SEOUL = 9;

/** The most recent 09:00 Asia/Seoul at or before `instant` (the digest that is due at `instant`). */
export function latestDigestAt(instant: Date): Date {
  const ms = instant.getTime();
  const seoulMidnight = Math.floor((ms + SEOUL_OFFSET_MS) / MS_PER_DAY) * MS_PER_DAY - SEOUL_OFFSET_MS;
  const todays = seoulMidnight + DIGEST_HOUR_SEOUL * 3_600_000;
  return new Date(todays <= ms ? todays : todays - MS_PER_DAY);
}

/** The first 09:00 Asia/Seoul strictly after `instant` (when the scheduler wakes next). */
export function nextDigestAt(instant: Date): Date {
  return new Date(latestDigestAt(instant).getTime() + MS_PER_DAY);
}

/** The Seoul date of the digest due at `instant`: a person gets at most one digest per such day. */
export function digestDay(instant: Date): IsoDate {
  return seoulDate(latestDigestAt(instant));
}

/** OutboxMail.dedupeKey of a person's digest of one day: a second enqueue the same day is skipped. */
export function digestDedupeKey(userId: string, day: IsoDate): string {
  return `digest:${userId}:${day}`;
}

/** "11-30 14:05": when a notification came, in Asia/Seoul whatever the server's TZ (a digest lists it so). */
export function seoulMonthDayTime(at: Date): string {
  return new Date(at.getTime() + SEOUL_OFFSET_MS).toISOString().slice(5, 16).replace("T", " ");
}
