// The 회원가입 form's schema, shared by the route's action and the browser (Conform). Client-safe:
// zod, ~/domain, ~/utils/fields, ~/utils/profile-schema. The password's strength is judged on the server
// (app/auth/password-policy.server.ts: its dictionaries are too large for the browser).
import { z } from "zod";
import { isValidBusinessNumber, normalizeBusinessNumber } from "~/domain";
import { fields } from "~/utils/fields";
import { REGIONS } from "~/utils/profile-schema";

export const SIGNUP_KIND_LABELS = {
  manufacturer: "도입기업 (AS 지원을 받을 기업)",
  supplier: "공급기업 (스마트공장을 구축·AS 하는 기업)",
} as const;

/** An e-mail address as a person types it (also the 확인 링크 받기 form's one field). */
export const emailField = z
  .string({ error: "이메일을 입력해 주세요." })
  .trim()
  .min(1, "이메일을 입력해 주세요.")
  .max(254, "이메일이 너무 깁니다.")
  .email("이메일 형식이 올바르지 않습니다.");

/** A 사업자등록번호 as typed (with or without hyphens), checked and kept as its 10 digits (also the TP's expert registration). */
export const businessNumberField = z
  .string({ error: "사업자등록번호를 입력해 주세요." })
  .trim()
  .min(1, "사업자등록번호를 입력해 주세요.")
  .refine(isValidBusinessNumber, "사업자등록번호가 올바르지 않습니다. 10자리 번호(예: 123-45-67890)를 확인해 주세요.")
  .transform((v) => normalizeBusinessNumber(v) ?? v);

export const SignUpSchema = z
  .object({
    kind: z.enum(["manufacturer", "supplier"], { error: "도입기업 또는 공급기업을 선택해 주세요." }),
    businessNumber: businessNumberField,
    companyName: fields.text("기업명", 100),
    representative: fields.text("대표자", 50),
    region: z.enum(REGIONS, { error: "소재지 시·도를 선택해 주세요." }),
    address: fields.text("주소", 300),
    name: fields.text("담당자 이름", 50),
    email: emailField,
    phone: fields.text("연락처", 30).refine((v) => /^[0-9+\-() ]{7,30}$/.test(v), "연락처는 숫자와 -만으로 입력해 주세요. (예: 031-123-4567)"),
    password: z.string({ error: "비밀번호를 입력해 주세요." }).min(1, "비밀번호를 입력해 주세요.").max(200, "비밀번호가 너무 깁니다."),
    passwordConfirm: z.string({ error: "비밀번호를 한 번 더 입력해 주세요." }).min(1, "비밀번호를 한 번 더 입력해 주세요."),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "두 비밀번호가 서로 다릅니다." });
