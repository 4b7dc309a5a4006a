// The read-only part of the completion check (완료점검) page: what the gate checks, the work logs,
// the completion reports and the history of checks.
import { WORK_LOG_STATUS_LABELS, formatKoreanDate, formatKoreanDateShort, isWorkLogStatus, seoulDate } from "~/domain";
import { Section } from "~/components/monitor/step";
import { FileName } from "~/components/file-name";

type Gap = { code: string; message: string; clause: string };
type Log = {
  id: string;
  workedOn: string;
  description: string;
  status: string;
  swVersionBefore: string | null;
  swVersionAfter: string | null;
  trainingAttendees: string | null;
  partCount: number;
  attachmentCount: number;
};
type Report = {
  id: string;
  summary: string;
  results: string;
  submittedAt: string | Date;
  attachments: { id: string; file: { id: string; originalName: string; mimeType: string } }[];
};
type Check = { id: string; result: string; findings: string | null; checkedOn: string };

export function CompletionGate({ gaps }: { gaps: Gap[] }) {
  return (
    <Section title="점검 항목" id="gate-h">
      {gaps.length === 0 ? (
        <p className="ok-text" data-testid="gate-open">
          완료점검에 필요한 작업일지 확인, 증빙, 완료보고서가 모두 갖추어졌습니다.
        </p>
      ) : (
        <ul className="gaps" data-testid="gaps">
          {gaps.map((g) => (
            <li key={g.code} data-code={g.code}>
              {g.message} <span className="muted">({g.clause})</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function CompletionEvidence({ logs, reports }: { logs: Log[]; reports: Report[] }) {
  return (
    <div className="grid-2">
      <Section title="작업일지" id="logs-h">
        {logs.length === 0 ? (
          <p className="muted">작업일지가 없습니다.</p>
        ) : (
          <ul>
            {logs.map((l) => (
              <li key={l.id}>
                {formatKoreanDateShort(l.workedOn)} · {l.description} ·{" "}
                <strong>{isWorkLogStatus(l.status) ? WORK_LOG_STATUS_LABELS[l.status] : l.status}</strong>
                {l.swVersionBefore || l.swVersionAfter ? ` · SW ${l.swVersionBefore ?? "?"} → ${l.swVersionAfter ?? "?"}` : ""}
                {l.trainingAttendees ? ` · 교육 참석: ${l.trainingAttendees}` : ""}
                {l.partCount ? ` · 교체 부품 ${l.partCount}건` : ""}
                {l.attachmentCount ? ` · 첨부 ${l.attachmentCount}건` : ""}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="완료보고서" id="report-h">
        {reports.length === 0 ? (
          <p className="muted">제출된 완료보고서가 없습니다.</p>
        ) : (
          reports.map((r) => (
            <div key={r.id}>
              <p>
                {formatKoreanDate(seoulDate(new Date(r.submittedAt)))} 제출 · {r.summary}
              </p>
              <p style={{ whiteSpace: "pre-wrap" }}>{r.results}</p>
              <ul>
                {r.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/files/${a.file.id}`}>
                      <FileName file={a.file} />
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </Section>
    </div>
  );
}

export function CompletionChecks({ checks }: { checks: Check[] }) {
  if (!checks.length) return null;
  return (
    <Section title="점검 이력" id="checks-h">
      <ul data-testid="checks">
        {checks.map((c) => (
          <li key={c.id}>
            {formatKoreanDate(c.checkedOn)} · {c.result === "passed" ? "통과" : "보완 요구"}
            {c.findings ? ` · ${c.findings}` : ""}
          </li>
        ))}
      </ul>
    </Section>
  );
}
