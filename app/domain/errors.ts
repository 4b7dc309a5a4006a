/**
 * How the rules module refuses.
 *
 * Convention used by every file in app/domain/:
 * - a function that computes a value from its inputs (amounts, windows, due dates, the next
 *   state) THROWS a {@link DomainError} when it must refuse; its `message` is Korean and can be
 *   shown to the user as is, `code` is stable for programs and tests, `reasons` lists every
 *   individual reason when there are several;
 * - a function that answers a question about a case (eligibility, the document checklist,
 *   request screening, the evaluation sheet, the available actions) RETURNS its findings as data
 *   and never throws for a negative answer (only for malformed input).
 */
export class DomainError extends Error {
  readonly code: string;
  readonly reasons: readonly string[];

  constructor(code: string, message: string, reasons: readonly string[] = [message]) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.reasons = reasons;
  }
}

/** True when `error` is a {@link DomainError} (for `catch` blocks in loaders and actions). */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
