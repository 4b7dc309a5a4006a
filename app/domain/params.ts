/**
 * The parameters of one call for applications (공고). Every rule in app/domain/ reads its
 * figures from a ProgramParams object passed in by the caller (the Program row), never from a
 * constant; GYEONGGI_2024_PARAMS is the seed value for 경기테크노파크 공고 제2024-5호.
 */
import { DomainError } from "./errors";

export interface ProgramParams {
  /** 정부지원 비율, basis points: 5000 = 50 % (공고 1. 지원조건 "소요비용의 50% 지원"). */
  subsidyRateBp: number;
  /** 기업당 정부지원금 한도, KRW (공고 "최대 16백만원"). */
  subsidyCap: number;
  /** 기본 사업기간, months (공고 "4개월"). */
  baseMonths: number;
  /** 최대 연장, months in total (공고 "연장 2개월", "최대 사업기간 6개월 초과 불가"). */
  maxExtensionMonths: number;
  /** 수행계획서 제출기한: days after the selection notice (공고 5. 유의사항 "선정 통보일로부터 14일 이내"). */
  planDueDays: number;
  /** 수정 수행계획서 제출기한: days after the cost-review result (공고 지원절차 ⑦ "10일 이내"). */
  revisionDueDays: number;
  /** 현장평가 합격 점수 (공고 4. "60점 이상인 경우 지원대상으로 선정"). */
  passMark: number;
  /** 지원 기업 수 (공고 "64개사"). */
  capacity: number;
  /** 사업 전체 정부지원금 예산, KRW (공고 "예산소진시까지"). */
  subsidyBudget: number;
  /** 증명서 유효기간, months from the issue date (공고 신청서류 ②③ "발행일로부터 3개월 이내"). */
  documentValidityMonths: number;
  /**
   * 지원 지역 (시·도), e.g. '경기도' (공고 3. "경기도 소재 기업"). Optional so that a Program row
   * without it still type-checks, but eligibility fails closed (reason 'program_rule_missing')
   * when it is absent. Supply it from the Technopark's region.
   */
  region?: string;
  /**
   * 지자체 기초 스마트공장 사업: earliest qualifying year (공고 3. 신청자격 ③ "23년 이후").
   * Optional for the same reason as `region`; a local_program applicant is refused with
   * 'program_rule_missing' when it is absent.
   */
  localProgramSinceYear?: number;
}

/** 경기테크노파크 공고 제2024-5호 (2024년도 스마트공장 AS지원사업): the seed value. */
export const GYEONGGI_2024_PARAMS: Readonly<Required<ProgramParams>> = Object.freeze({
  subsidyRateBp: 5000,
  subsidyCap: 16_000_000,
  baseMonths: 4,
  maxExtensionMonths: 2,
  planDueDays: 14,
  revisionDueDays: 10,
  passMark: 60,
  capacity: 64,
  subsidyBudget: 64 * 16_000_000,
  documentValidityMonths: 3,
  region: "경기도",
  localProgramSinceYear: 2023,
});

/** Korean names of the parameters, for forms and error messages. */
export const PARAM_LABELS: Readonly<Record<keyof ProgramParams, string>> = {
  subsidyRateBp: "정부지원 비율",
  subsidyCap: "기업당 정부지원금 한도",
  baseMonths: "기본 사업기간(개월)",
  maxExtensionMonths: "최대 연장기간(개월)",
  planDueDays: "수행계획서 제출기한(일)",
  revisionDueDays: "수정 수행계획서 제출기한(일)",
  passMark: "현장평가 합격 점수",
  capacity: "지원 기업 수",
  subsidyBudget: "정부지원금 총예산",
  documentValidityMonths: "증명서 유효기간(개월)",
  region: "지원 지역(시·도)",
  localProgramSinceYear: "지자체 사업 인정 시작 연도",
};

const INTEGER_KEYS = [
  "subsidyRateBp",
  "subsidyCap",
  "baseMonths",
  "maxExtensionMonths",
  "planDueDays",
  "revisionDueDays",
  "passMark",
  "capacity",
  "subsidyBudget",
  "documentValidityMonths",
] as const;

/**
 * Every problem with a parameter set, in Korean (empty when valid): integers ≥ 0 that are safe,
 * a rate of at most 10000 bp (100 %), a base period and a certificate validity of at least one
 * month, a non-empty region and an integer year when given.
 */
export function paramProblems(params: ProgramParams): string[] {
  const problems: string[] = [];
  for (const key of INTEGER_KEYS) {
    const value = params[key];
    if (!Number.isSafeInteger(value) || value < 0) {
      problems.push(`${PARAM_LABELS[key]}: 0 이상의 정수여야 합니다 (${String(value)}).`);
    }
  }
  if (params.subsidyRateBp > 10000) problems.push(`${PARAM_LABELS.subsidyRateBp}: 100%(10000)를 넘을 수 없습니다.`);
  if (params.baseMonths < 1) problems.push(`${PARAM_LABELS.baseMonths}: 1개월 이상이어야 합니다.`);
  if (params.documentValidityMonths < 1) problems.push(`${PARAM_LABELS.documentValidityMonths}: 1개월 이상이어야 합니다.`);
  if (params.region !== undefined && params.region.trim() === "") problems.push(`${PARAM_LABELS.region}: 비어 있습니다.`);
  if (params.localProgramSinceYear !== undefined && !Number.isSafeInteger(params.localProgramSinceYear)) {
    problems.push(`${PARAM_LABELS.localProgramSinceYear}: 정수여야 합니다.`);
  }
  return problems;
}

/** Throws DomainError('invalid_params') listing {@link paramProblems} when there are any. */
export function assertValidParams(params: ProgramParams): void {
  const problems = paramProblems(params);
  if (problems.length > 0) {
    throw new DomainError("invalid_params", `사업 설정값이 올바르지 않습니다. ${problems.join(" ")}`, problems);
  }
}
