// The 정산 page's read-only parts: the figures (actual cost, recomputed subsidy, return), the evidence, the
// purchases of parts from outside the agreement with their advance-payment flag (app/routes/tickets.$ticketId.settlement.tsx).
import { SETTLEMENT_EVIDENCE_LABELS, SETTLEMENT_STATUS_LABELS, formatKRW, formatKoreanDate, labelOf } from "~/domain";
import { Section } from "~/components/monitor/step";
import { FileLink } from "~/components/money";
import type { SettlementPageData as Data } from "~/routes/tickets.$ticketId.settlement";

export function Summary({ data }: { data: Data }) {
  const { agreement, settlement, figures, paid } = data;
  return (
    <Section title="정산 내용" id="settle-h">
      {agreement ? (
        <dl className="facts">
          <dt>협약금액</dt>
          <dd>{formatKRW(agreement.agreedCost)}</dd>
          <dt>협약 정부지원금</dt>
          <dd>{formatKRW(agreement.subsidy)}</dd>
          <dt>지급 누계</dt>
          <dd data-testid="settle-paid">{formatKRW(paid)}</dd>
          <dt>정산 상태</dt>
          <dd data-testid="settlement-status">{settlement ? labelOf(SETTLEMENT_STATUS_LABELS, settlement.status) : "작성 전"}</dd>
          {figures ? (
            <>
              <dt>실제 사업비</dt>
              <dd data-testid="actual-cost">{formatKRW(figures.actualCost)}</dd>
              <dt>{figures.recomputed ? "재산정 정부지원금" : "정부지원금"}</dt>
              <dd data-testid="settled-subsidy">{formatKRW(figures.subsidy)}</dd>
              <dt>반환액</dt>
              <dd data-testid="refund-due">{formatKRW(figures.refundDue)}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">협약 전입니다.</p>
      )}
      {settlement?.decisionNote ? <p data-testid="settlement-decision">운영기관: {settlement.decisionNote}</p> : null}
    </Section>
  );
}

export function EvidenceList({ data }: { data: Data }) {
  if (data.evidence.length === 0) return <p className="muted">올린 증빙이 없습니다.</p>;
  return (
    <ul data-testid="settlement-evidence">
      {data.evidence.map((e) => (
        <li key={e.id}>
          {labelOf(SETTLEMENT_EVIDENCE_LABELS, e.kind)}
          {e.amount !== null ? ` · ${formatKRW(e.amount)}` : ""}
          {e.issuedOn ? ` · ${formatKoreanDate(e.issuedOn)}` : ""} · <FileLink id={e.fileId} name={e.fileName} />
        </li>
      ))}
    </ul>
  );
}

export function Purchases({ data }: { data: Data }) {
  const flagged = new Map(data.flagged.map((f) => [f.id, f.warning]));
  return (
    <Section title="부품구입 (협약 당사자 외 기업)" id="purchase-h">
      <p className="muted">{data.clauses.advancePayment}</p>
      {data.flagged.length ? (
        <div className="warn-box" data-testid="purchase-flags">
          선금 완납이 아닌 거래가 {data.flagged.length}건 있습니다.
        </div>
      ) : null}
      {data.purchases.length ? (
        <ul data-testid="part-purchases">
          {data.purchases.map((p) => (
            <li key={p.id}>
              {formatKoreanDate(p.paidOn)} · {p.vendorName} · {p.description} · {formatKRW(p.amount)} ·{" "}
              {p.paidInFullInAdvance ? "선금 완납" : <strong>{flagged.get(p.id)}</strong>} · <FileLink id={p.proofFileId} name={p.fileName} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">기록된 부품구입 내역이 없습니다.</p>
      )}
    </Section>
  );
}
