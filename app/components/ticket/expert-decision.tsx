// The Technopark's decision on what an expert submitted (ADR 030), on the evaluation and the cost-review
// pages: confirm it (it counts from now on, and the expert's step and access end) or send it back with a
// reason (the expert corrects it and submits again). Two step forms, each with its `intent`.
import type { ComponentProps, ReactNode } from "react";
import { StepForm, TextareaField } from "~/components/step-form";
import { Reasons } from "~/components/monitor/step";

type FormProps = Omit<ComponentProps<typeof StepForm>, "children">;

export function ExpertDecision({
  id,
  title,
  confirm,
  back,
  children,
}: {
  /** Names the heading (`${id}-h`). */
  id: string;
  title: string;
  confirm: { form: FormProps; label: string; hint: string; refusal: string[] | null };
  back: { form: FormProps; label: string; reason: ComponentProps<typeof TextareaField>["meta"]; refusal: string[] | null };
  /** What was submitted, as the TP decides on it. */
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="expert-decision">
      <h2 id={`${id}-h`} style={{ marginTop: 0 }}>
        {title}
      </h2>
      {children}
      <div className="grid-2">
        <StepForm {...confirm.form} className="" title={confirm.label}>
          <input type="hidden" name="intent" value="confirm" />
          <p className="muted">{confirm.hint}</p>
          <button type="submit" disabled={Boolean(confirm.refusal) || confirm.form.pending}>
            {confirm.label}
          </button>
          <Reasons reasons={confirm.refusal} />
        </StepForm>
        <StepForm {...back.form} className="" title={back.label}>
          <input type="hidden" name="intent" value="return" />
          <TextareaField meta={back.reason} label="보완 요청 사유" hint="전문가에게 그대로 보입니다. 1,000자 이내." rows={3} />
          <button type="submit" className="secondary" disabled={Boolean(back.refusal) || back.form.pending}>
            {back.label}
          </button>
          <Reasons reasons={back.refusal} />
        </StepForm>
      </div>
    </section>
  );
}

/** Who the TP assigned (`expert`: person · organisation, or null), where the result stands, the TP's latest return and the notice's clause. */
export function ExpertStatus({
  id,
  title,
  expert,
  unassigned,
  statusLabel,
  status,
  returned,
  clause,
  testIds,
}: {
  id: string;
  title: string;
  expert: { organization: string; person?: string | null; open: boolean } | null;
  /** What stands when nobody is assigned (the TP may enter the result itself). */
  unassigned: string;
  statusLabel: string;
  status: string;
  /** The reason of the TP's latest sending back, while the expert corrects it. */
  returned: string | null;
  clause: string;
  testIds: { assigned: string; status: string; returned: string };
}) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} style={{ marginTop: 0 }}>
        {title}
      </h2>
      <dl className="facts">
        <dt>배정</dt>
        <dd data-testid={testIds.assigned}>
          {expert ? `${expert.person ? `${expert.person} · ` : ""}${expert.organization}${expert.open ? "" : " (배정 종료)"}` : unassigned}
        </dd>
        <dt>{statusLabel}</dt>
        <dd data-testid={testIds.status}>{status}</dd>
      </dl>
      {returned !== null ? (
        <p className="warn-box" data-testid={testIds.returned}>
          운영기관의 보완 요청: {returned}
        </p>
      ) : null}
      <p className="muted" style={{ marginBottom: 0 }}>
        {clause}
      </p>
    </section>
  );
}
