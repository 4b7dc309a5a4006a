// The work logs of a ticket (latest first), each with its evidence, and for the manufacturer the
// confirm / dispute forms of a submitted log. Each of those forms carries the log's own version,
// pinned when the page opened it: a change meanwhile (the supplier corrected the log) is refused
// with the conflict message instead of confirming what the manufacturer did not see.
import { Link } from "@remix-run/react";
import type { z } from "zod";
import { WORK_LOG_STATUS_LABELS, describeEvidence, formatKoreanDate, type Role, type WorkLogStatus } from "~/domain";
import { StepForm, TextareaField, useStepForm } from "~/components/step-form";
import type { StepReply } from "~/utils/step-reply";
import { FileName } from "~/components/file-name";

export type WorkLogView = {
  id: string;
  workedOn: string;
  minutes: number;
  description: string;
  status: string;
  statusLabel: string;
  disputeComment: string | null;
  swVersionBefore: string | null;
  swVersionAfter: string | null;
  trainingAttendees: string | null;
  version: number;
  authorName: string | null;
  confirmedByName: string | null;
  parts: { id: string; name: string; oldSerial: string | null; newSerial: string | null }[];
  attachments: {
    id: string;
    purpose: string;
    purposeLabel: string;
    file: { id: string; originalName: string; mimeType: string; size: number };
  }[];
};

/** "4.5" hours from minutes. */
export function hoursOf(minutes: number) {
  return (minutes / 60).toLocaleString("ko-KR", { maximumFractionDigits: 2 });
}

/** 건수 by status and the total hours, and what evidence this ticket's AS types call for. */
export function WorkLogSummary({
  logs,
  evidence,
  ticketId,
  canReport,
}: {
  logs: WorkLogView[];
  evidence: { hw: boolean; sw: boolean; training: boolean };
  ticketId: string;
  canReport: boolean;
}) {
  const count = (status: WorkLogStatus) => logs.filter((l) => l.status === status).length;
  const totalMinutes = logs.reduce((sum, l) => sum + l.minutes, 0);
  return (
    <div className="card">
      <dl className="facts">
        <dt>작업일지</dt>
        <dd data-testid="log-counts">
          {logs.length}건 · {WORK_LOG_STATUS_LABELS.confirmed} {count("confirmed")} · {WORK_LOG_STATUS_LABELS.submitted} {count("submitted")} ·{" "}
          {WORK_LOG_STATUS_LABELS.disputed} {count("disputed")} · 총 {hoursOf(totalMinutes)}시간
        </dd>
        <dt>필요한 증빙</dt>
        <dd>{describeEvidence(evidence)}</dd>
      </dl>
      {canReport && logs.length > 0 && count("confirmed") === logs.length ? (
        <p>
          모든 작업일지가 확인되었습니다. <Link to={`/tickets/${ticketId}/completion`}>완료 보고하기</Link>
        </p>
      ) : null}
    </div>
  );
}

type ReviewSchemas = {
  confirm: z.ZodType<unknown, { logId: string; version?: unknown }>;
  dispute: z.ZodType<unknown, { logId: string; version?: unknown; comment: string }>;
};

/** The manufacturer's 작업 확인 / 이의 제기 of one submitted log, on the log's pinned version. */
function WorkLogReview({ log, schemas, reply }: { log: WorkLogView; schemas: ReviewSchemas; reply: StepReply | undefined }) {
  const confirm = useStepForm({ id: `confirm-${log.id}`, schema: schemas.confirm, version: log.version, reply });
  const dispute = useStepForm({ id: `dispute-${log.id}`, schema: schemas.dispute, version: log.version, reply });
  return (
    <div className="inline-forms">
      <StepForm {...confirm.props} className="" title="작업 확인">
        <input type="hidden" name={confirm.fields.logId.name} value={log.id} />
        <button type="submit" disabled={confirm.props.pending}>
          작업 확인
        </button>
      </StepForm>
      <StepForm {...dispute.props} className="" title="이의 제기">
        <input type="hidden" name={dispute.fields.logId.name} value={log.id} />
        <TextareaField meta={dispute.fields.comment} label="이의 내용" rows={2} maxLength={2000} />
        <button type="submit" className="secondary" style={{ marginTop: "0.4rem" }} disabled={dispute.props.pending}>
          이의 제기
        </button>
      </StepForm>
    </div>
  );
}

function Evidence({ log }: { log: WorkLogView }) {
  return (
    <div className="evidence">
      {log.parts.length ? (
        <div className="table-wrap">
          <table className="responsive">
            <thead>
              <tr>
                <th>교체 부품</th>
                <th>기존 시리얼</th>
                <th>신규 시리얼</th>
              </tr>
            </thead>
            <tbody>
              {log.parts.map((p) => (
                <tr key={p.id}>
                  <td data-label="교체 부품">{p.name}</td>
                  <td data-label="기존 시리얼">{p.oldSerial ?? "—"}</td>
                  <td data-label="신규 시리얼">{p.newSerial ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {log.swVersionBefore || log.swVersionAfter ? (
        <p>
          SW 버전: {log.swVersionBefore ?? "—"} → {log.swVersionAfter ?? "—"}
        </p>
      ) : null}
      {log.trainingAttendees ? <p>교육 참석자: {log.trainingAttendees}</p> : null}
      {log.attachments.length ? (
        <ul>
          {log.attachments.map((a) => (
            <li key={a.id}>
              {a.purposeLabel}:{" "}
              <a href={`/files/${a.file.id}`} data-file-id={a.file.id}>
                <FileName file={a.file} />
              </a>{" "}
              <span className="muted">({Math.max(1, Math.round(a.file.size / 1024)).toLocaleString("ko-KR")}KB)</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function WorkLogList({
  logs,
  role,
  inProgress,
  schemas,
  reply,
}: {
  logs: WorkLogView[];
  role: Role;
  inProgress: boolean;
  schemas: ReviewSchemas;
  reply: StepReply | undefined;
}) {
  return (
    <section aria-labelledby="logs-h">
      <h2 id="logs-h">작업일지 목록</h2>
      {logs.length === 0 ? <p className="muted card">아직 작업일지가 없습니다.</p> : null}
      {logs.map((log) => {
        const tone = log.status === "confirmed" ? "done" : log.status === "disputed" ? "stop" : "due";
        return (
          <article
            key={log.id}
            className="log-card"
            data-log-id={log.id}
            data-status={log.status}
            aria-label={`작업일지 ${formatKoreanDate(log.workedOn)}`}
          >
            <header>
              <strong>{formatKoreanDate(log.workedOn)}</strong>
              <span>{hoursOf(log.minutes)}시간</span>
              <span className={`badge ${tone}`}>{log.statusLabel}</span>
              <span className="muted">
                {log.authorName ?? ""}
                {log.status === "confirmed" && log.confirmedByName ? ` · 확인: ${log.confirmedByName}` : ""}
              </span>
            </header>
            <p style={{ whiteSpace: "pre-wrap", margin: "0.25rem 0" }}>{log.description}</p>
            {log.status === "disputed" && log.disputeComment ? (
              <p className="dispute-box" data-testid="dispute-comment">
                도입기업 이의: {log.disputeComment}
              </p>
            ) : log.status === "submitted" && log.disputeComment ? (
              <p className="note-box">이전 이의(수정 후 재제출): {log.disputeComment}</p>
            ) : null}
            <Evidence log={log} />
            {role === "supplier" && inProgress && log.status !== "confirmed" ? (
              <p>
                <Link
                  to={`?edit=${log.id}`}
                  className="button secondary"
                  aria-label={`${formatKoreanDate(log.workedOn)} 작업일지 ${log.status === "disputed" ? "수정해 다시 제출" : "수정"}`}
                >
                  {log.status === "disputed" ? "수정해 다시 제출" : "수정"}
                </Link>
              </p>
            ) : null}
            {role === "manufacturer" && inProgress && log.status === "submitted" ? (
              <WorkLogReview key={log.id} log={log} schemas={schemas} reply={reply} />
            ) : null}
          </article>
        );
      })}
    </section>
  );
}
