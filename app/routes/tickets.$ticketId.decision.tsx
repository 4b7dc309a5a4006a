// 지원결정: with the evaluation result, the places and the budget in view, the monitor selects
// the ticket for support or not. One form, two submit buttons (`intent` select / not_select).
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { z } from "zod";
import { formatKRW, formatKoreanDate } from "~/domain";
import { decideSupport, getDecisionData } from "~/models/monitor-steps.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { StepForm, useStepForm } from "~/components/step-form";
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

const Schema = z.object({
  version: fields.version,
  intent: z.enum(["select", "not_select"], { error: "선정 또는 미선정을 선택해 주세요." }),
});

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) => decideSupport(actor, { ticketId, expectedVersion: value.version, today, decision: value.intent }),
  done: (_result, { value }) => (value.intent === "select" ? "지원대상으로 선정했습니다." : "미선정 처리했습니다."),
});

export default function DecisionPage() {
  const { today, params, selectedCount, committedSubsidy, ticketSubsidy, evaluation, actions, planDueIfToday, version } =
    useLoaderData<typeof loader>();
  const { ticketId } = useParams();
  const { props } = useStepForm({ id: "decision", schema: Schema, version, reply: useActionData<typeof action>() });
  const selectRefusal = refusalOf(actions, "select");
  const notSelectRefusal = refusalOf(actions, "not_select");
  // only in 현장평가 (the actions drawn for the ticket's state)
  const open = actions.some((a) => a.action === "select");
  return (
    <>
      <div className="grid-2">
        <Section title="현장평가 결과" id="eval-h">
          {evaluation ? (
            <p data-testid="evaluation-result">
              {evaluation.submitted
                ? `제출됨 · ${evaluation.total}점 · ${evaluation.passed ? "적합 (선정 기준 충족)" : "부적합 (선정 기준 미충족)"}`
                : `작성중 (현재 ${evaluation.live ?? 0}점)`}
            </p>
          ) : (
            <p className="muted">현장평가표가 없습니다.</p>
          )}
          <p>
            <Link to={`/tickets/${ticketId}/evaluation`}>평가표 보기</Link>
          </p>
        </Section>
        <Section title="지원 규모와 예산" id="cap-h">
          <Gauge label="선정 기업 (이 과제 제외)" value={selectedCount} max={params.capacity} format={(n) => `${n}개사`} />
          <Gauge label="정부지원금 배정액" value={committedSubsidy} max={params.subsidyBudget} format={formatKRW} />
          <p className="muted">이 과제의 예상 정부지원금: {formatKRW(ticketSubsidy)}</p>
        </Section>
      </div>
      {open ? (
        <StepForm {...props} title="결정">
          <h2 style={{ marginTop: 0 }}>결정</h2>
          <p>
            선정하면 오늘({formatKoreanDate(today)})이 선정 통보일이 되고, 공급기업은 {params.planDueDays}일 이내인{" "}
            {formatKoreanDate(planDueIfToday)}까지 수행계획서를 제출해야 합니다.
          </p>
          {selectRefusal ? (
            <div>
              <p className="muted">현재 선정할 수 없는 이유:</p>
              <Reasons reasons={selectRefusal} />
            </div>
          ) : null}
          {/* 선정 stays enabled: the server re-checks the places and the budget and says why not */}
          <div className="button-row">
            <button type="submit" name="intent" value="select">
              지원대상 선정
            </button>
            <button type="submit" name="intent" value="not_select" className="secondary" disabled={Boolean(notSelectRefusal)}>
              미선정
            </button>
          </div>
          <Reasons reasons={notSelectRefusal} />
        </StepForm>
      ) : null}
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
