// The Technopark's 외부전문가·원가계산기관 등록 form (ADR 029), shared by the route's action and the browser.
// Client-safe: zod, ~/domain, ~/utils/fields.
import { z } from "zod";
import { fields } from "~/utils/fields";
import { REGIONS } from "~/utils/profile-schema";
import { businessNumberField, emailField } from "~/utils/signup-schema";

export const EXPERT_KIND_LABELS = {
  evaluator: "외부전문가 (현장평가; 개인 전문가는 1인 기관으로 등록)",
  cost_agency: "원가계산기관 (원가적정성 검토)",
} as const;

export const ExpertOrganizationSchema = z.object({
  kind: z.enum(["evaluator", "cost_agency"], { error: "외부전문가 또는 원가계산기관을 선택해 주세요." }),
  name: fields.text("기관명(또는 전문가 이름)", 100),
  businessNumber: businessNumberField,
  representative: fields.optionalText("대표자", 50),
  region: z.enum(REGIONS, { error: "소재지 시·도를 선택해 주세요." }),
  address: fields.text("주소", 300),
  email: emailField,
});

export type ExpertOrganizationInput = z.output<typeof ExpertOrganizationSchema>;
