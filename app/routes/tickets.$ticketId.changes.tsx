// 사업변경 (scope and cost changes) after the agreement: a company asks with its reason, the proposed
// quote lines (the quote page's editor and validation) and, for a scope change, the new plan scope; the
// OTHER company confirms or declines; the TP approves or refuses with a reason. The agreement's versions
// are shown side by side, and each change's quote lines old vs new. One page, several forms told apart
// by `intent` (one schema, a union).
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getSelectProps } from "@conform-to/react";
import { z } from "zod";
import {
  CHANGE_KINDS,
  CHANGE_KIND_LABELS,
  CHANGE_STATES,
  QUOTE_LINE_KINDS,
  ROLE_LABELS,
  ROW_LIMITS,
  confirmRefusal,
  counterpartOf,
  formatKRW,
  isCompanyRole,
  isTicketState,
} from "~/domain";
import { confirmChange, declineChange, decideChange, getChangesPage, requestChange } from "~/models/change-request.server";
import { UNKNOWN_INTENT, fields } from "~/utils/fields";
import { quoteLinesField } from "~/utils/quote-lines-schema";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { FieldError, StepForm, TextareaField, moneyDefault, useStepForm } from "~/components/step-form";
import { QuoteLinesEditor } from "~/components/ticket/quote-lines-editor";
import { ConfirmSchema, CounterpartForms, DeclineSchema } from "~/components/ticket/counterpart-forms";
import { AgreementVersions, QuoteLinesCompare } from "~/components/ticket/agreement-versions";
import { ChangeFacts, ChangeHistoryItem } from "~/components/ticket/change-facts";
import { Reasons, Section, refusalOf } from "~/components/monitor/step";
import supplierStyles from "~/styles/supplier.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: supplierStyles }];
export const handle = { step: "사업변경" };

const ROLES = ["manufacturer", "supplier", "monitor"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ROLES });
  const page = await getChangesPage(actor, ticketId, today);
  invariantResponse(page);
  return { ...page, role: actor.role };
}

const RequestSchema = z.object({
  intent: z.literal("request"),
  version: fields.version,
  kind: z.enum(CHANGE_KINDS, { error: "변경 구분을 선택해 주세요." }),
  reason: fields.text("변경 사유", 2000),
  scope: fields.optionalText("변경 후 사업범위", 4000),
  lines: quoteLinesField(ROW_LIMITS.quoteLines),
});
const ApproveSchema = z.object({ intent: z.literal("approve"), version: fields.version, note: fields.optionalText("검토 의견", 1000) });
const RefuseSchema = z.object({ intent: z.literal("refuse"), version: fields.version, note: fields.text("불승인 사유", 1000) });
const Schema = z.discriminatedUnion("intent", [RequestSchema, ConfirmSchema, DeclineSchema, ApproveSchema, RefuseSchema], UNKNOWN_INTENT);

const DONE = {
  request: "사업변경을 신청했습니다. 상대 기업의 확인을 기다립니다.",
  confirm: "사업변경 신청을 확인했습니다. 운영기관의 승인을 기다립니다.",
  decline: "사업변경 신청에 동의하지 않았습니다.",
  approve: "사업변경을 승인했습니다. 협약이 변경되었습니다.",
  refuse: "사업변경을 불승인했습니다.",
} as const;

export const action = ticketStepAction({
  roles: ROLES,
  schema: Schema,
  run: ({ actor, ticketId, today, value }) => {
    const base = { ticketId, expectedVersion: value.version, today };
    switch (value.intent) {
      case "request":
        return requestChange(actor, { ...base, kind: value.kind, reason: value.reason, lines: value.lines, scope: value.scope });
      case "confirm":
        return confirmChange(actor, base);
      case "decline":
        return declineChange(actor, { ...base, note: value.note });
      case "approve":
      case "refuse":
        return decideChange(actor, { ...base, decision: value.intent, note: value.note });
    }
  },
  done: (_result, { value }) => DONE[value.intent],
});

export type ChangesPageData = ReturnType<typeof useLoaderData<typeof loader>>;
type Page = ChangesPageData;
type Change = Page["changes"][number];
type Reply = ReturnType<typeof useActionData<typeof action>>;

export default function ChangesPage() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const open = page.changes.find((c) => c.open) ?? null;
  const closed = page.changes.filter((c) => !c.open);
  const inChangeState = isTicketState(page.state) && CHANGE_STATES.includes(page.state);
  return (
    <>
      <Section title="협약 버전 비교" id="versions-h">
        <AgreementVersions versions={page.versions} />
      </Section>
      {open ? <OpenChange change={open} page={page} reply={reply} /> : null}
      {!open && isCompanyRole(page.role) ? (
        inChangeState ? (
          <RequestForm page={page} reply={reply} />
        ) : (
          <p className="muted card">사업변경은 협약체결 후 과제수행 중(협약체결·사업비 지급·과제수행 단계)에 신청할 수 있습니다.</p>
        )
      ) : null}
      {closed.length ? (
        <Section title="사업변경 이력" id="history-h">
          {closed.map((c) => (
            <ChangeHistoryItem key={c.id} change={c} />
          ))}
        </Section>
      ) : null}
    </>
  );
}

function OpenChange({ change, page, reply }: { change: Change; page: Page; reply: Reply }) {
  const awaitingCompany = change.status === "awaiting_counterpart";
  const mayConfirm = awaitingCompany && confirmRefusal(change.requestedByRole, page.role) === null;
  const decide = change.status === "pending" && page.role === "monitor";
  return (
    <Section title="처리 중인 사업변경 신청" id="open-h">
      <div data-testid="open-change">
        <ChangeFacts change={change} />
        {change.amounts ? (
          <dl className="facts" data-testid="amended-amounts">
            <dt>승인 시 협약금액</dt>
            <dd>{formatKRW(change.amounts.agreedCost)}</dd>
            <dt>승인 시 정부지원금</dt>
            <dd>
              {formatKRW(change.amounts.subsidy)}
              {change.amounts.capped ? ` (지원 한도 ${formatKRW(page.params.subsidyCap)} 적용)` : ""}
            </dd>
            <dt>승인 시 기업부담금</dt>
            <dd>{formatKRW(change.amounts.companyShare)}</dd>
          </dl>
        ) : null}
        {change.recover > 0 ? (
          <p className="result-fail" data-testid="recover">
            이미 지급한 정부지원금 {formatKRW(page.subsidyPaid)} 중 {formatKRW(change.recover)}은 변경 후 정부지원금을 넘으므로 정산 때
            환수합니다.
          </p>
        ) : null}
        <h3>견적 비교</h3>
        <QuoteLinesCompare
          lines={change.lines}
          before={page.latestQuote ? `현재 견적 ${page.latestQuote.version}차` : "현재 견적"}
          after="변경 신청"
        />
        {awaitingCompany && !mayConfirm ? (
          <p className="muted">
            {isCompanyRole(change.requestedByRole) ? ROLE_LABELS[counterpartOf(change.requestedByRole)] : "상대 기업"}의 확인을 기다립니다.
          </p>
        ) : null}
        {change.status === "pending" && !decide ? <p className="muted">운영기관의 승인을 기다립니다.</p> : null}
        {mayConfirm ? <CounterpartForms key={change.id} id="change" what="사업변경 신청" version={page.version} reply={reply} /> : null}
        {decide ? <DecisionForms key={change.id} page={page} reply={reply} /> : null}
      </div>
    </Section>
  );
}

function DecisionForms({ page, reply }: { page: Page; reply: Reply }) {
  const approve = useStepForm({ id: "change-approve", schema: ApproveSchema, version: page.version, reply });
  const refuse = useStepForm({ id: "change-refuse", schema: RefuseSchema, version: page.version, reply });
  const why = refusalOf(page.actions, "approve_change");
  return (
    <div className="grid-2">
      <StepForm {...approve.props} className="" title="사업변경 승인">
        <input type="hidden" name={approve.fields.intent.name} value="approve" />
        <TextareaField meta={approve.fields.note} label="검토 의견 (선택)" rows={2} />
        <button type="submit" disabled={Boolean(why)} aria-describedby={why ? "why-approve-change" : undefined}>
          사업변경 승인
        </button>
        {why ? (
          <div id="why-approve-change">
            <Reasons reasons={why} />
          </div>
        ) : null}
      </StepForm>
      <StepForm {...refuse.props} className="" title="사업변경 불승인">
        <input type="hidden" name={refuse.fields.intent.name} value="refuse" />
        <TextareaField meta={refuse.fields.note} label="불승인 사유" rows={2} />
        <button type="submit" className="secondary">
          사업변경 불승인
        </button>
      </StepForm>
    </div>
  );
}

function RequestForm({ page, reply }: { page: Page; reply: Reply }) {
  const base = page.latestQuote?.lines ?? [];
  const {
    form,
    fields: f,
    props,
  } = useStepForm({
    id: "change-request",
    schema: RequestSchema,
    version: page.version,
    reply,
    defaultValue: {
      kind: "scope",
      scope: page.planScope,
      lines: base.length
        ? base.map((l) => ({ kind: l.kind, description: l.description, quantity: String(l.quantity), unitPrice: moneyDefault(l.unitPrice) }))
        : [{ kind: QUOTE_LINE_KINDS[0], description: "", quantity: "", unitPrice: "" }],
    },
  });
  const why = refusalOf(page.actions, "request_change");
  return (
    <StepForm {...props} title="사업변경 신청">
      <h2 style={{ marginTop: 0 }}>사업변경 신청</h2>
      <input type="hidden" name={f.intent.name} value="request" />
      <p className="muted">
        변경할 견적 항목을 입력하세요 (현재 견적에서 시작합니다). 상대 기업이 확인한 뒤 운영기관이 승인하면 견적·수행계획서의 새 차수와 협약
        변경이 기록됩니다. 정부지원금은 같은 기준(사업비의 {page.params.subsidyRateBp / 100}%, 최대 {formatKRW(page.params.subsidyCap)})으로 다시
        계산됩니다.
      </p>
      <div className="field">
        <label htmlFor={f.kind.id}>변경 구분</label>
        <select {...getSelectProps(f.kind)}>
          {CHANGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {CHANGE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <FieldError meta={f.kind} />
      </div>
      <TextareaField meta={f.reason} label="변경 사유" rows={3} />
      <TextareaField meta={f.scope} label="변경 후 사업범위 (사업범위 변경일 때 필수)" rows={3} />
      <QuoteLinesEditor form={form} lines={f.lines} maxRows={ROW_LIMITS.quoteLines} params={page.params} />
      <button type="submit" disabled={props.pending || Boolean(why)} aria-describedby={why ? "why-request-change" : undefined}>
        사업변경 신청
      </button>
      {why ? (
        <div id="why-request-change">
          <Reasons reasons={why} />
        </div>
      ) : null}
    </StepForm>
  );
}

export const ErrorBoundary = StepErrorBoundary;
