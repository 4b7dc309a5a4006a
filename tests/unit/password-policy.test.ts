// The password rules: length, the person's own address/company/name, and guessability judged by
// zxcvbn-ts with its dictionaries (the real library, the real dictionaries).
import { describe, expect, it } from "vitest";
import { PASSWORD_MIN_SCORE, passwordProblems } from "~/auth/password-policy.server";

const person = { email: "hong.gildong@kimtech.co.kr", companyName: "김테크 주식회사", name: "홍길동" };

describe("passwordProblems", () => {
  it("a long, unguessable password passes", () => {
    expect(passwordProblems("blue-river-7-lamp", person)).toEqual([]);
    expect(passwordProblems("하늘색 자전거 소나기", person)).toEqual([]);
  });

  it("shorter than 10 characters is refused, in Korean (characters, not bytes)", () => {
    expect(passwordProblems("Xk9#mQ2!z", person)).toEqual(["비밀번호는 10자 이상이어야 합니다."]);
    expect(passwordProblems("", person)).toEqual(["비밀번호는 10자 이상이어야 합니다."]);
  });

  it("common passwords of 10+ characters are refused by the dictionaries", () => {
    for (const common of ["password12", "password123!", "qwerty12345", "1234567890", "iloveyou12", "Summer2024!"]) {
      expect(passwordProblems(common, person), common).toEqual([expect.stringContaining("추측하기 쉬운 비밀번호")]);
    }
    expect(PASSWORD_MIN_SCORE).toBe(3);
  });

  it("the e-mail address, or its part before @, is refused however it is written", () => {
    expect(passwordProblems("hong.gildong@kimtech.co.kr", person)).toEqual(["비밀번호에 이메일 주소를 쓸 수 없습니다."]);
    expect(passwordProblems("Hong-Gildong!2024", person)).toEqual(["비밀번호에 이메일 주소를 쓸 수 없습니다."]);
  });

  it("a very short local part (a@…) is not forbidden on its own", () => {
    expect(passwordProblems("blue-river-7-lamp", { email: "a@tp.kr" })).toEqual([]);
  });

  it("the company name and the person's name are refused", () => {
    expect(passwordProblems("김테크주식회사2024!", person)).toEqual(["비밀번호에 회사 이름을 쓸 수 없습니다."]);
    expect(passwordProblems("홍길동의 비밀 열쇠 9", person)).toEqual(["비밀번호에 이름을 쓸 수 없습니다."]);
  });

  it("the person's own words weaken a password through the dictionary (added as user inputs)", () => {
    const withCompany = { email: "x@y.kr", companyName: "Zorblax" };
    const candidate = "Zorblax2019!";
    expect(passwordProblems(candidate, { email: "x@y.kr" })).toEqual([]);
    // contained → the plain rule; that it is weak as a dictionary word is shown with a variant the plain rule misses
    expect(passwordProblems("xalbroZ2019!", withCompany)).toEqual([expect.stringContaining("추측하기 쉬운 비밀번호")]);
    expect(passwordProblems("xalbroZ2019!", { email: "x@y.kr" })).toEqual([]);
  });

  it("more than 72 bytes (bcrypt would cut it) is refused", () => {
    expect(passwordProblems("가".repeat(25), person)).toEqual([expect.stringContaining("너무 깁니다")]);
    expect(passwordProblems("블루리버칠램프".repeat(3) + "가나다", person)).toEqual([]);
  });
});
