// The Technopark's officer in charge of a ticket (담당자) and, for monitors, the forms to take the ticket,
// hand it to a colleague or release it (ADR 027). Plain forms posting to /tickets/:id/assignee: they work
// without JavaScript; a refusal is shown on that route's page. Data: assigneeControlData() in
// app/models/assignee.server.ts.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { STEP_FORM_FIELD } from "~/utils/step-reply";

export type AssigneeControlProps = {
  ticketId: string;
  /** The officer in charge, or null. `days`: "N일째" counting the day of assignment as 1. */
  assignee: { id: string; name: string; days: number } | null;
  /** Who may be put in charge (active monitors of the ticket's Technopark); empty: show the name only. */
  colleagues: { id: string; name: string }[];
  /** The signed-in monitor (its own "내가 담당" button); null for other roles (name only). */
  meId: string | null;
  /** Where to come back after a change (a path of this ticket or /dashboard…); default the ticket. */
  back?: string;
};

export const ASSIGNEE_FORM = "assignee";

/** "담당자: 홍길동 (3일째)" or "담당자 없음". */
export function assigneeLabel(assignee: AssigneeControlProps["assignee"]): string {
  return assignee ? `담당자: ${assignee.name} (${assignee.days}일째)` : "담당자 없음";
}

/** One of the control's forms: its intent, the officer it was built on, where to come back, its button. */
function AssigneeForm(props: {
  ticketId: string;
  intent: "take" | "assign" | "release";
  current: string | undefined;
  back: string | undefined;
  button: string;
  children?: ReactNode;
}) {
  return (
    <Form method="post" action={`/tickets/${encodeURIComponent(props.ticketId)}/assignee`} className="inline">
      <input type="hidden" name={STEP_FORM_FIELD} value={ASSIGNEE_FORM} />
      <input type="hidden" name="shownAssigneeId" value={props.current ?? ""} />
      {props.back ? <input type="hidden" name="back" value={props.back} /> : null}
      <input type="hidden" name="intent" value={props.intent} />
      {props.children}
      <button type="submit" className="secondary">
        {props.button}
      </button>
    </Form>
  );
}

export function AssigneeControl({ ticketId, assignee, colleagues, meId, back }: AssigneeControlProps) {
  const common = { ticketId, current: assignee?.id, back };
  const others = colleagues.filter((c) => c.id !== assignee?.id);
  return (
    <div className="assignee-control" data-testid="assignee">
      <span className="assignee-name" data-testid="assignee-name">
        {assigneeLabel(assignee)}
      </span>
      {meId ? (
        <span className="assignee-forms">
          {assignee?.id !== meId ? <AssigneeForm {...common} intent="take" button="내가 담당" /> : null}
          {others.length ? (
            <AssigneeForm {...common} intent="assign" button="지정">
              <label htmlFor={`assignee-${ticketId}`} className="visually-hidden">
                담당자 지정
              </label>
              <select id={`assignee-${ticketId}`} name="assigneeId" defaultValue="" required>
                <option value="" disabled>
                  담당자 선택
                </option>
                {others.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </AssigneeForm>
          ) : null}
          {assignee ? <AssigneeForm {...common} intent="release" button="담당 해제" /> : null}
        </span>
      ) : null}
    </div>
  );
}
