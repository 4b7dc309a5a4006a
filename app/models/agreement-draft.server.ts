// The agreement draft as the data gives it (ADR 031): the facts read from the database, the terms and the
// Korean text by the rules (app/domain/agreement.ts), the text's SHA-256. No workflow here: the steps are
// agreement.server.ts; the demo seed draws its concluded agreements the same way.
import { createHash } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import type { prisma } from "~/db.server";
import { agreementTerms, agreementText, type AgreementFacts, type IsoDate, type ProgramParams } from "~/domain";

type Db = Prisma.TransactionClient | typeof prisma;

const PARTY_SELECT = { name: true, businessNumber: true, representative: true, address: true } as const;

/** SHA-256 of the text as UTF-8, hex: what a consent and the agreement are pinned to. */
function agreementTextHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * What the agreement is drawn from, starting on `startOn`: the ticket, its three parties, and the quote the
 * latest cost review verified (its lines with their verified amounts). Null without a confirmed cost review.
 */
async function agreementFactsOf(db: Db, ticketId: string, startOn: IsoDate): Promise<AgreementFacts | null> {
  const [ticket, review] = await Promise.all([
    db.ticket.findUniqueOrThrow({
      where: { id: ticketId },
      select: {
        number: true,
        title: true,
        program: { select: { name: true, noticeNumber: true, technopark: { select: PARTY_SELECT } } },
        manufacturer: { select: PARTY_SELECT },
        supplier: { select: PARTY_SELECT },
      },
    }),
    db.costReview.findFirst({
      where: { ticketId },
      orderBy: { createdAt: "desc" },
      select: {
        status: true,
        quoteTotal: true,
        verifiedAmount: true,
        quote: {
          select: {
            lines: {
              orderBy: { sortOrder: "asc" },
              select: { kind: true, description: true, quantity: true, unitPrice: true, amount: true, verifiedAmount: true },
            },
          },
        },
      },
    }),
  ]);
  if (!review || review.status !== "confirmed") return null;
  return {
    ticketNumber: ticket.number,
    title: ticket.title,
    programName: ticket.program.name,
    noticeNumber: ticket.program.noticeNumber,
    technopark: ticket.program.technopark,
    manufacturer: ticket.manufacturer,
    supplier: ticket.supplier,
    items: review.quote.lines,
    quoteTotal: review.quoteTotal,
    verifiedAmount: review.verifiedAmount,
    startOn,
  };
}

/** The draft the data gives today for `startOn`: its terms, its text and the text's hash (null: no confirmed cost review). */
export async function buildAgreementDraft(db: Db, ticketId: string, startOn: IsoDate, params: ProgramParams) {
  const facts = await agreementFactsOf(db, ticketId, startOn);
  if (!facts) return null;
  const terms = agreementTerms(facts, params);
  const text = agreementText(terms);
  return { terms, text, textHash: agreementTextHash(text) };
}

export type AgreementDraftBuilt = NonNullable<Awaited<ReturnType<typeof buildAgreementDraft>>>;
