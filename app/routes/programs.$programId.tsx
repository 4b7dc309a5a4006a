// 사업 설정: the monitor edits the settings of one of their Technopark's programs (version-pinned
// form, like a ticket step) or starts a new program from its settings.
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import type { Actor } from "~/auth/actor";
import { requireActor } from "~/auth/session.server";
import { PARAM_LABELS, TP_TARGET_LABELS, bpToPercent, percentToBp, seoulDate, josa, formatKoreanDate } from "~/domain";
import { copyProgram, getProgram, programHistory, updateProgram } from "~/models/program-settings.server";
import { UNKNOWN_INTENT, fields } from "~/utils/fields";
import { readForm } from "~/utils/forms.server";
import type { StepReply } from "~/utils/step-reply";
import { formName, invariantResponse, parseStepForm, stepFailure } from "~/utils/ticket-step.server";
import { redirectWithToast } from "~/utils/toast.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgramFormLinks } from "~/components/form-template-link";
import { Field, StepForm, moneyDefault, useStepForm } from "~/components/step-form";
import { ProgramSettingsFields, TP_TARGET_KEYS } from "~/components/program-settings-fields";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.program.name} · ` : ""}사업 설정 · 스마트공장 AS 트래커` },
];

const NOT_FOUND = "사업을 찾을 수 없습니다.";

/**
 * Program settings send no live events: after a conflict the page loads the settings again, so
 * the person sees what the other officer saved (what they typed stays in the form) and a second
 * save is a deliberate one.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  (actionResult as StepReply | undefined)?.conflict ? true : defaultShouldRevalidate;

/** The signed-in monitor and their own program of the URL (anything else is the same 404). */
async function ownProgram(request: Request, params: Record<string, string | undefined>): Promise<{ actor: Actor; programId: string }> {
  const actor = await requireActor(request);
  invariantResponse(actor.role === "monitor", "페이지를 찾을 수 없습니다.");
  const id = z.string().min(1).max(64).safeParse(params.programId);
  invariantResponse(id.success && (await getProgram(actor, id.data)), NOT_FOUND);
  return { actor, programId: id.data };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, programId } = await ownProgram(request, params);
  const [program, history] = await Promise.all([getProgram(actor, programId), programHistory(actor, programId)]);
  invariantResponse(program, NOT_FOUND);
  return { program, history, today: seoulDate(new Date()) };
}

const int = (label: string, min = 0, max = 1_000_000) =>
  z
    .string({ error: `${josa(label, "을", "를")} 입력해 주세요.` })
    .trim()
    .transform((v) => v.replace(/[,\s]/g, ""))
    .pipe(
      z
        .string()
        .regex(/^-?\d+$/, `${josa(label, "은", "는")} 정수로 입력해 주세요.`)
        .transform(Number)
        .pipe(
          z
            .number()
            .int()
            .min(min, `${josa(label, "은", "는")} ${min} 이상이어야 합니다.`)
            .max(max, `${josa(label, "이", "가")} 너무 큽니다.`),
        ),
    );

/** A service target in whole days, 1 … 90 (ADR 027). */
const targetDays = (label: string) => {
  const range = `${josa(label, "은", "는")} 1일에서 90일 사이의 정수로 입력해 주세요.`;
  return z
    .string({ error: `${josa(label, "을", "를")} 입력해 주세요.` })
    .trim()
    .min(1, `${josa(label, "을", "를")} 입력해 주세요.`)
    .regex(/^\d{1,3}$/, range)
    .transform(Number)
    .pipe(z.number().int().min(1, range).max(90, range));
};

/** A percentage as typed ("50", "50.5 %") → basis points (5000, 5050), 0 … 100 %. */
const percent = (label: string) =>
  z
    .string({ error: `${josa(label, "을", "를")} 입력해 주세요.` })
    .trim()
    .min(1, `${josa(label, "을", "를")} 입력해 주세요.`)
    .transform((v, ctx) => {
      const bp = percentToBp(v);
      if (bp !== null && bp <= 10000) return bp;
      ctx.addIssue({
        code: "custom",
        message: `${josa(label, "은", "는")} 0에서 100 사이의 백분율로 입력해 주세요 (소수점 둘째 자리까지, 예: 50 또는 50.5).`,
      });
      return z.NEVER;
    });

const UpdateSchema = z.object({
  intent: z.literal("update"),
  version: fields.version,
  name: fields.text("사업명", 200),
  year: int("사업 연도", 2000, 2100),
  noticeNumber: fields.text("공고번호", 100),
  subsidyRate: percent(PARAM_LABELS.subsidyRateBp),
  subsidyCap: fields.money(PARAM_LABELS.subsidyCap),
  subsidyBudget: fields.money(PARAM_LABELS.subsidyBudget),
  capacity: int(PARAM_LABELS.capacity, 0, 100_000),
  baseMonths: int(PARAM_LABELS.baseMonths, 1, 60),
  maxExtensionMonths: int(PARAM_LABELS.maxExtensionMonths, 0, 60),
  planDueDays: int(PARAM_LABELS.planDueDays, 0, 365),
  revisionDueDays: int(PARAM_LABELS.revisionDueDays, 0, 365),
  passMark: int(PARAM_LABELS.passMark, 0, 105),
  documentValidityMonths: int(PARAM_LABELS.documentValidityMonths, 1, 60),
  region: fields.text(PARAM_LABELS.region, 20),
  localProgramSinceYear: int(PARAM_LABELS.localProgramSinceYear, 2000, 2100),
  // the Technopark's own service targets (ADR 027)
  reviewTargetDays: targetDays(TP_TARGET_LABELS.reviewTargetDays),
  evaluationTargetDays: targetDays(TP_TARGET_LABELS.evaluationTargetDays),
  planReviewTargetDays: targetDays(TP_TARGET_LABELS.planReviewTargetDays),
  paymentTargetDays: targetDays(TP_TARGET_LABELS.paymentTargetDays),
  completionCheckTargetDays: targetDays(TP_TARGET_LABELS.completionCheckTargetDays),
  intakeOpensOn: fields.isoDate("접수 시작일"),
  intakeClosesOn: z
    .union([z.literal(""), fields.isoDate("접수 마감일")])
    .optional()
    .transform((v) => (v ? v : null)),
});

const CopySchema = z.object({
  intent: z.literal("copy"),
  newName: fields.text("새 사업명", 200),
  newYear: int("새 사업 연도", 2000, 2100),
  newNoticeNumber: fields.text("새 공고번호", 100),
  newIntakeOpensOn: fields.isoDate("새 사업 접수 시작일"),
});

const Schema = z.discriminatedUnion("intent", [UpdateSchema, CopySchema], UNKNOWN_INTENT);

export async function action({ request, params }: ActionFunctionArgs) {
  // another Technopark's program is "not found" before the form is read
  const { actor, programId } = await ownProgram(request, params);
  const form = await readForm(request);
  const name = formName(form);
  const submission = parseStepForm(form, Schema);
  if (submission.status !== "success")
    return data<StepReply>({ result: submission.reply(), form: name }, { status: submission.status === "error" ? 400 : 200 });
  const value = submission.value;
  try {
    if (value.intent === "copy") {
      const created = await copyProgram(actor, programId, {
        name: value.newName,
        year: value.newYear,
        noticeNumber: value.newNoticeNumber,
        intakeOpensOn: value.newIntakeOpensOn,
      });
      return await redirectWithToast(`/programs/${created.id}`, "새 사업을 만들었습니다. 설정값을 확인하세요.");
    }
    const { intent: _intent, version, subsidyRate, ...input } = value;
    await updateProgram(actor, programId, version, { ...input, subsidyRateBp: subsidyRate });
    return await redirectWithToast(new URL(request.url).pathname, "사업 설정을 저장했습니다.");
  } catch (error) {
    return stepFailure(submission, error, name);
  }
}

const COUNTS = [
  "year",
  "capacity",
  "baseMonths",
  "maxExtensionMonths",
  "planDueDays",
  "revisionDueDays",
  "passMark",
  "documentValidityMonths",
  "localProgramSinceYear",
  ...TP_TARGET_KEYS,
] as const;

type Program = ReturnType<typeof useLoaderData<typeof loader>>["program"];

function SettingsForm({ program }: { program: Program }) {
  const { fields: f, props } = useStepForm({
    id: "program-settings",
    schema: UpdateSchema,
    version: program.version,
    reply: useActionData<typeof action>(),
    defaultValue: {
      name: program.name,
      noticeNumber: program.noticeNumber,
      region: program.region,
      intakeOpensOn: program.intakeOpensOn,
      intakeClosesOn: program.intakeClosesOn ?? "",
      subsidyRate: bpToPercent(program.subsidyRateBp),
      subsidyCap: moneyDefault(program.subsidyCap),
      subsidyBudget: moneyDefault(program.subsidyBudget),
      ...Object.fromEntries(COUNTS.map((k) => [k, String(program[k])])),
    },
  });
  return (
    <StepForm {...props} title="사업 설정값">
      <h2 style={{ marginTop: 0 }}>사업 설정값</h2>
      <input type="hidden" name={f.intent.name} value="update" />
      <ProgramSettingsFields fields={f} savedRateBp={program.subsidyRateBp} />
      <button type="submit">설정 저장</button>
    </StepForm>
  );
}

function CopyForm({ year, today }: { year: number; today: string }) {
  const { fields: f, props } = useStepForm({
    id: "program-copy",
    schema: CopySchema,
    reply: useActionData<typeof action>(),
    defaultValue: { newYear: String(year + 1), newIntakeOpensOn: today },
  });
  return (
    <StepForm {...props} title="새 사업 만들기">
      <h2 style={{ marginTop: 0 }}>새 사업 만들기 (이 사업의 설정 복사)</h2>
      <input type="hidden" name={f.intent.name} value="copy" />
      <div className="grid-2">
        <Field meta={f.newName} label="새 사업명" />
        <Field meta={f.newNoticeNumber} label="새 공고번호" />
        <Field meta={f.newYear} label="새 사업 연도" inputMode="numeric" />
        <Field meta={f.newIntakeOpensOn} label="새 사업 접수 시작일" type="date" />
      </div>
      <button type="submit" className="secondary">
        새 사업 만들기
      </button>
    </StepForm>
  );
}

export default function ProgramSettings() {
  const { program, history, today } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to="/programs">← 사업 목록</Link>
      </p>
      <h1>{program.name}</h1>
      <ProgramFormLinks programId={program.id} />
      {/* a new program (after a copy) is a new form, opened on its own values and version */}
      <SettingsForm key={program.id} program={program} />
      <CopyForm key={`copy-${program.id}`} year={program.year} today={today} />
      {history.length ? (
        <section className="card" aria-labelledby="hist-h">
          <h2 id="hist-h" style={{ marginTop: 0 }}>
            변경 이력
          </h2>
          <ul className="timeline">
            {history.map((h) => (
              <li key={h.seq}>
                <span>{h.summary}</span>
                <span className="when">
                  {formatKoreanDate(seoulDate(new Date(h.createdAt)))}
                  {h.actor ? ` · ${h.actor.name}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary back={{ to: "/programs", label: "사업 목록으로" }} level={1} />;
}
