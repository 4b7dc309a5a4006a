// Form parsing for every action: zod on the server, Korean messages per field,
// and the values the user typed sent back so nothing is lost.
import { data } from "@remix-run/node";
import { z } from "zod";
import { isDomainError } from "~/domain";
import { ConflictError, ForbiddenError, NotFoundError } from "~/models/errors.server";


export type FieldErrors = Record<string, string>;

/** What a failed action returns: the page shows these next to the fields. */
export type FormFailure = {
  ok: false;
  formError?: string;
  reasons?: string[];
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
  conflict?: boolean;
};

/** The text fields of a form (files are left out), for echoing back. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !(key in values)) values[key] = value.length > 10_000 ? value.slice(0, 10_000) : value;
  }
  return values;
}

/** zod issues → one Korean message per field path ("items.0.description"). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  form?: FormData,
): { success: true; data: z.infer<S> } | { success: false; failure: FormFailure } {
  const result = schema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  const fieldErrors = fieldErrorsOf(result.error);
  return {
    success: false,
    failure: {
      ok: false,
      formError: "입력 내용을 확인해 주세요.",
      fieldErrors,
      values: form ? formValues(form) : undefined,
    },
  };
}

/** Parses a submitted form's text fields with `schema`. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData) {
  return parseWith(schema, Object.fromEntries([...form.keys()].map((k) => [k, multi(form, k)])), form);
}

function multi(form: FormData, key: string): string | string[] {
  const all = form.getAll(key).filter((v): v is string => typeof v === "string");
  return all.length > 1 ? all : (all[0] ?? "");
}

/** The body types a form action reads (what browsers send for our forms). */
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

/** A 400 with the failure, for `return` from an action. */
export function badRequest(failure: FormFailure, status = 400) {
  return data(failure, { status });
}

/**
 * Turns what the model layer throws on purpose into an answer a person can
 * act on: refused steps and conflicts come back as form errors (with the
 * values typed), a foreign or missing ticket is a 404. Anything else is a bug
 * and is rethrown (logged, generic page).
 */
export function failureResponse(error: unknown, form?: FormData) {
  const values = form ? formValues(form) : undefined;
  if (error instanceof NotFoundError) throw new Response(error.message, { status: 404 });
  if (error instanceof ConflictError) return data({ ok: false, formError: error.message, conflict: true, values } satisfies FormFailure, { status: 409 });
  if (error instanceof ForbiddenError) return data({ ok: false, formError: error.message, values } satisfies FormFailure, { status: 403 });
  if (isDomainError(error)) {
    return data({ ok: false, formError: error.message, reasons: [...error.reasons], values } satisfies FormFailure, { status: 400 });
  }
  throw error;
}

// The field schemas live in ./fields (shared by the server and the browser).
export { fields } from "./fields";
