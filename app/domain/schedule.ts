/**
 * The project's clock: the execution window (사업기간) with its extensions, and the deadlines of
 * the execution plan (수행계획서). Pure calendar arithmetic on IsoDates; see dates.ts.
 */
import { addDays, civilPeriodEnd, compareIsoDate, dDay, parseIsoDate, type IsoDate } from "./dates";
import { DomainError } from "./errors";
import { formatKoreanDate } from "./format";
import type { TicketState } from "./labels";
import { assertValidParams, type ProgramParams } from "./params";

/** 최대 사업기간: params.baseMonths + params.maxExtensionMonths (4 + 2 = 6개월). */
export function maxTotalMonths(params: ProgramParams): number {
  assertValidParams(params);
  return params.baseMonths + params.maxExtensionMonths;
}

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
        `(최대 사업기간 ${maxTotalMonths(params)}개월). ` +
        `이미 ${monthsExtended}개월 연장되어 ${left > 0 ? `${left}개월까지 더 신청할 수 있습니다` : "더 연장할 수 없습니다"}.`,
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
    maxEndOn: civilPeriodEnd(startOn, maxTotalMonths(params)),
    extensionMonths,
    totalMonths,
  };
}

/**
 * The window after approving `requestedMonths` more months on top of `monthsExtended`;
 * throws DomainError('extension_refused') with the Korean reason when not allowed.
 * extendWindow('2024-03-01', 2, 1, params) → refused (third month).
 */
export function extendWindow(startOn: IsoDate, monthsExtended: number, requestedMonths: number, params: ProgramParams): ExecutionWindow {
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
 * (공고 지원절차 ⑦ "10일 이내 수정 수행계획서 제출 필수"). A request sets its deadline with
 * {@link planChangeDueDate}, which never lies in the past.
 */
export function revisedPlanDueDate(costReviewResultOn: IsoDate, params: ProgramParams): IsoDate {
  assertValidParams(params);
  return addDays(costReviewResultOn, params.revisionDueDays);
}

/**
 * 수정 수행계획서 제출기한 set by a plan-change request (수행계획서 보완 요청, or a cost-review result
 * that requires a change) made on `requestedOn`, today in Asia/Seoul: params.revisionDueDays
 * counted from the request day, since the supplier can act only once asked. The cost-review
 * result date it follows (`resultOn`) counts only when it is later; an older one (a result
 * entered late, a second request after a resubmission) never puts the deadline in the past.
 * planChangeDueDate('2026-11-27', P, '2026-11-07') → '2026-12-07'.
 */
export function planChangeDueDate(requestedOn: IsoDate, params: ProgramParams, resultOn: IsoDate | null = null): IsoDate {
  const from = resultOn !== null && compareIsoDate(resultOn, requestedOn) > 0 ? resultOn : requestedOn;
  return revisedPlanDueDate(from, params);
}

// ─── Work dates ─────────────────────────────────────────────────────────────

/** The agreed execution period (사업기간): the agreement's start and its current end (approved extensions included). */
export interface ExecutionPeriod {
  startOn: IsoDate;
  endOn: IsoDate;
}

/** The codes of assertWorkDate's refusals that concern the date itself (shown on the date field). */
export const WORK_DATE_REFUSALS = ["work_date_outside_period", "work_date_future"] as const;

const earlier = (a: IsoDate, b: IsoDate): IsoDate => (compareIsoDate(a, b) <= 0 ? a : b);

/**
 * The days a work log (작업일지) may carry: from the period's start to its current end or today,
 * whichever is earlier (the date field's min and max; max < min before the period begins).
 */
export function workDateBounds(period: ExecutionPeriod, today: IsoDate): { min: IsoDate; max: IsoDate } {
  return { min: period.startOn, max: earlier(period.endOn, today) };
}

/**
 * Refuses a work date outside the agreed execution period (DomainError 'work_date_outside_period',
 * naming the period), after today ('work_date_future'), or any date when no period was agreed
 * ('no_execution_period'): work is paid for only inside the agreed period (공고 1. 사업기간).
 */
export function assertWorkDate(workedOn: IsoDate, period: ExecutionPeriod | null, today: IsoDate): void {
  if (!period) throw new DomainError("no_execution_period", "협약된 사업기간이 없어 작업일지를 쓸 수 없습니다.");
  if (compareIsoDate(workedOn, period.startOn) < 0 || compareIsoDate(workedOn, period.endOn) > 0) {
    throw new DomainError(
      "work_date_outside_period",
      `작업일자는 사업기간(${formatKoreanDate(period.startOn)} ~ ${formatKoreanDate(period.endOn)}) 안이어야 합니다.`,
    );
  }
  if (compareIsoDate(workedOn, today) > 0) {
    throw new DomainError("work_date_future", `작업일자는 오늘(${formatKoreanDate(today)}) 이후일 수 없습니다.`);
  }
}

// ─── Which deadline runs in which state ─────────────────────────────────────

/** The ticket's date columns that hold a deadline (denormalised and indexed in the database). */
export const DEADLINE_FIELDS = ["planDueOn", "revisionDueOn", "windowEndOn"] as const;
export type DeadlineField = (typeof DEADLINE_FIELDS)[number];

export interface DeadlineClock {
  /** The states in which this clock runs (no state is in two clocks). */
  states: readonly TicketState[];
  /** The ticket field holding the date. */
  field: DeadlineField;
  /** Korean name of the deadline, as on the D-day badge ("계획서 제출 D-3"). */
  what: string;
}

/**
 * The clock that runs in each state: the plan deadline once selected (지원결정), the revised
 * plan's deadline in 수행계획서 보완, the end of the execution window from the agreement until
 * the completion report. Other states have no running deadline.
 */
export const DEADLINE_CLOCKS: readonly DeadlineClock[] = [
  { states: ["selected"], field: "planDueOn", what: "계획서 제출" },
  { states: ["plan_revision"], field: "revisionDueOn", what: "보완 계획서" },
  { states: ["agreed", "funded", "in_progress"], field: "windowEndOn", what: "수행 종료" },
];

/** The clock that runs in `state`, or null (any string: unknown states have none). */
export function deadlineClockOf(state: string): DeadlineClock | null {
  return DEADLINE_CLOCKS.find((clock) => (clock.states as readonly string[]).includes(state)) ?? null;
}

/** What deadlineOf needs: the state and the three deadline columns. */
export type DeadlineFacts = { state: string } & { readonly [F in DeadlineField]: IsoDate | null };

export interface Deadline {
  what: string;
  on: IsoDate;
  field: DeadlineField;
}

/**
 * The deadline that matters for a ticket now: its state's clock and that clock's date, or null
 * when no clock runs in the state or the date is not set.
 * deadlineOf({ state: 'selected', planDueOn: '2024-03-18', … }) → { what: '계획서 제출', on: '2024-03-18', field: 'planDueOn' }.
 */
export function deadlineOf(ticket: DeadlineFacts): Deadline | null {
  const clock = deadlineClockOf(ticket.state);
  const on = clock ? ticket[clock.field] : null;
  return clock && on ? { what: clock.what, on, field: clock.field } : null;
}

/** A deadline this many days away or fewer (and not passed) is "due soon" (badges, dashboard). */
export const DUE_SOON_DAYS = 7;

export type DueStatus = "overdue" | "soon" | "later";

/**
 * 'overdue' after the due date, 'soon' from DUE_SOON_DAYS days before it to the day itself,
 * else 'later'. dueStatus('2024-03-15', '2024-03-08') → 'soon'; ('2024-03-15', '2024-03-16') → 'overdue'.
 */
export function dueStatus(due: IsoDate, today: IsoDate | Date): DueStatus {
  const d = dDay(due, today);
  return d.overdue ? "overdue" : d.days <= DUE_SOON_DAYS ? "soon" : "later";
}

/** The last due date that is still "soon" seen from `today` (today + DUE_SOON_DAYS): query bound. */
export function dueSoonUntil(today: IsoDate): IsoDate {
  return addDays(today, DUE_SOON_DAYS);
}
