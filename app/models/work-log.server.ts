// 작업일지 (work logs) while the project runs: the supplier writes them with
// the evidence its AS type calls for (evidenceFor in app/domain, the same
// table the completion check reads), the manufacturer confirms or disputes
// them. Each log has its own `version` for optimistic locking (the ticket's
// version moves on every change, so it would refuse unrelated saves).
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  ATTACHMENT_PURPOSE_LABELS,
  DomainError,
  WORK_LOG_STATES,
  assertWorkDate,
  evidenceFor,
  formatKoreanDateShort,
  isPhotoPurpose,
  isSupportType,
  type IsoDate,
  type WorkLogAttachmentPurpose,
  type WorkLogStatus,
  josa,
} from "~/domain";
import { changeTicket, type Tx } from "./workflow.server";
import { ConflictError, NotFoundError } from "./errors.server";
import { discardSavedFile, recordStoredFile, removeAttachments, removeStoredBytes, saveUpload, type SavedFile } from "./files.server";
import { visibleTicket } from "./ticket.server";
import { STEP_TICKET_SELECT } from "./selects.server";

export type WorkLogFields = {
  workedOn: IsoDate;
  minutes: number;
  description: string;
  parts: { name: string; oldSerial: string | null; newSerial: string | null }[];
  swVersionBefore: string | null;
  swVersionAfter: string | null;
  trainingAttendees: string | null;
};
export type NewAttachment = { purpose: WorkLogAttachmentPurpose; saved: SavedFile };

const WORK_STATES = WORK_LOG_STATES;
const WORK_STATE_MESSAGE = "작업일지는 과제수행 단계에서만 작성·확인할 수 있습니다.";

/**
 * Checks and stores uploaded files (by content) and runs `save` with them; when storing or `save`
 * fails, the files already stored are removed again.
 */
export async function withStoredAttachments<R>(
  files: readonly { purpose: WorkLogAttachmentPurpose; file: File }[],
  save: (attachments: NewAttachment[]) => Promise<R>,
): Promise<R> {
  const stored: NewAttachment[] = [];
  try {
    for (const { purpose, file } of files) stored.push({ purpose, saved: await saveUpload(file) });
    return await save(stored);
  } catch (error) {
    await Promise.all(stored.map((a) => discardSavedFile(a.saved)));
    throw error;
  }
}

/** The work-log page (the ticket's header comes from the layout route). Null when out of scope. */
export async function getWorkLogPage(actor: Actor, ticketId: string) {
  const ticket = await prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      ...STEP_TICKET_SELECT,
      supportTypes: { select: { type: true } },
      agreement: { select: { startOn: true, endOn: true } },
      workLogs: {
        orderBy: [{ workedOn: "desc" }, { createdAt: "desc" }],
        select: {
          id: true,
          workedOn: true,
          minutes: true,
          description: true,
          status: true,
          disputeComment: true,
          confirmedAt: true,
          confirmedById: true,
          authorId: true,
          swVersionBefore: true,
          swVersionAfter: true,
          trainingAttendees: true,
          version: true,
          updatedAt: true,
          parts: { orderBy: { id: "asc" }, select: { id: true, name: true, oldSerial: true, newSerial: true } },
          attachments: { select: { id: true, purpose: true, file: { select: { id: true, originalName: true, mimeType: true, size: true } } } },
        },
      },
    },
  });
  if (!ticket) return null;
  const userIds = [...new Set(ticket.workLogs.flatMap((l) => [l.authorId, l.confirmedById]).filter((id): id is string => Boolean(id)))];
  const users = userIds.length ? await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const { agreement, ...rest } = ticket;
  return {
    ...rest,
    /** The agreed execution period (사업기간, with approved extensions): the work dates' bounds. */
    period: agreement,
    evidence: evidenceFor(ticket.supportTypes.map((s) => s.type).filter(isSupportType)),
    workLogs: ticket.workLogs.map(({ authorId, confirmedById, ...log }) => ({
      ...log,
      authorName: nameOf.get(authorId) ?? null,
      confirmedByName: confirmedById ? (nameOf.get(confirmedById) ?? null) : null,
    })),
  };
}

/**
 * The work date lies within the agreed execution period as it stands in this transaction (an
 * extension approved meanwhile counts) and not after today; checked after the scope, role and
 * state checks, so a foreign ticket's period is never named.
 */
async function checkWorkDate(tx: Tx, ticketId: string, fields: WorkLogFields, today: IsoDate) {
  const period = await tx.agreement.findUnique({ where: { ticketId }, select: { startOn: true, endOn: true } });
  assertWorkDate(fields.workedOn, period, today);
}

async function attach(tx: Tx, actor: Actor, workLogId: string, attachments: readonly NewAttachment[]) {
  for (const a of attachments) {
    if (isPhotoPurpose(a.purpose) && !a.saved.mimeType.startsWith("image/")) {
      throw new DomainError("photo_type", `${josa(ATTACHMENT_PURPOSE_LABELS[a.purpose], "은", "는")} JPG 또는 PNG 사진만 올릴 수 있습니다.`);
    }
    const file = await recordStoredFile(tx, actor, a.saved);
    await tx.attachment.create({ data: { fileId: file.id, purpose: a.purpose, workLogId } });
  }
}

function describe(fields: WorkLogFields) {
  return `${formatKoreanDateShort(fields.workedOn)} ${(fields.minutes / 60).toLocaleString("ko-KR", { maximumFractionDigits: 2 })}시간`;
}

/** A new work log (status submitted) with its parts and attachments. */
export async function createWorkLog(
  actor: Actor,
  input: { ticketId: string; fields: WorkLogFields; attachments: NewAttachment[]; today: IsoDate },
) {
  let logId = "";
  const result = await changeTicket(actor, {
    ticketId: input.ticketId,
    action: "worklog.create",
    roles: ["supplier"],
    states: WORK_STATES,
    stateMessage: WORK_STATE_MESSAGE,
    apply: async (tx, facts) => {
      await checkWorkDate(tx, facts.id, input.fields, input.today);
      const { parts, ...rest } = input.fields;
      const log = await tx.workLog.create({
        data: { ...rest, ticketId: facts.id, authorId: actor.userId, status: "submitted", parts: { create: parts } },
      });
      logId = log.id;
      await attach(tx, actor, log.id, input.attachments);
      return {
        summary: `작업일지(${describe(input.fields)})를 등록했습니다.`,
        data: { workLogId: log.id, parts: parts.length, attachments: input.attachments.length },
      };
    },
  });
  return { ...result, logId };
}

/** Loads a log of this ticket inside the transaction, or 404. */
async function findLog(tx: Tx, ticketId: string, logId: string) {
  const log = await tx.workLog.findFirst({
    where: { id: logId, ticketId },
    select: { id: true, status: true, version: true, workedOn: true, minutes: true },
  });
  if (!log) throw new NotFoundError("작업일지를 찾을 수 없습니다.");
  return log;
}

/** Writes only if the log still has the version the user saw; else someone saved first. */
async function guardedUpdate(
  tx: Tx,
  logId: string,
  logVersion: number,
  statuses: WorkLogStatus[],
  data: Parameters<Tx["workLog"]["updateMany"]>[0]["data"],
) {
  const updated = await tx.workLog.updateMany({
    where: { id: logId, version: logVersion, status: { in: statuses } },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count !== 1) throw new ConflictError();
}

/**
 * The supplier corrects a log not yet confirmed (submitted or disputed); a
 * disputed log goes back to "확인 대기". Parts are replaced by the ones sent;
 * attachments are added, and those listed in `removeAttachmentIds` removed.
 */
export async function updateWorkLog(
  actor: Actor,
  input: {
    ticketId: string;
    logId: string;
    logVersion: number;
    fields: WorkLogFields;
    attachments: NewAttachment[];
    removeAttachmentIds: string[];
    today: IsoDate;
  },
) {
  let released: string[] = [];
  const result = await changeTicket(actor, {
    ticketId: input.ticketId,
    action: "worklog.update",
    roles: ["supplier"],
    states: WORK_STATES,
    stateMessage: WORK_STATE_MESSAGE,
    apply: async (tx, facts) => {
      const log = await findLog(tx, facts.id, input.logId);
      if (log.version !== input.logVersion) throw new ConflictError();
      if (log.status === "confirmed") throw new DomainError("work_log_confirmed", "도입기업이 확인한 작업일지는 수정할 수 없습니다.");
      await checkWorkDate(tx, facts.id, input.fields, input.today);
      const { parts, ...rest } = input.fields;
      await guardedUpdate(tx, log.id, input.logVersion, ["submitted", "disputed"], {
        ...rest,
        status: "submitted",
        confirmedAt: null,
        confirmedById: null,
      });
      await tx.workLogPart.deleteMany({ where: { workLogId: log.id } });
      if (parts.length) await tx.workLogPart.createMany({ data: parts.map((p) => ({ ...p, workLogId: log.id })) });
      if (input.removeAttachmentIds.length) {
        // their stored files go too, the bytes once this commits (unless another record uses them)
        released = await removeAttachments(tx, { id: { in: input.removeAttachmentIds }, workLogId: log.id });
      }
      await attach(tx, actor, log.id, input.attachments);
      return {
        summary:
          log.status === "disputed"
            ? `이의 제기된 작업일지(${describe(input.fields)})를 수정해 다시 제출했습니다.`
            : `작업일지(${describe(input.fields)})를 수정했습니다.`,
        data: { workLogId: log.id, fromStatus: log.status },
      };
    },
  });
  await removeStoredBytes(released);
  return result;
}

/** The manufacturer confirms a submitted log; a confirmed log is final. */
export async function confirmWorkLog(actor: Actor, input: { ticketId: string; logId: string; logVersion: number }) {
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "worklog.confirm",
    roles: ["manufacturer"],
    states: WORK_STATES,
    stateMessage: WORK_STATE_MESSAGE,
    apply: async (tx, facts) => {
      const log = await findLog(tx, facts.id, input.logId);
      if (log.version !== input.logVersion) throw new ConflictError();
      if (log.status !== "submitted") {
        throw new DomainError(
          "work_log_not_pending",
          log.status === "confirmed" ? "이미 확인한 작업일지입니다." : "이의 제기한 작업일지는 공급기업이 수정한 뒤 확인할 수 있습니다.",
        );
      }
      await guardedUpdate(tx, log.id, input.logVersion, ["submitted"], {
        status: "confirmed",
        confirmedAt: new Date(),
        confirmedById: actor.userId,
      });
      return {
        summary: `작업일지(${formatKoreanDateShort(log.workedOn)})를 확인했습니다.`,
        data: { workLogId: log.id },
      };
    },
  });
}

/** The manufacturer disputes a submitted log with a comment (required). */
export async function disputeWorkLog(actor: Actor, input: { ticketId: string; logId: string; logVersion: number; comment: string }) {
  if (!input.comment.trim()) throw new DomainError("dispute_comment_required", "이의 내용을 입력해 주세요.");
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "worklog.dispute",
    roles: ["manufacturer"],
    states: WORK_STATES,
    stateMessage: WORK_STATE_MESSAGE,
    apply: async (tx, facts) => {
      const log = await findLog(tx, facts.id, input.logId);
      if (log.version !== input.logVersion) throw new ConflictError();
      if (log.status !== "submitted") {
        throw new DomainError(
          "work_log_not_pending",
          log.status === "confirmed" ? "이미 확인한 작업일지에는 이의를 제기할 수 없습니다." : "이미 이의를 제기한 작업일지입니다.",
        );
      }
      await guardedUpdate(tx, log.id, input.logVersion, ["submitted"], { status: "disputed", disputeComment: input.comment.trim() });
      return {
        summary: `작업일지(${formatKoreanDateShort(log.workedOn)})에 이의를 제기했습니다: ${input.comment.trim().slice(0, 100)}`,
        data: { workLogId: log.id },
      };
    },
  });
}
