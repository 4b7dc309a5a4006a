// Each role's home starts with this: the actor's own pending actions across its tickets, in the one
// urgency order (overdue first, then D-day, then the longest waiting), each linking to where it is done.
import { Link } from "@remix-run/react";
import { dayCount, formatKoreanDateShort, urgencyOf, type PendingAction } from "~/domain";
import { StateBadge } from "~/components/badges";
import { PendingDueBadge, pageOf } from "~/components/pending-box";

export type TodoListRow = {
  ticket: { id: string; number: string; title: string; state: string; manufacturer?: { name: string }; supplier?: { name: string } };
  action: PendingAction;
};

/** Which companies the table names: the other party for a company, both for the Technopark. */
export type TodoCompanies = "manufacturer" | "supplier" | "both";

export function TodoTable({ rows, today, companies }: { rows: TodoListRow[]; today: string; companies: TodoCompanies }) {
  return (
    <div className="table-wrap">
      <table className="responsive todo-table" data-testid="todo-table">
        <thead>
          <tr>
            <th>할 일</th>
            <th>기한</th>
            <th>과제</th>
            {companies !== "supplier" ? <th>도입기업</th> : null}
            {companies !== "manufacturer" ? <th>공급기업</th> : null}
            <th>단계</th>
            <th>기다린 날</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ ticket, action }) => (
            <tr
              key={`${ticket.id}-${action.kind}`}
              data-ticket-number={ticket.number}
              data-pending-kind={action.kind}
              data-urgency={urgencyOf(action, today)}
              data-due-on={action.due?.on}
              data-since={action.since}
            >
              <td data-label="할 일">
                <Link to={pageOf(ticket.id, action.page)}>{action.what}</Link>
                {action.detail ? <div className="muted todo-detail">{action.detail}</div> : null}
              </td>
              <td data-label="기한">{action.due ? <PendingDueBadge item={action} today={today} /> : <span className="muted">—</span>}</td>
              <td data-label="과제">
                <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link> {ticket.title}
              </td>
              {companies !== "supplier" ? <td data-label="도입기업">{ticket.manufacturer?.name ?? "—"}</td> : null}
              {companies !== "manufacturer" ? <td data-label="공급기업">{ticket.supplier?.name ?? "—"}</td> : null}
              <td data-label="단계">
                <StateBadge state={ticket.state} />
              </td>
              <td data-label="기다린 날" title={`${formatKoreanDateShort(action.since)}부터`}>
                {dayCount(action.since, today)}일째
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The home's first card: "내 할 일" with its count, or a calm line when there is nothing to do. */
export function MyTodo({
  rows,
  total,
  today,
  companies,
  more,
}: {
  rows: TodoListRow[];
  total: number;
  today: string;
  companies: TodoCompanies;
  /** where the rest is, when the list is cut */
  more?: { to: string; label: string };
}) {
  const overdue = rows.filter((r) => urgencyOf(r.action, today) === "overdue").length;
  return (
    <section className="card" aria-labelledby="my-todo-h" data-testid="home-todo">
      <h2 id="my-todo-h" style={{ marginTop: 0 }}>
        내 할 일 <span className="badge role">{total.toLocaleString("ko-KR")}건</span>
        {overdue > 0 ? <span className="badge overdue">기한·목표 경과 {overdue.toLocaleString("ko-KR")}건</span> : null}
      </h2>
      {rows.length === 0 ? <p className="muted">지금 처리할 일이 없습니다.</p> : <TodoTable rows={rows} today={today} companies={companies} />}
      {more && total > rows.length ? (
        <p>
          <Link to={more.to}>{more.label}</Link> (가장 급한 {rows.length.toLocaleString("ko-KR")}건을 보여 드립니다)
        </p>
      ) : null}
    </section>
  );
}
