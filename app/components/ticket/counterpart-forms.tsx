// The other company's answer to a proposed change (사업변경: a period, a scope or a cost change): confirm
// it (then the TP decides) or decline it with a reason. One pair of forms and schemas for both pages,
// told apart from the page's other forms by `intent`.
import { z } from "zod";
import { fields } from "~/utils/fields";
import type { StepReply } from "~/utils/step-reply";
import { StepForm, TextareaField, useStepForm } from "~/components/step-form";

export const ConfirmSchema = z.object({ intent: z.literal("confirm"), version: fields.version });
export const DeclineSchema = z.object({ intent: z.literal("decline"), version: fields.version, note: fields.text("동의하지 않는 사유", 1000) });

/** Mount per proposal (key it by the proposal's id), so the version is pinned when the proposal appears. */
export function CounterpartForms({ id, what, version, reply }: { id: string; what: string; version: number; reply: StepReply | undefined }) {
  const confirm = useStepForm({ id: `${id}-confirm`, schema: ConfirmSchema, version, reply });
  const decline = useStepForm({ id: `${id}-decline`, schema: DeclineSchema, version, reply });
  return (
    <div className="grid-2">
      <StepForm {...confirm.props} className="" title={`${what} 확인`}>
        <input type="hidden" name={confirm.fields.intent.name} value="confirm" />
        <p className="muted">확인하면 운영기관이 승인 여부를 결정합니다.</p>
        <button type="submit">{what} 확인</button>
      </StepForm>
      <StepForm {...decline.props} className="" title={`${what} 거절`}>
        <input type="hidden" name={decline.fields.intent.name} value="decline" />
        <TextareaField meta={decline.fields.note} label="동의하지 않는 사유" rows={2} />
        <button type="submit" className="secondary">
          동의하지 않음
        </button>
      </StepForm>
    </div>
  );
}
