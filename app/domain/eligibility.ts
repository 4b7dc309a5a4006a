/**
 * Who may apply (공고 3. 신청자격, 5. 지원제외 대상 및 유의사항). Answers with data: every reason
 * an applicant is refused, in Korean, with the notice clause it comes from.
 */
import { compareIsoDate, parseIsoDate, type IsoDate } from "./dates";
import { formatKoreanDate } from "./format";
import { BASIS_LABELS, PROFILE_FIELDS, PROFILE_FIELD_LABELS, type EligibilityBasis, type ProfileField } from "./labels";
import { CLAUSES } from "./notice";
import { assertValidParams, type ProgramParams } from "./params";

/** A company on a ticket: its id and 사업자등록번호 (with or without hyphens). */
export interface CompanyRef {
  id: string;
  businessNumber: string;
}

/**
 * The manufacturer's profile, field for field as on the Organization row (schema.prisma),
 * so a row can be passed as it is.
 */
export interface ApplicantProfile extends CompanyRef {
  /** 시·도 of the company, e.g. '경기도' (a full address starting with it is accepted too). */
  region: string;
  eligibilityBasis: EligibilityBasis | null;
  /** Year the national diffusion project was completed; null = not completed. */
  diffusionCompletionYear: number | null;
  /** 스마트공장 수준확인서 number (self-built basis). */
  levelCertificateNumber: string | null;
  /** Year of the completed local-government (basic) smart factory project; null = none. */
  localProgramYear: number | null;
  /** A paid maintenance (유상 하자보수·유지보수) contract with a supplier is in force. */
  paidMaintenanceContract: boolean;
  /** Last day of the supplier's free warranty (무상 하자보수), if any. */
  freeWarrantyEndsOn: IsoDate | null;
  closedOrSuspended: boolean;
  taxDelinquent: boolean;
  sanctioned: boolean;
  canSelfService: boolean;
}

export interface Finding {
  code: string;
  /** Korean, shown as is. */
  message: string;
  /** The notice clause, see CLAUSES. */
  clause: string;
}

export interface EligibilityResult {
  eligible: boolean;
  /** Every reason for refusal (empty when eligible). */
  reasons: Finding[];
}

const BRN_FORMAT = /^(\d{3}-\d{2}-\d{5}|\d{10})$/;
const BRN_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/** '123-45-67890' or '1234567890' → '1234567890'; anything else → null. */
export function normalizeBusinessNumber(brn: string): string | null {
  const trimmed = brn.trim();
  return BRN_FORMAT.test(trimmed) ? trimmed.replace(/-/g, "") : null;
}

/**
 * The official 사업자등록번호 check: 10 digits (hyphenated 3-2-5 or bare), weights
 * 1,3,7,1,3,7,1,3,5 on the first nine, plus floor(9th digit × 5 / 10); the check digit is
 * (10 − sum mod 10) mod 10. isValidBusinessNumber('220-81-62517') → true.
 */
export function isValidBusinessNumber(brn: string): boolean {
  const digits = normalizeBusinessNumber(brn);
  if (digits === null) return false;
  const d = [...digits].map(Number);
  const sum = BRN_WEIGHTS.reduce((acc, w, i) => acc + w * d[i], 0) + Math.floor((d[8] * 5) / 10);
  return (10 - (sum % 10)) % 10 === d[9];
}

/**
 * True when `value` (a 시·도 or an address) lies in `region`: equal to it or to its short form
 * (경기도 → 경기, 서울특별시 → 서울), or starting with either followed by a space.
 */
export function isInRegion(value: string, region: string): boolean {
  const v = value.trim();
  const full = region.trim();
  const short = full.replace(/(특별자치도|특별자치시|특별시|광역시|도)$/, "");
  return [full, short].some((name) => name !== "" && (v === name || v.startsWith(`${name} `)));
}

/** Same company: same id, or the same valid-format business registration number. */
export function sameCompany(a: CompanyRef, b: CompanyRef): boolean {
  if (a.id === b.id) return true;
  const na = normalizeBusinessNumber(a.businessNumber);
  return na !== null && na === normalizeBusinessNumber(b.businessNumber);
}

function basisFindings(applicant: ApplicantProfile, params: ProgramParams): Finding[] {
  switch (applicant.eligibilityBasis) {
    case "diffusion":
      return applicant.diffusionCompletionYear === null
        ? [
            {
              code: "diffusion_not_completed",
              message: "스마트공장 보급확산 사업을 완료한 기업만 이 자격으로 신청할 수 있습니다.",
              clause: CLAUSES.basisDiffusion,
            },
          ]
        : [];
    case "self_built":
      return (applicant.levelCertificateNumber ?? "").trim() === ""
        ? [
            {
              code: "level_certificate_missing",
              message: "자체 구축 기업은 스마트공장 수준확인서를 발급받아야 합니다 (수준확인서 번호 없음).",
              clause: CLAUSES.basisSelfBuilt,
            },
          ]
        : [];
    case "local_program": {
      const since = params.localProgramSinceYear;
      if (since === undefined) {
        return [
          {
            code: "program_rule_missing",
            message: "사업 설정에 지자체 사업 인정 시작 연도가 없어 신청자격을 확인할 수 없습니다. 운영기관에 문의하세요.",
            clause: CLAUSES.basisLocal,
          },
        ];
      }
      if (applicant.localProgramYear === null) {
        return [
          {
            code: "local_program_not_completed",
            message: `${BASIS_LABELS.local_program}만 이 자격으로 신청할 수 있습니다.`,
            clause: CLAUSES.basisLocal,
          },
        ];
      }
      return applicant.localProgramYear < since
        ? [
            {
              code: "local_program_too_old",
              message: `지자체 스마트공장(기초) 사업은 ${since}년 이후 참여·완료한 경우만 인정됩니다 (${applicant.localProgramYear}년).`,
              clause: CLAUSES.basisLocal,
            },
          ]
        : [];
    }
    default: // null, or a value that is not a basis
      return [
        {
          code: "basis_missing",
          message: "신청자격 구분(보급확산 / 자체구축 / 지자체 사업)을 선택하세요.",
          clause: CLAUSES.basisDiffusion,
        },
      ];
  }
}

/**
 * Applicant eligibility on `today` (a Seoul calendar date): region, basis with its evidence,
 * no paid maintenance contract and no free warranty still running (a warranty ending on or after
 * `today` disqualifies), not closed/suspended, not tax-delinquent, not sanctioned, not able to do
 * the AS itself, a valid business number, and a supplier that is a different company
 * (공고 3. 신청자격; 5. 지원제외 대상; 5. 유의사항 "도입기업과 공급기업은 동일할 수 없음").
 */
export function checkEligibility(applicant: ApplicantProfile, supplier: CompanyRef, today: IsoDate, params: ProgramParams): EligibilityResult {
  assertValidParams(params);
  parseIsoDate(today);
  const reasons: Finding[] = [];

  if (params.region === undefined) {
    reasons.push({
      code: "program_rule_missing",
      message: "사업 설정에 지원 지역이 없어 소재지를 확인할 수 없습니다. 운영기관에 문의하세요.",
      clause: CLAUSES.region,
    });
  } else if (!isInRegion(applicant.region, params.region)) {
    reasons.push({
      code: "outside_region",
      message: `${params.region} 소재 기업만 신청할 수 있습니다 (소재지: ${applicant.region.trim() || "미입력"}).`,
      clause: CLAUSES.region,
    });
  }
  if (!isValidBusinessNumber(applicant.businessNumber)) {
    reasons.push({
      code: "invalid_business_number",
      message: `사업자등록번호가 올바르지 않습니다 (${applicant.businessNumber}).`,
      clause: CLAUSES.documents,
    });
  }
  reasons.push(...basisFindings(applicant, params));
  if (applicant.paidMaintenanceContract) {
    reasons.push({
      code: "paid_maintenance",
      message: "공급기업과 유상 하자보수(유지보수) 계약 중인 기업은 신청할 수 없습니다.",
      clause: CLAUSES.noWarranty,
    });
  }
  if (applicant.freeWarrantyEndsOn !== null && compareIsoDate(applicant.freeWarrantyEndsOn, today) >= 0) {
    reasons.push({
      code: "free_warranty_active",
      message: `공급기업의 무상 하자보수 기간(${formatKoreanDate(applicant.freeWarrantyEndsOn)}까지) 중에는 신청할 수 없습니다.`,
      clause: CLAUSES.noWarranty,
    });
  }
  if (applicant.closedOrSuspended)
    reasons.push({
      code: "closed_or_suspended",
      message: "휴업 또는 폐업 중인 기업은 지원 대상이 아닙니다.",
      clause: CLAUSES.closed,
    });
  if (applicant.taxDelinquent)
    reasons.push({
      code: "tax_delinquent",
      message: "국세 또는 지방세 체납 중인 기업은 지원 대상이 아닙니다.",
      clause: CLAUSES.taxDelinquent,
    });
  if (applicant.sanctioned)
    reasons.push({
      code: "sanctioned",
      message: "스마트공장 사업 관련 제재(참여제한 등) 중인 기업은 지원 대상이 아닙니다.",
      clause: CLAUSES.sanctioned,
    });
  if (applicant.canSelfService)
    reasons.push({
      code: "can_self_service",
      message: "공급기업의 지원 없이 자체적으로 AS가 가능한 기업은 지원 대상이 아닙니다.",
      clause: CLAUSES.selfService,
    });
  if (sameCompany(applicant, supplier)) {
    reasons.push({
      code: "same_company",
      message: "도입기업과 공급기업은 같은 회사일 수 없습니다.",
      clause: CLAUSES.differentCompanies,
    });
  }
  return { eligible: reasons.length === 0, reasons };
}

// ─── The application as submitted (신청 당시 기업 정보) ─────────────────────────

/**
 * The company as its application shows it: the eligibility facts plus the profile's other fields.
 * Captured at submission, so the review reads what was submitted (PROFILE_FIELDS lists every
 * field but the id, in the profile page's order).
 */
export interface SubmittedCompany extends ApplicantProfile {
  name: string;
  representative: string | null;
  address: string;
  phone: string | null;
  maintenanceNote: string | null;
  promisingSmeCertified: boolean;
  promisingSmeCertNumber: string | null;
}

/** One field that differs between the application as submitted and the profile now, as shown. */
export interface ProfileChange {
  field: ProfileField;
  /** Korean, PROFILE_FIELD_LABELS. */
  label: string;
  before: string;
  after: string;
}

/** '1248112344' (or hyphenated) → '124-81-12344'; anything that is not a 사업자등록번호 as it is. */
export function formatBusinessNumber(brn: string): string {
  const digits = normalizeBusinessNumber(brn);
  return digits === null ? brn : `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
}

/** Text fields that are not shown as typed. */
const FIELD_TEXT: Partial<Record<ProfileField, (value: string) => string>> = {
  businessNumber: formatBusinessNumber,
  eligibilityBasis: (value) => BASIS_LABELS[value as EligibilityBasis],
  freeWarrantyEndsOn: formatKoreanDate,
};

/** One field of the company in Korean: 예/아니요, 'NNNN년' (every number of the profile is a year), dates, labels; 미입력 when empty. */
export function profileValueText(field: ProfileField, company: SubmittedCompany): string {
  const value = company[field];
  if (typeof value === "boolean") return value ? "예" : "아니요";
  if (typeof value === "number") return `${value}년`;
  const text = (value ?? "").trim();
  if (text === "") return "미입력";
  return (FIELD_TEXT[field] ?? ((v: string) => v))(text);
}

/**
 * What changed in the company profile since the application was submitted (제출 후 변경된 회사 정보):
 * every field whose shown value differs, before → after, in the profile page's order. Whitespace
 * and the business number's hyphens are not changes: the comparison is on the shown text.
 */
export function profileChanges(submitted: SubmittedCompany, current: SubmittedCompany): ProfileChange[] {
  return PROFILE_FIELDS.flatMap((field) => {
    const before = profileValueText(field, submitted);
    const after = profileValueText(field, current);
    return before === after ? [] : [{ field, label: PROFILE_FIELD_LABELS[field], before, after }];
  });
}
