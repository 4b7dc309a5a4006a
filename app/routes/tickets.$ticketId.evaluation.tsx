// 현장평가표: the monitor fills in the site-evaluation sheet with a live score, saves drafts and
// finally submits it (then it is locked). One form, two submit buttons (`intent` save / submit):
// a submit requires every grade and every applicable check, and each missing one is marked.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import {
  GRADED_ITEM_KEYS,
  GRADES,
  SUITABILITY_CHECK_KEYS,
  applicableChecks,
  formatKoreanDate,
  isEligibilityBasis,
  isGrade,
  scoreEvaluation,
  type IsoDate,
} from "~/domain";
import { getEvaluationData, saveEvaluationDraft, submitEvaluation, type SheetInput } from "~/models/monitor-steps.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { Field, StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { Section } from "~/components/monitor/step";
import {
  EvaluationScoreBox,
  GradesTable,
  SuitabilityChecks,
  checkName,
  gradeName,
  typedSheet,
  type CheckName,
  type GradeName,
} from "~/components/ticket/evaluation-sheet";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "현장평가표" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const data = await getEvaluationData(actor, ticketId, today);
  invariantResponse(data);
  const print = new URL(request.url).searchParams.get("print") === "1";
  return { today, print, ...data };
}

const gradeField = z.union([z.enum(GRADES), z.literal("")]).optional();
const checkField = z.union([z.enum(["yes", "no"]), z.literal("")]).optional();
const gradeShape = Object.fromEntries(GRADED_ITEM_KEYS.map((k) => [gradeName(k), gradeField])) as Record<GradeName, typeof gradeField>;
const checkShape = Object.fromEntries(SUITABILITY_CHECK_KEYS.map((k) => [checkName(k), checkField])) as Record<CheckName, typeof checkField>;

const Schema = z
  .object({
    /** the button pressed; absent only while the browser re-validates as the person types */
    intent: z.enum(["save", "submit"]).optional(),
    /** "submit" after the person pressed 제출 once: re-validation keeps the submit's rules */
    mode: z.enum(["save", "submit"]).optional(),
    /** the manufacturer's eligibility basis: which checks the sheet shows (the model re-checks) */
    basis: z.string().max(40).optional(),
    version: fields.version,
    evaluatorName: fields.text("평가위원 성명", 50),
    evaluatedOn: fields.isoDate("평가일"),
    note: fields.optionalText("종합 의견", 2000),
    ...gradeShape,
    ...checkShape,
  })
  .superRefine(
    // runs even when other fields are invalid, so that every missing input is marked at once
    (raw: Record<string, unknown>, ctx) => {
      if ((raw.intent ?? raw.mode) !== "submit") return;
      for (const k of GRADED_ITEM_KEYS) {
        if (!isGrade(raw[gradeName(k)])) ctx.addIssue({ code: "custom", path: [gradeName(k)], message: "등급을 선택해 주세요." });
      }
      const basis = raw.basis;
      for (const k of typeof basis === "string" && isEligibilityBasis(basis) ? applicableChecks(basis) : []) {
        const v = raw[checkName(k)];
        if (v !== "yes" && v !== "no") ctx.addIssue({ code: "custom", path: [checkName(k)], message: "예 또는 아니오를 선택해 주세요." });
      }
    },
    { when: () => true },
  )
  .transform((v) => {
    const sheet: SheetInput = { evaluatorName: v.evaluatorName, evaluatedOn: v.evaluatedOn as IsoDate, note: v.note, grades: {}, checks: {} };
    for (const k of GRADED_ITEM_KEYS) {
      const g = v[gradeName(k)];
      if (g) sheet.grades[k] = g;
    }
    for (const k of SUITABILITY_CHECK_KEYS) {
      const c = v[checkName(k)];
      if (c) sheet.checks[k] = c === "yes";
    }
    return { submit: v.intent === "submit", version: v.version, sheet };
  });

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) =>
    (value.submit ? submitEvaluation : saveEvaluationDraft)(actor, { ticketId, expectedVersion: value.version, today, sheet: value.sheet }),
  done: (_result, { value }) =>
    value.submit ? "현장평가 결과를 제출했습니다. 평가표는 이제 수정할 수 없습니다." : "평가표를 임시 저장했습니다.",
});

type Sheet = NonNullable<Awaited<ReturnType<typeof getEvaluationData>>>["sheet"];

function sheetDefaults(sheet: Sheet, today: string) {
  return {
    evaluatorName: sheet?.evaluatorName ?? "",
    evaluatedOn: sheet?.evaluatedOn ?? today,
    note: sheet?.note ?? "",
    ...Object.fromEntries(GRADED_ITEM_KEYS.map((k) => [gradeName(k), sheet?.grades[k] ?? ""])),
    ...Object.fromEntries(
      SUITABILITY_CHECK_KEYS.map((k) => [checkName(k), sheet?.checks[k] === undefined ? "" : sheet.checks[k] ? "yes" : "no"]),
    ),
  };
}

export default function EvaluationPage() {
  const { today, print, basis, applicable, bonusEligible, params, sheet, actions, version } = useLoaderData<typeof loader>();
  const [mode, setMode] = useState<"save" | "submit">("save");
  const { fields: f, props } = useStepForm({
    id: "evaluation",
    schema: Schema,
    version,
    reply: useActionData<typeof action>(),
    defaultValue: sheetDefaults(sheet, today),
  });
  if (!basis) return <p className="form-error">도입기업의 신청자격 구분이 없어 평가표를 작성할 수 없습니다.</p>;
  // only in 현장평가, and never once submitted
  const locked = Boolean(sheet?.submittedAt) || print || !actions.some((a) => a.action === "submit_evaluation");
  // the live score: the rules module's own function, run in the browser
  const live = scoreEvaluation({ basis, ...typedSheet(f), certificateAttachedAtApplication: bonusEligible }, params, "partial");
  return (
    <>
      <EvaluationScoreBox live={live} passMark={params.passMark} submitted={Boolean(sheet?.submittedAt)} print={print} />
      <StepForm {...props} className="" title="현장평가표">
        <input type="hidden" name="basis" value={basis} />
        <input type="hidden" name="mode" value={mode} />
        <fieldset disabled={locked} style={{ border: "none", padding: 0, margin: 0, minWidth: 0 }}>
          <div className="card grid-2">
            <Field meta={f.evaluatorName} label="평가위원 성명" autoComplete="off" />
            <Field meta={f.evaluatedOn} label="평가일" type="date" />
          </div>
          <Section title="적합성 확인 (하나라도 ‘아니오’이면 부적합)" id="checks-h">
            <SuitabilityChecks applicable={applicable} fields={f} />
          </Section>
          <Section title="평가 항목" id="items-h">
            <GradesTable fields={f} live={live} bonusEligible={bonusEligible} />
          </Section>
          <div className="card">
            <TextareaField meta={f.note} label="종합 의견" rows={3} />
            {!locked ? (
              <div className="button-row">
                <button type="submit" name="intent" value="save" className="secondary" onClick={() => setMode("save")}>
                  임시 저장
                </button>
                <button type="submit" name="intent" value="submit" onClick={() => setMode("submit")}>
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
      </StepForm>
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
