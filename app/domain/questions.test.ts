import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  QUESTION_STATES,
  QUESTION_STATUS_LABELS,
  addresseesOf,
  assertAddressee,
  assertCanClose,
  isQuestionStatus,
  isSideOf,
  koreanDateTime,
  questionsOpenIn,
  replyOutcome,
} from "./questions";
import { nextStepOf, notificationKindOf } from "./notifications";

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  throw new Error("expected a DomainError");
};

const makerToSupplier = (status: string) => ({ fromRole: "manufacturer", toRole: "supplier", status });

describe("question statuses and states", () => {
  it("labels the three statuses in Korean and knows only those", () => {
    expect(QUESTION_STATUS_LABELS).toEqual({ open: "답변 대기", answered: "답변 완료", closed: "종료" });
    expect(["open", "answered", "closed"].every(isQuestionStatus)).toBe(true);
    expect([isQuestionStatus("pending"), isQuestionStatus(1)]).toEqual([false, false]);
  });

  it("questions are asked after submission and until the case is closed (completed cases included)", () => {
    expect(QUESTION_STATES).not.toContain("draft");
    for (const closed of ["rejected", "not_selected", "withdrawn", "cancelled", "draft", "nonsense"])
      expect(questionsOpenIn(closed)).toBe(false);
    for (const open of ["submitted", "in_progress", "completed"]) expect(questionsOpenIn(open)).toBe(true);
  });
});

describe("who asks whom", () => {
  it("each party may address the two others, never itself nor anyone else", () => {
    expect(addresseesOf("manufacturer")).toEqual(["supplier", "monitor"]);
    expect(addresseesOf("monitor")).toEqual(["manufacturer", "supplier"]);
    expect(() => assertAddressee("supplier", "manufacturer")).not.toThrow();
    expect(codeOf(() => assertAddressee("supplier", "supplier"))).toBe("question_addressee");
    expect(codeOf(() => assertAddressee("monitor", "evaluator"))).toBe("question_addressee");
  });

  it("the sides of a question are its asker's and its addressed party", () => {
    const q = makerToSupplier("open");
    expect([isSideOf(q, "manufacturer"), isSideOf(q, "supplier"), isSideOf(q, "monitor")]).toEqual([true, true, false]);
  });
});

describe("replies and closing", () => {
  it("the addressed party answers (the asker's turn); the asker writes again (open, the addressed party's turn)", () => {
    expect(replyOutcome(makerToSupplier("open"), "supplier")).toEqual({ status: "answered", answer: true, turn: "manufacturer" });
    expect(replyOutcome(makerToSupplier("answered"), "supplier")).toEqual({ status: "answered", answer: true, turn: "manufacturer" });
    expect(replyOutcome(makerToSupplier("answered"), "manufacturer")).toEqual({ status: "open", answer: false, turn: "supplier" });
  });

  it("a closed question takes no reply and no second close; a third party neither replies nor closes", () => {
    expect(codeOf(() => replyOutcome(makerToSupplier("closed"), "supplier"))).toBe("question_closed");
    expect(codeOf(() => assertCanClose(makerToSupplier("closed"), "manufacturer"))).toBe("question_closed");
    expect(codeOf(() => replyOutcome(makerToSupplier("open"), "monitor"))).toBe("question_not_party");
    expect(codeOf(() => assertCanClose(makerToSupplier("answered"), "monitor"))).toBe("question_not_party");
    expect(() => assertCanClose(makerToSupplier("answered"), "supplier")).not.toThrow();
    expect(() => assertCanClose(makerToSupplier("open"), "manufacturer")).not.toThrow();
  });

  it("names the two sides in the refusal, even sides no label knows (rows written by hand)", () => {
    expect(() => replyOutcome({ fromRole: "auditor", toRole: "inspector", status: "open" }, "monitor")).toThrow(
      "auditor과 inspector 사이의 문의",
    );
    expect(() => replyOutcome(makerToSupplier("open"), "monitor")).toThrow("도입기업과 공급기업 사이의 문의");
    expect(codeOf(() => assertCanClose(makerToSupplier("open"), "monitor"))).toBe("question_not_party");
  });
});

describe("whose turn a question makes it (notification kinds)", () => {
  it("the turn a change names overrides the action's table; without one the table decides", () => {
    const turn = { role: "monitor" as const, next: "문의 내용을 확인하고 답변해 주세요." };
    expect(notificationKindOf("question.ask", "monitor", turn)).toBe("my_turn");
    expect(notificationKindOf("question.ask", "supplier", turn)).toBe("activity");
    expect(notificationKindOf("question.close", "supplier")).toBe("activity");
    expect(nextStepOf("question.ask", "monitor", turn)).toBe(turn.next);
    expect(nextStepOf("question.ask", "supplier", turn)).toBe("과제 페이지에서 내용을 확인해 주세요.");
  });
});

describe("koreanDateTime", () => {
  it("writes the Seoul date and time whatever the server's zone", () => {
    expect(koreanDateTime(new Date("2026-11-30T15:05:00Z"))).toBe("2026년 12월 1일 00:05");
    expect(koreanDateTime(new Date("2026-03-01T01:30:00Z"))).toBe("2026년 3월 1일 10:30");
  });
});
