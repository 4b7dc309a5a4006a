// 사업기간 연장: the monitor approves or refuses an extension one company proposed and the other
// confirmed (one form, two submit buttons: the decision is a field of the schema). A proposal still
// awaiting the other company is shown, not decidable.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROLE_LABELS, changeStatusLabel, counterpartOf, formatKoreanDate, isCompanyRole, seoulDate } from "~/domain";
import { decideExtension, getExtensionData } from "~/models/extension-request.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { Reasons, Section, refusalOf } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "사업기간 연장" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const data = await getExtensionData(actor, ticketId, today);
  invariantResponse(data);
  return data;
}

const Schema = z.object({
  intent: z.enum(["approve", "refuse"], { error: "연장 승인 또는 불승인을 선택해 주세요." }),
  version: fields.version,
  note: fields.optionalText("검토 의견", 1000),
});

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) =>
    decideExtension(actor, { ticketId, expectedVersion: value.version, today, decision: value.intent, note: value.note }),
  done: (_result, { value }) => (value.intent === "approve" ? "사업기간 연장을 승인했습니다." : "사업기간 연장을 불승인했습니다."),
});

export default function ExtensionDecisionPage() {
  const { params, agreement, requests, pending, proposed, proposedEndOn, refusal, actions, version } = useLoaderData<typeof loader>();
  const approveRefusal = refusalOf(actions, "approve_extension");
  const decided = requests.filter((r) => r.status !== "pending" && r.status !== "proposed");
  return (
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
              <strong>{pending.months}개월</strong> 연장 신청 · {formatKoreanDate(seoulDate(new Date(pending.requestedAt)))} ·{" "}
              {isCompanyRole(pending.requestedByRole)
                ? `${ROLE_LABELS[pending.requestedByRole]} 제안, ${ROLE_LABELS[counterpartOf(pending.requestedByRole)]} 확인`
                : ""}
            </p>
            <p style={{ whiteSpace: "pre-wrap" }}>사유: {pending.reason}</p>
            {proposedEndOn ? <p>승인하면 종료일: {formatKoreanDate(proposedEndOn)}</p> : null}
            {refusal ? (
              <p className="result-fail" id="why-approve">
                {refusal}
              </p>
            ) : null}
            {/* a refused approval is shown disabled, with why (ADR 028); 불승인 stays possible */}
            <DecisionForm key={pending.id} version={version} approveRefused={Boolean(refusal || approveRefusal)} />
            {approveRefusal && !refusal ? (
              <div id="why-approve">
                <Reasons reasons={approveRefusal} />
              </div>
            ) : null}
          </div>
        ) : proposed ? (
          <p className="muted" data-testid="proposed">
            {proposed.months}개월 연장 제안이{" "}
            {isCompanyRole(proposed.requestedByRole) ? ROLE_LABELS[counterpartOf(proposed.requestedByRole)] : "상대 기업"}의 확인을 기다립니다.
            확인되면 여기서 승인 여부를 결정합니다.
          </p>
        ) : (
          <p className="muted">처리할 연장 신청이 없습니다.</p>
        )}
        {decided.length ? (
          <>
            <h3>처리 내역</h3>
            <ul data-testid="decided">
              {decided.map((r) => (
                <li key={r.id}>
                  {r.months}개월 · {changeStatusLabel(r.status)}
                  {r.newEndOn ? ` · 종료일 ${formatKoreanDate(r.newEndOn)}` : ""}
                  {r.decisionNote ? ` · ${r.decisionNote}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>
    </div>
  );
}

/** Mounted per pending request, so its version is pinned when the request appears. */
function DecisionForm({ version, approveRefused }: { version: number; approveRefused: boolean }) {
  const { fields: f, props } = useStepForm({ id: "extension-decision", schema: Schema, version, reply: useActionData<typeof action>() });
  return (
    <StepForm {...props} className="">
      <TextareaField meta={f.note} label="검토 의견" rows={2} />
      <div className="button-row">
        <button
          type="submit"
          name={f.intent.name}
          value="approve"
          disabled={approveRefused}
          aria-describedby={approveRefused ? "why-approve" : undefined}
        >
          연장 승인
        </button>
        <button type="submit" name={f.intent.name} value="refuse" className="secondary">
          연장 불승인
        </button>
      </div>
    </StepForm>
  );
}

export const ErrorBoundary = StepErrorBoundary;
