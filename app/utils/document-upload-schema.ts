// The documents upload form (ADR 037), shared by the server (parsing) and the browser (Conform checks
// it before anything is sent, so a missing kind or an oversized file never travels): numbered rows
// `rows[i].kind / .file / .issuedOn / .fiscalYear`, the same names with and without JavaScript. A row
// without a file is no upload (the page without JavaScript offers more rows than a person fills); each
// row with a file needs its kind, the fiscal year for financial statements and the issue date only
// for the 3-month certificates. Every message names the file.
import { z } from "zod";
import { UPLOAD_LIMITS, isDocumentKind, isIsoDate, type DocumentKind, type IsoDate } from "~/domain";
import { DOCUMENT_UPLOAD_LIMIT, isCertificateKind } from "~/domain/document-upload";
import { fields } from "./fields";

const MB = 1024 * 1024;

/** A file the person chose: a browser sends an empty, nameless one for an input left empty. */
export function isChosenFile(v: unknown): v is File {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as File).size === "number" &&
    typeof (v as File).name === "string" &&
    typeof (v as File).arrayBuffer === "function" &&
    (v as File).size > 0
  );
}

const Row = z.object({
  kind: z.string().max(64).optional(),
  issuedOn: z.string().max(64).optional(),
  fiscalYear: z.string().max(64).optional(),
  file: z.unknown().optional(),
});
type RowInput = z.output<typeof Row>;

export type ParsedUpload = { kind: DocumentKind; issuedOn: IsoDate | null; fiscalYear: number | null; file: File };

/** One row with a file, or the issues that refuse it (each on its field, naming the file). */
function parseRow(row: RowInput, i: number, ctx: z.RefinementCtx): ParsedUpload | null {
  const file = row.file as File;
  const name = `‘${file.name}’`;
  let ok = true;
  const refuse = (field: keyof RowInput, message: string) => {
    ok = false;
    ctx.addIssue({ code: "custom", path: ["rows", i, field], message });
  };
  if (file.size > UPLOAD_LIMITS.fileBytes) refuse("file", `${name}: 파일은 ${UPLOAD_LIMITS.fileBytes / MB}MB 이하만 올릴 수 있습니다.`);
  const kind = row.kind?.trim() ?? "";
  if (!isDocumentKind(kind)) {
    refuse("kind", `${name}의 서류 종류를 선택해 주세요.`);
    return null;
  }
  const year = row.fiscalYear?.trim() ?? "";
  if (kind === "financial_statements" && !/^\d{4}$/.test(year))
    refuse("fiscalYear", `${name}: 재무제표는 회계연도를 네 자리 연도(예: 2025)로 입력해 주세요.`);
  const issued = row.issuedOn?.trim() ?? "";
  if (isCertificateKind(kind) && !isIsoDate(issued))
    refuse("issuedOn", issued ? `${name}: 발행일은 올바른 날짜(YYYY-MM-DD)여야 합니다.` : `${name}: 발행일을 입력해 주세요.`);
  if (!ok) return null;
  return {
    kind,
    // asked only where the 3-month rule reads it; a value left in another kind's row is not kept
    issuedOn: isCertificateKind(kind) ? issued : null,
    fiscalYear: kind === "financial_statements" ? Number(year) : null,
    file,
  };
}

export const DocumentUploadSchema = z
  .object({
    version: fields.version,
    rows: z.array(Row).max(DOCUMENT_UPLOAD_LIMIT, `서류는 한 번에 ${DOCUMENT_UPLOAD_LIMIT}개까지 올릴 수 있습니다.`).optional(),
  })
  .transform((value, ctx) => {
    const uploads: ParsedUpload[] = [];
    /** the form's row of each upload, to show a refusal of the model beside the right file */
    const rowOf: number[] = [];
    const chosen = (value.rows ?? []).flatMap((row, i) => (isChosenFile(row.file) ? [{ row, i }] : []));
    for (const { row, i } of chosen) {
      const parsed = parseRow(row, i, ctx);
      if (parsed) uploads.push(parsed);
      if (parsed) rowOf.push(i);
    }
    if (chosen.length === 0) ctx.addIssue({ code: "custom", path: [], message: "올릴 파일을 하나 이상 선택해 주세요." });
    const total = chosen.reduce((sum, { row }) => sum + (row.file as File).size, 0);
    if (total > UPLOAD_LIMITS.requestBytes)
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `한 번에 올릴 수 있는 파일은 모두 합해 ${UPLOAD_LIMITS.requestBytes / MB}MB까지입니다. 나누어 올려 주세요.`,
      });
    return { version: value.version, uploads, rowOf };
  });
