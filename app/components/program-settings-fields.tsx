// The inputs of the program settings form (사업 설정값): names, the rule parameters and the intake
// dates. The subsidy rate is typed as a percentage ("50", "50.5"); money in won with separators.
import type { FieldMetadata } from "@conform-to/react";
import { PARAM_LABELS, TP_TARGET_DEFAULTS, TP_TARGET_LABELS, formatRateBp, type TpTargets } from "~/domain";
import { Field, MoneyField } from "~/components/step-form";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field of the settings form
type Meta = FieldMetadata<any, any, string[]>;

type CountKey =
  | "capacity"
  | "baseMonths"
  | "maxExtensionMonths"
  | "planDueDays"
  | "revisionDueDays"
  | "passMark"
  | "documentValidityMonths"
  | "localProgramSinceYear";
const COUNT_KEYS: CountKey[] = [
  "capacity",
  "baseMonths",
  "maxExtensionMonths",
  "planDueDays",
  "revisionDueDays",
  "passMark",
  "documentValidityMonths",
  "localProgramSinceYear",
];

/** The Technopark's own service targets (ADR 027), in days. */
export const TP_TARGET_KEYS = Object.keys(TP_TARGET_DEFAULTS) as (keyof TpTargets)[];

export type ProgramSettingsFieldset = Record<
  | "name"
  | "noticeNumber"
  | "year"
  | "region"
  | "subsidyRate"
  | "subsidyCap"
  | "subsidyBudget"
  | "intakeOpensOn"
  | "intakeClosesOn"
  | CountKey
  | keyof TpTargets,
  Meta
>;

export function ProgramSettingsFields({ fields: f, savedRateBp }: { fields: ProgramSettingsFieldset; savedRateBp: number }) {
  return (
    <div className="grid-2">
      <Field meta={f.name} label="사업명" />
      <Field meta={f.noticeNumber} label="공고번호" />
      <Field meta={f.year} label="사업 연도" inputMode="numeric" />
      <Field meta={f.region} label={PARAM_LABELS.region} />
      <Field
        meta={f.subsidyRate}
        label={`${PARAM_LABELS.subsidyRateBp} (%)`}
        inputMode="decimal"
        autoComplete="off"
        hint={`백분율로 입력합니다 (예: 50, 50.5). 저장된 값: ${formatRateBp(savedRateBp)}`}
      />
      <MoneyField meta={f.subsidyCap} label={`${PARAM_LABELS.subsidyCap} (원)`} />
      <MoneyField meta={f.subsidyBudget} label={`${PARAM_LABELS.subsidyBudget} (원)`} />
      {COUNT_KEYS.map((key) => (
        <Field key={key} meta={f[key]} label={PARAM_LABELS[key]} inputMode="numeric" />
      ))}
      <Field meta={f.intakeOpensOn} label="접수 시작일" type="date" />
      <Field meta={f.intakeClosesOn} label="접수 마감일 (비우면 예산 소진 시까지)" type="date" />
      <fieldset className="tp-targets" style={{ gridColumn: "1 / -1" }}>
        <legend>운영기관 서비스 목표 (공고의 기한이 아닌 운영기관 내부 목표, 1~90일)</legend>
        <div className="grid-2">
          {TP_TARGET_KEYS.map((key) => (
            <Field key={key} meta={f[key]} label={TP_TARGET_LABELS[key]} inputMode="numeric" />
          ))}
        </div>
      </fieldset>
    </div>
  );
}
