import { STATE_LABELS, dDay, isTicketState } from "~/domain";

const DONE = new Set(["completed", "follow_up"]);
const STOPPED = new Set(["rejected", "not_selected", "withdrawn", "cancelled"]);

export function StateBadge({ state }: { state: string }) {
  const label = isTicketState(state) ? STATE_LABELS[state] : state;
  const tone = DONE.has(state) ? "done" : STOPPED.has(state) ? "stop" : "";
  return <span className={`badge ${tone}`}>{label}</span>;
}

/** The deadline that matters in this state, as a D-day badge (계획서 D-3, 종료 D+2 …). */
export function DueBadge(props: {
  state: string;
  planDueOn: string | null;
  revisionDueOn: string | null;
  windowEndOn: string | null;
  today: string;
}) {
  const due =
    props.state === "selected" && props.planDueOn
      ? { what: "계획서 제출", on: props.planDueOn }
      : props.state === "plan_revision" && props.revisionDueOn
        ? { what: "보완 계획서", on: props.revisionDueOn }
        : ["agreed", "funded", "in_progress"].includes(props.state) && props.windowEndOn
          ? { what: "수행 종료", on: props.windowEndOn }
          : null;
  if (!due) return <span className="muted">—</span>;
  const d = dDay(due.on, props.today);
  const tone = d.overdue ? "overdue" : d.days <= 7 ? "due" : "";
  return (
    <span className={`badge ${tone}`} title={`${due.what} 기한 ${due.on}`}>
      {due.what} {d.label}
    </span>
  );
}
