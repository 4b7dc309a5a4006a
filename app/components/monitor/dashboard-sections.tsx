// The monitor dashboard's read-only sections (app/routes/dashboard.tsx): the figures (capacity and budget
// gauges, the breakdown by supplier) and the queue's ticket table.
import { Link } from "@remix-run/react";
import { ROLE_LABELS, formatKRW, formatKoreanDateShort, seoulDate, type Role } from "~/domain";
import { DueBadge, StateBadge } from "~/components/badges";
import { Gauge } from "~/components/monitor/gauge";
import { filtersQuery } from "~/components/monitor/query";
import { TargetBadge, TpWaitCell } from "~/components/monitor/queue";

type Filters = Parameters<typeof filtersQuery>[0];

type Figures = {
  program: { name: string } | null;
  gauge: { selected: number; capacity: number; committedSubsidy: number; subsidyBudget: number } | null;
  suppliers: { id: string; name: string; count: number; subsidy: number }[];
  otherSuppliers: { companies: number; count: number; subsidy: number } | null;
};

/** 지원 규모와 예산 and 공급기업별 과제. */
export function FiguresSection({ dashboard, filters }: { dashboard: Figures; filters: Filters }) {
  const { gauge, suppliers, otherSuppliers } = dashboard;
  return (
    <div className="grid-2 dash-figures">
      <section className="card" aria-labelledby="gauge-h">
        <h2 id="gauge-h" style={{ marginTop: 0 }}>
          지원 규모와 예산 {dashboard.program ? <span className="muted">· {dashboard.program.name}</span> : null}
        </h2>
        {gauge ? (
          <>
            <Gauge label="선정 기업" value={gauge.selected} max={gauge.capacity} format={(n) => `${n}개사`} />
            <Gauge label="정부지원금" value={gauge.committedSubsidy} max={gauge.subsidyBudget} format={formatKRW} />
          </>
        ) : (
          <p className="muted">사업이 없습니다.</p>
        )}
      </section>
      <section className="card" aria-labelledby="sup-h">
        <h2 id="sup-h" style={{ marginTop: 0 }}>
          공급기업별 과제
        </h2>
        <div className="table-wrap">
          <table className="responsive" data-testid="by-supplier">
            <thead>
              <tr>
                <th>공급기업</th>
                <th className="num">과제</th>
                <th className="num">협약 정부지원금</th>
              </tr>
            </thead>
            <tbody>
              {suppliers.map((s) => (
                <tr key={s.id}>
                  <td data-label="공급기업">
                    <Link to={filtersQuery({ ...filters, supplierId: s.id })}>{s.name}</Link>
                  </td>
                  <td className="num" data-label="과제">
                    {s.count}
                  </td>
                  <td className="num" data-label="정부지원금">
                    {formatKRW(s.subsidy)}
                  </td>
                </tr>
              ))}
              {otherSuppliers ? (
                <tr data-testid="other-suppliers">
                  <td data-label="공급기업" className="muted">
                    그 외 {otherSuppliers.companies.toLocaleString("ko-KR")}개사
                  </td>
                  <td className="num" data-label="과제">
                    {otherSuppliers.count.toLocaleString("ko-KR")}
                  </td>
                  <td className="num" data-label="정부지원금">
                    {formatKRW(otherSuppliers.subsidy)}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

export type QueueRow = {
  id: string;
  number: string;
  title: string;
  state: string;
  planDueOn: string | null;
  revisionDueOn: string | null;
  windowEndOn: string | null;
  submittedAt: string | Date | null;
  subsidy: number | null;
  manufacturer: { name: string };
  supplier: { name: string };
  assignee: { name: string } | null;
  next: Role[];
  tpWait: { day: number; due: string | null; dueLabel: string | null; overdue: boolean } | null;
};

/** The queue's table: one row per ticket with its 다음 조치, TP waiting days, service target and officer. */
export function QueueTable({ rows, today }: { rows: QueueRow[]; today: string }) {
  return (
    <div className="table-wrap">
      <table className="responsive" data-testid="ticket-list">
        <thead>
          <tr>
            <th>과제번호</th>
            <th>제목</th>
            <th>도입기업</th>
            <th>공급기업</th>
            <th>접수일</th>
            <th>단계</th>
            <th>다음 조치</th>
            <th>TP 대기</th>
            <th>서비스 목표</th>
            <th>담당자</th>
            <th>기한</th>
            <th className="num">정부지원금</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.id} data-ticket-row={t.number}>
              <td data-label="과제번호">
                <Link to={`/tickets/${t.id}`}>{t.number}</Link>
              </td>
              <td data-label="제목">{t.title}</td>
              <td data-label="도입기업">{t.manufacturer.name}</td>
              <td data-label="공급기업">{t.supplier.name}</td>
              <td data-label="접수일">{t.submittedAt ? formatKoreanDateShort(seoulDate(new Date(t.submittedAt))) : "—"}</td>
              <td data-label="단계">
                <StateBadge state={t.state} />
              </td>
              <td data-label="다음 조치" data-testid="next-actor">
                {t.next.length ? t.next.map((p) => ROLE_LABELS[p]).join(" · ") : "—"}
              </td>
              <td data-label="TP 대기" data-testid="tp-wait">
                <TpWaitCell wait={t.tpWait} />
              </td>
              <td data-label="서비스 목표">
                <TargetBadge wait={t.tpWait} />
              </td>
              <td data-label="담당자" data-testid="row-assignee">
                {t.assignee ? t.assignee.name : <span className="muted">없음</span>}
              </td>
              <td data-label="기한">
                <DueBadge {...t} today={today} />
              </td>
              <td className="num" data-label="정부지원금">
                {t.subsidy == null ? "—" : formatKRW(t.subsidy)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
