// The company profile (기업 정보) and smart factory inventory forms: their zod schemas, shared by
// the routes' actions and the browser (Conform). Client-safe: zod, ~/domain, ~/utils/fields.
import { z } from "zod";
import { isEligibilityBasis, isIsoDate, isValidBusinessNumber, josa } from "~/domain";
import { fields } from "~/utils/fields";

export const SYSTEM_KINDS = ["MES", "ERP", "PLM", "POP", "SCM", "WMS", "QMS", "FEMS", "other"] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];
export const SYSTEM_KIND_LABELS: Readonly<Record<SystemKind, string>> = {
  MES: "MES",
  ERP: "ERP",
  PLM: "PLM",
  POP: "POP",
  SCM: "SCM",
  WMS: "WMS",
  QMS: "QMS",
  FEMS: "FEMS",
  other: "기타",
};

/** 시·도 (the address's first part; the program's region is one of them). */
export const REGIONS = [
  "서울특별시",
  "부산광역시",
  "대구광역시",
  "인천광역시",
  "광주광역시",
  "대전광역시",
  "울산광역시",
  "세종특별자치시",
  "경기도",
  "강원특별자치도",
  "충청북도",
  "충청남도",
  "전북특별자치도",
  "전라남도",
  "경상북도",
  "경상남도",
  "제주특별자치도",
] as const;

const year = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v);
      if (!/^\d{4}$/.test(v) || n < 1990 || n > 2100) {
        ctx.addIssue({ code: "custom", message: `${josa(label, "은", "는")} 네 자리 연도(예: 2023)로 입력해 주세요.` });
        return z.NEVER;
      }
      return n;
    });

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!isIsoDate(v)) {
        ctx.addIssue({ code: "custom", message: `${josa(label, "은", "는")} 올바른 날짜(YYYY-MM-DD)여야 합니다.` });
        return z.NEVER;
      }
      return v;
    });

export const ProfileSchema = z.object({
  version: fields.version,
  name: fields.text("기업명", 100),
  businessNumber: z
    .string({ error: "사업자등록번호를 입력해 주세요." })
    .trim()
    .min(1, "사업자등록번호를 입력해 주세요.")
    .refine(isValidBusinessNumber, "사업자등록번호가 올바르지 않습니다. 10자리 번호(예: 123-45-67890)를 확인해 주세요."),
  representative: fields.optionalText("대표자", 50),
  address: fields.text("주소", 300),
  region: z.enum(REGIONS, { error: "시·도를 선택해 주세요." }),
  phone: fields.optionalText("전화번호", 30),
  eligibilityBasis: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!isEligibilityBasis(v)) {
        ctx.addIssue({ code: "custom", message: "신청자격 구분을 다시 선택해 주세요." });
        return z.NEVER;
      }
      return v;
    }),
  diffusionCompletionYear: year("보급확산 사업 완료 연도"),
  levelCertificateNumber: fields.optionalText("수준확인서 번호", 50),
  localProgramYear: year("지자체 사업 완료 연도"),
  freeWarrantyEndsOn: optionalDate("무상 하자보수 종료일"),
  paidMaintenanceContract: fields.checkbox,
  maintenanceNote: fields.optionalText("유지보수 계약 내용", 500),
  promisingSmeCertified: fields.checkbox,
  promisingSmeCertNumber: fields.optionalText("유망중소기업 인증번호", 50),
  closedOrSuspended: fields.checkbox,
  taxDelinquent: fields.checkbox,
  sanctioned: fields.checkbox,
  canSelfService: fields.checkbox,
});

export const SystemSchema = z.object({
  version: fields.version,
  kind: z.enum(SYSTEM_KINDS, { error: "시스템 종류를 선택해 주세요." }),
  name: fields.text("시스템 이름", 100),
  vendorName: fields.optionalText("구축 공급기업", 100),
  buildYear: year("구축 연도"),
  note: fields.optionalText("비고", 500),
});

export const HardwareSchema = z.object({
  version: fields.version,
  name: fields.text("HW 이름", 100),
  model: fields.optionalText("모델명", 100),
  serialNumber: fields.optionalText("시리얼 번호", 100),
});

/** A delete button's form: only the version it was opened on. */
export const RemoveSchema = z.object({ version: fields.version });
