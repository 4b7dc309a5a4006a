// The AS request form (새 AS 신청 / 신청서 수정) and the screening findings list.
// Screening is the rules module's screenRequest, run in the browser as the
// fields change and on the server for the saved items. The form is a StepForm
// on DraftSchema (app/utils/draft-schema.ts): request rows are Conform list
// intents ("항목 추가", "항목 N 삭제"), which work without JavaScript too.
import { getCollectionProps, getInputProps, getSelectProps } from "@conform-to/react";
import { useMemo } from "react";
import {
  SUPPORT_TYPES,
  SUPPORT_TYPE_GROUP_LABELS,
  SUPPORT_TYPE_LABELS,
  screenRequest,
  type RequestedItemInput,
  type SupportType,
} from "~/domain";
import { DraftSchema, ITEM_FLAGS, MAX_ITEM_ROWS, MIN_ITEM_ROWS, isSpareRow, type ItemFlag } from "~/utils/draft-schema";
import type { StepReply } from "~/utils/step-reply";
import { Field, FieldError, StepForm, TextareaField, useStepForm } from "~/components/step-form";

export const ITEM_FLAG_LABELS: Readonly<Record<ItemFlag, string>> = {
  isStandaloneEquipment: "단독 설비(부품이 아닌 설비 전체)",
  isOfficeIt: "사무용 전산장비(프린터·스캐너·PC·모니터)",
  isRentalOrSubscription: "임대료·구독·기간제 라이선스",
  isPeriodicConsumable: "주기적 소모품(윤활유 교체 등)",
  underWarranty: "하자보수(유무상 보증) 대상",
};

export type DraftItem = RequestedItemInput & { supportType: string; quantity: number };
export type DraftDefaults = {
  supportTypes: string[];
  targetSystemId: string | null;
  supplierId: string;
  title: string;
  problem: string;
  desiredOutcome: string;
  items: DraftItem[];
};

const GROUPS: { label: string; types: SupportType[] }[] = [];
for (const type of SUPPORT_TYPES) {
  const label = SUPPORT_TYPE_GROUP_LABELS[type];
  const group = GROUPS.find((g) => g.label === label);
  if (group) group.types.push(type);
  else GROUPS.push({ label, types: [type] });
}

type RowDefault = { description: string; supportType: string; quantity: string } & Partial<Record<ItemFlag, "on">>;

/** The rows the form opens with: the saved items, one spare row, at least MIN_ITEM_ROWS. */
function rowDefaults(items: DraftItem[]): RowDefault[] {
  const rows: RowDefault[] = items.map((item) => ({
    description: item.description,
    supportType: item.supportType,
    quantity: String(item.quantity),
    ...Object.fromEntries(ITEM_FLAGS.filter((f) => item[f]).map((f) => [f, "on"])),
  }));
  while (rows.length < Math.max(items.length + 1, MIN_ITEM_ROWS)) rows.push({ description: "", supportType: "", quantity: "1" });
  return rows;
}

export function ScreeningFindings({ items, live = false }: { items: readonly RequestedItemInput[]; live?: boolean }) {
  const screening = useMemo(() => screenRequest(items), [items]);
  return (
    <section className="card" aria-labelledby="screening-h" data-testid="screening" data-verdict={screening.verdict}>
      <h2 id="screening-h" style={{ marginTop: 0 }}>
        지원 제외 항목 사전 확인
      </h2>
      <p className="muted">
        {live ? "입력하는 대로 공고의 지원 불가 사항과 비교합니다. " : ""}
        체크한 항목은 <strong>지원불가</strong>, 설명에 쓰인 단어로 의심되는 항목은 <strong>확인 필요</strong>로 표시됩니다.
      </p>
      {items.length === 0 ? (
        <p className="muted">요청 항목이 없습니다.</p>
      ) : screening.verdict === "ok" ? (
        <p className="screen-ok" role="status">
          모든 요청 항목이 공고의 지원 불가 사항에 해당하지 않습니다.
        </p>
      ) : (
        <ul className="screening">
          {screening.items.map((item, i) =>
            item.findings.map((f) => (
              <li key={`${i}-${f.code}-${f.keyword ?? ""}`} className={f.severity === "blocked" ? "screen-blocked" : "screen-warning"}>
                <span className={`badge ${f.severity === "blocked" ? "stop" : "due"}`}>
                  {f.severity === "blocked" ? "지원불가" : "확인 필요"}
                </span>{" "}
                <strong>
                  항목 {i + 1}. {item.description || "(내용 없음)"}
                </strong>
                <div>{f.message}</div>
                <div className="muted clause">{f.clause}</div>
              </li>
            )),
          )}
        </ul>
      )}
    </section>
  );
}

export function TicketDraftForm(props: {
  systems: { id: string; kind: string; name: string; vendorName: string | null }[];
  suppliers: { id: string; name: string }[];
  defaults: DraftDefaults;
  reply: StepReply | undefined;
  /** The ticket version (edit): pinned when the form opens. */
  version?: number;
  submitLabel: string;
}) {
  const { defaults } = props;
  const {
    form,
    fields: f,
    props: formProps,
  } = useStepForm({
    id: "draft",
    schema: DraftSchema,
    version: props.version,
    reply: props.reply,
    defaultValue: {
      supportTypes: defaults.supportTypes,
      targetSystemId: defaults.targetSystemId ?? "",
      supplierId: defaults.supplierId,
      title: defaults.title,
      problem: defaults.problem,
      desiredOutcome: defaults.desiredOutcome,
      items: rowDefaults(defaults.items),
    },
  });
  const rows = f.items.getFieldList();
  const typeInputs = new Map(getCollectionProps(f.supportTypes, { type: "checkbox", options: [...SUPPORT_TYPES] }).map((p) => [p.value, p]));
  // screened as typed: the rows on screen that are not spare rows
  const screenItems: RequestedItemInput[] = rows
    .map((row) => {
      const r = row.getFieldset();
      const flags = Object.fromEntries(ITEM_FLAGS.map((flag) => [flag, r[flag].value === "on"])) as Record<ItemFlag, boolean>;
      return { description: typeof r.description.value === "string" ? r.description.value : "", ...flags };
    })
    .filter((item) => !isSpareRow(item));

  return (
    <>
      <StepForm {...formProps} className="" title="AS 신청서">
        <section className="card">
          <h2 style={{ marginTop: 0 }}>기본 정보</h2>
          <fieldset
            className="support-types"
            aria-describedby={f.supportTypes.errors ? f.supportTypes.errorId : undefined}
            aria-invalid={f.supportTypes.errors ? true : undefined}
          >
            <legend>지원유형 (하나 이상)</legend>
            {GROUPS.map((group) => (
              <div key={group.label} className="support-group">
                <strong>{group.label}</strong>
                <div className="check-row">
                  {group.types.map((type) => {
                    const input = typeInputs.get(type);
                    return (
                      <label key={type} className="check" htmlFor={input?.id}>
                        <input {...input} key={input?.key} /> {SUPPORT_TYPE_LABELS[type]}
                      </label>
                    );
                  })}
                </div>
              </div>
            ))}
            <FieldError meta={f.supportTypes} />
          </fieldset>
          <div className="grid-2">
            <div className="field">
              <label htmlFor={f.targetSystemId.id}>대상 시스템</label>
              <select {...getSelectProps(f.targetSystemId)}>
                <option value="">선택 안 함</option>
                {props.systems.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.kind} · {s.name}
                    {s.vendorName ? ` (${s.vendorName})` : ""}
                  </option>
                ))}
              </select>
              {props.systems.length === 0 ? (
                <p className="muted">
                  등록된 시스템이 없습니다. <a href="/profile/inventory">스마트공장 보유 현황</a>을 먼저 등록하세요.
                </p>
              ) : null}
              <FieldError meta={f.targetSystemId} />
            </div>
            <div className="field">
              <label htmlFor={f.supplierId.id}>공급기업</label>
              <select {...getSelectProps(f.supplierId)}>
                <option value="">선택하세요</option>
                {props.suppliers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <FieldError meta={f.supplierId} />
            </div>
          </div>
          <Field meta={f.title} label="제목" maxLength={200} />
          <TextareaField meta={f.problem} label="문제 현황" rows={4} />
          <TextareaField meta={f.desiredOutcome} label="기대 효과(요청 결과)" rows={3} />
        </section>

        <section className="card" aria-labelledby="items-h">
          <h2 id="items-h" style={{ marginTop: 0 }}>
            요청 항목
          </h2>
          <p className="muted">빈 줄은 저장되지 않습니다. 해당하는 항목 특성을 체크하면 지원 제외 여부를 바로 확인할 수 있습니다.</p>
          <FieldError meta={f.items} />
          <ol className="item-rows">
            {rows.map((row, i) => {
              const r = row.getFieldset();
              return (
                <li key={row.key} className="item-row">
                  <div className="item-main">
                    <Field meta={r.description} label={`요청 항목 ${i + 1} 내용`} maxLength={500} />
                    <div className="field">
                      <label htmlFor={r.supportType.id}>항목 {i + 1} 지원유형</label>
                      <select {...getSelectProps(r.supportType)}>
                        <option value="">선택하세요</option>
                        {SUPPORT_TYPES.map((t) => (
                          <option key={t} value={t}>
                            {SUPPORT_TYPE_LABELS[t]}
                          </option>
                        ))}
                      </select>
                      <FieldError meta={r.supportType} />
                    </div>
                    <Field meta={r.quantity} label={`항목 ${i + 1} 수량`} className="field qty" inputMode="numeric" />
                  </div>
                  <div className="check-row">
                    {ITEM_FLAGS.map((flag) => (
                      <label key={flag} className="check" htmlFor={r[flag].id}>
                        <input {...getInputProps(r[flag], { type: "checkbox" })} aria-label={`항목 ${i + 1} ${ITEM_FLAG_LABELS[flag]}`} />{" "}
                        {ITEM_FLAG_LABELS[flag]}
                      </label>
                    ))}
                    <button
                      {...form.remove.getButtonProps({ name: f.items.name, index: i })}
                      className="secondary remove"
                      aria-label={`항목 ${i + 1} 삭제`}
                    >
                      삭제
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          <button
            {...form.insert.getButtonProps({ name: f.items.name, defaultValue: { description: "", supportType: "", quantity: "1" } })}
            className="secondary"
            disabled={rows.length >= MAX_ITEM_ROWS}
          >
            항목 추가
          </button>
        </section>

        <div className="actions-bar">
          <button type="submit" disabled={formProps.pending}>
            {props.submitLabel}
          </button>
        </div>
      </StepForm>
      <ScreeningFindings items={screenItems} live />
    </>
  );
}
