// Field schemas with Korean messages, shared by the server (parsing) and the
// browser (validation as people type, through Conform): import from here,
// never from a *.server module, in anything a form's schema uses.
import { z } from "zod";
import { isIsoDate, josa } from "~/domain";

// zod's own Korean messages for anything a schema does not word itself.
z.config(z.locales.ko());

/** Digits of a money or count input as typed ("1,200,000원" → "1200000"). */
export function moneyDigits(typed: string): string {
  return typed.replace(/[,\s원]/g, "");
}

/** Common field schemas with Korean messages. */
export const fields = {
  id: z.string().trim().min(1).max(64),
  version: z.coerce.number({ error: "화면 정보가 올바르지 않습니다. 새로고침해 주세요." }).int().min(1),
  text: (label: string, max = 2000) =>
    z
      .string({ error: `${josa(label, "을", "를")} 입력해 주세요.` })
      .trim()
      .min(1, `${josa(label, "을", "를")} 입력해 주세요.`)
      .max(max, `${josa(label, "은", "는")} ${max.toLocaleString("ko-KR")}자 이내로 입력해 주세요.`),
  optionalText: (label: string, max = 2000) =>
    z
      .string()
      .trim()
      .max(max, `${josa(label, "은", "는")} ${max.toLocaleString("ko-KR")}자 이내로 입력해 주세요.`)
      .optional()
      .transform((v) => (v ? v : null)),
  /** Whole won, 0 … MAX_SAFE_INTEGER; accepts "1,200,000". */
  money: (label: string) =>
    z
      .string({ error: `${josa(label, "을", "를")} 입력해 주세요.` })
      .trim()
      .transform((v) => v.replace(/[,\s원]/g, ""))
      .pipe(
        z
          .string()
          .min(1, `${josa(label, "을", "를")} 입력해 주세요.`)
          .regex(/^\d+$/, `${josa(label, "은", "는")} 0 이상의 원 단위 정수로 입력해 주세요.`)
          .transform(Number)
          .refine(Number.isSafeInteger, `${josa(label, "이", "가")} 너무 큽니다.`),
      ),
  /** A real calendar date 'YYYY-MM-DD'. */
  isoDate: (label: string) =>
    z
      .string({ error: `${josa(label, "을", "를")} 입력해 주세요.` })
      .trim()
      .min(1, `${josa(label, "을", "를")} 입력해 주세요.`)
      .refine(isIsoDate, `${josa(label, "은", "는")} 올바른 날짜(YYYY-MM-DD)여야 합니다.`),
  checkbox: z
    .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("")])
    .optional()
    .transform((v) => v === "on" || v === "true" || v === "1"),
};

/** The answer to a form whose `intent` (which button, which form) is none this page knows. */
export const UNKNOWN_INTENT = { error: "이 화면에서 할 수 없는 작업입니다. 페이지를 새로 고친 뒤 다시 시도해 주세요." } as const;
