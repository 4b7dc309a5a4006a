// The monitor dashboard's due lists and company filter (app/routes/dashboard.tsx).
import { Link } from "@remix-run/react";
import { STATE_LABELS, formatKoreanDateShort, josa } from "~/domain";
import { DueBadge } from "~/components/badges";

type DueRow = {
  id: string;
  number: string;
  title: string;
  state: string;
  planDueOn: string | null;
  revisionDueOn: string | null;
  windowEndOn: string | null;
  dueOn: string;
  manufacturer: { name: string };
  supplier: { name: string };
  /** 다음 조치 (the pending-actions rule's parties, in Korean) */
  next: string;
};

export function DueList({ title, id, rows, today, empty }: { title: string; id: string; rows: DueRow[]; today: string; empty: string }) {
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} style={{ marginTop: 0 }}>
        {title} <span className="muted">{rows.length}건</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="timeline" data-testid={id}>
          {rows.map((r) => (
            <li key={r.id} data-ticket-row={r.number}>
              <DueBadge {...r} today={today} />
              <span>
                <Link to={`/tickets/${r.id}`}>{r.number}</Link> {r.title}
                <br />
                <span className="muted">
                  {r.manufacturer.name} · {r.supplier.name} · {STATE_LABELS[r.state as keyof typeof STATE_LABELS] ?? r.state} · 다음 조치{" "}
                  {r.next}
                </span>
              </span>
              <span className="when">{formatKoreanDateShort(r.dueOn)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A company filter: a drop-down while the list is short, else a hint to search by name (the choice made is kept). */
export function CompanyFilter(props: {
  name: string;
  label: string;
  options: { id: string; name: string }[] | null;
  value: string | undefined;
}) {
  if (!props.options) {
    return (
      <>
        {props.value ? <input type="hidden" name={props.name} value={props.value} /> : null}
        <p className="muted" id={props.name} style={{ margin: 0 }}>
          {josa(props.label, "이", "가")} 많아 목록 대신 검색어(기업명)로 찾으세요.
        </p>
      </>
    );
  }
  return (
    <select id={props.name} name={props.name} defaultValue={props.value ?? ""}>
      <option value="">전체</option>
      {props.options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
