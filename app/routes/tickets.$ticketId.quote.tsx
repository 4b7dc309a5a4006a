import { QuoteLinesTable } from "~/components/quote-lines-table";
import { requireVisibleTicket } from "~/models/ticket.server";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { QUOTE_STATES, getQuotePage, saveQuoteVersion } from "~/models/quote.server";
import { badRequest, failureResponse, fields, formValues, parseWith, type FormFailure, readForm } from "~/utils/forms.server";
import { QUOTE_LINE_KINDS, QUOTE_LINE_KIND_LABELS, STATE_LABELS, formatKRW, formatKoreanDate, isTicketState, seoulDate } from "~/domain";
import { StateBadge } from "~/components/badges";
import supplierStyles from "~/styles/supplier.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: supplierStyles }];

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });
const MAX_ROWS = 50;
const MIN_ROWS = 3;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = ParamsSchema.safeParse(params);
  const page = parsed.success ? await getQuotePage(actor, parsed.data.ticketId) : null;
  if (!page) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  const canEdit = actor.role === "supplier" && isTicketState(page.state) && QUOTE_STATES.includes(page.state);
  const kinds = QUOTE_LINE_KINDS.map((value) => ({ value, label: QUOTE_LINE_KIND_LABELS[value] }));
  return { page, canEdit, role: actor.role, kinds };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `견적 · ${data.page.number} · 스마트공장 AS 트래커` : "견적 · 스마트공장 AS 트래커" },
];

const quantity = z
  .string({ error: "수량을 입력해 주세요." })
  .trim()
  .transform((v) => v.replace(/[,\s]/g, ""))
  .pipe(
    z
      .string()
      .min(1, "수량을 입력해 주세요.")
      .regex(/^\d+$/, "수량은 1 이상의 정수로 입력해 주세요.")
      .transform(Number)
      .refine((n) => Number.isSafeInteger(n) && n >= 1, "수량은 1 이상의 정수로 입력해 주세요."),
  );

const LineSchema = z.object({
  kind: z.enum(QUOTE_LINE_KINDS, { error: "구분을 선택해 주세요." }),
  description: fields.text("내용", 200),
  quantity,
  unitPrice: fields.money("단가"),
});

const QuoteSchema = z.object({
  baseVersion: z.coerce.number({ error: "화면 정보가 올바르지 않습니다. 새로고침해 주세요." }).int().min(0),
  note: fields.optionalText("비고", 1000),
  lines: z
    .array(LineSchema.nullable())
    .transform((rows) => rows.filter((r): r is z.infer<typeof LineSchema> => r !== null))
    .refine((rows) => rows.length > 0, "견적 항목을 1개 이상 입력해 주세요."),
});

function rowCountOf(form: FormData): number {
  const n = Number(form.get("rowCount"));
  return Number.isInteger(n) ? Math.min(Math.max(n, 1), MAX_ROWS) : MIN_ROWS;
}

/** The rows typed in the form; a row left entirely blank is skipped (null keeps the row's index for its errors). */
function linesOf(form: FormData, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const get = (name: string) => String(form.get(`lines.${i}.${name}`) ?? "");
    const row = { kind: get("kind"), description: get("description"), quantity: get("quantity"), unitPrice: get("unitPrice") };
    return row.description.trim() === "" && row.quantity.trim() === "" && row.unitPrice.trim() === "" ? null : row;
  });
}

type AddRow = { ok: false; addRow: true; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsedParams = ParamsSchema.safeParse(params);
  if (!parsedParams.success) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  await requireVisibleTicket(actor, parsedParams.data.ticketId); // foreign → 404 before the form is read
  const form = await readForm(request);
  const count = rowCountOf(form);
  if (form.get("intent") === "add_row") {
    // No JavaScript needed: the page comes back with one more row and everything typed kept.
    const values = formValues(form);
    values.rowCount = String(Math.min(count + 1, MAX_ROWS));
    return { ok: false, addRow: true, values } satisfies AddRow;
  }
  const parsed = parseWith(QuoteSchema, { baseVersion: form.get("baseVersion"), note: form.get("note") ?? "", lines: linesOf(form, count) }, form);
  if (!parsed.success) return badRequest(parsed.failure);
  try {
    const saved = await saveQuoteVersion(actor, {
      ticketId: parsedParams.data.ticketId,
      baseVersion: parsed.data.baseVersion,
      lines: parsed.data.lines,
      note: parsed.data.note,
    });
    return redirect(`/tickets/${parsedParams.data.ticketId}/quote?saved=${saved.quoteVersion}`);
  } catch (error) {
    return failureResponse(error, form);
  }
}

/**
 * The version the form was built on, pinned when the form mounts: a live
 * update of the page (someone else saved) must not move it, so that the
 * later save is refused as stale instead of silently overwriting.
 */
function PinnedHidden({ name, value }: { name: string; value: number }) {
  const [pinned] = useState(value);
  return <input type="hidden" name={name} value={pinned} />;
}

export default function QuotePage() {
  const { page, canEdit, role, kinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (FormFailure & { addRow?: boolean }) | undefined;
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const saved = search.get("saved");
  const latest = page.quotes[0] ?? null;
  const values = result?.values;
  const failure = result && !result.addRow ? result : undefined;
  const rowCount = Number(values?.rowCount) || Math.max(MIN_ROWS, (latest?.lines.length ?? 0) + 1);
  const stateLabel = isTicketState(page.state) ? STATE_LABELS[page.state] : page.state;
  return (
    <>
      <p className="muted">
        <Link to={`/tickets/${page.id}`}>← {page.number} 과제로</Link>
      </p>
      <h1>견적서 · {page.title}</h1>
      <div className="card">
        <dl className="facts">
          <dt>과제</dt>
          <dd>
            {page.number} <StateBadge state={page.state} />
          </dd>
          <dt>도입기업</dt>
          <dd>{page.manufacturer.name}</dd>
          <dt>공급기업</dt>
          <dd>{page.supplier.name}</dd>
          <dt>현재 견적금액</dt>
          <dd data-testid="current-quote-total" className="total-line">
            {latest ? `${formatKRW(latest.total)} (${latest.version}차)` : "아직 견적이 없습니다"}
          </dd>
        </dl>
      </div>

      {saved ? (
        <p className="toast-ok" role="status">
          견적 {saved}차를 저장했습니다.
        </p>
      ) : null}

      {canEdit ? (
        <section className="card" aria-labelledby="quote-form-h">
          <h2 id="quote-form-h" style={{ marginTop: 0 }}>
            {latest ? `견적 수정 (${latest.version + 1}차로 저장)` : "견적 작성"}
          </h2>
          <p className="muted">
            수정하면 새 차수로 저장되고 이전 견적은 그대로 남습니다. 견적은 협약 전까지 수정할 수 있습니다. 금액은 원 단위 정수로
            입력하세요.
          </p>
          {failure?.formError ? (
            <div className="form-error" role="alert">
              {failure.formError}
              {failure.reasons && failure.reasons.length > 1 ? (
                <ul>
                  {failure.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {/* Remounted only after this user's own save: live updates from others never reset what is typed. */}
          <Form method="post" key={saved ?? "start"} noValidate>
            <PinnedHidden name="baseVersion" value={latest?.version ?? 0} />
            <input type="hidden" name="rowCount" value={rowCount} />
            <div className="rows" role="group" aria-label="견적 항목">
              <div className="row-grid quote row-head" aria-hidden="true">
                <span>구분</span>
                <span>내용</span>
                <span>수량</span>
                <span>단가(원)</span>
                <span style={{ textAlign: "right" }}>금액</span>
              </div>
              {Array.from({ length: rowCount }, (_, i) => {
                const base = latest?.lines[i];
                const v = (name: string, fallback: string) => (values ? (values[`lines.${i}.${name}`] ?? "") : fallback);
                const err = (name: string) => failure?.fieldErrors?.[`lines.${i}.${name}`];
                const id = (name: string) => `line-${i}-${name}`;
                return (
                  <div className="row-grid quote" key={i} data-row={i}>
                    <span className="row-no">{i + 1}번 항목</span>
                    <div>
                      <label className="sr-only" htmlFor={id("kind")}>
                        {i + 1}번 항목 구분
                      </label>
                      <select id={id("kind")} name={`lines.${i}.kind`} defaultValue={v("kind", base?.kind ?? QUOTE_LINE_KINDS[0])}>
                        {kinds.map((k) => (
                          <option key={k.value} value={k.value}>
                            {k.label}
                          </option>
                        ))}
                      </select>
                      {err("kind") ? <div className="field-error">{err("kind")}</div> : null}
                    </div>
                    <div>
                      <label className="sr-only" htmlFor={id("description")}>
                        {i + 1}번 항목 내용
                      </label>
                      <input id={id("description")} name={`lines.${i}.description`} maxLength={200} defaultValue={v("description", base?.description ?? "")} aria-invalid={Boolean(err("description"))} />
                      {err("description") ? <div className="field-error">{err("description")}</div> : null}
                    </div>
                    <div>
                      <label className="sr-only" htmlFor={id("quantity")}>
                        {i + 1}번 항목 수량
                      </label>
                      <input id={id("quantity")} name={`lines.${i}.quantity`} inputMode="numeric" defaultValue={v("quantity", base ? String(base.quantity) : "")} aria-invalid={Boolean(err("quantity"))} />
                      {err("quantity") ? <div className="field-error">{err("quantity")}</div> : null}
                    </div>
                    <div>
                      <label className="sr-only" htmlFor={id("unitPrice")}>
                        {i + 1}번 항목 단가
                      </label>
                      <input id={id("unitPrice")} name={`lines.${i}.unitPrice`} inputMode="numeric" defaultValue={v("unitPrice", base ? String(base.unitPrice) : "")} aria-invalid={Boolean(err("unitPrice"))} />
                      {err("unitPrice") ? <div className="field-error">{err("unitPrice")}</div> : null}
                    </div>
                    <span className="amount muted">{base && !values ? formatKRW(base.amount) : ""}</span>
                  </div>
                );
              })}
              {failure?.fieldErrors?.lines ? <div className="field-error">{failure.fieldErrors.lines}</div> : null}
            </div>
            <div className="field">
              <label htmlFor="quote-note">비고</label>
              <textarea id="quote-note" name="note" rows={2} maxLength={1000} defaultValue={values?.note ?? ""} />
              {failure?.fieldErrors?.note ? <div className="field-error">{failure.fieldErrors.note}</div> : null}
            </div>
            <div style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap" }}>
              <button type="submit" name="intent" value="save" disabled={navigation.state === "submitting"}>
                견적 저장
              </button>
              {rowCount < MAX_ROWS ? (
                <button type="submit" name="intent" value="add_row" className="secondary" formNoValidate>
                  행 추가
                </button>
              ) : null}
            </div>
          </Form>
        </section>
      ) : (
        <p className="muted card">
          {role === "supplier"
            ? `현재 단계(${stateLabel})에서는 견적을 수정할 수 없습니다. 견적은 신청접수부터 협약 전까지 작성·수정할 수 있습니다.`
            : "공급기업이 제출한 견적입니다 (읽기 전용)."}
        </p>
      )}

      <section className="card" aria-labelledby="quote-history-h">
        <h2 id="quote-history-h" style={{ marginTop: 0 }}>
          견적 이력
        </h2>
        {page.quotes.length === 0 ? <p className="muted">제출된 견적이 없습니다.</p> : null}
        <div className="versions">
          {page.quotes.map((q, index) => (
            <article key={q.id} className={`version${index === 0 ? " latest" : ""}`} data-quote-version={q.version} aria-label={`견적 ${q.version}차`}>
              <h3>
                견적 {q.version}차 {index === 0 ? <span className="badge done">최신</span> : <span className="badge role">이전 차수</span>}
                <span className="muted" style={{ fontWeight: 400 }}>
                  {formatKoreanDate(seoulDate(new Date(q.createdAt)))}
                  {q.authorName ? ` · ${q.authorName}` : ""}
                </span>
              </h3>
              <QuoteLinesTable lines={q.lines} />
              <p className="total-line" data-testid={`quote-total-${q.version}`}>
                합계 {formatKRW(q.total)}
              </p>
              {q.note ? <p className="note-box">{q.note}</p> : null}
            </article>
          ))}
        </div>
      </section>
    </>
  );
}
