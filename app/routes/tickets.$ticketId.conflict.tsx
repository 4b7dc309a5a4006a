// 이해충돌 확인 (ADR 029): an assigned evaluator or cost-accounting agency is sent here from every page of
// the ticket until it declares, for its assignment, that it has no interest in the ticket's two companies
// (the exact text, who and when are recorded). Declaring a conflict instead ends the assignment and tells
// the Technopark to assign someone else. Other roles: the 404 of a foreign ticket.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatKoreanDate, seoulDate } from "~/domain";
import { conflictDeclarationOf, declareConflict } from "~/models/assignment.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { FieldError, StepForm, useStepForm } from "~/components/step-form";

export const handle = { step: "이해충돌 확인" };

const EXPERTS = ["evaluator", "cost_agency"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId } = await requireTicketStep(request, params, { roles: EXPERTS });
  const declaration = await conflictDeclarationOf(actor, ticketId);
  invariantResponse(declaration);
  return { ticketId, ...declaration };
}

const Schema = z
  .object({
    version: fields.version,
    statement: z.string({ error: "화면 정보가 올바르지 않습니다. 새로고침해 주세요." }).max(2000),
    decision: z.enum(["none", "conflict"], { error: "이해관계가 없음을 확인하거나, 이해관계가 있음을 알려 주세요." }),
    agree: fields.checkbox,
  })
  .refine((v) => v.decision === "conflict" || v.agree, { path: ["agree"], message: "위 내용을 확인했다면 확인란에 표시해 주세요." });

export const action = ticketStepAction({
  roles: EXPERTS,
  schema: Schema,
  run: ({ actor, ticketId, value }) =>
    declareConflict(actor, { ticketId, assignmentVersion: value.version, statement: value.statement, conflict: value.decision === "conflict" }),
  done: (_r, { ticketId, value }) =>
    value.decision === "conflict"
      ? { message: "이해관계가 있음을 운영기관에 알렸습니다. 이 과제의 배정이 종료되었습니다.", to: "/tickets" }
      : { message: "이해충돌이 없음을 확인했습니다.", to: `/tickets/${ticketId}` },
});

export default function ConflictPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { fields: f, props } = useStepForm({ id: "conflict", schema: Schema, reply, version: data.version });
  if (data.declaredAt) {
    return (
      <section className="card" aria-labelledby="conflict-h">
        <h2 id="conflict-h" style={{ marginTop: 0 }}>
          이해충돌 없음 확인
        </h2>
        <p>{formatKoreanDate(seoulDate(new Date(data.declaredAt)))}에 아래 내용을 확인했습니다.</p>
        <blockquote data-testid="conflict-statement">{data.statement}</blockquote>
        <Link to={`/tickets/${data.ticketId}`}>과제 개요로</Link>
      </section>
    );
  }
  return (
    <StepForm {...props} title="이해충돌 확인">
      <h2 style={{ marginTop: 0 }}>이해충돌 확인</h2>
      <p>배정된 과제를 보기 전에 아래 내용을 확인해 주세요. 확인한 문구와 시각이 기록됩니다.</p>
      <blockquote data-testid="conflict-statement">{data.statement}</blockquote>
      <input type="hidden" name="statement" value={data.statement} />
      <div className="field">
        <label className="check">
          <input type="checkbox" name={f.agree.name} id={f.agree.id} aria-invalid={f.agree.errors ? true : undefined} /> 위 내용을 확인했으며
          사실과 같습니다.
        </label>
        <FieldError meta={f.agree} />
      </div>
      <div className="button-row">
        <button type="submit" name="decision" value="none" disabled={props.pending}>
          이해충돌 없음 확인
        </button>
        <button type="submit" name="decision" value="conflict" className="secondary" disabled={props.pending}>
          이해관계가 있어 맡을 수 없습니다
        </button>
      </div>
    </StepForm>
  );
}

export const ErrorBoundary = StepErrorBoundary;
