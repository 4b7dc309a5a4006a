// A ticket step that cannot be undone (반려, 미선정, 선정취소), taken in two posts (ADR 028):
//
//   export const action = confirmFirstAction({
//     roles: ["monitor"], schema, run, done,
//     confirm: (value) => (value.intent === "reject" ? { intent: "reject", version: String(value.version), reason: value.reason } : null),
//   });
//
// The first post is checked like any step (the same zod schema, Korean field errors) and, when `confirm`
// names values to carry, answered with them and nothing written: the page then shows what will happen
// and a confirmation form posting the same values with `confirmed=yes`, which ticketStepAction takes.
// Both are plain posts, so the confirmation works without JavaScript; a step `confirm` leaves out
// (returns null for) is taken at once.
import { data, type ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { readForm } from "./forms.server";
import { formName, parseStepForm, requireTicketStep, ticketStepAction, type StepActionConfig } from "./ticket-step.server";
import { CONFIRMED_FIELD, type ConfirmReply } from "./confirm-reply";

export function confirmFirstAction<S extends z.ZodType, R>(
  config: StepActionConfig<S, R> & { confirm: (value: z.output<S>) => Record<string, string> | null },
) {
  const take = ticketStepAction(config);
  return async function action(args: ActionFunctionArgs) {
    // who may post here is decided before the body is read, as in every step
    await requireTicketStep(args.request, args.params, { roles: config.roles, forbidden: config.forbidden, checkScope: true });
    const form = await readForm(args.request.clone());
    const submission = parseStepForm(form, config.schema);
    const answer = form.get(CONFIRMED_FIELD);
    const carried = submission.status === "success" && answer !== "yes" ? config.confirm(submission.value) : null;
    if (!carried) return take(args); // a refusal of the form, a confirmed step, or a step taken at once
    // "edit": back to the form with what was typed; otherwise the confirmation of what was checked
    return data<ConfirmReply>({ result: submission.reply(), form: formName(form), ...(answer === "edit" ? {} : { confirm: carried }) });
  };
}
