// 견적 이력: every quote version (latest first) with its lines, read-only.
import { formatKRW, formatKoreanDate, seoulDate } from "~/domain";
import { QuoteLinesTable, type QuoteLineView } from "~/components/quote-lines-table";

export type QuoteVersionView = {
  id: string;
  version: number;
  total: number;
  note: string | null;
  createdAt: string | Date;
  authorName: string | null;
  lines: QuoteLineView[];
};

export function QuoteHistory({ quotes }: { quotes: QuoteVersionView[] }) {
  return (
    <section className="card" aria-labelledby="quote-history-h">
      <h2 id="quote-history-h" style={{ marginTop: 0 }}>
        견적 이력
      </h2>
      {quotes.length === 0 ? <p className="muted">제출된 견적이 없습니다.</p> : null}
      <div className="versions">
        {quotes.map((q, index) => (
          <article
            key={q.id}
            className={`version${index === 0 ? " latest" : ""}`}
            data-quote-version={q.version}
            aria-label={`견적 ${q.version}차`}
          >
            <h3>
              견적 {q.version}차 {index === 0 ? <span className="badge done">최신</span> : <span className="badge role">이전 차수</span>}
              <span className="muted" style={{ fontWeight: 400 }}>
                {formatKoreanDate(seoulDate(new Date(q.createdAt)))}
                {q.authorName ? ` · ${q.authorName}` : ""}
              </span>
            </h3>
            <QuoteLinesTable lines={q.lines} />
            <p className="total-line" data-testid={`quote-total-${q.version}`}>
              합계 {formatKRW(q.total)}
            </p>
            {q.note ? <p className="note-box">{q.note}</p> : null}
          </article>
        ))}
      </div>
    </section>
  );
}
