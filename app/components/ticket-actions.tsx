import { Form, Link } from "@remix-run/react";
import type { Action, AvailableAction } from "~/domain";

/**
 * Where each workflow step is taken. Steps that need no more input than a
 * click are posted to the ticket page itself (SIMPLE_ACTIONS); the others
 * open the page that collects their data.
 */
export const SIMPLE_ACTIONS: readonly Action[] = [
  "submit",
  "start_review",
  "pass_review",
  "accept_plan",
  "start_work",
  "withdraw",
  "start_follow_up",
];

export const ACTION_PAGES: Partial<Record<Action, string>> = {
  return_for_correction: "review",
  reject: "review",
  submit_evaluation: "evaluation",
  select: "decision",
  not_select: "decision",
  submit_plan: "plan",
  resubmit_plan: "plan",
  request_plan_change: "plan-review",
  record_cost_review: "cost-review",
  sign_agreement: "agreement",
  record_payment: "payment",
  request_extension: "extension",
  approve_extension: "extension-decision",
  refuse_extension: "extension-decision",
  report_completion: "completion",
  pass_completion: "completion-check",
  fail_completion: "completion-check",
  cancel: "cancel",
};

const CONFIRM: Partial<Record<Action, string>> = {
  withdraw: "신청을 철회하면 되돌릴 수 없습니다. 철회하시겠습니까?",
  submit: "신청서를 제출하면 운영기관의 요건검토가 시작됩니다. 제출하시겠습니까?",
};

export function TicketActions({ ticketId, version, actions }: { ticketId: string; version: number; actions: AvailableAction[] }) {
  if (actions.length === 0) return <p className="muted">지금 이 과제에서 하실 일은 없습니다.</p>;
  return (
    <ul className="actions" data-testid="ticket-actions">
      {actions.map((a) => {
        const page = ACTION_PAGES[a.action];
        const simple = SIMPLE_ACTIONS.includes(a.action);
        return (
          <li key={a.action} data-action={a.action}>
            {!a.allowed ? (
              <>
                <button type="button" disabled aria-describedby={`why-${a.action}`}>
                  {a.label}
                </button>
                {page ? (
                  // The step's page collects what is still missing (a sheet, a plan, a log).
                  <Link className="button secondary" to={`/tickets/${ticketId}/${page}`}>
                    {a.label} 화면 열기
                  </Link>
                ) : null}
              </>
            ) : simple ? (
              <Form
                method="post"
                action={`/tickets/${ticketId}`}
                onSubmit={(event) => {
                  const message = CONFIRM[a.action];
                  if (message && !window.confirm(message)) event.preventDefault();
                }}
              >
                <input type="hidden" name="intent" value="transition" />
                <input type="hidden" name="action" value={a.action} />
                <input type="hidden" name="version" value={version} />
                <button type="submit" className={a.action === "withdraw" ? "secondary" : undefined}>
                  {a.label}
                </button>
              </Form>
            ) : page ? (
              <Link className="button" to={`/tickets/${ticketId}/${page}`}>
                {a.label}
              </Link>
            ) : null}
            {!a.allowed && a.reasons.length ? (
              <ul className="reasons" id={`why-${a.action}`}>
                {a.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
