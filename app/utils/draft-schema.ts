// The AS request form (새 AS 신청 / 신청서 수정): its zod schema, shared by the routes' actions and
// the browser (Conform validates with it as people type). Client-safe: zod, ~/domain, ~/utils/fields.
//
// Rows whose description is empty and that carry no flag are the spare empty rows: they are left
// out. Errors of the kept rows point at the rows on screen (items[3].supportType).
import { z } from "zod";
import { ROW_LIMITS, SUPPORT_TYPES, isSupportType, type SupportType } from "~/domain";
import { fields } from "~/utils/fields";

/** Rows the form opens with at least (the spare ones are not saved). */
export const MIN_ITEM_ROWS = 3;
/** Rows a request may have on screen. */
export const MAX_ITEM_ROWS = ROW_LIMITS.draftItems;
export const ITEM_FLAGS = ["isStandaloneEquipment", "isOfficeIt", "isRentalOrSubscription", "isPeriodicConsumable", "underWarranty"] as const;
export type ItemFlag = (typeof ITEM_FLAGS)[number];

const SUPPORT_TYPE_MESSAGE = "지원유형을 선택해 주세요.";

const RowSchema = z.object({
  description: z.string().optional(),
  supportType: z.string().max(64).optional(),
  quantity: z.string().max(20).optional(),
  isStandaloneEquipment: fields.checkbox,
  isOfficeIt: fields.checkbox,
  isRentalOrSubscription: fields.checkbox,
  isPeriodicConsumable: fields.checkbox,
  underWarranty: fields.checkbox,
});
type Row = z.output<typeof RowSchema>;

export type RequestedItemDraft = {
  description: string;
  supportType: SupportType;
  quantity: number;
} & Record<ItemFlag, boolean>;

/** A row left empty (no description, no flag) is a spare row, not an item. */
export function isSpareRow(row: { description?: string | null } & Partial<Record<ItemFlag, boolean>>): boolean {
  return !row.description?.trim() && ITEM_FLAGS.every((f) => !row[f]);
}

const description = fields.text("요청 항목 내용", 500);

function itemOf(row: Row, i: number, ctx: z.RefinementCtx): RequestedItemDraft | null {
  let ok = true;
  const issue = (key: string, message: string) => {
    ok = false;
    ctx.addIssue({ code: "custom", path: [i, key], message });
  };
  const text = description.safeParse(row.description ?? "");
  if (!text.success) issue("description", text.error.issues[0]?.message ?? "요청 항목 내용을 확인해 주세요.");
  const type = row.supportType ?? "";
  if (!isSupportType(type)) issue("supportType", SUPPORT_TYPE_MESSAGE);
  const typed = (row.quantity ?? "").trim().replace(/,/g, "") || "1";
  const quantity = Number(typed);
  if (!/^\d+$/.test(typed)) issue("quantity", "수량은 1 이상의 정수로 입력해 주세요.");
  else if (quantity < 1) issue("quantity", "수량은 1 이상이어야 합니다.");
  else if (quantity > 100_000) issue("quantity", "수량이 너무 큽니다.");
  if (!ok || !text.success || !isSupportType(type)) return null;
  const flags = Object.fromEntries(ITEM_FLAGS.map((f) => [f, row[f]])) as Record<ItemFlag, boolean>;
  return { description: text.data, supportType: type, quantity, ...flags };
}

export const DraftSchema = z.object({
  supportTypes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(z.enum(SUPPORT_TYPES, { error: SUPPORT_TYPE_MESSAGE }))
        .min(1, "지원유형을 하나 이상 선택해 주세요.")
        .max(SUPPORT_TYPES.length),
    ),
  targetSystemId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => (v ? v : null)),
  supplierId: z.string({ error: "공급기업을 선택해 주세요." }).trim().min(1, "공급기업을 선택해 주세요.").max(64),
  title: fields.text("제목", 200),
  problem: fields.text("문제 현황", 4000),
  desiredOutcome: fields.text("기대 효과(요청 결과)", 4000),
  items: z
    .array(RowSchema)
    .max(MAX_ITEM_ROWS, `요청 항목은 ${MAX_ITEM_ROWS}개까지 입력할 수 있습니다.`)
    .optional()
    .transform((rows, ctx) => {
      const items: RequestedItemDraft[] = [];
      let invalid = false;
      for (const [i, row] of (rows ?? []).entries()) {
        if (isSpareRow(row)) continue;
        const item = itemOf(row, i, ctx);
        if (item) items.push(item);
        else invalid = true;
      }
      if (!invalid && items.length === 0) ctx.addIssue({ code: "custom", message: "요청 항목을 하나 이상 입력해 주세요." });
      return items;
    }),
});

export type TicketDraftInput = z.output<typeof DraftSchema>;
