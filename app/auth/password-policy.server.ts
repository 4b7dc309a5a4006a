// The password rules (issue 14, item 4; docs/decisions/022): long enough, not the person's own
// address or company, and not guessable — judged by zxcvbn-ts with its common and English
// dictionaries (leaked-password lists, names, words, keyboard patterns, dates, l33t), to which the
// person's own address, name and company are added for each check.
import { createRequire } from "node:module";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import type * as ZxcvbnCommon from "@zxcvbn-ts/language-common";
import type * as ZxcvbnEn from "@zxcvbn-ts/language-en";

export const PASSWORD_MIN_LENGTH = 10;
/** bcrypt reads only the first 72 bytes: a longer password would be silently cut, so it is refused instead. */
export const PASSWORD_MAX_BYTES = 72;
/**
 * zxcvbn's score 3 = "safely unguessable", about 10^8 guesses or more. Scores 0–2 are what
 * online guessing and a stolen hash list break first; 4 would refuse many good passphrases.
 */
export const PASSWORD_MIN_SCORE = 3;

export type PasswordContext = { email: string; companyName?: string | null; name?: string | null };

let factory: ZxcvbnFactory | undefined;

const requireOnFirstUse = createRequire(import.meta.url);

/**
 * The dictionaries are large (about 11 MB of heap): loaded and built once per process on the first
 * password checked, not at start, since most processes never check one (ADR 016: the server's idle
 * memory is part of every export's peak).
 */
function estimator(): ZxcvbnFactory {
  if (!factory) {
    const common = requireOnFirstUse("@zxcvbn-ts/language-common") as typeof ZxcvbnCommon;
    const en = requireOnFirstUse("@zxcvbn-ts/language-en") as typeof ZxcvbnEn;
    factory = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
  }
  return factory;
}

/** Lower-cased, without spaces, dots, dashes and the like: "Kim.Tech-2024" and "kimtech2024" compare equal. */
function squash(value: string): string {
  return value
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s._\-()]+/g, "");
}

// A fragment shorter than this (e.g. the address "a@tp.kr" → "a") is too common to forbid; Korean names have three syllables.
const MIN_PERSONAL_FRAGMENT = 3;

function contains(password: string, fragment: string | null | undefined): boolean {
  const part = squash(fragment ?? "");
  return part.length >= MIN_PERSONAL_FRAGMENT && squash(password).includes(part);
}

function usesEmail(password: string, email: string): boolean {
  const address = email.trim().toLowerCase();
  return contains(password, address) || contains(password, address.split("@")[0]);
}

/** Words that describe this person: zxcvbn treats them as a dictionary of their own. */
function userInputs(context: PasswordContext): string[] {
  const address = context.email.trim().toLowerCase();
  const words = [address, ...address.split(/[@.]/), context.companyName, context.name];
  return words.map((word) => (word ?? "").trim()).filter((word) => word.length > 0);
}

/**
 * Every reason the password cannot be used, in Korean, first the plainest; [] when it may be used.
 * Guessability is judged only when the simple rules pass (their messages say more).
 */
export function passwordProblems(password: string, context: PasswordContext): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`비밀번호는 ${PASSWORD_MIN_LENGTH}자 이상이어야 합니다.`);
  if (Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES)
    problems.push(`비밀번호가 너무 깁니다. 영문·숫자 기준 ${PASSWORD_MAX_BYTES}자(한글은 24자)까지 쓸 수 있습니다.`);
  if (usesEmail(password, context.email)) problems.push("비밀번호에 이메일 주소를 쓸 수 없습니다.");
  if (contains(password, context.companyName)) problems.push("비밀번호에 회사 이름을 쓸 수 없습니다.");
  if (contains(password, context.name)) problems.push("비밀번호에 이름을 쓸 수 없습니다.");
  if (problems.length === 0 && estimator().check(password, userInputs(context)).score < PASSWORD_MIN_SCORE)
    problems.push("흔히 쓰이거나 추측하기 쉬운 비밀번호입니다. 여러 단어를 섞는 등 남이 짐작하기 어렵게 정해 주세요.");
  return problems;
}
