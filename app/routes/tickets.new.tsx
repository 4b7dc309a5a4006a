import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/session.server";
import { MIN_ITEM_ROWS, createDraft, currentProgram, draftFormOptions, parseDraftForm, rowCountOf } from "~/models/ticket-draft.server";
import { badRequest, failureResponse, formValues, readForm } from "~/utils/forms.server";
import { TicketDraftForm, type DraftFailure } from "~/components/ticket-draft-form";
import { seoulDate } from "~/domain";
import makerStyles from "~/styles/maker.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const meta: MetaFunction = () => [{ title: "새 AS 신청 · 스마트공장 AS 트래커" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const options = await draftFormOptions(actor);
  // Only manufacturers file AS requests; for everyone else the page does not exist.
  if (!options) throw new Response("페이지를 찾을 수 없습니다.", { status: 404 });
  const program = await currentProgram(seoulDate(new Date()));
  return { minRows: MIN_ITEM_ROWS, ...options, program: program && { name: program.name, noticeNumber: program.noticeNumber } };
}

/** Echo of what was typed, with every chosen support type (formValues keeps one value per key). */
function draftValues(form: FormData): Record<string, string> {
  return { ...formValues(form), supportTypes: form.getAll("supportTypes").map(String).join(",") };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (actor.role !== "manufacturer") throw new Response("페이지를 찾을 수 없습니다.", { status: 404 });
  const form = await readForm(request);
  if (form.get("intent") === "addRow") {
    return data({ ok: false, values: draftValues(form), rows: rowCountOf(form) + 1 } satisfies DraftFailure);
  }
  const parsed = parseDraftForm(form);
  if (!parsed.success) return badRequest({ ...parsed.failure, values: draftValues(form) });
  let ticket: { id: string };
  try {
    ticket = await createDraft(actor, parsed.data, seoulDate(new Date()));
  } catch (error) {
    const failed = failureResponse(error, form);
    return data({ ...failed.data, values: draftValues(form) }, failed.init ?? undefined);
  }
  return redirect(`/tickets/${ticket.id}?saved=1`);
}

export default function NewTicket() {
  const { systems, suppliers, program, minRows } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as DraftFailure | undefined;
  return (
    <>
      <p className="muted">
        <Link to="/tickets">← 목록</Link>
        {program ? ` · ${program.name} (${program.noticeNumber})` : ""}
      </p>
      <h1>새 AS 신청</h1>
      {!program ? (
        <p className="form-error" role="alert">
          지금 접수 중인 사업(공고)이 없습니다. 운영기관에 문의해 주세요.
        </p>
      ) : null}
      <p className="muted">작성중으로 저장되며, 서류를 모두 올린 뒤 과제 화면에서 제출합니다. 저장한 신청서는 언제든 이어서 작성할 수 있습니다.</p>
      <TicketDraftForm
        systems={systems}
        suppliers={suppliers}
        defaults={{ supportTypes: [], targetSystemId: null, supplierId: "", title: "", problem: "", desiredOutcome: "", items: [] }}
        failure={failure}
        minRows={minRows}
        submitLabel="작성중으로 저장"
      />
    </>
  );
}
