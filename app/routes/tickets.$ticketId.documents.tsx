// 신청서류: the checklist for the company's eligibility basis (the one list of what is still missing),
// uploads of several files at once (ADR 037: all or nothing, checked by content) and deletion while
// drafting, and the submit button once everything is there. Two forms, both on the ticket version
// they were opened with: "upload" (multipart, the same rows with and without JavaScript) and
// "delete" (one submit button per document).
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DOCUMENT_KIND_LABELS, formatKoreanDate, josa } from "~/domain";
import { DocumentRowError, deleteDocument, getDocumentsPage, uploadDocuments } from "~/models/documents.server";
import { ACCEPTED_LABEL, ACCEPTED_UPLOADS } from "~/models/files.server";
import { DocumentUploadSchema } from "~/utils/document-upload-schema";
import { fields } from "~/utils/fields";
import type { StepReply } from "~/utils/step-reply";
import {
  formName,
  invariantResponse,
  parseStepForm,
  readStepUpload,
  requireTicketStep,
  stepFailure,
  type TicketStep,
} from "~/utils/ticket-step.server";
import { redirectWithToast } from "~/utils/toast.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { StepForm, useStepForm } from "~/components/step-form";
import { DocumentsChecklist, SubmitReadiness } from "~/components/ticket/documents-checklist";
import { DocumentsTable } from "~/components/ticket/documents-table";
import { DocumentUploadForm } from "~/components/ticket/document-upload-form";
import makerStyles from "~/styles/maker.css?url";
import uploadStyles from "~/styles/document-upload.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: makerStyles },
  { rel: "stylesheet", href: uploadStyles },
];
export const handle = { step: "신청서류" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params);
  const page = await getDocumentsPage(actor, ticketId, today);
  invariantResponse(page);
  return { ...page, accepted: { label: ACCEPTED_LABEL, extensions: ACCEPTED_UPLOADS } };
}

const DeleteSchema = z.object({ version: fields.version, documentId: fields.id });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId } = await requireTicketStep(request, params, { checkScope: true });
  const { form, refused } = await readStepUpload(request, "upload");
  if (refused) return refused;
  const name = formName(form);
  if (name === "delete") {
    const submission = parseStepForm(form, DeleteSchema);
    if (submission.status !== "success") return data<StepReply>({ result: submission.reply(), form: name }, { status: 400 });
    try {
      await deleteDocument(actor, ticketId, submission.value.version, submission.value.documentId);
    } catch (error) {
      return stepFailure(submission, error, name);
    }
    return redirectWithToast(new URL(request.url).pathname, "서류를 삭제했습니다.");
  }
  return uploadAction({ actor, ticketId, request, form });
}

/** The field of a row a refusal of the model belongs to (the file itself, unless it names a field). */
const REFUSED_FIELD: Record<string, string> = { issued_on_missing: "issuedOn", fiscal_year_missing: "fiscalYear" };

/** Several documents in one upload (ADR 037): all or nothing; a refusal names the file and keeps every choice made. */
async function uploadAction({ actor, ticketId, request, form }: Omit<TicketStep, "today"> & { request: Request; form: FormData }) {
  const submission = parseStepForm(form, DocumentUploadSchema);
  if (submission.status !== "success") return data<StepReply>({ result: submission.reply(), form: "upload" }, { status: 400 });
  const { version, uploads, rowOf } = submission.value;
  try {
    await uploadDocuments(actor, ticketId, version, uploads);
  } catch (error) {
    if (!(error instanceof DocumentRowError)) return stepFailure(submission, error, "upload");
    const field = `rows[${rowOf[error.index]}].${REFUSED_FIELD[error.code] ?? "file"}`;
    const result = submission.reply({ formErrors: [error.message], fieldErrors: { [field]: [error.message] } });
    return data<StepReply>({ result, form: "upload" }, { status: 400 });
  }
  const done =
    uploads.length === 1 ? `${josa(DOCUMENT_KIND_LABELS[uploads[0].kind], "을", "를")} 올렸습니다.` : `서류 ${uploads.length}건을 올렸습니다.`;
  return redirectWithToast(new URL(request.url).pathname, done);
}

export default function DocumentsPage() {
  const page = useLoaderData<typeof loader>();
  const { ticket, checklist, documents, canEdit, applicationDate } = page;
  const reply = useActionData<typeof action>();
  const remove = useStepForm({ id: "delete", schema: DeleteSchema, version: ticket.version, reply });
  return (
    <>
      <p className="muted">
        유효기간은 {ticket.state === "draft" ? "오늘" : "신청일"}({formatKoreanDate(applicationDate)}) 기준으로 확인합니다.
      </p>
      <SubmitReadiness {...page} />
      <DocumentsChecklist checklist={checklist} ticketId={ticket.id} canEdit={canEdit} />
      {canEdit ? <DocumentUploadForm page={page} reply={reply} /> : null}
      <section className="card" aria-labelledby="docs-h">
        <h2 id="docs-h" style={{ marginTop: 0 }}>
          올린 서류 ({documents.length}건)
        </h2>
        {canEdit && documents.length > 0 ? (
          <StepForm {...remove.props} className="" title="올린 서류 삭제">
            <DocumentsTable documents={documents} deleteName={remove.fields.documentId.name} />
          </StepForm>
        ) : (
          <DocumentsTable documents={documents} />
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
