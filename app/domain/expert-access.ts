// What the external evaluator (외부전문가) and the cost-accounting agency (원가계산기관) may open of a ticket
// assigned to them (issue 16, item 1; ADR 029): only the pages of their own step. One list, read by the
// ticket layout, by every step route (requireTicketStep) and by the file download rule, so no page can
// forget it. Pure: no I/O.
import { josa } from "./format";
import { isExpertRole, type ExpertRole, type Role, type TicketState } from "./labels";

/**
 * The ticket pages (the path segment after /tickets/<id>; "" is the overview) each expert role may open.
 * `conflict` is the 이해충돌 declaration every assigned expert makes first.
 */
export const EXPERT_PAGES: Readonly<Record<ExpertRole, readonly string[]>> = {
  // ④ 현장평가: the application (overview, documents) and the score sheet
  evaluator: ["", "documents", "evaluation", "conflict"],
  // ⑦ 원가적정성 검토: the quote, the execution plan and the review itself
  cost_agency: ["", "quote", "plan", "cost-review", "conflict"],
};

/** The page of a ticket a URL path names: "" for the overview, "work-logs" for /tickets/<id>/work-logs/…, null if not of this ticket. */
export function ticketPageOf(pathname: string, ticketId: string): string | null {
  // a client navigation asks for `<path>.data` (single fetch); the page is the same
  const path = pathname.replace(/\.data$/, "").replace(/\/+$/, "");
  const base = `/tickets/${ticketId}`;
  if (path === base) return "";
  if (!path.startsWith(`${base}/`)) return null;
  return path.slice(base.length + 1).split("/")[0];
}

/** Whether `role` may open `page` of a ticket it reads (the companies and the TP: every page their routes allow). */
export function mayOpenTicketPage(role: Role, page: string | null): boolean {
  if (!isExpertRole(role)) return true;
  return page !== null && EXPERT_PAGES[role].includes(page);
}

/** The states in which the TP may assign each expert role (its step, and the state just before it). */
export const ASSIGNABLE_STATES: Readonly<Record<ExpertRole, readonly TicketState[]>> = {
  evaluator: ["requirement_review", "site_evaluation"],
  cost_agency: ["selected", "plan_submitted", "cost_review", "plan_revision"],
};

export function isAssignableState(role: ExpertRole, state: string): boolean {
  return (ASSIGNABLE_STATES[role] as readonly string[]).includes(state);
}

/** Why an assignment ended (TicketAssignment.endReason). */
export const ASSIGNMENT_END_REASONS = ["step_closed", "unassigned", "ticket_closed"] as const;
export type AssignmentEndReason = (typeof ASSIGNMENT_END_REASONS)[number];

/** What the expert of each role does, in the declaration and the notifications. */
export const EXPERT_TASKS: Readonly<Record<ExpertRole, string>> = {
  evaluator: "현장평가",
  cost_agency: "원가적정성 검토",
};

/**
 * The 이해충돌 없음 declaration the expert agrees to, naming the ticket's two companies; the exact text
 * is stored with the assignment, so what was agreed to stays readable whatever this text becomes.
 */
export function conflictStatement(role: ExpertRole, ticket: { number: string; manufacturerName: string; supplierName: string }): string {
  return (
    `본인은 과제 ${ticket.number}의 도입기업 ${ticket.manufacturerName} 및 공급기업 ${josa(ticket.supplierName, "과", "와")} ` +
    `이해관계가 없으며, 공정하게 ${EXPERT_TASKS[role]} 업무를 수행하고 업무상 알게 된 정보를 이 업무 외에 사용하거나 누설하지 않겠습니다.`
  );
}

/** The audit actions of each expert role's own step: the only timeline entries its overview shows. */
export const EXPERT_TIMELINE_ACTIONS: Readonly<Record<ExpertRole, readonly string[]>> = {
  evaluator: ["ticket.pass_review", "ticket.submit_evaluation", "ticket.confirm_evaluation", "evaluation.return"],
  cost_agency: ["ticket.accept_plan", "ticket.record_cost_review", "ticket.confirm_cost_review", "ticket.return_cost_review"],
};

/** Whether an expert of `role` sees this audit line: its step's, or the assignment lines about its role. */
export function expertSeesAudit(role: ExpertRole, action: string): boolean {
  return EXPERT_TIMELINE_ACTIONS[role].includes(action) || action.startsWith(`expert.${role}.`);
}
