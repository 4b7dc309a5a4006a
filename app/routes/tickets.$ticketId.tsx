import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { getTicketAssessment, getTicketDetail } from "~/models/ticket.server";
import { transitionTicket } from "~/models/workflow.server";
import { badRequest, failureResponse, fields, parseForm, type FormFailure } from "~/utils/forms.server";
import { SIMPLE_ACTIONS, TicketActions } from "~/components/ticket-actions";
import {
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
} from "~/domain";
import { DueBadge, StateBadge } from "~/components/badges";

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = ParamsSchema.safeParse(params);
  // Not yours and does not exist look the same: 404, never 403 and never the data.
  const ticket = parsed.success ? await getTicketDetail(actor, parsed.data.ticketId) : null;
  if (!ticket) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  const today = seoulDate(new Date());
  const assessment = await getTicketAssessment(actor, ticket.id, today);
  return { ticket, today, actions: assessment?.actions ?? [] };
}

const TransitionSchema = z.object({
  intent: z.literal("transition"),
  action: z.string().refine((a) => isAction(a) && SIMPLE_ACTIONS.includes(a), "이 화면에서 할 수 없는 작업입니다."),
  version: fields.version,
});

/** The one-click workflow steps (submit, start review, accept plan, start work, withdraw …). */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await request.formData();
  const parsedParams = ParamsSchema.safeParse(params);
  if (!parsedParams.success) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  const parsed = parseForm(TransitionSchema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  const step = parsed.data.action;
  if (!isAction(step)) return badRequest({ ok: false, formError: "이 화면에서 할 수 없는 작업입니다." });
  try {
    await transitionTicket(actor, { ticketId: parsedParams.data.ticketId, action: step, expectedVersion: parsed.data.version });
    return { ok: true as const, message: "처리되었습니다." };
  } catch (error) {
    return failureResponse(error, form);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.ticket.number} ${data.ticket.title} · 스마트공장 AS 트래커` : "과제 · 스마트공장 AS 트래커" },
];

function Money({ value }: { value: number | null | undefined }) {
  return <>{value == null ? "—" : formatKRW(value)}</>;
}

export default function TicketPage() {
  const { ticket, today, actions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ({ ok: true; message: string } | FormFailure) | undefined;
  const state = isTicketState(ticket.state) ? ticket.state : null;
  const currentStep = state ? stepOfState(state) : null;
  const actorNext = state ? nextActor(state) : null;
  // First time each step was reached, from the audit trail.
  const reachedAt = new Map<number, { at: string; by: string | null }>();
  for (const event of ticket.auditEvents) {
    if (event.toState && isTicketState(event.toState)) {
      const step = stepOfState(event.toState);
      if (step && !reachedAt.has(step)) reachedAt.set(step, { at: seoulDate(new Date(event.createdAt)), by: event.actor?.name ?? null });
    }
  }
  return (
    <>
      <p className="muted">
        <Link to="/tickets">← 목록</Link> · {ticket.program.name}
      </p>
      <h1>
        {ticket.number} {ticket.title}
      </h1>
      <div className="card" style={{ display: "flex", flexWrap: "wrap", gap: "0.75rem", alignItems: "center" }}>
        <StateBadge state={ticket.state} />
        <DueBadge state={ticket.state} planDueOn={ticket.planDueOn} revisionDueOn={ticket.revisionDueOn} windowEndOn={ticket.windowEndOn} today={today} />
        <span data-testid="next-actor">다음 조치: {actorNext ? ROLE_LABELS[actorNext] : "없음 (종료)"}</span>
      </div>

      <section className="card" aria-labelledby="actions-h">
        <h2 id="actions-h" style={{ marginTop: 0 }}>
          할 일
        </h2>
        {result && !result.ok ? (
          <div className="form-error" role="alert">
            {result.formError}
            {result.reasons && result.reasons.length > 1 ? (
              <ul>
                {result.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : result?.ok ? (
          <p className="toast-ok" role="status">
            {result.message}
          </p>
        ) : null}
        <TicketActions ticketId={ticket.id} version={ticket.version} actions={actions} />
      </section>

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
          </dl>
          {ticket.items.length ? (
            <>
              <h2>요청 항목</h2>
              <ul>
                {ticket.items.map((item) => (
                  <li key={item.id}>
                    {item.description} × {item.quantity}
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

      {ticket.workLogs.length ? (
        <section className="card" aria-labelledby="logs-h">
          <h2 id="logs-h" style={{ marginTop: 0 }}>
            작업일지
          </h2>
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
                    <td className="num" data-label="시간">{(log.minutes / 60).toLocaleString("ko-KR", { maximumFractionDigits: 1 })}시간</td>
                    <td data-label="확인">{log.status === "confirmed" ? "확인됨" : log.status === "disputed" ? "이의 제기" : "확인 대기"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
