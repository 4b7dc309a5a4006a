import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatKRW, formatKoreanDate } from "~/domain";
import { decideSupport, getDecisionData } from "~/models/monitor-steps.server";
import { done, notFound, stepPage, stepRequest } from "~/utils/monitor-route.server";
import { badRequest, failureResponse, fields, parseForm, readForm } from "~/utils/forms.server";
import { Reasons, Section, StepHeading, StepMessage, refusalOf, type StepResult, useStepResult } from "~/components/monitor/step";
import { Gauge } from "~/components/monitor/gauge";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "지원결정 · 스마트공장 AS 트래커" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, header, today } = await stepPage(request, params);
  const data = await getDecisionData(actor, header.id, today);
  if (!data) notFound();
  return { ticket: header, today, ...data };
}

const Schema = z.object({ intent: z.enum(["select", "not_select"]), version: fields.version });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await stepRequest(request, params);
  const form = await readForm(request);
  const parsed = parseForm(Schema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  try {
    await decideSupport(actor, { ticketId, expectedVersion: parsed.data.version, today, decision: parsed.data.intent });
    return done(request, parsed.data.intent === "select" ? "selected" : "not_selected");
  } catch (error) {
    return failureResponse(error, form);
  }
}

export default function DecisionPage() {
  const { ticket, today, params, selectedCount, committedSubsidy, ticketSubsidy, evaluation, actions, planDueIfToday } = useLoaderData<typeof loader>();
  const result = useStepResult(useActionData<typeof action>());
  const selectRefusal = refusalOf(actions, "select");
  const notSelectRefusal = refusalOf(actions, "not_select");
  const open = ticket.state === "site_evaluation";
  return (
    <>
      <StepHeading ticket={ticket} title="지원결정" today={today} />
      <StepMessage result={result} />
      <div className="grid-2">
        <Section title="현장평가 결과" id="eval-h">
          {evaluation ? (
            <p data-testid="evaluation-result">
              {evaluation.submitted ? `제출됨 · ${evaluation.total}점 · ${evaluation.passed ? "적합 (선정 기준 충족)" : "부적합 (선정 기준 미충족)"}` : `작성중 (현재 ${evaluation.live ?? 0}점)`}
            </p>
          ) : (
            <p className="muted">현장평가표가 없습니다.</p>
          )}
          <p>
            <Link to={`/tickets/${ticket.id}/evaluation`}>평가표 보기</Link>
          </p>
        </Section>
        <Section title="지원 규모와 예산" id="cap-h">
          <Gauge label="선정 기업 (이 과제 제외)" value={selectedCount} max={params.capacity} format={(n) => `${n}개사`} />
          <Gauge label="정부지원금 배정액" value={committedSubsidy} max={params.subsidyBudget} format={formatKRW} />
          <p className="muted">이 과제의 예상 정부지원금: {formatKRW(ticketSubsidy)}</p>
        </Section>
      </div>
      {open ? (
        <Section title="결정" id="decide-h">
          <p>
            선정하면 오늘({formatKoreanDate(today)})이 선정 통보일이 되고, 공급기업은 {params.planDueDays}일 이내인 {formatKoreanDate(planDueIfToday)}까지
            수행계획서를 제출해야 합니다.
          </p>
          {selectRefusal ? (
            <div>
              <p className="muted">현재 선정할 수 없는 이유:</p>
              <Reasons reasons={selectRefusal} />
            </div>
          ) : null}
          <div className="button-row">
            <Form method="post">
              <input type="hidden" name="version" value={ticket.version} />
              <button type="submit" name="intent" value="select">
                지원대상 선정
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="version" value={ticket.version} />
              <button type="submit" name="intent" value="not_select" className="secondary" disabled={Boolean(notSelectRefusal)}>
                미선정
              </button>
            </Form>
          </div>
          <Reasons reasons={notSelectRefusal} />
        </Section>
      ) : null}
    </>
  );
}
