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

/** How a word's last syllable ends, as far as the particle after it cares: 로 follows a vowel and ㄹ alike. */
type Ending = "vowel" | "rieul" | "consonant";

/**
 * A gloss in brackets after a word — 운영기관(TP), 커피(coffee), 한국평가(홍길동) — takes the particle of the word
 * before it (한글 맞춤법 문장 부호: 괄호 뒤의 조사는 괄호 앞말에 맞춘다); a word that is all brackets keeps its inside.
 */
const TRAILING_GLOSS = /(?<=\S)\([^()]*\)$/;
/** Closing quotes and a trailing ellipsis are not read aloud: the particle agrees with what they close or cut. */
const SILENT_TAIL = /[)\]}"'”’」』>…]+$/;
/** Digits as read in Korean: 영 일 이 삼 사 오 육 칠 팔 구 (a final 0 reads 영·십·백·천·만: all consonants). */
const DIGIT_ENDINGS: readonly Ending[] = ["consonant", "rieul", "vowel", "consonant", "vowel", "vowel", "consonant", "rieul", "rieul", "vowel"];
/** Latin letters read by their Korean names: 엘 and 알 end in ㄹ, 엠 and 엔 in a consonant, the others (에이, 비, 씨, …) in a vowel. */
const LETTER_ENDINGS: Readonly<Record<string, Ending>> = { l: "rieul", r: "rieul", m: "consonant", n: "consonant" };

/** The ending of `word` as spoken, or null when its last character cannot be read (a symbol, nothing). */
function spokenEnding(word: string): Ending | null {
  const last = word.replace(TRAILING_GLOSS, "").replace(SILENT_TAIL, "").slice(-1);
  const syllable = last.charCodeAt(0) - 0xac00;
  if (syllable >= 0 && syllable < 11172) {
    const final = syllable % 28; // 0: no final consonant, 8: ㄹ
    return final === 0 ? "vowel" : final === 8 ? "rieul" : "consonant";
  }
  if (/^\d$/.test(last)) return DIGIT_ENDINGS[Number(last)];
  if (/^[a-z]$/i.test(last)) return LETTER_ENDINGS[last.toLowerCase()] ?? "vowel";
  return null;
}

/**
 * The Korean particle that fits `word`, chosen as the word is read aloud:
 * josa('견적금액', '은', '는') → "견적금액은", josa('PC', '은', '는') → "PC는" (씨), josa('demo.kr', '으로', '로') →
 * "demo.kr로" (알), josa('서울', '으로', '로') → "서울로" (ㄹ takes 로). Pairs: 은/는, 이/가, 을/를, 과/와, 으로/로.
 * Only a word whose end cannot be read at all (a symbol, nothing) gets both forms, e.g. "★이(가)".
 */
export function josa(word: string, afterConsonant: string, afterVowel: string): string {
  return `${word}${particle(word, afterConsonant, afterVowel)}`;
}

/** The particle alone, for markup that sets the word apart: <strong>{email}</strong>{particle(email, "으로", "로")}. */
export function particle(word: string, afterConsonant: string, afterVowel: string): string {
  const ending = spokenEnding(word);
  const rieulTakesVowelForm = afterConsonant === "으로";
  if (ending === null) return rieulTakesVowelForm ? "(으)로" : `${afterConsonant}(${afterVowel})`;
  const vowelForm = ending === "vowel" || (ending === "rieul" && rieulTakesVowelForm);
  return vowelForm ? afterVowel : afterConsonant;
}
