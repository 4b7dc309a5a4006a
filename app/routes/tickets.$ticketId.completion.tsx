import { requireVisibleTicket } from "~/models/ticket.server";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { discardSavedFile, readUploadForm, saveUpload, type SavedFile } from "~/models/files.server";
import { getCompletionPage, reportCompletion } from "~/models/completion-report.server";
import { badRequest, failureResponse, fields, parseWith, type FormFailure } from "~/utils/forms.server";
import { STATE_LABELS, formatKoreanDate, isTicketState, seoulDate } from "~/domain";
import { DueBadge, StateBadge } from "~/components/badges";
import supplierStyles from "~/styles/supplier.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: supplierStyles }];

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = ParamsSchema.safeParse(params);
  const today = seoulDate(new Date());
  const page = parsed.success ? await getCompletionPage(actor, parsed.data.ticketId, today) : null;
  if (!page) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  return { page, today, role: actor.role };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `완료 보고 · ${data.page.number} · 스마트공장 AS 트래커` : "완료 보고 · 스마트공장 AS 트래커" },
];

const ReportSchema = z.object({
  version: fields.version,
  summary: fields.text("수행 내용", 5000),
  results: fields.text("수행 결과", 5000),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsedParams = ParamsSchema.safeParse(params);
  if (!parsedParams.success) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  await requireVisibleTicket(actor, parsedParams.data.ticketId); // foreign → 404 before the form is read
  let form: FormData;
  try {
    // Forms with files come as multipart; the others (confirm, dispute) as ordinary form posts.
    form = await readUploadForm(request);
  } catch (error) {
    return failureResponse(error);
  }
  const parsed = parseWith(ReportSchema, { version: form.get("version"), summary: form.get("summary") ?? "", results: form.get("results") ?? "" }, form);
  if (!parsed.success) return badRequest(parsed.failure);
  const saved: SavedFile[] = [];
  try {
    for (const value of form.getAll("attachments")) {
      if (typeof value === "string" || value.size === 0) continue;
      saved.push(await saveUpload(value as File));
    }
    await reportCompletion(actor, {
      ticketId: parsedParams.data.ticketId,
      expectedVersion: parsed.data.version,
      summary: parsed.data.summary,
      results: parsed.data.results,
      files: saved,
      today: seoulDate(new Date()),
    });
    return redirect(`/tickets/${parsedParams.data.ticketId}/completion?reported=1`);
  } catch (error) {
    await Promise.all(saved.map((s) => discardSavedFile(s)));
    return failureResponse(error, form);
  }
}

export default function CompletionPage() {
  const { page, today, role } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const reported = search.get("reported");
  const values = failure?.values;
  const stateLabel = isTicketState(page.state) ? STATE_LABELS[page.state] : page.state;
  const canReport = role === "supplier" && page.state === "in_progress";
  return (
    <>
      <p className="muted">
        <Link to={`/tickets/${page.id}`}>← {page.number} 과제로</Link>
      </p>
      <h1>완료 보고 · {page.title}</h1>
      <div className="card">
        <dl className="facts">
          <dt>과제</dt>
          <dd>
            {page.number} <StateBadge state={page.state} />{" "}
            <DueBadge state={page.state} planDueOn={null} revisionDueOn={null} windowEndOn={page.windowEndOn} today={today} />
          </dd>
          <dt>도입기업 / 공급기업</dt>
          <dd>
            {page.manufacturer.name} / {page.supplier.name}
          </dd>
          <dt>작업일지</dt>
          <dd>
            {page.workLogCount}건 · <Link to={`/tickets/${page.id}/work-logs`}>작업일지 보기</Link>
          </dd>
        </dl>
      </div>

      {reported ? (
        <p className="toast-ok" role="status">
          완료 보고를 제출했습니다. 과제가 완료점검 단계로 넘어갔습니다.
        </p>
      ) : null}

      {canReport ? (
        <section className="card" aria-labelledby="report-form-h">
          <h2 id="report-form-h" style={{ marginTop: 0 }}>
            완료 보고서 작성
          </h2>
          <p className="muted">제출하면 과제가 완료점검 단계로 넘어가며, 운영기관이 완료점검을 합니다. 도입기업이 모든 작업일지를 확인해야 제출할 수 있습니다.</p>
          {page.step && !page.step.allowed ? (
            <div className="warn-box" data-testid="report-blockers">
              지금은 완료 보고를 할 수 없습니다:
              <ul>
                {page.step.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
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
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="version" value={page.version} />
            <div className="field">
              <label htmlFor="report-summary">수행 내용</label>
              <textarea id="report-summary" name="summary" rows={5} maxLength={5000} defaultValue={values?.summary ?? ""} />
              {failure?.fieldErrors?.summary ? <div className="field-error">{failure.fieldErrors.summary}</div> : null}
            </div>
            <div className="field">
              <label htmlFor="report-results">수행 결과</label>
              <textarea id="report-results" name="results" rows={4} maxLength={5000} defaultValue={values?.results ?? ""} placeholder="예: 데이터 누락률 12% → 0.3%, 작업자 8명 교육 이수" />
              {failure?.fieldErrors?.results ? <div className="field-error">{failure.fieldErrors.results}</div> : null}
            </div>
            <div className="field">
              <label htmlFor="report-attachments">첨부 파일</label>
              <input id="report-attachments" name="attachments" type="file" multiple accept=".pdf,.jpg,.jpeg,.png,.hwp,.hwpx,.xlsx,.docx" />
              <p className="muted">PDF, JPG, PNG, HWP/HWPX, XLSX, DOCX · 한 파일 20MB 이하 (내용으로 형식을 확인합니다).</p>
            </div>
            <button type="submit" disabled={navigation.state === "submitting"}>
              완료 보고 제출
            </button>
          </Form>
        </section>
      ) : page.completionReports.length === 0 ? (
        <p className="muted card">
          {role === "supplier"
            ? `현재 단계(${stateLabel})에서는 완료 보고를 할 수 없습니다. 완료 보고는 과제수행 단계에서 합니다.`
            : "아직 제출된 완료 보고가 없습니다."}
        </p>
      ) : null}

      {page.completionReports.length ? (
        <section className="card" aria-labelledby="reports-h">
          <h2 id="reports-h" style={{ marginTop: 0 }}>
            제출된 완료 보고
          </h2>
          <div className="versions">
            {page.completionReports.map((r, index) => (
              <article key={r.id} className={`version${index === 0 ? " latest" : ""}`} data-testid="completion-report">
                <h3>
                  {formatKoreanDate(seoulDate(new Date(r.submittedAt)))} 제출{r.authorName ? ` · ${r.authorName}` : ""}
                  {index === 0 ? <span className="badge done">최신</span> : null}
                </h3>
                <dl className="facts">
                  <dt>수행 내용</dt>
                  <dd style={{ whiteSpace: "pre-wrap" }}>{r.summary}</dd>
                  <dt>수행 결과</dt>
                  <dd style={{ whiteSpace: "pre-wrap" }}>{r.results}</dd>
                  {r.attachments.length ? (
                    <>
                      <dt>첨부</dt>
                      <dd>
                        <ul style={{ margin: 0, paddingLeft: "1.1rem" }}>
                          {r.attachments.map((a) => (
                            <li key={a.id}>
                              <a href={`/files/${a.file.id}`}>{a.file.originalName}</a>
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </>
                  ) : null}
                </dl>
              </article>
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}
