// 추진 일정 rows of the execution plan form: one row per milestone (내용, 완료 예정일, 산출물),
// add / remove buttons as Conform list intents (plain submit buttons without JavaScript).
import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { Field, FieldError } from "~/components/step-form";

export type MilestoneInput = { title: string; dueOn: string; deliverable: string };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the route's form
type AnyForm = FormMetadata<any, string[]>;
// the rows as a submission needs them, or as a draft keeps them (any part may be empty)
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form holding the rows
type RowsField = FieldMetadata<MilestoneInput[] | Partial<MilestoneInput>[] | undefined, any, string[]>;

export function PlanMilestonesEditor({ form, milestones, maxRows }: { form: AnyForm; milestones: RowsField; maxRows: number }) {
  const rows = milestones.getFieldList();
  return (
    <fieldset>
      <legend>추진 일정</legend>
      <div className="rows">
        <div className="row-grid milestone row-head" aria-hidden="true">
          <span>일정 내용</span>
          <span>완료 예정일</span>
          <span>산출물</span>
        </div>
        {rows.map((row, i) => {
          const f = row.getFieldset();
          const n = i + 1;
          return (
            <div className="row-grid milestone" key={row.key}>
              <span className="row-no">{n}번 일정</span>
              <Field meta={f.title} key={f.title.key} label={<span className="sr-only">{n}번 일정 내용</span>} className="" maxLength={200} />
              <Field meta={f.dueOn} key={f.dueOn.key} label={<span className="sr-only">{n}번 일정 완료 예정일</span>} className="" type="date" />
              <div>
                <Field
                  meta={f.deliverable}
                  key={f.deliverable.key}
                  label={<span className="sr-only">{n}번 일정 산출물</span>}
                  className=""
                  maxLength={200}
                />
                {rows.length > 1 ? (
                  <button
                    className="secondary"
                    {...form.remove.getButtonProps({ name: milestones.name, index: i })}
                    aria-label={`${n}번 일정 삭제`}
                  >
                    삭제
                  </button>
                ) : null}
              </div>
            </div>
          );
        })}
        <FieldError meta={milestones} />
      </div>
      {rows.length < maxRows ? (
        <button
          className="secondary"
          {...form.insert.getButtonProps({ name: milestones.name, defaultValue: { title: "", dueOn: "", deliverable: "" } })}
        >
          행 추가
        </button>
      ) : (
        <p className="muted">추진 일정은 {maxRows}개까지 입력할 수 있습니다.</p>
      )}
    </fieldset>
  );
}
