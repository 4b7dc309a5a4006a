import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  CLOSING_REASONS,
  CLOSING_REASON_MAX,
  CLOSING_STEP_OF,
  DESTRUCTIVE_ACTIONS,
  afterClosing,
  closingReason,
  isDestructiveAction,
  type DestructiveAction,
} from "./closing";
import { CLOSED_STATES, TRANSITIONS } from "./workflow";
import { CLAUSES } from "./notice";

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, message: e.message };
    throw e;
  }
  return { code: "no error", message: "" };
}

describe("destructive actions", () => {
  it("are exactly the steps into a closed state", () => {
    const closing = TRANSITIONS.filter((t) => CLOSED_STATES.includes(t.to)).map((t) => t.action);
    expect([...new Set(closing)].sort()).toEqual([...DESTRUCTIVE_ACTIONS].sort());
    for (const state of CLOSED_STATES) expect(CLOSING_STEP_OF[state], state).toBeDefined();
  });

  it("are told apart from the other steps", () => {
    expect(isDestructiveAction("withdraw")).toBe(true);
    expect(isDestructiveAction("cancel")).toBe(true);
    expect(isDestructiveAction("select")).toBe(false);
    expect(isDestructiveAction("return_for_correction")).toBe(false);
  });
});

describe("closingReason", () => {
  it.each(["reject", "not_select", "cancel"] as const)("%s requires a reason, in Korean", (action) => {
    const label = CLOSING_REASONS[action].label;
    for (const empty of [undefined, null, "", "   \n "]) {
      expect(refusal(() => closingReason(action, empty))).toEqual({ code: "reason_required", message: `${label}를 입력해 주세요.` }); // 반려·미선정·선정취소 사유를
    }
  });

  it("keeps a reason trimmed, up to the limit; one character more is refused", () => {
    expect(closingReason("not_select", "  평점 55점, 선정 기준 미달 ")).toBe("평점 55점, 선정 기준 미달");
    expect(closingReason("cancel", "가".repeat(CLOSING_REASON_MAX))).toHaveLength(CLOSING_REASON_MAX);
    expect(refusal(() => closingReason("reject", "가".repeat(CLOSING_REASON_MAX + 1)))).toEqual({
      code: "reason_too_long",
      message: "반려 사유는 1,000자 이내로 입력해 주세요.",
    });
    expect(refusal(() => closingReason("withdraw", "가".repeat(CLOSING_REASON_MAX + 1))).code).toBe("reason_too_long");
  });

  it("lets the manufacturer withdraw without a reason", () => {
    expect(closingReason("withdraw", "")).toBeNull();
    expect(closingReason("withdraw", undefined)).toBeNull();
    expect(closingReason("withdraw", " 자체 해결 ")).toBe("자체 해결");
  });
});

describe("afterClosing", () => {
  const rolling = { intakeOpensOn: "2024-01-19", intakeClosesOn: null };
  const today = "2024-06-10";

  it.each(["reject", "not_select", "withdraw"] as const)(
    "%s: a new application while intake is open (rolling, until the budget is used up)",
    (step) => {
      const next = afterClosing(step, rolling, 1, today);
      expect(next.canApplyAgain).toBe(true);
      expect(next.message).toContain("예산 소진 시까지 수시 접수");
      expect(next.clause).toBe(CLAUSES.budget);
    },
  );

  it("names what each closing means for the new application", () => {
    expect(afterClosing("reject", rolling, 1, today).message).toContain("반려 사유를 해결한 뒤");
    expect(afterClosing("not_select", rolling, 1, today).message).toContain("현장평가를 처음부터 다시");
  });

  it.each<[string, { intakeOpensOn: string; intakeClosesOn: string | null }, number, string]>([
    ["before intake opens", { intakeOpensOn: "2024-07-01", intakeClosesOn: null }, 1, "접수 기간이 아닙니다"],
    ["after the closing date", { intakeOpensOn: "2024-01-19", intakeClosesOn: "2024-06-09" }, 1, "접수가 마감되었습니다"],
    ["once the budget is used up", rolling, 0, "예산 소진"],
  ])("no new application %s: ask the Technopark", (_case, intake, remaining, why) => {
    for (const step of ["reject", "not_select", "withdraw"] as DestructiveAction[]) {
      const next = afterClosing(step, intake, remaining, today);
      expect(next.canApplyAgain).toBe(false);
      expect(next.message).toContain(why);
      expect(next.message).toContain("운영기관(제조혁신센터)에 문의");
    }
  });

  it("on the closing day itself intake is still open", () => {
    expect(afterClosing("reject", { intakeOpensOn: "2024-01-19", intakeClosesOn: today }, 1, today).canApplyAgain).toBe(true);
  });

  it("after a 선정취소 the notice does not say: ask the Technopark, even while intake is open", () => {
    const next = afterClosing("cancel", rolling, 1_000_000, today);
    expect(next).toEqual({
      canApplyAgain: false,
      message: expect.stringContaining("운영기관(제조혁신센터)에 문의"),
      clause: CLAUSES.selectionCancel,
    });
  });
});
