// The 사업비 지급 page's read-only parts: the agreement's figures and payee account, the company's share and its
// deposits, the payments with their totals (app/routes/tickets.$ticketId.payment.tsx).
import { PAYMENT_KIND_LABELS, SHARE_DEPOSIT_STATUS_LABELS, formatKRW, formatKoreanDate, labelOf } from "~/domain";
import { AmountsFacts, Section } from "~/components/monitor/step";
import { FileLink } from "~/components/money";
import type { FundingPageData as Data } from "~/routes/tickets.$ticketId.payment";

export function AgreementFacts({ data }: { data: Data }) {
  const { agreement } = data;
  return (
    <Section title="협약 내용" id="agr-h">
      {agreement ? (
        <dl className="facts">
          <AmountsFacts amounts={agreement} />
          <dt>사업기간</dt>
          <dd>
            {formatKoreanDate(agreement.startOn)} ~ {formatKoreanDate(agreement.endOn)}
          </dd>
          <dt>보조금 지급 계좌</dt>
          <dd data-testid="payee">
            {agreement.payeeAccount ? `${agreement.payeeBank} ${agreement.payeeAccount} (예금주 ${agreement.payeeHolder})` : "미등록"}
          </dd>
        </dl>
      ) : (
        <p className="muted">협약 전입니다.</p>
      )}
    </Section>
  );
}

export function ShareFacts({ data }: { data: Data }) {
  const { share, deposits, agreement } = data;
  return (
    <>
      {share && agreement ? (
        <dl className="facts">
          <dt>기업부담금</dt>
          <dd>{formatKRW(agreement.companyShare)}</dd>
          <dt>확인된 입금</dt>
          <dd data-testid="share-confirmed">{formatKRW(share.confirmed)}</dd>
          <dt>남은 기업부담금</dt>
          <dd data-testid="share-remaining">{formatKRW(share.remaining)}</dd>
        </dl>
      ) : null}
      {deposits.length ? (
        <ul data-testid="deposits">
          {deposits.map((d) => (
            <li key={d.id}>
              {formatKoreanDate(d.depositedOn)} · {formatKRW(d.amount)} · {labelOf(SHARE_DEPOSIT_STATUS_LABELS, d.status)} ·{" "}
              <FileLink id={d.proofFileId} name={d.proofName} />
              {d.note ? ` · ${d.note}` : ""}
              {d.decisionNote ? ` · 운영기관: ${d.decisionNote}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">등록된 기업부담금 입금 내역이 없습니다.</p>
      )}
    </>
  );
}

export function PaymentList({ data }: { data: Data }) {
  const { payments, totals } = data;
  return (
    <>
      {totals ? (
        <dl className="facts">
          <dt>지급 누계</dt>
          <dd data-testid="paid-total">{formatKRW(totals.paid)}</dd>
          <dt>잔액</dt>
          <dd data-testid="paid-remaining">{formatKRW(totals.remaining)}</dd>
        </dl>
      ) : null}
      {payments.length ? (
        <ul data-testid="payments">
          {payments.map((p) => (
            <li key={p.id}>
              {labelOf(PAYMENT_KIND_LABELS, p.kind)} · {formatKoreanDate(p.paidOn)} · {formatKRW(p.amount)} ·{" "}
              <FileLink id={p.evidenceFileId} name={p.evidenceName} />
              {p.note ? ` · ${p.note}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">지급 내역이 없습니다.</p>
      )}
    </>
  );
}
