// Files of the money after the agreement (issue 16): the share deposit's transfer proof, a payment's
// evidence, the settlement's tax invoices and receipts, a part purchase's proof. Their tables name the
// StoredFile by id only (no relation on StoredFile), so the two rules that walk StoredFile's relations
// ask here too: who may download such a file, and whether a file is still in use (never collected).
// Issue 17 adds the plan's and the quote's files: the official plan form (수행계획서 양식) of a draft and of
// a submitted version, and the signed quote (서명·날인된 견적서) of a quote version.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { ticketScope } from "./ticket.server";
import { declaredExpertScope } from "./expert-access.server";

type Db = Prisma.TransactionClient | typeof prisma;

/** The roles who read the money's files: the ticket's two companies and the TP (not the experts, whose step is not money). */
const MONEY_READERS: readonly Actor["role"][] = ["manufacturer", "supplier", "monitor"];

/** True when `fileId` is the file of a deposit, payment, settlement evidence or part purchase of a ticket the actor may read. */
export async function moneyFileReadable(actor: Actor, fileId: string): Promise<boolean> {
  if (!MONEY_READERS.includes(actor.role)) return false;
  const ticket = ticketScope(actor);
  const found = await Promise.all([
    prisma.shareDeposit.count({ where: { proofFileId: fileId, ticket } }),
    prisma.payment.count({ where: { evidenceFileId: fileId, ticket } }),
    prisma.settlementEvidence.count({ where: { fileId, settlement: { ticket } } }),
    prisma.partPurchase.count({ where: { proofFileId: fileId, ticket } }),
  ]);
  return found.some((n) => n > 0);
}

/**
 * True when `fileId` is the plan form of a submitted plan version or the signed quote of a quote version of a
 * ticket the actor reads: the two companies, the TP, and the cost agency assigned (declared) — its step reviews
 * the quote and the plan (EXPERT_PAGES); never the evaluator. A draft's form only for the supplier's
 * organisation: nobody else sees a draft.
 */
export async function planQuoteFileReadable(actor: Actor, fileId: string): Promise<boolean> {
  if (actor.role === "evaluator") return false;
  const ticket = declaredExpertScope(actor) ?? ticketScope(actor);
  const found = await Promise.all([
    prisma.executionPlan.count({ where: { formFileId: fileId, ticket } }),
    prisma.quote.count({ where: { signedFileId: fileId, ticket } }),
    actor.role === "supplier" ? prisma.planDraft.count({ where: { formFileId: fileId, ticket } }) : 0,
  ]);
  return found.some((n) => n > 0);
}

/** The ids among `fileIds` that a row of these tables (or a cost review's report, a plan's form, a signed quote) still names: never released. */
export async function linkedFileIds(db: Db, fileIds: readonly string[]): Promise<Set<string>> {
  if (fileIds.length === 0) return new Set();
  const ids = { in: [...fileIds] };
  const rows = await Promise.all([
    db.shareDeposit.findMany({ where: { proofFileId: ids }, select: { proofFileId: true } }).then((r) => r.map((x) => x.proofFileId)),
    db.payment.findMany({ where: { evidenceFileId: ids }, select: { evidenceFileId: true } }).then((r) => r.map((x) => x.evidenceFileId)),
    db.settlementEvidence.findMany({ where: { fileId: ids }, select: { fileId: true } }).then((r) => r.map((x) => x.fileId)),
    db.partPurchase.findMany({ where: { proofFileId: ids }, select: { proofFileId: true } }).then((r) => r.map((x) => x.proofFileId)),
    db.costReview.findMany({ where: { reportFileId: ids }, select: { reportFileId: true } }).then((r) => r.map((x) => x.reportFileId)),
    db.executionPlan.findMany({ where: { formFileId: ids }, select: { formFileId: true } }).then((r) => r.map((x) => x.formFileId)),
    db.planDraft.findMany({ where: { formFileId: ids }, select: { formFileId: true } }).then((r) => r.map((x) => x.formFileId)),
    db.quote.findMany({ where: { signedFileId: ids }, select: { signedFileId: true } }).then((r) => r.map((x) => x.signedFileId)),
  ]);
  return new Set(rows.flat().filter((id): id is string => typeof id === "string"));
}
