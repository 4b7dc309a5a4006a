// 신청서 수정: the manufacturer edits a draft (작성중) of their own company. The form carries the
// ticket version it was opened on; a save after someone else's change gets the conflict message.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { STATE_LABELS, isTicketState } from "~/domain";
import { draftFormOptions, getDraftForEdit, updateDraft } from "~/models/ticket-draft.server";
import { DraftSchema } from "~/utils/draft-schema";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { TicketDraftForm } from "~/components/ticket-draft-form";
import makerStyles from "~/styles/maker.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const handle = { step: "신청서 수정" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId } = await requireTicketStep(request, params, { roles: ["manufacturer"] });
  const [ticket, options] = await Promise.all([getDraftForEdit(actor, ticketId), draftFormOptions(actor)]);
  invariantResponse(ticket && options);
  return { ticket, ...options };
}

const EditSchema = DraftSchema.extend({ version: fields.version });

export const action = ticketStepAction({
  roles: ["manufacturer"],
  schema: EditSchema,
  run: ({ actor, ticketId, value: { version, ...input } }) => updateDraft(actor, ticketId, version, input),
  done: (_result, { ticketId }) => ({ message: "신청서를 저장했습니다.", to: `/tickets/${ticketId}` }),
});

export default function EditTicket() {
  const { ticket, systems, suppliers } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (ticket.state !== "draft") {
    return (
      <p className="form-error" role="alert">
        {isTicketState(ticket.state) ? STATE_LABELS[ticket.state] : ticket.state} 단계의 신청서는 수정할 수 없습니다. 작성중인 신청서만 수정할 수
        있습니다.
      </p>
    );
  }
  return (
    <TicketDraftForm
      systems={systems}
      suppliers={suppliers}
      defaults={{
        supportTypes: ticket.supportTypes.map((s) => s.type),
        targetSystemId: ticket.targetSystemId,
        supplierId: ticket.supplierId,
        title: ticket.title,
        problem: ticket.problem,
        desiredOutcome: ticket.desiredOutcome,
        items: ticket.items,
      }}
      reply={reply}
      version={ticket.version}
      submitLabel="수정 내용 저장"
    />
  );
}

export const ErrorBoundary = StepErrorBoundary;
