// 수행계획서 제출 이력: every submitted plan (latest first) with its review status, milestones and the
// official plan form attached to it (수행계획서 양식, issue 17).
import { PLAN_REVIEW_STATUS_LABELS, formatKoreanDate, isPlanReviewStatus, seoulDate, type PlanReviewStatus } from "~/domain";
import { AttachedFileLink, SingleFileField, type AttachedFileView } from "~/components/ticket/attached-file";

const REVIEW_TONES: Readonly<Record<PlanReviewStatus, string>> = { pending: "", accepted: "done", changes_requested: "stop" };

export type PlanVersionView = {
  id: string;
  version: number;
  scope: string;
  staff: string;
  dueOn: string;
  isRevision: boolean;
  late: boolean;
  reviewStatus: string;
  reviewNote: string | null;
  submittedAt: string | Date;
  formFile: AttachedFileView | null;
  milestones: { id: string; title: string; dueOn: string; deliverable: string }[];
};

export function PlanHistory({ plans }: { plans: PlanVersionView[] }) {
  return (
    <section className="card" aria-labelledby="plan-history-h">
      <h2 id="plan-history-h" style={{ marginTop: 0 }}>
        제출 이력
      </h2>
      {plans.length === 0 ? <p className="muted">제출된 수행계획서가 없습니다.</p> : null}
      <div className="versions">
        {plans.map((plan, index) => {
          const status = isPlanReviewStatus(plan.reviewStatus)
            ? { label: PLAN_REVIEW_STATUS_LABELS[plan.reviewStatus], tone: REVIEW_TONES[plan.reviewStatus] }
            : { label: plan.reviewStatus, tone: "" };
          return (
            <article
              key={plan.id}
              className={`version${index === 0 ? " latest" : ""}`}
              data-plan-version={plan.version}
              aria-label={`수행계획서 ${plan.version}차`}
            >
              <h3>
                수행계획서 {plan.version}차{plan.isRevision ? " (수정)" : ""}
                <span className={`badge ${status.tone}`}>{status.label}</span>
                {plan.late ? <span className="badge overdue">기한 경과 제출</span> : <span className="badge done">기한 내 제출</span>}
                <span className="muted" style={{ fontWeight: 400 }}>
                  제출 {formatKoreanDate(seoulDate(new Date(plan.submittedAt)))} · 기한 {formatKoreanDate(plan.dueOn)}
                </span>
              </h3>
              {plan.reviewStatus === "changes_requested" && plan.reviewNote ? (
                <p className="note-box">운영기관 검토 의견: {plan.reviewNote}</p>
              ) : null}
              <dl className="facts">
                <dt>수행 범위</dt>
                <dd style={{ whiteSpace: "pre-wrap" }}>{plan.scope}</dd>
                <dt>투입 인력</dt>
                <dd style={{ whiteSpace: "pre-wrap" }}>{plan.staff}</dd>
                <dt>수행계획서 양식</dt>
                <dd>{plan.formFile ? <AttachedFileLink file={plan.formFile} testId={`plan-form-${plan.version}`} /> : "첨부 없음"}</dd>
              </dl>
              <MilestonesTable milestones={plan.milestones} />
            </article>
          );
        })}
      </div>
    </section>
  );
}

/** A plan's milestones (일정 내용, 완료 예정일, 산출물) as a table that scrolls on a phone. */
export function MilestonesTable({ milestones }: { milestones: PlanVersionView["milestones"] }) {
  if (milestones.length === 0) return null;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="수행 일정">
      <table className="responsive">
        <thead>
          <tr>
            <th>일정 내용</th>
            <th>완료 예정일</th>
            <th>산출물</th>
          </tr>
        </thead>
        <tbody>
          {milestones.map((m) => (
            <tr key={m.id}>
              <td data-label="일정 내용">{m.title}</td>
              <td data-label="완료 예정일">{formatKoreanDate(m.dueOn)}</td>
              <td data-label="산출물">{m.deliverable}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The plan form's file field (수행계획서 양식: the notice's form filled in and signed, or its scan). */
export function PlanFormField({ name, current }: { name: string; current: AttachedFileView | null }) {
  return (
    <SingleFileField
      id="plan-form"
      name={name}
      label="수행계획서 양식 (공고 서식, 서명본)"
      accept=".pdf,.jpg,.jpeg,.png,.hwp,.hwpx"
      kinds="PDF, JPG, PNG, HWP/HWPX"
      current={current}
    />
  );
}
