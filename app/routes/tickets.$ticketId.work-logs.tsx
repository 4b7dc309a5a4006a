// 작업일지: the supplier writes and corrects work logs with their evidence while the project runs;
// the manufacturer confirms or disputes each submitted log. Edit, confirm and dispute each carry
// the log's own version (pinned when the form opened), never the ticket's.
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import {
  ATTACHMENT_PURPOSE_LABELS,
  ROW_LIMITS,
  STATE_LABELS,
  WORK_DATE_REFUSALS,
  WORK_LOG_STATUS_LABELS,
  formatKoreanDate,
  isAttachmentPurpose,
  isDomainError,
  isTicketState,
  isWorkLogStatus,
  type WorkLogAttachmentPurpose,
} from "~/domain";
import { confirmWorkLog, createWorkLog, disputeWorkLog, getWorkLogPage, updateWorkLog, withStoredAttachments } from "~/models/work-log.server";
import { fields } from "~/utils/fields";
import type { StepReply } from "~/utils/step-reply";
import { formName, invariantResponse, parseStepForm, readStepUpload, requireTicketStep, stepFailure } from "~/utils/ticket-step.server";
import { redirectWithToast } from "~/utils/toast.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { WORK_LOG_FORM, WorkLogForm, type WorkLogPartInput } from "~/components/ticket/work-log-form";
import { WorkLogList, WorkLogSummary } from "~/components/ticket/work-log-list";
import supplierStyles from "~/styles/supplier.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: supplierStyles }];
export const handle = { step: "작업일지" };

/** At most this many replaced parts per log (well below the helper's index limit). */
const MAX_PARTS = ROW_LIMITS.workLogParts;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params);
  const page = await getWorkLogPage(actor, ticketId);
  invariantResponse(page);
  const workLogs = page.workLogs.map((log) => ({
    ...log,
    statusLabel: isWorkLogStatus(log.status) ? WORK_LOG_STATUS_LABELS[log.status] : log.status,
    attachments: log.attachments.map((a) => ({
      ...a,
      purposeLabel: isAttachmentPurpose(a.purpose) ? ATTACHMENT_PURPOSE_LABELS[a.purpose] : a.purpose,
    })),
  }));
  return {
    id: page.id,
    state: page.state,
    evidence: page.evidence,
    period: page.period,
    workLogs,
    role: actor.role,
    today,
    inProgress: page.state === "in_progress",
  };
}

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

/** A part row left entirely blank is skipped; null keeps the other rows' indexes for their errors. */
const blankPart = (row: unknown) => {
  const r = (row ?? {}) as Record<string, unknown>;
  return ["name", "oldSerial", "newSerial"].every((k) => !String(r[k] ?? "").trim()) ? null : row;
};

const LogSchema = z.object({
  /** Present when correcting a log, with the log's version. */
  logId: fields.id.optional(),
  version: fields.version.optional(),
  workedOn: fields.isoDate("작업일자"),
  hours,
  description: fields.text("작업 내용", 4000),
  swVersionBefore: fields.optionalText("변경 전 버전", 100),
  swVersionAfter: fields.optionalText("변경 후 버전", 100),
  trainingAttendees: fields.optionalText("교육 참석자", 1000),
  parts: z
    .array(z.preprocess(blankPart, PartSchema.nullable()) as z.ZodType<z.output<typeof PartSchema> | null, WorkLogPartInput>)
    .max(MAX_PARTS, `교체 부품은 ${MAX_PARTS}개까지 입력할 수 있습니다.`)
    .optional()
    .transform((rows) => (rows ?? []).filter((r): r is z.infer<typeof PartSchema> => r !== null)),
});

const ConfirmSchema = z.object({ logId: fields.id, version: fields.version });
const DisputeSchema = ConfirmSchema.extend({ comment: fields.text("이의 내용", 2000) });
const REVIEW_SCHEMAS = { confirm: ConfirmSchema, dispute: DisputeSchema };

const FILE_FIELDS: Record<string, WorkLogAttachmentPurpose> = {
  beforePhoto: "before_photo",
  afterPhoto: "after_photo",
  trainingMaterial: "training_material",
};

function filesOf(form: FormData) {
  return Object.entries(FILE_FIELDS).flatMap(([field, purpose]) =>
    form.getAll(field).flatMap((value) => (typeof value === "string" || value.size === 0 ? [] : [{ purpose, file: value as File }])),
  );
}

/** A multipart body that cannot be read (too large, broken) is refused on the log form. */

/** Not a success nor a refusal of the rules: a field error (400) or a list intent answered with the new rows (200). */
function unfinished(submission: { status?: string; reply: () => StepReply["result"] }, form: string) {
  return data<StepReply>({ result: submission.reply(), form }, { status: submission.status === "error" ? 400 : 200 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { checkScope: true });
  const here = new URL(request.url).pathname;
  // forms with files come as multipart, confirm / dispute as plain posts
  const { form, refused } = await readStepUpload(request, WORK_LOG_FORM);
  if (refused) return refused;
  const name = formName(form) ?? WORK_LOG_FORM;
  if (name.startsWith("dispute-")) {
    const submission = parseStepForm(form, DisputeSchema);
    if (submission.status !== "success") return unfinished(submission, name);
    try {
      const { logId, version, comment } = submission.value;
      await disputeWorkLog(actor, { ticketId, logId, logVersion: version, comment });
      return await redirectWithToast(here, "이의를 제기했습니다. 공급기업이 수정하면 다시 확인할 수 있습니다.");
    } catch (error) {
      return stepFailure(submission, error, name);
    }
  }
  if (name.startsWith("confirm-")) {
    const submission = parseStepForm(form, ConfirmSchema);
    if (submission.status !== "success") return unfinished(submission, name);
    try {
      await confirmWorkLog(actor, { ticketId, logId: submission.value.logId, logVersion: submission.value.version });
      return await redirectWithToast(here, "작업일지를 확인했습니다.");
    } catch (error) {
      return stepFailure(submission, error, name);
    }
  }
  const submission = parseStepForm(form, LogSchema);
  if (submission.status !== "success") return unfinished(submission, WORK_LOG_FORM);
  const { logId, version, hours: h, ...rest } = submission.value;
  const logFields = { ...rest, minutes: Math.round(h * 60) };
  try {
    await withStoredAttachments(filesOf(form), (attachments) => {
      if (!logId) return createWorkLog(actor, { ticketId, fields: logFields, attachments, today });
      const remove = form.getAll("removeAttachment").filter((v): v is string => typeof v === "string" && v.length > 0 && v.length <= 64);
      return updateWorkLog(actor, {
        ticketId,
        logId,
        logVersion: version ?? 0,
        fields: logFields,
        attachments,
        removeAttachmentIds: remove,
        today,
      });
    });
    return await redirectWithToast(
      here,
      logId ? "작업일지를 수정했습니다. 도입기업의 확인을 기다립니다." : "작업일지를 등록했습니다. 도입기업의 확인을 기다립니다.",
    );
  } catch (error) {
    // a work date outside the agreed period (or after today) is shown on the date field itself
    if (isDomainError(error) && (WORK_DATE_REFUSALS as readonly string[]).includes(error.code)) {
      return data<StepReply>({ result: submission.reply({ fieldErrors: { workedOn: [error.message] } }), form: WORK_LOG_FORM }, { status: 400 });
    }
    return stepFailure(submission, error, WORK_LOG_FORM);
  }
}

export default function WorkLogsPage() {
  const { id, state, evidence, period, workLogs, role, today, inProgress } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const editId = search.get("edit");
  const editing = role === "supplier" && inProgress ? (workLogs.find((l) => l.id === editId && l.status !== "confirmed") ?? null) : null;
  const stateLabel = isTicketState(state) ? STATE_LABELS[state] : state;
  return (
    <>
      <WorkLogSummary logs={workLogs} evidence={evidence} ticketId={id} canReport={inProgress && role === "supplier"} />
      {role === "supplier" && inProgress ? (
        <section className="card" aria-labelledby="log-form-h">
          <h2 id="log-form-h" style={{ marginTop: 0 }}>
            {editing ? `작업일지 수정 (${formatKoreanDate(editing.workedOn)})` : "새 작업일지"}
          </h2>
          {editing?.status === "disputed" && editing.disputeComment ? (
            <p className="dispute-box">도입기업 이의: {editing.disputeComment}</p>
          ) : null}
          <WorkLogForm
            key={editing?.id ?? "new"}
            schema={LogSchema}
            log={editing}
            evidence={evidence}
            today={today}
            period={period}
            reply={reply}
            maxParts={MAX_PARTS}
          />
        </section>
      ) : !inProgress ? (
        <p className="muted card">
          현재 단계({stateLabel})에서는 작업일지를 작성하거나 확인할 수 없습니다. 작업일지는 과제수행 단계에서 씁니다.
        </p>
      ) : null}
      <WorkLogList logs={workLogs} role={role} inProgress={inProgress} schemas={REVIEW_SCHEMAS} reply={reply} />
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
