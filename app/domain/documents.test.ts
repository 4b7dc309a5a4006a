import { describe, it, expect } from "vitest";
import {
  bonusEligible,
  certificateStatus,
  certificateValidUntil,
  checklist,
  requiredFiscalYears,
  SF_PROOF_KINDS,
  type UploadedDocument,
} from "./documents";
import type { DocumentKind, EligibilityBasis } from "./labels";
import { GYEONGGI_2024_PARAMS as P } from "./params";

const APPLIED = "2024-03-04";

function doc(kind: DocumentKind, issuedOn: string | null = "2024-02-20", fiscalYear: number | null = null): UploadedDocument {
  return { kind, issuedOn, fiscalYear, attachedAtApplication: true };
}

/** A complete set for a basis, every certificate issued 2024-02-20. */
function fullSet(basis: EligibilityBasis): UploadedDocument[] {
  return [
    doc("application_form"),
    doc("business_registration"),
    doc("national_tax_certificate"),
    doc("local_tax_certificate"),
    doc("info_use_consent"),
    doc("financial_statements", "2022-03-31", 2021),
    doc("financial_statements", "2023-03-31", 2022),
    doc("financial_statements", "2024-02-28", 2023),
    ...SF_PROOF_KINDS[basis].map((k) => doc(k)),
  ];
}

function row(docs: UploadedDocument[], key: DocumentKind, basis: EligibilityBasis = "diffusion", applied = APPLIED) {
  const found = checklist(basis, docs, applied, P).items.find((i) => i.key === key);
  if (!found) throw new Error(`no row ${key}`);
  return found;
}

describe("certificate validity: 발행일로부터 3개월 이내", () => {
  it.each([
    ["2024-01-15", "2024-04-15"],
    ["2023-12-04", "2024-03-04"],
    ["2023-11-30", "2024-02-29"],
    ["2024-01-31", "2024-04-30"],
    ["2024-02-29", "2024-05-31"],
    ["2023-12-31", "2024-03-31"],
  ])("issued %s → valid through %s", (issued, until) => {
    expect(certificateValidUntil(issued, P)).toBe(until);
  });

  it("boundary: the last valid day, the day after, the issue day, and a future issue date", () => {
    expect(certificateStatus("2023-12-04", APPLIED, P)).toBe("valid"); // valid through 2024-03-04
    expect(certificateStatus("2023-12-03", APPLIED, P)).toBe("expired"); // valid through 2024-03-03
    expect(certificateStatus(APPLIED, APPLIED, P)).toBe("valid");
    expect(certificateStatus("2024-03-05", APPLIED, P)).toBe("issued_after_application");
  });

  it("uses params.documentValidityMonths", () => {
    expect(certificateValidUntil("2024-01-15", { ...P, documentValidityMonths: 1 })).toBe("2024-02-15");
    expect(() => certificateValidUntil("2024-01-15", { ...P, documentValidityMonths: 0 })).toThrow(/증명서 유효기간/);
  });
});

describe("checklist", () => {
  it("a certificate without its issue date (an old row) does not count as valid; other documents need no date", () => {
    const docs = fullSet("diffusion").map((d) =>
      d.kind === "business_registration" || d.kind === "application_form" ? { ...d, issuedOn: null } : d,
    );
    expect(row(docs, "business_registration").status).toBe("missing");
    expect(row(docs, "application_form").status).toBe("ok");
  });

  it.each<EligibilityBasis>(["diffusion", "self_built", "local_program"])("a complete %s set is complete", (basis) => {
    const result = checklist(basis, fullSet(basis), APPLIED, P);
    expect(result.complete).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.items.filter((i) => i.required).every((i) => i.status === "ok")).toBe(true);
  });

  it("lists the notice's seven items, with the proof rows of the basis and the optional certificate last", () => {
    const keys = (basis: EligibilityBasis) => checklist(basis, [], APPLIED, P).items.map((i) => `${i.no}:${i.key}`);
    const common = [
      "1:application_form",
      "2:business_registration",
      "3:national_tax_certificate",
      "3:local_tax_certificate",
      "4:info_use_consent",
      "5:financial_statements",
    ];
    expect(keys("diffusion")).toEqual([...common, "6:sf_completion_report", "7:promising_sme_certificate"]);
    expect(keys("self_built")).toEqual([...common, "6:sf_level_certificate", "6:sf_build_list", "7:promising_sme_certificate"]);
    expect(keys("local_program")).toEqual([
      ...common,
      "6:local_completion_confirmation",
      "6:local_completion_report",
      "7:promising_sme_certificate",
    ]);
  });

  it("an empty upload is incomplete, with Korean messages", () => {
    const result = checklist("diffusion", [], APPLIED, P);
    expect(result.complete).toBe(false);
    expect(result.problems.map((p) => p.key)).toEqual([
      "application_form",
      "business_registration",
      "national_tax_certificate",
      "local_tax_certificate",
      "info_use_consent",
      "financial_statements",
      "sf_completion_report",
    ]);
    expect(result.items[0]).toMatchObject({
      label: "스마트공장 AS지원사업 신청서",
      status: "missing",
      message: "스마트공장 AS지원사업 신청서가 제출되지 않았습니다.",
    });
    expect(result.items[1].message).toBe("사업자등록증명원이 제출되지 않았습니다 (발행일로부터 3개월 이내).");
  });

  it("marks an old certificate 'expired' and explains the date", () => {
    const docs = fullSet("diffusion").map((d) => (d.kind === "local_tax_certificate" ? doc("local_tax_certificate", "2023-12-03") : d));
    const r = row(docs, "local_tax_certificate");
    expect(r.status).toBe("expired");
    expect(r.message).toBe(
      "지방세 납세증명서는 발행일로부터 3개월 이내여야 합니다. 발행일 2023. 12. 3., 2024. 3. 3.까지 유효했습니다. 새로 발급받아 제출하세요.",
    );
    expect(checklist("diffusion", docs, APPLIED, P).complete).toBe(false);
  });

  it("a valid certificate wins over an expired one of the same kind", () => {
    const docs = [...fullSet("diffusion"), doc("business_registration", "2023-01-01")];
    expect(row(docs, "business_registration")).toMatchObject({
      status: "ok",
      message: "발행일 2024. 2. 20. (2024. 5. 20.까지 유효)",
    });
    const docs2 = [doc("business_registration", "2023-01-01"), doc("business_registration", "2023-12-04")];
    expect(row(docs2, "business_registration").status).toBe("ok");
  });

  it("a certificate dated after the application is 'missing' with a hint", () => {
    const r = row([doc("business_registration", "2024-03-10")], "business_registration");
    expect(r.status).toBe("missing");
    expect(r.message).toMatch(/발행일\(2024\. 3\. 10\.\)이 신청일\(2024\. 3\. 4\.\) 이후로 입력되어 있습니다/);
    // An expired one is reported before a future-dated one.
    expect(row([doc("business_registration", "2024-03-10"), doc("business_registration", "2023-01-01")], "business_registration").status).toBe(
      "expired",
    );
  });

  describe("financial statements of the three latest fiscal years", () => {
    const base = fullSet("diffusion").filter((d) => d.kind !== "financial_statements");
    const fs = (year: number) => doc("financial_statements", `${year + 1}-03-31`, year);
    const vat = doc("vat_tax_base_certificate");

    it("requires the three years before the application year", () => {
      expect(requiredFiscalYears(APPLIED)).toEqual([2021, 2022, 2023]);
      expect(requiredFiscalYears("2025-01-02")).toEqual([2022, 2023, 2024]);
    });
    it("ok with 2021–2023", () => {
      expect(row([...base, fs(2021), fs(2022), fs(2023)], "financial_statements")).toMatchObject({
        status: "ok",
        message: "2021~2023년 재무제표 제출됨",
        kinds: ["financial_statements", "vat_tax_base_certificate"],
      });
    });
    it("ok with 2021–2022 and the VAT tax-base certificate for 2023", () => {
      expect(row([...base, fs(2021), fs(2022), vat], "financial_statements")).toMatchObject({
        status: "ok",
        message: "2021~2023년 재무제표 제출됨 (2023년은 부가가치세 과세표준증명원으로 대체)",
      });
    });
    it("the VAT certificate does not replace an older year", () => {
      const r = row([...base, fs(2022), fs(2023), vat], "financial_statements");
      expect(r).toMatchObject({ status: "missing", message: "2021년 재무제표가 없습니다." });
    });
    it("the latest year missing without a VAT certificate", () => {
      expect(row([...base, fs(2021), fs(2022)], "financial_statements").message).toBe(
        "2023년 재무제표가 없습니다. 2023년 재무제표가 없으면 부가가치세 과세표준증명원을 제출하세요.",
      );
    });
    it("mentions statements without a fiscal year", () => {
      const r = row([...base, fs(2021), fs(2022), doc("financial_statements")], "financial_statements");
      expect(r.status).toBe("missing");
      expect(r.message).toMatch(/회계연도가 입력되지 않은 재무제표가 1건 있습니다\.$/);
    });
  });

  it("without a basis the proof row asks for it", () => {
    const result = checklist(null, fullSet("diffusion"), APPLIED, P);
    expect(result.complete).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({
      no: 6,
      kinds: [],
      message: expect.stringMatching(/신청자격 구분을 먼저 선택하세요/),
    });
  });

  it("the promising-SME certificate is optional and never blocks", () => {
    const without = checklist("diffusion", fullSet("diffusion"), APPLIED, P);
    const r7 = without.items[without.items.length - 1];
    expect(r7).toMatchObject({ no: 7, required: false, status: "missing" });
    expect(without.complete).toBe(true);
    const withCert = checklist("diffusion", [...fullSet("diffusion"), doc("promising_sme_certificate")], APPLIED, P);
    expect(withCert.items[withCert.items.length - 1]).toMatchObject({
      status: "ok",
      message: "제출됨 (현장평가 가점 대상)",
    });
  });

  it("refuses malformed input", () => {
    expect(() => checklist("diffusion", [], "2024-02-30", P)).toThrow(/날짜/);
    expect(() => checklist("diffusion", [], APPLIED, { ...P, capacity: -1 })).toThrow(/지원 기업 수/);
  });
});

describe("bonusEligible", () => {
  it("counts only a certificate attached at application", () => {
    expect(bonusEligible([{ kind: "promising_sme_certificate", attachedAtApplication: true }])).toBe(true);
    expect(bonusEligible([{ kind: "promising_sme_certificate", attachedAtApplication: false }])).toBe(false);
    expect(bonusEligible([{ kind: "promising_sme_certificate" }])).toBe(false);
    expect(bonusEligible([{ kind: "business_registration", attachedAtApplication: true }])).toBe(false);
    expect(bonusEligible([])).toBe(false);
  });
});
