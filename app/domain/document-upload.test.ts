import { describe, expect, it } from "vitest";
import { DOCUMENT_UPLOAD_LIMIT, guessDocumentKind, isCertificateKind } from "./document-upload";

describe("isCertificateKind", () => {
  it("asks the issue date only of the 3-month certificates", () => {
    expect(isCertificateKind("business_registration")).toBe(true);
    expect(isCertificateKind("national_tax_certificate")).toBe(true);
    expect(isCertificateKind("local_tax_certificate")).toBe(true);
    expect(isCertificateKind("application_form")).toBe(false);
    expect(isCertificateKind("financial_statements")).toBe(false);
    expect(isCertificateKind("nonsense")).toBe(false);
  });
});

describe("guessDocumentKind", () => {
  it.each([
    ["사업자등록증.pdf", "business_registration"],
    ["사업자 등록 증명원_2026.pdf", "business_registration"],
    ["지방세 납세증명서.pdf", "local_tax_certificate"],
    ["국세납세증명서.pdf", "national_tax_certificate"],
    ["납세증명서.jpg", "national_tax_certificate"],
    ["부가가치세 과세표준증명원.pdf", "vat_tax_base_certificate"],
    ["정보활용 동의서.hwp", "info_use_consent"],
    ["경기도 유망중소기업 인증서.png", "promising_sme_certificate"],
    ["스마트공장 수준확인서.pdf", "sf_level_certificate"],
    ["상세 구축내역.xlsx", "sf_build_list"],
    ["지자체 사업 완료확인서.pdf", "local_completion_confirmation"],
    ["지자체 스마트공장 사업 완료 보고서.pdf", "local_completion_report"],
    ["스마트공장 완료보고서.pdf", "sf_completion_report"],
    ["AS지원사업 신청서.hwp", "application_form"],
    ["business_registration.pdf", "business_registration"],
    ["sf_completion_report.pdf", "sf_completion_report"],
  ])("%s → %s", (name, kind) => {
    expect(guessDocumentKind(name)).toEqual({ kind, fiscalYear: null });
  });

  it("reads the fiscal year of financial statements from the name, not from a longer number", () => {
    expect(guessDocumentKind("재무제표_2025.pdf")).toEqual({ kind: "financial_statements", fiscalYear: 2025 });
    expect(guessDocumentKind("2023년 손익계산서.pdf")).toEqual({ kind: "financial_statements", fiscalYear: 2023 });
    expect(guessDocumentKind("재무상태표 120251.pdf")).toEqual({ kind: "financial_statements", fiscalYear: null });
    expect(guessDocumentKind("financial_statements.pdf")).toEqual({ kind: "financial_statements", fiscalYear: null });
  });

  it("guesses nothing from a name that says nothing (and a Hangul name typed in NFD reads the same)", () => {
    expect(guessDocumentKind("scan_0001.pdf")).toBeNull();
    expect(guessDocumentKind("IMG_2024.jpg")).toBeNull();
    expect(guessDocumentKind("사업자등록증.pdf".normalize("NFD"))).toEqual({ kind: "business_registration", fiscalYear: null });
  });

  it("one upload holds a whole application", () => {
    expect(DOCUMENT_UPLOAD_LIMIT).toBeGreaterThanOrEqual(11);
  });
});
