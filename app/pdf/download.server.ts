// The download of a ticket's PDF (ADR 035), one way for the four: the actor, the roles that may download it
// (others: the 404 of a foreign ticket, and the experts through their page list), the scoped reader, a Korean
// 404 when the document does not exist yet, then the PDF under a Korean file name.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Actor } from "~/auth/actor";
import type { IsoDate } from "~/domain";
import { pdfReaders, type PdfDocument } from "~/domain/document-pdf";
import type { PdfContent } from "~/models/document-pdf.server";
import { invariantResponse, notFound, requireTicketStep } from "~/utils/ticket-step.server";
import { pdfResponse } from "./pdf.server";

export type PdfDownload<T> = {
  doc: PdfDocument;
  read: (actor: Actor, ticketId: string, today: IsoDate) => Promise<PdfContent<T> | null>;
  render: (data: T, today: IsoDate) => Promise<Buffer>;
  /** The Korean file name without the extension, e.g. "협약서_AS-2026-0001". */
  name: (data: T) => string;
};

export function pdfDownloadLoader<T>({ doc, read, render, name }: PdfDownload<T>) {
  return async ({ request, params }: LoaderFunctionArgs) => {
    const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: pdfReaders(doc) });
    const content = await read(actor, ticketId, today);
    invariantResponse(content);
    if (content.missing !== undefined) notFound(content.missing);
    const bytes = await render(content.data, today);
    return pdfResponse(bytes, `${name(content.data)}.pdf`);
  };
}
