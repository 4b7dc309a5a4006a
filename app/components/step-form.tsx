// The form side of a ticket step (server side: app/utils/ticket-step.server.ts).
//
//   const reply = useActionData<typeof action>();
//   const { form, fields, props } = useStepForm({ id: "cost-review", schema, version: ticket.version, reply, defaultValue });
//   <StepForm {...props}> <MoneyField meta={fields.verifiedAmount} label="원가검증금액 (원)" /> … </StepForm>
//
// What it guarantees, so that no page has to remember it:
// - the ticket version is pinned when the form is OPENED: a live update that refreshes the page's
//   data never moves it, so a save on a stale page is refused with the conflict message instead of
//   overwriting someone else's change; after the person's own save (or after they were told of a
//   conflict) the form is re-opened on what the page now shows;
// - what was typed survives every refusal (Conform keeps the inputs; without JavaScript the server
//   sends the values back);
// - every invalid field is marked at once (the same zod schema runs in the browser on submit), the
//   first invalid field or the error summary gets the focus and is scrolled into view;
// - repeated rows use Conform's list intents, which are plain submit buttons without JavaScript.
import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type ComponentProps, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";
import { STEP_FORM_FIELD, type StepReply } from "~/utils/step-reply";

/** The values a form opens with, by field name (strings as an input would hold them). */
type DefaultValue<S extends z.ZodType> = Parameters<typeof useForm<FormShape<S>>>[0]["defaultValue"];
type FormShape<S extends z.ZodType> = z.input<S> extends Record<string, unknown> ? z.input<S> : Record<string, unknown>;

export type StepFormOptions<S extends z.ZodType> = {
  /** Names the form on the page (and its submissions); unique per page. */
  id: string;
  schema: S;
  /** The ticket (or record) version the form is built on; pinned when the form opens. */
  version?: number;
  /** useActionData() of the route. */
  reply: StepReply | undefined;
  defaultValue?: DefaultValue<S>;
  /** Validate in the browser too (default): every invalid field is marked at once on submit. */
  validateInBrowser?: boolean;
};

/** A reply that belongs to the form `id` (a page may carry several step forms). */
function replyFor(reply: StepReply | undefined, id: string): StepReply | undefined {
  return reply && reply.form === id ? reply : undefined;
}

export function useStepForm<S extends z.ZodType>(options: StepFormOptions<S>) {
  const { id, schema, version, defaultValue, validateInBrowser = true } = options;
  const reply = replyFor(options.reply, id);
  const navigation = useNavigation();
  // Re-opened after the person's own successful save: a new Conform form with the page's data.
  const [generation, setGeneration] = useState(0);
  const [pinned, setPinnedState] = useState(version);
  const pinnedRef = useRef(version);
  pinnedRef.current = pinned;
  // Only a real change re-renders: a same-value setState may still run this component without
  // its children, which would make Conform lose track of the fields it must re-render on errors.
  const setPinned = (next: number | undefined) => {
    if (next !== pinnedRef.current) setPinnedState(next);
  };
  const latestVersion = useRef(version);
  latestVersion.current = version;
  // the submission under way on this page: this form's, or another form's of the same person
  const submission = useRef<"ours" | "other" | null>(null);
  const ours = navigation.formData?.get(STEP_FORM_FIELD) === id;
  const lastReply = useRef(options.reply);
  lastReply.current = options.reply;
  useEffect(() => {
    if (navigation.state !== "idle") {
      const posting = (navigation.formMethod ?? "GET").toUpperCase() !== "GET";
      if (posting) submission.current = ours ? "ours" : (submission.current ?? "other");
      return;
    }
    const which = submission.current;
    if (!which) return;
    submission.current = null;
    const last = lastReply.current;
    const mine = replyFor(last, id);
    if (which === "ours" && !mine) {
      // saved (the action redirected): open the form again on the new data and version
      setPinned(latestVersion.current);
      setGeneration((g) => g + 1);
    } else if (which === "ours" && mine?.conflict) {
      // told of the other change: what is typed stays, a second save is a deliberate one
      setPinned(latestVersion.current);
    } else if (which === "other" && !last) {
      // the person's own save of another form on this page is not someone else's change:
      // this form keeps what is typed and builds on the version the page now shows
      setPinned(latestVersion.current);
    }
  }, [navigation.state, navigation.formMethod, ours, id]);

  const [form, fields] = useForm<FormShape<S>, z.output<S>>({
    id: `${id}-${generation}`,
    lastResult: reply?.result,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: validateInBrowser ? ({ formData }) => parseWithZod(formData, { schema, disableAutoCoercion: true }) : undefined,
  });
  const props: StepFormProps = { form, name: id, version: pinned, reply, pending: navigation.state === "submitting" && ours };
  return { form, fields, props, reply };
}

type StepFormProps = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form's metadata
  form: FormMetadata<any, string[]>;
  name: string;
  version: number | undefined;
  reply: StepReply | undefined;
  pending: boolean;
};

/**
 * The form element of a step: posts to the current route (works without JavaScript), carries the
 * pinned version and the form's name, and shows the error summary at its top.
 */
export function StepForm({
  form,
  name,
  version,
  reply,
  pending,
  children,
  className = "card",
  encType,
  action,
  title,
}: StepFormProps & { children: ReactNode; className?: string; encType?: "multipart/form-data"; action?: string; title?: string }) {
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className={className}
      encType={encType}
      action={action}
      aria-busy={pending || undefined}
      aria-label={title}
    >
      <input type="hidden" name={STEP_FORM_FIELD} value={name} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <FormErrors form={form} reply={reply} />
      {children}
    </Form>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form's metadata
export function FormErrors({ form, reply }: { form: FormMetadata<any, string[]>; reply?: StepReply }) {
  const fieldErrors = Object.keys(form.allErrors).filter((name) => name !== form.id && name !== "").length;
  return <ErrorSummary id={form.errorId} errors={form.errors ?? []} fieldErrorCount={fieldErrors} reply={reply} />;
}

/**
 * The summary of a refused submission: the form-level message (conflict, refusal of the rules)
 * with its reasons, or how many fields to fix. It takes the focus (and scrolls into view) when
 * the refusal has no field to focus, so a person on a phone sees why nothing happened; Conform
 * focuses the first invalid field itself.
 */
export function ErrorSummary({
  id,
  errors,
  fieldErrorCount = 0,
  reply,
}: {
  id?: string;
  errors: string[];
  fieldErrorCount?: number;
  reply?: StepReply;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown && ref.current) {
      ref.current.focus();
      ref.current.scrollIntoView({ block: "center" });
    }
  }, [shown, reply]);
  if (!shown && fieldErrorCount === 0) return null;
  if (!shown) {
    return (
      <div className="form-error" role="alert" id={id}>
        입력 내용을 확인해 주세요. 표시된 {fieldErrorCount}곳을 고쳐야 합니다.
      </div>
    );
  }
  return (
    <div ref={ref} tabIndex={-1} className="form-error" role="alert" id={id} data-conflict={reply?.conflict ? "true" : undefined}>
      {errors[0]}
      {reply?.conflict ? (
        <p className="conflict-hint">입력하신 내용은 그대로 두었습니다. 화면에 반영된 변경 내용을 확인한 뒤 다시 저장하세요.</p>
      ) : null}
      {reply?.reasons && reply.reasons.length > 0 ? (
        <ul>
          {reply.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field of any form
type AnyField = FieldMetadata<any, any, string[]>;

export function FieldError({ meta }: { meta: AnyField }) {
  return meta.errors?.length ? (
    <p className="field-error" id={meta.errorId}>
      {meta.errors[0]}
    </p>
  ) : null;
}

type FieldProps = { meta: AnyField; label: ReactNode; hint?: ReactNode; className?: string };

/** The label, the control, an optional hint and the error of one field (the control gets the ids). */
function FieldShell({ meta, label, hint, className, control }: FieldProps & { control: (describedBy: string | undefined) => ReactNode }) {
  const hintId = useId();
  return (
    <div className={className}>
      <label htmlFor={meta.id}>{label}</label>
      {control(hint ? hintId : undefined)}
      {hint ? (
        <p className="muted hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError meta={meta} />
    </div>
  );
}

type Native<T extends "input" | "textarea"> = Omit<ComponentProps<T>, "name" | "id" | "form" | "defaultValue">;

/** A labelled text-like input with its error. */
export function Field({ meta, label, hint, className = "field", ...input }: FieldProps & Native<"input">) {
  return (
    <FieldShell
      meta={meta}
      label={label}
      hint={hint}
      className={className}
      control={(ariaDescribedBy) => <input {...getInputProps(meta, { type: (input.type as "text") ?? "text", ariaDescribedBy })} {...input} />}
    />
  );
}

/** A labelled textarea with its error. */
export function TextareaField({ meta, label, hint, className = "field", ...textarea }: FieldProps & Native<"textarea">) {
  return (
    <FieldShell
      meta={meta}
      label={label}
      hint={hint}
      className={className}
      control={(ariaDescribedBy) => <textarea {...getTextareaProps(meta, { ariaDescribedBy })} {...textarea} />}
    />
  );
}

/** "12250000" → "12,250,000" (any length; no rounding through Number). */
export function groupDigits(digits: string): string {
  const trimmed = digits.replace(/^0+(?=\d)/, "");
  return trimmed.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Reformats a money input as it is typed, keeping the caret after the same digit. */
function formatMoneyInput(event: FormEvent<HTMLInputElement>) {
  const el = event.currentTarget;
  const caret = el.selectionStart ?? el.value.length;
  const digitsBefore = el.value.slice(0, caret).replace(/\D/g, "").length;
  const digits = el.value.replace(/\D/g, "");
  if (digits.length === 0 || digits.length > 16 || /[^\d,\s원]/.test(el.value)) return; // leave odd input for the validator to explain
  const formatted = groupDigits(digits);
  if (formatted === el.value) return;
  el.value = formatted;
  let seen = 0;
  let position = 0;
  while (position < formatted.length && seen < digitsBefore) {
    if (/\d/.test(formatted[position])) seen++;
    position++;
  }
  el.setSelectionRange(position, position);
}

/** Digits of a money value as typed, or null while it is not a whole number of won. */
export function typedWon(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const digits = value.replace(/[,\s원]/g, "");
  if (!/^\d+$/.test(digits)) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

/** A money input in whole won, shown with thousands separators as it is typed ("12,250,000"). */
export function MoneyField(props: FieldProps & Omit<ComponentProps<"input">, "name" | "id" | "form" | "defaultValue">) {
  return <Field inputMode="numeric" autoComplete="off" onInput={formatMoneyInput} {...props} />;
}

/** The default value of a money field: "" or the amount with separators. */
export function moneyDefault(value: number | null | undefined): string {
  return value == null ? "" : groupDigits(String(value));
}
