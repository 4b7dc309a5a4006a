// The notice's downloadable forms (issue 17 item 2, ADR 036) beside the document slot they fill: "AS지원사업 신청서"
// for ① and "정보 활용 동의서" for ④, pre-filled with the company's data. Other kinds have no form. A program's
// forms (ProgramFormLinks) are the same two before any ticket exists: the TP's program page and a new application.
import type { DocumentKind } from "~/domain";

const FORM_OF: Partial<Record<DocumentKind, { slug: string; label: string }>> = {
  application_form: { slug: "application-form", label: "AS지원사업 신청서 양식" },
  info_use_consent: { slug: "info-use-consent", label: "정보 활용 동의서 양식" },
};

const PROGRAM_FORMS = Object.values(FORM_OF);

/** A link to the pre-filled form of `kind` for this ticket, or nothing when the notice has no form for it. */
export function FormTemplateLink({ ticketId, kind }: { ticketId: string; kind: DocumentKind }) {
  const form = FORM_OF[kind];
  if (!form) return null;
  return (
    <a href={`/tickets/${ticketId}/forms/${form.slug}.pdf`} download>
      {form.label} (PDF)
    </a>
  );
}

/** Both forms of a program, as a short list (filled with the viewer's company when the viewer is a manufacturer). */
export function ProgramFormLinks({ programId }: { programId: string }) {
  return (
    <p className="muted">
      제출 서류 양식:{" "}
      {PROGRAM_FORMS.map((form, i) => (
        <span key={form.slug}>
          {i > 0 ? " · " : null}
          <a href={`/programs/${programId}/forms/${form.slug}.pdf`} download>
            {form.label} (PDF)
          </a>
        </span>
      ))}
    </p>
  );
}
