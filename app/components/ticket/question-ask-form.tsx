// 새 문의: to another party of the ticket (the addressee is chosen, never guessed), a subject, the text and
// files. Posts to the questions page as multipart (works without JavaScript).
import { getSelectProps } from "@conform-to/react";
import type { z } from "zod";
import { Field, FieldError, StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { QUESTION_LIMITS } from "~/domain/questions";
import type { StepReply } from "~/utils/step-reply";
import { QuestionFilesField, type AcceptedFiles } from "./question-files";

/** The form's name on the page. */
export const ASK_FORM = "ask";

export type AskInput = { toRole: string; subject: string; body: string };

export function QuestionAskForm({
  schema,
  addressees,
  reply,
  accepted,
  open,
}: {
  /** unfolded (no question on the page yet) */
  open: boolean;
  schema: z.ZodType<unknown, AskInput>;
  addressees: { value: string; label: string }[];
  reply: StepReply | undefined;
  accepted: AcceptedFiles;
}) {
  const { fields: f, props } = useStepForm({ id: ASK_FORM, schema, reply, defaultValue: { toRole: "", subject: "", body: "" } });
  return (
    // folded while the page has questions to read (open again with a refusal to show)
    <details className="card" open={open || reply?.form === ASK_FORM || undefined}>
      <summary>
        <h2 style={{ display: "inline", fontSize: "1.1rem" }}>새 문의</h2>
      </summary>
      <StepForm {...props} encType="multipart/form-data" className="" title="새 문의">
        <div className="field">
          <label htmlFor={f.toRole.id}>문의할 곳</label>
          <select {...getSelectProps(f.toRole)}>
            <option value="">선택하세요</option>
            {addressees.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
          <FieldError meta={f.toRole} />
        </div>
        <Field meta={f.subject} label="제목" maxLength={QUESTION_LIMITS.subject} />
        <TextareaField meta={f.body} label="내용" rows={5} maxLength={QUESTION_LIMITS.body} />
        <QuestionFilesField id="ask-files" accepted={accepted} />
        <button type="submit" disabled={props.pending}>
          문의 등록
        </button>
      </StepForm>
    </details>
  );
}
