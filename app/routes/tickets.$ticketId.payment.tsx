// 사업비 지급 after the agreement: the manufacturer records its share deposit (기업부담금) with the transfer
// proof and the TP confirms or refuses it; the TP records the payee account, pays the subsidy in parts
// (선금/중도금/잔금, each with evidence, never more than the agreed subsidy) and declares funding complete.
// Both companies read the page; each form is shown to the party whose step it is (the server decides).
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getSelectProps } from "@conform-to/react";
import { z } from "zod";
import { PAYMENT_KINDS, PAYMENT_KIND_LABELS, formatKRW, type Action } from "~/domain";
import {
  completeFunding,
  decideShareDeposit,
  getFundingData,
  recordPayee,
  recordPaymentWithUpload,
  recordShareDepositWithUpload,
} from "~/models/funding.server";
import { uploadedFile } from "~/models/money-uploads.server";
import { UNKNOWN_INTENT, fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { Field, MoneyField, StepForm, TextareaField, moneyDefault, useStepForm } from "~/components/step-form";
import { Reasons, Section, refusalOf } from "~/components/monitor/step";
import { ProofFileField } from "~/components/money";
import { useTicketState } from "~/components/ticket/use-ticket-header";
import { AgreementFacts, PaymentList, ShareFacts } from "~/components/ticket/funding-facts";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "사업비 지급" };

const READERS = ["manufacturer", "supplier", "monitor"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: READERS });
  const data = await getFundingData(actor, ticketId, today);
  invariantResponse(data);
  return { today, role: actor.role, ...data };
}

const DepositSchema = z.object({
  intent: z.literal("deposit"),
  version: fields.version,
  amount: fields.money("입금액"),
  depositedOn: fields.isoDate("입금일"),
  note: fields.optionalText("비고", 500),
});
const ConfirmDepositSchema = z.object({
  intent: z.literal("confirm_deposit"),
  version: fields.version,
  note: fields.optionalText("확인 의견", 500),
});
const RefuseDepositSchema = z.object({ intent: z.literal("refuse_deposit"), version: fields.version, note: fields.text("반려 사유", 500) });
const PayeeSchema = z.object({
  intent: z.literal("payee"),
  version: fields.version,
  bank: fields.text("은행", 40),
  // digits with hyphens, as printed on a bank book (통장 사본)
  account: fields.text("계좌번호", 40).regex(/^\d[\d-]{4,38}\d$/, "계좌번호는 숫자와 하이픈(-)으로 입력해 주세요 (6~40자)."),
  holder: fields.text("예금주", 60),
});
const PaymentSchema = z.object({
  intent: z.literal("payment"),
  version: fields.version,
  kind: z.enum(PAYMENT_KINDS, { error: "지급 구분을 선택해 주세요." }),
  amount: fields.money("지급액"),
  paidOn: fields.isoDate("지급일"),
  note: fields.optionalText("비고", 500),
});
const CompleteSchema = z.object({ intent: z.literal("complete"), version: fields.version });
const Schema = z.discriminatedUnion(
  "intent",
  [DepositSchema, ConfirmDepositSchema, RefuseDepositSchema, PayeeSchema, PaymentSchema, CompleteSchema],
  UNKNOWN_INTENT,
);

const DONE = {
  deposit: "기업부담금 입금을 등록했습니다. 운영기관의 확인을 기다립니다.",
  confirm_deposit: "기업부담금 입금을 확인했습니다.",
  refuse_deposit: "기업부담금 입금을 반려했습니다.",
  payee: "보조금 지급 계좌를 등록했습니다.",
  payment: "정부지원금 지급을 기록했습니다.",
  complete: "사업비 지급을 완료했습니다.",
} as const;

export const action = ticketStepAction({
  roles: READERS,
  schema: Schema,
  uploads: "payment",
  run: ({ actor, ticketId, today, value, form }) => {
    const base = { ticketId, expectedVersion: value.version, today };
    switch (value.intent) {
      case "deposit":
        return recordShareDepositWithUpload(actor, { ...base, ...value, upload: uploadedFile(form.get("proof")) });
      case "confirm_deposit":
        return decideShareDeposit(actor, { ...base, decision: "confirm", note: value.note });
      case "refuse_deposit":
        return decideShareDeposit(actor, { ...base, decision: "refuse", note: value.note });
      case "payee":
        return recordPayee(actor, { ...base, bank: value.bank, account: value.account, holder: value.holder });
      case "payment":
        return recordPaymentWithUpload(actor, { ...base, ...value, upload: uploadedFile(form.get("evidence")) });
      case "complete":
        return completeFunding(actor, base);
    }
  },
  done: (_result, { value }) => DONE[value.intent],
});

export type FundingPageData = ReturnType<typeof useLoaderData<typeof loader>>;
type Data = FundingPageData;
type Reply = ReturnType<typeof useActionData<typeof action>>;

export default function PaymentPage() {
  const data = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  // a body that could not be read (a file too large) is refused before its form is known, under the TP's
  // upload form's name: for a company it can only have been the deposit form (the one it may send)
  const reply = data.role !== "monitor" && posted?.form === "payment" ? { ...posted, form: "share-deposit" } : posted;
  const state = useTicketState();
  // a refused form stays on screen (with what was typed and why) even when the step has moved on; the
  // deposit's forms only while they can be used, the TP's payment forms also when refused (with why)
  const mine = (action: Action, refusedToo: boolean) =>
    state === "agreed" && data.actions.some((a) => a.action === action && (a.allowed || refusedToo));
  const open = (forms: string[], action: Action, refusedToo = false) => forms.includes(reply?.form ?? "") || mine(action, refusedToo);
  const props = { data, reply };
  return (
    <div className="grid-2">
      <AgreementFacts data={data} />
      <Section title="기업부담금 입금" id="share-h">
        <ShareFacts data={data} />
        {open(["share-deposit"], "record_share_deposit") ? <DepositForm {...props} /> : null}
        {open(["share-decision", "share-refusal"], "confirm_share_deposit") ? <DepositDecision {...props} /> : null}
      </Section>
      <Section title="정부지원금 지급" id="pay-h">
        <PaymentList data={data} />
        {data.role === "monitor" && (state === "agreed" || reply?.form === "payee") && data.totals?.paid === 0 ? <PayeeForm {...props} /> : null}
        {/* the whole subsidy paid: nothing left to pay, no form (a refused post still shows its form) */}
        {reply?.form === "payment" || (open(["payment"], "record_payment", true) && data.totals?.remaining !== 0) ? (
          <PaymentForm {...props} />
        ) : null}
        {open(["funding-complete"], "complete_funding", true) ? <CompleteForm {...props} /> : null}
      </Section>
    </div>
  );
}

// Each form is its own component, mounted only while its step is possible: its version is pinned when it appears.

function DepositForm({ data, reply }: { data: Data; reply: Reply }) {
  const { fields: f, props } = useStepForm({
    id: "share-deposit",
    schema: DepositSchema,
    version: data.version,
    reply,
    defaultValue: { amount: moneyDefault(data.share?.remaining ?? null), depositedOn: data.today },
  });
  return (
    <StepForm {...props} encType="multipart/form-data" title="기업부담금 입금 등록">
      <h3>입금 등록</h3>
      <input type="hidden" name={f.intent.name} value="deposit" />
      <MoneyField meta={f.amount} label="입금액 (원)" />
      <Field meta={f.depositedOn} label="입금일" type="date" />
      <ProofFileField id="deposit-proof" name="proof" label="이체확인증" />
      <Field meta={f.note} label="비고" />
      <button type="submit" disabled={props.pending}>
        입금 등록
      </button>
    </StepForm>
  );
}

function DepositDecision({ data, reply }: { data: Data; reply: Reply }) {
  const confirm = useStepForm({ id: "share-decision", schema: ConfirmDepositSchema, version: data.version, reply });
  const refuse = useStepForm({ id: "share-refusal", schema: RefuseDepositSchema, version: data.version, reply });
  return (
    <div className="grid-2">
      <StepForm {...confirm.props} className="" title="입금 확인">
        <input type="hidden" name={confirm.fields.intent.name} value="confirm_deposit" />
        <button type="submit">입금 확인</button>
      </StepForm>
      <StepForm {...refuse.props} className="" title="입금 반려">
        <input type="hidden" name={refuse.fields.intent.name} value="refuse_deposit" />
        <TextareaField meta={refuse.fields.note} label="반려 사유" rows={2} maxLength={500} />
        <button type="submit" className="secondary">
          입금 반려
        </button>
      </StepForm>
    </div>
  );
}

function PayeeForm({ data, reply }: { data: Data; reply: Reply }) {
  const a = data.agreement;
  const { fields: f, props } = useStepForm({
    id: "payee",
    schema: PayeeSchema,
    version: data.version,
    reply,
    defaultValue: { bank: a?.payeeBank ?? "", account: a?.payeeAccount ?? "", holder: a?.payeeHolder ?? "" },
  });
  return (
    <StepForm {...props} title="보조금 지급 계좌">
      <h3>보조금 지급 계좌</h3>
      <p className="muted">협약서의 통장 사본대로 입력합니다. 첫 지급 뒤에는 바꿀 수 없습니다.</p>
      <input type="hidden" name={f.intent.name} value="payee" />
      <Field meta={f.bank} label="은행" maxLength={40} />
      <Field meta={f.account} label="계좌번호" maxLength={40} inputMode="numeric" />
      <Field meta={f.holder} label="예금주" maxLength={60} />
      <button type="submit">계좌 저장</button>
    </StepForm>
  );
}

function PaymentForm({ data, reply }: { data: Data; reply: Reply }) {
  const { fields: f, props } = useStepForm({
    id: "payment",
    schema: PaymentSchema,
    version: data.version,
    reply,
    defaultValue: { kind: data.totals?.paid ? "balance" : "advance", amount: moneyDefault(data.totals?.remaining ?? null), paidOn: data.today },
  });
  const refusal = refusalOf(data.actions, "record_payment");
  return (
    <StepForm {...props} encType="multipart/form-data" title="정부지원금 지급 기록">
      <h3>지급 기록</h3>
      <input type="hidden" name={f.intent.name} value="payment" />
      <div className="field">
        <label htmlFor={f.kind.id}>지급 구분</label>
        <select {...getSelectProps(f.kind)}>
          {PAYMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {PAYMENT_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <MoneyField meta={f.amount} label="지급액 (원)" hint={data.totals ? `잔액 ${formatKRW(data.totals.remaining)}` : undefined} />
      <Field meta={f.paidOn} label="지급일" type="date" />
      <ProofFileField id="payment-evidence" name="evidence" label="지급 증빙 (이체확인증)" />
      <Field meta={f.note} label="비고" />
      <button type="submit" disabled={Boolean(refusal) || props.pending}>
        지급 기록
      </button>
      <Reasons reasons={refusal} />
    </StepForm>
  );
}

function CompleteForm({ data, reply }: { data: Data; reply: Reply }) {
  const { fields: f, props } = useStepForm({ id: "funding-complete", schema: CompleteSchema, version: data.version, reply });
  const refusal = refusalOf(data.actions, "complete_funding");
  return (
    <StepForm {...props} title="사업비 지급 완료">
      <input type="hidden" name={f.intent.name} value="complete" />
      <p className="muted">지급을 마치면 과제가 지급 완료 단계로 넘어가고 공급기업이 과제를 착수합니다.</p>
      <button type="submit" disabled={Boolean(refusal)}>
        사업비 지급 완료
      </button>
      <Reasons reasons={refusal} />
    </StepForm>
  );
}

export const ErrorBoundary = StepErrorBoundary;
