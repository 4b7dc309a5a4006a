// The confirmation of a step that cannot be undone (ADR 028): what will happen, what was typed, and a
// form that posts the checked values again with `confirmed=yes` — a page section, not window.confirm,
// so it works without JavaScript. "사유 고치기" posts `confirmed=edit` and shows the form with the values.
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef, type ComponentProps, type ReactNode } from "react";
import { CONFIRMED_FIELD, type ConfirmReply } from "~/utils/confirm-reply";
import { STEP_FORM_FIELD } from "~/utils/step-reply";
import { StepForm, TextareaField } from "~/components/step-form";
import { Reasons } from "~/components/monitor/step";

/** The values to confirm when `reply` is the first post of the form `id`, else null. */
export function confirmationOf(reply: ConfirmReply | undefined, id: string): Record<string, string> | null {
  return reply && reply.form === id && reply.confirm ? reply.confirm : null;
}

export function ConfirmStep({
  id,
  values,
  title,
  confirmLabel,
  cancelTo,
  children,
}: {
  /** The step form's id (its STEP_FORM_FIELD): the confirmation posts as that form. */
  id: string;
  values: Record<string, string>;
  title: string;
  confirmLabel: string;
  /** Where "취소" goes (nothing is posted). */
  cancelTo: string;
  /** What will happen: the consequences, the reason as it will be recorded. */
  children: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  // a person who just asked for the step is taken to its confirmation (a screen reader reads it first)
  useEffect(() => ref.current?.focus(), []);
  return (
    <section ref={ref} tabIndex={-1} className="card danger-zone confirm-step" aria-labelledby={`${id}-confirm-h`} data-testid="confirm-step">
      <h2 id={`${id}-confirm-h`} style={{ marginTop: 0 }}>
        {title}
      </h2>
      {children}
      <Form method="post" className="button-row">
        <input type="hidden" name={STEP_FORM_FIELD} value={id} />
        {Object.entries(values).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" name={CONFIRMED_FIELD} value="yes" className="danger">
          {confirmLabel}
        </button>
        <button type="submit" name={CONFIRMED_FIELD} value="edit" className="secondary">
          사유 고치기
        </button>
        <Link className="button secondary" to={cancelTo}>
          취소
        </Link>
      </Form>
    </section>
  );
}

/** The reason as it will be recorded, quoted. */
export function QuotedReason({ label, reason }: { label: string; reason: string }) {
  return (
    <>
      <p style={{ marginBottom: 0 }}>
        <strong>{label}</strong>
      </p>
      <blockquote className="closing-reason-text" data-testid="confirm-reason">
        {reason}
      </blockquote>
    </>
  );
}

/**
 * The first step of a step that cannot be undone: its reason in a red-bordered card, and the button
 * that asks for the confirmation — disabled, with why, when the rules refuse the step. While the
 * confirmation shows, it is hidden, not unmounted, so what was typed is still there afterwards.
 */
export function ReasonForm({
  name,
  title,
  hidden,
  form,
  reason,
  label,
  hint,
  submitLabel,
  refusal,
  children,
}: {
  /** Names the heading (`${name}-h`, the danger zone's link target) and the reasons (`why-${name}`). */
  name: string;
  title: string;
  hidden: boolean;
  form: Omit<ComponentProps<typeof StepForm>, "children">;
  reason: ComponentProps<typeof TextareaField>["meta"];
  label: string;
  hint: string;
  submitLabel: string;
  refusal: string[] | null;
  /** Hidden inputs of the step (its intent). */
  children?: ReactNode;
}) {
  const why = `why-${name}`;
  return (
    <section className="card danger-zone" aria-labelledby={`${name}-h`} hidden={hidden}>
      <h2 id={`${name}-h`} style={{ marginTop: 0 }}>
        {title} (되돌릴 수 없음)
      </h2>
      <StepForm {...form} className="" title={title}>
        {children}
        <TextareaField meta={reason} label={label} hint={hint} rows={4} />
        <button type="submit" className="danger-outline" disabled={Boolean(refusal)} aria-describedby={refusal ? why : undefined}>
          {submitLabel}
        </button>
        {refusal ? (
          <div id={why}>
            <Reasons reasons={refusal} />
          </div>
        ) : null}
      </StepForm>
    </section>
  );
}
