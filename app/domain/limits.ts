/**
 * How many rows each repeating editor accepts. A quote, a plan or an application is written by a
 * person row by row; these are far above any real one and keep a hand-made form (a row count of
 * 30,000) from making the server build and render a giant page.
 */
export const ROW_LIMITS = {
  /** 견적 항목 */
  quoteLines: 50,
  /** 수행계획서 추진 일정 */
  planMilestones: 30,
  /** 신청서 요청 항목 */
  draftItems: 30,
  /** 작업일지 교체 부품 */
  workLogParts: 20,
} as const;

/** The highest row index any submitted form may name (`lines[199].amount`); larger ones are refused before parsing. */
export const FORM_INDEX_LIMIT = 200;

/**
 * The most fields one submitted form may carry. The largest real one, an application with all
 * 30 request rows filled in, has about 250.
 */
export const FORM_FIELD_LIMIT = 1000;

const MB = 1024 * 1024;

/**
 * What one submitted body may carry, counted while it streams in, Content-Length or not
 * (app/utils/forms.server.ts; docs/decisions/014-uploads-streamed-limits-and-file-lifecycle.md).
 * The largest legitimate upload is a work log with its evidence (before/after photos, a training
 * material) or a completion report with its attachments. Browsers always declare the length, and
 * a form with files has never been accepted above 21 MB in all: that stays the bound of a whole
 * form (one file at its limit plus the form's text), now for chunked bodies too, and the files
 * are held in memory only up to it.
 */
export const UPLOAD_LIMITS = {
  /** one file (a scanned PDF, a photo) */
  fileBytes: 20 * MB,
  /** files in one form (an empty file input counts: browsers send it as an empty file) */
  files: 20,
  /** the whole content of a form with files */
  requestBytes: 21 * MB,
  /** the whole content of a form without files: the longest texts of the largest form are far below */
  formBytes: 2 * MB,
} as const;

/** The upload limits as a person reads them beside a file input. */
/** The limits of a field that takes one file (a plan form, a signed quote, a cost report): "한 번에 20개" would contradict "파일 하나". */
export const SINGLE_UPLOAD_LIMIT_TEXT = `${UPLOAD_LIMITS.fileBytes / MB}MB 이하`;
export const UPLOAD_LIMITS_TEXT = `한 파일 ${UPLOAD_LIMITS.fileBytes / MB}MB 이하, 한 번에 ${UPLOAD_LIMITS.files}개·모두 합해 ${UPLOAD_LIMITS.requestBytes / MB}MB까지`;
