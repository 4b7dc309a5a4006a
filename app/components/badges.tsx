import { STATE_LABELS, dDay, deadlineOf, dueStatus, formatKoreanDateShort, isTicketState, type DueStatus } from "~/domain";

const DONE = new Set(["completed", "follow_up"]);
const STOPPED = new Set(["rejected", "not_selected", "withdrawn", "cancelled"]);

export function StateBadge({ state }: { state: string }) {
  const label = isTicketState(state) ? STATE_LABELS[state] : state;
  const tone = DONE.has(state) ? "done" : STOPPED.has(state) ? "stop" : "";
  return <span className={`badge ${tone}`}>{label}</span>;
}

/** Badge class of a due date: overdue red, due soon (domain DUE_SOON_DAYS) amber. */
export const DUE_TONE: Readonly<Record<DueStatus, string>> = { overdue: "overdue", soon: "due", later: "" };

/** The deadline that matters in this state, as a D-day badge (계획서 D-3, 종료 D+2 …). */
export function DueBadge(props: {
  state: string;
  planDueOn: string | null;
  revisionDueOn: string | null;
  windowEndOn: string | null;
  today: string;
}) {
  const due = deadlineOf(props);
  if (!due) return <span className="muted">—</span>;
  const d = dDay(due.on, props.today);
  const tone = DUE_TONE[dueStatus(due.on, props.today)];
  return (
    <span className={`badge ${tone}`} title={`${due.what} 기한 ${formatKoreanDateShort(due.on)}`}>
      {due.what} {d.label}
    </span>
  );
}
