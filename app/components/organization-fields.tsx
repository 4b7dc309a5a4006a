// The fields every organisation form asks the same way: 사업자등록번호 and 소재지 시·도 (sign-up, the company
// profile, the TP's registration of an evaluator or a cost-accounting agency).
import type { FieldMetadata } from "@conform-to/react";
import { getSelectProps } from "@conform-to/react";
import { Field, FieldError } from "~/components/step-form";
import { REGIONS } from "~/utils/profile-schema";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of any form
type AnyField = FieldMetadata<any, any, string[]>;

export function BusinessNumberField({ meta }: { meta: AnyField }) {
  return <Field meta={meta} label="사업자등록번호" inputMode="numeric" placeholder="123-45-67890" autoComplete="off" />;
}

export function RegionSelect({ meta, label = "소재지 시·도" }: { meta: AnyField; label?: string }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...getSelectProps(meta)}>
        <option value="">선택하세요</option>
        {REGIONS.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <FieldError meta={meta} />
    </div>
  );
}
