// 원가적정성 검토: the cost-accounting agency (원가계산기관) assigned to the ticket enters the verified
// amount per quote line, whether the plan must change, a note and its report (one PDF or image); the
// review then waits for the TP, who confirms it (the ticket's figures follow it from then on) or returns
// it with a reason (the agency enters a new one). The TP may also enter a review itself, in effect at
// once (ADR 030). The agency never sees the site evaluation: this page shows only the quote and reviews.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  DomainError,
  ROW_LIMITS,
  SINGLE_UPLOAD_LIMIT_TEXT,
  agreementAmounts,
  formatKRW,
  formatKoreanDate,
  isIsoDate,
  planChangeDueDate,
} from "~/domain";
import { confirmCostReview, getCostReviewData, recordCostReviewWithUpload, returnCostReview } from "~/models/expert-steps.server";
import { fields } from "~/utils/fields";
import type { StepReply } from "~/utils/step-reply";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { Field, MoneyField, StepForm, TextareaField, moneyDefault, typedWon, useStepForm } from "~/components/step-form";
import { AmountsFacts, Reasons, Section, refusalOf } from "~/components/monitor/step";
import { ExpertDecision } from "~/components/ticket/expert-decision";
import { ReviewFacts, ReviewStatus } from "~/components/ticket/cost-review-facts";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "원가적정성 검토" };

/** The agency enters the review; the TP enters one too, or confirms or returns the agency's. */
const ROLES = ["monitor", "cost_agency"] as const;
const FORM = "cost-review";
/** The form's file input: the agency's report, one file. */
const REPORT_FIELD = "report";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ROLES });
  const page = await getCostReviewData(actor, ticketId, today);
  invariantResponse(page);
  return { today, ...page };
}

const RecordSchema = z.object({
  intent: z.literal("record"),
  version: fields.version,
  verifiedAmount: fields.money("원가검증금액"),
  resultOn: fields.isoDate("검토 결과일"),
  note: fields.optionalText("검토 의견", 2000),
  planChangeRequired: fields.checkbox,
  /** optional verified amount per quote line, by line id */
  lines: z
    .array(z.object({ id: fields.id, amount: z.string().max(40).optional() }))
    .max(ROW_LIMITS.quoteLines)
    .optional()
    .transform((rows, ctx) => {
      const amounts: Record<string, number> = {};
      for (const [i, row] of (rows ?? []).entries()) {
        if (!row.amount?.trim()) continue;
        const parsed = fields.money("항목별 원가검증금액").safeParse(row.amount);
        if (!parsed.success) {
          ctx.addIssue({ code: "custom", path: [i, "amount"], message: parsed.error.issues[0]?.message ?? "금액을 확인해 주세요." });
          continue;
        }
        amounts[row.id] = parsed.data;
      }
      return amounts;
    }),
});
const ConfirmSchema = z.object({ intent: z.literal("confirm"), version: fields.version });
const ReturnSchema = z.object({ intent: z.literal("return"), version: fields.version, reason: fields.text("보완 요청 사유", 1000) });
const Schema = z.discriminatedUnion("intent", [RecordSchema, ConfirmSchema, ReturnSchema], {
  error: "검토 결과 저장, 확인 또는 보완 요청 중 하나를 선택해 주세요.",
});
type Value = z.output<typeof Schema>;

const DONE: Record<Value["intent"], (role: string) => string> = {
  record: (role) =>
    role === "cost_agency" ? "원가적정성 검토 결과를 제출했습니다. 운영기관(TP)의 확인을 기다립니다." : "원가적정성 검토 결과를 입력했습니다.",
  confirm: () => "원가계산기관의 검토 결과를 확인했습니다.",
  return: () => "원가계산기관에 검토 결과의 보완을 요청했습니다.",
};

/** The one report file of the form, if any; more than one is refused (the agency uploads one report). */
function reportOf(form: FormData): File | null {
  const files = form.getAll(REPORT_FIELD).filter((v): v is File => typeof v !== "string" && v.size > 0);
  if (files.length > 1) throw new DomainError("report_count", "원가계산 결과 보고서는 파일 하나만 올릴 수 있습니다.");
  return files[0] ?? null;
}

export const action = ticketStepAction({
  roles: ROLES,
  schema: Schema,
  // the report comes with the review (multipart, through the upload checks); confirm and return are plain forms
  uploads: FORM,
  run: ({ actor, ticketId, today, value, form }) => {
    const base = { ticketId, expectedVersion: value.version, today };
    if (value.intent === "confirm") return confirmCostReview(actor, base);
    if (value.intent === "return") return returnCostReview(actor, { ...base, reason: value.reason });
    return recordCostReviewWithUpload(actor, {
      ...base,
      verifiedAmount: value.verifiedAmount,
      lineAmounts: value.lines,
      note: value.note,
      resultOn: value.resultOn,
      planChangeRequired: value.planChangeRequired,
      upload: reportOf(form),
    });
  },
  done: (_result, { actor, value }) => DONE[value.intent](actor.role),
});

export type CostReviewPageData = ReturnType<typeof useLoaderData<typeof loader>>;
type Data = CostReviewPageData;

/** The TP's decision on the agency's review awaiting it. */
function AgencyDecision({ page, reply }: { page: Data; reply: StepReply | undefined }) {
  const confirm = useStepForm({ id: "cost-review-confirm", schema: ConfirmSchema, version: page.version, reply });
  const back = useStepForm({ id: "cost-review-return", schema: ReturnSchema, version: page.version, reply });
  if (!page.awaiting) return null;
  return (
    <ExpertDecision
      id="cost-decision"
      title="원가계산기관 검토 결과 확인"
      confirm={{
        form: confirm.props,
        label: "검토 결과 확인",
        hint: "확인하면 이 원가검증금액으로 협약금액이 정해지고, 원가계산기관의 배정(열람)이 끝납니다.",
        refusal: refusalOf(page.actions, "confirm_cost_review"),
      }}
      back={{ form: back.props, label: "보완 요청", reason: back.fields.reason, refusal: refusalOf(page.actions, "return_cost_review") }}
    >
      <dl className="facts" data-testid="cost-awaiting">
        <ReviewFacts review={page.awaiting} amounts={page.awaitingAmounts} />
      </dl>
    </ExpertDecision>
  );
}

function ReviewForm({ page, reply }: { page: Data; reply: StepReply | undefined }) {
  const { today, params, quote, actions, version, role } = page;
  const refusal = refusalOf(actions, "record_cost_review");
  const { fields: f, props } = useStepForm({
    id: FORM,
    schema: RecordSchema,
    version,
    reply,
    defaultValue: {
      intent: "record",
      resultOn: today,
      lines: quote?.lines.map((l) => ({ id: l.id, amount: moneyDefault(l.verifiedAmount) })) ?? [],
    },
  });
  if (!quote) return <p className="form-error">공급기업의 견적이 없습니다.</p>;
  const lineFields = f.lines.getFieldList();
  const verified = typedWon(f.verifiedAmount.value);
  const preview = verified !== null ? agreementAmounts({ quoteTotal: quote.total, verifiedAmount: verified }, params) : null;
  const change = f.planChangeRequired.value === "on";
  const resultOn = f.resultOn.value;
  const agency = role === "cost_agency";
  return (
    <StepForm {...props} encType="multipart/form-data">
      <h2 style={{ marginTop: 0 }}>검토 결과 입력 (견적 제{quote.version}판)</h2>
      <input type="hidden" name="intent" value="record" />
      <div className="table-wrap" tabIndex={0} role="region" aria-label="견적 항목별 원가검증 금액">
        <table className="responsive">
          <thead>
            <tr>
              <th>항목</th>
              <th className="num">견적 금액</th>
              <th>원가검증 금액 (선택)</th>
            </tr>
          </thead>
          <tbody>
            {quote.lines.map((l, i) => {
              const row = lineFields[i]?.getFieldset();
              return (
                <tr key={l.id}>
                  <td data-label="항목">
                    <label htmlFor={row?.amount.id} style={{ fontWeight: 400 }}>
                      {l.description}
                    </label>{" "}
                    <span className="muted">
                      {l.quantity} × {formatKRW(l.unitPrice)}
                    </span>
                    {row ? <input type="hidden" name={row.id.name} value={l.id} /> : null}
                  </td>
                  <td className="num" data-label="견적 금액">
                    {formatKRW(l.amount)}
                  </td>
                  <td data-label="원가검증 금액">
                    {row ? <MoneyField meta={row.amount} label={<span className="visually-hidden">원가검증 금액</span>} className="" /> : null}
                  </td>
                </tr>
              );
            })}
            <tr>
              <td data-label="항목">
                <strong>합계</strong>
              </td>
              <td className="num" data-label="견적금액" data-testid="quote-total">
                {formatKRW(quote.total)}
              </td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      <div className="grid-2" style={{ marginTop: "1rem" }}>
        <MoneyField meta={f.verifiedAmount} label="원가검증금액 (원)" hint="항목별 금액을 모두 입력하면 그 합계와 같아야 합니다." />
        <Field meta={f.resultOn} label="검토 결과일" type="date" />
      </div>
      <TextareaField meta={f.note} label="검토 의견" rows={3} />
      <div className="field inline">
        <input
          id={f.planChangeRequired.id}
          name={f.planChangeRequired.name}
          type="checkbox"
          defaultChecked={f.planChangeRequired.initialValue === "on"}
        />
        <label htmlFor={f.planChangeRequired.id}>수행계획서 변경 필요 ({params.revisionDueDays}일 이내 수정 제출)</label>
      </div>
      {change && typeof resultOn === "string" && isIsoDate(resultOn) ? (
        <p className="muted">
          수정 수행계획서 제출기한: {formatKoreanDate(planChangeDueDate(today, params, resultOn))}
          {agency ? " (운영기관이 확인한 날부터 계산합니다)" : ""}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="cost-report">원가계산 결과 보고서{agency ? " (필수)" : " (선택)"}</label>
        <input id="cost-report" name={REPORT_FIELD} type="file" accept=".pdf,.jpg,.jpeg,.png" aria-describedby="cost-report-hint" />
        <p className="muted" id="cost-report-hint">
          PDF, JPG, PNG 파일 하나, {SINGLE_UPLOAD_LIMIT_TEXT} (내용으로 형식을 확인합니다).
        </p>
      </div>
      {preview ? (
        <dl className="facts card" data-testid="amounts-preview" aria-live="polite">
          <AmountsFacts amounts={preview} />
        </dl>
      ) : null}
      <button type="submit" disabled={Boolean(refusal) || props.pending}>
        {agency ? "검토 결과 제출" : "검토 결과 저장"}
      </button>
      {agency ? <span className="muted"> 제출하면 운영기관(TP)이 확인한 뒤 협약금액에 반영됩니다.</span> : null}
      <Reasons reasons={refusal} />
    </StepForm>
  );
}

export default function CostReviewPage() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { confirmed, amounts, role } = page;
  return (
    <>
      <ReviewStatus page={page} />
      {role === "monitor" ? <AgencyDecision page={page} reply={reply} /> : null}
      {confirmed ? (
        <Section title="입력된 검토 결과" id="done-h">
          <dl className="facts" data-testid="cost-result">
            <ReviewFacts review={confirmed} amounts={amounts} />
          </dl>
        </Section>
      ) : null}
      {page.awaiting && role === "cost_agency" ? (
        <Section title="제출한 검토 결과 (확인 대기)" id="submitted-h">
          <dl className="facts" data-testid="cost-awaiting">
            <ReviewFacts review={page.awaiting} amounts={page.awaitingAmounts} />
          </dl>
        </Section>
      ) : (
        <ReviewForm page={page} reply={reply} />
      )}
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
