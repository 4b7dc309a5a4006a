/**
 * Application documents (공고 3. 신청방법, 온라인 제출 서류 ①–⑦): the checklist shown to the
 * manufacturer before it submits, certificate validity, and the bonus-point rule.
 */
import { addDays, civilPeriodEnd, compareIsoDate, parseIsoDate, type IsoDate } from "./dates";
import { formatKoreanDateShort, josa } from "./format";
import { DOCUMENT_KIND_LABELS, type DocumentKind, type EligibilityBasis } from "./labels";
import { CLAUSES } from "./notice";
import { assertValidParams, type ProgramParams } from "./params";

/** An uploaded document, as on the ApplicationDocument row. */
export interface UploadedDocument {
  kind: DocumentKind;
  /** 발행일: asked only for the certificates (CERTIFICATE_KINDS), whose validity counts from it; null elsewhere. */
  issuedOn: IsoDate | null;
  /** 회계연도, for financial statements. */
  fiscalYear: number | null;
  /** Uploaded before the application was submitted. */
  attachedAtApplication?: boolean;
}

export type ChecklistStatus = "ok" | "missing" | "expired";

export interface ChecklistItem {
  /** Number of the item in the notice's list (1–7). */
  no: number;
  /** The main document kind of the row (row 5 also accepts vat_tax_base_certificate). */
  key: DocumentKind;
  /** The kinds that satisfy the row. */
  kinds: DocumentKind[];
  label: string;
  required: boolean;
  status: ChecklistStatus;
  /** Korean explanation of the status. */
  message: string;
  clause: string;
}

export interface Checklist {
  items: ChecklistItem[];
  /** Every required row is 'ok'. */
  complete: boolean;
  /** The required rows that are not 'ok'. */
  problems: ChecklistItem[];
}

/** The kinds that must have been issued within params.documentValidityMonths (②③). */
export const CERTIFICATE_KINDS: readonly DocumentKind[] = ["business_registration", "national_tax_certificate", "local_tax_certificate"];

/**
 * The last day a certificate issued on `issuedOn` may be used: "발행일로부터 N개월 이내" read per
 * 민법 제157조 (the issue day is not counted, so counting starts the next day) and 제160조 (the
 * period ends the day before the corresponding day N months later; without one, at month end).
 * In practice: the same day-of-month N months later, e.g. issued 2024-01-15 → valid through
 * 2024-04-15; issued 2023-11-30 → 2024-02-29; issued 2024-02-29 → 2024-05-31.
 */
export function certificateValidUntil(issuedOn: IsoDate, params: ProgramParams): IsoDate {
  assertValidParams(params);
  return civilPeriodEnd(addDays(issuedOn, 1), params.documentValidityMonths);
}

export type CertificateStatus = "valid" | "expired" | "issued_after_application";

/**
 * A certificate is valid for an application made on `applicationDate` iff
 * issuedOn ≤ applicationDate ≤ certificateValidUntil(issuedOn).
 */
export function certificateStatus(issuedOn: IsoDate, applicationDate: IsoDate, params: ProgramParams): CertificateStatus {
  if (compareIsoDate(issuedOn, applicationDate) > 0) return "issued_after_application";
  return compareIsoDate(applicationDate, certificateValidUntil(issuedOn, params)) <= 0 ? "valid" : "expired";
}

/**
 * The fiscal years whose financial statements are required (⑤ "최근 3개년"): the three years
 * before the application year (applied in 2024 → 2021, 2022, 2023).
 */
export function requiredFiscalYears(applicationDate: IsoDate): [number, number, number] {
  const { year } = parseIsoDate(applicationDate);
  return [year - 3, year - 2, year - 1];
}

function ofKind(docs: readonly UploadedDocument[], kind: DocumentKind): UploadedDocument[] {
  return docs.filter((d) => d.kind === kind);
}

function item(
  no: number,
  key: DocumentKind,
  required: boolean,
  status: ChecklistStatus,
  message: string,
  clause: string,
  kinds: DocumentKind[] = [key],
): ChecklistItem {
  return { no, key, kinds, label: DOCUMENT_KIND_LABELS[key], required, status, message, clause };
}

function presenceItem(no: number, kind: DocumentKind, docs: readonly UploadedDocument[], clause: string): ChecklistItem {
  return ofKind(docs, kind).length > 0
    ? item(no, kind, true, "ok", "제출됨", clause)
    : item(no, kind, true, "missing", `${josa(DOCUMENT_KIND_LABELS[kind], "이", "가")} 제출되지 않았습니다.`, clause);
}

function certificateItem(
  no: number,
  kind: DocumentKind,
  docs: readonly UploadedDocument[],
  applicationDate: IsoDate,
  params: ProgramParams,
): ChecklistItem {
  const label = DOCUMENT_KIND_LABELS[kind];
  const months = params.documentValidityMonths;
  const clause = CLAUSES.certificateValidity;
  // A certificate without its issue date cannot be shown valid; the upload asks for it, so only old rows lack it.
  const rated = ofKind(docs, kind)
    .flatMap((doc) => (doc.issuedOn === null ? [] : [{ ...doc, issuedOn: doc.issuedOn }]))
    .map((doc) => ({ doc, status: certificateStatus(doc.issuedOn, applicationDate, params) }))
    .sort((a, b) => compareIsoDate(b.doc.issuedOn, a.doc.issuedOn));
  const valid = rated.find((r) => r.status === "valid");
  if (valid) {
    const until = certificateValidUntil(valid.doc.issuedOn, params);
    return item(no, kind, true, "ok", `발행일 ${formatKoreanDateShort(valid.doc.issuedOn)} (${formatKoreanDateShort(until)}까지 유효)`, clause);
  }
  const expired = rated.find((r) => r.status === "expired");
  if (expired) {
    const until = certificateValidUntil(expired.doc.issuedOn, params);
    return item(
      no,
      kind,
      true,
      "expired",
      `${josa(label, "은", "는")} 발행일로부터 ${months}개월 이내여야 합니다. 발행일 ${formatKoreanDateShort(expired.doc.issuedOn)}, ` +
        `${formatKoreanDateShort(until)}까지 유효했습니다. 새로 발급받아 제출하세요.`,
      clause,
    );
  }
  if (rated.length > 0) {
    return item(
      no,
      kind,
      true,
      "missing",
      `${label}의 발행일(${formatKoreanDateShort(rated[0].doc.issuedOn)})이 신청일(${formatKoreanDateShort(
        applicationDate,
      )}) 이후로 입력되어 있습니다. 발행일을 확인하세요.`,
      clause,
    );
  }
  return item(no, kind, true, "missing", `${josa(label, "이", "가")} 제출되지 않았습니다 (발행일로부터 ${months}개월 이내).`, clause);
}

function financialItem(docs: readonly UploadedDocument[], applicationDate: IsoDate): ChecklistItem {
  const years = requiredFiscalYears(applicationDate);
  const latest = years[2];
  const statements = ofKind(docs, "financial_statements");
  const present = new Set(statements.map((d) => d.fiscalYear));
  const hasVat = ofKind(docs, "vat_tax_base_certificate").length > 0;
  const missing = years.filter((y) => !present.has(y));
  const stillMissing = missing.filter((y) => !(y === latest && hasVat));
  const kinds: DocumentKind[] = ["financial_statements", "vat_tax_base_certificate"];
  const clause = CLAUSES.financialStatements;
  const undated = statements.filter((d) => d.fiscalYear === null).length;
  const undatedNote = undated > 0 ? ` 회계연도가 입력되지 않은 재무제표가 ${undated}건 있습니다.` : "";
  if (stillMissing.length === 0) {
    const note = missing.length > 0 ? ` (${latest}년은 ${DOCUMENT_KIND_LABELS.vat_tax_base_certificate}으로 대체)` : "";
    return item(5, "financial_statements", true, "ok", `${years[0]}~${latest}년 재무제표 제출됨${note}`, clause, kinds);
  }
  const hint = stillMissing.includes(latest)
    ? ` ${latest}년 재무제표가 없으면 ${DOCUMENT_KIND_LABELS.vat_tax_base_certificate}을 제출하세요.`
    : "";
  return item(
    5,
    "financial_statements",
    true,
    "missing",
    `${stillMissing.join(", ")}년 재무제표가 없습니다.${hint}${undatedNote}`,
    clause,
    kinds,
  );
}

/** Smart-factory proof kinds per basis (⑥). */
export const SF_PROOF_KINDS: Readonly<Record<EligibilityBasis, readonly DocumentKind[]>> = {
  diffusion: ["sf_completion_report"],
  self_built: ["sf_level_certificate", "sf_build_list"],
  local_program: ["local_completion_confirmation", "local_completion_report"],
};

/**
 * The application checklist (공고 3. 온라인 제출 서류): ① form, ② business registration and ③
 * national + local tax certificates issued within params.documentValidityMonths before
 * `applicationDate` (see {@link certificateStatus}), ④ consent, ⑤ financial statements of the
 * three latest fiscal years (the latest may be replaced by the VAT tax-base certificate), ⑥ the
 * smart-factory proof for the basis, ⑦ the promising-SME certificate (optional, never blocks).
 * `applicationDate` is the submission date, or today's Seoul date while drafting.
 */
export function checklist(
  basis: EligibilityBasis | null,
  docs: readonly UploadedDocument[],
  applicationDate: IsoDate,
  params: ProgramParams,
): Checklist {
  assertValidParams(params);
  parseIsoDate(applicationDate);
  const items: ChecklistItem[] = [
    presenceItem(1, "application_form", docs, CLAUSES.documents),
    certificateItem(2, "business_registration", docs, applicationDate, params),
    certificateItem(3, "national_tax_certificate", docs, applicationDate, params),
    certificateItem(3, "local_tax_certificate", docs, applicationDate, params),
    presenceItem(4, "info_use_consent", docs, CLAUSES.documents),
    financialItem(docs, applicationDate),
  ];
  if (basis === null) {
    items.push(
      item(
        6,
        "sf_completion_report",
        true,
        "missing",
        "신청자격 구분을 먼저 선택하세요. 구분에 따라 스마트공장 구축 증빙 서류가 달라집니다.",
        CLAUSES.sfProof,
        [],
      ),
    );
  } else {
    for (const kind of SF_PROOF_KINDS[basis]) items.push(presenceItem(6, kind, docs, CLAUSES.sfProof));
  }
  items.push(
    ofKind(docs, "promising_sme_certificate").length > 0
      ? item(7, "promising_sme_certificate", false, "ok", "제출됨 (현장평가 가점 대상)", CLAUSES.promisingSme)
      : item(
          7,
          "promising_sme_certificate",
          false,
          "missing",
          "해당 기업만 제출합니다. 신청 시 첨부하지 않으면 가점이 인정되지 않습니다.",
          CLAUSES.promisingSme,
        ),
  );
  const problems = items.filter((i) => i.required && i.status !== "ok");
  return { items, complete: problems.length === 0, problems };
}

/**
 * The 5 bonus points count only when the promising-SME certificate was attached at application
 * (공고 4. "접수 시, 증빙자료(인증서)를 첨부하지 않은 경우 가점사항 불인정"). Pass the ticket's
 * documents; only those with `attachedAtApplication: true` count.
 */
export function bonusEligible(docs: readonly Pick<UploadedDocument, "kind" | "attachedAtApplication">[]): boolean {
  return docs.some((d) => d.kind === "promising_sme_certificate" && d.attachedAtApplication === true);
}
