// Particles chosen by the word (issue 17 item 6, ADR 036): no message prints "제목을(를)" any more. The class guard
// scans every source file of app/ for a both-forms particle written into a string; the real messages below are
// checked as people read them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fields } from "~/utils/fields";
import { closingReason } from "~/domain/closing";

const APP = path.resolve(__dirname, "../../app");
/** "을(를)", "이(가)", "은(는)", "과(와)", "(으)로", "(이)" … — a particle left for the reader to pick. */
const BOTH_FORMS = /\((?:을|를|이|가|은|는|와|과|으)\)/;
/** format.ts writes the both-forms fallback of josa() itself (for an end that cannot be read, e.g. "★"). */
const ALLOWED_FILES = new Set(["domain/format.ts"]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("particles by the word", () => {
  it("no source file in app/ writes a both-forms particle such as 을(를) or (으)로 (use josa())", () => {
    const offenders = sourceFiles(APP).flatMap((file) => {
      const relative = path.relative(APP, file).split(path.sep).join("/");
      if (ALLOWED_FILES.has(relative)) return [];
      return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (BOTH_FORMS.test(line) ? [`app/${relative}:${i + 1}: ${line.trim()}`] : []));
    });
    expect(offenders).toEqual([]);
  });

  const firstError = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? null : result.error.issues[0].message;
  };

  it("field errors read naturally for words ending in a consonant, a vowel, a digit or a Latin letter", () => {
    expect(firstError(fields.text("제목"), "")).toBe("제목을 입력해 주세요.");
    expect(firstError(fields.text("이의 내용"), undefined)).toBe("이의 내용을 입력해 주세요.");
    expect(firstError(fields.text("사유", 3), "길게 쓴 사유")).toBe("사유는 3자 이내로 입력해 주세요.");
    expect(firstError(fields.money("단가"), "abc")).toBe("단가는 0 이상의 원 단위 정수로 입력해 주세요.");
    expect(firstError(fields.money("견적금액"), "99999999999999999999")).toBe("견적금액이 너무 큽니다.");
    expect(firstError(fields.isoDate("발행일"), "2026-02-30")).toBe("발행일은 올바른 날짜(YYYY-MM-DD)여야 합니다.");
    expect(firstError(fields.optionalText("MES 메모", 1), "긴 메모")).toBe("MES 메모는 1자 이내로 입력해 주세요.");
  });

  it("a closing reason's refusal picks its particle", () => {
    expect(() => closingReason("reject", "")).toThrow("반려 사유를 입력해 주세요.");
  });
});
