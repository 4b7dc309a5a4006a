/**
 * 문의/답변 (issue 15, item 7; docs/decisions/026-ticket-questions.md): a question on a ticket goes from
 * one party of the ticket (도입기업, 공급기업, 운영기관) to another. `open` means "awaiting the addressed
 * party" (the pending-actions rule reads it so: PendingFacts.openQuestions); an answer makes it
 * `answered`, a new message of the asker's party opens it again, and either side may close it. Pure.
 */
import { DomainError } from "./errors";
import { ROLE_LABELS, TICKET_STATES, type Role, type TicketState } from "./labels";
import { CLOSED_STATES } from "./workflow";
import { formatKoreanDate, josa } from "./format";
import { seoulDate } from "./dates";

export const QUESTION_STATUSES = ["open", "answered", "closed"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QUESTION_STATUS_LABELS: Readonly<Record<QuestionStatus, string>> = {
  open: "답변 대기",
  answered: "답변 완료",
  closed: "종료",
};

export function isQuestionStatus(value: unknown): value is QuestionStatus {
  return typeof value === "string" && (QUESTION_STATUSES as readonly string[]).includes(value);
}

/** The parties of a ticket that may ask and be asked (every role reads the ticket's questions). */
export const QUESTION_PARTIES: readonly Role[] = ["manufacturer", "supplier", "monitor"];

export const QUESTION_LIMITS = {
  subject: 100,
  body: 4000,
  /** files per message: a thread is not a document store (the documents tab is) */
  attachments: 5,
} as const;

/** States in which questions are asked and answered: after submission, until the case is closed. */
export const QUESTION_STATES: readonly TicketState[] = TICKET_STATES.filter((s) => s !== "draft" && !CLOSED_STATES.includes(s));

export function questionsOpenIn(state: string): boolean {
  return (QUESTION_STATES as readonly string[]).includes(state);
}

export const QUESTION_STATE_MESSAGE = "문의는 신청서 제출 후부터 과제가 종료(반려·미선정·철회·선정취소)되기 전까지 남기고 답할 수 있습니다.";

/** The parties `role` may address: the other parties of the ticket. */
export function addresseesOf(role: Role): Role[] {
  return QUESTION_PARTIES.filter((p) => p !== role);
}

/** A question from `from` to `to`: to another party of the ticket, never to itself. */
export function assertAddressee(from: Role, to: string): asserts to is Role {
  if (!(addresseesOf(from) as readonly string[]).includes(to)) {
    throw new DomainError(
      "question_addressee",
      `문의할 곳을 다시 선택해 주세요: ${addresseesOf(from)
        .map((r) => ROLE_LABELS[r])
        .join(" 또는 ")}에 문의할 수 있습니다.`,
    );
  }
}

export type QuestionSides = { fromRole: string; toRole: string; status: string };

/** Whether `role` is a side of the question (its asker's or its addressed party). */
export function isSideOf(question: QuestionSides, role: Role): boolean {
  return question.fromRole === role || question.toRole === role;
}

function assertNotClosed(question: QuestionSides): void {
  if (question.status === "closed") throw new DomainError("question_closed", "종료된 문의입니다. 새 문의를 남겨 주세요.");
}

function assertSide(question: QuestionSides, role: Role, doing: string): void {
  if (!isSideOf(question, role)) {
    throw new DomainError(
      "question_not_party",
      `${josa(ROLE_LABELS[question.fromRole as Role] ?? question.fromRole, "과", "와")} ${ROLE_LABELS[question.toRole as Role] ?? question.toRole} 사이의 문의입니다. 당사자만 ${doing} 수 있습니다.`,
    );
  }
}

/**
 * What a reply by `role` does: the addressed party answers (answered, the asker's turn to read it);
 * the asker's party writes again (open again: the addressed party's turn).
 */
export function replyOutcome(question: QuestionSides, role: Role): { status: QuestionStatus; answer: boolean; turn: Role } {
  assertNotClosed(question);
  assertSide(question, role, "답할");
  const answer = question.toRole === role;
  return answer ? { status: "answered", answer, turn: question.fromRole as Role } : { status: "open", answer, turn: question.toRole as Role };
}

/** Either side may close a question that is not closed yet. */
export function assertCanClose(question: QuestionSides, role: Role): void {
  assertNotClosed(question);
  assertSide(question, role, "종료할");
}

/** What the party whose turn it is should do (the notification mail says it). */
export const QUESTION_NEXT_STEP = {
  answer: "문의 내용을 확인하고 답변해 주세요.",
  read: "문의에 대한 답변을 확인해 주세요.",
} as const;

/** "2026년 11월 30일 14:05", in Asia/Seoul whatever the server's TZ (no daylight saving: a fixed +9 h). */
export function koreanDateTime(at: Date): string {
  const seoul = new Date(at.getTime() + 9 * 3_600_000).toISOString();
  return `${formatKoreanDate(seoulDate(at))} ${seoul.slice(11, 16)}`;
}
