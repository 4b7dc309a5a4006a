// 외부전문가 (TP only; anyone else: the 404 of a foreign ticket; ADR 029): the Technopark assigns the external
// evaluator (요건검토·현장평가) and the cost-accounting agency (지원결정 … 수행계획 보완) of this ticket, names the
// person when it wants to, re-assigns (the previous assignment ends) or unassigns; the page shows each
// assignment's 이해충돌 declaration and the ended ones with why they ended.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROLE_LABELS, STATE_LABELS, formatKoreanDate, isTicketState, seoulDate, type ExpertRole, josa } from "~/domain";
import { EXPERT_TASKS, isAssignableState } from "~/domain/expert-access";
import { assignExpert, expertPanel, unassignExpert } from "~/models/assignment.server";
import { fields } from "~/utils/fields";
import { STEP_FORM_FIELD } from "~/utils/step-reply";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FieldError, StepForm, useStepForm } from "~/components/step-form";
import { Section } from "~/components/monitor/step";

export const handle = { step: "외부전문가" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const panel = await expertPanel(actor, ticketId);
  invariantResponse(panel);
  return panel;
}

const PICK_AGAIN = "목록에서 다시 골라 주세요.";
const AssignSchema = z.object({
  intent: z.literal("assign"),
  version: fields.version,
  role: z.enum(["evaluator", "cost_agency"], { error: PICK_AGAIN }),
  organizationId: z.string({ error: "배정할 기관을 골라 주세요." }).trim().min(1, "배정할 기관을 골라 주세요.").max(64, PICK_AGAIN),
  userId: z
    .string()
    .trim()
    .max(64, PICK_AGAIN)
    .optional()
    .transform((v) => (v ? v : null)),
});
const UnassignSchema = z.object({ intent: z.literal("unassign"), version: fields.version, assignmentId: fields.id });
const Schema = z.discriminatedUnion("intent", [AssignSchema, UnassignSchema], { error: "이 화면에서 할 수 없는 작업입니다." });

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
  run: ({ actor, ticketId, value }) =>
    value.intent === "assign"
      ? assignExpert(actor, {
          ticketId,
          expectedVersion: value.version,
          role: value.role,
          organizationId: value.organizationId,
          userId: value.userId,
        })
      : unassignExpert(actor, { ticketId, expectedVersion: value.version, assignmentId: value.assignmentId }),
  done: (_r, { value }) =>
    value.intent === "assign" ? `${josa(ROLE_LABELS[value.role], "을", "를")} 배정했습니다. 담당 기관에 알렸습니다.` : "배정을 해제했습니다.",
});

type Panel = ReturnType<typeof useLoaderData<typeof loader>>;
type Assignment = Panel["assignments"][number];

const END_REASONS: Record<string, string> = { step_closed: "단계 종료", unassigned: "배정 해제", ticket_closed: "과제 종료" };

function dateOf(at: string | Date): string {
  return formatKoreanDate(seoulDate(new Date(at)));
}

function Declaration({ a }: { a: Assignment }) {
  if (a.conflictDeclaredAt) return <>이해충돌 없음 확인 {dateOf(a.conflictDeclaredAt)}</>;
  return <>이해충돌 확인 전</>;
}

function OpenAssignment({ a, version }: { a: Assignment; version: number }) {
  return (
    <div data-assignment={a.role}>
      <p>
        <strong>{a.organizationName}</strong>
        {a.personName ? ` (${a.personName})` : ""} · 배정 {dateOf(a.assignedAt)} · <Declaration a={a} />
      </p>
      {a.conflictStatement ? <blockquote className="muted">{a.conflictStatement}</blockquote> : null}
      <Form method="post">
        <input type="hidden" name={STEP_FORM_FIELD} value="unassign" />
        <input type="hidden" name="intent" value="unassign" />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="assignmentId" value={a.id} />
        <button type="submit" className="secondary">
          배정 해제
        </button>
      </Form>
    </div>
  );
}

function AssignForm({ expertRole: role, panel }: { expertRole: ExpertRole; panel: Panel }) {
  const reply = useActionData<typeof action>();
  const { fields: f, props } = useStepForm({ id: `assign-${role}`, schema: AssignSchema, reply, version: panel.ticket.version });
  const candidates = panel.candidates.filter((c) => c.kind === role);
  if (candidates.length === 0)
    return <p className="muted">등록된 {josa(ROLE_LABELS[role], "이", "가")} 없습니다. 기관 관리에서 먼저 등록해 주세요.</p>;
  return (
    <StepForm {...props} className="" title={`${ROLE_LABELS[role]} 배정`}>
      <input type="hidden" name="intent" value="assign" />
      <input type="hidden" name="role" value={role} />
      <div className="grid-2">
        <div className="field">
          <label htmlFor={f.organizationId.id}>{ROLE_LABELS[role]}</label>
          <select
            id={f.organizationId.id}
            name={f.organizationId.name}
            defaultValue=""
            aria-invalid={f.organizationId.errors ? true : undefined}
          >
            <option value="">선택하세요</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError meta={f.organizationId} />
        </div>
        <div className="field">
          <label htmlFor={f.userId.id}>담당자 (선택)</label>
          <select id={f.userId.id} name={f.userId.name} defaultValue="">
            <option value="">지정하지 않음</option>
            {candidates.map((c) => (
              <optgroup key={c.id} label={c.name}>
                {c.users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <FieldError meta={f.userId} />
        </div>
      </div>
      <button type="submit" disabled={props.pending}>
        배정하기
      </button>
    </StepForm>
  );
}

function RoleSection({ expertRole: role, panel }: { expertRole: ExpertRole; panel: Panel }) {
  const open = panel.assignments.find((a) => a.role === role && !a.endedAt);
  const ended = panel.assignments.filter((a) => a.role === role && a.endedAt);
  const assignable = isAssignableState(role, panel.ticket.state);
  return (
    <Section title={`${ROLE_LABELS[role]} (${EXPERT_TASKS[role]})`} id={`experts-${role}`}>
      {open ? <OpenAssignment a={open} version={panel.ticket.version} /> : <p>배정된 {josa(ROLE_LABELS[role], "이", "가")} 없습니다.</p>}
      {assignable ? (
        <AssignForm expertRole={role} panel={panel} />
      ) : (
        <p className="muted">
          현재 단계({isTicketState(panel.ticket.state) ? STATE_LABELS[panel.ticket.state] : panel.ticket.state})에서는{" "}
          {josa(ROLE_LABELS[role], "을", "를")}
          배정할 수 없습니다.
        </p>
      )}
      {ended.length ? (
        <details>
          <summary>지난 배정 {ended.length}건</summary>
          <ul>
            {ended.map((a) => (
              <li key={a.id}>
                {a.organizationName}
                {a.personName ? ` (${a.personName})` : ""} · {dateOf(a.assignedAt)} ~ {a.endedAt ? dateOf(a.endedAt) : ""} ·{" "}
                {END_REASONS[a.endReason ?? ""] ?? a.endReason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Section>
  );
}

export default function ExpertsPage() {
  const panel = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const unassignRefused = reply?.form === "unassign" ? reply : undefined;
  return (
    <>
      {unassignRefused ? (
        <ErrorSummary errors={Object.values(unassignRefused.result.error ?? {}).flatMap((e) => e ?? [])} reply={unassignRefused} />
      ) : null}
      <RoleSection expertRole="evaluator" panel={panel} />
      <RoleSection expertRole="cost_agency" panel={panel} />
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
