// The TP queue on the monitor's dashboard (issue 15 items 4 and 5, ADR 027): count tiles that hide the
// empty steps, the queue's quick filters (내 담당, 담당자 없음, 목표 초과), saved filters per person, and
// the row cells for the waiting days and the service target.
import { Form, Link } from "@remix-run/react";
import { STATE_LABELS, TICKET_STATES, formatKoreanDateShort, type TicketState } from "~/domain";
import type { StepReply } from "~/utils/step-reply";
import { STEP_FORM_FIELD } from "~/utils/step-reply";
import { ErrorSummary } from "~/components/step-form";
import { filtersQuery } from "./query";

type Filters = Record<string, string | undefined>;

function StateTile({ state, count, filters }: { state: TicketState; count: number; filters: Filters }) {
  const active = filters.state === state;
  return (
    <li>
      <Link
        to={filtersQuery({ ...filters, state: active ? undefined : state })}
        className={active ? "active" : ""}
        aria-current={active ? "true" : undefined}
        data-state={state}
      >
        <span className="n">{count}</span>
        {STATE_LABELS[state]}
      </Link>
    </li>
  );
}

/**
 * One tile per state with tickets; the states with none are folded into a disclosure (a phone shows the
 * few that matter first). The tile of the active state filter stays in view even at zero.
 */
export function CountTiles({ counts, filters }: { counts: Record<string, number>; filters: Filters }) {
  const states = TICKET_STATES.filter((s) => s !== "draft");
  const shown = states.filter((s) => (counts[s] ?? 0) > 0 || filters.state === s);
  const empty = states.filter((s) => !shown.includes(s));
  return (
    <>
      <ul className="counts" data-testid="state-counts">
        {shown.map((s) => (
          <StateTile key={s} state={s} count={counts[s] ?? 0} filters={filters} />
        ))}
      </ul>
      {empty.length ? (
        <details className="empty-counts" data-testid="empty-counts">
          <summary>0건 단계 {empty.length}개 보기</summary>
          <ul className="counts">
            {empty.map((s) => (
              <StateTile key={s} state={s} count={0} filters={filters} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

const QUICK: { label: string; patch: Filters; on: (f: Filters) => boolean }[] = [
  { label: "내 담당", patch: { assignee: "me" }, on: (f) => f.assignee === "me" },
  { label: "담당자 없음", patch: { assignee: "none" }, on: (f) => f.assignee === "none" },
  { label: "목표 초과", patch: { overdue: "1" }, on: (f) => f.overdue === "1" },
];

/** The queue's quick filters, each a link that toggles itself on the current filter set. */
export function QueueFilters({ filters }: { filters: Filters }) {
  return (
    <nav className="queue-filters button-row" aria-label="빠른 필터" data-testid="queue-filters">
      {QUICK.map((q) => {
        const on = q.on(filters);
        const off = Object.fromEntries(Object.keys(q.patch).map((k) => [k, undefined]));
        return (
          <Link
            key={q.label}
            to={filtersQuery({ ...filters, ...(on ? off : q.patch) })}
            className={`button ${on ? "" : "secondary"}`}
            aria-current={on ? "true" : undefined}
            data-on={on ? "true" : undefined}
          >
            {q.label}
          </Link>
        );
      })}
    </nav>
  );
}

export const SAVED_FILTERS_FORM = "saved-filters";

/** The person's saved filters as links, each with its delete button, and the form to save the current set. */
export function SavedFilters({
  saved,
  query,
  reply,
}: {
  saved: { id: string; name: string; query: string }[];
  query: string;
  reply: StepReply | undefined;
}) {
  const refused = reply?.form === SAVED_FILTERS_FORM ? reply : undefined;
  const errors = refused ? Object.values(refused.result.error ?? {}).flatMap((e) => e ?? []) : [];
  return (
    <section className="card saved-filters" aria-labelledby="saved-h" data-testid="saved-filters">
      <h2 id="saved-h" style={{ marginTop: 0 }}>
        저장한 필터
      </h2>
      {refused ? <ErrorSummary id="saved-filter-errors" errors={[...new Set(errors)]} reply={refused} /> : null}
      {saved.length ? (
        <ul className="saved-list">
          {saved.map((f) => (
            <li key={f.id}>
              <Link to={`/dashboard${f.query}`}>{f.name}</Link>
              <Form method="post" className="inline">
                <input type="hidden" name={STEP_FORM_FIELD} value={SAVED_FILTERS_FORM} />
                <input type="hidden" name="intent" value="delete-filter" />
                <input type="hidden" name="id" value={f.id} />
                <input type="hidden" name="query" value={query} />
                <button type="submit" className="secondary small" aria-label={`${f.name} 필터 삭제`}>
                  삭제
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">저장한 필터가 없습니다.</p>
      )}
      {query ? (
        <Form method="post" className="inline save-filter">
          <input type="hidden" name={STEP_FORM_FIELD} value={SAVED_FILTERS_FORM} />
          <input type="hidden" name="intent" value="save-filter" />
          <input type="hidden" name="query" value={query} />
          <label htmlFor="saved-filter-name">현재 필터 저장</label>
          <input id="saved-filter-name" name="name" maxLength={40} required placeholder="필터 이름" />
          <button type="submit" className="secondary">
            저장
          </button>
        </Form>
      ) : (
        <p className="muted">필터를 고르면 이름을 붙여 저장할 수 있습니다.</p>
      )}
    </section>
  );
}

/** The TP's waiting days in the current step ("5일째"), "—" while a company acts. */
export function TpWaitCell({ wait }: { wait: { day: number } | null }) {
  return wait ? <>{wait.day}일째</> : <span className="muted">—</span>;
}

/** The TP's service target of the step: "목표 D-3", flagged when passed ("목표 D+2", class overdue). */
export function TargetBadge({ wait }: { wait: { due: string | null; dueLabel: string | null; overdue: boolean } | null }) {
  if (!wait?.due || !wait.dueLabel) return <span className="muted">—</span>;
  return (
    <span
      className={`badge ${wait.overdue ? "overdue" : "due"}`}
      title={`운영기관 서비스 목표일 ${formatKoreanDateShort(wait.due)}`}
      data-testid="tp-target"
    >
      {wait.dueLabel}
      {wait.overdue ? <span className="visually-hidden"> (목표 초과)</span> : null}
    </span>
  );
}
