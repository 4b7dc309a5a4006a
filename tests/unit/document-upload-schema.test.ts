// The documents upload form's schema (ADR 037), as the server and the browser both run it through
// Conform: rows without a file are no upload, each row with a file needs its kind, the fiscal year
// only for statements and the issue date only for certificates (a value left in another kind's row
// is dropped), every message names the file, and the rows are bounded.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { DOCUMENT_UPLOAD_LIMIT } from "~/domain/document-upload";
import { UPLOAD_LIMITS } from "~/domain";
import { DocumentUploadSchema } from "~/utils/document-upload-schema";
import { checkFormBounds } from "~/utils/form-bounds.server";

const pdf = (name: string, size = 16) => new File([new Uint8Array(size)], name, { type: "application/pdf" });
const empty = () => new File([], "", { type: "application/octet-stream" });

function form(rows: Record<string, string | File>[]): FormData {
  const f = new FormData();
  f.set("version", "3");
  rows.forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) f.set(`rows[${i}].${key}`, value);
  });
  return f;
}
const parse = (f: FormData) => parseWithZod(f, { schema: DocumentUploadSchema, disableAutoCoercion: true });

describe("DocumentUploadSchema", () => {
  it("keeps the rows with a file, the date only for a certificate, the year only for statements", () => {
    const result = parse(
      form([
        { kind: "application_form", issuedOn: "2026-11-20", fiscalYear: "2024", file: pdf("신청서.pdf") },
        { kind: "business_registration", issuedOn: "", file: empty() }, // pre-set row left without a file
        { kind: "business_registration", issuedOn: "2026-11-20", file: pdf("사업자.pdf") },
        { kind: "financial_statements", fiscalYear: "2025", issuedOn: "2026-01-01", file: pdf("재무.pdf") },
      ]),
    );
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value.version).toBe(3);
    expect(result.value.rowOf).toEqual([0, 2, 3]);
    expect(result.value.uploads.map(({ kind, issuedOn, fiscalYear, file }) => [kind, issuedOn, fiscalYear, file.name])).toEqual([
      ["application_form", null, null, "신청서.pdf"],
      ["business_registration", "2026-11-20", null, "사업자.pdf"],
      ["financial_statements", null, 2025, "재무.pdf"],
    ]);
  });

  it("names the file in each refusal, on its own field", () => {
    const result = parse(
      form([
        { kind: "", file: pdf("scan.pdf") },
        { kind: "local_tax_certificate", issuedOn: "2026-02-30", file: pdf("지방세.pdf") },
        { kind: "national_tax_certificate", file: pdf("국세.pdf") },
        { kind: "financial_statements", fiscalYear: "25", file: pdf("재무.pdf") },
        { kind: "info_use_consent", file: pdf("큰 파일.pdf", UPLOAD_LIMITS.fileBytes + 1) },
      ]),
    );
    expect(result.status).toBe("error");
    const error = result.reply().error ?? {};
    expect(error["rows[0].kind"]).toEqual(["‘scan.pdf’의 서류 종류를 선택해 주세요."]);
    expect(error["rows[1].issuedOn"]).toEqual(["‘지방세.pdf’: 발행일은 올바른 날짜(YYYY-MM-DD)여야 합니다."]);
    expect(error["rows[2].issuedOn"]).toEqual(["‘국세.pdf’: 발행일을 입력해 주세요."]);
    expect(error["rows[3].fiscalYear"]?.[0]).toContain("‘재무.pdf’: 재무제표는 회계연도를");
    expect(error["rows[4].file"]?.[0]).toContain("‘큰 파일.pdf’: 파일은 20MB 이하만");
  });

  it("refuses a form without any file, and rows past the limit before Conform builds them", () => {
    const none = parse(form([{ kind: "application_form", file: empty() }]));
    expect(none.status).toBe("error");
    expect(none.reply().error?.[""]).toEqual(["올릴 파일을 하나 이상 선택해 주세요."]);
    const rows = Array.from({ length: DOCUMENT_UPLOAD_LIMIT + 1 }, () => ({ kind: "application_form", file: pdf("a.pdf") }));
    expect(checkFormBounds(form(rows), DocumentUploadSchema)?.message).toContain(`${DOCUMENT_UPLOAD_LIMIT}개까지`);
    expect(checkFormBounds(form(rows.slice(0, DOCUMENT_UPLOAD_LIMIT)), DocumentUploadSchema)).toBeNull();
  });

  it("refuses files that together pass the bound of one form, each within its own", () => {
    const half = Math.ceil(UPLOAD_LIMITS.requestBytes / 2) + 1;
    const result = parse(
      form([
        { kind: "application_form", file: pdf("a.pdf", half) },
        { kind: "info_use_consent", file: pdf("b.pdf", half) },
      ]),
    );
    expect(result.status).toBe("error");
    expect(result.reply().error?.[""]?.[0]).toContain("모두 합해 21MB까지");
  });
});
