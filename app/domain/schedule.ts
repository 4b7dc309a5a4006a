/**
 * The project's clock: the execution window (사업기간) with its extensions, and the deadlines of
 * the execution plan (수행계획서). Pure calendar arithmetic on IsoDates; see dates.ts.
 */
import { addDays, civilPeriodEnd, parseIsoDate, type IsoDate } from "./dates";
import { DomainError } from "./errors";
import { assertValidParams, type ProgramParams } from "./params";

export interface ExtensionCheck {
  allowed: boolean;
  /** Korean reasons when refused (empty when allowed). */
  reasons: string[];
}

/**
 * May `requestedMonths` more months be added to a window already extended by `monthsExtended`?
 * Whole months ≥ 1, and never beyond params.maxExtensionMonths in total (공고 1. 사업기간:
 * "연장 신청 및 승인을 통해 최대 2개월까지 연장 가능", "최대 사업기간 6개월 초과 불가").
 */
export function checkExtension(monthsExtended: number, requestedMonths: number, params: ProgramParams): ExtensionCheck {
  assertValidParams(params);
  const reasons: string[] = [];
  if (!Number.isSafeInteger(monthsExtended) || monthsExtended < 0) {
    reasons.push(`이미 연장된 기간이 올바르지 않습니다 (${String(monthsExtended)}개월).`);
  } else if (!Number.isSafeInteger(requestedMonths) || requestedMonths < 1) {
    reasons.push(`연장은 1개월 이상 개월 단위로 신청해야 합니다 (${String(requestedMonths)}개월).`);
  } else if (monthsExtended + requestedMonths > params.maxExtensionMonths) {
    const left = Math.max(0, params.maxExtensionMonths - monthsExtended);
    reasons.push(
      `사업기간은 최대 ${params.maxExtensionMonths}개월까지만 연장할 수 있습니다 ` +
        `(최대 사업기간 ${params.baseMonths + params.maxExtensionMonths}개월). ` +
        `이미 ${monthsExtended}개월 연장되어 ${
          left > 0 ? `${left}개월까지 더 신청할 수 있습니다` : "더 연장할 수 없습니다"
        }.`
    );
  }
  return { allowed: reasons.length === 0, reasons };
}

export interface ExecutionWindow {
  /** 사업 시작일 (the agreement's start date, counted as day one). */
  startOn: IsoDate;
  /** End of the base period (params.baseMonths). */
  baseEndOn: IsoDate;
  /** End with the given extension: the last day on which work may be done. */
  endOn: IsoDate;
  /** End if the full params.maxExtensionMonths were granted: no window ever ends later. */
  maxEndOn: IsoDate;
  extensionMonths: number;
  totalMonths: number;
}

/**
 * The execution window from the agreement's start date (included) for baseMonths +
 * `extensionMonths` months, each end computed from the start date (not chained) per 민법 제160조
 * (see {@link civilPeriodEnd}). Throws DomainError('extension_refused') beyond the maximum.
 * 2024-03-01 → 2024-06-30, +2 → 2024-08-31; 2024-10-31 → 2025-02-28, +2 → 2025-04-30.
 */
export function executionWindow(startOn: IsoDate, extensionMonths: number, params: ProgramParams): ExecutionWindow {
  parseIsoDate(startOn);
  const check = checkExtension(0, extensionMonths, params);
  if (extensionMonths !== 0 && !check.allowed) {
    throw new DomainError("extension_refused", check.reasons.join(" "), check.reasons);
  }
  const totalMonths = params.baseMonths + extensionMonths;
  return {
    startOn,
    baseEndOn: civilPeriodEnd(startOn, params.baseMonths),
    endOn: civilPeriodEnd(startOn, totalMonths),
    maxEndOn: civilPeriodEnd(startOn, params.baseMonths + params.maxExtensionMonths),
    extensionMonths,
    totalMonths,
  };
}

/**
 * The window after approving `requestedMonths` more months on top of `monthsExtended`;
 * throws DomainError('extension_refused') with the Korean reason when not allowed.
 * extendWindow('2024-03-01', 2, 1, params) → refused (third month).
 */
export function extendWindow(
  startOn: IsoDate,
  monthsExtended: number,
  requestedMonths: number,
  params: ProgramParams
): ExecutionWindow {
  const check = checkExtension(monthsExtended, requestedMonths, params);
  if (!check.allowed) throw new DomainError("extension_refused", check.reasons.join(" "), check.reasons);
  return executionWindow(startOn, monthsExtended + requestedMonths, params);
}

/**
 * 수행계획서 제출기한 (and the day work must have started): the selection notice date +
 * params.planDueDays (공고 5. "선정 통보일로부터 14일 이내 수행계획서 제출 및 사업에 착수").
 * Per 민법 제157조 the notice day itself is not counted, so 2024-03-04 + 14 → 2024-03-18.
 */
export function planDueDate(selectionNoticeOn: IsoDate, params: ProgramParams): IsoDate {
  assertValidParams(params);
  return addDays(selectionNoticeOn, params.planDueDays);
}

/**
 * 수정 수행계획서 제출기한: the cost-review result date + params.revisionDueDays
 * (공고 지원절차 ⑦ "10일 이내 수정 수행계획서 제출 필수"). Also used when the plan review asks
 * for changes before the cost review (then pass the date of that request).
 */
export function revisedPlanDueDate(costReviewResultOn: IsoDate, params: ProgramParams): IsoDate {
  assertValidParams(params);
  return addDays(costReviewResultOn, params.revisionDueDays);
}
