import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { requireVisibleTicket } from "~/models/ticket.server";
import { transitionTicket } from "~/models/workflow.server";
import { getTicketPage, submitApplication } from "~/models/ticket-page.server";
import { ScreeningFindings } from "~/components/ticket-draft-form";
import makerStyles from "~/styles/maker.css?url";
import { badRequest, failureResponse, fields, parseForm, type FormFailure, readForm } from "~/utils/forms.server";
import { SIMPLE_ACTIONS, TicketActions } from "~/components/ticket-actions";
import { QuoteLinesTable } from "~/components/quote-lines-table";
import {
  DOCUMENT_KIND_LABELS,
  MONEY_LABELS,
  NOTICE_STEPS,
  ROLE_LABELS,
  SUPPORT_TYPE_LABELS,
  formatKRW,
  formatKoreanDate,
  formatKoreanDateShort,
  isSupportType,
  isAction,
  isTicketState,
  nextActor,
  seoulDate,
  stepOfState,
  type DocumentKind,

  WORK_LOG_STATUS_LABELS,

  isWorkLogStatus,
  EXTENSION_REQUEST_STATUS_LABELS,
  PLAN_REVIEW_STATUS_LABELS,
  isExtensionRequestStatus,
  isPlanReviewStatus,
  workLogsVisible,
} from "~/domain";
import { DueBadge, StateBadge } from "~/components/badges";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = ParamsSchema.safeParse(params);
  // Not yours and does not exist look the same: 404, never 403 and never the data.
  const today = seoulDate(new Date());
  const page = parsed.success ? await getTicketPage(actor, parsed.data.ticketId, today) : null;
  if (!page) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  const { ticket, extras, assessment } = page;
  const isMaker = actor.role === "manufacturer";
  // Before submission the manufacturer sees every piece still missing, from the rules module.
  const readiness =
    isMaker && ticket.state === "draft"
      ? {
          eligibility: assessment.eligibility.reasons,
          documents: assessment.checklist.problems.map((p) => ({ key: p.key, label: p.label, message: p.message, clause: p.clause })),
        }
      : null;
  return { ticket, extras, today, role: actor.role, readiness, actions: assessment.actions };
}

function Money({ value }: { value: number | null | undefined }) {
  return <>{value == null ? "—" : formatKRW(value)}</>;
}

export default function TicketPage() {
  const { ticket, extras, today, role, readiness, actions } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const state = isTicketState(ticket.state) ? ticket.state : null;
  const currentStep = state ? stepOfState(state) : null;
  const actorNext = state ? nextActor(state) : null;
  const isDraftOwner = role === "manufacturer" && ticket.state === "draft";
  // First time each step was reached, from the audit trail.
  const reachedAt = new Map<number, { at: string; by: string | null }>();
  for (const event of ticket.auditEvents) {
    if (event.toState && isTicketState(event.toState)) {
      const step = stepOfState(event.toState);
      if (step && !reachedAt.has(step)) reachedAt.set(step, { at: seoulDate(new Date(event.createdAt)), by: event.actor?.name ?? null });
    }
  }
  const [latestQuote, ...olderQuotes] = extras.quotes;
  const plan = extras.plans[0];
  const costReview = extras.costReviews[0];
  const confirmedLogs = ticket.workLogs.filter((l) => l.status === "confirmed").length;
  const disputedLogs = ticket.workLogs.filter((l) => l.status === "disputed").length;
  return (
    <>
      {isDraftOwner ? (
        <div className="card" style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>

          <Link className="button secondary" to={`/tickets/${ticket.id}/edit`}>
            신청서 수정
          </Link>
          <Link className="button secondary" to={`/tickets/${ticket.id}/documents`}>
            신청서류 올리기
          </Link>
        </div>
      ) : null}

      {ticket.state === "draft" && extras.reviews[0] ? (
        <section className="form-error" role="note" data-testid="fix-list">
          <strong>운영기관의 보완 요청</strong> ({formatKoreanDateShort(seoulDate(new Date(extras.reviews[0].reviewedAt)))}): 아래를 보완한 뒤 다시 제출해 주세요.
          {extras.reviews[0].fixList ? (
            <ul>
              {extras.reviews[0].fixList
                .split("\n")
                .map((line) => line.trim())
                .filter(Boolean)
                .map((line) => (
                  <li key={line}>{line}</li>
                ))}
            </ul>
          ) : null}
          {extras.reviews[0].reason ? <p style={{ margin: 0 }}>{extras.reviews[0].reason}</p> : null}
        </section>
      ) : null}

      {searchParams.get("saved") ? (
        <p className="toast-ok" role="status">
          신청서를 저장했습니다 (작성중). 서류를 올린 뒤 제출하세요.
        </p>
      ) : null}

      <section className="card" aria-labelledby="actions-h">
        <h2 id="actions-h" style={{ marginTop: 0 }}>
          할 일
        </h2>
        <TicketActions ticketId={ticket.id} version={ticket.version} actions={actions} />
      </section>

      {readiness ? (
        <section className="card" aria-labelledby="ready-h" data-testid="submit-readiness">
          <h2 id="ready-h" style={{ marginTop: 0 }}>
            제출 전 확인
          </h2>
          {readiness.eligibility.length === 0 && readiness.documents.length === 0 ? (
            <p className="verdict-ok">신청자격과 제출 서류가 모두 갖추어졌습니다. 위의 ‘신청서 제출’을 누르세요.</p>
          ) : (
            <ul className="reason-list">
              {readiness.eligibility.map((r) => (
                <li key={`e-${r.code}`}>
                  {r.message} <Link to="/profile">기업 정보 수정</Link>
                  <div className="muted clause">{r.clause}</div>
                </li>
              ))}
              {readiness.documents.map((d) => (
                <li key={`d-${d.key}`}>
                  {d.label}: {d.message} <Link to={`/tickets/${ticket.id}/documents`}>서류 올리기</Link>
                  <div className="muted clause">{d.clause}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <div className="grid-2">
        <section className="card" aria-labelledby="facts-h">
          <h2 id="facts-h" style={{ marginTop: 0 }}>
            신청 내용
          </h2>
          <dl className="facts">
            <dt>도입기업</dt>
            <dd>{ticket.manufacturer.name}</dd>
            <dt>공급기업</dt>
            <dd>{ticket.supplier.name}</dd>
            <dt>지원유형</dt>
            <dd>{ticket.supportTypes.map((s) => (isSupportType(s.type) ? SUPPORT_TYPE_LABELS[s.type] : s.type)).join(", ") || "—"}</dd>
            <dt>대상 시스템</dt>
            <dd>{ticket.targetSystem ? `${ticket.targetSystem.kind} · ${ticket.targetSystem.name}${ticket.targetSystem.vendorName ? ` (${ticket.targetSystem.vendorName})` : ""}` : "—"}</dd>
            <dt>문제 현황</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{ticket.problem}</dd>
            <dt>기대 효과</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{ticket.desiredOutcome}</dd>
            {ticket.submittedAt ? (
              <>
                <dt>신청일</dt>
                <dd>{formatKoreanDate(seoulDate(new Date(ticket.submittedAt)))}</dd>
              </>
            ) : null}
          </dl>
          {ticket.items.length ? (
            <>
              <h2>요청 항목</h2>
              <ul>
                {ticket.items.map((item) => (
                  <li key={item.id}>
                    {item.description} × {item.quantity}
                    {isSupportType(item.supportType) ? <span className="muted"> · {SUPPORT_TYPE_LABELS[item.supportType]}</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>

        <section className="card" aria-labelledby="money-h">
          <h2 id="money-h" style={{ marginTop: 0 }}>
            사업비
          </h2>
          <dl className="facts" data-testid="amounts">
            <dt>견적금액</dt>
            <dd>
              <Money value={ticket.quoteTotal} />
            </dd>
            {costReview ? (
              <>
                <dt>{MONEY_LABELS.verifiedAmount}</dt>
                <dd>
                  <Money value={costReview.verifiedAmount} />
                </dd>
              </>
            ) : null}
            <dt>협약금액 (총사업비)</dt>
            <dd>
              <Money value={ticket.agreement?.agreedCost ?? ticket.agreedCost} />
            </dd>
            <dt>정부지원금</dt>
            <dd>
              <Money value={ticket.agreement?.subsidy ?? ticket.subsidy} />
            </dd>
            <dt>기업부담금</dt>
            <dd>
              <Money value={ticket.agreement?.companyShare ?? ticket.companyShare} />
            </dd>
            <dt>수행기간</dt>
            <dd>
              {ticket.agreement
                ? `${formatKoreanDate(ticket.agreement.startOn)} ~ ${formatKoreanDate(ticket.agreement.endOn)}${ticket.agreement.extensionMonths ? ` (${ticket.agreement.extensionMonths}개월 연장)` : ""}`
                : "협약 전"}
            </dd>
            {ticket.planDueOn ? (
              <>
                <dt>수행계획서 제출기한</dt>
                <dd>{formatKoreanDate(ticket.planDueOn)}</dd>
              </>
            ) : null}
          </dl>
        </section>
      </div>

      {extras.items.length && (ticket.state === "draft" || ticket.state === "submitted" || ticket.state === "requirement_review") ? (
        <ScreeningFindings items={extras.items} />
      ) : null}

      <section className="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h" style={{ marginTop: 0 }}>
          진행 단계
        </h2>
        <ol className="timeline">
          {NOTICE_STEPS.map((step) => {
            const reached = reachedAt.get(step.no);
            const status = currentStep == null ? "" : step.no < currentStep ? "done" : step.no === currentStep ? "current" : "";
            return (
              <li key={step.no} className={status} aria-current={status === "current" ? "step" : undefined}>
                <span className="step">{step.no}</span>
                <span>{step.label}</span>
                <span className="when">{reached ? `${formatKoreanDateShort(reached.at)}${reached.by ? ` · ${reached.by}` : ""}` : ""}</span>
              </li>
            );
          })}
        </ol>
      </section>

      <section className="card" aria-labelledby="docs-h">
        <h2 id="docs-h" style={{ marginTop: 0 }}>
          신청서류 ({extras.documents.length}건)
        </h2>
        {extras.documents.length === 0 ? (
          <p className="muted">올린 서류가 없습니다.</p>
        ) : (
          <ul data-testid="ticket-documents">
            {extras.documents.map((d) => (
              <li key={d.id}>
                {DOCUMENT_KIND_LABELS[d.kind as DocumentKind] ?? d.kind}
                {d.fiscalYear ? ` (${d.fiscalYear}년)` : ""} · 발행일 {formatKoreanDateShort(d.issuedOn)} ·{" "}
                <a href={`/files/${d.file.id}`} download>
                  {d.file.originalName}
                </a>
              </li>
            ))}
          </ul>
        )}
        <Link to={`/tickets/${ticket.id}/documents`}>서류 목록과 유효기간 보기</Link>
      </section>

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
          {plan.milestones.length ? (
            <div className="table-wrap">
              <table className="responsive">
                <thead>
                  <tr>
                    <th>일정</th>
                    <th>기한</th>
                    <th>산출물</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.milestones.map((m) => (
                    <tr key={m.id}>
                      <td data-label="일정">{m.title}</td>
                      <td data-label="기한">{formatKoreanDateShort(m.dueOn)}</td>
                      <td data-label="산출물">{m.deliverable}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}

      {costReview ? (
        <section className="card" aria-labelledby="cost-h" data-testid="cost-review">
          <h2 id="cost-h" style={{ marginTop: 0 }}>
            원가적정성 검토 결과
          </h2>
          <dl className="facts">
            <dt>결과 통보일</dt>
            <dd>{formatKoreanDate(costReview.resultOn)}</dd>
            <dt>{MONEY_LABELS.quoteTotal}</dt>
            <dd>{formatKRW(costReview.quoteTotal)}</dd>
            <dt>{MONEY_LABELS.verifiedAmount}</dt>
            <dd>
              {formatKRW(costReview.verifiedAmount)}
              {costReview.verifiedAmount < costReview.quoteTotal ? ` (견적 대비 ${formatKRW(costReview.quoteTotal - costReview.verifiedAmount)} 감액)` : " (견적 금액 적정)"}
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

      {ticket.workLogs.length || ticket.state === "in_progress" ? (
        <section className="card" aria-labelledby="logs-h">
          <h2 id="logs-h" style={{ marginTop: 0 }}>
            작업일지
          </h2>
          <p>
            {ticket.workLogs.length}건 · 확인 {confirmedLogs}건 · {WORK_LOG_STATUS_LABELS.submitted} {ticket.workLogs.length - confirmedLogs - disputedLogs}건
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
                      <td data-label="확인">{isWorkLogStatus(log.status) ? WORK_LOG_STATUS_LABELS[log.status] : WORK_LOG_STATUS_LABELS.submitted}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}

      {extras.extensions.length ? (
        <section className="card" aria-labelledby="ext-h">
          <h2 id="ext-h" style={{ marginTop: 0 }}>
            사업기간 연장 신청
          </h2>
          <ul>
            {extras.extensions.map((e) => (
              <li key={e.id}>
                {formatKoreanDateShort(seoulDate(new Date(e.requestedAt)))} · {e.months}개월 · {isExtensionRequestStatus(e.status) ? EXTENSION_REQUEST_STATUS_LABELS[e.status] : e.status}
                {e.newEndOn ? ` · 종료일 ${formatKoreanDate(e.newEndOn)}` : ""}
              </li>
            ))}
          </ul>
          <Link to={`/tickets/${ticket.id}/extension`}>연장 신청 내역 보기</Link>
        </section>
      ) : null}

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
