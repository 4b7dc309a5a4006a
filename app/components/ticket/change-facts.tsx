// The 사업변경 page's read-only parts: one change request's facts, and a decided one with its quote lines old vs
// new (app/routes/tickets.$ticketId.changes.tsx).
import {
  CHANGE_KIND_LABELS,
  ROLE_LABELS,
  changeStatusLabel,
  formatKRW,
  formatKoreanDateShort,
  isChangeKind,
  isCompanyRole,
  seoulDate,
} from "~/domain";
import { QuoteLinesCompare } from "~/components/ticket/agreement-versions";
import type { ChangesPageData } from "~/routes/tickets.$ticketId.changes";

type Change = ChangesPageData["changes"][number];

const kindLabel = (kind: string) => (isChangeKind(kind) ? CHANGE_KIND_LABELS[kind] : kind);
const byLabel = (role: string) => (isCompanyRole(role) ? ROLE_LABELS[role] : role);

export function ChangeFacts({ change }: { change: Change }) {
  return (
    <dl className="facts">
      <dt>구분</dt>
      <dd>{kindLabel(change.kind)}</dd>
      <dt>신청</dt>
      <dd>
        {byLabel(change.requestedByRole)} · {formatKoreanDateShort(seoulDate(new Date(change.requestedAt)))}
      </dd>
      <dt>상태</dt>
      <dd data-testid="change-status">{changeStatusLabel(change.status)}</dd>
      <dt>변경 사유</dt>
      <dd style={{ whiteSpace: "pre-wrap" }}>{change.reason}</dd>
      <dt>변경 후 견적금액</dt>
      <dd>{formatKRW(change.proposedTotal)}</dd>
      {change.proposedScope ? (
        <>
          <dt>변경 후 사업범위</dt>
          <dd style={{ whiteSpace: "pre-wrap" }}>{change.proposedScope}</dd>
        </>
      ) : null}
      {change.decisionNote ? (
        <>
          <dt>의견</dt>
          <dd>{change.decisionNote}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function ChangeHistoryItem({ change }: { change: Change }) {
  return (
    <article className="card" data-testid="change-history" data-status={change.status}>
      <ChangeFacts change={change} />
      {change.quoteVersion ? (
        <QuoteLinesCompare lines={change.lines} before={`견적 ${change.quoteVersion - 1}차`} after={`견적 ${change.quoteVersion}차`} />
      ) : null}
    </article>
  );
}
