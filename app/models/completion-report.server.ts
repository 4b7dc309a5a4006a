// 완료보고 (completion report): the supplier reports what was done and the
// results, with attachments; the same transaction moves the ticket to
// 완료점검 (report_completion), which the state machine refuses while a work
// log is unconfirmed.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { isTicketState, type AttachmentPurpose, type IsoDate } from "~/domain";
import { transitionTicket } from "./workflow.server";
import { discardSavedFile, recordStoredFile, saveUpload, type SavedFile } from "./files.server";
import { getTicketAssessment, visibleTicket } from "./ticket.server";
import { STEP_TICKET_SELECT } from "./selects.server";

/** The completion page (the ticket's header comes from the layout route). Null when out of scope. */
export async function getCompletionPage(actor: Actor, ticketId: string, today: IsoDate) {
  const ticket = await prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      ...STEP_TICKET_SELECT,
      completionReports: {
        orderBy: { submittedAt: "desc" },
        select: {
          id: true,
          summary: true,
          results: true,
          submittedAt: true,
          authorId: true,
          attachments: { select: { id: true, purpose: true, file: { select: { id: true, originalName: true, mimeType: true, size: true } } } },
        },
      },
    },
  });
  if (!ticket) return null;
  // counted by ticket (a relation `_count` would group the whole WorkLog table: ADR 009)
  const workLogCount = await prisma.workLog.count({ where: { ticketId: ticket.id } });
  // What the rules say about report_completion for this actor now (allowed, or why not).
  let step: { allowed: boolean; reasons: string[] } | null = null;
  if (actor.role === "supplier" && isTicketState(ticket.state) && ticket.state === "in_progress") {
    const assessment = await getTicketAssessment(actor, ticket.id, today);
    const found = assessment?.actions.find((a) => a.action === "report_completion");
    step = found ? { allowed: found.allowed, reasons: found.reasons } : null;
  }
  const authorIds = [...new Set(ticket.completionReports.map((r) => r.authorId))];
  const authors = authorIds.length ? await prisma.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(authors.map((a) => [a.id, a.name]));
  return {
    ...ticket,
    workLogCount,
    step,
    completionReports: ticket.completionReports.map(({ authorId, ...r }) => ({ ...r, authorName: nameOf.get(authorId) ?? null })),
  };
}

/** Reports completion: the report, its attachments and the step to 완료점검, in one transaction. */
export async function reportCompletion(
  actor: Actor,
  input: { ticketId: string; expectedVersion: number; summary: string; results: string; files: SavedFile[]; today: IsoDate },
) {
  let reportId = "";
  const result = await transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "report_completion",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      const report = await tx.completionReport.create({
        data: { ticketId: facts.id, summary: input.summary, results: input.results, authorId: actor.userId },
      });
      reportId = report.id;
      for (const saved of input.files) {
        const file = await recordStoredFile(tx, actor, saved);
        await tx.attachment.create({ data: { fileId: file.id, purpose: "report" satisfies AttachmentPurpose, completionReportId: report.id } });
      }
      return {
        summary: `완료 보고를 제출했습니다${input.files.length ? ` (첨부 ${input.files.length}건)` : ""}. 완료점검 단계로 변경되었습니다.`,
        data: { completionReportId: report.id, attachments: input.files.length },
      };
    },
  });
  return { ...result, reportId };
}

/**
 * Checks and stores the uploaded files (by content), then reports completion with them; when
 * anything is refused, the files already stored are removed again.
 */
export async function reportCompletionWithUploads(
  actor: Actor,
  input: Omit<Parameters<typeof reportCompletion>[1], "files"> & { uploads: readonly File[] },
) {
  const { uploads, ...rest } = input;
  const files: SavedFile[] = [];
  try {
    for (const upload of uploads) files.push(await saveUpload(upload));
    return await reportCompletion(actor, { ...rest, files });
  } catch (error) {
    await Promise.all(files.map((f) => discardSavedFile(f)));
    throw error;
  }
}
