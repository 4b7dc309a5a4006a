// 견적 (quotes): append-only versions with line items. The supplier writes a
// new version; the manufacturer and the monitor read the latest and the
// history. Totals come from app/domain (quoteTotal, lineAmount), the line
// kinds and their labels too (QUOTE_LINE_KINDS, QUOTE_LINE_KIND_LABELS). Each version may carry the
// supplier's signed quote (서명·날인된 견적서, PDF or image; issue 17), attached with the version or later
// to the latest one; the companies, the TP and the assigned cost agency read it (file-links.server.ts).
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, QUOTE_EDITABLE_STATES, formatKRW, lineAmount, quoteTotal, type QuoteLineKind, type TicketState } from "~/domain";
import { changeTicket, type Tx } from "./workflow.server";
import { ConflictError } from "./errors.server";
import { visibleTicket } from "./ticket.server";
import { paramsOf } from "./program.server";
import { QUOTE_SELECT } from "./selects.server";
import { recordStoredFile, type SavedFile } from "./files.server";
import { attachedFiles, releaseReplaced } from "./plan-quote-files.server";

/**
 * The supplier quotes or revises from the application (신청접수) until the
 * agreement (협약): the domain's QUOTE_EDITABLE_STATES (kept under this name
 * for the quote page). Drafts are invisible to the supplier.
 */
export const QUOTE_STATES: readonly TicketState[] = QUOTE_EDITABLE_STATES;

export type QuoteLineInput = { kind: QuoteLineKind; description: string; quantity: number; unitPrice: number };

/**
 * The quote page (the ticket's header comes from the layout route): the state, the program's rule
 * parameters (for the expected subsidy as the supplier types), and every version (latest first)
 * with its lines. Null when out of scope.
 */
export async function getQuotePage(actor: Actor, ticketId: string) {
  const ticket = await prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      id: true,
      state: true,
      program: true,
      quotes: {
        orderBy: { version: "desc" },
        select: { ...QUOTE_SELECT, createdById: true, signedFileId: true },
      },
    },
  });
  if (!ticket) return null;
  const signed = await attachedFiles(ticket.quotes.map((q) => q.signedFileId));
  const authorIds = [...new Set(ticket.quotes.map((q) => q.createdById))];
  const authors = authorIds.length ? await prisma.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(authors.map((a) => [a.id, a.name]));
  const { program, ...rest } = ticket;
  return {
    ...rest,
    params: paramsOf(program),
    quotes: ticket.quotes.map(({ createdById, signedFileId, ...q }) => ({
      ...q,
      authorName: nameOf.get(createdById) ?? null,
      signedFile: signedFileId ? (signed.get(signedFileId) ?? null) : null,
    })),
  };
}

/** The latest quote version, if it is the one the form was built on (`baseVersion`, 0: none); else a ConflictError. */
async function latestQuoteOf(tx: Tx, ticketId: string, baseVersion: number) {
  const latest = await tx.quote.findFirst({
    where: { ticketId },
    orderBy: { version: "desc" },
    select: { id: true, version: true, signedFileId: true },
  });
  const current = latest?.version ?? 0;
  if (current !== baseVersion) {
    throw new ConflictError(`다른 사용자가 먼저 변경했습니다. 새로고침한 뒤 다시 시도해 주세요. (그 사이 견적 ${current}차가 저장되었습니다.)`);
  }
  return latest;
}

/**
 * Saves a new quote version. `baseVersion` is the latest version the form was
 * built on (0 when there was none): if someone saved a newer one since, the
 * save is refused (ConflictError) instead of silently replacing it. Old
 * versions are never updated.
 */
export async function saveQuoteVersion(
  actor: Actor,
  input: { ticketId: string; baseVersion: number; lines: QuoteLineInput[]; note: string | null; signed?: SavedFile | null },
) {
  // Amounts and the total from the rules module (refuses overflow, fractions, negatives).
  const total = quoteTotal(input.lines);
  const lines = input.lines.map((line, i) => ({ ...line, amount: lineAmount(line), sortOrder: i }));
  let savedVersion = 0;
  const result = await changeTicket(actor, {
    ticketId: input.ticketId,
    action: "quote.create",
    roles: ["supplier"],
    states: QUOTE_STATES,
    stateMessage: "협약 이후에는 견적을 수정할 수 없습니다 (견적은 신청접수부터 협약 전까지 작성·수정할 수 있습니다).",
    apply: async (tx, facts) => {
      const current = (await latestQuoteOf(tx, facts.id, input.baseVersion))?.version ?? 0;
      savedVersion = current + 1;
      await tx.quote.create({
        data: {
          ticketId: facts.id,
          version: savedVersion,
          total,
          note: input.note,
          signedFileId: input.signed ? (await recordStoredFile(tx, actor, input.signed)).id : null,
          createdById: actor.userId,
          lines: { create: lines },
        },
      });
      return {
        summary:
          savedVersion === 1
            ? `견적서를 제출했습니다 (견적금액 ${formatKRW(total)}).`
            : `견적서를 ${savedVersion}차로 수정했습니다 (견적금액 ${formatKRW(total)}).`,
        ticketPatch: { quoteTotal: total },
        data: { quoteVersion: savedVersion, total, lines: lines.length },
      };
    },
  });
  return { ...result, quoteVersion: savedVersion, total };
}

/**
 * 서명·날인된 견적서: attaches the supplier's signed quote to the latest version (the one the page showed,
 * `quoteVersion`), replacing the one it had. Until the agreement, like the quote itself.
 */
export async function attachSignedQuote(actor: Actor, input: { ticketId: string; quoteVersion: number; signed: SavedFile }) {
  let removeReplaced = async () => {};
  const result = await changeTicket(actor, {
    ticketId: input.ticketId,
    action: "quote.sign",
    roles: ["supplier"],
    states: QUOTE_STATES,
    stateMessage: "협약 이후에는 견적서를 바꿀 수 없습니다 (서명·날인된 견적서는 협약 전까지 첨부할 수 있습니다).",
    apply: async (tx, facts) => {
      const latest = await latestQuoteOf(tx, facts.id, input.quoteVersion);
      if (!latest) throw new DomainError("no_quote", "먼저 견적을 저장한 뒤 서명·날인된 견적서를 첨부해 주세요.");
      const file = await recordStoredFile(tx, actor, input.signed);
      await tx.quote.update({ where: { id: latest.id }, data: { signedFileId: file.id } });
      removeReplaced = await releaseReplaced(tx, [latest.signedFileId]);
      return {
        summary: `견적 ${latest.version}차에 서명·날인된 견적서를 첨부했습니다.`,
        data: { quoteVersion: latest.version },
      };
    },
  });
  await removeReplaced();
  return result;
}
