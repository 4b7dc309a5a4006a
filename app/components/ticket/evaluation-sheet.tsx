// 현장평가표: the live score, the suitability checks (one fieldset of two radios each) and the
// graded items (one select each). The inputs are Conform fields of the evaluation route's form,
// named `check_<key>` ("yes" / "no") and `grade_<key>`; every missing one is marked on its own.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import {
  BONUS_POINTS,
  GRADED_ITEMS,
  GRADED_ITEM_KEYS,
  GRADED_ITEM_LABELS,
  GRADES,
  GRADE_LABELS,
  SUITABILITY_CHECK_KEYS,
  SUITABILITY_CHECK_LABELS,
  isGrade,
  type EvaluationResult,
  type Grade,
  type GradedItemKey,
  type SuitabilityCheckKey,
} from "~/domain";
import { FieldError } from "~/components/step-form";

export type GradeName = `grade_${GradedItemKey}`;
export type CheckName = `check_${SuitabilityCheckKey}`;
export const gradeName = (k: GradedItemKey): GradeName => `grade_${k}`;
export const checkName = (k: SuitabilityCheckKey): CheckName => `check_${k}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fields of the route's form
type SheetFields = Record<GradeName | CheckName, FieldMetadata<any, any, string[]>>;

/** What the sheet's inputs hold now (as typed), for the live score. */
export function typedSheet(f: SheetFields) {
  const grades: Partial<Record<GradedItemKey, Grade>> = {};
  for (const k of GRADED_ITEM_KEYS) {
    const v = f[gradeName(k)].value;
    if (isGrade(v)) grades[k] = v;
  }
  const checks: Partial<Record<SuitabilityCheckKey, boolean>> = {};
  for (const k of SUITABILITY_CHECK_KEYS) {
    const v = f[checkName(k)].value;
    if (v === "yes" || v === "no") checks[k] = v === "yes";
  }
  return { grades, checks };
}

export function EvaluationScoreBox({
  live,
  passMark,
  submitted,
  print,
}: {
  live: EvaluationResult;
  passMark: number;
  submitted: boolean;
  print: boolean;
}) {
  const passLabel = !live.complete ? "작성중" : live.passed ? "합격" : "불합격";
  return (
    <>
      <div className="card score-box" aria-live="polite">
        <span>
          합계{" "}
          <span className="total" data-testid="live-total">
            {live.total}
          </span>
          점 / {live.maxTotal}점
        </span>
        <span data-testid="live-result" className={live.passed ? "result-pass" : live.complete ? "result-fail" : "muted"}>
          {live.resultLabel} · {passLabel}
        </span>
        <span className="muted">합격 기준: 부적합 없음, {passMark}점 이상</span>
        <span data-testid="bonus">가점 {live.bonus}점</span>
        {submitted ? <span className="badge done">제출 완료 (수정 불가)</span> : null}
        <span className="no-print">
          <Link to="?print=1" className="button secondary">
            인쇄용 보기
          </Link>
        </span>
        {print ? (
          <button type="button" className="no-print" onClick={() => window.print()}>
            인쇄
          </button>
        ) : null}
      </div>
      {live.unsuitable.length > 0 ? (
        <ul className="reasons" data-testid="unsuitable">
          {live.unsuitable.map((u) => (
            <li key={u.code}>{u.message}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** The applicable suitability checks: a list of fieldsets, each with 예 / 아니오 radios. */
export function SuitabilityChecks({ applicable, fields: f }: { applicable: readonly SuitabilityCheckKey[]; fields: SheetFields }) {
  return (
    <ul className="evaluation-checks">
      {applicable.map((k) => {
        const meta = f[checkName(k)];
        const label = SUITABILITY_CHECK_LABELS[k];
        return (
          <li key={k}>
            <fieldset className="evaluation-check">
              <legend>{label}</legend>
              <div className="evaluation-choices">
                {(["yes", "no"] as const).map((v) => (
                  <label key={v}>
                    <input
                      {...getInputProps(meta, { type: "radio", value: v })}
                      id={`${meta.id}-${v}`}
                      aria-label={`${label}: ${v === "yes" ? "예" : "아니오"}`}
                    />
                    {v === "yes" ? "예 (적합)" : "아니오 (부적합)"}
                  </label>
                ))}
              </div>
              <FieldError meta={meta} />
            </fieldset>
          </li>
        );
      })}
    </ul>
  );
}

/** The graded items with the live points, and the bonus row. */
export function GradesTable({ fields: f, live, bonusEligible }: { fields: SheetFields; live: EvaluationResult; bonusEligible: boolean }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="평가 항목별 등급">
      <table className="responsive sheet-table">
        <thead>
          <tr>
            <th>구분</th>
            <th>평가 항목</th>
            <th>등급 (배점)</th>
            <th className="num">점수</th>
          </tr>
        </thead>
        <tbody>
          {GRADED_ITEM_KEYS.map((k) => {
            const row = live.items.find((i) => i.key === k);
            const meta = f[gradeName(k)];
            return (
              <tr key={k}>
                <td data-label="구분">{GRADED_ITEMS[k].group}</td>
                <td data-label="평가 항목">
                  <label htmlFor={gradeName(k)} style={{ fontWeight: 400 }}>
                    {GRADED_ITEM_LABELS[k]}
                  </label>
                </td>
                <td data-label="등급">
                  {/* the id stays `grade_<key>` (print view, tests); errors keep Conform's ids */}
                  <select {...getSelectProps(meta)} id={gradeName(k)}>
                    <option value="">선택</option>
                    {GRADES.map((g) => (
                      <option key={g} value={g}>
                        {GRADE_LABELS[g]} ({GRADED_ITEMS[k].points[g]}점)
                      </option>
                    ))}
                  </select>
                  <FieldError meta={meta} />
                </td>
                <td className="num" data-label="점수">
                  {row?.grade ? row.points : "—"} / {row?.max}
                </td>
              </tr>
            );
          })}
          <tr>
            <td data-label="구분">가점</td>
            <td data-label="평가 항목">경기도 유망중소기업 인증기업 (신청 시 인증서 첨부)</td>
            <td data-label="등급">{bonusEligible ? "인증서 첨부됨" : "해당 없음 (인증서 미첨부)"}</td>
            <td className="num" data-label="점수">
              {live.bonus} / {BONUS_POINTS}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
