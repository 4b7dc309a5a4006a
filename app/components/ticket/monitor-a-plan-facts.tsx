// 수행계획서 검토's read-only facts: the latest execution plan and quote, and whether the cost
// review asked for a plan change.
import { PLAN_REVIEW_STATUS_LABELS, formatKRW, formatKoreanDate, formatKoreanDateShort, seoulDate } from "~/domain";
import { Section } from "~/components/monitor/step";

type Props = {
  plan: {
    version: number;
    isRevision: boolean;
    submittedAt: Date | string;
    late: boolean;
    dueOn: string;
    scope: string;
    staff: string;
    reviewStatus: string;
    reviewNote: string | null;
    milestones: { id: string; title: string; dueOn: string; deliverable: string }[];
  } | null;
  quote: {
    version: number;
    total: number;
    lines: { id: string; description: string; quantity: number; unitPrice: number; amount: number }[];
  } | null;
  costReview: { planChangeRequired: boolean; revisionDueOn: string | null } | null;
};

function reviewStatus(plan: NonNullable<Props["plan"]>) {
  if (plan.reviewStatus === "accepted") return PLAN_REVIEW_STATUS_LABELS.accepted;
  if (plan.reviewStatus === "changes_requested") return `${PLAN_REVIEW_STATUS_LABELS.changes_requested}됨: ${plan.reviewNote ?? ""}`;
  return PLAN_REVIEW_STATUS_LABELS.pending;
}

export function PlanFacts({ plan, quote, costReview }: Props) {
  return (
    <div className="grid-2">
      <Section title={plan ? `수행계획서 (제${plan.version}판${plan.isRevision ? ", 수정" : ""})` : "수행계획서"} id="plan-h">
        {plan ? (
          <>
            <dl className="facts" data-testid="plan">
              <dt>제출일</dt>
              <dd>
                {formatKoreanDate(seoulDate(new Date(plan.submittedAt)))}
                {plan.late ? <span className="badge overdue"> 기한 경과 제출</span> : null}
              </dd>
              <dt>제출기한</dt>
              <dd>{formatKoreanDate(plan.dueOn)}</dd>
              <dt>수행 범위</dt>
              <dd style={{ whiteSpace: "pre-wrap" }}>{plan.scope}</dd>
              <dt>투입 인력</dt>
              <dd style={{ whiteSpace: "pre-wrap" }}>{plan.staff}</dd>
              <dt>검토 상태</dt>
              <dd>{reviewStatus(plan)}</dd>
            </dl>
            <h3>추진 일정</h3>
            <ul>
              {plan.milestones.map((m) => (
                <li key={m.id}>
                  {formatKoreanDateShort(m.dueOn)} · {m.title} ({m.deliverable})
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">제출된 수행계획서가 없습니다.</p>
        )}
      </Section>
      <Section title="견적" id="quote-h">
        {quote ? (
          <>
            <p>
              제{quote.version}판 · 견적금액 <strong>{formatKRW(quote.total)}</strong>
            </p>
            <ul>
              {quote.lines.map((l) => (
                <li key={l.id}>
                  {l.description} · {l.quantity} × {formatKRW(l.unitPrice)} = {formatKRW(l.amount)}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">견적이 없습니다.</p>
        )}
        {costReview?.planChangeRequired && costReview.revisionDueOn ? (
          <p>원가적정성 검토 결과 수행계획서 변경이 필요합니다 (제출기한 {formatKoreanDate(costReview.revisionDueOn)}).</p>
        ) : null}
      </Section>
    </div>
  );
}
