// 정산 between 완료점검 and 완료: both companies upload the evidence (세금계산서, 이체확인증), the
// manufacturer enters the actual cost and submits, the page shows the recomputed subsidy and the amount
// to return; the TP confirms (→ 완료) or asks for more. The supplier's purchases of parts from companies
// outside the agreement (with proof of full advance payment) are recorded here from 과제수행 on.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getSelectProps } from "@conform-to/react";
import { z } from "zod";
import { SETTLEMENT_EVIDENCE_KINDS, SETTLEMENT_EVIDENCE_LABELS, isValidBusinessNumber } from "~/domain";
import {
  addSettlementEvidenceWithUpload,
  decideSettlement,
  getSettlementData,
  recordPartPurchaseWithUpload,
  submitSettlement,
} from "~/models/settlement.server";
import { uploadedFile } from "~/models/money-uploads.server";
import { UNKNOWN_INTENT, fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { Field, MoneyField, StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { Section } from "~/components/monitor/step";
import { ProofFileField } from "~/components/money";
import { useTicketState } from "~/components/ticket/use-ticket-header";
import { EvidenceList, Purchases, Summary } from "~/components/ticket/settlement-facts";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "정산" };

const READERS = ["manufacturer", "supplier", "monitor"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: READERS });
  const data = await getSettlementData(actor, ticketId, today);
  invariantResponse(data);
  return { today, role: actor.role, ...data };
}

const optionalMoney = (label: string) =>
  z
    .string()
    .optional()
    .transform((v) => v ?? "")
    .pipe(z.union([z.literal("").transform(() => null), fields.money(label)]));
const optionalDate = (label: string) =>
  z
    .string()
    .optional()
    .transform((v) => v ?? "")
    .pipe(z.union([z.literal("").transform(() => null), fields.isoDate(label)]));

const EvidenceSchema = z.object({
  intent: z.literal("evidence"),
  version: fields.version,
  kind: z.enum(SETTLEMENT_EVIDENCE_KINDS, { error: "증빙 구분을 선택해 주세요." }),
  amount: optionalMoney("금액"),
  issuedOn: optionalDate("발행일(이체일)"),
});
const SubmitSchema = z.object({
  intent: z.literal("submit"),
  version: fields.version,
  actualCost: fields.money("실제 사업비"),
  note: fields.optionalText("비고", 1000),
});
const ConfirmSchema = z.object({ intent: z.literal("confirm"), version: fields.version, note: fields.optionalText("확인 의견", 1000) });
const ReturnSchema = z.object({ intent: z.literal("return"), version: fields.version, note: fields.text("보완 요청 사유", 1000) });
const PurchaseSchema = z.object({
  intent: z.literal("purchase"),
  version: fields.version,
  vendorName: fields.text("거래처명", 100),
  vendorBusinessNumber: fields
    .optionalText("사업자등록번호", 12)
    .refine((v) => v === null || isValidBusinessNumber(v), "사업자등록번호가 올바르지 않습니다 (예: 123-45-67890)."),
  description: fields.text("구입 내용", 500),
  amount: fields.money("구입 금액"),
  paidOn: fields.isoDate("지급일"),
  paidInFullInAdvance: fields.checkbox,
});
const Schema = z.discriminatedUnion("intent", [EvidenceSchema, SubmitSchema, ConfirmSchema, ReturnSchema, PurchaseSchema], UNKNOWN_INTENT);

const DONE = {
  evidence: "정산 증빙을 올렸습니다.",
  submit: "정산을 제출했습니다. 운영기관의 확인을 기다립니다.",
  confirm: "정산을 확인했습니다. 과제가 완료되었습니다.",
  return: "정산 보완을 요청했습니다.",
  purchase: "부품구입 내역을 기록했습니다.",
} as const;

export const action = ticketStepAction({
  roles: READERS,
  schema: Schema,
  uploads: "settlement-evidence",
  run: ({ actor, ticketId, today, value, form }) => {
    const base = { ticketId, expectedVersion: value.version, today };
    switch (value.intent) {
      case "evidence":
        return addSettlementEvidenceWithUpload(actor, { ...base, ...value, upload: uploadedFile(form.get("file")) });
      case "submit":
        return submitSettlement(actor, { ...base, actualCost: value.actualCost, note: value.note });
      case "confirm":
      case "return":
        return decideSettlement(actor, { ...base, decision: value.intent, note: value.note });
      case "purchase":
        return recordPartPurchaseWithUpload(actor, { ...base, ...value, upload: uploadedFile(form.get("proof")) });
    }
  },
  done: (_result, { value }) => DONE[value.intent],
});

export type SettlementPageData = ReturnType<typeof useLoaderData<typeof loader>>;
type Data = SettlementPageData;
type Reply = ReturnType<typeof useActionData<typeof action>>;

export default function SettlementPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const state = useTicketState();
  const refused = (...forms: string[]) => forms.includes(reply?.form ?? "");
  const company = data.role === "manufacturer" || data.role === "supplier";
  const editable = state === "settlement" && data.settlement?.status !== "submitted";
  const deciding = data.actions.some((a) => a.action === "confirm_settlement" && a.allowed);
  const props = { data, reply };
  return (
    <>
      <div className="grid-2">
        <Summary data={data} />
        <Section title="정산 증빙" id="evidence-h">
          <EvidenceList data={data} />
          {(company && editable) || refused("settlement-evidence") ? <EvidenceForm {...props} /> : null}
        </Section>
      </div>
      {(data.role === "manufacturer" && editable) || refused("settlement-submit") ? <SubmitForm {...props} /> : null}
      {deciding || refused("settlement-confirm", "settlement-return") ? <DecisionForms {...props} /> : null}
      <Purchases data={data} />
      {(data.role === "supplier" && (state === "in_progress" || state === "completion_check")) ||
      (data.role === "supplier" && editable) ||
      refused("part-purchase") ? (
        <PurchaseForm {...props} />
      ) : null}
    </>
  );
}

// Each form is its own component, mounted only while its step is possible: its version is pinned when it appears.

function EvidenceForm({ data, reply }: { data: Data; reply: Reply }) {
  const { fields: f, props } = useStepForm({
    id: "settlement-evidence",
    schema: EvidenceSchema,
    version: data.version,
    reply,
    defaultValue: { kind: "tax_invoice" },
  });
  return (
    <StepForm {...props} encType="multipart/form-data" title="정산 증빙 올리기">
      <h3>증빙 올리기</h3>
      <input type="hidden" name={f.intent.name} value="evidence" />
      <div className="field">
        <label htmlFor={f.kind.id}>증빙 구분</label>
        <select {...getSelectProps(f.kind)}>
          {SETTLEMENT_EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {SETTLEMENT_EVIDENCE_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <MoneyField meta={f.amount} label="금액 (원, 선택)" />
      <Field meta={f.issuedOn} label="발행일·이체일 (선택)" type="date" />
      <ProofFileField id="evidence-file" name="file" label="증빙 파일" />
      <button type="submit" disabled={props.pending}>
        증빙 올리기
      </button>
    </StepForm>
  );
}

function SubmitForm({ data, reply }: { data: Data; reply: Reply }) {
  const { fields: f, props } = useStepForm({ id: "settlement-submit", schema: SubmitSchema, version: data.version, reply });
  return (
    <StepForm {...props} title="정산 제출">
      <h2 style={{ marginTop: 0 }}>정산 제출</h2>
      <p className="muted">{data.clauses.subsidyManagement}</p>
      <p className="muted">
        실제 사업비가 협약금액보다 적으면 같은 기준(50%, 한도)으로 정부지원금을 다시 산정하고, 이미 지급된 금액과의 차액을 반환합니다.
      </p>
      <input type="hidden" name={f.intent.name} value="submit" />
      <MoneyField meta={f.actualCost} label="실제 사업비 (원)" />
      <TextareaField meta={f.note} label="비고" rows={2} maxLength={1000} />
      <button type="submit" disabled={props.pending}>
        정산 제출
      </button>
    </StepForm>
  );
}

function DecisionForms({ data, reply }: { data: Data; reply: Reply }) {
  const confirm = useStepForm({ id: "settlement-confirm", schema: ConfirmSchema, version: data.version, reply });
  const back = useStepForm({ id: "settlement-return", schema: ReturnSchema, version: data.version, reply });
  return (
    <Section title="정산 확인" id="decide-h">
      {data.flagged.length ? <p className="warn-box">확인 전에 선금 완납이 아닌 부품구입 {data.flagged.length}건을 검토하세요.</p> : null}
      <div className="grid-2">
        <StepForm {...confirm.props} className="" title="정산 확인">
          <input type="hidden" name={confirm.fields.intent.name} value="confirm" />
          <TextareaField meta={confirm.fields.note} label="확인 의견 (선택)" rows={2} maxLength={1000} />
          <button type="submit">정산 확인(완료)</button>
        </StepForm>
        <StepForm {...back.props} className="" title="정산 보완 요청">
          <input type="hidden" name={back.fields.intent.name} value="return" />
          <TextareaField meta={back.fields.note} label="보완 요청 사유" rows={2} maxLength={1000} />
          <button type="submit" className="secondary">
            보완 요청
          </button>
        </StepForm>
      </div>
    </Section>
  );
}

function PurchaseForm({ data, reply }: { data: Data; reply: Reply }) {
  const { fields: f, props } = useStepForm({
    id: "part-purchase",
    schema: PurchaseSchema,
    version: data.version,
    reply,
    defaultValue: { paidOn: data.today },
  });
  return (
    <StepForm {...props} encType="multipart/form-data" title="부품구입 기록">
      <h3>부품구입 기록</h3>
      <input type="hidden" name={f.intent.name} value="purchase" />
      <Field meta={f.vendorName} label="거래처명" maxLength={100} />
      <Field meta={f.vendorBusinessNumber} label="거래처 사업자등록번호 (선택)" maxLength={12} />
      <Field meta={f.description} label="구입 내용" maxLength={500} />
      <MoneyField meta={f.amount} label="구입 금액 (원)" />
      <Field meta={f.paidOn} label="지급일" type="date" />
      <div className="field">
        <label>
          <input type="checkbox" name={f.paidInFullInAdvance.name} defaultChecked /> 선금 완납 (대금을 모두 먼저 지급함)
        </label>
      </div>
      <ProofFileField id="purchase-proof" name="proof" label="지급 증빙" />
      <button type="submit" disabled={props.pending}>
        부품구입 기록
      </button>
    </StepForm>
  );
}

export const ErrorBoundary = StepErrorBoundary;
