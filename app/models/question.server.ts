// 문의/답변 on a ticket (issue 15, item 7; docs/decisions/026-ticket-questions.md). A question goes from one
// party of the ticket to another; every party of the ticket reads every question (and nobody else: the
// ticket's scope). Each change is a ticket change (changeTicket): one transaction with the audit event and
// the notifications — the party whose turn it becomes gets "내 차례", the others "자료·기록 변경" — and the
// live event after the commit. A question has its own `version` for reply and close (the ticket's moves
// on every change and would refuse unrelated answers).
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, ROLE_LABELS, josa } from "~/domain";
import {
  QUESTION_LIMITS,
  QUESTION_NEXT_STEP,
  QUESTION_PARTIES,
  QUESTION_STATES,
  QUESTION_STATE_MESSAGE,
  assertAddressee,
  assertCanClose,
  replyOutcome,
} from "~/domain/questions";
import { changeTicket, type Tx } from "./workflow.server";
import { ConflictError, NotFoundError } from "./errors.server";
import { discardSavedFile, recordStoredFile, saveUpload, type SavedFile } from "./files.server";
import { visibleTicket } from "./ticket.server";

const MESSAGE_SELECT = {
  id: true,
  authorId: true,
  authorRole: true,
  body: true,
  createdAt: true,
  attachments: { orderBy: { id: "asc" }, select: { id: true, file: { select: { id: true, originalName: true, mimeType: true, size: true } } } },
} as const;

/** The ticket's questions with their threads, newest question first; null when the ticket is out of scope. */
export async function getQuestionsPage(actor: Actor, ticketId: string) {
  const ticket = await prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      id: true,
      state: true,
      questions: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: {
          id: true,
          authorId: true,
          fromRole: true,
          toRole: true,
          subject: true,
          status: true,
          answeredAt: true,
          closedAt: true,
          version: true,
          createdAt: true,
          messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: MESSAGE_SELECT },
        },
      },
    },
  });
  if (!ticket) return null;
  const userIds = [...new Set(ticket.questions.flatMap((q) => [q.authorId, ...q.messages.map((m) => m.authorId)]))];
  const users = userIds.length ? await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return {
    ...ticket,
    questions: ticket.questions.map(({ authorId, messages, ...q }) => ({
      ...q,
      authorName: nameOf.get(authorId) ?? null,
      messages: messages.map(({ authorId: by, ...m }) => ({ ...m, authorName: nameOf.get(by) ?? null })),
    })),
  };
}

/** Bounded per message, checked before any byte is stored (and again when recorded: a direct call). */
function assertFileCount(count: number): void {
  if (count > QUESTION_LIMITS.attachments) {
    throw new DomainError("question_attachments", `첨부 파일은 한 번에 ${QUESTION_LIMITS.attachments}개까지 올릴 수 있습니다.`);
  }
}

/**
 * Checks the files of one message (how many, then each by content and size: the upload checks of every
 * attachment) and stores them, then runs `save` with them; when storing or `save` fails, the files
 * already stored are removed again.
 */
export async function withMessageFiles<R>(files: readonly File[], save: (saved: SavedFile[]) => Promise<R>): Promise<R> {
  assertFileCount(files.length);
  const stored: SavedFile[] = [];
  try {
    for (const file of files) stored.push(await saveUpload(file));
    return await save(stored);
  } catch (error) {
    await Promise.all(stored.map(discardSavedFile));
    throw error;
  }
}

/** A message of the thread with its files, inside the change's transaction. */
async function addMessage(tx: Tx, actor: Actor, questionId: string, body: string, files: readonly SavedFile[]) {
  assertFileCount(files.length);
  const message = await tx.ticketMessage.create({
    data: { questionId, authorId: actor.userId, authorRole: actor.role, body },
    select: { id: true },
  });
  for (const saved of files) {
    const file = await recordStoredFile(tx, actor, saved);
    await tx.attachment.create({ data: { fileId: file.id, purpose: "other", messageId: message.id } });
  }
}

/** The texts as stored: trimmed, within the limits (the route's zod says it first, with the field). */
function checkedText(value: string, label: string, max: number): string {
  const text = value.trim();
  if (!text) throw new DomainError("question_text_required", `${josa(label, "을", "를")} 입력해 주세요.`);
  if (text.length > max)
    throw new DomainError("question_text_long", `${josa(label, "은", "는")} ${max.toLocaleString("ko-KR")}자 이내로 입력해 주세요.`);
  return text;
}

/** A short quote of the subject for the timeline (never the body: it may be long or confidential). */
const quoted = (subject: string) => `「${subject.length > 40 ? `${subject.slice(0, 40)}…` : subject}」`;

/** A new question from the actor's party to another party of the ticket, with its first message. */
export async function askQuestion(
  actor: Actor,
  input: { ticketId: string; toRole: string; subject: string; body: string; files: readonly SavedFile[] },
) {
  const subject = checkedText(input.subject, "제목", QUESTION_LIMITS.subject);
  const body = checkedText(input.body, "내용", QUESTION_LIMITS.body);
  let questionId = "";
  const result = await changeTicket(actor, {
    ticketId: input.ticketId,
    action: "question.ask",
    roles: QUESTION_PARTIES,
    states: QUESTION_STATES,
    stateMessage: QUESTION_STATE_MESSAGE,
    apply: async (tx, facts) => {
      const toRole = input.toRole;
      assertAddressee(actor.role, toRole);
      const question = await tx.ticketQuestion.create({
        data: { ticketId: facts.id, authorId: actor.userId, fromRole: actor.role, toRole, subject },
        select: { id: true },
      });
      questionId = question.id;
      await addMessage(tx, actor, question.id, body, input.files);
      return {
        summary: `${ROLE_LABELS[toRole]}에 문의했습니다: ${quoted(subject)}`,
        data: { questionId, toRole, attachments: input.files.length },
        turn: { role: toRole, next: QUESTION_NEXT_STEP.answer },
      };
    },
  });
  return { ...result, questionId };
}

/** Loads a question of this ticket inside the transaction, or 404. */
async function findQuestion(tx: Tx, ticketId: string, questionId: string, version: number) {
  const question = await tx.ticketQuestion.findFirst({
    where: { id: questionId, ticketId },
    select: { id: true, fromRole: true, toRole: true, status: true, subject: true, version: true },
  });
  if (!question) throw new NotFoundError("문의를 찾을 수 없습니다.");
  if (question.version !== version) throw new ConflictError();
  return question;
}

/** Writes only if the question still has the version the person saw; else someone wrote first. */
async function guardedUpdate(tx: Tx, question: { id: string; version: number }, data: { status: string; answeredAt?: Date; closedAt?: Date }) {
  const updated = await tx.ticketQuestion.updateMany({
    where: { id: question.id, version: question.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count !== 1) throw new ConflictError();
}

/**
 * A reply in the thread: by the addressed party it answers (answered); by the asker's party it asks
 * again (open: the addressed party's turn once more). A third party reads but does not reply.
 */
export async function replyToQuestion(
  actor: Actor,
  input: { ticketId: string; questionId: string; version: number; body: string; files: readonly SavedFile[] },
) {
  const body = checkedText(input.body, "내용", QUESTION_LIMITS.body);
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "question.reply",
    roles: QUESTION_PARTIES,
    states: QUESTION_STATES,
    stateMessage: QUESTION_STATE_MESSAGE,
    apply: async (tx, facts) => {
      const question = await findQuestion(tx, facts.id, input.questionId, input.version);
      const outcome = replyOutcome(question, actor.role);
      const now = new Date();
      await guardedUpdate(tx, question, outcome.answer ? { status: outcome.status, answeredAt: now } : { status: outcome.status });
      await addMessage(tx, actor, question.id, body, input.files);
      return {
        summary: outcome.answer ? `문의 ${quoted(question.subject)}에 답변했습니다.` : `문의 ${quoted(question.subject)}에 다시 문의했습니다.`,
        data: { questionId: question.id, status: outcome.status, attachments: input.files.length },
        turn: { role: outcome.turn, next: outcome.answer ? QUESTION_NEXT_STEP.read : QUESTION_NEXT_STEP.answer },
      };
    },
  });
}

/** Either side closes the question (nobody's turn any more); allowed in any state the ticket is read in. */
export async function closeQuestion(actor: Actor, input: { ticketId: string; questionId: string; version: number }) {
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "question.close",
    roles: QUESTION_PARTIES,
    apply: async (tx, facts) => {
      const question = await findQuestion(tx, facts.id, input.questionId, input.version);
      assertCanClose(question, actor.role);
      await guardedUpdate(tx, question, { status: "closed", closedAt: new Date() });
      return { summary: `문의 ${josa(quoted(question.subject), "을", "를")} 종료했습니다.`, data: { questionId: question.id } };
    },
  });
}

export type QuestionsPage = NonNullable<Awaited<ReturnType<typeof getQuestionsPage>>>;
