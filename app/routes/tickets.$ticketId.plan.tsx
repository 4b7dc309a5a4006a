// 수행계획서: the supplier submits the execution plan (after 지원결정) or its revision (in 보완),
// with milestone rows; everyone in scope reads the history. The submission is a workflow step on
// the ticket version the form was opened with. One form, two buttons (`intent`): 임시저장 keeps what
// is typed, even incomplete, with the attached plan form (수행계획서 양식) as the supplier's draft;
// 제출 turns it into the plan version (issue 17, ADR 038). Works without JavaScript.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { ROW_LIMITS, STATE_LABELS, formatKoreanDate, isTicketState, seoulDate } from "~/domain";
import { getPlanPage, savePlanDraft, submitPlan } from "~/models/plan.server";
import { PLAN_FORM_RULE, singleUpload, withOptionalUpload } from "~/models/plan-quote-files.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { DUE_TONE } from "~/components/badges";
import { StepErrorBoundary } from "~/components/error-boundary";
import { FieldError, StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { PlanFormField, PlanHistory } from "~/components/ticket/plan-history";
import { PlanMilestonesEditor, type MilestoneInput } from "~/components/ticket/plan-milestones-editor";
import supplierStyles from "~/styles/supplier.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: supplierStyles }];
export const handle = { step: "수행계획서" };

/** At most this many milestones (well below the helper's index limit). */
const MAX_MILESTONES = ROW_LIMITS.planMilestones;
const MIN_ROWS = 3;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params);
  const page = await getPlanPage(actor, ticketId, today);
  invariantResponse(page);
  return { ...page, today, canSubmit: actor.role === "supplier" && page.step !== null, role: actor.role };
}

const MilestoneSchema = z.object({
  title: fields.text("일정 내용", 200),
  dueOn: fields.isoDate("완료 예정일"),
  deliverable: fields.text("산출물", 200),
});

/** A milestone row left entirely blank is skipped; null keeps the other rows' indexes for their errors. */
const blankMilestone = (row: unknown) => {
  const r = (row ?? {}) as Record<string, unknown>;
  return ["title", "dueOn", "deliverable"].every((k) => !String(r[k] ?? "").trim()) ? null : row;
};

/** The plan form's file input (수행계획서 양식): one file, with the draft or the submission. */
const PLAN_FORM_FIELD = "planForm";
/** The draft's version the form was opened with (0: none yet). */
const draftVersion = z.coerce.number({ error: "화면 정보가 올바르지 않습니다. 새로고침해 주세요." }).int().min(0);

/** 제출 (also what the fields are checked as while the person types, before any button is pressed). */
const SubmitSchema = z.object({
  intent: z.literal("submit").optional(),
  step: z.enum(["submit_plan", "resubmit_plan"], { error: "화면 정보가 올바르지 않습니다. 새로고침해 주세요." }),
  version: fields.version,
  draftVersion,
  scope: fields.text("수행 범위", 5000),
  staff: fields.text("투입 인력", 2000),
  acknowledgeLate: fields.checkbox,
  milestones: z
    .array(z.preprocess(blankMilestone, MilestoneSchema.nullable()) as z.ZodType<z.output<typeof MilestoneSchema> | null, MilestoneInput>)
    .max(MAX_MILESTONES, `추진 일정은 ${MAX_MILESTONES}개까지 입력할 수 있습니다.`)
    .optional()
    .transform((rows) => (rows ?? []).filter((r): r is z.infer<typeof MilestoneSchema> => r !== null))
    .refine((rows) => rows.length > 0, "추진 일정을 1개 이상 입력해 주세요."),
});

/** 임시저장: what is typed, bounded but not required (a date as the date field gave it, or empty). */
const DraftSchema = z.object({
  intent: z.literal("draft"),
  draftVersion,
  scope: fields.optionalText("수행 범위", 5000),
  staff: fields.optionalText("투입 인력", 2000),
  milestones: z
    .array(
      z.object({
        title: fields.optionalText("일정 내용", 200),
        dueOn: z.union([fields.isoDate("완료 예정일"), z.literal("")]).optional(),
        deliverable: fields.optionalText("산출물", 200),
      }),
    )
    .max(MAX_MILESTONES, `추진 일정은 ${MAX_MILESTONES}개까지 입력할 수 있습니다.`)
    .optional(),
});

const PlanSchema = z.discriminatedUnion("intent", [SubmitSchema, DraftSchema], { error: "임시저장 또는 제출 중 하나를 선택해 주세요." });

type DraftValue = z.output<typeof DraftSchema>;
const draftRows = (rows: DraftValue["milestones"]) =>
  (rows ?? [])
    .map((m) => ({ title: m.title ?? "", dueOn: m.dueOn ?? "", deliverable: m.deliverable ?? "" }))
    .filter((m) => m.title || m.dueOn || m.deliverable);

export const action = ticketStepAction({
  roles: ["supplier"],
  schema: PlanSchema,
  // the plan form comes with the draft or the submission (multipart, through the upload checks)
  uploads: "plan",
  run: ({ actor, ticketId, today, value, form }) =>
    withOptionalUpload<{ planVersion: number } | { draftVersion: number }>(
      singleUpload(form, PLAN_FORM_FIELD, "수행계획서 양식"),
      PLAN_FORM_RULE,
      (saved) =>
        value.intent === "draft"
          ? savePlanDraft(actor, {
              ticketId,
              draftVersion: value.draftVersion,
              scope: value.scope ?? "",
              staff: value.staff ?? "",
              milestones: draftRows(value.milestones),
              form: saved,
            })
          : submitPlan(actor, {
              ticketId,
              step: value.step,
              expectedVersion: value.version,
              draftVersion: value.draftVersion,
              scope: value.scope,
              staff: value.staff,
              milestones: value.milestones,
              acknowledgeLate: value.acknowledgeLate,
              today,
              form: saved,
            }),
    ),
  done: (saved) =>
    "planVersion" in saved
      ? `수행계획서 ${saved.planVersion}차를 제출했습니다. 운영기관의 검토를 기다립니다.`
      : "수행계획서를 임시저장했습니다. 제출 전까지 공급기업만 볼 수 있습니다.",
});

export default function PlanPage() {
  const page = useLoaderData<typeof loader>();
  const { today, canSubmit, role, plans, version, draft } = page;
  const latest = plans[0] ?? null;
  // the supplier's draft, when there is one, is what the form opens with; else the latest version
  const start = draft ?? latest;
  const base = start?.milestones ?? [];
  const review = page.costReviews[0];
  const {
    form,
    fields: f,
    props,
  } = useStepForm({
    id: "plan",
    schema: PlanSchema,
    version,
    reply: useActionData<typeof action>(),
    defaultValue: {
      scope: start?.scope ?? "",
      staff: start?.staff ?? "",
      milestones: [
        ...base.map((m) => ({ title: m.title, dueOn: m.dueOn, deliverable: m.deliverable })),
        ...Array.from({ length: Math.max(MIN_ROWS - base.length, 0) }, () => ({ title: "", dueOn: "", deliverable: "" })),
      ],
    },
  });
  // A form being filled in stays on the page when someone else submitted meanwhile (the live update
  // moves the state on): its save is then refused with the conflict message, what was typed kept.
  const [opened] = useState({ formId: form.id, step: page.step });
  const showForm = canSubmit || (role === "supplier" && opened.step !== null && opened.formId === form.id);
  const step = page.step ?? opened.step;
  const stateLabel = isTicketState(page.state) ? STATE_LABELS[page.state] : page.state;
  return (
    <>
      {page.selectionNoticeOn || (page.dueOn && page.step) ? (
        <dl className="facts card">
          {page.selectionNoticeOn ? (
            <>
              <dt>선정 통보일</dt>
              <dd>{formatKoreanDate(page.selectionNoticeOn)}</dd>
            </>
          ) : null}
          {page.dueOn && page.step ? (
            <>
              <dt>{page.state === "plan_revision" ? "수정 계획서 제출기한" : "수행계획서 제출기한"}</dt>
              <dd data-testid="plan-due">
                {formatKoreanDate(page.dueOn)}{" "}
                {page.dueDDay ? <span className={`badge ${page.dueStatus ? DUE_TONE[page.dueStatus] : ""}`}>{page.dueDDay.label}</span> : null}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}

      {page.state === "plan_revision" && (latest?.reviewNote || review?.planChangeRequired) ? (
        <section className="card" aria-labelledby="revision-h">
          <h2 id="revision-h" style={{ marginTop: 0 }}>
            보완 요청 내용
          </h2>
          {latest?.reviewStatus === "changes_requested" && latest.reviewNote ? (
            <p className="note-box" data-testid="review-note">
              운영기관 검토 의견: {latest.reviewNote}
            </p>
          ) : null}
          {review?.planChangeRequired ? (
            <p className="note-box">
              원가적정성 검토({formatKoreanDate(review.resultOn)}) 결과 수행계획서 변경이 필요합니다.
              {review.note ? ` ${review.note}` : ""}
            </p>
          ) : null}
        </section>
      ) : null}

      {showForm ? (
        <StepForm {...props} title="수행계획서 작성" encType="multipart/form-data">
          <h2 style={{ marginTop: 0 }}>{step === "resubmit_plan" ? "수정 수행계획서 작성" : "수행계획서 작성"}</h2>
          {page.lateIfSubmittedToday && page.dueOn ? (
            <div className="warn-box" role="alert" data-testid="late-warning">
              제출기한({formatKoreanDate(page.dueOn)})이 {page.dueDDay ? -page.dueDDay.days : 0}일 지났습니다. 지금 제출하면 &lsquo;기한 경과
              제출&rsquo;로 표시되며 운영기관이 이를 확인합니다.
            </div>
          ) : null}
          <input type="hidden" name="step" value={step ?? ""} />
          <input type="hidden" name="draftVersion" value={draft?.version ?? 0} />
          {draft ? (
            <p className="note-box" data-testid="plan-draft">
              임시저장한 수행계획서를 불러왔습니다 (저장 {formatKoreanDate(seoulDate(new Date(draft.updatedAt)))}). 제출 전까지 공급기업만 볼 수
              있습니다.
            </p>
          ) : null}
          <TextareaField meta={f.scope} label="수행 범위" rows={4} maxLength={5000} />
          <PlanMilestonesEditor form={form} milestones={f.milestones} maxRows={MAX_MILESTONES} />
          <TextareaField meta={f.staff} label="투입 인력" rows={3} maxLength={2000} placeholder="예: PM 1명(홍길동), 엔지니어 2명" />
          {page.lateIfSubmittedToday ? (
            <div className="field">
              <label className="checkline" htmlFor={f.acknowledgeLate.id}>
                <input
                  id={f.acknowledgeLate.id}
                  name={f.acknowledgeLate.name}
                  type="checkbox"
                  defaultChecked={f.acknowledgeLate.initialValue === "on"}
                />
                제출기한이 지났음을 확인했습니다 (기한 경과 제출)
              </label>
              <FieldError meta={f.acknowledgeLate} />
            </div>
          ) : null}
          <PlanFormField name={PLAN_FORM_FIELD} current={draft?.formFile ?? null} />
          <div className="button-row">
            <button type="submit" name="intent" value="draft" className="secondary" disabled={props.pending}>
              임시저장
            </button>
            <button type="submit" name="intent" value="submit" disabled={props.pending}>
              {step === "resubmit_plan" ? "수정 수행계획서 제출" : "수행계획서 제출"}
            </button>
          </div>
        </StepForm>
      ) : (
        <p className="muted card">
          {role === "supplier"
            ? `현재 단계(${stateLabel})에서는 수행계획서를 제출할 수 없습니다. 수행계획서는 지원결정 후, 또는 보완 요청을 받았을 때 제출합니다.`
            : "공급기업이 제출한 수행계획서입니다 (읽기 전용)."}
        </p>
      )}

      <PlanHistory plans={plans} />
      <p className="muted">오늘: {formatKoreanDate(today)}</p>
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
