import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { listInbox, type InboxGroupKey } from "~/models/inbox.server";
import { WORK_LOG_STATUS_LABELS, formatKRW, seoulDate } from "~/domain";
import { DueBadge, StateBadge } from "~/components/badges";
import supplierStyles from "~/styles/supplier.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: supplierStyles }];

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
  const { groups, total } = await listInbox(actor, { q: filters.q || undefined, today });
  return { groups, total, today, q: filters.q ?? "", organizationName: actor.organizationName };
}

/** Where the supplier's next step for a ticket in this group is taken. */
const NEXT_STEP: Partial<Record<InboxGroupKey, { page: string; label: string }>> = {
  quote: { page: "quote", label: "견적 작성" },
  plan: { page: "plan", label: "수행계획서 작성" },
  revision: { page: "plan", label: "수정 계획서 작성" },
  start: { page: "", label: "과제 착수" },
  work: { page: "work-logs", label: "작업일지" },
};

export default function Inbox() {
  const { groups, total, today, q, organizationName } = useLoaderData<typeof loader>();
  const open = groups.filter((g) => g.key !== "closed" && g.key !== "waiting").reduce((n, g) => n + g.rows.length, 0);
  return (
    <>
      <h1>할 일</h1>
      <p className="muted">
        {organizationName} · 배정된 과제 {total.toLocaleString("ko-KR")}건 중 지금 처리할 과제 {open.toLocaleString("ko-KR")}건
      </p>
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
      {groups
        .filter((g) => g.rows.length > 0)
        .map((group) => (
          <section key={group.key} className="card" aria-labelledby={`group-${group.key}`} data-group={group.key}>
            <h2 id={`group-${group.key}`} style={{ marginTop: 0 }}>
              {group.title} <span className="badge role">{group.rows.length}건</span>
            </h2>
            <p className="muted">{group.hint}</p>
            <div className="table-wrap">
              <table className="responsive">
                <thead>
                  <tr>
                    <th>과제번호</th>
                    <th>제목</th>
                    <th>도입기업</th>
                    <th>단계</th>
                    <th>기한</th>
                    <th className="num">견적금액</th>
                    <th>다음 할 일</th>
                  </tr>
                </thead>
                <tbody>
                  {group.rows.map((t) => {
                    const next = NEXT_STEP[group.key];
                    return (
                      <tr key={t.id} data-ticket-number={t.number}>
                        <td data-label="과제번호">
                          <Link to={`/tickets/${t.id}`}>{t.number}</Link>
                        </td>
                        <td data-label="제목">
                          {t.title}
                          {t.disputedLogs > 0 ? (
                            <span className="badge overdue inbox-flag">
                              {WORK_LOG_STATUS_LABELS.disputed} {t.disputedLogs}건
                            </span>
                          ) : null}
                        </td>
                        <td data-label="도입기업">{t.manufacturer.name}</td>
                        <td data-label="단계">
                          <StateBadge state={t.state} />
                        </td>
                        <td data-label="기한">
                          <DueBadge {...t} today={today} />
                        </td>
                        <td className="num" data-label="견적금액">
                          {t.quoteTotal == null ? "—" : formatKRW(t.quoteTotal)}
                        </td>
                        <td data-label="다음 할 일">
                          {next ? (
                            <Link to={next.page ? `/tickets/${t.id}/${next.page}` : `/tickets/${t.id}`}>{next.label}</Link>
                          ) : (
                            <Link to={`/tickets/${t.id}`}>과제 보기</Link>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        ))}
    </>
  );
}
