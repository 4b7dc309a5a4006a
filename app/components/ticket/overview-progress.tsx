// The ticket overview's read-only sections, part 2: the supplier's work and the history
// (the route app/routes/tickets.$ticketId._index.tsx puts them together).
import { Link } from "@remix-run/react";
import {
  changeStatusLabel,
  MONEY_LABELS,
  PLAN_REVIEW_STATUS_LABELS,
  WORK_LOG_STATUS_LABELS,
  formatKRW,
  formatKoreanDate,
  formatKoreanDateShort,
  isPlanReviewStatus,
  isWorkLogStatus,
  seoulDate,
} from "~/domain";
import { QuoteLinesTable } from "~/components/quote-lines-table";
import { MilestonesTable } from "./plan-history";
import type { OverviewData } from "~/routes/tickets.$ticketId._index";

/** 견적: the latest version in full, earlier ones folded. */
export function QuotesSection({ data }: { data: OverviewData }) {
  const { extras } = data;
  const [latestQuote, ...olderQuotes] = extras.quotes;
  return (
    <>
      {latestQuote ? (
        <section className="card" aria-labelledby="quote-h" data-testid="quotes">
          <h2 id="quote-h" style={{ marginTop: 0 }}>
            견적 (최신 {latestQuote.version}차{extras.quotes.length > 1 ? `, 전체 ${extras.quotes.length}건` : ""})
          </h2>
          <QuoteTable quote={latestQuote} />
          {olderQuotes.map((q) => (
            <details key={q.id}>
              <summary>
                {q.version}차 견적 · {formatKRW(q.total)} · {formatKoreanDateShort(seoulDate(new Date(q.createdAt)))}
              </summary>
              <QuoteTable quote={q} />
            </details>
          ))}
        </section>
      ) : null}
    </>
  );
}

/** 수행계획서: the latest plan with its review status and milestones. */
export function PlanSection({ data }: { data: OverviewData }) {
  const plan = data.extras.plans[0];
  return (
    <>
      {plan ? (
        <section className="card" aria-labelledby="plan-h" data-testid="plan">
          <h2 id="plan-h" style={{ marginTop: 0 }}>
            수행계획서 ({plan.version}차{plan.isRevision ? ", 수정" : ""})
          </h2>
          <dl className="facts">
            <dt>검토 상태</dt>
            <dd>
              {isPlanReviewStatus(plan.reviewStatus) ? PLAN_REVIEW_STATUS_LABELS[plan.reviewStatus] : plan.reviewStatus}
              {plan.reviewNote ? ` · ${plan.reviewNote}` : ""}
            </dd>
            <dt>제출일 / 기한</dt>
            <dd>
              {formatKoreanDateShort(seoulDate(new Date(plan.submittedAt)))} / {formatKoreanDate(plan.dueOn)}{" "}
              {plan.late ? <span className="badge overdue">기한 경과 제출</span> : <span className="badge done">기한 내 제출</span>}
            </dd>
            <dt>수행 범위</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{plan.scope}</dd>
            <dt>투입 인력</dt>
            <dd>{plan.staff}</dd>
          </dl>
          <MilestonesTable milestones={plan.milestones} />
        </section>
      ) : null}
    </>
  );
}

/** Who sees a cost review the TP has not confirmed (the agency's submission, or one sent back): the TP and the agency. */
const SEES_UNCONFIRMED_REVIEW = new Set(["monitor", "cost_agency"]);

/**
 * 원가적정성 검토 결과: a result once the TP confirmed it (the figures above count it from then on, ADR 039);
 * before, the TP and the agency see the entered review marked as awaiting confirmation, the companies nothing.
 */
export function CostReviewSection({ data }: { data: OverviewData }) {
  const latest = data.extras.costReviews[0];
  const confirmed = latest?.status === "confirmed";
  const costReview = latest && (confirmed || SEES_UNCONFIRMED_REVIEW.has(data.role)) ? latest : null;
  return (
    <>
      {costReview ? (
        <section className="card" aria-labelledby="cost-h" data-testid="cost-review">
          <h2 id="cost-h" style={{ marginTop: 0 }}>
            원가적정성 검토 결과{confirmed ? "" : " (운영기관 확인 전 — 아직 결과가 아닙니다)"}
          </h2>
          <dl className="facts">
            <dt>결과 통보일</dt>
            <dd>{formatKoreanDate(costReview.resultOn)}</dd>
            <dt>{MONEY_LABELS.quoteTotal}</dt>
            <dd>{formatKRW(costReview.quoteTotal)}</dd>
            <dt>{MONEY_LABELS.verifiedAmount}</dt>
            <dd>
              {formatKRW(costReview.verifiedAmount)}
              {costReview.verifiedAmount < costReview.quoteTotal
                ? ` (견적 대비 ${formatKRW(costReview.quoteTotal - costReview.verifiedAmount)} 감액)`
                : " (견적 금액 적정)"}
            </dd>
            {costReview.planChangeRequired ? (
              <>
                <dt>수행계획서 변경</dt>
                <dd>필요{costReview.revisionDueOn ? ` · ${formatKoreanDate(costReview.revisionDueOn)}까지 수정 제출` : ""}</dd>
              </>
            ) : null}
            {costReview.note ? (
              <>
                <dt>의견</dt>
                <dd>{costReview.note}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
    </>
  );
}

/** 작업일지: counts by status and the list. */
export function WorkLogsSummary({ data }: { data: OverviewData }) {
  const { ticket, role } = data;
  const confirmedLogs = ticket.workLogs.filter((l) => l.status === "confirmed").length;
  const disputedLogs = ticket.workLogs.filter((l) => l.status === "disputed").length;
  return (
    <>
      {ticket.workLogs.length || ticket.state === "in_progress" ? (
        <section className="card" aria-labelledby="logs-h">
          <h2 id="logs-h" style={{ marginTop: 0 }}>
            작업일지
          </h2>
          <p>
            {ticket.workLogs.length}건 · 확인 {confirmedLogs}건 · {WORK_LOG_STATUS_LABELS.submitted}{" "}
            {ticket.workLogs.length - confirmedLogs - disputedLogs}건
            {disputedLogs ? ` · ${WORK_LOG_STATUS_LABELS.disputed} ${disputedLogs}건` : ""} ·{" "}
            <Link to={`/tickets/${ticket.id}/work-logs`}>{role === "manufacturer" ? "작업일지 확인·이의 제기" : "작업일지 보기"}</Link>
          </p>
          {ticket.workLogs.length ? (
            <div className="table-wrap">
              <table className="responsive">
                <thead>
                  <tr>
                    <th>일자</th>
                    <th>작업 내용</th>
                    <th className="num">시간</th>
                    <th>확인</th>
                  </tr>
                </thead>
                <tbody>
                  {ticket.workLogs.map((log) => (
                    <tr key={log.id}>
                      <td data-label="일자">{formatKoreanDateShort(log.workedOn)}</td>
                      <td data-label="작업 내용">{log.description}</td>
                      <td className="num" data-label="시간">
                        {(log.minutes / 60).toLocaleString("ko-KR", { maximumFractionDigits: 1 })}시간
                      </td>
                      <td data-label="확인">
                        {isWorkLogStatus(log.status) ? WORK_LOG_STATUS_LABELS[log.status] : WORK_LOG_STATUS_LABELS.submitted}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

/** 사업기간 연장 신청 내역. */
export function ExtensionsSummary({ data }: { data: OverviewData }) {
  const { ticket, extras } = data;
  return (
    <>
      {extras.extensions.length ? (
        <section className="card" aria-labelledby="ext-h">
          <h2 id="ext-h" style={{ marginTop: 0 }}>
            사업기간 연장 신청
          </h2>
          <ul>
            {extras.extensions.map((e) => (
              <li key={e.id}>
                {formatKoreanDateShort(seoulDate(new Date(e.requestedAt)))} · {e.months}개월 · {changeStatusLabel(e.status)}
                {e.newEndOn ? ` · 종료일 ${formatKoreanDate(e.newEndOn)}` : ""}
              </li>
            ))}
          </ul>
          <Link to={`/tickets/${ticket.id}/extension`}>연장 신청 내역 보기</Link>
        </section>
      ) : null}
    </>
  );
}

/** 변경 이력: the audit trail. */
export function HistorySection({ data }: { data: OverviewData }) {
  const { ticket } = data;
  return (
    <>
      <section className="card" aria-labelledby="history-h">
        <h2 id="history-h" style={{ marginTop: 0 }}>
          변경 이력
        </h2>
        <ul className="timeline">
          {ticket.auditEvents.map((event) => (
            <li key={event.seq}>
              <span>{event.summary}</span>
              <span className="when">
                {formatKoreanDateShort(seoulDate(new Date(event.createdAt)))}
                {event.actor ? ` · ${event.actor.name}` : ""}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

type QuoteView = {
  version: number;
  total: number;
  note: string | null;
  lines: { id: string; kind: string; description: string; quantity: number; unitPrice: number; amount: number }[];
};

function QuoteTable({ quote }: { quote: QuoteView }) {
  return (
    <QuoteLinesTable
      lines={quote.lines}
      version={quote.version}
      footer={
        <tr>
          <td colSpan={4} data-label="">
            <strong>합계</strong>
            {quote.note ? <span className="muted"> · {quote.note}</span> : null}
          </td>
          <td className="num" data-label="합계">
            <strong>{formatKRW(quote.total)}</strong>
          </td>
        </tr>
      }
    />
  );
}
