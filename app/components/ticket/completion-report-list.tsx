// 제출된 완료 보고: every completion report of the ticket (latest first) with its attachments.
import { formatKoreanDate, seoulDate } from "~/domain";
import { FileName } from "~/components/file-name";

export type CompletionReportView = {
  id: string;
  summary: string;
  results: string;
  submittedAt: string | Date;
  authorName: string | null;
  attachments: { id: string; file: { id: string; originalName: string; mimeType: string } }[];
};

export function CompletionReports({ reports }: { reports: CompletionReportView[] }) {
  if (reports.length === 0) return null;
  return (
    <section className="card" aria-labelledby="reports-h">
      <h2 id="reports-h" style={{ marginTop: 0 }}>
        제출된 완료 보고
      </h2>
      <div className="versions">
        {reports.map((r, index) => (
          <article key={r.id} className={`version${index === 0 ? " latest" : ""}`} data-testid="completion-report">
            <h3>
              {formatKoreanDate(seoulDate(new Date(r.submittedAt)))} 제출{r.authorName ? ` · ${r.authorName}` : ""}
              {index === 0 ? <span className="badge done">최신</span> : null}
            </h3>
            <dl className="facts">
              <dt>수행 내용</dt>
              <dd style={{ whiteSpace: "pre-wrap" }}>{r.summary}</dd>
              <dt>수행 결과</dt>
              <dd style={{ whiteSpace: "pre-wrap" }}>{r.results}</dd>
              {r.attachments.length ? (
                <>
                  <dt>첨부</dt>
                  <dd>
                    <ul style={{ margin: 0, paddingLeft: "1.1rem" }}>
                      {r.attachments.map((a) => (
                        <li key={a.id}>
                          <a href={`/files/${a.file.id}`}>
                            <FileName file={a.file} />
                          </a>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
          </article>
        ))}
      </div>
    </section>
  );
}
