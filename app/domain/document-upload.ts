/**
 * Several application documents in one upload (issue 17 item 3, ADR 037): how many files one
 * upload carries, which kinds ask for an issue date, and the kind a file's name suggests.
 */
import { CERTIFICATE_KINDS } from "./documents";
import { DOCUMENT_KINDS, type DocumentKind } from "./labels";

/**
 * The most files one documents upload may carry: a whole application (① form, ② registration, ③ two
 * tax certificates, ④ consent, ⑤ three years of statements, ⑥ up to two proofs, ⑦ the bonus
 * certificate) is eleven, so one more leaves room for a VAT certificate. The bytes stay bounded by
 * UPLOAD_LIMITS (one file, the whole body), which the page states beside the drop zone.
 */
export const DOCUMENT_UPLOAD_LIMIT = 12;

/** The issue date (발행일) is asked only where a rule reads it: the 3-month certificates. */
export function isCertificateKind(kind: string): boolean {
  return (CERTIFICATE_KINDS as readonly string[]).includes(kind);
}

export type KindGuess = { kind: DocumentKind; fiscalYear: number | null };

/**
 * Words a file name uses for each kind, tried in this order: the more specific first ("지방세
 * 납세증명서" before "납세증명서", "지자체 … 완료 보고서" before "완료보고서", "동의서" before "신청서").
 */
const NAME_PATTERNS: readonly [RegExp, DocumentKind][] = [
  [/사업자등록/, "business_registration"],
  [/부가가치세|부가세|과세표준/, "vat_tax_base_certificate"],
  [/지방세/, "local_tax_certificate"],
  [/국세|납세증명/, "national_tax_certificate"],
  [/재무제표|재무상태표|손익계산서/, "financial_statements"],
  [/동의서/, "info_use_consent"],
  [/유망중소/, "promising_sme_certificate"],
  [/수준확인/, "sf_level_certificate"],
  [/구축내역/, "sf_build_list"],
  [/완료확인/, "local_completion_confirmation"],
  [/지자체.*완료보고/, "local_completion_report"],
  [/완료보고/, "sf_completion_report"],
  [/신청서/, "application_form"],
];

/** A year in a name ("재무제표_2025.pdf", "2024년 재무제표"), not part of a longer number. */
const YEAR = /(?:^|\D)((?:19|20)\d{2})(?!\d)/;

/**
 * The kind a file's name plainly says, or null when it says none: a suggestion the page shows
 * preselected and marked as guessed, never a choice made for the person. A name carrying a kind's
 * code (`business_registration.pdf`) counts too. For financial statements, a year in the name is
 * the suggested fiscal year.
 */
export function guessDocumentKind(fileName: string): KindGuess | null {
  const name = fileName.normalize("NFC").replace(/\s+/g, "");
  const byCode = [...DOCUMENT_KINDS].sort((a, b) => b.length - a.length).find((k) => name.toLowerCase().includes(k));
  const kind = byCode ?? NAME_PATTERNS.find(([pattern]) => pattern.test(name))?.[1];
  if (!kind) return null;
  const year = kind === "financial_statements" ? YEAR.exec(name) : null;
  return { kind, fiscalYear: year ? Number(year[1]) : null };
}
