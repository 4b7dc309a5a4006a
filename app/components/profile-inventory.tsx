// The smart factory inventory (스마트공장 보유 현황) forms: a system, a hardware item and a delete
// button, each a StepForm on the organization's version it was opened on. Form names carry what
// they act on ("edit-system-<id>"), so the route's action knows the target and the reply finds
// its form.
import { getSelectProps } from "@conform-to/react";
import { useActionData } from "@remix-run/react";
import type { StepReply } from "~/utils/step-reply";
import { HardwareSchema, RemoveSchema, SYSTEM_KINDS, SYSTEM_KIND_LABELS, SystemSchema } from "~/utils/profile-schema";
import { Field, FieldError, StepForm, useStepForm } from "~/components/step-form";

type FormProps = { name: string; version: number; title: string; submitLabel: string; className?: string };
const text = (v: string | number | null | undefined) => (v == null ? "" : String(v));

export function SystemForm({
  name,
  version,
  title,
  submitLabel,
  className,
  saved,
}: FormProps & { saved?: { kind: string; name: string; vendorName: string | null; buildYear: number | null; note: string | null } }) {
  const { fields: f, props } = useStepForm({
    id: name,
    schema: SystemSchema,
    version,
    reply: useActionData<StepReply>(),
    defaultValue: {
      kind: (saved?.kind ?? "MES") as "MES",
      name: text(saved?.name),
      vendorName: text(saved?.vendorName),
      buildYear: text(saved?.buildYear),
      note: text(saved?.note),
    },
  });
  return (
    <StepForm {...props} title={title} className={className ?? ""}>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={f.kind.id}>시스템 종류</label>
          <select {...getSelectProps(f.kind)}>
            {SYSTEM_KINDS.map((k) => (
              <option key={k} value={k}>
                {SYSTEM_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <FieldError meta={f.kind} />
        </div>
        <Field meta={f.name} label="시스템 이름" />
        <Field meta={f.vendorName} label="구축 공급기업" />
        <Field meta={f.buildYear} label="구축 연도" inputMode="numeric" />
        <Field meta={f.note} label="비고" />
      </div>
      <button type="submit" className={saved ? "secondary" : undefined} disabled={props.pending}>
        {submitLabel}
      </button>
    </StepForm>
  );
}

export function HardwareForm({
  name,
  version,
  title,
  submitLabel,
  saved,
}: FormProps & { saved?: { name: string; model: string | null; serialNumber: string | null } }) {
  const { fields: f, props } = useStepForm({
    id: name,
    schema: HardwareSchema,
    version,
    reply: useActionData<StepReply>(),
    defaultValue: { name: text(saved?.name), model: text(saved?.model), serialNumber: text(saved?.serialNumber) },
  });
  return (
    <StepForm {...props} title={title} className="">
      <div className="inline-fields">
        <Field meta={f.name} label="HW 이름" />
        <Field meta={f.model} label="모델명" />
        <Field meta={f.serialNumber} label="시리얼 번호" />
      </div>
      <button type="submit" className="secondary" disabled={props.pending}>
        {submitLabel}
      </button>
    </StepForm>
  );
}

/** A delete button (asks first) in its own small form. */
export function RemoveForm({ name, version, title, submitLabel, confirm }: FormProps & { confirm: string }) {
  const { props } = useStepForm({ id: name, schema: RemoveSchema, version, reply: useActionData<StepReply>() });
  return (
    <StepForm {...props} title={title} className="inline-form">
      <button type="submit" className="secondary" disabled={props.pending} onClick={(e) => !window.confirm(confirm) && e.preventDefault()}>
        {submitLabel}
      </button>
    </StepForm>
  );
}
