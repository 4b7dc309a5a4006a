import { Form, Link } from "@remix-run/react";
import { DESTRUCTIVE_ACTIONS, isDestructiveAction, type Action, type AvailableAction } from "~/domain";

export { DESTRUCTIVE_ACTIONS };

/**
 * Where each workflow step is taken. Steps that need no more input than a
 * click are posted to the ticket page itself (SIMPLE_ACTIONS); the others
 * open the page that collects their data. A step that cannot be undone
 * (DESTRUCTIVE_ACTIONS) is never one click: it has a confirmation page (ADR 028).
 */
export const SIMPLE_ACTIONS: readonly Action[] = ["submit", "start_review", "pass_review", "accept_plan", "start_work", "start_follow_up"];

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
  prepare_agreement: "agreement",
  consent_agreement: "agreement",
  sign_agreement: "agreement",
  record_share_deposit: "payment",
  confirm_share_deposit: "payment",
  refuse_share_deposit: "payment",
  record_payment: "payment",
  complete_funding: "payment",
  request_extension: "extension",
  confirm_extension: "extension",
  request_change: "changes",
  confirm_change: "changes",
  approve_change: "changes",
  refuse_change: "changes",
  approve_extension: "extension-decision",
  refuse_extension: "extension-decision",
  report_completion: "completion",
  pass_completion: "completion-check",
  fail_completion: "completion-check",
  submit_settlement: "settlement",
  return_settlement: "settlement",
  confirm_settlement: "settlement",
  cancel: "cancel",
  withdraw: "withdraw",
};

/** Where a destructive step's confirmation starts: its page, at its own form. */
const DANGER_PAGES: Readonly<Record<(typeof DESTRUCTIVE_ACTIONS)[number], string>> = {
  withdraw: "withdraw",
  reject: "review#reject-h",
  not_select: "decision#not-select-h",
  cancel: "cancel",
};

const CONFIRM: Partial<Record<Action, string>> = {
  submit: "신청서를 제출하면 운영기관의 요건검토가 시작됩니다. 제출하시겠습니까?",
};

/** One control of a list of steps: the page it opens, and whether its own button is that link (an allowed step's). */
export type PageLinkEntry = { page: string | null | undefined; primary: boolean };

/**
 * Which entries of a list get their secondary "… 화면 열기" link: one per step page on the whole ticket page —
 * never a page an entry's own button opens already, nor one `alreadyLinked` (the 할 일 box above) opens. Before,
 * two refused steps of one page (연장 승인 and 연장 거절, 사업변경 승인 and 거절) each had their own link to it.
 */
export function secondaryLinks(entries: readonly PageLinkEntry[], alreadyLinked: Iterable<string> = []): boolean[] {
  const linked = new Set(alreadyLinked);
  for (const e of entries) if (e.primary && e.page) linked.add(e.page);
  return entries.map((e) => {
    if (e.primary || !e.page || linked.has(e.page)) return false;
    linked.add(e.page);
    return true;
  });
}

/** The ticket's next steps for the actor — never a destructive one (those are in DangerZone). */
export function TicketActions({
  ticketId,
  version,
  actions,
  linkedPages = [],
}: {
  ticketId: string;
  version: number;
  actions: AvailableAction[];
  /** step pages the page links already (the 할 일 box): no second "화면 열기" to them */
  linkedPages?: readonly string[];
}) {
  const steps = actions.filter((a) => !isDestructiveAction(a.action));
  if (steps.length === 0) return <p className="muted">지금 이 과제에서 하실 일은 없습니다.</p>;
  const showOpen = secondaryLinks(
    steps.map((a) => ({ page: ACTION_PAGES[a.action], primary: a.allowed && !SIMPLE_ACTIONS.includes(a.action) })),
    linkedPages,
  );
  return (
    <ul className="actions" data-testid="ticket-actions">
      {steps.map((a, i) => {
        const page = ACTION_PAGES[a.action];
        const simple = SIMPLE_ACTIONS.includes(a.action);
        return (
          <li key={a.action} data-action={a.action}>
            {!a.allowed ? (
              <>
                <button type="button" disabled aria-describedby={`why-${a.action}`}>
                  {a.label}
                </button>
                {page && showOpen[i] ? (
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
                <button type="submit">{a.label}</button>
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

/**
 * The destructive steps the actor may take on this ticket (신청철회, 반려, 미선정, 선정취소), apart from
 * the to-do and below it, outlined in red: each opens its confirmation page, which says what happens
 * and asks for the reason. Nothing when the actor has none.
 */
export function DangerZone({ ticketId, actions }: { ticketId: string; actions: AvailableAction[] }) {
  const destructive = actions.filter((a) => isDestructiveAction(a.action));
  if (destructive.length === 0) return null;
  return (
    <section className="card danger-zone" aria-labelledby="danger-h" data-testid="danger-zone">
      <h2 id="danger-h" style={{ marginTop: 0 }}>
        되돌릴 수 없는 작업
      </h2>
      <p className="muted">아래 작업은 과제를 종결하며 취소할 수 없습니다. 누르면 결과를 설명하는 확인 화면이 먼저 열립니다.</p>
      <ul className="actions">
        {destructive.map((a) => (
          <li key={a.action} data-action={a.action}>
            {a.allowed ? (
              <Link className="button danger-outline" to={`/tickets/${ticketId}/${DANGER_PAGES[a.action as keyof typeof DANGER_PAGES]}`}>
                {a.label}
              </Link>
            ) : (
              <>
                <button type="button" className="danger-outline" disabled aria-describedby={`why-${a.action}`}>
                  {a.label}
                </button>
                <ul className="reasons" id={`why-${a.action}`}>
                  {a.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
