// A closed ticket tells its parties why (ADR 028): the reason of the 반려, the 미선정 (with the site
// evaluation's score against the pass mark) or the 선정취소, and the manufacturer what it may do next
// by the program's rules (apply again while intake is open, or ask the Technopark).
import { Link } from "@remix-run/react";
import type { OverviewData } from "~/routes/tickets.$ticketId._index";

const HEADINGS = { reject: "반려 사유", not_select: "미선정 사유", cancel: "선정취소 사유", withdraw: "신청철회" } as const;

type Closing = NonNullable<OverviewData["extras"]["closing"]>;

function Score({ score }: { score: NonNullable<Closing["score"]> }) {
  return (
    <div data-testid="closing-score">
      <p style={{ marginBottom: 0 }}>
        현장평가 점수: <strong>{score.total}점</strong> (선정 기준 {score.passMark}점 이상,{" "}
        {score.unsuitable.length ? `부적합 항목 ${score.unsuitable.length}개` : "부적합 항목 없음"}) ·{" "}
        {score.passed ? "평가 기준 충족" : "평가 기준 미충족"}
      </p>
      {score.unsuitable.length ? (
        <ul className="reasons" aria-label="부적합 항목">
          {score.unsuitable.map((u) => (
            <li key={u}>부적합: {u}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Reason({ closing }: { closing: Closing }) {
  if (closing.reason) return <p className="closing-reason-text">{closing.reason}</p>;
  // the manufacturer's own withdrawal may say nothing; a decision of the Technopark always should
  if (closing.step === "withdraw") return <p>도입기업이 신청을 철회했습니다.</p>;
  return <p className="muted">사유가 기록되지 않았습니다. 운영기관(제조혁신센터)에 문의해 주세요.</p>;
}

export function ClosingReason({ data }: { data: OverviewData }) {
  const closing = data.extras.closing;
  if (!closing) return null;
  return (
    <section className="card" aria-labelledby="closing-h" data-testid="closing-reason" data-step={closing.step}>
      <h2 id="closing-h" style={{ marginTop: 0 }}>
        {HEADINGS[closing.step]}
      </h2>
      <Reason closing={closing} />
      {closing.score ? <Score score={closing.score} /> : null}
      {data.role === "manufacturer" ? (
        <div data-testid="closing-next">
          <h3>다음에 할 수 있는 일</h3>
          <p style={{ marginBottom: 0 }}>{closing.next.message}</p>
          <p className="muted" style={{ marginTop: 0 }}>
            ({closing.next.clause})
          </p>
          {closing.next.canApplyAgain ? (
            <Link className="button secondary" to="/tickets/new">
              새 신청서 작성
            </Link>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
