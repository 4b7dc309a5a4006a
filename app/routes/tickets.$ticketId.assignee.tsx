// 담당자 (the Technopark's officer in charge, ADR 027): monitors take a ticket, hand it to a colleague
// of their Technopark or release it. The forms (<AssigneeControl>, also in the ticket header) post here;
// this page shows them on their own and shows a refusal. Other roles get the 404 of a foreign ticket.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { assignTicket, assigneeControlData } from "~/models/assignee.server";
import { UNKNOWN_INTENT } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/step-form";
import { ASSIGNEE_FORM, AssigneeControl } from "~/components/ticket/assignee-control";

export const handle = { step: "담당자" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const control = await assigneeControlData(actor, ticketId, today);
  invariantResponse(control);
  return control;
}

const optionalId = z
  .string()
  .trim()
  .max(64, "담당자 정보가 올바르지 않습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.")
  .optional()
  .transform((v) => (v ? v : null));

const Schema = z
  .object({
    intent: z.enum(["take", "assign", "release"], UNKNOWN_INTENT),
    assigneeId: optionalId,
    // the officer the form showed (empty: nobody)
    shownAssigneeId: optionalId,
    back: z.string().max(300).optional(),
  })
  .refine((v) => v.intent !== "assign" || v.assigneeId, { message: "지정할 담당자를 골라 주세요.", path: ["assigneeId"] });

/** Back to where the form was (this ticket's pages or the dashboard), never to another site. */
function backTo(back: string | undefined, ticketId: string): string {
  const ticketPath = `/tickets/${ticketId}`;
  if (
    back &&
    /^\/(?!\/)/.test(back) &&
    !back.includes("\\") &&
    (back === ticketPath || back.startsWith(`${ticketPath}/`) || /^\/dashboard(\?|$)/.test(back))
  ) {
    return back;
  }
  return ticketPath;
}

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
  run: ({ actor, ticketId, value }) =>
    assignTicket(actor, {
      ticketId,
      assigneeId: value.intent === "take" ? actor.userId : value.intent === "assign" ? value.assigneeId : null,
      expectedAssigneeId: value.shownAssigneeId,
    }),
  done: (_result, { ticketId, value }) => ({
    message: value.intent === "release" ? "담당 지정을 해제했습니다." : "담당자를 지정했습니다.",
    to: backTo(value.back, ticketId),
  }),
});

export default function AssigneePage() {
  const control = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const refused = reply?.form === ASSIGNEE_FORM ? reply : undefined;
  // the refusal's headline (conflict, rule) first, then any field's message: the page has no field to mark
  const errors = refused ? Object.values(refused.result.error ?? {}).flatMap((e) => e ?? []) : [];
  return (
    <section className="card" aria-labelledby="assignee-h">
      <h2 id="assignee-h" style={{ marginTop: 0 }}>
        담당자
      </h2>
      {refused ? <ErrorSummary id="assignee-errors" errors={[...new Set(errors)]} fieldErrorCount={0} reply={refused} /> : null}
      <AssigneeControl {...control} />
    </section>
  );
}

export const ErrorBoundary = StepErrorBoundary;
