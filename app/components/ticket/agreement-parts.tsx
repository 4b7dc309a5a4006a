// The pieces of the agreement page (협약, ADR 031): the period with the rules' limits, the full text the
// companies read, and who consented when. The page (routes/tickets.$ticketId.agreement.tsx) holds the forms.
import { COMPANY_ROLES, ROLE_LABELS, formatKRW, formatKoreanDate, type IsoDate } from "~/domain";
import type { TicketFigures } from "~/domain/figures";
import { FigureFacts } from "./ticket-figures";

export type ConsentRow = {
  id: string;
  party: string;
  name: string;
  /** "2026년 12월 1일 10:05" (Asia/Seoul), formatted by the loader. */
  at: string;
  cleared: boolean;
  /** The TP's record only (null for the companies). */
  ipAddress: string | null;
  userAgent: string | null;
};

type Period = { startOn: IsoDate; baseEndOn: IsoDate; maxEndOn: IsoDate };
type Limits = { baseMonths: number; maxExtensionMonths: number; maxTotalMonths: number };

/** 사업기간: the base end and the latest end the maximum extension allows, from the rules (schedule.ts). */
export function PeriodFacts({ period, limits }: { period: Period; limits: Limits }) {
  return (
    <>
      <dt>사업기간</dt>
      <dd data-testid="period">
        {formatKoreanDate(period.startOn)} ~ <span data-testid="end-on">{formatKoreanDate(period.baseEndOn)}</span> (기본 {limits.baseMonths}
        개월)
      </dd>
      <dt>연장 한도</dt>
      <dd data-testid="max-end-on">
        최대 {limits.maxExtensionMonths}개월 연장 시 {formatKoreanDate(period.maxEndOn)}까지 (최대 사업기간 {limits.maxTotalMonths}개월)
      </dd>
    </>
  );
}

/**
 * 과제 금액: the ticket's figures as the overview shows them (one source, ADR 039) — the quote, the cost review's
 * result and the amounts they give (예상 before the result), or the concluded agreement's.
 */
export function TicketFiguresCard({ figures }: { figures: TicketFigures }) {
  return (
    <section className="card" aria-labelledby="figures-h">
      <h2 id="figures-h" style={{ marginTop: 0 }}>
        과제 금액
      </h2>
      <dl className="facts" data-testid="ticket-figures">
        <FigureFacts figures={figures} />
      </dl>
    </section>
  );
}

/** 협약금액 · 정부지원금 · 기업부담금 of a draft or the agreement, each with its test id. */
export function AgreementAmounts({ amounts }: { amounts: { agreedCost: number; subsidy: number; companyShare: number } | null }) {
  return (
    <>
      <dt>협약금액 (총사업비)</dt>
      <dd data-testid="agreed-cost">{amounts ? formatKRW(amounts.agreedCost) : "—"}</dd>
      <dt>정부지원금</dt>
      <dd data-testid="subsidy">{amounts ? formatKRW(amounts.subsidy) : "—"}</dd>
      <dt>기업부담금</dt>
      <dd data-testid="company-share">{amounts ? formatKRW(amounts.companyShare) : "—"}</dd>
    </>
  );
}

/** The agreement's full text as the companies read it and consent to it. */
export function AgreementText({ text, hash }: { text: string; hash: string }) {
  return (
    <figure className="agreement-text">
      <figcaption>
        <strong>협약서 전문</strong>{" "}
        <span className="muted">
          (SHA-256{" "}
          <code data-testid="text-hash" style={{ wordBreak: "break-all" }}>
            {hash}
          </code>
          )
        </span>
      </figcaption>
      {/* shown whole (not in a scrolling box): what is consented to is read to its end */}
      <pre data-testid="agreement-text" style={{ whiteSpace: "pre-wrap" }}>
        {text}
      </pre>
    </figure>
  );
}

/** Each company's consent to the current text (or that it is awaited), then the consents a change cleared. */
export function ConsentList({ consents }: { consents: ConsentRow[] }) {
  const live = consents.filter((c) => !c.cleared);
  const cleared = consents.filter((c) => c.cleared);
  return (
    <>
      <ul data-testid="consents">
        {COMPANY_ROLES.map((party) => {
          const c = live.find((x) => x.party === party);
          return (
            <li key={party} data-party={party} data-consented={c ? "true" : "false"}>
              <strong>{ROLE_LABELS[party]}</strong>: {c ? `동의함 — ${c.name}, ${c.at}` : "동의 대기"}
              {c?.ipAddress ? <span className="muted"> (IP {c.ipAddress})</span> : null}
            </li>
          );
        })}
      </ul>
      {cleared.length > 0 ? (
        <details data-testid="cleared-consents">
          <summary>협약안이 바뀌어 취소된 동의 {cleared.length}건</summary>
          <ul>
            {cleared.map((c) => (
              <li key={c.id}>
                {ROLE_LABELS[c.party as (typeof COMPANY_ROLES)[number]] ?? c.party} {c.name}, {c.at}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
