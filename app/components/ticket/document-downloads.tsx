// Documents out (issue 17, item 1; ADR 035): the ticket's PDFs as download links, each named by its document
// and "PDF" ("협약서 (PDF)"). The ticket page lists the ones the person may download and that exist
// (listTicketPdfs); the agreement, completion and evaluation pages put their own beside the content.
import { useParams } from "@remix-run/react";
import { PDF_DOCUMENT_INFO, pdfPath, type PdfDocument } from "~/domain/document-pdf";

/** One PDF's link: a plain download (a resource, not a page), under the document's name. */
export function PdfLink({ doc, label }: { doc: PdfDocument; label?: string }) {
  const { ticketId } = useParams();
  if (!ticketId) return null;
  return (
    <a href={pdfPath(ticketId, doc)} download data-testid={`pdf-${doc}`}>
      {label ?? `${PDF_DOCUMENT_INFO[doc].label} (PDF)`}
    </a>
  );
}

/** The ticket page's "문서 내려받기" box; nothing when there is no PDF for this person yet. */
export function DocumentDownloads({ links }: { links: readonly { doc: PdfDocument; href: string; label: string }[] }) {
  if (!links.length) return null;
  return (
    <section className="card" aria-labelledby="pdf-downloads-h">
      <h2 id="pdf-downloads-h" style={{ marginTop: 0 }}>
        문서 내려받기
      </h2>
      <ul data-testid="document-downloads">
        {links.map((link) => (
          <li key={link.doc}>
            <a href={link.href} download data-testid={`pdf-${link.doc}`}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
