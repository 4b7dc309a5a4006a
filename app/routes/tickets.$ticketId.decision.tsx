// 지원결정: with the evaluation result, the places and the budget in view, the monitor selects the
// ticket for support, or does not. 선정 is a step like any other: offered only when the rules allow it,
// else shown disabled with why. 미선정 closes the application for good: it sits apart, needs a reason
// (which the manufacturer reads with its score) and is confirmed on a step of its own (ADR 028).
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { z } from "zod";
import { CLOSING_REASONS, CLOSING_REASON_MAX, formatKRW, formatKoreanDate } from "~/domain";
import { decideSupport, getDecisionData } from "~/models/monitor-steps.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep } from "~/utils/ticket-step.server";
import { confirmFirstAction } from "~/utils/confirm-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { StepForm, useStepForm } from "~/components/step-form";
import { ConfirmStep, QuotedReason, ReasonForm, confirmationOf } from "~/components/confirm-step";
import { Reasons, Section, refusalOf } from "~/components/monitor/step";
import { Gauge } from "~/components/monitor/gauge";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "지원결정" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const data = await getDecisionData(actor, ticketId, today);
  invariantResponse(data);
  return { today, ...data };
}

const SelectSchema = z.object({ intent: z.literal("select"), version: fields.version });
const NotSelectSchema = z.object({
  intent: z.literal("not_select"),
  version: fields.version,
  reason: fields.text(CLOSING_REASONS.not_select.label, CLOSING_REASON_MAX),
});
const Schema = z.discriminatedUnion("intent", [SelectSchema, NotSelectSchema], { error: "선정 또는 미선정을 선택해 주세요." });

export const action = confirmFirstAction({
  roles: ["monitor"],
  schema: Schema,
  confirm: (value) => (value.intent === "not_select" ? { intent: "not_select", version: String(value.version), reason: value.reason } : null),
  run: ({ actor, ticketId, today, value }) =>
    decideSupport(actor, {
      ticketId,
      expectedVersion: value.version,
      today,
      decision: value.intent,
      reason: value.intent === "not_select" ? value.reason : null,
    }),
  done: (_result, { value }) => (value.intent === "select" ? "지원대상으로 선정했습니다." : "미선정 처리했습니다."),
});

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function EvaluationResult({ evaluation, passMark, ticketId }: { evaluation: Data["evaluation"]; passMark: number; ticketId: string }) {
  if (!evaluation) return <p className="muted">현장평가표가 없습니다.</p>;
  if (evaluation.awaitingConfirmation) {
    return (
      <p data-testid="evaluation-result">
        외부전문가가 제출한 평가표가 확인 대기 중입니다 ({evaluation.total}점).{" "}
        <Link to={`/tickets/${ticketId}/evaluation`}>평가표 확인하기</Link>
      </p>
    );
  }
  return (
    <p data-testid="evaluation-result">
      {evaluation.submitted
        ? `제출됨 · ${evaluation.total}점 (선정 기준 ${passMark}점 이상) · ${evaluation.passed ? "적합 (선정 기준 충족)" : "부적합 (선정 기준 미충족)"}`
        : `작성중 (현재 ${evaluation.live ?? 0}점)`}
    </p>
  );
}

/** The amounts this ticket would take: only on a quote (without one there is nothing to expect yet). */
function ExpectedAmounts({ quoteTotal, ticketSubsidy }: { quoteTotal: number | null; ticketSubsidy: number | null }) {
  if (quoteTotal === null || ticketSubsidy === null) {
    return (
      <p className="muted" data-testid="expected-subsidy">
        이 과제의 예상 정부지원금: 견적 없음 (공급기업이 견적을 내면 계산됩니다)
      </p>
    );
  }
  return (
    <p className="muted" data-testid="expected-subsidy">
      견적 {formatKRW(quoteTotal)} 기준 예상 정부지원금 {formatKRW(ticketSubsidy)} · 예상 기업부담금 {formatKRW(quoteTotal - ticketSubsidy)}
    </p>
  );
}

export default function DecisionPage() {
  const data = useLoaderData<typeof loader>();
  const { today, params, selectedCount, committedSubsidy, quoteTotal, ticketSubsidy, evaluation, actions, planDueIfToday, version } = data;
  const { ticketId } = useParams();
  const reply = useActionData<typeof action>();
  const selectForm = useStepForm({ id: "decision", schema: SelectSchema, version, reply });
  const notSelectForm = useStepForm({ id: "decision-not-select", schema: NotSelectSchema, version, reply });
  const notSelecting = confirmationOf(reply, "decision-not-select");
  const selectRefusal = refusalOf(actions, "select");
  const notSelectRefusal = refusalOf(actions, "not_select");
  // only in 현장평가 (the actions drawn for the ticket's state)
  const open = actions.some((a) => a.action === "select");
  return (
    <>
      <div className="grid-2">
        <Section title="현장평가 결과" id="eval-h">
          <EvaluationResult evaluation={evaluation} passMark={params.passMark} ticketId={ticketId!} />
          <p>
            <Link to={`/tickets/${ticketId}/evaluation`}>평가표 보기</Link>
          </p>
        </Section>
        <Section title="지원 규모와 예산" id="cap-h">
          <Gauge label="선정 기업 (이 과제 제외)" value={selectedCount} max={params.capacity} format={(n) => `${n}개사`} />
          <Gauge label="정부지원금 배정액" value={committedSubsidy} max={params.subsidyBudget} format={formatKRW} />
          <ExpectedAmounts quoteTotal={quoteTotal} ticketSubsidy={ticketSubsidy} />
        </Section>
      </div>
      {open ? (
        <StepForm {...selectForm.props} title="선정">
          <h2 style={{ marginTop: 0 }}>선정</h2>
          <input type="hidden" name="intent" value="select" />
          <p>
            선정하면 오늘({formatKoreanDate(today)})이 선정 통보일이 되고, 공급기업은 {params.planDueDays}일 이내인{" "}
            {formatKoreanDate(planDueIfToday)}까지 수행계획서를 제출해야 합니다.
          </p>
          {/* refused: disabled, with why right under it (the server checks the places and the budget again) */}
          <button type="submit" disabled={Boolean(selectRefusal)} aria-describedby={selectRefusal ? "why-select" : undefined}>
            지원대상 선정
          </button>
          {selectRefusal ? (
            <div id="why-select" data-testid="select-refusal">
              <p className="muted" style={{ marginBottom: 0 }}>
                현재 선정할 수 없는 이유:
              </p>
              <Reasons reasons={selectRefusal} />
            </div>
          ) : null}
        </StepForm>
      ) : null}
      {open && notSelecting ? (
        <ConfirmStep
          id="decision-not-select"
          values={notSelecting}
          title="미선정 확인"
          confirmLabel="미선정 확정"
          cancelTo={`/tickets/${ticketId}/decision`}
        >
          <ul>
            <li>신청이 미선정으로 종결됩니다. 되돌릴 수 없습니다.</li>
            <li>
              도입기업과 공급기업은 과제 화면에서 아래 미선정 사유와 현장평가 점수
              {evaluation?.total != null ? `(${evaluation.total}점, 선정 기준 ${params.passMark}점 이상)` : ""}를 봅니다.
            </li>
            <li>접수 기간 중이면 도입기업은 새로 신청할 수 있습니다 (예산 소진 시까지 수시 접수).</li>
          </ul>
          <QuotedReason label={CLOSING_REASONS.not_select.label} reason={notSelecting.reason ?? ""} />
        </ConfirmStep>
      ) : null}
      {open ? (
        <ReasonForm
          name="not-select"
          title="미선정"
          hidden={Boolean(notSelecting)}
          form={notSelectForm.props}
          reason={notSelectForm.fields.reason}
          label="미선정 사유"
          hint={`도입기업에 현장평가 점수와 함께 보입니다. ${CLOSING_REASON_MAX.toLocaleString("ko-KR")}자 이내.`}
          submitLabel="미선정 내용 확인"
          refusal={notSelectRefusal}
        >
          <input type="hidden" name="intent" value="not_select" />
        </ReasonForm>
      ) : null}
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
