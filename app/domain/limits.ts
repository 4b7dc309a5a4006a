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
