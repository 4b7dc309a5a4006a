// The actions of the management pages (조직 관리, 기관 관리): several small forms on one page, each naming
// its `intent` (a hidden field or its button). One schema and one model call per intent; a success is a
// redirect with a toast, a refusal of the model (403, 404, 409, the rules) the Korean StepReply of that
// form — the same answers as a ticket step (ticket-step.server.ts), for forms that are not about a ticket.
import { data } from "@remix-run/node";
import type { z } from "zod";
import { formName, parseStepForm, stepFailure } from "./ticket-step.server";
import { redirectWithToast } from "./toast.server";
import type { StepReply } from "./step-reply";

type Handler = { schema: z.ZodType; run: (value: unknown) => Promise<string> };

/** One intent: its form's schema and the model call, which returns the success message. */
export function intent<S extends z.ZodType>(schema: S, run: (value: z.output<S>) => Promise<string>): Handler {
  return { schema, run: (value) => run(value as z.output<S>) };
}

const UNKNOWN_INTENT = "알 수 없는 요청입니다. 화면을 새로고침한 뒤 다시 시도해 주세요.";

/** Runs the submitted intent of `form`; `to` is where a success goes (the page without its confirmation step). */
export async function runIntent(form: FormData, handlers: Record<string, Handler>, to: string) {
  const name = form.get("intent");
  const handler = typeof name === "string" && Object.hasOwn(handlers, name) ? handlers[name] : undefined;
  if (!handler) return data<StepReply>({ result: { status: "error", error: { "": [UNKNOWN_INTENT] } } }, { status: 400 });
  const submission = parseStepForm(form, handler.schema);
  const formId = formName(form);
  if (submission.status !== "success") return data<StepReply>({ result: submission.reply(), form: formId }, { status: 400 });
  try {
    return await redirectWithToast(to, await handler.run(submission.value));
  } catch (error) {
    return stepFailure(submission, error, formId);
  }
}
