// 문의: questions between the parties of the ticket (issue 15, item 7; docs/decisions/026-ticket-questions.md).
// Every party of the ticket reads every question; a party asks another one, the addressed party answers,
// the asker may ask again, either side closes. Ask and reply carry files (multipart, the upload checks of
// every attachment); reply and close carry the question's own version.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROLE_LABELS, STATE_LABELS, isRole, isTicketState, type Role } from "~/domain";
import {
  QUESTION_LIMITS,
  QUESTION_PARTIES,
  QUESTION_STATE_MESSAGE,
  QUESTION_STATUS_LABELS,
  addresseesOf,
  isQuestionStatus,
  isSideOf,
  koreanDateTime,
  questionsOpenIn,
} from "~/domain/questions";
import { askQuestion, closeQuestion, getQuestionsPage, replyToQuestion, withMessageFiles, type QuestionsPage } from "~/models/question.server";
import { ACCEPTED_LABEL, ACCEPTED_UPLOADS } from "~/models/files.server";
import { fields } from "~/utils/fields";
import type { StepReply } from "~/utils/step-reply";
import { formName, invariantResponse, parseStepForm, readStepUpload, requireTicketStep, stepFailure } from "~/utils/ticket-step.server";
import { redirectWithToast } from "~/utils/toast.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { ASK_FORM, QuestionAskForm } from "~/components/ticket/question-ask-form";
import { QUESTION_FILES_FIELD } from "~/components/ticket/question-files";
import { QuestionList, type QuestionView } from "~/components/ticket/question-thread";

export const handle = { step: "문의" };

const roleLabel = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role);
const when = (at: Date | null) => (at ? koreanDateTime(at) : null);

/** A question as the actor sees it: labels, Korean dates, and what the actor may do with it. */
function questionView(q: QuestionsPage["questions"][number], role: Role, open: boolean): QuestionView {
  const live = q.status !== "closed";
  const side = isSideOf(q, role);
  return {
    id: q.id,
    subject: q.subject,
    status: q.status,
    statusLabel: isQuestionStatus(q.status) ? QUESTION_STATUS_LABELS[q.status] : q.status,
    fromLabel: roleLabel(q.fromRole),
    toLabel: roleLabel(q.toRole),
    askedAt: koreanDateTime(q.createdAt),
    answeredAt: when(q.answeredAt),
    closedAt: when(q.closedAt),
    version: q.version,
    replyAs: live && open && side ? (q.toRole === role ? "answer" : "again") : null,
    canClose: live && side,
    messages: q.messages.map((m) => ({
      id: m.id,
      authorName: m.authorName,
      authorLabel: roleLabel(m.authorRole),
      at: koreanDateTime(m.createdAt),
      body: m.body,
      attachments: m.attachments,
    })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId } = await requireTicketStep(request, params);
  const page = await getQuestionsPage(actor, ticketId);
  invariantResponse(page);
  const open = questionsOpenIn(page.state) && QUESTION_PARTIES.includes(actor.role);
  return {
    open,
    closedMessage: open
      ? null
      : `현재 단계(${isTicketState(page.state) ? STATE_LABELS[page.state] : page.state})에서는 새 문의를 남기거나 답할 수 없습니다. ${QUESTION_STATE_MESSAGE}`,
    addressees: addresseesOf(actor.role).map((r) => ({ value: r, label: ROLE_LABELS[r] })),
    questions: page.questions.map((q) => questionView(q, actor.role, open)),
    accepted: { label: ACCEPTED_LABEL, extensions: ACCEPTED_UPLOADS },
  };
}

const AskSchema = z.object({
  toRole: z.enum(QUESTION_PARTIES as [Role, ...Role[]], { error: "문의할 곳을 선택해 주세요." }),
  subject: fields.text("제목", QUESTION_LIMITS.subject),
  body: fields.text("내용", QUESTION_LIMITS.body),
});
const CloseSchema = z.object({ questionId: fields.id, version: fields.version });
const ReplySchema = CloseSchema.extend({ body: fields.text("내용", QUESTION_LIMITS.body) });
const SCHEMAS = { reply: ReplySchema, close: CloseSchema };

/** The non-empty files of a message (a file input left empty sends one empty part). */
function filesOf(form: FormData): File[] {
  return form.getAll(QUESTION_FILES_FIELD).flatMap((v) => (typeof v === "string" || v.size === 0 ? [] : [v as File]));
}

/**
 * One form of the page: parsed with its schema (a field error or a list intent comes back on that form),
 * run, then the page again with a toast; what the model refuses on purpose comes back in Korean.
 */
async function answerForm<S extends z.ZodType>(
  request: Request,
  form: FormData,
  name: string,
  schema: S,
  run: (value: z.output<S>) => Promise<unknown>,
  done: string,
) {
  const submission = parseStepForm(form, schema);
  if (submission.status !== "success") {
    return data<StepReply>({ result: submission.reply(), form: name }, { status: submission.status === "error" ? 400 : 200 });
  }
  try {
    await run(submission.value);
    return await redirectWithToast(new URL(request.url).pathname, done);
  } catch (error) {
    return stepFailure(submission, error, name);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId } = await requireTicketStep(request, params, { checkScope: true });
  // ask and reply come as multipart (files), close as a plain post
  const { form, refused } = await readStepUpload(request, ASK_FORM);
  if (refused) return refused;
  const name = formName(form) ?? ASK_FORM;
  if (name.startsWith("close-")) {
    return answerForm(
      request,
      form,
      name,
      CloseSchema,
      (v) => closeQuestion(actor, { ticketId, questionId: v.questionId, version: v.version }),
      "문의를 종료했습니다.",
    );
  }
  if (name.startsWith("reply-")) {
    return answerForm(
      request,
      form,
      name,
      ReplySchema,
      (v) =>
        withMessageFiles(filesOf(form), (files) =>
          replyToQuestion(actor, { ticketId, questionId: v.questionId, version: v.version, body: v.body, files }),
        ),
      "답글을 남겼습니다.",
    );
  }
  return answerForm(
    request,
    form,
    ASK_FORM,
    AskSchema,
    (v) => withMessageFiles(filesOf(form), (files) => askQuestion(actor, { ticketId, ...v, files })),
    "문의를 남겼습니다. 답변이 오면 알려 드립니다.",
  );
}

export default function QuestionsPage() {
  const { open, closedMessage, addressees, questions, accepted } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      {open ? (
        <QuestionAskForm open={questions.length === 0} schema={AskSchema} addressees={addressees} reply={reply} accepted={accepted} />
      ) : (
        <p className="muted card">{closedMessage}</p>
      )}
      <QuestionList questions={questions} schemas={SCHEMAS} reply={reply} accepted={accepted} />
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
