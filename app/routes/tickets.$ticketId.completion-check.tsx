// 완료점검 and 사후관리: the monitor passes the completion check (or sends the ticket back with
// what to fix), starts the follow-up and records follow-up notes. Four forms on one page; the
// action tells them apart by their `intent` (one schema, a union).
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { addFollowUpNote, checkCompletion, getCompletionData, startFollowUp } from "~/models/monitor-steps.server";
import { UNKNOWN_INTENT, fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { Field, StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { Reasons, Section, refusalOf } from "~/components/monitor/step";
import { CompletionChecks, CompletionEvidence, CompletionGate } from "~/components/ticket/monitor-b-completion";
import { useTicketState } from "~/components/ticket/use-ticket-header";
import { formatKoreanDate } from "~/domain";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "완료점검" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const data = await getCompletionData(actor, ticketId, today);
  invariantResponse(data);
  return { today, ...data };
}

const PassSchema = z.object({ intent: z.literal("pass"), version: fields.version, findings: fields.optionalText("점검 의견", 2000) });
const FailSchema = z.object({ intent: z.literal("fail"), version: fields.version, findings: fields.text("보완 요구 사항", 2000) });
const FollowUpSchema = z.object({ intent: z.literal("follow_up"), version: fields.version });
const NoteSchema = z.object({
  intent: z.literal("note"),
  version: fields.version,
  note: fields.text("사후관리 내용", 2000),
  notedOn: fields.isoDate("기록일"),
});
const Schema = z.discriminatedUnion("intent", [PassSchema, FailSchema, FollowUpSchema, NoteSchema], UNKNOWN_INTENT);

const DONE = {
  pass: "완료점검을 통과했습니다.",
  fail: "보완을 요구하고 과제수행 단계로 되돌렸습니다.",
  follow_up: "사후관리를 시작했습니다.",
  note: "사후관리 기록을 저장했습니다.",
} as const;

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) => {
    const base = { ticketId, expectedVersion: value.version, today };
    switch (value.intent) {
      case "pass":
      case "fail":
        return checkCompletion(actor, { ...base, result: value.intent, findings: value.findings });
      case "follow_up":
        return startFollowUp(actor, base);
      case "note":
        return addFollowUpNote(actor, { ...base, note: value.note, notedOn: value.notedOn });
    }
  },
  done: (_result, { value }) => DONE[value.intent],
});

type Reply = ReturnType<typeof useActionData<typeof action>>;

export default function CompletionCheckPage() {
  const { today, gaps, logs, reports, checks, notes, actions, version } = useLoaderData<typeof loader>();
  const state = useTicketState();
  const reply = useActionData<typeof action>();
  // a refused form stays on screen (with what was typed and why) even when the step has moved on
  const refused = (id: string) => reply?.form === id;
  return (
    <>
      <CompletionGate gaps={gaps} />
      <CompletionEvidence logs={logs} reports={reports} />
      {state === "completion_check" || refused("completion-pass") || refused("completion-fail") ? (
        <CheckForms version={version} reply={reply} gapCount={gaps.length} />
      ) : null}
      <CompletionChecks checks={checks} />
      {state === "completed" || state === "follow_up" || refused("follow-up-start") || refused("follow-up-note") ? (
        <Section title="사후관리" id="follow-h">
          {state === "completed" || refused("follow-up-start") ? (
            <FollowUpStart version={version} reply={reply} refusal={refusalOf(actions, "start_follow_up")} />
          ) : null}
          {/* re-opened when the follow-up starts (the person's own step on this page) */}
          <FollowUpNote key={state} version={version} reply={reply} today={today} />
          {notes.length ? (
            <ul data-testid="follow-up-notes">
              {notes.map((n) => (
                <li key={n.id}>
                  {formatKoreanDate(n.notedOn)} · {n.note}
                </li>
              ))}
            </ul>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}

// Each form is its own component, mounted only while its step is possible: its version is pinned
// when it appears on the page.

function CheckForms({ version, reply, gapCount }: { version: number; reply: Reply; gapCount: number }) {
  const pass = useStepForm({ id: "completion-pass", schema: PassSchema, version, reply });
  const fail = useStepForm({ id: "completion-fail", schema: FailSchema, version, reply });
  return (
    <Section title="점검 결과" id="result-h">
      <div className="grid-2">
        <StepForm {...pass.props} className="" title="완료점검 통과">
          <input type="hidden" name={pass.fields.intent.name} value="pass" />
          <TextareaField meta={pass.fields.findings} label="점검 의견 (선택)" rows={3} />
          {/* refused while a check item is missing (listed above): disabled, with why (ADR 028) */}
          <p className="muted">통과하면 정산 단계로 넘어갑니다: 두 기업이 증빙을 올리고 도입기업이 실제 사업비를 제출합니다.</p>
          <button type="submit" disabled={gapCount > 0} aria-describedby={gapCount ? "why-pass" : undefined}>
            완료점검 통과(정산 시작)
          </button>
          {gapCount ? (
            <p className="muted" id="why-pass">
              점검 항목이 모두 갖추어져야 통과할 수 있습니다 (위의 미비 사항 {gapCount}건).
            </p>
          ) : null}
        </StepForm>
        <StepForm {...fail.props} className="" title="보완 요구">
          <input type="hidden" name={fail.fields.intent.name} value="fail" />
          <TextareaField meta={fail.fields.findings} label="보완 요구 사항" rows={3} />
          <button type="submit" className="secondary">
            보완 요구(과제수행으로 되돌림)
          </button>
        </StepForm>
      </div>
    </Section>
  );
}

function FollowUpStart({ version, reply, refusal }: { version: number; reply: Reply; refusal: string[] | null }) {
  const { fields: f, props } = useStepForm({ id: "follow-up-start", schema: FollowUpSchema, version, reply });
  return (
    <StepForm {...props} className="" title="사후관리 시작">
      <input type="hidden" name={f.intent.name} value="follow_up" />
      <button type="submit" disabled={Boolean(refusal)}>
        사후관리 시작
      </button>
      <Reasons reasons={refusal} />
    </StepForm>
  );
}

function FollowUpNote({ version, reply, today }: { version: number; reply: Reply; today: string }) {
  const { fields: f, props } = useStepForm({ id: "follow-up-note", schema: NoteSchema, version, reply, defaultValue: { notedOn: today } });
  return (
    <StepForm {...props} className="" title="사후관리 기록">
      <input type="hidden" name={f.intent.name} value="note" />
      <div className="grid-2" style={{ marginTop: "1rem" }}>
        <TextareaField meta={f.note} label="사후관리 내용" rows={3} />
        <Field meta={f.notedOn} label="기록일" type="date" />
      </div>
      <button type="submit" className="secondary">
        사후관리 기록 저장
      </button>
    </StepForm>
  );
}

export const ErrorBoundary = StepErrorBoundary;
