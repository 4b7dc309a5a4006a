// The quote lines as a form sends them (구분, 내용, 수량, 단가), shared by every page that edits a
// set of quote lines: the quote page and a change request's proposed lines (사업변경). Browser-safe.
import { z } from "zod";
import { QUOTE_LINE_KINDS } from "~/domain";
import type { QuoteLineInput } from "~/components/ticket/quote-lines-editor";
import { fields } from "./fields";

const quantity = z
  .string({ error: "수량을 입력해 주세요." })
  .trim()
  .transform((v) => v.replace(/[,\s]/g, ""))
  .pipe(
    z
      .string()
      .min(1, "수량을 입력해 주세요.")
      .regex(/^\d+$/, "수량은 1 이상의 정수로 입력해 주세요.")
      .transform(Number)
      .refine((n) => Number.isSafeInteger(n) && n >= 1, "수량은 1 이상의 정수로 입력해 주세요."),
  );

export const QuoteLineSchema = z.object({
  kind: z.enum(QUOTE_LINE_KINDS, { error: "구분을 선택해 주세요." }),
  description: fields.text("내용", 200),
  quantity,
  unitPrice: fields.money("단가"),
});

/** A row left entirely blank (only its 구분 chosen) is skipped; null keeps the other rows' indexes for their errors. */
const blankLine = (row: unknown) => {
  const r = (row ?? {}) as Record<string, unknown>;
  return ["description", "quantity", "unitPrice"].every((k) => !String(r[k] ?? "").trim()) ? null : row;
};

/** The list of lines: at most `max` rows (bounded before any row is built, see form-bounds), at least one filled. */
export function quoteLinesField(max: number) {
  return z
    .array(z.preprocess(blankLine, QuoteLineSchema.nullable()) as z.ZodType<z.output<typeof QuoteLineSchema> | null, QuoteLineInput>)
    .max(max, `견적 항목은 ${max}개까지 입력할 수 있습니다.`)
    .optional()
    .transform((rows) => (rows ?? []).filter((r): r is z.infer<typeof QuoteLineSchema> => r !== null))
    .refine((rows) => rows.length > 0, "견적 항목을 1개 이상 입력해 주세요.");
}
