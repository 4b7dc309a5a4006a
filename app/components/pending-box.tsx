// The ticket page's "할 일": the actor's own pending actions from the one rule (app/domain/pending.ts),
// each with the control that does it — the one-click step, or the page where it is done — and, when the
// actor has nothing to do, whom it is waiting for and since when. Refused steps are shown disabled with
// their reasons, never enabled above their own refusal.
import { Form, Link } from "@remix-run/react";
import { SIMPLE_ACTIONS, secondaryLinks } from "~/components/ticket-actions";
import {
  ROLE_LABELS,
  dDay,
  formatKoreanDateShort,
  urgencyOf,
  type AvailableAction,
  type PendingAction,
  type Role,
  type Waiting,
} from "~/domain";

const CONFIRM: Partial<Record<string, string>> = {
  submit: "신청서를 제출하면 운영기관의 요건검토가 시작됩니다. 제출하시겠습니까?",
};

export function pageOf(ticketId: string, page: string): string {
  return page ? `/tickets/${ticketId}/${page}` : `/tickets/${ticketId}`;
}

/** A one-click workflow step's form (works without JavaScript; the layout's action refuses what the rules refuse). */
export function OneClickStep({ ticketId, version, action, label }: { ticketId: string; version: number; action: string; label: string }) {
  return (
    <Form
      method="post"
      action={`/tickets/${ticketId}`}
      onSubmit={(event) => {
        const message = CONFIRM[action];
        if (message && !window.confirm(message)) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="version" value={version} />
      <button type="submit">{label}</button>
    </Form>
  );
}

/** "계획서 제출 D-3" / "목표 D+2", coloured by urgency. */
export function PendingDueBadge({ item, today }: { item: Pick<PendingAction, "due">; today: string }) {
  if (!item.due) return null;
  const urgency = urgencyOf(item, today);
  const d = dDay(item.due.on, today);
  const tone = urgency === "overdue" ? "overdue" : d.days <= 7 ? "due" : "";
  const what = item.due.kind === "target" ? "처리 목표" : "기한";
  return (
    <span className={`badge ${tone}`} title={`${what} ${formatKoreanDateShort(item.due.on)}`}>
      {item.due.kind === "target" ? "목표 " : "기한 "}
      {d.label}
    </span>
  );
}

function Control({
  item,
  ticketId,
  version,
  step,
  openLink,
}: {
  item: PendingAction;
  ticketId: string;
  version: number;
  step: AvailableAction | undefined;
  /** false: another control of the page opens this step page already (one "화면 열기" per page) */
  openLink: boolean;
}) {
  const href = pageOf(ticketId, item.page);
  if (step && !step.allowed) {
    const id = `why-todo-${item.kind}`;
    return (
      <div className="todo-control" data-action={step.action}>
        <button type="button" disabled aria-describedby={id}>
          {step.label}
        </button>
        {item.page && openLink ? (
          <Link className="button secondary" to={href}>
            {item.what} 화면 열기
          </Link>
        ) : null}
        <ul className="reasons" id={id}>
          {step.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="todo-control" data-action={step?.action}>
      {step && SIMPLE_ACTIONS.includes(step.action) ? (
        <>
          <OneClickStep ticketId={ticketId} version={version} action={step.action} label={step.label} />
          {item.page && openLink ? (
            // the step's page shows what to look at first, and the other outcomes (보완 요청 …)
            <Link className="button secondary" to={href}>
              {item.what} 화면 열기
            </Link>
          ) : null}
        </>
      ) : (
        <Link className="button" to={href}>
          {item.what}
        </Link>
      )}
    </div>
  );
}

export function PendingBox(props: {
  ticketId: string;
  version: number;
  today: string;
  mine: PendingAction[];
  waiting: Waiting[];
  closed: string | null;
  /** the role's state-machine actions with their reasons (the box finds each item's step there) */
  steps: AvailableAction[];
}) {
  const { ticketId, version, today, mine, waiting, closed, steps } = props;
  if (mine.length === 0) {
    return (
      <div data-testid="my-todo-empty">
        <p className="muted">{closed ? `${closed} — 더 할 일이 없는 과제입니다.` : "지금 이 과제에서 하실 일은 없습니다."}</p>
        {waiting.length ? (
          <ul className="waiting" data-testid="waiting-on">
            {waiting.map((w) => (
              <li key={`${w.party}-${w.doing}`}>{w.label}</li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  // an item whose step is not a one-click one links its page with its own button
  const openLinks = secondaryLinks(
    mine.map((item) => {
      const step = steps.find((s) => s.action === item.action);
      return { page: item.page, primary: !step || (step.allowed && !SIMPLE_ACTIONS.includes(step.action)) };
    }),
  );
  return (
    <ol className="todo-list" data-testid="my-todo">
      {mine.map((item, i) => (
        <li key={`${item.kind}-${item.party}`} data-pending-kind={item.kind} data-urgency={urgencyOf(item, today)}>
          <div className="todo-head">
            <strong>{item.what}</strong> <PendingDueBadge item={item} today={today} />
            {item.main ? null : <span className="muted"> · {formatKoreanDateShort(item.since)}부터</span>}
          </div>
          {item.detail ? <p className="todo-detail">{item.detail}</p> : null}
          {item.blocks ? <p className="todo-detail muted">{item.blocks}</p> : null}
          <Control
            item={item}
            ticketId={ticketId}
            version={version}
            step={steps.find((s) => s.action === item.action)}
            openLink={openLinks[i]}
          />
        </li>
      ))}
    </ol>
  );
}

/** The header's "다음 조치": every party with something to do, the actor's own turn marked. */
export function NextParties({ next, role }: { next: Role[]; role: Role }) {
  if (next.length === 0) return <span data-testid="next-actor">다음 조치: 없음 (종료)</span>;
  return (
    <span data-testid="next-actor">
      다음 조치:{" "}
      {next.map((party, i) => (
        <span key={party}>
          {i > 0 ? " · " : ""}
          {party === role ? <strong>{ROLE_LABELS[party]} (내 차례)</strong> : ROLE_LABELS[party]}
        </span>
      ))}
    </span>
  );
}
