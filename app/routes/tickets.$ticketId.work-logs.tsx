import { requireVisibleTicket } from "~/models/ticket.server";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { discardSavedFile, readUploadForm, saveUpload, type SavedFile } from "~/models/files.server";
import { confirmWorkLog, createWorkLog, disputeWorkLog, getWorkLogPage, updateWorkLog, type NewAttachment } from "~/models/work-log.server";
import { badRequest, failureResponse, fields, formValues, parseWith, type FormFailure } from "~/utils/forms.server";
import {
  ATTACHMENT_PURPOSE_LABELS,
  STATE_LABELS,
  WORK_LOG_STATUS_LABELS,
  describeEvidence,
  formatKoreanDate,
  isAttachmentPurpose,
  isTicketState,
  isWorkLogStatus,
  seoulDate,
  type WorkLogAttachmentPurpose,
  type WorkLogStatus,
} from "~/domain";
import { DueBadge, StateBadge } from "~/components/badges";
import supplierStyles from "~/styles/supplier.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: supplierStyles }];

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });
const MIN_PART_ROWS = 2;
const MAX_PART_ROWS = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = ParamsSchema.safeParse(params);
  const page = parsed.success ? await getWorkLogPage(actor, parsed.data.ticketId) : null;
  if (!page) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  const workLogs = page.workLogs.map((log) => ({
    ...log,
    statusLabel: isWorkLogStatus(log.status) ? WORK_LOG_STATUS_LABELS[log.status] : log.status,
    attachments: log.attachments.map((a) => ({ ...a, purposeLabel: isAttachmentPurpose(a.purpose) ? ATTACHMENT_PURPOSE_LABELS[a.purpose] : a.purpose })),
  }));
  return { page: { ...page, workLogs }, role: actor.role, today: seoulDate(new Date()), inProgress: page.state === "in_progress" };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `작업일지 · ${data.page.number} · 스마트공장 AS 트래커` : "작업일지 · 스마트공장 AS 트래커" },
];

const hours = z
  .string({ error: "작업 시간을 입력해 주세요." })
  .trim()
  .transform((v) => v.replace(",", "."))
  .pipe(
    z
      .string()
      .min(1, "작업 시간을 입력해 주세요.")
      .regex(/^\d{1,2}(\.\d{1,2})?$/, "작업 시간은 시간 단위 숫자로 입력해 주세요 (예: 7.5).")
      .transform(Number)
      .refine((h) => h > 0 && h <= 24, "작업 시간은 0시간보다 많고 24시간 이하여야 합니다."),
  );

const PartSchema = z.object({
  name: fields.text("부품명", 200),
  oldSerial: fields.optionalText("기존 시리얼", 100),
  newSerial: fields.optionalText("신규 시리얼", 100),
});

const LogSchema = z.object({
  workedOn: fields.isoDate("작업일자"),
  hours,
  description: fields.text("작업 내용", 4000),
  swVersionBefore: fields.optionalText("변경 전 버전", 100),
  swVersionAfter: fields.optionalText("변경 후 버전", 100),
  trainingAttendees: fields.optionalText("교육 참석자", 1000),
  parts: z.array(PartSchema.nullable()).transform((rows) => rows.filter((r): r is z.infer<typeof PartSchema> => r !== null)),
});

const LogRef = z.object({ logId: fields.id, logVersion: fields.version });
const DisputeSchema = LogRef.extend({ comment: fields.text("이의 내용", 2000) });

function partRowsOf(form: FormData): number {
  const n = Number(form.get("partRows"));
  return Number.isInteger(n) ? Math.min(Math.max(n, 1), MAX_PART_ROWS) : MIN_PART_ROWS;
}

function logInputOf(form: FormData) {
  const str = (name: string) => (typeof form.get(name) === "string" ? String(form.get(name)) : "");
  const parts = Array.from({ length: partRowsOf(form) }, (_, i) => {
    const row = { name: str(`parts.${i}.name`), oldSerial: str(`parts.${i}.oldSerial`), newSerial: str(`parts.${i}.newSerial`) };
    return row.name.trim() === "" && row.oldSerial.trim() === "" && row.newSerial.trim() === "" ? null : row;
  });
  return {
    workedOn: str("workedOn"),
    hours: str("hours"),
    description: str("description"),
    swVersionBefore: str("swVersionBefore"),
    swVersionAfter: str("swVersionAfter"),
    trainingAttendees: str("trainingAttendees"),
    parts,
  };
}

const FILE_FIELDS: Record<string, WorkLogAttachmentPurpose> = {
  beforePhoto: "before_photo",
  afterPhoto: "after_photo",
  trainingMaterial: "training_material",
};

/** Checks and stores the uploaded files (by content); on any refusal the ones already stored are removed. */
async function saveAttachments(form: FormData): Promise<NewAttachment[]> {
  const saved: NewAttachment[] = [];
  try {
    for (const [field, purpose] of Object.entries(FILE_FIELDS)) {
      for (const value of form.getAll(field)) {
        if (typeof value === "string" || value.size === 0) continue;
        saved.push({ purpose, saved: await saveUpload(value as File) });
      }
    }
    return saved;
  } catch (error) {
    await Promise.all(saved.map((a) => discardSavedFile(a.saved)));
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsedParams = ParamsSchema.safeParse(params);
  if (!parsedParams.success) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  await requireVisibleTicket(actor, parsedParams.data.ticketId); // foreign → 404 before the form is read
  const ticketId = parsedParams.data.ticketId;
  let form: FormData;
  try {
    // Forms with files come as multipart; the others (confirm, dispute) as ordinary form posts.
    form = await readUploadForm(request);
  } catch (error) {
    return failureResponse(error);
  }
  const intent = form.get("intent");
  // `at` (the audit sequence) makes every success a new URL, so the form starts afresh.
  const done = (what: string, at: number) => redirect(`/tickets/${ticketId}/work-logs?done=${what}&at=${at}`);

  if (intent === "add_part_row") {
    const values = formValues(form);
    values.partRows = String(Math.min(partRowsOf(form) + 1, MAX_PART_ROWS));
    return { ok: false as const, addRow: true, values };
  }

  if (intent === "confirm" || intent === "dispute") {
    const parsed = intent === "confirm" ? parseWith(LogRef, Object.fromEntries(form), form) : parseWith(DisputeSchema, Object.fromEntries(form), form);
    if (!parsed.success) return badRequest(parsed.failure);
    try {
      if (intent === "confirm") {
        const r = await confirmWorkLog(actor, { ticketId, logId: parsed.data.logId, logVersion: parsed.data.logVersion });
        return done("confirmed", r.seq);
      }
      const data = parsed.data as z.infer<typeof DisputeSchema>;
      const r = await disputeWorkLog(actor, { ticketId, logId: data.logId, logVersion: data.logVersion, comment: data.comment });
      return done("disputed", r.seq);
    } catch (error) {
      return failureResponse(error, form);
    }
  }

  if (intent !== "create" && intent !== "update") return badRequest({ ok: false, formError: "이 화면에서 할 수 없는 작업입니다." });
  const parsed = parseWith(LogSchema, logInputOf(form), form);
  const ref = intent === "update" ? parseWith(LogRef, Object.fromEntries(form), form) : null;
  if (!parsed.success) return badRequest(parsed.failure);
  if (ref && !ref.success) return badRequest(ref.failure);
  let attachments: NewAttachment[] = [];
  try {
    attachments = await saveAttachments(form);
    const { hours: h, ...rest } = parsed.data;
    const logFields = { ...rest, minutes: Math.round(h * 60) };
    const today = seoulDate(new Date());
    if (ref?.success) {
      const remove = form.getAll("removeAttachment").filter((v): v is string => typeof v === "string" && v.length > 0 && v.length <= 64);
      const r = await updateWorkLog(actor, { ticketId, logId: ref.data.logId, logVersion: ref.data.logVersion, fields: logFields, attachments, removeAttachmentIds: remove, today });
      return done("updated", r.seq);
    }
    const r = await createWorkLog(actor, { ticketId, fields: logFields, attachments, today });
    return done("created", r.seq);
  } catch (error) {
    await Promise.all(attachments.map((a: { saved: SavedFile }) => discardSavedFile(a.saved)));
    return failureResponse(error, form);
  }
}

const DONE_MESSAGES: Record<string, string> = {
  created: "작업일지를 등록했습니다. 도입기업의 확인을 기다립니다.",
  updated: "작업일지를 수정했습니다. 도입기업의 확인을 기다립니다.",
  confirmed: "작업일지를 확인했습니다.",
  disputed: "이의를 제기했습니다. 공급기업이 수정하면 다시 확인할 수 있습니다.",
};

type PageData = ReturnType<typeof useLoaderData<typeof loader>>["page"];
type Log = PageData["workLogs"][number];
type Failure = FormFailure & { addRow?: boolean };

function hoursOf(minutes: number) {
  return (minutes / 60).toLocaleString("ko-KR", { maximumFractionDigits: 2 });
}

function ErrorBox({ failure }: { failure: Failure | undefined }) {
  if (!failure?.formError) return null;
  return (
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
  );
}

function FieldError({ failure, name }: { failure: Failure | undefined; name: string }) {
  const message = failure?.fieldErrors?.[name];
  return message ? <div className="field-error">{message}</div> : null;
}

/** The log version the edit started from, pinned at mount (live updates must not move it). */
function PinnedHidden({ name, value }: { name: string; value: number }) {
  const [pinned] = useState(value);
  return <input type="hidden" name={name} value={pinned} />;
}

function LogForm({ page, log, failure, today, formKey }: { page: PageData; log: Log | null; failure: Failure | undefined; today: string; formKey: string }) {
  const navigation = useNavigation();
  const values = failure?.values;
  const v = (name: string, fallback: string) => (values ? (values[name] ?? "") : fallback);
  const partRows = Number(values?.partRows) || Math.max(MIN_PART_ROWS, (log?.parts.length ?? 0) + 1);
  const errors = failure && !failure.addRow ? failure : undefined;
  const prefix = log ? "edit" : "new";
  const id = (name: string) => `${prefix}-${name}`;
  const { hw, sw, training } = page.evidence;
  return (
    <Form method="post" encType="multipart/form-data" noValidate key={formKey} data-testid={log ? "edit-log-form" : "new-log-form"}>
      <input type="hidden" name="intent" value={log ? "update" : "create"} />
      {log ? (
        <>
          <input type="hidden" name="logId" value={log.id} />
          <PinnedHidden key={formKey} name="logVersion" value={log.version} />
        </>
      ) : null}
      <input type="hidden" name="partRows" value={partRows} />
      <ErrorBox failure={errors} />
      <div className="grid-2">
        <div className="field">
          <label htmlFor={id("workedOn")}>작업일자</label>
          <input id={id("workedOn")} name="workedOn" type="date" max={today} defaultValue={v("workedOn", log?.workedOn ?? today)} />
          <FieldError failure={errors} name="workedOn" />
        </div>
        <div className="field">
          <label htmlFor={id("hours")}>작업 시간(시간)</label>
          <input id={id("hours")} name="hours" inputMode="decimal" defaultValue={v("hours", log ? hoursOf(log.minutes) : "")} placeholder="예: 7.5" />
          <FieldError failure={errors} name="hours" />
        </div>
      </div>
      <div className="field">
        <label htmlFor={id("description")}>작업 내용</label>
        <textarea id={id("description")} name="description" rows={3} maxLength={4000} defaultValue={v("description", log?.description ?? "")} />
        <FieldError failure={errors} name="description" />
      </div>
      {hw ? (
        <fieldset>
          <legend>교체 부품 (HW)</legend>
          <div className="rows">
            <div className="row-grid part row-head" aria-hidden="true">
              <span>부품명</span>
              <span>기존 시리얼</span>
              <span>신규 시리얼</span>
            </div>
            {Array.from({ length: partRows }, (_, i) => {
              const base = log?.parts[i];
              const n = (f: string) => `parts.${i}.${f}`;
              return (
                <div className="row-grid part" key={i}>
                  <span className="row-no">{i + 1}번 부품</span>
                  <div>
                    <label className="sr-only" htmlFor={id(`part-${i}-name`)}>
                      {i + 1}번 부품명
                    </label>
                    <input id={id(`part-${i}-name`)} name={n("name")} maxLength={200} defaultValue={v(n("name"), base?.name ?? "")} />
                    <FieldError failure={errors} name={n("name")} />
                  </div>
                  <div>
                    <label className="sr-only" htmlFor={id(`part-${i}-old`)}>
                      {i + 1}번 부품 기존 시리얼
                    </label>
                    <input id={id(`part-${i}-old`)} name={n("oldSerial")} maxLength={100} defaultValue={v(n("oldSerial"), base?.oldSerial ?? "")} />
                  </div>
                  <div>
                    <label className="sr-only" htmlFor={id(`part-${i}-new`)}>
                      {i + 1}번 부품 신규 시리얼
                    </label>
                    <input id={id(`part-${i}-new`)} name={n("newSerial")} maxLength={100} defaultValue={v(n("newSerial"), base?.newSerial ?? "")} />
                  </div>
                </div>
              );
            })}
          </div>
          {partRows < MAX_PART_ROWS ? (
            <button type="submit" name="intent" value="add_part_row" className="secondary" formNoValidate>
              부품 행 추가
            </button>
          ) : null}
          {failure?.addRow ? <p className="muted">행을 추가했습니다. 첨부 파일은 다시 선택해 주세요.</p> : null}
          <div className="grid-2" style={{ marginTop: "0.75rem" }}>
            <div className="field">
              <label htmlFor={id("beforePhoto")}>{ATTACHMENT_PURPOSE_LABELS.before_photo}</label>
              <input id={id("beforePhoto")} name="beforePhoto" type="file" accept=".jpg,.jpeg,.png" multiple />
            </div>
            <div className="field">
              <label htmlFor={id("afterPhoto")}>{ATTACHMENT_PURPOSE_LABELS.after_photo}</label>
              <input id={id("afterPhoto")} name="afterPhoto" type="file" accept=".jpg,.jpeg,.png" multiple />
            </div>
          </div>
        </fieldset>
      ) : null}
      {sw ? (
        <fieldset>
          <legend>버전 (SW 업그레이드)</legend>
          <div className="grid-2">
            <div className="field">
              <label htmlFor={id("swBefore")}>변경 전 버전</label>
              <input id={id("swBefore")} name="swVersionBefore" maxLength={100} defaultValue={v("swVersionBefore", log?.swVersionBefore ?? "")} />
              <FieldError failure={errors} name="swVersionBefore" />
            </div>
            <div className="field">
              <label htmlFor={id("swAfter")}>변경 후 버전</label>
              <input id={id("swAfter")} name="swVersionAfter" maxLength={100} defaultValue={v("swVersionAfter", log?.swVersionAfter ?? "")} />
              <FieldError failure={errors} name="swVersionAfter" />
            </div>
          </div>
        </fieldset>
      ) : null}
      {training ? (
        <fieldset>
          <legend>교육 (사용자 운영 지원)</legend>
          <div className="field">
            <label htmlFor={id("attendees")}>교육 참석자</label>
            <textarea id={id("attendees")} name="trainingAttendees" rows={2} maxLength={1000} defaultValue={v("trainingAttendees", log?.trainingAttendees ?? "")} placeholder="예: 생산팀 김OO, 이OO (2명)" />
            <FieldError failure={errors} name="trainingAttendees" />
          </div>
          <div className="field">
            <label htmlFor={id("material")}>{ATTACHMENT_PURPOSE_LABELS.training_material}</label>
            <input id={id("material")} name="trainingMaterial" type="file" accept={ACCEPTED_UPLOADS_CLIENT} multiple />
          </div>
        </fieldset>
      ) : null}
      {log && log.attachments.length ? (
        <fieldset>
          <legend>첨부된 파일</legend>
          {log.attachments.map((a) => (
            <label key={a.id} className="checkline" htmlFor={`remove-${a.id}`}>
              <input id={`remove-${a.id}`} type="checkbox" name="removeAttachment" value={a.id} />
              삭제: {a.purposeLabel} · {a.file.originalName}
            </label>
          ))}
        </fieldset>
      ) : null}
      <p className="muted">파일은 JPG·PNG(사진), PDF·HWP·HWPX·XLSX·DOCX(자료)만, 한 파일 20MB 이하로 올릴 수 있습니다. 파일 형식은 내용으로 확인합니다.</p>
      <div style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap" }}>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {log ? "수정 내용 저장" : "작업일지 등록"}
        </button>
        {log ? (
          <Link to="?" className="button secondary">
            취소
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

// The accept list is a hint for the file picker; the server checks the content.
const ACCEPTED_UPLOADS_CLIENT = ".pdf,.jpg,.jpeg,.png,.hwp,.hwpx,.xlsx,.docx";

export default function WorkLogsPage() {
  const { page, role, today, inProgress } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Failure | undefined;
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const done = search.get("done");
  const failedIntent = result?.values?.intent;
  const failedLogId = result?.values?.logId;
  const editId = failedIntent === "update" ? failedLogId : search.get("edit");
  const editing = role === "supplier" && inProgress ? (page.workLogs.find((l) => l.id === editId && l.status !== "confirmed") ?? null) : null;
  const formFailure = failedIntent === "create" || failedIntent === "update" || result?.addRow ? result : undefined;
  const unattached = result && !formFailure && !(failedIntent === "confirm" || failedIntent === "dispute") ? result : undefined;
  const totalMinutes = page.workLogs.reduce((sum, l) => sum + l.minutes, 0);
  const count = (status: WorkLogStatus) => page.workLogs.filter((l) => l.status === status).length;
  const stateLabel = isTicketState(page.state) ? STATE_LABELS[page.state] : page.state;
  return (
    <>
      <p className="muted">
        <Link to={`/tickets/${page.id}`}>← {page.number} 과제로</Link>
      </p>
      <h1>작업일지 · {page.title}</h1>
      <div className="card">
        <dl className="facts">
          <dt>과제</dt>
          <dd>
            {page.number} <StateBadge state={page.state} />{" "}
            <DueBadge state={page.state} planDueOn={null} revisionDueOn={null} windowEndOn={page.windowEndOn} today={today} />
          </dd>
          <dt>도입기업 / 공급기업</dt>
          <dd>
            {page.manufacturer.name} / {page.supplier.name}
          </dd>
          <dt>작업일지</dt>
          <dd data-testid="log-counts">
            {page.workLogs.length}건 · {WORK_LOG_STATUS_LABELS.confirmed} {count("confirmed")} · {WORK_LOG_STATUS_LABELS.submitted} {count("submitted")} ·{" "}
            {WORK_LOG_STATUS_LABELS.disputed} {count("disputed")} · 총{" "}
            {hoursOf(totalMinutes)}시간
          </dd>
          <dt>필요한 증빙</dt>
          <dd>{describeEvidence(page.evidence)}</dd>
        </dl>
        {inProgress && role === "supplier" && count("confirmed") === page.workLogs.length && page.workLogs.length > 0 ? (
          <p>
            모든 작업일지가 확인되었습니다. <Link to={`/tickets/${page.id}/completion`}>완료 보고하기</Link>
          </p>
        ) : null}
      </div>

      {done && DONE_MESSAGES[done] ? (
        <p className="toast-ok" role="status">
          {DONE_MESSAGES[done]}
        </p>
      ) : null}
      <ErrorBox failure={unattached} />

      {role === "supplier" && inProgress ? (
        <section className="card" aria-labelledby="log-form-h">
          <h2 id="log-form-h" style={{ marginTop: 0 }}>
            {editing ? `작업일지 수정 (${formatKoreanDate(editing.workedOn)})` : "새 작업일지"}
          </h2>
          {editing?.status === "disputed" && editing.disputeComment ? (
            <p className="dispute-box">도입기업 이의: {editing.disputeComment}</p>
          ) : null}
          <LogForm page={page} log={editing} failure={formFailure} today={today} formKey={`${editing?.id ?? "new"}-${search.get("at") ?? ""}`} />
        </section>
      ) : !inProgress ? (
        <p className="muted card">현재 단계({stateLabel})에서는 작업일지를 작성하거나 확인할 수 없습니다. 작업일지는 과제수행 단계에서 씁니다.</p>
      ) : null}

      <section aria-labelledby="logs-h">
        <h2 id="logs-h">작업일지 목록</h2>
        {page.workLogs.length === 0 ? <p className="muted card">아직 작업일지가 없습니다.</p> : null}
        {page.workLogs.map((log) => {
          const mine = failedLogId === log.id && (failedIntent === "confirm" || failedIntent === "dispute") ? result : undefined;
          const tone = log.status === "confirmed" ? "done" : log.status === "disputed" ? "stop" : "due";
          return (
            <article key={log.id} className="log-card" data-log-id={log.id} data-status={log.status} aria-label={`작업일지 ${formatKoreanDate(log.workedOn)}`}>
              <header>
                <strong>{formatKoreanDate(log.workedOn)}</strong>
                <span>{hoursOf(log.minutes)}시간</span>
                <span className={`badge ${tone}`}>{log.statusLabel}</span>
                <span className="muted">
                  {log.authorName ?? ""}
                  {log.status === "confirmed" && log.confirmedByName ? ` · 확인: ${log.confirmedByName}` : ""}
                </span>
              </header>
              <p style={{ whiteSpace: "pre-wrap", margin: "0.25rem 0" }}>{log.description}</p>
              {log.status === "disputed" && log.disputeComment ? (
                <p className="dispute-box" data-testid="dispute-comment">
                  도입기업 이의: {log.disputeComment}
                </p>
              ) : log.status === "submitted" && log.disputeComment ? (
                <p className="note-box">이전 이의(수정 후 재제출): {log.disputeComment}</p>
              ) : null}
              <div className="evidence">
                {log.parts.length ? (
                  <div className="table-wrap">
                    <table className="responsive">
                      <thead>
                        <tr>
                          <th>교체 부품</th>
                          <th>기존 시리얼</th>
                          <th>신규 시리얼</th>
                        </tr>
                      </thead>
                      <tbody>
                        {log.parts.map((p) => (
                          <tr key={p.id}>
                            <td data-label="교체 부품">{p.name}</td>
                            <td data-label="기존 시리얼">{p.oldSerial ?? "—"}</td>
                            <td data-label="신규 시리얼">{p.newSerial ?? "—"}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : null}
                {log.swVersionBefore || log.swVersionAfter ? (
                  <p>
                    SW 버전: {log.swVersionBefore ?? "—"} → {log.swVersionAfter ?? "—"}
                  </p>
                ) : null}
                {log.trainingAttendees ? <p>교육 참석자: {log.trainingAttendees}</p> : null}
                {log.attachments.length ? (
                  <ul>
                    {log.attachments.map((a) => (
                      <li key={a.id}>
                        {a.purposeLabel}:{" "}
                        <a href={`/files/${a.file.id}`} data-file-id={a.file.id}>
                          {a.file.originalName}
                        </a>{" "}
                        <span className="muted">({Math.max(1, Math.round(a.file.size / 1024)).toLocaleString("ko-KR")}KB)</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
              {role === "supplier" && inProgress && log.status !== "confirmed" ? (
                <p>
                  <Link to={`?edit=${log.id}`} className="button secondary" aria-label={`${formatKoreanDate(log.workedOn)} 작업일지 ${log.status === "disputed" ? "수정해 다시 제출" : "수정"}`}>
                    {log.status === "disputed" ? "수정해 다시 제출" : "수정"}
                  </Link>
                </p>
              ) : null}
              {role === "manufacturer" && inProgress && log.status === "submitted" ? (
                <div className="inline-forms">
                  <ErrorBox failure={mine} />
                  <Form method="post">
                    <input type="hidden" name="intent" value="confirm" />
                    <input type="hidden" name="logId" value={log.id} />
                    <input type="hidden" name="logVersion" value={log.version} />
                    <button type="submit" disabled={navigation.state === "submitting"}>
                      작업 확인
                    </button>
                  </Form>
                  <Form method="post" noValidate>
                    <input type="hidden" name="intent" value="dispute" />
                    <input type="hidden" name="logId" value={log.id} />
                    <input type="hidden" name="logVersion" value={log.version} />
                    <label htmlFor={`dispute-${log.id}`}>이의 내용</label>
                    <textarea id={`dispute-${log.id}`} name="comment" rows={2} maxLength={2000} defaultValue={mine?.values?.comment ?? ""} />
                    {mine?.fieldErrors?.comment ? <div className="field-error">{mine.fieldErrors.comment}</div> : null}
                    <button type="submit" className="secondary" style={{ marginTop: "0.4rem" }} disabled={navigation.state === "submitting"}>
                      이의 제기
                    </button>
                  </Form>
                </div>
              ) : null}
            </article>
          );
        })}
      </section>
    </>
  );
}
