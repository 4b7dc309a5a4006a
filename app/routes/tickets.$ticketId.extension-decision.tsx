import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EXTENSION_REQUEST_STATUS_LABELS, formatKoreanDate, isExtensionRequestStatus, seoulDate } from "~/domain";
import { decideExtension, getExtensionData } from "~/models/monitor-steps.server";
import { done, notFound, stepPage, stepRequest } from "~/utils/monitor-route.server";
import { badRequest, failureResponse, fields, parseForm, readForm } from "~/utils/forms.server";
import { Reasons, Section, StepHeading, StepMessage, refusalOf, typed, type StepResult, useStepResult } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "사업기간 연장 · 스마트공장 AS 트래커" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, header, today } = await stepPage(request, params);
  const data = await getExtensionData(actor, header.id, today);
  if (!data) notFound();
  return { ticket: header, today, ...data };
}

const Schema = z.object({ intent: z.enum(["approve", "refuse"]), version: fields.version, note: fields.optionalText("검토 의견", 1000) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await stepRequest(request, params);
  const form = await readForm(request);
  const parsed = parseForm(Schema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  try {
    await decideExtension(actor, { ticketId, expectedVersion: parsed.data.version, today, decision: parsed.data.intent, note: parsed.data.note });
    return done(request, parsed.data.intent === "approve" ? "extension_approved" : "extension_refused");
  } catch (error) {
    return failureResponse(error, form);
  }
}


export default function ExtensionDecisionPage() {
  const { ticket, today, params, agreement, requests, pending, proposedEndOn, refusal, actions } = useLoaderData<typeof loader>();
  const result = useStepResult(useActionData<typeof action>());
  const approveRefusal = refusalOf(actions, "approve_extension");
  return (
    <>
      <StepHeading ticket={ticket} title="사업기간 연장" today={today} />
      <StepMessage result={result} />
      <div className="grid-2">
        <Section title="사업기간" id="window-h">
          {agreement ? (
            <dl className="facts" data-testid="window">
              <dt>시작일</dt>
              <dd>{formatKoreanDate(agreement.startOn)}</dd>
              <dt>기본 종료일</dt>
              <dd>{formatKoreanDate(agreement.baseEndOn)}</dd>
              <dt>현재 종료일</dt>
              <dd data-testid="end-on">{formatKoreanDate(agreement.endOn)}</dd>
              <dt>승인된 연장</dt>
              <dd>
                {agreement.extensionMonths}개월 (최대 {params.maxExtensionMonths}개월)
              </dd>
            </dl>
          ) : (
            <p className="muted">협약 전입니다.</p>
          )}
        </Section>
        <Section title="연장 신청" id="req-h">
          {pending ? (
            <div data-testid="pending">
              <p>
                <strong>{pending.months}개월</strong> 연장 신청 · {formatKoreanDate(seoulDate(new Date(pending.requestedAt)))}
              </p>
              <p style={{ whiteSpace: "pre-wrap" }}>사유: {pending.reason}</p>
              {proposedEndOn ? <p>승인하면 종료일: {formatKoreanDate(proposedEndOn)}</p> : null}
              {refusal ? <p className="result-fail">{refusal}</p> : null}
              <Form method="post">
                <input type="hidden" name="version" value={ticket.version} />
                <div className="field">
                  <label htmlFor="note">검토 의견</label>
                  <textarea id="note" name="note" rows={2} defaultValue={typed(result, "note")} />
                </div>
                <div className="button-row">
                  <button type="submit" name="intent" value="approve">
                    연장 승인
                  </button>
                  <button type="submit" name="intent" value="refuse" className="secondary">
                    연장 불승인
                  </button>
                </div>
              </Form>
              {approveRefusal && !refusal ? <Reasons reasons={approveRefusal} /> : null}
            </div>
          ) : (
            <p className="muted">처리할 연장 신청이 없습니다.</p>
          )}
          {requests.filter((r) => r.status !== "pending").length ? (
            <>
              <h3>처리 내역</h3>
              <ul data-testid="decided">
                {requests
                  .filter((r) => r.status !== "pending")
                  .map((r) => (
                    <li key={r.id}>
                      {r.months}개월 · {isExtensionRequestStatus(r.status) ? EXTENSION_REQUEST_STATUS_LABELS[r.status] : r.status}
                      {r.newEndOn ? ` · 종료일 ${formatKoreanDate(r.newEndOn)}` : ""}
                      {r.decisionNote ? ` · ${r.decisionNote}` : ""}
                    </li>
                  ))}
              </ul>
            </>
          ) : null}
        </Section>
      </div>
    </>
  );
}
