// The ticket overview's read-only sections, part 1: what was applied for and the money
// (the route app/routes/tickets.$ticketId._index.tsx puts them together).
import { Link } from "@remix-run/react";
import {
  NOTICE_STEPS,
  SUPPORT_TYPE_LABELS,
  formatKoreanDate,
  formatKoreanDateShort,
  isSupportType,
  isTicketState,
  seoulDate,
  stepOfState,
  DOCUMENT_KIND_LABELS,
  type DocumentKind,
} from "~/domain";
import type { OverviewData } from "~/routes/tickets.$ticketId._index";
import { FileName } from "~/components/file-name";
import { FigureFacts, PlanDeadlineFacts } from "./ticket-figures";

/** Before submission: every piece still missing, from the rules module. */
export function SubmitReadiness({ data }: { data: OverviewData }) {
  const { ticket, readiness } = data;
  return (
    <>
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
    </>
  );
}

/** 신청 내용: companies, support types, the target system, the problem and the items. */
export function ApplicationFacts({ data }: { data: OverviewData }) {
  const { ticket } = data;
  return (
    <>
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
          <dd>
            {ticket.targetSystem
              ? `${ticket.targetSystem.kind} · ${ticket.targetSystem.name}${ticket.targetSystem.vendorName ? ` (${ticket.targetSystem.vendorName})` : ""}`
              : "—"}
          </dd>
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
    </>
  );
}

/**
 * 사업비: the ticket's figures from the one source (ADR 039; an estimate from the quote before the cost review,
 * marked 예상, for every party), the period, and the plan deadlines (running, or as history).
 */
export function MoneyFacts({ data }: { data: OverviewData }) {
  const { ticket, figures, deadlines, today } = data;
  return (
    <>
      <section className="card" aria-labelledby="money-h">
        <h2 id="money-h" style={{ marginTop: 0 }}>
          사업비
        </h2>
        <dl className="facts" data-testid="amounts">
          <FigureFacts figures={figures} />
          <dt>수행기간</dt>
          <dd>
            {ticket.agreement
              ? `${formatKoreanDate(ticket.agreement.startOn)} ~ ${formatKoreanDate(ticket.agreement.endOn)}${ticket.agreement.extensionMonths ? ` (${ticket.agreement.extensionMonths}개월 연장)` : ""}`
              : "협약 전"}
          </dd>
          <PlanDeadlineFacts deadlines={deadlines} today={today} />
        </dl>
      </section>
    </>
  );
}

/** 진행 단계: the notice's twelve steps, with when each was first reached (audit trail). */
export function StepTimeline({ data }: { data: OverviewData }) {
  const { ticket, notice } = data;
  const state = isTicketState(ticket.state) ? ticket.state : null;
  const currentStep = state ? stepOfState(state) : null;
  const reachedAt = new Map<number, { at: string; by: string | null }>();
  // step ① 사업공고 is the Technopark's notice (its number, the day intake opened, the Technopark), not the
  // manufacturer's draft: a draft is the application in the making, stamped on ② when it is submitted
  reachedAt.set(1, { at: notice.opensOn, by: `공고·접수 시작 · ${notice.technopark} (${notice.number})` });
  for (const event of ticket.auditEvents) {
    if (event.toState && isTicketState(event.toState) && event.toState !== "draft") {
      const step = stepOfState(event.toState);
      if (step && !reachedAt.has(step)) reachedAt.set(step, { at: seoulDate(new Date(event.createdAt)), by: event.actor?.name ?? null });
    }
  }
  return (
    <>
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
                <span>
                  {step.label}
                  <span className="muted parties"> · {step.parties}</span>
                </span>
                <span className="when">{reached ? `${formatKoreanDateShort(reached.at)}${reached.by ? ` · ${reached.by}` : ""}` : ""}</span>
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}

/** 신청서류: the uploaded documents with links. */
export function DocumentsSummary({ data }: { data: OverviewData }) {
  const { ticket, extras } = data;
  return (
    <>
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
                {d.fiscalYear ? ` (${d.fiscalYear}년)` : ""}
                {d.issuedOn ? ` · 발행일 ${formatKoreanDateShort(d.issuedOn)}` : ""} ·{" "}
                <a href={`/files/${d.file.id}`} download>
                  <FileName file={d.file} />
                </a>
              </li>
            ))}
          </ul>
        )}
        <Link to={`/tickets/${ticket.id}/documents`}>서류 목록과 유효기간 보기</Link>
      </section>
    </>
  );
}
