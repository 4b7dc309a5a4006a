import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import {
  BONUS_POINTS,
  GRADED_ITEMS,
  GRADED_ITEM_KEYS,
  GRADED_ITEM_LABELS,
  GRADES,
  GRADE_LABELS,
  SUITABILITY_CHECK_KEYS,
  SUITABILITY_CHECK_LABELS,
  formatKoreanDate,
  isGrade,
  scoreEvaluation,
  type Grade,
  type GradedItemKey,
  type SuitabilityCheckKey,
} from "~/domain";
import { getEvaluationData, saveEvaluationDraft, submitEvaluation, type SheetInput } from "~/models/monitor-steps.server";
import { done, notFound, stepPage, stepRequest } from "~/utils/monitor-route.server";
import { badRequest, failureResponse, fields, parseForm, readForm } from "~/utils/forms.server";
import { FieldError, Section, StepHeading, StepMessage, typed, type StepResult, useStepResult } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "현장평가 · 스마트공장 AS 트래커" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, header, today } = await stepPage(request, params);
  const data = await getEvaluationData(actor, header.id, today);
  if (!data) notFound();
  const print = new URL(request.url).searchParams.get("print") === "1";
  return { ticket: header, today, print, ...data };
}

const gradeField = z.union([z.enum(GRADES), z.literal("")]).optional().transform((v) => (v ? v : undefined));
const checkField = z.union([z.enum(["yes", "no"]), z.literal("")]).optional().transform((v) => (v === "yes" ? true : v === "no" ? false : undefined));

const Schema = z.object({
  intent: z.enum(["save", "submit"]),
  version: fields.version,
  evaluatorName: fields.text("평가위원 성명", 50),
  evaluatedOn: fields.isoDate("평가일"),
  note: fields.optionalText("종합 의견", 2000),
  ...Object.fromEntries(GRADED_ITEM_KEYS.map((k) => [`grade_${k}`, gradeField])),
  ...Object.fromEntries(SUITABILITY_CHECK_KEYS.map((k) => [`check_${k}`, checkField])),
}) as unknown as z.ZodType<{ intent: "save" | "submit"; version: number; evaluatorName: string; evaluatedOn: string; note: string | null } & Record<string, unknown>>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await stepRequest(request, params);
  const form = await readForm(request);
  const parsed = parseForm(Schema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  const d = parsed.data;
  const sheet: SheetInput = { evaluatorName: d.evaluatorName, evaluatedOn: d.evaluatedOn, note: d.note, grades: {}, checks: {} };
  for (const k of GRADED_ITEM_KEYS) {
    const g = d[`grade_${k}`];
    if (isGrade(g)) sheet.grades[k] = g;
  }
  for (const k of SUITABILITY_CHECK_KEYS) {
    const c = d[`check_${k}`];
    if (typeof c === "boolean") sheet.checks[k] = c;
  }
  try {
    if (d.intent === "save") {
      await saveEvaluationDraft(actor, { ticketId, expectedVersion: d.version, today, sheet });
      return done(request, "evaluation_saved");
    }
    await submitEvaluation(actor, { ticketId, expectedVersion: d.version, today, sheet });
    return done(request, "evaluation_submitted");
  } catch (error) {
    return failureResponse(error, form);
  }
}

export default function EvaluationPage() {
  const data = useLoaderData<typeof loader>();
  const { ticket, today, basis, applicable, bonusEligible, params, sheet, print } = data;
  const result = useStepResult(useActionData<typeof action>());
  const locked = Boolean(sheet?.submittedAt) || print || ticket.state !== "site_evaluation";
  const initialGrades: Partial<Record<GradedItemKey, Grade>> = {};
  for (const k of GRADED_ITEM_KEYS) {
    const v = typed(result, `grade_${k}`, sheet?.grades[k] ?? "");
    if (isGrade(v)) initialGrades[k] = v;
  }
  const initialChecks: Partial<Record<SuitabilityCheckKey, boolean>> = {};
  for (const k of SUITABILITY_CHECK_KEYS) {
    const v = typed(result, `check_${k}`, sheet?.checks[k] === undefined ? "" : sheet.checks[k] ? "yes" : "no");
    if (v === "yes") initialChecks[k] = true;
    if (v === "no") initialChecks[k] = false;
  }
  const [grades, setGrades] = useState(initialGrades);
  const [checks, setChecks] = useState(initialChecks);

  if (!basis) {
    return (
      <>
        <StepHeading ticket={ticket} title="현장평가" today={today} />
        <p className="form-error">도입기업의 신청자격 구분이 없어 평가표를 작성할 수 없습니다.</p>
      </>
    );
  }
  // The live score: the rules module's own function, run in the browser.
  const live = scoreEvaluation({ basis, grades, checks, certificateAttachedAtApplication: bonusEligible }, params, "partial");
  const passLabel = !live.complete ? "작성중" : live.passed ? "합격" : "불합격";

  return (
    <>
      <StepHeading ticket={ticket} title="현장평가표" today={today} />
      <StepMessage result={result} />
      <div className="card score-box" aria-live="polite">
        <span>
          합계 <span className="total" data-testid="live-total">{live.total}</span>점 / {live.maxTotal}점
        </span>
        <span data-testid="live-result" className={live.passed ? "result-pass" : live.complete ? "result-fail" : "muted"}>
          {live.resultLabel} · {passLabel}
        </span>
        <span className="muted">
          합격 기준: 부적합 없음, {params.passMark}점 이상
        </span>
        <span data-testid="bonus">가점 {live.bonus}점</span>
        {sheet?.submittedAt ? <span className="badge done">제출 완료 (수정 불가)</span> : null}
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
      <Form method="post">
        <input type="hidden" name="version" value={ticket.version} />
        <fieldset disabled={locked} style={{ border: "none", padding: 0, margin: 0 }}>
          <div className="card grid-2">
            <div className="field">
              <label htmlFor="evaluatorName">평가위원 성명</label>
              <input id="evaluatorName" name="evaluatorName" defaultValue={typed(result, "evaluatorName", sheet?.evaluatorName)} />
              <FieldError result={result} name="evaluatorName" />
            </div>
            <div className="field">
              <label htmlFor="evaluatedOn">평가일</label>
              <input id="evaluatedOn" name="evaluatedOn" type="date" defaultValue={typed(result, "evaluatedOn", sheet?.evaluatedOn ?? today)} />
              <FieldError result={result} name="evaluatedOn" />
            </div>
          </div>
          <Section title="적합성 확인 (하나라도 ‘아니오’이면 부적합)" id="checks-h">
            <ul style={{ listStyle: "none", padding: 0 }}>
              {SUITABILITY_CHECK_KEYS.filter((k) => applicable.includes(k)).map((k) => (
                <li key={k} className="field" role="radiogroup" aria-labelledby={`check-${k}-label`}>
                  <p id={`check-${k}-label`} style={{ margin: "0 0 0.25rem" }}>
                    {SUITABILITY_CHECK_LABELS[k]}
                  </p>
                  <div className="check-row">
                    <label>
                      <input
                        type="radio"
                        name={`check_${k}`}
                        value="yes"
                        aria-label={`${SUITABILITY_CHECK_LABELS[k]}: 예`}
                        checked={checks[k] === true}
                        onChange={() => setChecks({ ...checks, [k]: true })}
                      />
                      예 (적합)
                    </label>
                    <label>
                      <input
                        type="radio"
                        name={`check_${k}`}
                        value="no"
                        aria-label={`${SUITABILITY_CHECK_LABELS[k]}: 아니오`}
                        checked={checks[k] === false}
                        onChange={() => setChecks({ ...checks, [k]: false })}
                      />
                      아니오 (부적합)
                    </label>
                  </div>
                </li>
              ))}
            </ul>
          </Section>
          <Section title="평가 항목" id="items-h">
            <div className="table-wrap">
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
                    const row = live.items.find((i) => i.key === k)!;
                    return (
                      <tr key={k}>
                        <td data-label="구분">{GRADED_ITEMS[k].group}</td>
                        <td data-label="평가 항목">
                          <label htmlFor={`grade_${k}`} style={{ fontWeight: 400 }}>
                            {GRADED_ITEM_LABELS[k]}
                          </label>
                        </td>
                        <td data-label="등급">
                          <select
                            id={`grade_${k}`}
                            name={`grade_${k}`}
                            value={grades[k] ?? ""}
                            onChange={(e) => {
                              const v = e.target.value;
                              setGrades({ ...grades, [k]: isGrade(v) ? v : undefined });
                            }}
                          >
                            <option value="">선택</option>
                            {GRADES.map((g) => (
                              <option key={g} value={g}>
                                {GRADE_LABELS[g]} ({GRADED_ITEMS[k].points[g]}점)
                              </option>
                            ))}
                          </select>
                        </td>
                        <td className="num" data-label="점수">
                          {row.grade ? row.points : "—"} / {row.max}
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
          </Section>
          <div className="card">
            <div className="field">
              <label htmlFor="note">종합 의견</label>
              <textarea id="note" name="note" rows={3} defaultValue={typed(result, "note", sheet?.note)} />
            </div>
            {!locked ? (
              <div className="button-row">
                <button type="submit" name="intent" value="save" className="secondary">
                  임시 저장
                </button>
                <button type="submit" name="intent" value="submit">
                  평가 결과 제출
                </button>
                <span className="muted">제출하면 평가표를 더 이상 수정할 수 없습니다.</span>
              </div>
            ) : sheet?.submittedAt ? (
              <p>
                {formatKoreanDate(sheet.evaluatedOn)} · 평가위원 {sheet.evaluatorName} · {sheet.totalScore}점 ·{" "}
                {sheet.passed ? "적합(선정 기준 충족)" : "부적합(선정 기준 미충족)"}
              </p>
            ) : null}
          </div>
        </fieldset>
      </Form>
    </>
  );
}
