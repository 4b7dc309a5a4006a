// The supplier's work-log form (new, or the correction of a log not yet confirmed): date, hours,
// description, the evidence this ticket's AS types call for (parts rows as Conform list intents,
// photos, versions, attendees, training material) and, when editing, the attachments to remove.
// An edit carries the log's own version, pinned when the form opened.
import type { FieldMetadata, FormMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import type { z } from "zod";
import { ATTACHMENT_PURPOSE_LABELS, UPLOAD_LIMITS_TEXT, formatKoreanDate, workDateBounds, type ExecutionPeriod } from "~/domain";
import { Field, FieldError, StepForm, TextareaField, useStepForm } from "~/components/step-form";
import type { StepReply } from "~/utils/step-reply";
import { hoursOf, type WorkLogView } from "./work-log-list";
import { FileName } from "~/components/file-name";

export type WorkLogPartInput = { name: string; oldSerial: string; newSerial: string };
export type WorkLogInput = {
  logId?: string;
  version?: unknown;
  workedOn: string;
  hours: string;
  description: string;
  swVersionBefore?: string;
  swVersionAfter?: string;
  trainingAttendees?: string;
  parts?: WorkLogPartInput[];
};

/** The form's name on the page (new and edit: only one of them is shown at a time). */
export const WORK_LOG_FORM = "work-log";
// The accept list is a hint for the file picker; the server checks the content.
const ACCEPTED = ".pdf,.jpg,.jpeg,.png,.hwp,.hwpx,.xlsx,.docx";
const MIN_PART_ROWS = 2;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the form holding the rows
type AnyForm = FormMetadata<any, string[]>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form holding the rows
type PartsField = FieldMetadata<WorkLogPartInput[] | undefined, any, string[]>;

function PartRows({ form, parts, maxParts }: { form: AnyForm; parts: PartsField; maxParts: number }) {
  const rows = parts.getFieldList();
  return (
    <div className="rows">
      <div className="row-grid part row-head" aria-hidden="true">
        <span>부품명</span>
        <span>기존 시리얼</span>
        <span>신규 시리얼</span>
      </div>
      {rows.map((row, i) => {
        const f = row.getFieldset();
        const n = i + 1;
        return (
          <div className="row-grid part" key={row.key}>
            <span className="row-no">{n}번 부품</span>
            <Field meta={f.name} key={f.name.key} label={<span className="sr-only">{n}번 부품명</span>} className="" maxLength={200} />
            <Field
              meta={f.oldSerial}
              key={f.oldSerial.key}
              label={<span className="sr-only">{n}번 부품 기존 시리얼</span>}
              className=""
              maxLength={100}
            />
            <div>
              <Field
                meta={f.newSerial}
                key={f.newSerial.key}
                label={<span className="sr-only">{n}번 부품 신규 시리얼</span>}
                className=""
                maxLength={100}
              />
              {rows.length > 1 ? (
                <button className="secondary" {...form.remove.getButtonProps({ name: parts.name, index: i })} aria-label={`${n}번 부품 삭제`}>
                  삭제
                </button>
              ) : null}
            </div>
          </div>
        );
      })}
      <FieldError meta={parts} />
      {rows.length < maxParts ? (
        <button
          className="secondary"
          {...form.insert.getButtonProps({ name: parts.name, defaultValue: { name: "", oldSerial: "", newSerial: "" } })}
        >
          부품 행 추가
        </button>
      ) : (
        <p className="muted">교체 부품은 {maxParts}개까지 입력할 수 있습니다.</p>
      )}
    </div>
  );
}

function FileField({ id, name, label, accept }: { id: string; name: string; label: string; accept: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="file" accept={accept} multiple />
    </div>
  );
}

export function WorkLogForm({
  schema,
  log,
  evidence,
  today,
  period,
  reply,
  maxParts,
}: {
  schema: z.ZodType<unknown, WorkLogInput>;
  log: WorkLogView | null;
  evidence: { hw: boolean; sw: boolean; training: boolean };
  today: string;
  /** The agreed execution period: a work date lies in it (and not after today). */
  period: ExecutionPeriod | null;
  reply: StepReply | undefined;
  maxParts: number;
}) {
  const empty = { name: "", oldSerial: "", newSerial: "" };
  const {
    form,
    fields: f,
    props,
  } = useStepForm({
    id: WORK_LOG_FORM,
    schema,
    version: log?.version,
    reply,
    defaultValue: {
      workedOn: log?.workedOn ?? today,
      hours: log ? hoursOf(log.minutes) : "",
      description: log?.description ?? "",
      swVersionBefore: log?.swVersionBefore ?? "",
      swVersionAfter: log?.swVersionAfter ?? "",
      trainingAttendees: log?.trainingAttendees ?? "",
      parts: [
        ...(log?.parts ?? []).map((p) => ({ name: p.name, oldSerial: p.oldSerial ?? "", newSerial: p.newSerial ?? "" })),
        ...Array.from({ length: Math.max(MIN_PART_ROWS - (log?.parts.length ?? 0), 1) }, () => empty),
      ],
    },
  });
  const prefix = log ? "edit" : "new";
  const dates = period ? workDateBounds(period, today) : { min: undefined, max: today };
  return (
    <StepForm {...props} encType="multipart/form-data" className="" title={log ? "작업일지 수정" : "새 작업일지"}>
      <div data-testid={log ? "edit-log-form" : "new-log-form"}>
        {log ? <input type="hidden" name={f.logId.name} value={log.id} /> : null}
        <div className="grid-2">
          <Field
            meta={f.workedOn}
            label="작업일자"
            type="date"
            min={dates.min}
            max={dates.max}
            hint={period ? `사업기간 ${formatKoreanDate(period.startOn)} ~ ${formatKoreanDate(period.endOn)}` : undefined}
          />
          <Field meta={f.hours} label="작업 시간(시간)" inputMode="decimal" placeholder="예: 7.5" />
        </div>
        <TextareaField meta={f.description} label="작업 내용" rows={3} maxLength={4000} />
        {evidence.hw ? (
          <fieldset>
            <legend>교체 부품 (HW)</legend>
            <PartRows form={form} parts={f.parts} maxParts={maxParts} />
            <div className="grid-2" style={{ marginTop: "0.75rem" }}>
              <FileField
                id={`${prefix}-beforePhoto`}
                name="beforePhoto"
                label={ATTACHMENT_PURPOSE_LABELS.before_photo}
                accept=".jpg,.jpeg,.png"
              />
              <FileField id={`${prefix}-afterPhoto`} name="afterPhoto" label={ATTACHMENT_PURPOSE_LABELS.after_photo} accept=".jpg,.jpeg,.png" />
            </div>
          </fieldset>
        ) : null}
        {evidence.sw ? (
          <fieldset>
            <legend>버전 (SW 업그레이드)</legend>
            <div className="grid-2">
              <Field meta={f.swVersionBefore} label="변경 전 버전" maxLength={100} />
              <Field meta={f.swVersionAfter} label="변경 후 버전" maxLength={100} />
            </div>
          </fieldset>
        ) : null}
        {evidence.training ? (
          <fieldset>
            <legend>교육 (사용자 운영 지원)</legend>
            <TextareaField meta={f.trainingAttendees} label="교육 참석자" rows={2} maxLength={1000} placeholder="예: 생산팀 김OO, 이OO (2명)" />
            <FileField id={`${prefix}-material`} name="trainingMaterial" label={ATTACHMENT_PURPOSE_LABELS.training_material} accept={ACCEPTED} />
          </fieldset>
        ) : null}
        {log && log.attachments.length ? (
          <fieldset>
            <legend>첨부된 파일</legend>
            {log.attachments.map((a) => (
              <label key={a.id} className="checkline" htmlFor={`remove-${a.id}`}>
                <input id={`remove-${a.id}`} type="checkbox" name="removeAttachment" value={a.id} />
                삭제: {a.purposeLabel} · <FileName file={a.file} />
              </label>
            ))}
          </fieldset>
        ) : null}
        <p className="muted">
          파일은 JPG·PNG(사진), PDF·HWP·HWPX·XLSX·DOCX(자료)만, {UPLOAD_LIMITS_TEXT} 올릴 수 있습니다. 파일 형식은 내용으로 확인합니다.
        </p>
        <div style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap" }}>
          <button type="submit" disabled={props.pending}>
            {log ? "수정 내용 저장" : "작업일지 등록"}
          </button>
          {log ? (
            <Link to="?" className="button secondary">
              취소
            </Link>
          ) : null}
        </div>
      </div>
    </StepForm>
  );
}
