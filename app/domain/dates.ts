/**
 * Calendar dates of the program (ISO 'YYYY-MM-DD' strings) and the Asia/Seoul calendar.
 *
 * All arithmetic is integer arithmetic on day numbers (days since 1970-01-01); no `Date`
 * object is ever read through local-time getters, so no answer depends on the process TZ.
 * Seoul is UTC+9 all year (no daylight saving time since 1988).
 */
import { DomainError } from "./errors";

/** A calendar date 'YYYY-MM-DD' (years 0001–9999), always a real day of the Gregorian calendar. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** Asia/Seoul: UTC+9, no DST. */
const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Gregorian leap year (2024, 2000: yes; 2023, 1900: no). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** True for a string 'YYYY-MM-DD' naming a day that exists (so '2023-02-29' is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  const m = ISO_DATE.exec(value);
  return m !== null && validParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Splits a date into numbers; throws DomainError('invalid_date') when it is not a valid IsoDate. */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  if (!isIsoDate(date)) {
    throw new DomainError("invalid_date", `날짜 형식이 올바르지 않습니다: "${String(date)}" (YYYY-MM-DD)`);
  }
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Builds an IsoDate; throws DomainError('invalid_date') for a day that does not exist. */
export function toIsoDate(year: number, month: number, day: number): IsoDate {
  if (!validParts(year, month, day)) {
    throw new DomainError("invalid_date", `존재하지 않는 날짜입니다: ${year}-${month}-${day}`);
  }
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Days since 1970-01-01 (negative before). H. Hinnant's days_from_civil. */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link dayNumber}. */
export function fromDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return toIsoDate(year, month, day);
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) {
    throw new DomainError("invalid_days", `일수는 정수여야 합니다: ${String(days)}`);
  }
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** -1, 0 or 1 as `a` is before, on or after `b` (both validated). */
export function compareIsoDate(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return Math.sign(dayNumber(a) - dayNumber(b)) as -1 | 0 | 1;
}

/**
 * Last day of a period of `months` months whose first day (included) is `start`,
 * per 민법 제160조: "최후의 월에서 그 기산일에 해당한 날의 전일로 기간이 만료" (②), and
 * "최종의 월에 해당일이 없는 때에는 그 월의 말일로 기간이 만료" (③).
 * A period starting on the 1st ends on the last day of the (months−1)-th following month (①).
 *
 * civilPeriodEnd('2024-03-01', 4) = '2024-06-30'; ('2024-01-31', 4) = '2024-05-30';
 * ('2023-10-30', 4) = '2024-02-29'; ('2024-10-31', 4) = '2025-02-28'.
 */
export function civilPeriodEnd(start: IsoDate, months: number): IsoDate {
  if (!Number.isSafeInteger(months) || months < 1) {
    throw new DomainError("invalid_months", `기간(개월)은 1 이상의 정수여야 합니다: ${String(months)}`);
  }
  const { year, month, day } = parseIsoDate(start);
  const index = month - 1 + months;
  const targetYear = year + Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const last = daysInMonth(targetYear, targetMonth);
  if (day > last) return toIsoDate(targetYear, targetMonth, last);
  return addDays(toIsoDate(targetYear, targetMonth, day), -1);
}

/**
 * The calendar date in Asia/Seoul at `instant`. Fixed +9 h arithmetic: independent of the
 * process TZ. seoulDate(new Date('2024-03-01T15:00:30Z')) = '2024-03-02'.
 */
export function seoulDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) {
    throw new DomainError("invalid_instant", "시각 값이 올바르지 않습니다.");
  }
  return fromDayNumber(Math.floor((ms + SEOUL_OFFSET_MS) / MS_PER_DAY));
}

/** An instant becomes its Seoul date; an IsoDate is validated and returned. */
export function toSeoulDate(value: IsoDate | Date): IsoDate {
  if (value instanceof Date) return seoulDate(value);
  parseIsoDate(value);
  return value;
}

export interface DDay {
  /** due − today in calendar days: 3 = three days left, 0 = due today, −2 = two days late. */
  days: number;
  overdue: boolean;
  /** 'D-3', 'D-day', 'D+2'. */
  label: string;
}

/**
 * D-day of a due date seen from `today` (an instant, read in Seoul, or an IsoDate).
 * dDay('2024-03-15', '2024-03-12') → { days: 3, overdue: false, label: 'D-3' }.
 */
export function dDay(due: IsoDate, today: IsoDate | Date): DDay {
  const days = daysBetween(toSeoulDate(today), due);
  const label = days > 0 ? `D-${days}` : days === 0 ? "D-day" : `D+${-days}`;
  return { days, overdue: days < 0, label };
}
