import { requireVisibleTicket } from "~/models/ticket.server";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { MIN_ITEM_ROWS, draftFormOptions, getDraftForEdit, parseDraftForm, rowCountOf, updateDraft } from "~/models/ticket-draft.server";
import { badRequest, failureResponse, fields, formValues, readForm } from "~/utils/forms.server";
import { TicketDraftForm, type DraftFailure } from "~/components/ticket-draft-form";
import { STATE_LABELS, isTicketState } from "~/domain";
import makerStyles from "~/styles/maker.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.ticket.number} 신청서 수정 · 스마트공장 AS 트래커` : "신청서 수정 · 스마트공장 AS 트래커" },
];

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });

function draftValues(form: FormData): Record<string, string> {
  return { ...formValues(form), supportTypes: form.getAll("supportTypes").map(String).join(",") };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = ParamsSchema.safeParse(params);
  const ticket = parsed.success ? await getDraftForEdit(actor, parsed.data.ticketId) : null;
  const options = ticket ? await draftFormOptions(actor) : null;
  if (!ticket || !options) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  return { minRows: MIN_ITEM_ROWS, ticket, ...options };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsedParams = ParamsSchema.safeParse(params);
  if (!parsedParams.success || actor.role !== "manufacturer") throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  await requireVisibleTicket(actor, parsedParams.data.ticketId); // foreign → 404 before the form is read
  const form = await readForm(request);
  if (form.get("intent") === "addRow") {
    return data({ ok: false, values: draftValues(form), rows: rowCountOf(form) + 1 } satisfies DraftFailure);
  }
  const version = fields.version.safeParse(form.get("version"));
  if (!version.success) return badRequest({ ok: false, formError: "화면 정보가 올바르지 않습니다. 새로고침해 주세요.", values: draftValues(form) });
  const parsed = parseDraftForm(form);
  if (!parsed.success) return badRequest({ ...parsed.failure, values: draftValues(form) });
  try {
    await updateDraft(actor, parsedParams.data.ticketId, version.data, parsed.data);
  } catch (error) {
    const failed = failureResponse(error, form);
    return data({ ...failed.data, values: draftValues(form) }, failed.init ?? undefined);
  }
  return redirect(`/tickets/${parsedParams.data.ticketId}?saved=1`);
}

export default function EditTicket() {
  const { ticket, systems, suppliers, minRows } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as DraftFailure | undefined;
  const editable = ticket.state === "draft";
  return (
    <>
      <p className="muted">
        <Link to={`/tickets/${ticket.id}`}>← {ticket.number}</Link>
      </p>
      <h1>{ticket.number} 신청서 수정</h1>
      {!editable ? (
        <p className="form-error" role="alert">
          {isTicketState(ticket.state) ? STATE_LABELS[ticket.state] : ticket.state} 단계의 신청서는 수정할 수 없습니다. 작성중인 신청서만 수정할 수 있습니다.
        </p>
      ) : (
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
          failure={failure}
          version={ticket.version}
          minRows={minRows}
          submitLabel="수정 내용 저장"
        />
      )}
    </>
  );
}
