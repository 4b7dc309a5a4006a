import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { DomainError, STATE_LABELS, SUPPORT_TYPES, SUPPORT_TYPE_LABELS, TICKET_STATES, seoulDate } from "~/domain";
import { getDashboard } from "~/models/dashboard.server";
import { listFilterOptions, listMonitorTickets, parseListFilters, queueContext } from "~/models/ticket-list.server";
import { canonicalQuery, deleteSavedFilter, listSavedFilters, saveFilter } from "~/models/saved-filter.server";
import { intent, runIntent } from "~/utils/admin-intents.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/ticket-step.server";
import { filtersQuery } from "~/components/monitor/query";
import { CompanyFilter, DueList } from "~/components/monitor/dashboard-lists";
import { CountTiles, QueueFilters, SavedFilters } from "~/components/monitor/queue";
import { FiguresSection, QueueTable } from "~/components/monitor/dashboard-sections";
import { MyTodo } from "~/components/pending-list";
import { myTodo } from "~/models/pending.server";
import monitorCss from "~/styles/monitor.css?url";
import pendingCss from "~/styles/pending.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: monitorCss },
  { rel: "stylesheet", href: pendingCss },
];
export const meta: MetaFunction = () => [{ title: "대시보드 · 스마트공장 AS 트래커" }];

/** The to-do rows the dashboard shows (the most urgent; its heading counts them all). */
const DASHBOARD_TODO_ROWS = 15;

async function requireMonitor(request: Request) {
  const actor = await requireActor(request);
  invariantResponse(actor.role === "monitor", "페이지를 찾을 수 없습니다.");
  return actor;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMonitor(request);
  const url = new URL(request.url);
  const filters = parseListFilters(url.searchParams);
  const today = seoulDate(new Date());
  // the programs' service targets, read once for the counts, the 목표 초과 filter and every row's badge
  const queue = await queueContext(actor, today);
  const [dashboard, page, options, saved, todo] = await Promise.all([
    getDashboard(actor, filters, today, queue),
    listMonitorTickets(actor, filters, { total: false, queue }),
    listFilterOptions(actor),
    listSavedFilters(actor),
    myTodo(actor, today, DASHBOARD_TODO_ROWS),
  ]);
  const list = { ...page, total: dashboard.listTotal };
  return { today, filters, dashboard, list, options, saved, todo };
}

const SaveSchema = z.object({
  name: z.string({ error: "필터 이름을 입력해 주세요." }).max(200, "필터 이름은 40자 이하로 입력해 주세요."),
  query: z.string().max(2000).optional(),
});
const DeleteSchema = z.object({ id: z.string().trim().min(1).max(64), query: z.string().max(2000).optional() });

/** Saved filters (ADR 027): the person's own, saved under a name or deleted; back to the filters the page showed. */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMonitor(request);
  const form = await readForm(request);
  const query = form.get("query");
  const back = `/dashboard${canonicalQuery(typeof query === "string" ? query.slice(0, 2000) : "")}`;
  return runIntent(
    form,
    {
      "save-filter": intent(SaveSchema, async (v) => {
        const saved = await saveFilter(actor, { name: v.name, query: v.query ?? "" });
        return `'${saved.name}' 필터를 저장했습니다.`;
      }),
      "delete-filter": intent(DeleteSchema, async (v) => {
        if (!(await deleteSavedFilter(actor, v.id)))
          throw new DomainError("filter_not_found", "저장한 필터를 찾을 수 없습니다. 이미 지웠을 수 있습니다.");
        return "저장한 필터를 지웠습니다.";
      }),
    },
    back,
  );
}

export default function Dashboard() {
  const { today, filters, dashboard, list, options, saved, todo } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { counts, overdue, dueSoon } = dashboard;
  const totalCount = Object.values(counts).reduce((a, b) => a + b, 0);
  const query = filtersQuery(filters);
  // Sections in reading order on a wide screen; on a phone monitor.css moves the due lists up, right
  // after the to-do, ahead of the figures (issue 15 item 4).
  return (
    <div className="dashboard">
      <h1>운영기관 대시보드</h1>
      {/* 할 일 (issue 15 item 4): this monitor's own to-do across tickets, most urgent first, before anything else */}
      <div className="dash-todo">
        <MyTodo rows={todo.rows} total={todo.total} today={today} companies="both" />
      </div>

      <section className="card dash-counts" aria-labelledby="counts-h">
        <h2 id="counts-h" style={{ marginTop: 0 }}>
          단계별 과제 수 <span className="muted">(전체 {totalCount}건)</span>
        </h2>
        <CountTiles counts={counts} filters={filters} />
      </section>

      <FiguresSection dashboard={dashboard} filters={filters} />

      <div className="grid-2 dash-due">
        <DueList title="기한 경과" id="overdue" rows={overdue} today={today} empty="기한이 지난 과제가 없습니다." />
        <DueList title="7일 이내 기한" id="due-soon" rows={dueSoon} today={today} empty="7일 이내에 기한이 오는 과제가 없습니다." />
      </div>

      <div className="dash-queue">
        <QueueFilters filters={filters} />
        <SavedFilters saved={saved} query={query} reply={reply} />
      </div>

      <Form method="get" className="card filters dash-filters" aria-label="목록 필터">
        <div>
          <label htmlFor="q">검색</label>
          <input id="q" name="q" defaultValue={filters.q ?? ""} placeholder="과제번호, 제목, 기업명" />
        </div>
        <div>
          <label htmlFor="state">단계</label>
          <select id="state" name="state" defaultValue={filters.state ?? ""}>
            <option value="">전체</option>
            {TICKET_STATES.filter((s) => s !== "draft").map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="supplierId">공급기업</label>
          <CompanyFilter name="supplierId" label="공급기업" options={options.suppliers} value={filters.supplierId} />
        </div>
        <div>
          <label htmlFor="manufacturerId">도입기업</label>
          <CompanyFilter name="manufacturerId" label="도입기업" options={options.manufacturers} value={filters.manufacturerId} />
        </div>
        <div>
          <label htmlFor="supportType">AS 유형</label>
          <select id="supportType" name="supportType" defaultValue={filters.supportType ?? ""}>
            <option value="">전체</option>
            {SUPPORT_TYPES.map((t) => (
              <option key={t} value={t}>
                {SUPPORT_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        {options.programs.length > 1 ? (
          <div>
            <label htmlFor="programId">사업</label>
            <select id="programId" name="programId" defaultValue={filters.programId ?? ""}>
              <option value="">전체</option>
              {options.programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="assignee">담당자</label>
          <select id="assignee" name="assignee" defaultValue={filters.assignee ?? ""}>
            <option value="">전체</option>
            <option value="me">내 담당</option>
            <option value="none">담당자 없음</option>
          </select>
        </div>
        <div className="inline overdue-filter">
          <input id="overdue" name="overdue" type="checkbox" value="1" defaultChecked={filters.overdue === "1"} />
          <label htmlFor="overdue">목표 초과만</label>
        </div>
        <div>
          <label htmlFor="dateField">기간 기준</label>
          <select id="dateField" name="dateField" defaultValue={filters.dateField ?? "submittedAt"}>
            <option value="submittedAt">신청일</option>
            <option value="createdAt">작성일</option>
          </select>
        </div>
        <div>
          <label htmlFor="from">시작일</label>
          <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div>
          <label htmlFor="to">종료일</label>
          <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <div className="button-row" style={{ flex: "0 0 auto" }}>
          <button type="submit">조회</button>
          <Link to="/dashboard" className="button secondary">
            초기화
          </Link>
        </div>
      </Form>

      <section className="card dash-list" aria-labelledby="list-h">
        <div className="inline" style={{ justifyContent: "space-between", flexWrap: "wrap" }}>
          <h2 id="list-h" style={{ margin: 0 }}>
            과제 목록{" "}
            <span className="muted" data-testid="list-total">
              {list.total.toLocaleString("ko-KR")}건
            </span>
          </h2>
          <span className="button-row">
            <a className="button secondary" href={`/exports/tickets.csv${query}`} download>
              CSV 내려받기
            </a>
            <a className="button secondary" href={`/exports/tickets.xlsx${query}`} download>
              엑셀(XLSX) 내려받기
            </a>
          </span>
        </div>
        {list.rows.length === 0 ? <p>조건에 맞는 과제가 없습니다.</p> : <QueueTable rows={list.rows} today={today} />}
        <p className="button-row">
          {filters.after ? (
            <Link to={`/dashboard${query}`} className="button secondary">
              처음으로
            </Link>
          ) : null}
          {list.nextCursor ? (
            <Link to={`/dashboard${filtersQuery(filters, { after: list.nextCursor })}`} className="button secondary">
              다음 {list.rows.length}건
            </Link>
          ) : null}
        </p>
      </section>
    </div>
  );
}
