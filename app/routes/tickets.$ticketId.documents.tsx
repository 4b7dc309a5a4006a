// 신청서류: the checklist for the company's eligibility basis, uploads (checked by content) and
// deletion while drafting, and the submit button once everything is there. Two forms, both on
// the ticket version they were opened with: "upload" (multipart) and "delete" (one submit button
// per document).
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getInputProps, getSelectProps } from "@conform-to/react";
import { z } from "zod";
import {
  DOCUMENT_KINDS,
  DOCUMENT_KIND_LABELS,
  SF_PROOF_KINDS,
  formatKoreanDate,
  isEligibilityBasis,
  requiredFiscalYears,
  type DocumentKind,
} from "~/domain";
import { deleteDocument, getDocumentsPage, uploadDocument } from "~/models/documents.server";
import { ACCEPTED_LABEL, ACCEPTED_UPLOADS } from "~/models/files.server";
import { fields } from "~/utils/fields";
import type { StepReply } from "~/utils/step-reply";
import { formName, invariantResponse, parseStepForm, readStepUpload, requireTicketStep, stepFailure } from "~/utils/ticket-step.server";
import { redirectWithToast } from "~/utils/toast.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { Field, FieldError, StepForm, useStepForm } from "~/components/step-form";
import { DocumentsChecklist, SubmitReadiness } from "~/components/ticket/documents-checklist";
import { DocumentsTable } from "~/components/ticket/documents-table";
import makerStyles from "~/styles/maker.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const handle = { step: "신청서류" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params);
  const page = await getDocumentsPage(actor, ticketId, today);
  invariantResponse(page);
  return { ...page, accepted: { label: ACCEPTED_LABEL, extensions: ACCEPTED_UPLOADS } };
}

/** A chosen file (the browser's File, or the one the server read from the multipart body). */
const chosenFile = z.custom<File>(
  (v) =>
    typeof v === "object" &&
    v !== null &&
    typeof (v as File).size === "number" &&
    typeof (v as File).arrayBuffer === "function" &&
    (v as File).size > 0,
  { message: "올릴 파일을 선택해 주세요." },
);

const UploadSchema = z
  .object({
    version: fields.version,
    kind: z.enum(DOCUMENT_KINDS, { error: "서류 종류를 선택해 주세요." }),
    issuedOn: fields.isoDate("발행일"),
    fiscalYear: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        if (!/^\d{4}$/.test(v)) {
          ctx.addIssue({ code: "custom", message: "회계연도는 네 자리 연도(예: 2023)로 입력해 주세요." });
          return z.NEVER;
        }
        return Number(v);
      }),
    file: chosenFile,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "financial_statements" && v.fiscalYear === null)
      ctx.addIssue({ code: "custom", path: ["fiscalYear"], message: "재무제표는 회계연도를 입력해 주세요." });
  });

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
  const submission = parseStepForm(form, UploadSchema);
  if (submission.status !== "success") return data<StepReply>({ result: submission.reply(), form: "upload" }, { status: 400 });
  const { version, ...input } = submission.value;
  try {
    await uploadDocument(actor, ticketId, version, input);
  } catch (error) {
    return stepFailure(submission, error, "upload");
  }
  return redirectWithToast(new URL(request.url).pathname, `${DOCUMENT_KIND_LABELS[input.kind]}을(를) 올렸습니다.`);
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
      <DocumentsChecklist checklist={checklist} />
      {canEdit ? <UploadForm page={page} reply={reply} /> : null}
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

function UploadForm({ page, reply }: { page: ReturnType<typeof useLoaderData<typeof loader>>; reply: StepReply | undefined }) {
  const { ticket, checklist, applicationDate, accepted } = page;
  const { fields: f, props } = useStepForm({ id: "upload", schema: UploadSchema, version: ticket.version, reply });
  const basis = ticket.basis && isEligibilityBasis(ticket.basis) ? ticket.basis : null;
  // Kinds offered first: those the checklist asks for this company's basis.
  const wanted = new Set<DocumentKind>(checklist.items.flatMap((i) => i.kinds));
  if (basis) for (const k of SF_PROOF_KINDS[basis]) wanted.add(k);
  const kinds = [...DOCUMENT_KINDS].sort((a, b) => Number(wanted.has(b)) - Number(wanted.has(a)));
  const years = requiredFiscalYears(applicationDate);
  return (
    <section className="card" aria-labelledby="upload-h" id="upload">
      <h2 id="upload-h" style={{ marginTop: 0 }}>
        서류 올리기
      </h2>
      <p className="muted">
        {accepted.label} 파일, 20MB 이하. 파일 형식은 확장자가 아니라 내용으로 확인합니다. 재무제표는 {years.join(", ")}년(최근 3개년)을
        올리세요.
      </p>
      <StepForm {...props} className="" encType="multipart/form-data" title="서류 올리기">
        <div className="inline-fields">
          <div className="field">
            <label htmlFor={f.kind.id}>서류 종류</label>
            <select {...getSelectProps(f.kind)}>
              <option value="">선택하세요</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {DOCUMENT_KIND_LABELS[k]}
                  {wanted.has(k) ? "" : " (해당 없음)"}
                </option>
              ))}
            </select>
            <FieldError meta={f.kind} />
          </div>
          <Field meta={f.issuedOn} label="발행일" type="date" />
          <Field meta={f.fiscalYear} label="회계연도(재무제표)" inputMode="numeric" placeholder={String(years[2])} />
          <div className="field">
            <label htmlFor={f.file.id}>파일</label>
            <input {...getInputProps(f.file, { type: "file" })} accept={accepted.extensions} />
            <FieldError meta={f.file} />
          </div>
        </div>
        <button type="submit" disabled={props.pending}>
          올리기
        </button>
      </StepForm>
    </section>
  );
}

export const ErrorBoundary = StepErrorBoundary;
