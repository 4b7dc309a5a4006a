// A ticket's figures and plan deadlines as every page shows them (ADR 039): the overview's 사업비 card and the
// agreement page read the same TicketFigures (app/models/ticket-figures.server.ts), each figure under the same
// test id, an estimate marked 예상; a plan deadline shows as a deadline only while its clock runs, else as history.
import { MONEY_LABELS, dDay, formatKRW, formatKoreanDate, type IsoDate } from "~/domain";
import { figureBasisLabel, type TicketFigures } from "~/domain/figures";
import { deadlineHistoryText, type PlanDeadline } from "~/domain/plan-deadlines";

function Money({ value }: { value: number | null }) {
  return <>{value == null ? "—" : formatKRW(value)}</>;
}

/** One figure as a <dt>/<dd> pair, under its test id (figure-<id>). */
function Figure({ id, label, value }: { id: string; label: string; value: number | null }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={`figure-${id}`}>
        <Money value={value} />
      </dd>
    </>
  );
}

/** 견적금액 · 원가검증금액 · 협약금액 · 정부지원금 · 기업부담금 (· 지급액), with where they come from (as <dt>/<dd> pairs). */
export function FigureFacts({ figures }: { figures: TicketFigures }) {
  const mark = figures.estimate ? " (예상)" : "";
  return (
    <>
      <Figure id="quote-total" label={MONEY_LABELS.quoteTotal} value={figures.quoteTotal} />
      {figures.verifiedAmount != null ? <Figure id="verified" label={MONEY_LABELS.verifiedAmount} value={figures.verifiedAmount} /> : null}
      <Figure id="agreed-cost" label={`협약금액 (총사업비)${mark}`} value={figures.agreedCost} />
      <Figure id="subsidy" label={`${MONEY_LABELS.subsidy}${mark}`} value={figures.subsidy} />
      <Figure id="company-share" label={`${MONEY_LABELS.companyShare}${mark}`} value={figures.companyShare} />
      {figures.basis ? (
        <>
          <dt>금액 기준</dt>
          <dd data-testid="figure-basis" className={figures.estimate ? "muted" : undefined}>
            {figureBasisLabel(figures.basis)}
          </dd>
        </>
      ) : null}
      {figures.basis === "agreement" ? <Figure id="paid" label="지급액 (정부지원금)" value={figures.paid} /> : null}
    </>
  );
}

/** The plan deadlines: the running one with its D-day, the stopped ones as history (as <dt>/<dd> pairs). */
export function PlanDeadlineFacts({ deadlines, today }: { deadlines: PlanDeadline[]; today: IsoDate }) {
  return (
    <>
      {deadlines.map((d) =>
        d.running ? <RunningDeadline key={d.field} deadline={d} today={today} /> : <HistoryDeadline key={d.field} deadline={d} />,
      )}
    </>
  );
}

function RunningDeadline({ deadline, today }: { deadline: PlanDeadline; today: IsoDate }) {
  const d = dDay(deadline.on, today);
  return (
    <>
      <dt>{deadline.label}</dt>
      <dd data-testid="running-deadline" data-field={deadline.field}>
        {formatKoreanDate(deadline.on)} <span className={`badge ${d.overdue ? "overdue" : "due"}`}>{d.label}</span>
      </dd>
    </>
  );
}

function HistoryDeadline({ deadline }: { deadline: PlanDeadline }) {
  return (
    <>
      <dt>지난 기한</dt>
      <dd data-testid="deadline-history" data-field={deadline.field}>
        {deadlineHistoryText(deadline)}
      </dd>
    </>
  );
}
