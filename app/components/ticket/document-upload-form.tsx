// 서류 올리기 (ADR 037): several files in one upload, each with its kind, one submit, one server action.
// Without JavaScript the form is numbered rows (file, kind, and the fiscal year or issue date where the
// kind asks for one: CSS shows them by the selected kind), the first ones pre-set to what the checklist
// still misses; with JavaScript the same form becomes a drop zone listing each dropped file with its
// kind (guessed from its name, shown as a guess) — the field names are the same, so is the action.
import { useEffect, useState } from "react";
import {
  DOCUMENT_KINDS,
  DOCUMENT_KIND_LABELS,
  SF_PROOF_KINDS,
  UPLOAD_LIMITS,
  isEligibilityBasis,
  requiredFiscalYears,
  type DocumentKind,
} from "~/domain";
import { DOCUMENT_UPLOAD_LIMIT, isCertificateKind } from "~/domain/document-upload";
import type { DocumentsPage } from "~/models/documents.server";
import { DocumentUploadSchema } from "~/utils/document-upload-schema";
import type { StepReply } from "~/utils/step-reply";
import { StepForm, useStepForm } from "~/components/step-form";
import { DropRows } from "./document-drop-rows";
import { RowField, type KindOption, type UploadForm } from "./document-upload-fields";

const MB = 1024 * 1024;

export type UploadPage = Pick<DocumentsPage, "ticket" | "checklist" | "documents" | "applicationDate"> & {
  accepted: { label: string; extensions: string };
};

/** The kinds to offer, those the checklist asks of this company first; the others marked "해당 없음". */
function kindOptions(page: UploadPage): KindOption[] {
  const basis = page.ticket.basis && isEligibilityBasis(page.ticket.basis) ? page.ticket.basis : null;
  const wanted = new Set<DocumentKind>(page.checklist.items.flatMap((i) => i.kinds));
  if (basis) for (const k of SF_PROOF_KINDS[basis]) wanted.add(k);
  return [...DOCUMENT_KINDS]
    .sort((a, b) => Number(wanted.has(b)) - Number(wanted.has(a)))
    .map((kind) => ({ kind, label: `${DOCUMENT_KIND_LABELS[kind]}${wanted.has(kind) ? "" : " (해당 없음)"}` }));
}

/** A row pre-set for what the checklist still misses: a kind, and for statements the missing year. */
type Slot = { kind: DocumentKind; fiscalYear?: number };
function missingSlots(page: UploadPage): Slot[] {
  const presentYears = new Set(page.documents.filter((d) => d.kind === "financial_statements").map((d) => d.fiscalYear));
  return page.checklist.problems.flatMap((item): Slot[] => {
    if (item.key !== "financial_statements") return item.kinds.length ? [{ kind: item.key }] : [];
    return requiredFiscalYears(page.applicationDate)
      .filter((y) => !presentYears.has(y))
      .map((fiscalYear) => ({ kind: "financial_statements", fiscalYear }));
  });
}

/** True once React runs in the browser: the server's page (and a browser without JavaScript) never gets there. */
function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function DocumentUploadForm({ page, reply }: { page: UploadPage; reply: StepReply | undefined }) {
  const { form, props } = useStepForm({ id: "upload", schema: DocumentUploadSchema, version: page.ticket.version, reply });
  const hydrated = useHydrated();
  const options = kindOptions(page);
  const years = requiredFiscalYears(page.applicationDate);
  const refused = Boolean(props.reply && props.reply.result.status === "error");
  return (
    <section className="card" aria-labelledby="upload-h" id="upload">
      <h2 id="upload-h" style={{ marginTop: 0 }}>
        서류 올리기
      </h2>
      <p className="muted" data-testid="upload-limits">
        {page.accepted.label} 파일. 한 번에 {DOCUMENT_UPLOAD_LIMIT}개까지, 한 파일 {UPLOAD_LIMITS.fileBytes / MB}MB 이하, 모두 합해{" "}
        {UPLOAD_LIMITS.requestBytes / MB}MB까지 올릴 수 있고, 모두 올리거나 하나도 올리지 않습니다. 파일 형식은 확장자가 아니라 내용으로
        확인합니다. 발행일은 사업자등록증명원과 납세증명서(발행일로부터 3개월 이내)에만, 회계연도는 재무제표({years.join(", ")}년)에만
        입력합니다.
      </p>
      <StepForm {...props} className="" encType="multipart/form-data" title="서류 올리기">
        {hydrated ? (
          // a new list after each successful upload (the form's id changes then)
          <DropRows key={form.id} form={form} options={options} accept={page.accepted.extensions} />
        ) : (
          <StaticRows page={page} form={form} options={options} sent={refused ? sentRows(props.reply) : null} />
        )}
        <button type="submit" disabled={props.pending}>
          올리기
        </button>
      </StepForm>
    </section>
  );
}

type SentRow = { kind?: string; issuedOn?: string; fiscalYear?: string } | undefined;

/** What a refused submission sent back (files never come back: a browser cannot be given a file). */
function sentRows(reply: StepReply | undefined): SentRow[] {
  const value = reply?.result.initialValue as { rows?: unknown } | null | undefined;
  return Array.isArray(value?.rows) ? (value.rows as SentRow[]) : [];
}

type StaticRowsProps = { page: UploadPage; form: UploadForm; options: KindOption[]; sent: SentRow[] | null };

/** Without JavaScript: numbered rows, the first pre-set to the missing documents, a few free ones after. */
function StaticRows({ page, form, options, sent }: StaticRowsProps) {
  const slots = missingSlots(page);
  const count = Math.min(DOCUMENT_UPLOAD_LIMIT, Math.max(3, slots.length + 2, sent?.length ?? 0));
  const refused = sent !== null;
  return (
    <div className="doc-rows" data-testid="upload-rows">
      <p className="muted">
        줄마다 파일 하나와 그 서류 종류를 고르세요. 앞의 줄은 아직 없는 서류로 미리 골라 두었습니다. 파일을 고르지 않은 줄은 올리지 않습니다.
      </p>
      {refused ? (
        <p className="form-error" role="note" data-testid="choose-again">
          아무 서류도 올리지 않았습니다. 고른 종류와 입력한 날짜는 그대로 두었지만, 파일은 브라우저가 다시 채워 주지 않으니 각 줄의 파일을 다시
          선택해 주세요.
        </p>
      ) : null}
      {Array.from({ length: count }, (_, i) => {
        const typed = sent?.[i];
        const slot = slots[i];
        return (
          <StaticRow
            key={`${form.id}-${i}`}
            form={form}
            i={i}
            options={options}
            accept={page.accepted.extensions}
            // a row as it was sent; one that did not come back (a body refused unread) as the page offers it
            kind={typed ? (typed.kind ?? "") : (slot?.kind ?? "")}
            fiscalYear={typed ? (typed.fiscalYear ?? "") : slot?.fiscalYear ? String(slot.fiscalYear) : ""}
            issuedOn={typed?.issuedOn ?? ""}
          />
        );
      })}
    </div>
  );
}

type StaticRowProps = {
  form: UploadForm;
  i: number;
  options: KindOption[];
  accept: string;
  kind: string;
  fiscalYear: string;
  issuedOn: string;
};

function StaticRow({ form, i, options, accept, kind, fiscalYear, issuedOn }: StaticRowProps) {
  const n = i + 1;
  const name = (field: string) => `rows[${i}].${field}`;
  return (
    <fieldset className="doc-row" data-row={i}>
      <legend>{n}번 서류</legend>
      <RowField form={form} name={name("file")} label={`${n}번 파일`}>
        <input type="file" accept={accept} />
      </RowField>
      <RowField form={form} name={name("kind")} label={`${n}번 파일 서류 종류`}>
        <select defaultValue={kind}>
          <option value="">선택하세요</option>
          {options.map((o) => (
            <option key={o.kind} value={o.kind} data-certificate={isCertificateKind(o.kind) || undefined}>
              {o.label}
            </option>
          ))}
        </select>
      </RowField>
      <RowField form={form} name={name("fiscalYear")} label={`${n}번 파일 회계연도(재무제표)`} className="field doc-year">
        <input inputMode="numeric" defaultValue={fiscalYear} autoComplete="off" />
      </RowField>
      <RowField form={form} name={name("issuedOn")} label={`${n}번 파일 발행일`} className="field doc-issued">
        <input type="date" defaultValue={issuedOn} />
      </RowField>
    </fieldset>
  );
}
