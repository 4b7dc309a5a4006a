// The questions of a ticket, each with its thread: who asked whom, its status, the messages with their
// files, and — for the two sides of an open or answered question — a reply form and a close button. Reply
// and close carry the question's own version, pinned when the form opened (a stale page is told so).
import type { z } from "zod";
import { StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { QUESTION_LIMITS } from "~/domain/questions";
import type { StepReply } from "~/utils/step-reply";
import { MessageFiles, QuestionFilesField, type AcceptedFiles, type MessageFile } from "./question-files";

export type QuestionMessageView = {
  id: string;
  authorName: string | null;
  authorLabel: string;
  at: string;
  body: string;
  attachments: MessageFile[];
};

export type QuestionView = {
  id: string;
  subject: string;
  status: string;
  statusLabel: string;
  fromLabel: string;
  toLabel: string;
  askedAt: string;
  answeredAt: string | null;
  closedAt: string | null;
  version: number;
  /** answer: the actor's party is addressed; again: the actor's party asked; null: no reply from the actor */
  replyAs: "answer" | "again" | null;
  canClose: boolean;
  messages: QuestionMessageView[];
};

export type QuestionSchemas = {
  reply: z.ZodType<unknown, { questionId: string; version?: unknown; body: string }>;
  close: z.ZodType<unknown, { questionId: string; version?: unknown }>;
};

/** Form names on the page: one reply and one close form per question. */
export const replyForm = (id: string) => `reply-${id}`;
export const closeForm = (id: string) => `close-${id}`;

const STATUS_TONE: Readonly<Record<string, string>> = { open: "due", answered: "done", closed: "role" };

function ReplyForm({
  q,
  schema,
  reply,
  accepted,
}: {
  q: QuestionView;
  schema: QuestionSchemas["reply"];
  reply?: StepReply;
  accepted: AcceptedFiles;
}) {
  const { fields: f, props } = useStepForm({
    id: replyForm(q.id),
    schema,
    version: q.version,
    reply,
    defaultValue: { questionId: q.id, body: "" },
  });
  const answer = q.replyAs === "answer";
  const form = (
    <StepForm
      {...props}
      encType="multipart/form-data"
      className="question-reply"
      title={answer ? `「${q.subject}」 답변` : `「${q.subject}」 추가 문의`}
    >
      <input type="hidden" name="questionId" value={q.id} />
      <TextareaField meta={f.body} label={answer ? "답변" : "추가 문의"} rows={3} maxLength={QUESTION_LIMITS.body} />
      <QuestionFilesField id={`files-${q.id}`} accepted={accepted} />
      <button type="submit" disabled={props.pending}>
        {answer ? "답변 등록" : "추가 문의 등록"}
      </button>
    </StepForm>
  );
  // the addressed party's answer is what the page is for; the asker's follow-up opens on demand (a refused one stays open)
  if (answer) return form;
  return (
    <details className="question-again" open={reply?.form === replyForm(q.id) || undefined}>
      <summary>추가 문의하기</summary>
      {form}
    </details>
  );
}

function CloseForm({ q, schema, reply }: { q: QuestionView; schema: QuestionSchemas["close"]; reply?: StepReply }) {
  const { props } = useStepForm({ id: closeForm(q.id), schema, version: q.version, reply, defaultValue: { questionId: q.id } });
  return (
    <StepForm {...props} className="question-close" title={`「${q.subject}」 종료`}>
      <input type="hidden" name="questionId" value={q.id} />
      <button type="submit" className="secondary" disabled={props.pending}>
        문의 종료
      </button>
    </StepForm>
  );
}

function Thread({ messages }: { messages: QuestionMessageView[] }) {
  return (
    <ol className="question-thread" style={{ listStyle: "none", paddingLeft: 0 }}>
      {messages.map((m) => (
        <li key={m.id} data-message-id={m.id}>
          <p className="muted">
            <span className="badge role">{m.authorLabel}</span> {m.authorName ?? "알 수 없음"} · <time>{m.at}</time>
          </p>
          <p style={{ whiteSpace: "pre-wrap" }}>{m.body}</p>
          <MessageFiles attachments={m.attachments} />
        </li>
      ))}
    </ol>
  );
}

function QuestionItem({
  q,
  schemas,
  reply,
  accepted,
}: {
  q: QuestionView;
  schemas: QuestionSchemas;
  reply?: StepReply;
  accepted: AcceptedFiles;
}) {
  return (
    <article className="card" data-question-id={q.id} data-question-status={q.status} aria-labelledby={`q-${q.id}`}>
      <h3 id={`q-${q.id}`} style={{ marginTop: 0 }}>
        {q.subject} <span className={`badge ${STATUS_TONE[q.status] ?? ""}`}>{q.statusLabel}</span>
      </h3>
      <p className="muted" data-testid="question-parties">
        {q.fromLabel} → {q.toLabel} · {q.askedAt}
        {q.answeredAt ? ` · 답변 ${q.answeredAt}` : ""}
        {q.closedAt ? ` · 종료 ${q.closedAt}` : ""}
      </p>
      <Thread messages={q.messages} />
      {q.replyAs ? <ReplyForm q={q} schema={schemas.reply} reply={reply} accepted={accepted} /> : null}
      {q.canClose ? <CloseForm q={q} schema={schemas.close} reply={reply} /> : null}
    </article>
  );
}

export function QuestionList({
  questions,
  schemas,
  reply,
  accepted,
}: {
  questions: QuestionView[];
  schemas: QuestionSchemas;
  reply: StepReply | undefined;
  accepted: AcceptedFiles;
}) {
  if (questions.length === 0) return <p className="muted card">아직 문의가 없습니다.</p>;
  return (
    <section aria-label="문의 목록">
      {questions.map((q) => (
        <QuestionItem key={q.id} q={q} schemas={schemas} reply={reply} accepted={accepted} />
      ))}
    </section>
  );
}
