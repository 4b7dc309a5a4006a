/**
 * Display formats for the UI: amounts in won, Korean calendar dates, rates, and the Korean
 * particle that follows a word (은/는, 이/가, 을/를).
 */
import { DomainError } from "./errors";
import { parseIsoDate, type IsoDate } from "./dates";

/** 1234567 → "1,234,567". Throws on a value that is not a safe integer. */
export function formatNumber(value: number): string {
  if (!Number.isSafeInteger(value)) {
    throw new DomainError("invalid_number", `표시할 수 없는 금액입니다: ${String(value)}`);
  }
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return value < 0 ? `-${digits}` : digits;
}

/** Whole won with grouping: formatKRW(16000000) → "16,000,000원". */
export function formatKRW(amount: number): string {
  return `${formatNumber(amount)}원`;
}

/** Basis points as a percentage: 5000 → "50%", 1250 → "12.5%", 3333 → "33.33%". */
export function formatRateBp(bp: number): string {
  const whole = formatNumber(Math.trunc(bp / 100));
  const rest = Math.abs(bp % 100);
  const fraction = rest === 0 ? "" : `.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
  return `${whole}${fraction}%`;
}

/** '2024-03-01' → "2024년 3월 1일". */
export function formatKoreanDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${year}년 ${month}월 ${day}일`;
}

/** '2024-03-01' → "2024. 3. 1." (the short form used in tables and in the notice itself). */
export function formatKoreanDateShort(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${year}. ${month}. ${day}.`;
}

/**
 * The Korean particle that fits `word`: josa('견적금액', '은', '는') → "견적금액은".
 * A word that does not end in a Hangul syllable gets both forms, e.g. "PC은(는)".
 */
export function josa(word: string, afterConsonant: string, afterVowel: string): string {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  if (!(code >= 0 && code < 11172)) return `${word}${afterConsonant}(${afterVowel})`;
  return `${word}${code % 28 === 0 ? afterVowel : afterConsonant}`;
}
