// The AS request form (새 AS 신청 / 신청서 수정) and the screening findings list.
// Screening is the rules module's screenRequest, run in the browser as the
// fields change and on the server for the saved items.
import { Form } from "@remix-run/react";
import { useMemo, useState } from "react";
import {
  SUPPORT_TYPES,
  SUPPORT_TYPE_GROUP_LABELS,
  SUPPORT_TYPE_LABELS,
  screenRequest,
  type RequestedItemInput,
  type SupportType,
} from "~/domain";

export const ITEM_FLAG_LABELS = {
  isStandaloneEquipment: "단독 설비(부품이 아닌 설비 전체)",
  isOfficeIt: "사무용 전산장비(프린터·스캐너·PC·모니터)",
  isRentalOrSubscription: "임대료·구독·기간제 라이선스",
  isPeriodicConsumable: "주기적 소모품(윤활유 교체 등)",
  underWarranty: "하자보수(유무상 보증) 대상",
} as const;
type Flag = keyof typeof ITEM_FLAG_LABELS;
const FLAGS = Object.keys(ITEM_FLAG_LABELS) as Flag[];

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
export type DraftFailure = {
  ok: false;
  formError?: string;
  reasons?: string[];
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  conflict?: boolean;
  rows?: number;
};

const GROUPS: { label: string; types: SupportType[] }[] = [];
for (const type of SUPPORT_TYPES) {
  const label = SUPPORT_TYPE_GROUP_LABELS[type];
  const group = GROUPS.find((g) => g.label === label);
  if (group) group.types.push(type);
  else GROUPS.push({ label, types: [type] });
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

/** Rows of the form as the rules module screens them (empty rows left out). */
function itemsOfForm(form: HTMLFormElement, rows: number): RequestedItemInput[] {
  const data = new FormData(form);
  const items: RequestedItemInput[] = [];
  for (let i = 0; i < rows; i++) {
    const description = String(data.get(`items.${i}.description`) ?? "");
    const flags = Object.fromEntries(FLAGS.map((f) => [f, data.get(`items.${i}.${f}`) === "on"])) as Record<Flag, boolean>;
    if (data.get(`items.${i}.remove`) || (description.trim() === "" && FLAGS.every((f) => !flags[f]))) continue;
    items.push({ description, ...flags });
  }
  return items;
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
                <span className={`badge ${f.severity === "blocked" ? "stop" : "due"}`}>{f.severity === "blocked" ? "지원불가" : "확인 필요"}</span>{" "}
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
  failure?: DraftFailure;
  version?: number;
  minRows: number;
  submitLabel: string;
}) {
  const { failure, defaults } = props;
  const values = failure?.values;
  const errors = failure?.fieldErrors ?? {};
  const rows = Math.max(failure?.rows ?? 0, values ? Number(values.rows) || 0 : 0, defaults.items.length + 1, props.minRows);
  const text = (key: keyof DraftDefaults) => values?.[key] ?? String(defaults[key] ?? "");
  const chosenTypes = values ? null : new Set(defaults.supportTypes);
  const item = (i: number) => defaults.items[i];
  const itemText = (i: number, key: "description" | "supportType" | "quantity") =>
    values ? (values[`items.${i}.${key}`] ?? "") : item(i) ? String(item(i)[key]) : key === "quantity" ? "1" : "";
  const itemFlag = (i: number, flag: Flag) => (values ? values[`items.${i}.${flag}`] === "on" : Boolean(item(i)?.[flag]));
  // The version the user started from: live updates refresh the page's data, but a save must
  // still be checked against what was on screen when editing began.
  const [startVersion] = useState(props.version);
  const changedElsewhere = props.version !== undefined && startVersion !== undefined && props.version !== startVersion;
  const [screenItems, setScreenItems] = useState<RequestedItemInput[]>(() =>
    Array.from({ length: rows }, (_, i) => ({
      description: itemText(i, "description"),
      ...(Object.fromEntries(FLAGS.map((f) => [f, itemFlag(i, f)])) as Record<Flag, boolean>),
    })).filter((it) => it.description.trim() !== "" || FLAGS.some((f) => it[f])),
  );

  return (
    <>
      <Form method="post" noValidate onChange={(e) => setScreenItems(itemsOfForm(e.currentTarget, rows))} aria-label="AS 신청서">
        <input type="hidden" name="rows" value={rows} />
        {startVersion !== undefined ? <input type="hidden" name="version" value={startVersion} /> : null}
        {changedElsewhere && !failure?.conflict ? (
          <p className="form-error" data-testid="changed-elsewhere">
            이 신청서가 다른 화면에서 변경되었습니다. 저장하기 전에 <a href="">새로고침</a>해 최신 내용을 확인하세요.
          </p>
        ) : null}
        {failure?.formError ? (
          <div className="form-error" role="alert">
            {failure.formError}
            {failure.reasons && failure.reasons.length > 1 ? (
              <ul>
                {failure.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <section className="card">
          <h2 style={{ marginTop: 0 }}>기본 정보</h2>
          <fieldset className="support-types" aria-describedby={errors.supportTypes ? "supportTypes-error" : undefined}>
            <legend>지원유형 (하나 이상)</legend>
            {GROUPS.map((group) => (
              <div key={group.label} className="support-group">
                <strong>{group.label}</strong>
                <div className="check-row">
                  {group.types.map((type) => (
                    <label key={type} className="check" htmlFor={`st-${type}`}>
                      <input
                        type="checkbox"
                        id={`st-${type}`}
                        name="supportTypes"
                        value={type}
                        defaultChecked={chosenTypes ? chosenTypes.has(type) : (values?.supportTypes ?? "").split(",").includes(type)}
                      />{" "}
                      {SUPPORT_TYPE_LABELS[type]}
                    </label>
                  ))}
                </div>
              </div>
            ))}
            <FieldError id="supportTypes-error" message={errors.supportTypes} />
          </fieldset>
          <div className="grid-2">
            <div className="field">
              <label htmlFor="targetSystemId">대상 시스템</label>
              <select id="targetSystemId" name="targetSystemId" defaultValue={text("targetSystemId")}>
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
                  등록된 시스템이 없습니다. <a href="/profile">기업 정보</a>에서 스마트공장 보유 현황을 먼저 등록하세요.
                </p>
              ) : null}
              <FieldError id="targetSystemId-error" message={errors.targetSystemId} />
            </div>
            <div className="field">
              <label htmlFor="supplierId">공급기업</label>
              <select id="supplierId" name="supplierId" defaultValue={text("supplierId")} aria-invalid={Boolean(errors.supplierId)}>
                <option value="">선택하세요</option>
                {props.suppliers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <FieldError id="supplierId-error" message={errors.supplierId} />
            </div>
          </div>
          <div className="field">
            <label htmlFor="title">제목</label>
            <input id="title" name="title" defaultValue={text("title")} maxLength={200} aria-invalid={Boolean(errors.title)} />
            <FieldError id="title-error" message={errors.title} />
          </div>
          <div className="field">
            <label htmlFor="problem">문제 현황</label>
            <textarea id="problem" name="problem" rows={4} defaultValue={text("problem")} aria-invalid={Boolean(errors.problem)} />
            <FieldError id="problem-error" message={errors.problem} />
          </div>
          <div className="field">
            <label htmlFor="desiredOutcome">기대 효과(요청 결과)</label>
            <textarea id="desiredOutcome" name="desiredOutcome" rows={3} defaultValue={text("desiredOutcome")} aria-invalid={Boolean(errors.desiredOutcome)} />
            <FieldError id="desiredOutcome-error" message={errors.desiredOutcome} />
          </div>
        </section>

        <section className="card">
          <h2 style={{ marginTop: 0 }}>요청 항목</h2>
          <p className="muted">빈 줄은 저장되지 않습니다. 해당하는 항목 특성을 체크하면 지원 제외 여부를 바로 확인할 수 있습니다.</p>
          <FieldError id="items-error" message={errors.items} />
          <ol className="item-rows">
            {Array.from({ length: rows }, (_, i) => (
              <li key={i} className="item-row">
                <div className="item-main">
                  <div className="field">
                    <label htmlFor={`items.${i}.description`}>요청 항목 {i + 1} 내용</label>
                    <input id={`items.${i}.description`} name={`items.${i}.description`} defaultValue={itemText(i, "description")} maxLength={500} />
                    <FieldError id={`items.${i}.description-error`} message={errors[`items.${i}.description`]} />
                  </div>
                  <div className="field">
                    <label htmlFor={`items.${i}.supportType`}>항목 {i + 1} 지원유형</label>
                    <select id={`items.${i}.supportType`} name={`items.${i}.supportType`} defaultValue={itemText(i, "supportType")}>
                      <option value="">선택하세요</option>
                      {SUPPORT_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {SUPPORT_TYPE_LABELS[t]}
                        </option>
                      ))}
                    </select>
                    <FieldError id={`items.${i}.supportType-error`} message={errors[`items.${i}.supportType`]} />
                  </div>
                  <div className="field qty">
                    <label htmlFor={`items.${i}.quantity`}>항목 {i + 1} 수량</label>
                    <input id={`items.${i}.quantity`} name={`items.${i}.quantity`} inputMode="numeric" defaultValue={itemText(i, "quantity") || "1"} />
                    <FieldError id={`items.${i}.quantity-error`} message={errors[`items.${i}.quantity`]} />
                  </div>
                </div>
                <div className="check-row">
                  {FLAGS.map((flag) => (
                    <label key={flag} className="check" htmlFor={`items.${i}.${flag}`}>
                      <input
                        type="checkbox"
                        id={`items.${i}.${flag}`}
                        name={`items.${i}.${flag}`}
                        aria-label={`항목 ${i + 1} ${ITEM_FLAG_LABELS[flag]}`}
                        defaultChecked={itemFlag(i, flag)}
                      />{" "}
                      {ITEM_FLAG_LABELS[flag]}
                    </label>
                  ))}
                  <label className="check remove" htmlFor={`items.${i}.remove`}>
                    <input type="checkbox" id={`items.${i}.remove`} name={`items.${i}.remove`} aria-label={`항목 ${i + 1} 삭제`} /> 삭제
                  </label>
                </div>
              </li>
            ))}
          </ol>
          <button type="submit" name="intent" value="addRow" className="secondary" disabled={rows >= 30}>
            항목 추가
          </button>
        </section>

        <div className="actions-bar">
          <button type="submit" name="intent" value="save">
            {props.submitLabel}
          </button>
        </div>
      </Form>
      <ScreeningFindings items={screenItems} live />
    </>
  );
}
