// 견적: the supplier writes a quote version (lines with live amounts and the expected subsidy);
// the manufacturer and the monitor read the latest and the history. Every save is a new version
// built on the version the form was opened with (its own pinned base version, not the ticket's):
// if someone saved a newer quote meanwhile, the save is refused with the conflict message. The signed
// quote (서명·날인된 견적서, PDF or image) comes with a version or later onto the latest one (issue 17).
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { QUOTE_LINE_KINDS, ROW_LIMITS, STATE_LABELS, formatKRW, isTicketState } from "~/domain";
import { QUOTE_STATES, attachSignedQuote, getQuotePage, saveQuoteVersion } from "~/models/quote.server";
import { SIGNED_QUOTE_RULE, singleUpload, withOptionalUpload } from "~/models/plan-quote-files.server";
import { DomainError } from "~/domain";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { StepForm, TextareaField, moneyDefault, useStepForm } from "~/components/step-form";
import { QuoteHistory, SignedQuoteField, SignedQuoteForm } from "~/components/ticket/quote-history";
import { QuoteLinesEditor } from "~/components/ticket/quote-lines-editor";
import { quoteLinesField } from "~/utils/quote-lines-schema";
import supplierStyles from "~/styles/supplier.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: supplierStyles }];
export const handle = { step: "견적서" };

/** At most this many quote lines (well below the helper's index limit). */
const MAX_LINES = ROW_LIMITS.quoteLines;
/** Rows a new quote opens with. */
const MIN_ROWS = 3;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId } = await requireTicketStep(request, params);
  const page = await getQuotePage(actor, ticketId);
  invariantResponse(page);
  const canEdit = actor.role === "supplier" && isTicketState(page.state) && QUOTE_STATES.includes(page.state);
  return { ...page, canEdit, role: actor.role };
}

/** The signed quote's file input, on both forms. */
const SIGNED_FIELD = "signedQuote";
const pageVersion = z.coerce.number({ error: "화면 정보가 올바르지 않습니다. 새로고침해 주세요." }).int().min(0);

/** A new version (the form's default button; `intent` may be absent). */
const QuoteSchema = z.object({
  intent: z.literal("save").optional(),
  /** The quote version the form was opened with (0: no quote yet). */
  version: pageVersion,
  note: fields.optionalText("비고", 1000),
  lines: quoteLinesField(MAX_LINES),
});
/** The signed quote onto the latest version the page showed. */
const SignSchema = z.object({ intent: z.literal("sign"), quoteVersion: pageVersion });
const Schema = z.discriminatedUnion("intent", [QuoteSchema, SignSchema], { error: "견적 저장 또는 서명본 첨부 중 하나를 선택해 주세요." });

const signedUpload = (form: FormData) => singleUpload(form, SIGNED_FIELD, "서명·날인된 견적서");

/** The manufacturer and the monitor read this page; their POST is refused (403), not hidden (404). */
export const action = ticketStepAction({
  roles: ["supplier"],
  forbidden: "견적은 공급기업만 작성할 수 있습니다.",
  schema: Schema,
  uploads: "quote",
  run: ({ actor, ticketId, value, form }) =>
    withOptionalUpload<{ quoteVersion: number } | { signed: true }>(signedUpload(form), SIGNED_QUOTE_RULE, async (signed) => {
      if (value.intent !== "sign") {
        return saveQuoteVersion(actor, { ticketId, baseVersion: value.version, lines: value.lines, note: value.note, signed });
      }
      if (!signed) throw new DomainError("upload_required", "서명·날인된 견적서 파일을 첨부해 주세요.");
      await attachSignedQuote(actor, { ticketId, quoteVersion: value.quoteVersion, signed });
      return { signed: true };
    }),
  done: (saved) => ("quoteVersion" in saved ? `견적 ${saved.quoteVersion}차를 저장했습니다.` : "서명·날인된 견적서를 첨부했습니다."),
});

export default function QuotePage() {
  const { quotes, params, canEdit, role, state } = useLoaderData<typeof loader>();
  const latest = quotes[0] ?? null;
  const base = latest?.lines ?? [];
  const reply = useActionData<typeof action>();
  const {
    form,
    fields: f,
    props,
  } = useStepForm({
    id: "quote",
    schema: QuoteSchema,
    version: latest?.version ?? 0,
    reply,
    defaultValue: {
      note: latest?.note ?? "",
      lines: [
        ...base.map((l) => ({ kind: l.kind, description: l.description, quantity: String(l.quantity), unitPrice: moneyDefault(l.unitPrice) })),
        ...Array.from({ length: Math.max(MIN_ROWS - base.length, 1) }, () => ({
          kind: QUOTE_LINE_KINDS[0],
          description: "",
          quantity: "",
          unitPrice: "",
        })),
      ],
    },
  });
  const stateLabel = isTicketState(state) ? STATE_LABELS[state] : state;
  return (
    <>
      <section className="card" aria-labelledby="quote-current-h">
        <h2 id="quote-current-h" style={{ marginTop: 0 }}>
          현재 견적
        </h2>
        <dl className="facts">
          <dt>현재 견적금액</dt>
          <dd data-testid="current-quote-total" className="total-line">
            {latest ? `${formatKRW(latest.total)} (${latest.version}차)` : "아직 견적이 없습니다"}
          </dd>
        </dl>
      </section>

      {canEdit ? (
        <StepForm {...props} title="견적 작성" encType="multipart/form-data">
          <h2 style={{ marginTop: 0 }}>{latest ? `견적 수정 (${latest.version + 1}차로 저장)` : "견적 작성"}</h2>
          <p className="muted">
            수정하면 새 차수로 저장되고 이전 견적은 그대로 남습니다. 견적은 협약 전까지 수정할 수 있습니다. 금액은 원 단위 정수로 입력하세요.
            내용·수량·단가를 모두 비운 행은 저장하지 않습니다.
          </p>
          <QuoteLinesEditor form={form} lines={f.lines} maxRows={MAX_LINES} params={params} />
          <TextareaField meta={f.note} label="비고" rows={2} maxLength={1000} />
          <SignedQuoteField name={SIGNED_FIELD} id="quote-signed" />
          <input type="hidden" name="intent" value="save" />
          <button type="submit" disabled={props.pending}>
            견적 저장
          </button>
        </StepForm>
      ) : (
        <p className="muted card">
          {role === "supplier"
            ? `현재 단계(${stateLabel})에서는 견적을 수정할 수 없습니다. 견적은 신청접수부터 협약 전까지 작성·수정할 수 있습니다.`
            : "공급기업이 제출한 견적입니다 (읽기 전용)."}
        </p>
      )}

      {canEdit && latest ? <SignedQuoteForm latest={latest} field={SIGNED_FIELD} schema={SignSchema} reply={reply} /> : null}
      <QuoteHistory quotes={quotes} />
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
