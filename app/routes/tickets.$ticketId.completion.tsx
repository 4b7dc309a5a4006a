// 완료 보고: the supplier reports what was done and the results, with attachments (multipart);
// the same step moves the ticket to 완료점검, which the rules refuse while a work log is
// unconfirmed. The report is a workflow step on the ticket version the form was opened with.
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { STATE_LABELS, UPLOAD_LIMITS_TEXT, isTicketState } from "~/domain";
import { getCompletionPage, reportCompletionWithUploads } from "~/models/completion-report.server";
import { fields } from "~/utils/fields";
import type { StepReply } from "~/utils/step-reply";
import { invariantResponse, parseStepForm, readStepUpload, requireTicketStep, stepFailure } from "~/utils/ticket-step.server";
import { redirectWithToast } from "~/utils/toast.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { CompletionReports } from "~/components/ticket/completion-report-list";
import { PdfLink } from "~/components/ticket/document-downloads";
import { mayDownloadPdf } from "~/domain/document-pdf";
import supplierStyles from "~/styles/supplier.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: supplierStyles }];
export const handle = { step: "완료 보고" };

const FORM = "completion-report";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params);
  const page = await getCompletionPage(actor, ticketId, today);
  invariantResponse(page);
  return { ...page, role: actor.role, canReport: actor.role === "supplier" && page.state === "in_progress" };
}

const ReportSchema = z.object({
  version: fields.version,
  summary: fields.text("수행 내용", 5000),
  results: fields.text("수행 결과", 5000),
});

/** A multipart body that cannot be read (too large, broken) is refused on the report form. */

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["supplier"], checkScope: true });
  const { form, refused } = await readStepUpload(request, FORM);
  if (refused) return refused;
  const submission = parseStepForm(form, ReportSchema);
  if (submission.status !== "success")
    return data<StepReply>({ result: submission.reply(), form: FORM }, { status: submission.status === "error" ? 400 : 200 });
  const uploads = form.getAll("attachments").filter((v): v is File => typeof v !== "string" && v.size > 0);
  try {
    const { version, summary, results } = submission.value;
    await reportCompletionWithUploads(actor, { ticketId, expectedVersion: version, summary, results, uploads, today });
    return await redirectWithToast(new URL(request.url).pathname, "완료 보고를 제출했습니다. 과제가 완료점검 단계로 넘어갔습니다.");
  } catch (error) {
    return stepFailure(submission, error, FORM);
  }
}

export default function CompletionPage() {
  const page = useLoaderData<typeof loader>();
  const { role, canReport, completionReports } = page;
  const { fields: f, props } = useStepForm({ id: FORM, schema: ReportSchema, version: page.version, reply: useActionData<typeof action>() });
  const stateLabel = isTicketState(page.state) ? STATE_LABELS[page.state] : page.state;
  return (
    <>
      <p className="muted card">
        작업일지 {page.workLogCount}건 · <Link to={`/tickets/${page.id}/work-logs`}>작업일지 보기</Link>
      </p>
      {canReport ? (
        <StepForm {...props} encType="multipart/form-data" title="완료 보고서 작성">
          <h2 style={{ marginTop: 0 }}>완료 보고서 작성</h2>
          <p className="muted">
            제출하면 과제가 완료점검 단계로 넘어가며, 운영기관이 완료점검을 합니다. 도입기업이 모든 작업일지를 확인해야 제출할 수 있습니다.
          </p>
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
          <TextareaField meta={f.summary} label="수행 내용" rows={5} maxLength={5000} />
          <TextareaField
            meta={f.results}
            label="수행 결과"
            rows={4}
            maxLength={5000}
            placeholder="예: 데이터 누락률 12% → 0.3%, 작업자 8명 교육 이수"
          />
          <div className="field">
            <label htmlFor="report-attachments">첨부 파일</label>
            <input
              id="report-attachments"
              name="attachments"
              type="file"
              multiple
              accept=".pdf,.jpg,.jpeg,.png,.hwp,.hwpx,.xlsx,.docx"
              aria-describedby="report-attachments-hint"
            />
            <p className="muted" id="report-attachments-hint">
              PDF, JPG, PNG, HWP/HWPX, XLSX, DOCX · {UPLOAD_LIMITS_TEXT} (내용으로 형식을 확인합니다).
            </p>
          </div>
          <button type="submit" disabled={props.pending}>
            완료 보고 제출
          </button>
        </StepForm>
      ) : completionReports.length === 0 ? (
        <p className="muted card">
          {role === "supplier"
            ? `현재 단계(${stateLabel})에서는 완료 보고를 할 수 없습니다. 완료 보고는 과제수행 단계에서 합니다.`
            : "아직 제출된 완료 보고가 없습니다."}
        </p>
      ) : null}
      {completionReports.length > 0 && mayDownloadPdf(role, "completion") ? (
        <p className="card">
          <PdfLink doc="completion" />
        </p>
      ) : null}
      <CompletionReports reports={completionReports} />
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
