// 요건검토: the company as the application was submitted (the facts the eligibility verdict reads),
// and what changed in its profile since (제출 후 변경된 회사 정보), before → after per field.
// Tickets submitted before the capture existed show the current profile and say so (ADR 018).
import { formatKoreanDate, seoulDate } from "~/domain";
import { Reasons, Section } from "~/components/monitor/step";

type Props = {
  application: {
    submittedAt: Date | string | null;
    captured: boolean;
    supplierName: string;
    fields: { field: string; label: string; value: string }[];
    changes: { field: string; label: string; before: string; after: string }[];
    currentEligibility: { eligible: boolean; reasons: { message: string }[] } | null;
  };
};

function submittedOn(at: Date | string | null): string {
  return at ? formatKoreanDate(seoulDate(new Date(at))) : "제출일 미상";
}

export function SubmittedApplication({ application }: Props) {
  const { captured, changes, currentEligibility } = application;
  return (
    <Section title="제출된 신청 정보" id="application-h">
      <p className="muted" data-testid="application-source">
        {captured
          ? `${submittedOn(application.submittedAt)} 제출 당시의 회사 정보입니다. 신청자격은 이 정보로 확인합니다.`
          : "이 신청은 제출 당시의 회사 정보를 보관하기 전에 접수되었습니다. 현재 회사 정보를 표시하며, 신청자격도 현재 회사 정보로 확인합니다."}
      </p>
      {changes.length ? (
        <div className="form-error" role="note" data-testid="profile-changes">
          <h3 style={{ marginTop: 0 }}>제출 후 변경된 회사 정보</h3>
          <ul>
            {changes.map((c) => (
              <li key={c.field} data-field={c.field}>
                <strong>{c.label}</strong>: {c.before} → {c.after}
              </li>
            ))}
          </ul>
          {currentEligibility?.eligible === false ? (
            <>
              <p>변경된 현재 회사 정보로는 신청자격 요건을 충족하지 않습니다:</p>
              <Reasons reasons={currentEligibility.reasons.map((r) => r.message)} />
            </>
          ) : (
            <p>변경된 현재 회사 정보로도 신청자격 요건을 충족합니다.</p>
          )}
        </div>
      ) : captured ? (
        <p className="muted" data-testid="profile-changes">
          제출 후 변경된 회사 정보가 없습니다.
        </p>
      ) : null}
      {/* one <div> per pair (a <dl> holds either pairs or divs); display: contents keeps the facts grid */}
      <dl className="facts" data-testid="submitted-application">
        {[{ field: "supplier", label: "공급기업", value: application.supplierName }, ...application.fields].map((f) => (
          <div key={f.field} data-field={f.field} style={{ display: "contents" }}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
