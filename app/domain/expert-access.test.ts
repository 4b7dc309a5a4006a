import { describe, expect, it } from "vitest";
import { conflictStatement, expertSeesAudit, isAssignableState, mayOpenTicketPage, ticketPageOf } from "./expert-access";

describe("expert pages (ADR 029)", () => {
  it("reads the page of a ticket URL, with or without the data suffix", () => {
    expect(ticketPageOf("/tickets/t1", "t1")).toBe("");
    expect(ticketPageOf("/tickets/t1/", "t1")).toBe("");
    expect(ticketPageOf("/tickets/t1.data", "t1")).toBe("");
    expect(ticketPageOf("/tickets/t1/work-logs.data", "t1")).toBe("work-logs");
    expect(ticketPageOf("/tickets/t1/questions/q9", "t1")).toBe("questions");
    expect(ticketPageOf("/tickets/t2/documents", "t1")).toBeNull();
    expect(ticketPageOf("/tickets/t10", "t1")).toBeNull();
  });

  it("opens every page to the companies and the TP, only their step's to the experts", () => {
    expect(mayOpenTicketPage("monitor", "work-logs")).toBe(true);
    expect(mayOpenTicketPage("manufacturer", null)).toBe(true);
    for (const page of ["", "documents", "evaluation", "conflict"]) expect(mayOpenTicketPage("evaluator", page)).toBe(true);
    for (const page of ["quote", "plan", "cost-review", "work-logs", "agreement", "payment", "questions", "completion", "experts"]) {
      expect(mayOpenTicketPage("evaluator", page), page).toBe(false);
    }
    for (const page of ["", "quote", "plan", "cost-review", "conflict"]) expect(mayOpenTicketPage("cost_agency", page)).toBe(true);
    for (const page of ["documents", "evaluation", "work-logs", "agreement", "payment", "questions"]) {
      expect(mayOpenTicketPage("cost_agency", page), page).toBe(false);
    }
    expect(mayOpenTicketPage("evaluator", null)).toBe(false);
  });

  it("assigns the evaluator in 요건검토/현장평가, the agency from 지원결정 to 수행계획 보완", () => {
    expect(isAssignableState("evaluator", "site_evaluation")).toBe(true);
    expect(isAssignableState("evaluator", "selected")).toBe(false);
    expect(isAssignableState("cost_agency", "cost_review")).toBe(true);
    expect(isAssignableState("cost_agency", "site_evaluation")).toBe(false);
  });

  it("names both companies and the task in the declaration", () => {
    const text = conflictStatement("evaluator", { number: "AS-2024-0005", manufacturerName: "가나식품", supplierName: "다라시스템" });
    expect(text).toMatch(/^본인은 과제 AS-2024-0005의 도입기업 가나식품 및 공급기업 다라시스템과 이해관계가 없으며/);
    expect(text).toContain("현장평가");
    expect(conflictStatement("cost_agency", { number: "A", manufacturerName: "x", supplierName: "y" })).toContain("원가적정성 검토");
  });

  it("shows an expert only its step's timeline lines", () => {
    expect(expertSeesAudit("evaluator", "ticket.submit_evaluation")).toBe(true);
    expect(expertSeesAudit("evaluator", "expert.evaluator.assign")).toBe(true);
    expect(expertSeesAudit("evaluator", "expert.cost_agency.assign")).toBe(false);
    expect(expertSeesAudit("evaluator", "ticket.record_payment")).toBe(false);
    expect(expertSeesAudit("cost_agency", "ticket.record_cost_review")).toBe(true);
    expect(expertSeesAudit("cost_agency", "ticket.submit_evaluation")).toBe(false);
  });
});
