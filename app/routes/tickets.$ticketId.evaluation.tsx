// 현장평가표: the external evaluator (외부전문가) assigned to the ticket, or the TP itself (the notice
// lets it take part), fills in the site-evaluation sheet with a live score, saves drafts and finally
// submits it (then it is locked). One form, two submit buttons (`intent` save / submit): a submit
// requires every grade and every applicable check, and each missing one is marked. The evaluator's
// submitted sheet waits for the TP, who confirms it (selection may read it then) or sends it back
// with a reason (ADR 030); the TP's own sheet stands confirmed at once.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import {
  GRADED_ITEM_KEYS,
  GRADES,
  SUITABILITY_CHECK_KEYS,
  CLAUSES,
  applicableChecks,
  formatKoreanDate,
  isEligibilityBasis,
  isGrade,
  scoreEvaluation,
  type IsoDate,
  josa,
} from "~/domain";
import {
  confirmEvaluation,
  getEvaluationData,
  returnEvaluation,
  saveEvaluationDraft,
  submitEvaluation,
  type SheetInput,
} from "~/models/expert-steps.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { Field, StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { Section, refusalOf } from "~/components/monitor/step";
import { ExpertDecision, ExpertStatus } from "~/components/ticket/expert-decision";
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
import { PdfLink } from "~/components/ticket/document-downloads";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "현장평가표" };

/** The evaluator fills the sheet; the TP fills it too, or confirms or sends back the evaluator's. */
const ROLES = ["monitor", "evaluator"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ROLES });
  const data = await getEvaluationData(actor, ticketId, today);
  invariantResponse(data);
  const print = new URL(request.url).searchParams.get("print") === "1";
  return { today, print, ...data };
}

const gradeField = z.union([z.enum(GRADES), z.literal("")]).optional();
const checkField = z.union([z.enum(["yes", "no"]), z.literal("")]).optional();
const gradeShape = Object.fromEntries(GRADED_ITEM_KEYS.map((k) => [gradeName(k), gradeField])) as Record<GradeName, typeof gradeField>;
const checkShape = Object.fromEntries(SUITABILITY_CHECK_KEYS.map((k) => [checkName(k), checkField])) as Record<CheckName, typeof checkField>;

const sheetFields = {
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
};

/** A submit needs every grade and every applicable check; runs even when other fields are invalid, so that every missing input is marked at once. */
function requireCompleteOnSubmit(raw: Record<string, unknown>, ctx: z.RefinementCtx) {
  if ((raw.intent ?? raw.mode) !== "submit") return;
  for (const k of GRADED_ITEM_KEYS) {
    if (!isGrade(raw[gradeName(k)])) ctx.addIssue({ code: "custom", path: [gradeName(k)], message: "등급을 선택해 주세요." });
  }
  const basis = raw.basis;
  for (const k of typeof basis === "string" && isEligibilityBasis(basis) ? applicableChecks(basis) : []) {
    const v = raw[checkName(k)];
    if (v !== "yes" && v !== "no") ctx.addIssue({ code: "custom", path: [checkName(k)], message: "예 또는 아니오를 선택해 주세요." });
  }
}

/** The sheet form in the browser: the button pressed (`intent`) is absent while it re-validates as the person types. */
const SheetSchema = z
  .object({ intent: z.enum(["save", "submit"]).optional(), ...sheetFields })
  .superRefine(requireCompleteOnSubmit, { when: () => true });
/** The TP's confirmation of the evaluator's submitted sheet. */
const ConfirmSchema = z.object({ intent: z.literal("confirm"), version: fields.version });
/** The TP sends the evaluator's sheet back, with the reason the evaluator reads. */
const ReturnSchema = z.object({ intent: z.literal("return"), version: fields.version, reason: fields.text("보완 요청 사유", 1000) });

/** Every post of the page, told apart by the button pressed. */
const Schema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.enum(["save", "submit"]), ...sheetFields }).superRefine(requireCompleteOnSubmit, { when: () => true }),
    ConfirmSchema,
    ReturnSchema,
  ],
  { error: "임시 저장, 제출, 확인 또는 보완 요청 중 하나를 선택해 주세요." },
);

type SheetValue = Omit<z.output<typeof SheetSchema>, "intent">;

function sheetOf(v: SheetValue): SheetInput {
  const sheet: SheetInput = { evaluatorName: v.evaluatorName, evaluatedOn: v.evaluatedOn as IsoDate, note: v.note, grades: {}, checks: {} };
  for (const k of GRADED_ITEM_KEYS) {
    const g = v[gradeName(k)];
    if (g) sheet.grades[k] = g;
  }
  for (const k of SUITABILITY_CHECK_KEYS) {
    const c = v[checkName(k)];
    if (c) sheet.checks[k] = c === "yes";
  }
  return sheet;
}

export const action = ticketStepAction({
  roles: ROLES,
  schema: Schema,
  run: ({ actor, ticketId, today, value }) => {
    const step = { ticketId, expectedVersion: value.version, today };
    if (value.intent === "confirm") return confirmEvaluation(actor, step);
    if (value.intent === "return") return returnEvaluation(actor, { ...step, reason: value.reason });
    return (value.intent === "submit" ? submitEvaluation : saveEvaluationDraft)(actor, { ...step, sheet: sheetOf(value) });
  },
  done: (_result, { actor, value }) => DONE[value.intent](actor.role),
});

const DONE: Record<z.output<typeof Schema>["intent"], (role: string) => string> = {
  save: () => "평가표를 임시 저장했습니다.",
  submit: (role) =>
    role === "evaluator"
      ? "현장평가 결과를 제출했습니다. 운영기관(TP)이 확인할 때까지 평가표는 수정할 수 없습니다."
      : "현장평가 결과를 제출했습니다. 평가표는 이제 수정할 수 없습니다.",
  confirm: () => "외부전문가의 현장평가표를 확인했습니다. 이제 지원결정을 할 수 있습니다.",
  return: () => "현장평가표를 외부전문가에게 되돌려 보완을 요청했습니다.",
};

type Sheet = NonNullable<Awaited<ReturnType<typeof getEvaluationData>>>["sheet"];

function sheetDefaults(sheet: Sheet, today: string, evaluatorName: string) {
  return {
    evaluatorName: sheet?.evaluatorName ?? evaluatorName,
    evaluatedOn: sheet?.evaluatedOn ?? today,
    note: sheet?.note ?? "",
    ...Object.fromEntries(GRADED_ITEM_KEYS.map((k) => [gradeName(k), sheet?.grades[k] ?? ""])),
    ...Object.fromEntries(
      SUITABILITY_CHECK_KEYS.map((k) => [checkName(k), sheet?.checks[k] === undefined ? "" : sheet.checks[k] ? "yes" : "no"]),
    ),
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** Who evaluates (the assigned evaluator, the TP taking part) and where the sheet stands. */
function EvaluatorFacts({ evaluator, sheet, returned }: Pick<Data, "evaluator" | "sheet" | "returned">) {
  const status = !sheet?.submittedAt
    ? "작성중"
    : !sheet.confirmedAt
      ? `확인 대기 — 외부전문가 ${josa(sheet.submittedByName ?? "", "이", "가")} 제출했습니다. 운영기관(TP)의 확인을 기다립니다.`
      : sheet.submittedByRole === "evaluator"
        ? `확인 완료 — 외부전문가 ${sheet.submittedByName ?? ""} 제출, 운영기관 ${sheet.confirmedByName ?? ""} 확인`
        : `확인 완료 — 운영기관 ${josa(sheet.submittedByName ?? "", "이", "가")} 직접 평가하여 제출`;
  return (
    <ExpertStatus
      id="evaluator-h"
      title="평가자 (외부전문가)"
      expert={evaluator}
      unassigned="배정되지 않음 (운영기관이 직접 평가할 수 있습니다)"
      statusLabel="평가표 상태"
      status={status}
      returned={returned?.reason ?? null}
      clause={CLAUSES.siteEvaluator}
      testIds={{ assigned: "assigned-evaluator", status: "evaluation-status", returned: "evaluation-returned" }}
    />
  );
}

/** The TP's decision on the evaluator's submitted sheet: confirm it, or send it back with a reason. */
function SheetDecision({ data, reply }: { data: Data; reply: ReturnType<typeof useActionData<typeof action>> }) {
  const confirm = useStepForm({ id: "evaluation-confirm", schema: ConfirmSchema, version: data.version, reply });
  const back = useStepForm({ id: "evaluation-return", schema: ReturnSchema, version: data.version, reply });
  const sheet = data.sheet;
  if (!sheet) return null;
  return (
    <ExpertDecision
      id="evaluation-decision"
      title="외부전문가 평가표 확인"
      confirm={{
        form: confirm.props,
        label: "평가표 확인",
        hint: "확인하면 이 평가표로 지원결정을 하고, 외부전문가의 배정(열람)이 끝납니다.",
        refusal: refusalOf(data.actions, "confirm_evaluation"),
      }}
      back={{ form: back.props, label: "보완 요청", reason: back.fields.reason, refusal: null }}
    >
      <p>
        {formatKoreanDate(sheet.evaluatedOn)} · 평가위원 {sheet.evaluatorName} · {sheet.totalScore}점 ·{" "}
        {sheet.passed ? "적합(선정 기준 충족)" : "부적합(선정 기준 미충족)"}
      </p>
    </ExpertDecision>
  );
}

export default function EvaluationPage() {
  const data = useLoaderData<typeof loader>();
  const { today, print, basis, applicable, bonusEligible, params, sheet, actions, version, role } = data;
  const reply = useActionData<typeof action>();
  const [mode, setMode] = useState<"save" | "submit">("save");
  const { fields: f, props } = useStepForm({
    id: "evaluation",
    schema: SheetSchema,
    version,
    reply,
    defaultValue: sheetDefaults(sheet, today, data.defaultEvaluatorName),
  });
  if (!basis) return <p className="form-error">도입기업의 신청자격 구분이 없어 평가표를 작성할 수 없습니다.</p>;
  // only in 현장평가, and never once submitted
  const locked = Boolean(sheet?.submittedAt) || print || !actions.some((a) => a.action === "submit_evaluation");
  const awaitingTp = Boolean(sheet?.submittedAt && !sheet.confirmedAt);
  // the live score: the rules module's own function, run in the browser
  const live = scoreEvaluation({ basis, ...typedSheet(f), certificateAttachedAtApplication: bonusEligible }, params, "partial");
  return (
    <>
      <EvaluatorFacts evaluator={data.evaluator} sheet={sheet} returned={data.returned} />
      {sheet && !print ? (
        <p className="card no-print">
          <PdfLink doc="evaluation" />
        </p>
      ) : null}
      {role === "monitor" && awaitingTp && !print ? <SheetDecision data={data} reply={reply} /> : null}
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
                <span className="muted">
                  {role === "evaluator"
                    ? "제출하면 운영기관(TP)이 확인하거나 보완을 요청할 때까지 평가표를 수정할 수 없습니다."
                    : "제출하면 평가표를 더 이상 수정할 수 없습니다."}
                </span>
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
