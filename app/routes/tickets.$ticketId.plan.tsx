import { requireVisibleTicket } from "~/models/ticket.server";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { getPlanPage, submitPlan } from "~/models/plan.server";
import { badRequest, failureResponse, fields, formValues, parseWith, type FormFailure, readForm } from "~/utils/forms.server";
import { PLAN_REVIEW_STATUS_LABELS, STATE_LABELS, formatKoreanDate, isPlanReviewStatus, isTicketState, seoulDate, type PlanReviewStatus } from "~/domain";
import { DUE_TONE, StateBadge } from "~/components/badges";
import supplierStyles from "~/styles/supplier.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: supplierStyles }];

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });
const MAX_ROWS = 30;
const MIN_ROWS = 3;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = ParamsSchema.safeParse(params);
  const today = seoulDate(new Date());
  const page = parsed.success ? await getPlanPage(actor, parsed.data.ticketId, today) : null;
  if (!page) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  return { page, today, canSubmit: actor.role === "supplier" && page.step !== null, role: actor.role };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `수행계획서 · ${data.page.number} · 스마트공장 AS 트래커` : "수행계획서 · 스마트공장 AS 트래커" },
];

const MilestoneSchema = z.object({
  title: fields.text("일정 내용", 200),
  dueOn: fields.isoDate("완료 예정일"),
  deliverable: fields.text("산출물", 200),
});

const PlanSchema = z.object({
  step: z.enum(["submit_plan", "resubmit_plan"], { error: "화면 정보가 올바르지 않습니다. 새로고침해 주세요." }),
  version: fields.version,
  scope: fields.text("수행 범위", 5000),
  staff: fields.text("투입 인력", 2000),
  acknowledgeLate: fields.checkbox,
  milestones: z
    .array(MilestoneSchema.nullable())
    .transform((rows) => rows.filter((r): r is z.infer<typeof MilestoneSchema> => r !== null))
    .refine((rows) => rows.length > 0, "추진 일정을 1개 이상 입력해 주세요."),
});

function rowCountOf(form: FormData): number {
  const n = Number(form.get("rowCount"));
  return Number.isInteger(n) ? Math.min(Math.max(n, 1), MAX_ROWS) : MIN_ROWS;
}

function milestonesOf(form: FormData, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const get = (name: string) => String(form.get(`milestones.${i}.${name}`) ?? "");
    const row = { title: get("title"), dueOn: get("dueOn"), deliverable: get("deliverable") };
    return row.title.trim() === "" && row.dueOn.trim() === "" && row.deliverable.trim() === "" ? null : row;
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsedParams = ParamsSchema.safeParse(params);
  if (!parsedParams.success) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  await requireVisibleTicket(actor, parsedParams.data.ticketId); // foreign → 404 before the form is read
  const form = await readForm(request);
  const count = rowCountOf(form);
  if (form.get("intent") === "add_row") {
    const values = formValues(form);
    values.rowCount = String(Math.min(count + 1, MAX_ROWS));
    return { ok: false as const, addRow: true, values };
  }
  const parsed = parseWith(
    PlanSchema,
    {
      step: form.get("step"),
      version: form.get("version"),
      scope: form.get("scope") ?? "",
      staff: form.get("staff") ?? "",
      acknowledgeLate: form.get("acknowledgeLate") ?? "",
      milestones: milestonesOf(form, count),
    },
    form,
  );
  if (!parsed.success) return badRequest(parsed.failure);
  try {
    const saved = await submitPlan(actor, {
      ticketId: parsedParams.data.ticketId,
      step: parsed.data.step,
      expectedVersion: parsed.data.version,
      scope: parsed.data.scope,
      staff: parsed.data.staff,
      milestones: parsed.data.milestones,
      acknowledgeLate: parsed.data.acknowledgeLate,
      today: seoulDate(new Date()),
    });
    return redirect(`/tickets/${parsedParams.data.ticketId}/plan?submitted=${saved.planVersion}`);
  } catch (error) {
    return failureResponse(error, form);
  }
}

const REVIEW_TONES: Readonly<Record<PlanReviewStatus, string>> = { pending: "", accepted: "done", changes_requested: "stop" };

export default function PlanPage() {
  const { page, today, canSubmit, role } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (FormFailure & { addRow?: boolean }) | undefined;
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const submitted = search.get("submitted");
  const values = result?.values;
  const failure = result && !result.addRow ? result : undefined;
  const latest = page.plans[0] ?? null;
  const rowCount = Number(values?.rowCount) || Math.max(MIN_ROWS, latest?.milestones.length ?? 0);
  const review = page.costReviews[0];
  const stateLabel = isTicketState(page.state) ? STATE_LABELS[page.state] : page.state;
  const v = (name: string, fallback: string) => (values ? (values[name] ?? "") : fallback);
  return (
    <>
      <p className="muted">
        <Link to={`/tickets/${page.id}`}>← {page.number} 과제로</Link>
      </p>
      <h1>수행계획서 · {page.title}</h1>
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
          {page.selectionNoticeOn ? (
            <>
              <dt>선정 통보일</dt>
              <dd>{formatKoreanDate(page.selectionNoticeOn)}</dd>
            </>
          ) : null}
          {page.dueOn && page.step ? (
            <>
              <dt>{page.state === "plan_revision" ? "수정 계획서 제출기한" : "수행계획서 제출기한"}</dt>
              <dd data-testid="plan-due">
                {formatKoreanDate(page.dueOn)}{" "}
                {page.dueDDay ? (
                  <span className={`badge ${page.dueStatus ? DUE_TONE[page.dueStatus] : ""}`}>{page.dueDDay.label}</span>
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
      </div>

      {submitted ? (
        <p className="toast-ok" role="status">
          수행계획서 {submitted}차를 제출했습니다. 운영기관의 검토를 기다립니다.
        </p>
      ) : null}

      {page.state === "plan_revision" && (latest?.reviewNote || review?.planChangeRequired) ? (
        <section className="card" aria-labelledby="revision-h">
          <h2 id="revision-h" style={{ marginTop: 0 }}>
            보완 요청 내용
          </h2>
          {latest?.reviewStatus === "changes_requested" && latest.reviewNote ? (
            <p className="note-box" data-testid="review-note">
              운영기관 검토 의견: {latest.reviewNote}
            </p>
          ) : null}
          {review?.planChangeRequired ? (
            <p className="note-box">
              원가적정성 검토({formatKoreanDate(review.resultOn)}) 결과 수행계획서 변경이 필요합니다.
              {review.note ? ` ${review.note}` : ""}
            </p>
          ) : null}
        </section>
      ) : null}

      {canSubmit ? (
        <section className="card" aria-labelledby="plan-form-h">
          <h2 id="plan-form-h" style={{ marginTop: 0 }}>
            {page.step === "resubmit_plan" ? "수정 수행계획서 작성" : "수행계획서 작성"}
          </h2>
          {page.lateIfSubmittedToday && page.dueOn ? (
            <div className="warn-box" role="alert" data-testid="late-warning">
              제출기한({formatKoreanDate(page.dueOn)})이 {page.dueDDay ? -page.dueDDay.days : 0}일 지났습니다. 지금 제출하면 &lsquo;기한 경과
              제출&rsquo;로 표시되며 운영기관이 이를 확인합니다.
            </div>
          ) : null}
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
          <Form method="post" noValidate>
            <input type="hidden" name="step" value={page.step ?? ""} />
            <input type="hidden" name="version" value={values?.version ?? page.version} />
            <input type="hidden" name="rowCount" value={rowCount} />
            <div className="field">
              <label htmlFor="plan-scope">수행 범위</label>
              <textarea id="plan-scope" name="scope" rows={4} maxLength={5000} defaultValue={v("scope", latest?.scope ?? "")} aria-invalid={Boolean(failure?.fieldErrors?.scope)} />
              {failure?.fieldErrors?.scope ? <div className="field-error">{failure.fieldErrors.scope}</div> : null}
            </div>
            <fieldset>
              <legend>추진 일정</legend>
              <div className="rows">
                <div className="row-grid milestone row-head" aria-hidden="true">
                  <span>일정 내용</span>
                  <span>완료 예정일</span>
                  <span>산출물</span>
                </div>
                {Array.from({ length: rowCount }, (_, i) => {
                  const base = latest?.milestones[i];
                  const id = (name: string) => `milestone-${i}-${name}`;
                  const name = (n: string) => `milestones.${i}.${n}`;
                  const err = (n: string) => failure?.fieldErrors?.[`milestones.${i}.${n}`];
                  return (
                    <div className="row-grid milestone" key={i}>
                      <span className="row-no">{i + 1}번 일정</span>
                      <div>
                        <label className="sr-only" htmlFor={id("title")}>
                          {i + 1}번 일정 내용
                        </label>
                        <input id={id("title")} name={name("title")} maxLength={200} defaultValue={v(name("title"), base?.title ?? "")} />
                        {err("title") ? <div className="field-error">{err("title")}</div> : null}
                      </div>
                      <div>
                        <label className="sr-only" htmlFor={id("dueOn")}>
                          {i + 1}번 일정 완료 예정일
                        </label>
                        <input id={id("dueOn")} name={name("dueOn")} type="date" defaultValue={v(name("dueOn"), base?.dueOn ?? "")} />
                        {err("dueOn") ? <div className="field-error">{err("dueOn")}</div> : null}
                      </div>
                      <div>
                        <label className="sr-only" htmlFor={id("deliverable")}>
                          {i + 1}번 일정 산출물
                        </label>
                        <input id={id("deliverable")} name={name("deliverable")} maxLength={200} defaultValue={v(name("deliverable"), base?.deliverable ?? "")} />
                        {err("deliverable") ? <div className="field-error">{err("deliverable")}</div> : null}
                      </div>
                    </div>
                  );
                })}
                {failure?.fieldErrors?.milestones ? <div className="field-error">{failure.fieldErrors.milestones}</div> : null}
              </div>
              {rowCount < MAX_ROWS ? (
                <button type="submit" name="intent" value="add_row" className="secondary" formNoValidate>
                  행 추가
                </button>
              ) : null}
            </fieldset>
            <div className="field">
              <label htmlFor="plan-staff">투입 인력</label>
              <textarea id="plan-staff" name="staff" rows={3} maxLength={2000} defaultValue={v("staff", latest?.staff ?? "")} placeholder="예: PM 1명(홍길동), 엔지니어 2명" />
              {failure?.fieldErrors?.staff ? <div className="field-error">{failure.fieldErrors.staff}</div> : null}
            </div>
            {page.lateIfSubmittedToday ? (
              <div className="field">
                <label className="checkline" htmlFor="plan-ack-late">
                  <input id="plan-ack-late" name="acknowledgeLate" type="checkbox" defaultChecked={values?.acknowledgeLate === "on"} />
                  제출기한이 지났음을 확인했습니다 (기한 경과 제출)
                </label>
              </div>
            ) : null}
            <button type="submit" name="intent" value="submit" disabled={navigation.state === "submitting"}>
              {page.step === "resubmit_plan" ? "수정 수행계획서 제출" : "수행계획서 제출"}
            </button>
          </Form>
        </section>
      ) : (
        <p className="muted card">
          {role === "supplier"
            ? `현재 단계(${stateLabel})에서는 수행계획서를 제출할 수 없습니다. 수행계획서는 지원결정 후, 또는 보완 요청을 받았을 때 제출합니다.`
            : "공급기업이 제출한 수행계획서입니다 (읽기 전용)."}
        </p>
      )}

      <section className="card" aria-labelledby="plan-history-h">
        <h2 id="plan-history-h" style={{ marginTop: 0 }}>
          제출 이력
        </h2>
        {page.plans.length === 0 ? <p className="muted">제출된 수행계획서가 없습니다.</p> : null}
        <div className="versions">
          {page.plans.map((plan, index) => {
            const status = isPlanReviewStatus(plan.reviewStatus)
              ? { label: PLAN_REVIEW_STATUS_LABELS[plan.reviewStatus], tone: REVIEW_TONES[plan.reviewStatus] }
              : { label: plan.reviewStatus, tone: "" };
            return (
              <article key={plan.id} className={`version${index === 0 ? " latest" : ""}`} data-plan-version={plan.version} aria-label={`수행계획서 ${plan.version}차`}>
                <h3>
                  수행계획서 {plan.version}차{plan.isRevision ? " (수정)" : ""}
                  <span className={`badge ${status.tone}`}>{status.label}</span>
                  {plan.late ? <span className="badge overdue">기한 경과 제출</span> : <span className="badge done">기한 내 제출</span>}
                  <span className="muted" style={{ fontWeight: 400 }}>
                    제출 {formatKoreanDate(seoulDate(new Date(plan.submittedAt)))} · 기한 {formatKoreanDate(plan.dueOn)}
                  </span>
                </h3>
                {plan.reviewStatus === "changes_requested" && plan.reviewNote ? (
                  <p className="note-box">운영기관 검토 의견: {plan.reviewNote}</p>
                ) : null}
                <dl className="facts">
                  <dt>수행 범위</dt>
                  <dd style={{ whiteSpace: "pre-wrap" }}>{plan.scope}</dd>
                  <dt>투입 인력</dt>
                  <dd style={{ whiteSpace: "pre-wrap" }}>{plan.staff}</dd>
                </dl>
                <div className="table-wrap">
                  <table className="responsive">
                    <thead>
                      <tr>
                        <th>일정 내용</th>
                        <th>완료 예정일</th>
                        <th>산출물</th>
                      </tr>
                    </thead>
                    <tbody>
                      {plan.milestones.map((m) => (
                        <tr key={m.id}>
                          <td data-label="일정 내용">{m.title}</td>
                          <td data-label="완료 예정일">{formatKoreanDate(m.dueOn)}</td>
                          <td data-label="산출물">{m.deliverable}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </article>
            );
          })}
        </div>
      </section>
      <p className="muted">오늘: {formatKoreanDate(today)}</p>
    </>
  );
}
