import { describe, it, expect, expectTypeOf } from "vitest";
import {
  checkEligibility,
  formatBusinessNumber,
  isInRegion,
  isValidBusinessNumber,
  normalizeBusinessNumber,
  profileChanges,
  profileValueText,
  sameCompany,
  type ApplicantProfile,
  type CompanyRef,
  type SubmittedCompany,
} from "./eligibility";
import { PROFILE_FIELDS, PROFILE_FIELD_LABELS, type ProfileField } from "./labels";
import { GYEONGGI_2024_PARAMS as P, type ProgramParams } from "./params";
import { CLAUSES } from "./notice";

const TODAY = "2024-03-04";

/** A manufacturer that satisfies every rule. 220-81-62517 and 104-81-63494 pass the checksum. */
function applicant(patch: Partial<ApplicantProfile> = {}): ApplicantProfile {
  return {
    id: "org-maker",
    businessNumber: "220-81-62517",
    region: "경기도",
    eligibilityBasis: "diffusion",
    diffusionCompletionYear: 2021,
    levelCertificateNumber: null,
    localProgramYear: null,
    paidMaintenanceContract: false,
    freeWarrantyEndsOn: null,
    closedOrSuspended: false,
    taxDelinquent: false,
    sanctioned: false,
    canSelfService: false,
    ...patch,
  };
}
const supplier: CompanyRef = { id: "org-supplier", businessNumber: "1048163494" };

function codes(patch: Partial<ApplicantProfile>, sup: CompanyRef = supplier, params: ProgramParams = P): string[] {
  return checkEligibility(applicant(patch), sup, TODAY, params).reasons.map((r) => r.code);
}

describe("isValidBusinessNumber (사업자등록번호 checksum)", () => {
  it.each(["220-81-62517", "2208162517", "104-81-63494", "1234567891", "211-87-00071", "0000000000", " 101-81-00016 "])("accepts %s", (brn) =>
    expect(isValidBusinessNumber(brn)).toBe(true),
  );
  it.each(["123-45-67890", "220-81-62518", "2208162510", "220-8162517", "22081625170", "220816251", "abcdefghij", ""])("refuses %s", (brn) =>
    expect(isValidBusinessNumber(brn)).toBe(false),
  );
  it("normalizes the two accepted formats", () => {
    expect(normalizeBusinessNumber("220-81-62517")).toBe("2208162517");
    expect(normalizeBusinessNumber("2208162517")).toBe("2208162517");
    expect(normalizeBusinessNumber("220 81 62517")).toBeNull();
  });
  it("uses floor(d9 × 5 / 10): a number whose 9th digit is 7 checks with +3", () => {
    // 211-87-0007?: weighted sum 2+3+7+8+21+0+0+0+35 = 76, + floor(7×5/10) = 3 → 79 → check 1
    expect(isValidBusinessNumber("211-87-00071")).toBe(true);
    expect(isValidBusinessNumber("211-87-00074")).toBe(false); // what you get without the +3 term
  });
});

describe("isInRegion / sameCompany", () => {
  it.each([
    ["경기도", true],
    ["경기", true],
    ["경기도 수원시 영통구", true],
    ["경기 화성시", true],
    [" 경기도 ", true],
    ["서울특별시", false],
    ["경기도청", false],
    ["", false],
  ])("%s in 경기도 → %s", (value, expected) => {
    expect(isInRegion(value, "경기도")).toBe(expected);
  });
  it("handles other kinds of 시·도", () => {
    expect(isInRegion("서울 강남구", "서울특별시")).toBe(true);
    expect(isInRegion("세종", "세종특별자치시")).toBe(true);
  });
  it("compares ids and business numbers", () => {
    expect(sameCompany({ id: "a", businessNumber: "x" }, { id: "a", businessNumber: "y" })).toBe(true);
    expect(sameCompany({ id: "a", businessNumber: "220-81-62517" }, { id: "b", businessNumber: "2208162517" })).toBe(true);
    expect(sameCompany({ id: "a", businessNumber: "220-81-62517" }, supplier)).toBe(false);
    expect(sameCompany({ id: "a", businessNumber: "garbage" }, { id: "b", businessNumber: "garbage" })).toBe(false);
  });
});

describe("checkEligibility", () => {
  it("accepts an applicant that meets every rule", () => {
    expect(checkEligibility(applicant(), supplier, TODAY, P)).toEqual({ eligible: true, reasons: [] });
  });

  it.each<[string, Partial<ApplicantProfile>, string]>([
    ["outside Gyeonggi", { region: "서울특별시" }, "outside_region"],
    ["no region", { region: "" }, "outside_region"],
    ["bad business number", { businessNumber: "123-45-67890" }, "invalid_business_number"],
    ["no basis", { eligibilityBasis: null }, "basis_missing"],
    ["diffusion not completed", { diffusionCompletionYear: null }, "diffusion_not_completed"],
    ["self-built without level certificate", { eligibilityBasis: "self_built", levelCertificateNumber: null }, "level_certificate_missing"],
    [
      "self-built with a blank certificate number",
      { eligibilityBasis: "self_built", levelCertificateNumber: "  " },
      "level_certificate_missing",
    ],
    ["local program not completed", { eligibilityBasis: "local_program", localProgramYear: null }, "local_program_not_completed"],
    ["local program of 2022", { eligibilityBasis: "local_program", localProgramYear: 2022 }, "local_program_too_old"],
    ["paid maintenance contract", { paidMaintenanceContract: true }, "paid_maintenance"],
    ["free warranty ends today", { freeWarrantyEndsOn: TODAY }, "free_warranty_active"],
    ["free warranty ends later", { freeWarrantyEndsOn: "2024-12-31" }, "free_warranty_active"],
    ["closed or suspended", { closedOrSuspended: true }, "closed_or_suspended"],
    ["tax delinquent", { taxDelinquent: true }, "tax_delinquent"],
    ["sanctioned", { sanctioned: true }, "sanctioned"],
    ["can do the AS itself", { canSelfService: true }, "can_self_service"],
  ])("refuses: %s", (_name, patch, code) => {
    expect(codes(patch)).toEqual([code]);
  });

  it("accepts the other bases with their evidence", () => {
    expect(codes({ eligibilityBasis: "self_built", diffusionCompletionYear: null, levelCertificateNumber: "L-2023-0042" })).toEqual([]);
    expect(codes({ eligibilityBasis: "local_program", diffusionCompletionYear: null, localProgramYear: 2023 })).toEqual([]);
    expect(codes({ eligibilityBasis: "local_program", localProgramYear: 2024 })).toEqual([]);
  });

  it("a free warranty that ended yesterday no longer disqualifies", () => {
    expect(codes({ freeWarrantyEndsOn: "2024-03-03" })).toEqual([]);
  });

  it("refuses a supplier that is the same company (by id or by business number)", () => {
    expect(codes({}, { id: "org-maker", businessNumber: "1048163494" })).toEqual(["same_company"]);
    expect(codes({}, { id: "other", businessNumber: "2208162517" })).toEqual(["same_company"]);
  });

  it("lists every reason, with Korean messages and notice clauses", () => {
    const result = checkEligibility(
      applicant({ region: "서울특별시", taxDelinquent: true, freeWarrantyEndsOn: "2024-06-30" }),
      supplier,
      TODAY,
      P,
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      {
        code: "outside_region",
        message: "경기도 소재 기업만 신청할 수 있습니다 (소재지: 서울특별시).",
        clause: CLAUSES.region,
      },
      {
        code: "free_warranty_active",
        message: "공급기업의 무상 하자보수 기간(2024년 6월 30일까지) 중에는 신청할 수 없습니다.",
        clause: CLAUSES.noWarranty,
      },
      {
        code: "tax_delinquent",
        message: "국세 또는 지방세 체납 중인 기업은 지원 대상이 아닙니다.",
        clause: CLAUSES.taxDelinquent,
      },
    ]);
    expect(checkEligibility(applicant({ region: " " }), supplier, TODAY, P).reasons[0].message).toMatch(/소재지: 미입력/);
  });

  it("fails closed when the program lacks its region or local-program year", () => {
    const { region: _r, localProgramSinceYear: _y, ...ten } = P;
    expect(codes({}, supplier, ten)).toEqual(["program_rule_missing"]);
    expect(codes({ eligibilityBasis: "local_program", localProgramYear: 2023 }, supplier, { ...ten, region: "경기도" })).toEqual([
      "program_rule_missing",
    ]);
  });

  it("reads the year from the parameters", () => {
    expect(
      codes({ eligibilityBasis: "local_program", localProgramYear: 2022 }, supplier, {
        ...P,
        localProgramSinceYear: 2022,
      }),
    ).toEqual([]);
  });

  it("treats an unknown basis string from the database as no basis", () => {
    expect(codes({ eligibilityBasis: "other" as unknown as ApplicantProfile["eligibilityBasis"] })).toEqual(["basis_missing"]);
  });

  it("refuses malformed dates", () => {
    expect(() => checkEligibility(applicant(), supplier, "2024-3-4", P)).toThrow(/날짜/);
    expect(() => checkEligibility(applicant({ freeWarrantyEndsOn: "2024-02-30" }), supplier, TODAY, P)).toThrow(/날짜/);
  });
});

/** The company of applicant() as its application shows it. */
function company(patch: Partial<SubmittedCompany> = {}): SubmittedCompany {
  return {
    ...applicant(),
    name: "(주)한빛정밀",
    representative: "김한빛",
    address: "경기도 수원시 영통구 광교로 1",
    phone: "031-000-0000",
    maintenanceNote: null,
    promisingSmeCertified: false,
    promisingSmeCertNumber: null,
    ...patch,
  };
}

describe("the application as submitted: profileValueText / profileChanges", () => {
  it("lists every field of the company but its id, each with a Korean label", () => {
    expectTypeOf<ProfileField>().toEqualTypeOf<Exclude<keyof SubmittedCompany, "id">>();
    expect([...PROFILE_FIELDS].sort()).toEqual(
      Object.keys(company())
        .filter((k) => k !== "id")
        .sort(),
    );
    for (const field of PROFILE_FIELDS) expect(PROFILE_FIELD_LABELS[field]).toMatch(/[가-힣]/);
  });

  it("shows each kind of value in Korean", () => {
    const c = company({ eligibilityBasis: "self_built", freeWarrantyEndsOn: "2023-12-31", closedOrSuspended: true, representative: "  " });
    expect(profileValueText("businessNumber", c)).toBe("220-81-62517");
    expect(profileValueText("eligibilityBasis", c)).toBe("자체 구축 기업(스마트공장 수준확인서 보유)");
    expect(profileValueText("freeWarrantyEndsOn", c)).toBe("2023년 12월 31일");
    expect(profileValueText("diffusionCompletionYear", c)).toBe("2021년");
    expect(profileValueText("closedOrSuspended", c)).toBe("예");
    expect(profileValueText("taxDelinquent", c)).toBe("아니요");
    expect(profileValueText("representative", c)).toBe("미입력");
    expect(profileValueText("levelCertificateNumber", c)).toBe("미입력");
    expect(profileValueText("region", company({ region: " 경기도 " }))).toBe("경기도");
  });

  it("formats a business number with hyphens, and leaves anything else as it is", () => {
    expect(formatBusinessNumber("2208162517")).toBe("220-81-62517");
    expect(formatBusinessNumber("220-81-62517")).toBe("220-81-62517");
    expect(formatBusinessNumber("12-34")).toBe("12-34");
  });

  it("lists the changed fields before → after in the profile page's order", () => {
    const after = company({ closedOrSuspended: true, region: "서울특별시", eligibilityBasis: null, phone: null });
    expect(profileChanges(company(), after)).toEqual([
      { field: "phone", label: "전화번호", before: "031-000-0000", after: "미입력" },
      { field: "region", label: "소재지 시·도", before: "경기도", after: "서울특별시" },
      { field: "eligibilityBasis", label: "신청자격 구분", before: "스마트공장 보급확산 사업 완료 기업", after: "미입력" },
      { field: "closedOrSuspended", label: "휴업 또는 폐업 중", before: "아니요", after: "예" },
    ]);
  });

  it("finds no change when only what is not shown differs (hyphens, whitespace, an empty text instead of none)", () => {
    expect(profileChanges(company(), company())).toEqual([]);
    expect(profileChanges(company(), company({ businessNumber: "2208162517", name: "(주)한빛정밀 ", maintenanceNote: "" }))).toEqual([]);
  });
});
