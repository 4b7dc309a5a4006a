import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { PARAM_LABELS, formatKRW, formatRateBp, seoulDate } from "~/domain";
import { done } from "~/utils/monitor-route.server";
import { copyProgram, getProgram, programHistory, updateProgram } from "~/models/program-settings.server";
import { badRequest, failureResponse, fields, parseForm, readForm } from "~/utils/forms.server";
import { FieldError, StepMessage, typed, type StepResult, useStepResult } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "사업 설정 · 스마트공장 AS 트래커" }];

async function monitor(request: Request) {
  const actor = await requireActor(request);
  if (actor.role !== "monitor") throw new Response("페이지를 찾을 수 없습니다.", { status: 404 });
  return actor;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await monitor(request);
  const id = z.string().min(1).max(64).safeParse(params.programId);
  const program = id.success ? await getProgram(actor, id.data) : null;
  if (!program) throw new Response("사업을 찾을 수 없습니다.", { status: 404 });
  const history = await programHistory(actor, program.id);
  return { program, history, today: seoulDate(new Date()) };
}

const int = (label: string, min = 0, max = 1_000_000) =>
  z
    .string({ error: `${label}을(를) 입력해 주세요.` })
    .trim()
    .transform((v) => v.replace(/[,\s]/g, ""))
    .pipe(z.string().regex(/^-?\d+$/, `${label}은(는) 정수로 입력해 주세요.`).transform(Number).pipe(z.number().int().min(min, `${label}은(는) ${min} 이상이어야 합니다.`).max(max, `${label}이(가) 너무 큽니다.`)));

const UpdateSchema = z.object({
  intent: z.literal("update"),
  version: fields.version,
  name: fields.text("사업명", 200),
  year: int("사업 연도", 2000, 2100),
  noticeNumber: fields.text("공고번호", 100),
  subsidyRateBp: int(PARAM_LABELS.subsidyRateBp, 0, 10000),
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
  intakeOpensOn: fields.isoDate("접수 시작일"),
  intakeClosesOn: z.union([z.literal(""), fields.isoDate("접수 마감일")]).optional().transform((v) => (v ? v : null)),
});

const CopySchema = z.object({
  intent: z.literal("copy"),
  newName: fields.text("새 사업명", 200),
  newYear: int("새 사업 연도", 2000, 2100),
  newNoticeNumber: fields.text("새 공고번호", 100),
  newIntakeOpensOn: fields.isoDate("새 사업 접수 시작일"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await monitor(request);
  const programId = z.string().min(1).max(64).safeParse(params.programId);
  if (!programId.success) throw new Response("사업을 찾을 수 없습니다.", { status: 404 });
  // another Technopark's program is "not found" before the form is read
  if (!(await getProgram(actor, programId.data))) throw new Response("사업을 찾을 수 없습니다.", { status: 404 });
  const form = await readForm(request);
  try {
    if (form.get("intent") === "copy") {
      const parsed = parseForm(CopySchema, form);
      if (!parsed.success) return badRequest(parsed.failure);
      const d = parsed.data;
      const created = await copyProgram(actor, programId.data, { name: d.newName, year: d.newYear, noticeNumber: d.newNoticeNumber, intakeOpensOn: d.newIntakeOpensOn });
      return redirect(`/programs/${created.id}?done=program_created`);
    }
    const parsed = parseForm(UpdateSchema, form);
    if (!parsed.success) return badRequest(parsed.failure);
    const { intent: _i, version, ...input } = parsed.data;
    await updateProgram(actor, programId.data, version, input);
    return done(request, "program_saved");
  } catch (error) {
    if (error instanceof Error && error.name === "NotFoundError") throw new Response("사업을 찾을 수 없습니다.", { status: 404 });
    return failureResponse(error, form);
  }
}

type NumKey = "subsidyRateBp" | "subsidyCap" | "subsidyBudget" | "capacity" | "baseMonths" | "maxExtensionMonths" | "planDueDays" | "revisionDueDays" | "passMark" | "documentValidityMonths" | "localProgramSinceYear";
const NUMBER_FIELDS: { key: NumKey; hint?: (v: number) => string }[] = [
  { key: "subsidyRateBp", hint: (v) => `bp 단위: 5000 = 50% (현재 ${formatRateBp(v)})` },
  { key: "subsidyCap", hint: (v) => formatKRW(v) },
  { key: "subsidyBudget", hint: (v) => formatKRW(v) },
  { key: "capacity" },
  { key: "baseMonths" },
  { key: "maxExtensionMonths" },
  { key: "planDueDays" },
  { key: "revisionDueDays" },
  { key: "passMark" },
  { key: "documentValidityMonths" },
  { key: "localProgramSinceYear" },
];

export default function ProgramSettings() {
  const { program, history, today } = useLoaderData<typeof loader>();
  const result = useStepResult(useActionData<typeof action>());
  const copying = result && !result.ok && result.values?.intent === "copy";
  const updateResult = copying ? undefined : result;
  const copyResult = copying ? result : undefined;
  return (
    <>
      <p className="muted">
        <Link to="/programs">← 사업 목록</Link>
      </p>
      <h1>{program.name}</h1>
      <StepMessage result={updateResult} />
      <Form method="post" className="card" aria-labelledby="settings-h">
        <h2 id="settings-h" style={{ marginTop: 0 }}>
          사업 설정값
        </h2>
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="version" value={program.version} />
        <div className="grid-2">
          <div className="field">
            <label htmlFor="name">사업명</label>
            <input id="name" name="name" defaultValue={typed(updateResult, "name", program.name)} />
            <FieldError result={updateResult} name="name" />
          </div>
          <div className="field">
            <label htmlFor="noticeNumber">공고번호</label>
            <input id="noticeNumber" name="noticeNumber" defaultValue={typed(updateResult, "noticeNumber", program.noticeNumber)} />
            <FieldError result={updateResult} name="noticeNumber" />
          </div>
          <div className="field">
            <label htmlFor="year">사업 연도</label>
            <input id="year" name="year" inputMode="numeric" defaultValue={typed(updateResult, "year", program.year)} />
            <FieldError result={updateResult} name="year" />
          </div>
          <div className="field">
            <label htmlFor="region">{PARAM_LABELS.region}</label>
            <input id="region" name="region" defaultValue={typed(updateResult, "region", program.region)} />
            <FieldError result={updateResult} name="region" />
          </div>
          {NUMBER_FIELDS.map(({ key, hint }) => (
            <div className="field" key={key}>
              <label htmlFor={key}>{PARAM_LABELS[key]}</label>
              <input id={key} name={key} inputMode="numeric" defaultValue={typed(updateResult, key, program[key])} aria-describedby={hint ? `${key}-hint` : undefined} />
              {hint ? (
                <p className="muted" id={`${key}-hint`} style={{ margin: "0.2rem 0 0", fontSize: "0.85rem" }}>
                  {hint(program[key])}
                </p>
              ) : null}
              <FieldError result={updateResult} name={key} />
            </div>
          ))}
          <div className="field">
            <label htmlFor="intakeOpensOn">접수 시작일</label>
            <input id="intakeOpensOn" name="intakeOpensOn" type="date" defaultValue={typed(updateResult, "intakeOpensOn", program.intakeOpensOn)} />
            <FieldError result={updateResult} name="intakeOpensOn" />
          </div>
          <div className="field">
            <label htmlFor="intakeClosesOn">접수 마감일 (비우면 예산 소진 시까지)</label>
            <input id="intakeClosesOn" name="intakeClosesOn" type="date" defaultValue={typed(updateResult, "intakeClosesOn", program.intakeClosesOn)} />
            <FieldError result={updateResult} name="intakeClosesOn" />
          </div>
        </div>
        <button type="submit">설정 저장</button>
      </Form>

      <Form method="post" className="card" aria-labelledby="copy-h">
        <h2 id="copy-h" style={{ marginTop: 0 }}>
          새 사업 만들기 (이 사업의 설정 복사)
        </h2>
        <StepMessage result={copyResult} />
        <input type="hidden" name="intent" value="copy" />
        <div className="grid-2">
          <div className="field">
            <label htmlFor="newName">새 사업명</label>
            <input id="newName" name="newName" defaultValue={typed(copyResult, "newName")} />
            <FieldError result={copyResult} name="newName" />
          </div>
          <div className="field">
            <label htmlFor="newNoticeNumber">새 공고번호</label>
            <input id="newNoticeNumber" name="newNoticeNumber" defaultValue={typed(copyResult, "newNoticeNumber")} />
            <FieldError result={copyResult} name="newNoticeNumber" />
          </div>
          <div className="field">
            <label htmlFor="newYear">새 사업 연도</label>
            <input id="newYear" name="newYear" inputMode="numeric" defaultValue={typed(copyResult, "newYear", program.year + 1)} />
            <FieldError result={copyResult} name="newYear" />
          </div>
          <div className="field">
            <label htmlFor="newIntakeOpensOn">새 사업 접수 시작일</label>
            <input id="newIntakeOpensOn" name="newIntakeOpensOn" type="date" defaultValue={typed(copyResult, "newIntakeOpensOn", today)} />
            <FieldError result={copyResult} name="newIntakeOpensOn" />
          </div>
        </div>
        <button type="submit" className="secondary">
          새 사업 만들기
        </button>
      </Form>

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
                  {seoulDate(new Date(h.createdAt))}
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
