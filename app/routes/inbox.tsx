import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { listInbox } from "~/models/inbox.server";
import { formatKRW, seoulDate } from "~/domain";
import { StateBadge } from "~/components/badges";
import { TodoTable } from "~/components/pending-list";
import supplierStyles from "~/styles/supplier.css?url";
import pendingStyles from "~/styles/pending.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: supplierStyles },
  { rel: "stylesheet", href: pendingStyles },
];

export const meta: MetaFunction = () => [{ title: "할 일 · 스마트공장 AS 트래커" }];

const QuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  // The inbox is the supplier's home; the other roles have their own.
  if (actor.role !== "supplier") throw redirect("/");
  const url = new URL(request.url);
  const filters = QuerySchema.parse(Object.fromEntries(url.searchParams));
  const today = seoulDate(new Date());
  const inbox = await listInbox(actor, { q: filters.q || undefined, today });
  return { ...inbox, today, q: filters.q ?? "", organizationName: actor.organizationName };
}

export default function Inbox() {
  const { todo, waiting, finished, total, today, q, organizationName } = useLoaderData<typeof loader>();
  const tickets = new Set(todo.map((t) => t.ticket.id)).size;
  return (
    <>
      <h1>할 일</h1>
      <p className="muted">
        {organizationName} · 배정된 과제 {total.toLocaleString("ko-KR")}건 중 지금 처리할 과제 {tickets.toLocaleString("ko-KR")}건
      </p>
      <section className="card" aria-labelledby="group-todo" data-group="todo">
        <h2 id="group-todo" style={{ marginTop: 0 }}>
          지금 할 일 <span className="badge role">{todo.length}건</span>
        </h2>
        <p className="muted">기한이 지난 일, 기한이 가까운 일, 오래 기다린 일 순서입니다.</p>
        {todo.length ? <TodoTable rows={todo} today={today} companies="supplier" /> : <p>지금 처리할 일이 없습니다.</p>}
      </section>
      <Form method="get" className="card inbox-search" role="search">
        <div className="grow">
          <label htmlFor="inbox-q">검색</label>
          <input id="inbox-q" name="q" defaultValue={q} placeholder="도입기업명, 과제 제목 또는 과제번호" />
        </div>
        <button type="submit">검색</button>
        {q ? (
          <Link to="/inbox" className="button secondary">
            전체 보기
          </Link>
        ) : null}
      </Form>
      {total === 0 ? (
        <div className="card">
          <p>{q ? `'${q}'에 해당하는 과제가 없습니다.` : "배정된 과제가 없습니다."}</p>
        </div>
      ) : null}
      {waiting.length ? (
        <section className="card" aria-labelledby="group-waiting" data-group="waiting">
          <h2 id="group-waiting" style={{ marginTop: 0 }}>
            기다리는 중 <span className="badge role">{waiting.length}건</span>
          </h2>
          <p className="muted">운영기관 또는 도입기업의 처리를 기다리는 과제입니다.</p>
          <TicketRows rows={waiting.map((w) => ({ ...w.ticket, status: w.waiting?.label ?? "—" }))} statusLabel="기다리는 일" />
        </section>
      ) : null}
      {finished.length ? (
        <section className="card" aria-labelledby="group-closed" data-group="closed">
          <h2 id="group-closed" style={{ marginTop: 0 }}>
            종료 <span className="badge role">{finished.length}건</span>
          </h2>
          <p className="muted">완료·사후관리 또는 종료된 과제입니다.</p>
          <TicketRows rows={finished.map((t) => ({ ...t, status: null }))} />
        </section>
      ) : null}
    </>
  );
}

type Row = {
  id: string;
  number: string;
  title: string;
  state: string;
  quoteTotal: number | null;
  manufacturer: { name: string };
  status: string | null;
};

function TicketRows({ rows, statusLabel }: { rows: Row[]; statusLabel?: string }) {
  return (
    <div className="table-wrap">
      <table className="responsive">
        <thead>
          <tr>
            <th>과제번호</th>
            <th>제목</th>
            <th>도입기업</th>
            <th>단계</th>
            {statusLabel ? <th>{statusLabel}</th> : null}
            <th className="num">견적금액</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.id} data-ticket-number={t.number}>
              <td data-label="과제번호">
                <Link to={`/tickets/${t.id}`}>{t.number}</Link>
              </td>
              <td data-label="제목">{t.title}</td>
              <td data-label="도입기업">{t.manufacturer.name}</td>
              <td data-label="단계">
                <StateBadge state={t.state} />
              </td>
              {statusLabel ? <td data-label={statusLabel}>{t.status}</td> : null}
              <td className="num" data-label="견적금액">
                {t.quoteTotal == null ? "—" : formatKRW(t.quoteTotal)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
