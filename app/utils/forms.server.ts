// Reading a submitted form's body. Parsing is Conform + zod through the step helper
// (ticket-step.server.ts: parseStepForm / ticketStepAction) with the field schemas of ./fields.
//
// Every body is read by the streaming parser of @remix-run/form-data-parser, which counts bytes as
// they arrive, per part and in all, and files per form: a body over a limit is refused as soon as
// the limit is passed, whether or not it declared a Content-Length (a chunked body declares none),
// and the rest is never read (server.ts throws it away once the answer is out). The limits are
// UPLOAD_LIMITS in app/domain; why files are held in memory, up to them, and not spooled to disk:
// docs/decisions/014-uploads-streamed-limits-and-file-lifecycle.md.
import {
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  parseFormData,
} from "@remix-run/form-data-parser";
import { DomainError, FORM_FIELD_LIMIT, UPLOAD_LIMITS, isDomainError } from "~/domain";
import { fileTooLarge } from "~/models/files.server";

// The body types a form action reads (what browsers send for our forms).
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];
const MB = 1024 * 1024;
/** Room for what a multipart body carries besides the content the parser counts: boundaries and part headers. */
const FRAMING_BYTES = MB;

type BodyRules = {
  /** one part (a file, or a text field) */
  partBytes: number;
  /** the content of all parts */
  totalBytes: number;
  /** the refusal of a part over partBytes */
  partTooLarge: () => DomainError;
  /** the refusal of a body over totalBytes */
  tooLarge: string;
  /** the refusal of a body that is not a well-formed form */
  unreadable: string;
};

const TOO_MANY_FILES = `한 번에 올릴 수 있는 파일은 ${UPLOAD_LIMITS.files}개까지입니다. 나누어 올려 주세요.`;
const TOO_MANY_FIELDS = "입력 항목이 너무 많습니다. 페이지를 새로 고친 뒤 다시 제출해 주세요.";

const FORM_TOO_LARGE = `보낸 양식이 너무 큽니다 (최대 ${UPLOAD_LIMITS.formBytes / MB}MB). 입력 내용을 줄여 다시 제출해 주세요.`;
/** A form without files: a file part is held in memory like a text field, within the same small bound. */
const FORM_RULES: BodyRules = {
  partBytes: UPLOAD_LIMITS.formBytes,
  totalBytes: UPLOAD_LIMITS.formBytes,
  partTooLarge: () => new DomainError("upload_too_large", FORM_TOO_LARGE),
  tooLarge: FORM_TOO_LARGE,
  unreadable: "보낸 양식을 읽을 수 없습니다. 페이지를 새로 고친 뒤 다시 제출해 주세요.",
};

/** A form with files (documents, work logs, the completion report). */
const UPLOAD_RULES: BodyRules = {
  partBytes: UPLOAD_LIMITS.fileBytes,
  totalBytes: UPLOAD_LIMITS.requestBytes,
  partTooLarge: fileTooLarge,
  tooLarge: `한 번에 올릴 수 있는 파일은 모두 합해 ${UPLOAD_LIMITS.requestBytes / MB}MB까지입니다. 나누어 올려 주세요.`,
  unreadable: "업로드한 내용을 읽을 수 없습니다. 다시 시도해 주세요.",
};

/** The HTTP status of a refused body: a limit is 413, anything else 400. */
function bodyRefusalStatus(error: DomainError): 400 | 413 {
  return error.code === "upload_too_large" ? 413 : 400;
}

/** What the parser threw, as the refusal a person reads (every limit shares the code upload_too_large). */
function refusalOf(error: unknown, rules: BodyRules): DomainError {
  if (error instanceof MaxFileSizeExceededError) return rules.partTooLarge();
  if (error instanceof MaxTotalSizeExceededError) return new DomainError("upload_too_large", rules.tooLarge);
  if (error instanceof MaxFilesExceededError) return new DomainError("upload_too_large", TOO_MANY_FILES);
  if (error instanceof MaxPartsExceededError) return new DomainError("upload_too_large", TOO_MANY_FIELDS);
  // a cut or garbled body, a wrong boundary, text that is not UTF-8, an oversized part header
  return new DomainError("upload_unreadable", rules.unreadable);
}

/**
 * The form of a body of a form type, within `rules`; a refusal is a DomainError (413 or 400, see
 * bodyRefusalStatus). A declared Content-Length over the bound is refused before anything is read.
 */
async function parseBody(request: Request, rules: BodyRules): Promise<FormData> {
  const declared = Number(request.headers.get("Content-Length"));
  if (declared > rules.totalBytes + FRAMING_BYTES) throw new DomainError("upload_too_large", rules.tooLarge);
  try {
    return await parseFormData(request, {
      maxFileSize: rules.partBytes,
      maxTotalSize: rules.totalBytes,
      maxFiles: UPLOAD_LIMITS.files,
      maxParts: FORM_FIELD_LIMIT,
    });
  } catch (error) {
    throw refusalOf(error, rules);
  }
}

function isFormType(request: Request): boolean {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  return FORM_TYPES.includes(type);
}

/**
 * The submitted form, or a refusal a person can read: a body that is not a form (JSON, text, no
 * Content-Type: 415), one larger than a form without files may be (413), or one that cannot be
 * parsed (a multipart body cut short or with the wrong boundary: 400) is answered in Korean
 * instead of failing as a 500. Every action reads its body through this (or readUploadForm, which
 * uses it for bodies without files).
 */
export async function readForm(request: Request): Promise<FormData> {
  if (!isFormType(request)) {
    throw new Response("양식으로 보낸 요청만 처리할 수 있습니다. 페이지를 새로 고친 뒤 다시 제출해 주세요.", { status: 415 });
  }
  try {
    return await parseBody(request, FORM_RULES);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new Response(error.message, { status: bodyRefusalStatus(error), headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

/**
 * A form that may carry files, refusing a file over UPLOAD_LIMITS.fileBytes, more files than
 * UPLOAD_LIMITS.files or a body over UPLOAD_LIMITS.requestBytes with a DomainError (the step
 * helper's readStepUpload turns it into the form's refusal). A form without files (a confirm
 * button) is read as usual.
 */
export async function readUploadForm(request: Request): Promise<FormData> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return readForm(request);
  return parseBody(request, UPLOAD_RULES);
}
