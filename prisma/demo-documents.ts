// The demo's application documents (issue 17, ADR 040): every demo application that was submitted — and the
// draft that is ready to be — carries the documents its checklist asks for, as real small PDFs stored like an
// upload, so that the TP's 요건검토 can pass in the demo. Each file says on its face and in its name that it is a sample.
import type { Prisma } from "~/generated/prisma/client";
import { saveUpload } from "~/models/files.server";
import { paragraph, renderPdf } from "~/pdf/pdf.server";
import {
  CERTIFICATE_KINDS,
  DOCUMENT_KIND_LABELS,
  SF_PROOF_KINDS,
  addDays,
  requiredFiscalYears,
  type DocumentKind,
  type EligibilityBasis,
  type IsoDate,
} from "~/domain";

type Tx = Prisma.TransactionClient;

/** How many days before the application each certificate was issued: well within the notice's 3 months. */
const CERTIFICATE_AGE_DAYS: Readonly<Record<string, number>> = {
  business_registration: 12,
  national_tax_certificate: 5,
  local_tax_certificate: 5,
};

export interface DemoApplication {
  ticketId: string;
  basis: EligibilityBasis;
  /** The company holds the promising-SME certificate (공고 ⑦, the bonus points): it attaches it. */
  promisingSme: boolean;
  /** The submission day (or, for a draft ready to submit, the seeding day). */
  appliedOn: IsoDate;
  uploadedById: string;
}

/** One row of the checklist the application answers: its kind and, for financial statements, the fiscal year. */
type DemoDocument = { kind: DocumentKind; fiscalYear: number | null };

/** Every document the checklist requires for `basis` on `appliedOn` (공고 3. 제출 서류 ①–⑦), in the notice's order. */
export function demoDocumentsFor(basis: EligibilityBasis, appliedOn: IsoDate, promisingSme: boolean): DemoDocument[] {
  const kinds: DocumentKind[] = [
    "application_form",
    "business_registration",
    "national_tax_certificate",
    "local_tax_certificate",
    "info_use_consent",
  ];
  return [
    ...kinds.map((kind) => ({ kind, fiscalYear: null })),
    ...requiredFiscalYears(appliedOn).map((fiscalYear) => ({ kind: "financial_statements" as const, fiscalYear })),
    ...SF_PROOF_KINDS[basis].map((kind) => ({ kind, fiscalYear: null })),
    ...(promisingSme ? [{ kind: "promising_sme_certificate" as const, fiscalYear: null }] : []),
  ];
}

/** The issue date a demo document bears: only the 3-month certificates have one (ApplicationDocument.issuedOn). */
export function demoIssuedOn(kind: DocumentKind, appliedOn: IsoDate): IsoDate | null {
  return CERTIFICATE_KINDS.includes(kind) ? addDays(appliedOn, -CERTIFICATE_AGE_DAYS[kind]) : null;
}

function documentName(doc: DemoDocument): string {
  const label = DOCUMENT_KIND_LABELS[doc.kind];
  return doc.fiscalYear === null ? label : `${doc.fiscalYear}년 ${label}`;
}

// Rendering parses the font and embeds a subset, about half a second: the demo renders one sample page per
// process (regular weight only, one font to parse), naming every kind of document it stands for, and each
// stored file carries its own document's name. The seed starts it beside the password hash (prepareDemoSample).
let rendered: Promise<Buffer> | null = null;

export function prepareDemoSample(): Promise<Buffer> {
  rendered ??= renderPdf({ title: "데모용 견본 — AS지원사업 신청 서류", author: "AS 트래커 데모 데이터" }, (doc) => {
    paragraph(doc, "데모용 견본 — AS지원사업 신청 서류");
    paragraph(doc, "AS 트래커 데모 데이터의 견본 서류입니다. 실제로 발급된 서류가 아니며, 어떤 효력도 없습니다.");
    paragraph(doc, `이 견본이 대신하는 서류: ${Object.values(DOCUMENT_KIND_LABELS).join(", ")}`);
  });
  return rendered;
}

/** Stores the application's documents (files written like uploads) as attached before the submission. */
export async function seedApplicationDocuments(tx: Tx, app: DemoApplication): Promise<void> {
  // uploaded on the application day, before its submission at 10:00
  const uploadedAt = new Date(`${app.appliedOn}T09:00:00+09:00`);
  for (const doc of demoDocumentsFor(app.basis, app.appliedOn, app.promisingSme)) {
    const name = documentName(doc);
    const bytes = await prepareDemoSample();
    const saved = await saveUpload(new File([new Uint8Array(bytes)], `데모용 견본 - ${name}.pdf`, { type: "application/pdf" }));
    const file = await tx.storedFile.create({ data: { ...saved, uploadedById: app.uploadedById, createdAt: uploadedAt } });
    await tx.applicationDocument.create({
      data: {
        ticketId: app.ticketId,
        kind: doc.kind,
        fiscalYear: doc.fiscalYear,
        issuedOn: demoIssuedOn(doc.kind, app.appliedOn),
        fileId: file.id,
        attachedAtApplication: true,
        uploadedById: app.uploadedById,
        createdAt: uploadedAt,
      },
    });
  }
}
