// 새 AS 신청: the manufacturer files a request as a draft (작성중); documents and submission follow
// on the ticket's pages. Same form as 신청서 수정 (TicketDraftForm on DraftSchema).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/session.server";
import { seoulDate } from "~/domain";
import { createDraft, currentProgram, draftFormOptions } from "~/models/ticket-draft.server";
import { DraftSchema } from "~/utils/draft-schema";
import { readForm } from "~/utils/forms.server";
import type { StepReply } from "~/utils/step-reply";
import { formName, notFound, parseStepForm, stepFailure } from "~/utils/ticket-step.server";
import { redirectWithToast } from "~/utils/toast.server";
import { TicketDraftForm } from "~/components/ticket-draft-form";
import { ProgramFormLinks } from "~/components/form-template-link";
import makerStyles from "~/styles/maker.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const meta: MetaFunction = () => [{ title: "새 AS 신청 · 스마트공장 AS 트래커" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const options = await draftFormOptions(actor);
  // Only manufacturers file AS requests; for everyone else the page does not exist.
  if (!options) notFound("페이지를 찾을 수 없습니다.");
  const program = await currentProgram(seoulDate(new Date()));
  return { ...options, program: program && { id: program.id, name: program.name, noticeNumber: program.noticeNumber } };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (actor.role !== "manufacturer") notFound("페이지를 찾을 수 없습니다.");
  const form = await readForm(request);
  const submission = parseStepForm(form, DraftSchema);
  const name = formName(form);
  // list intents (add / remove a row) come back with the form as it now is, without JavaScript too
  if (submission.status !== "success")
    return data<StepReply>({ result: submission.reply(), form: name }, { status: submission.status === "error" ? 400 : 200 });
  try {
    const ticket = await createDraft(actor, submission.value, seoulDate(new Date()));
    return await redirectWithToast(`/tickets/${ticket.id}`, "신청서를 작성중으로 저장했습니다.");
  } catch (error) {
    return stepFailure(submission, error, name);
  }
}

export default function NewTicket() {
  const { systems, suppliers, program } = useLoaderData<typeof loader>();
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
      <p className="muted">
        작성중으로 저장되며, 서류를 모두 올린 뒤 과제 화면에서 제출합니다. 저장한 신청서는 언제든 이어서 작성할 수 있습니다.
      </p>
      {program ? <ProgramFormLinks programId={program.id} /> : null}
      <TicketDraftForm
        systems={systems}
        suppliers={suppliers}
        defaults={{ supportTypes: [], targetSystemId: null, supplierId: "", title: "", problem: "", desiredOutcome: "", items: [] }}
        reply={useActionData<typeof action>()}
        submitLabel="작성중으로 저장"
      />
    </>
  );
}
