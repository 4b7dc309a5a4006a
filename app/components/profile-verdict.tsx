// The live eligibility verdict beside the company profile form: the rules module's
// checkEligibility on what is on screen (or what was saved).
import { useMemo } from "react";
import { checkEligibility, formatKoreanDate, isEligibilityBasis, isIsoDate, type ApplicantProfile, type ProgramParams } from "~/domain";

type Saved = Omit<ApplicantProfile, "eligibilityBasis"> & { eligibilityBasis: string | null };

/** The applicant as the rules module reads it, from the form's current values (strings as typed). */
export function applicantOf(values: Record<string, unknown>, saved: Saved): ApplicantProfile {
  const s = (k: string) => (typeof values[k] === "string" ? (values[k] as string).trim() : "");
  const on = (k: string) => values[k] === "on";
  const yearOf = (k: string) => (/^\d{4}$/.test(s(k)) ? Number(s(k)) : null);
  const basis = s("eligibilityBasis");
  const eligibilityBasis = isEligibilityBasis(basis) ? basis : null;
  return {
    id: saved.id,
    businessNumber: s("businessNumber"),
    region: s("region"),
    eligibilityBasis,
    diffusionCompletionYear: eligibilityBasis === "diffusion" ? yearOf("diffusionCompletionYear") : null,
    levelCertificateNumber: eligibilityBasis === "self_built" ? s("levelCertificateNumber") || null : null,
    localProgramYear: eligibilityBasis === "local_program" ? yearOf("localProgramYear") : null,
    paidMaintenanceContract: on("paidMaintenanceContract"),
    freeWarrantyEndsOn: isIsoDate(s("freeWarrantyEndsOn")) ? s("freeWarrantyEndsOn") : null,
    closedOrSuspended: on("closedOrSuspended"),
    taxDelinquent: on("taxDelinquent"),
    sanctioned: on("sanctioned"),
    canSelfService: on("canSelfService"),
  };
}

export function Verdict({
  applicant,
  today,
  params,
  dirty,
}: {
  applicant: ApplicantProfile;
  today: string;
  params: ProgramParams | null;
  dirty: boolean;
}) {
  // The supplier is chosen per ticket; here only the company's own conditions are checked.
  const result = useMemo(
    () => (params ? checkEligibility(applicant, { id: "", businessNumber: "" }, today, params) : null),
    [applicant, today, params],
  );
  if (!result) {
    return (
      <section className="card">
        <p className="muted">접수 중인 사업이 없어 신청자격을 확인할 수 없습니다.</p>
      </section>
    );
  }
  return (
    <section className="card sticky" aria-labelledby="verdict-h" data-testid="eligibility" data-eligible={result.eligible}>
      <h2 id="verdict-h" style={{ marginTop: 0 }}>
        신청자격 확인
      </h2>
      <p className="muted">{dirty ? "입력 중인 내용 기준 (저장 전)" : `저장된 정보 기준 · ${formatKoreanDate(today)}`}</p>
      {result.eligible ? (
        <p className="verdict-ok" role="status">
          신청 가능: 신청자격 요건을 모두 충족합니다.
        </p>
      ) : (
        <>
          <p className="verdict-no" role="status">
            신청 불가: 아래 {result.reasons.length}가지 사유를 해결해야 합니다.
          </p>
          <ul className="reason-list">
            {result.reasons.map((r) => (
              <li key={r.code}>
                {r.message}
                <div className="muted clause">{r.clause}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
