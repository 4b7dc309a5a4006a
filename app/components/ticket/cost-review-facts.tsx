// The 원가적정성 검토 page's read-only parts: one review's figures and where the review stands
// (app/routes/tickets.$ticketId.cost-review.tsx).
import { CLAUSES, formatKRW, formatKoreanDate } from "~/domain";
import { AmountsFacts } from "~/components/monitor/step";
import { ExpertStatus } from "~/components/ticket/expert-decision";
import type { CostReviewPageData as Data } from "~/routes/tickets.$ticketId.cost-review";

type Review = NonNullable<Data["confirmed"]>;

const REVIEWER = { cost_agency: "원가계산기관", monitor: "운영기관(TP)" } as Record<string, string>;

/** One review's figures (as <dt>/<dd> pairs). */
export function ReviewFacts({ review, amounts }: { review: Review; amounts: Data["amounts"] }) {
  return (
    <>
      <dt>입력</dt>
      <dd>{REVIEWER[review.reviewerRole] ?? review.reviewerRole}</dd>
      <dt>견적금액</dt>
      <dd>{formatKRW(review.quoteTotal)}</dd>
      <dt>원가검증금액</dt>
      <dd data-testid="verified-amount">{formatKRW(review.verifiedAmount)}</dd>
      {amounts ? <AmountsFacts amounts={amounts} /> : null}
      <dt>결과일</dt>
      <dd>{formatKoreanDate(review.resultOn)}</dd>
      <dt>수행계획서 변경</dt>
      <dd>
        {review.planChangeRequired ? "필요" : "불필요"}
        {review.planChangeRequired && review.revisionDueOn ? ` · 수정 제출기한 ${formatKoreanDate(review.revisionDueOn)}` : ""}
      </dd>
      {review.note ? (
        <>
          <dt>의견</dt>
          <dd>{review.note}</dd>
        </>
      ) : null}
      {review.report ? (
        <>
          <dt>원가계산 결과 보고서</dt>
          <dd>
            <a href={`/files/${review.report.id}`} data-testid="cost-report">
              {review.report.originalName}
            </a>
          </dd>
        </>
      ) : null}
    </>
  );
}

/** Where the review stands, and who enters it. */
export function ReviewStatus({ page }: { page: Data }) {
  const { agency, awaiting, returned } = page;
  return (
    <ExpertStatus
      id="agency-h"
      title="원가계산기관"
      expert={agency}
      unassigned="배정되지 않음 (운영기관이 직접 입력할 수 있습니다)"
      statusLabel="검토 상태"
      status={
        awaiting ? "확인 대기 — 원가계산기관이 제출한 검토 결과를 운영기관(TP)이 확인하기 전입니다." : page.confirmed ? "확인 완료" : "입력 전"
      }
      returned={returned?.decisionNote ?? null}
      clause={CLAUSES.costAgency}
      testIds={{ assigned: "assigned-agency", status: "cost-review-status", returned: "cost-review-returned" }}
    />
  );
}
