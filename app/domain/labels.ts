/**
 * The program's value sets (the exact strings stored in the database) and their Korean labels,
 * in the notice's own words (domain.md "Korean names for the workflow").
 * Use the arrays for validation, e.g. `z.enum(TICKET_STATES)`.
 */

function oneOf<T extends string>(values: readonly T[]): (value: unknown) => value is T {
  return (value: unknown): value is T => typeof value === "string" && (values as readonly string[]).includes(value);
}

// ─── Roles ──────────────────────────────────────────────────────────────────
export const ROLES = ["manufacturer", "supplier", "monitor", "evaluator", "cost_agency"] as const;
export type Role = (typeof ROLES)[number];
export const isRole = oneOf(ROLES);
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  manufacturer: "도입기업",
  supplier: "공급기업",
  monitor: "운영기관(TP)",
  evaluator: "외부전문가",
  cost_agency: "원가계산기관",
};
/** The two companies of a ticket (the agreement's consenting parties; change requests). */
export const COMPANY_ROLES = ["manufacturer", "supplier"] as const satisfies readonly Role[];
export type CompanyRole = (typeof COMPANY_ROLES)[number];
export const isCompanyRole = oneOf(COMPANY_ROLES);
/**
 * The parties the Technopark assigns per ticket (issue 16): the external evaluator (④ 현장평가) and the
 * cost-accounting agency (⑦ 원가적정성 검토). They read a ticket only while assigned, and only their step.
 */
export const EXPERT_ROLES = ["evaluator", "cost_agency"] as const satisfies readonly Role[];
export type ExpertRole = (typeof EXPERT_ROLES)[number];
export const isExpertRole = oneOf(EXPERT_ROLES);
/** Organisation kinds (Organization.kind): one per role; the monitor's is the Technopark. */
export const ORGANIZATION_KINDS = ["manufacturer", "supplier", "technopark", "evaluator", "cost_agency"] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const ORGANIZATION_KIND_LABELS: Readonly<Record<OrganizationKind, string>> = {
  manufacturer: "도입기업",
  supplier: "공급기업",
  technopark: "운영기관(TP)",
  evaluator: "외부전문가",
  cost_agency: "원가계산기관",
};

// ─── Ticket states ──────────────────────────────────────────────────────────
export const TICKET_STATES = [
  "draft",
  "submitted",
  "requirement_review",
  "site_evaluation",
  "selected",
  "plan_submitted",
  "cost_review",
  "plan_revision",
  "agreed",
  "funded",
  "in_progress",
  "completion_check",
  "settlement",
  "completed",
  "follow_up",
  "rejected",
  "not_selected",
  "withdrawn",
  "cancelled",
] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const isTicketState = oneOf(TICKET_STATES);
export const STATE_LABELS: Readonly<Record<TicketState, string>> = {
  draft: "작성중",
  submitted: "신청접수",
  requirement_review: "요건검토",
  site_evaluation: "현장평가",
  selected: "지원결정",
  plan_submitted: "수행계획서 제출",
  cost_review: "원가적정성 검토",
  plan_revision: "수행계획서 보완",
  agreed: "협약체결",
  funded: "사업비 지급",
  in_progress: "과제수행",
  completion_check: "완료점검",
  settlement: "정산",
  completed: "완료",
  follow_up: "사후관리",
  rejected: "반려",
  not_selected: "미선정",
  withdrawn: "신청철회",
  cancelled: "선정취소",
};

// ─── Eligibility basis (신청자격) ───────────────────────────────────────────
export const ELIGIBILITY_BASES = ["diffusion", "self_built", "local_program"] as const;
export type EligibilityBasis = (typeof ELIGIBILITY_BASES)[number];
export const isEligibilityBasis = oneOf(ELIGIBILITY_BASES);
export const BASIS_LABELS: Readonly<Record<EligibilityBasis, string>> = {
  diffusion: "스마트공장 보급확산 사업 완료 기업",
  self_built: "자체 구축 기업(스마트공장 수준확인서 보유)",
  local_program: "지자체 스마트공장(기초) 사업 완료 기업",
};

// ─── Support types (지원유형) ───────────────────────────────────────────────
export const SUPPORT_TYPES = [
  "hw_repair",
  "hw_upgrade",
  "sw_upgrade",
  "util_program",
  "util_maintenance",
  "util_data",
  "util_user_support",
  "util_other",
] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];
export const isSupportType = oneOf(SUPPORT_TYPES);
export const SUPPORT_TYPE_LABELS: Readonly<Record<SupportType, string>> = {
  hw_repair: "HW 부품 수리",
  hw_upgrade: "HW 업그레이드",
  sw_upgrade: "SW 업그레이드",
  util_program: "프로그램 수정·개선",
  util_maintenance: "시스템 유지관리",
  util_data: "데이터 관리",
  util_user_support: "사용자 운영 지원·교육",
  util_other: "기타(활용도 제고)",
};
/** The group a support type belongs to on the notice's table (the util_* are 활용도 제고). */
export const SUPPORT_TYPE_GROUP_LABELS: Readonly<Record<SupportType, string>> = {
  hw_repair: "HW 부품 수리",
  hw_upgrade: "HW 업그레이드",
  sw_upgrade: "SW 업그레이드",
  util_program: "활용도 제고",
  util_maintenance: "활용도 제고",
  util_data: "활용도 제고",
  util_user_support: "활용도 제고",
  util_other: "활용도 제고",
};

// ─── Application documents (온라인 제출 서류) ──────────────────────────────
export const DOCUMENT_KINDS = [
  "application_form",
  "business_registration",
  "national_tax_certificate",
  "local_tax_certificate",
  "info_use_consent",
  "financial_statements",
  "vat_tax_base_certificate",
  "sf_completion_report",
  "sf_level_certificate",
  "sf_build_list",
  "local_completion_confirmation",
  "local_completion_report",
  "promising_sme_certificate",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const isDocumentKind = oneOf(DOCUMENT_KINDS);
export const DOCUMENT_KIND_LABELS: Readonly<Record<DocumentKind, string>> = {
  application_form: "스마트공장 AS지원사업 신청서",
  business_registration: "사업자등록증명원",
  national_tax_certificate: "국세 납세증명서",
  local_tax_certificate: "지방세 납세증명서",
  info_use_consent: "중소기업 지원사업 통합관리시스템 정보 활용 동의서",
  financial_statements: "재무제표",
  vat_tax_base_certificate: "부가가치세 과세표준증명원",
  sf_completion_report: "스마트공장 사업 완료보고서",
  sf_level_certificate: "스마트공장 수준확인서",
  sf_build_list: "스마트공장 상세 구축 내역(SW, HW 등)",
  local_completion_confirmation: "지자체 스마트공장 사업 완료 확인서",
  local_completion_report: "지자체 스마트공장 사업 완료 보고서",
  promising_sme_certificate: "경기도 유망중소기업 인증서",
};

// ─── Site evaluation (현장평가) ─────────────────────────────────────────────
export const GRADES = ["excellent", "good", "fair", "weak", "poor"] as const;
export type Grade = (typeof GRADES)[number];
export const isGrade = oneOf(GRADES);
export const GRADE_LABELS: Readonly<Record<Grade, string>> = {
  excellent: "우수",
  good: "양호",
  fair: "보통",
  weak: "다소미흡",
  poor: "미흡",
};

export const GRADED_ITEM_KEYS = [
  "period_adequacy",
  "management_will",
  "followup_plan",
  "staff_capability",
  "data_capability",
  "kpi_management",
  "improvement_effect",
] as const;
export type GradedItemKey = (typeof GRADED_ITEM_KEYS)[number];
export const isGradedItemKey = oneOf(GRADED_ITEM_KEYS);
export const GRADED_ITEM_LABELS: Readonly<Record<GradedItemKey, string>> = {
  period_adequacy: "AS 지원 수행기간의 적정성",
  management_will: "스마트공장의 사후관리 추진의지",
  followup_plan: "스마트공장 사후관리 계획 수립의 구체성",
  staff_capability: "경영진 및 전담인력의 관리·운영 보유 역량",
  data_capability: "데이터 수집 등 스마트공장의 활용 역량",
  kpi_management: "성과지표 설정여부 및 관리·활용 노력",
  improvement_effect: "스마트공장 활용도 제고에 기여할 수 있는 현장개선 효과",
};

export const SUITABILITY_CHECK_KEYS = [
  "scope_program",
  "scope_self_built",
  "accepts_verified_amount",
  "raises_utilization",
  "warranty_expired",
  "cannot_self_service",
] as const;
export type SuitabilityCheckKey = (typeof SUITABILITY_CHECK_KEYS)[number];
export const isSuitabilityCheckKey = oneOf(SUITABILITY_CHECK_KEYS);
export const SUITABILITY_CHECK_LABELS: Readonly<Record<SuitabilityCheckKey, string>> = {
  scope_program: "(사업참여) AS 요청사항이 보급확산사업 또는 지자체 기초 스마트공장 지원사업 지원설비 및 연속성을 가진 부속 부품인지 여부",
  scope_self_built: "(자체구축) AS 요청사항이 도입한 솔루션 및 솔루션과 연동된 HW, SW, 솔루션에 데이터를 제공하기 위한 부속 부품인지 여부",
  accepts_verified_amount: "원가검증 결과 금액이 견적보다 낮을 경우 낮은 금액으로 협약 변경 진행 인지 및 동의 여부",
  raises_utilization: "AS 요청사항이 스마트공장 활용률 제고와 관련성이 있고 사업참여가 적합한지 여부",
  warranty_expired: "공급기업으로부터 유무상 하자보수 기간이 만료되었는지 여부",
  cannot_self_service: "자체적으로 AS가 가능하지 않은 도입기업인지 여부",
};

// ─── Quotes (견적) ──────────────────────────────────────────────────────────
/** 견적 항목 구분: what a line of the supplier's quote pays for. */
export const QUOTE_LINE_KINDS = ["hw_part", "sw", "labour", "training", "other"] as const;
export type QuoteLineKind = (typeof QUOTE_LINE_KINDS)[number];
export const isQuoteLineKind = oneOf(QUOTE_LINE_KINDS);
export const QUOTE_LINE_KIND_LABELS: Readonly<Record<QuoteLineKind, string>> = {
  hw_part: "HW 부품",
  sw: "SW",
  labour: "인건비(용역)",
  training: "교육",
  other: "기타",
};

// ─── Work logs (작업일지) ───────────────────────────────────────────────────
/**
 * A work log is written by the supplier (submitted), then confirmed or disputed by the
 * manufacturer; a disputed log corrected by the supplier is submitted again.
 */
export const WORK_LOG_STATUSES = ["submitted", "confirmed", "disputed"] as const;
export type WorkLogStatus = (typeof WORK_LOG_STATUSES)[number];
export const isWorkLogStatus = oneOf(WORK_LOG_STATUSES);
export const WORK_LOG_STATUS_LABELS: Readonly<Record<WorkLogStatus, string>> = {
  submitted: "확인 대기",
  confirmed: "확인됨",
  disputed: "이의 제기",
};
/**
 * A log the manufacturer has not confirmed: anything but 'confirmed' (written or disputed). The
 * completion report waits for none to be left (workflow guard workLogsConfirmed, completion.ts).
 */
export function isUnconfirmedWorkLogStatus(status: string): boolean {
  return status !== "confirmed";
}
/** The stored statuses of unconfirmed logs, for the database count: ['submitted', 'disputed']. */
export const UNCONFIRMED_WORK_LOG_STATUSES: readonly WorkLogStatus[] = WORK_LOG_STATUSES.filter(isUnconfirmedWorkLogStatus);

// ─── Reviews and requests ───────────────────────────────────────────────────
/** 요건검토 결과: passed (→ 현장평가), returned for correction (보완 요청), rejected (반려). */
export const REQUIREMENT_REVIEW_RESULTS = ["passed", "returned", "rejected"] as const;
export type RequirementReviewResult = (typeof REQUIREMENT_REVIEW_RESULTS)[number];
export const isRequirementReviewResult = oneOf(REQUIREMENT_REVIEW_RESULTS);
export const REQUIREMENT_REVIEW_RESULT_LABELS: Readonly<Record<RequirementReviewResult, string>> = {
  passed: "통과",
  returned: "보완 요청",
  rejected: "반려",
};

/** 수행계획서 검토 상태 of one plan version (ExecutionPlan.reviewStatus). */
export const PLAN_REVIEW_STATUSES = ["pending", "accepted", "changes_requested"] as const;
export type PlanReviewStatus = (typeof PLAN_REVIEW_STATUSES)[number];
export const isPlanReviewStatus = oneOf(PLAN_REVIEW_STATUSES);
export const PLAN_REVIEW_STATUS_LABELS: Readonly<Record<PlanReviewStatus, string>> = {
  pending: "검토 대기",
  accepted: "검토 완료",
  changes_requested: "보완 요청",
};

/** 사업기간 연장 신청 상태 (ExtensionRequest.status). */
export const EXTENSION_REQUEST_STATUSES = ["pending", "approved", "refused"] as const;
export type ExtensionRequestStatus = (typeof EXTENSION_REQUEST_STATUSES)[number];
export const isExtensionRequestStatus = oneOf(EXTENSION_REQUEST_STATUSES);
export const EXTENSION_REQUEST_STATUS_LABELS: Readonly<Record<ExtensionRequestStatus, string>> = {
  pending: "승인 대기",
  approved: "승인",
  refused: "불승인",
};

/** What an attached file is for (work logs and completion reports). */
export const ATTACHMENT_PURPOSES = ["before_photo", "after_photo", "training_material", "report", "other"] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];
export const isAttachmentPurpose = oneOf(ATTACHMENT_PURPOSES);
export const ATTACHMENT_PURPOSE_LABELS: Readonly<Record<AttachmentPurpose, string>> = {
  before_photo: "작업 전 사진",
  after_photo: "작업 후 사진",
  training_material: "교육 자료",
  report: "완료보고 첨부",
  other: "기타 첨부",
};
/** The purposes the supplier uploads with a work log (evidence, see completion.ts). */
export const WORK_LOG_ATTACHMENT_PURPOSES = ["before_photo", "after_photo", "training_material"] as const satisfies readonly AttachmentPurpose[];
export type WorkLogAttachmentPurpose = (typeof WORK_LOG_ATTACHMENT_PURPOSES)[number];
export const isWorkLogAttachmentPurpose = oneOf(WORK_LOG_ATTACHMENT_PURPOSES);
/** The photo purposes: HW evidence, images only. */
export const PHOTO_PURPOSES = ["before_photo", "after_photo"] as const satisfies readonly WorkLogAttachmentPurpose[];
export type PhotoPurpose = (typeof PHOTO_PURPOSES)[number];
export const isPhotoPurpose = oneOf(PHOTO_PURPOSES);

// ─── Money ──────────────────────────────────────────────────────────────────
/**
 * Names of the amounts. 총사업비 (totalCost) and 협약금액 (agreedCost) are the same figure
 * once the agreement is signed: 총사업비 = 정부지원금 + 기업부담금 = 협약금액.
 */
export const MONEY_LABELS = {
  totalCost: "총사업비",
  subsidy: "정부지원금",
  companyShare: "기업부담금",
  quoteTotal: "견적금액",
  verifiedAmount: "원가검증금액",
  agreedCost: "협약금액",
} as const;
export type MoneyName = keyof typeof MONEY_LABELS;

// ─── Company profile (기업 정보) ──────────────────────────────────────────────
/**
 * The manufacturer's profile fields as the application shows them, in the profile page's order:
 * the facts captured at submission and compared with the profile afterwards (제출 후 변경된 회사 정보).
 */
export const PROFILE_FIELDS = [
  "name",
  "businessNumber",
  "representative",
  "phone",
  "region",
  "address",
  "eligibilityBasis",
  "diffusionCompletionYear",
  "levelCertificateNumber",
  "localProgramYear",
  "freeWarrantyEndsOn",
  "maintenanceNote",
  "paidMaintenanceContract",
  "promisingSmeCertified",
  "promisingSmeCertNumber",
  "closedOrSuspended",
  "taxDelinquent",
  "sanctioned",
  "canSelfService",
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export const PROFILE_FIELD_LABELS: Readonly<Record<ProfileField, string>> = {
  name: "기업명",
  businessNumber: "사업자등록번호",
  representative: "대표자",
  phone: "전화번호",
  region: "소재지 시·도",
  address: "주소",
  eligibilityBasis: "신청자격 구분",
  diffusionCompletionYear: "보급확산 사업 완료 연도",
  levelCertificateNumber: "스마트공장 수준확인서 번호",
  localProgramYear: "지자체 스마트공장(기초) 사업 완료 연도",
  freeWarrantyEndsOn: "공급기업 무상 하자보수 종료일",
  maintenanceNote: "유지보수 계약 내용(메모)",
  paidMaintenanceContract: "공급기업과 유상 유지보수(하자보수) 계약 중",
  promisingSmeCertified: "경기도 유망중소기업 인증 보유",
  promisingSmeCertNumber: "유망중소기업 인증번호",
  closedOrSuspended: "휴업 또는 폐업 중",
  taxDelinquent: "국세 또는 지방세 체납 중",
  sanctioned: "스마트공장 사업 관련 제재(참여제한 등) 중",
  canSelfService: "공급기업 지원 없이 자체적으로 AS 가능",
};
