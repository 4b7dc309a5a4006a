import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { dDay, deadlineOf, formatKoreanDate } from "~/domain";
import { cancelTicket } from "~/models/monitor-steps.server";
import { getTicketAssessment } from "~/models/ticket.server";
import { done, notFound, stepPage, stepRequest } from "~/utils/monitor-route.server";
import { badRequest, failureResponse, fields, parseForm, readForm } from "~/utils/forms.server";
import { FieldError, Reasons, StepHeading, StepMessage, refusalOf, typed, type StepResult, useStepResult } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "선정취소 · 스마트공장 AS 트래커" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, header, today } = await stepPage(request, params);
  const assessment = await getTicketAssessment(actor, header.id, today);
  if (!assessment) notFound();
  // the plan that never came: the running deadline is the plan's, and it has passed
  const deadline = deadlineOf(header);
  const planOverdue = deadline?.field === "planDueOn" ? dDay(deadline.on, today) : null;
  return { ticket: header, today, actions: assessment.actions, planOverdue: planOverdue?.overdue ? planOverdue : null };
}

const Schema = z.object({ version: fields.version, reason: fields.text("취소 사유", 2000) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await stepRequest(request, params);
  const form = await readForm(request);
  const parsed = parseForm(Schema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  try {
    await cancelTicket(actor, { ticketId, expectedVersion: parsed.data.version, today, reason: parsed.data.reason });
    return done(request, "cancelled");
  } catch (error) {
    return failureResponse(error, form);
  }
}

export default function CancelPage() {
  const { ticket, today, actions, planOverdue } = useLoaderData<typeof loader>();
  const result = useStepResult(useActionData<typeof action>());
  const refusal = refusalOf(actions, "cancel");
  return (
    <>
      <StepHeading ticket={ticket} title="선정취소" today={today} />
      <StepMessage result={result} />
      {planOverdue && ticket.planDueOn ? (
        <p className="form-error" data-testid="plan-overdue">
          수행계획서 제출기한({formatKoreanDate(ticket.planDueOn)})이 지났습니다 ({planOverdue.label}). 공급기업이 수행계획서를 제출하지 않았습니다.
        </p>
      ) : null}
      {ticket.state === "cancelled" ? (
        <p className="card">선정이 취소된 과제입니다. 사유: {ticket.cancelReason}</p>
      ) : (
        <Form method="post" className="card">
          <input type="hidden" name="version" value={ticket.version} />
          <div className="field">
            <label htmlFor="reason">취소 사유</label>
            <textarea
              id="reason"
              name="reason"
              rows={4}
              defaultValue={typed(result, "reason", planOverdue ? "수행계획서 제출기한 내 미제출" : "")}
            />
            <FieldError result={result} name="reason" />
          </div>
          <button type="submit" disabled={Boolean(refusal)}>
            선정취소
          </button>
          <Reasons reasons={refusal} />
        </Form>
      )}
    </>
  );
}
