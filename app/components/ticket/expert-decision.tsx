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
