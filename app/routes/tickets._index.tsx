import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { listTickets } from "~/models/ticket.server";
import { STATE_LABELS, TICKET_STATES, formatKRW, formatKoreanDateShort, seoulDate, type TicketState } from "~/domain";
import { StateBadge, DueBadge } from "~/components/badges";
import { MyTodo } from "~/components/pending-list";
import { myTodo } from "~/models/pending.server";
import pendingStyles from "~/styles/pending.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: pendingStyles }];

export const meta: MetaFunction = () => [{ title: "과제 목록 · 스마트공장 AS 트래커" }];

const QuerySchema = z.object({
  state: z
    .enum(TICKET_STATES as unknown as [TicketState, ...TicketState[]])
    .optional()
    .catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const filters = QuerySchema.parse(Object.fromEntries(url.searchParams));
  const today = seoulDate(new Date());
  // the home of the manufacturer, the evaluator and the cost agency: their own to-do across their tickets comes first
  // (the supplier and the Technopark have theirs on /inbox and /dashboard)
  const [result, todo] = await Promise.all([
    listTickets(actor, { state: filters.state, q: filters.q || undefined, page: filters.page }),
    TODO_HOME_ROLES.includes(actor.role) ? myTodo(actor, today) : null,
  ]);
  return { role: actor.role, filters, today, todo, ...result };
}

const TODO_HOME_ROLES: readonly string[] = ["manufacturer", "evaluator", "cost_agency"];

const HEADINGS = {
  manufacturer: "우리 회사 AS 신청",
  supplier: "배정된 AS 과제",
  monitor: "전체 과제",
  evaluator: "배정된 현장평가",
  cost_agency: "배정된 원가계산",
} as const;

export default function TicketList() {
  const { rows, total, page, pageSize, role, filters, today, todo } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <h1>{HEADINGS[role]}</h1>
      {todo ? <MyTodo rows={todo.rows} total={todo.total} today={today} companies={role === "manufacturer" ? "manufacturer" : "both"} /> : null}
      <Form method="get" className="card" style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap", alignItems: "end" }}>
        <div style={{ flex: "2 1 220px" }}>
          <label htmlFor="q">검색</label>
          <input id="q" name="q" defaultValue={filters.q ?? ""} placeholder="과제번호, 제목, 기업명" />
        </div>
        <div style={{ flex: "1 1 160px" }}>
          <label htmlFor="state">단계</label>
          <select id="state" name="state" defaultValue={filters.state ?? ""}>
            <option value="">전체</option>
            {TICKET_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">조회</button>
      </Form>
      <p className="muted">총 {total.toLocaleString("ko-KR")}건</p>
      {rows.length === 0 ? (
        <div className="card">
          <p>표시할 과제가 없습니다.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table data-testid="ticket-list" className="responsive">
            <thead>
              <tr>
                <th>과제번호</th>
                <th>제목</th>
                {role !== "manufacturer" ? <th>도입기업</th> : null}
                {role !== "supplier" ? <th>공급기업</th> : null}
                <th>단계</th>
                <th>기한</th>
                <th className="num">협약금액</th>
                <th className="hide-narrow">최근 변경</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.id} data-ticket-number={t.number}>
                  <td data-label="과제번호">
                    <Link to={`/tickets/${t.id}`}>{t.number}</Link>
                  </td>
                  <td data-label="제목">
                    <Link to={`/tickets/${t.id}`}>{t.title}</Link>
                  </td>
                  {role !== "manufacturer" ? <td data-label="도입기업">{t.manufacturer.name}</td> : null}
                  {role !== "supplier" ? <td data-label="공급기업">{t.supplier.name}</td> : null}
                  <td data-label="단계">
                    <StateBadge state={t.state} />
                  </td>
                  <td data-label="기한">
                    <DueBadge {...t} today={today} />
                  </td>
                  <td className="num" data-label="협약금액">
                    {t.agreedCost != null ? formatKRW(t.agreedCost) : "—"}
                  </td>
                  <td className="hide-narrow" data-label="최근 변경">
                    {formatKoreanDateShort(seoulDate(new Date(t.updatedAt)))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label="페이지" style={{ marginTop: "1rem", display: "flex", gap: "0.75rem" }}>
          {page > 1 ? (
            <Link
              to={`?${new URLSearchParams({ ...(filters.q ? { q: filters.q } : {}), ...(filters.state ? { state: filters.state } : {}), page: String(page - 1) })}`}
            >
              이전
            </Link>
          ) : null}
          <span>
            {page} / {pages}
          </span>
          {page < pages ? (
            <Link
              to={`?${new URLSearchParams({ ...(filters.q ? { q: filters.q } : {}), ...(filters.state ? { state: filters.state } : {}), page: String(page + 1) })}`}
            >
              다음
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
