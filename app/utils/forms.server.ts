// Reading a submitted form's body. Parsing is Conform + zod through the step helper
// (ticket-step.server.ts: parseStepForm / ticketStepAction) with the field schemas of ./fields.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { DomainError } from "~/domain";
import { MAX_UPLOAD_BYTES } from "~/models/files.server";

// The body types a form action reads (what browsers send for our forms).
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The submitted form, or a refusal a person can read: a body that is not a form (JSON, text, no
 * Content-Type: 415) or that cannot be parsed (a multipart body cut short or with the wrong
 * boundary: 400) is answered in Korean instead of failing as a 500. Every action reads its body
 * through this (or readUploadForm, which uses it for bodies without files).
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw new Response("양식으로 보낸 요청만 처리할 수 있습니다. 페이지를 새로 고친 뒤 다시 제출해 주세요.", { status: 415 });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response("보낸 양식을 읽을 수 없습니다. 페이지를 새로 고친 뒤 다시 제출해 주세요.", { status: 400 });
  }
}

/**
 * A form that may carry files, held in memory, refusing parts over MAX_UPLOAD_BYTES with a
 * DomainError (the step helper's readStepUpload turns it into the form's refusal). A form
 * without files (a confirm button) is read as usual.
 */
export async function readUploadForm(request: Request): Promise<FormData> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return readForm(request);
  const tooLarge = () => new DomainError("upload_too_large", `파일은 ${MAX_UPLOAD_BYTES / 1024 / 1024}MB 이하만 올릴 수 있습니다.`);
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES + 1024 * 1024) throw tooLarge();
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw tooLarge();
    throw new DomainError("upload_unreadable", "업로드한 내용을 읽을 수 없습니다. 다시 시도해 주세요.");
  }
}
