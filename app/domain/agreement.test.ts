import { describe, expect, it } from "vitest";
import {
  START_REASON_MAX,
  agreementTerms,
  agreementText,
  assertAgreementStart,
  checkAgreementStart,
  consentReset,
  consentsOf,
  type AgreementFacts,
  type DraftTerms,
} from "./agreement";
import { DomainError } from "./errors";
import { GYEONGGI_2024_PARAMS as P } from "./params";
import { CLAUSES } from "./notice";

const facts = (patch: Partial<AgreementFacts> = {}): AgreementFacts => ({
  ticketNumber: "AS-2024-0006",
  title: "냉장 창고 온도 센서 교체 및 WMS 연동",
  programName: "2024년 스마트공장 AS지원사업 (경기)",
  noticeNumber: "경기테크노파크 공고 제2024-5호",
  technopark: { name: "경기테크노파크", businessNumber: "1348144727", representative: "원장", address: "경기도 안산시" },
  manufacturer: { name: "(주)한빛정밀", businessNumber: "1358620475", representative: "김성호", address: "경기도 화성시" },
  supplier: { name: "(주)넥스트엠이에스", businessNumber: "2148705513", representative: null, address: null },
  items: [
    { kind: "sw", description: "MES 4.0 버전업", quantity: 1, unitPrice: 24_000_000, amount: 24_000_000, verifiedAmount: 22_000_000 },
    { kind: "labour", description: "보고서 모듈", quantity: 2, unitPrice: 3_000_000, amount: 6_000_000, verifiedAmount: null },
  ],
  quoteTotal: 30_000_000,
  verifiedAmount: 28_000_000,
  startOn: "2026-12-01",
  ...patch,
});

describe("agreementTerms and agreementText (2024 Gyeonggi figures)", () => {
  it("draws the amounts and the period from the rules", () => {
    const terms = agreementTerms(facts(), P);
    expect(terms.amounts).toEqual({ agreedCost: 28_000_000, subsidy: 14_000_000, companyShare: 14_000_000, provisional: false });
    expect(terms.window).toMatchObject({ startOn: "2026-12-01", baseEndOn: "2027-03-31", maxEndOn: "2027-05-31" });
    expect(terms.params.maxTotalMonths).toBe(6);
  });

  it("names the three parties, the items, the money, the period and the notice's conditions", () => {
    const text = agreementText(agreementTerms(facts(), P));
    expect(text).toContain("운영기관 제조혁신센터(TP): 경기테크노파크 (사업자등록번호 134-81-44727, 대표자 원장, 주소 경기도 안산시)");
    expect(text).toContain("도입기업: (주)한빛정밀 (사업자등록번호 135-86-20475, 대표자 김성호, 주소 경기도 화성시)");
    expect(text).toContain("공급기업: (주)넥스트엠이에스 (사업자등록번호 214-87-05513)");
    expect(text).toContain("1. [SW] MES 4.0 버전업: 1 × 24,000,000원 = 24,000,000원 → 원가검증 22,000,000원");
    expect(text).toContain("2. [인건비(용역)] 보고서 모듈: 2 × 3,000,000원 = 6,000,000원\n");
    expect(text).toContain("견적금액 합계 30,000,000원, 원가검증금액 28,000,000원");
    expect(text).toContain("협약금액(총사업비): 28,000,000원");
    expect(text).toContain("정부지원금: 14,000,000원 (총사업비의 50% 이내, 기업당 최대 16,000,000원)");
    expect(text).toContain("기업부담금: 14,000,000원");
    expect(text).toContain("2026년 12월 1일부터 2027년 3월 31일까지 (4개월)");
    expect(text).toContain("최대 2개월 연장할 수 있으며, 연장하더라도 2027년 5월 31일을 넘을 수 없다 (최대 사업기간 6개월)");
    expect(text).toContain("사업: 2024년 스마트공장 AS지원사업 (경기) (경기테크노파크 공고 제2024-5호)");
    for (const clause of ["threePartyAgreement", "subsidyManagement", "advancePayment", "period", "costReviewAll", "detailedRules"] as const) {
      expect(text).toContain(CLAUSES[clause]);
    }
    expect(text).toContain("협약 당사자 외의 기업과 거래할 때 그 대금을 선금으로 완납하여 거래한다");
  });

  it("is the same text for the same terms, and another for other terms", () => {
    expect(agreementText(agreementTerms(facts(), P))).toBe(agreementText(agreementTerms(facts(), P)));
    expect(agreementText(agreementTerms(facts({ startOn: "2026-12-02" }), P))).not.toBe(agreementText(agreementTerms(facts(), P)));
  });

  it("says when there is no verified amount, no notice number, and an unknown line kind as stored", () => {
    const text = agreementText(
      agreementTerms(
        facts({
          verifiedAmount: null,
          noticeNumber: null,
          items: [{ kind: "mystery", description: "기타", quantity: 1, unitPrice: 1, amount: 1, verifiedAmount: null }],
        }),
        P,
      ),
    );
    expect(text).toContain("원가검증금액 원가적정성 검토 전");
    expect(text).toContain("사업: 2024년 스마트공장 AS지원사업 (경기)\n");
    expect(text).toContain("1. [mystery] 기타");
  });
});

describe("checkAgreementStart: the date rules", () => {
  const TODAY = "2026-12-01";
  const base = { today: TODAY, selectionNoticeOn: "2026-11-20", reason: null };

  it("accepts today or later without a reason, and keeps no reason then", () => {
    expect(checkAgreementStart({ ...base, startOn: TODAY, reason: "  필요 없음 " }, P)).toMatchObject({
      allowed: true,
      reasons: [],
      startReason: null,
    });
    expect(checkAgreementStart({ ...base, startOn: "2027-01-04" }, P).window).toMatchObject({ baseEndOn: "2027-05-03", maxEndOn: "2027-07-03" });
  });

  it("refuses a start before the selection notice", () => {
    const check = checkAgreementStart({ ...base, startOn: "2026-11-19", reason: "착수 회의" }, P);
    expect(check.reasons).toEqual(["사업 시작일(2026년 11월 19일)은 선정 통보일(2026년 11월 20일)보다 앞설 수 없습니다."]);
  });

  it("refuses a ticket without a selection notice", () => {
    expect(checkAgreementStart({ ...base, selectionNoticeOn: null, startOn: TODAY }, P).reasons).toEqual([
      "선정 통보일이 없는 과제는 협약할 수 없습니다.",
    ]);
  });

  it("needs a reason (1–500 characters) for a start before today, and keeps it trimmed", () => {
    expect(checkAgreementStart({ ...base, startOn: "2026-11-25" }, P).reasons).toEqual([
      "사업 시작일(2026년 11월 25일)이 오늘(2026년 12월 1일)보다 앞섭니다. 그 사유를 적어 주세요.",
    ]);
    expect(checkAgreementStart({ ...base, startOn: "2026-11-25", reason: "   " }, P).allowed).toBe(false);
    expect(checkAgreementStart({ ...base, startOn: "2026-11-25", reason: "가".repeat(START_REASON_MAX + 1) }, P).reasons).toEqual([
      "사업 시작일을 앞당기는 사유는 500자 이내로 적어 주세요.",
    ]);
    expect(checkAgreementStart({ ...base, startOn: "2026-11-25", reason: ` ${"가".repeat(START_REASON_MAX)} ` }, P)).toMatchObject({
      allowed: true,
      startReason: "가".repeat(START_REASON_MAX),
    });
  });

  it("refuses a period that ended 19 months before the agreement, whatever the reason", () => {
    // selected 2025-01-02, start 2025-01-02 → ended 2025-05-01; the agreement on 2026-12-01 is 19 months later
    const check = checkAgreementStart({ startOn: "2025-01-02", today: TODAY, selectionNoticeOn: "2025-01-02", reason: "소급 적용" }, P);
    expect(check.reasons).toEqual([
      "사업기간(2025년 1월 2일 ~ 2025년 5월 1일)이 오늘(2026년 12월 1일) 전에 이미 끝났습니다. 끝난 기간으로는 협약할 수 없습니다.",
    ]);
    // a base period ending today still leaves a day of work
    expect(checkAgreementStart({ startOn: "2026-08-02", today: TODAY, selectionNoticeOn: "2026-08-01", reason: "소급" }, P).allowed).toBe(true);
    expect(checkAgreementStart({ startOn: "2026-08-01", today: TODAY, selectionNoticeOn: "2026-08-01", reason: "소급" }, P).allowed).toBe(false);
  });

  it("assertAgreementStart throws every reason, or returns the check", () => {
    const e = (() => {
      try {
        assertAgreementStart({ startOn: "2025-01-02", today: TODAY, selectionNoticeOn: "2025-02-01", reason: null }, P);
      } catch (error) {
        return error;
      }
    })() as DomainError;
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe("agreement_start_refused");
    expect(e.reasons).toHaveLength(3);
    expect(e.message).toBe(e.reasons[0]);
    expect(assertAgreementStart({ ...base, startOn: TODAY }, P).startReason).toBeNull();
  });
});

describe("consentReset: which changes clear the consents", () => {
  const draft: DraftTerms = {
    startOn: "2026-12-01",
    baseEndOn: "2027-03-31",
    agreedCost: 28_000_000,
    subsidy: 14_000_000,
    companyShare: 14_000_000,
    textHash: "a",
  };

  it("a first draft has nothing to clear", () => {
    expect(consentReset(null, draft)).toEqual({ clear: false, changes: [] });
  });

  it("the same terms prepared again keep the consents", () => {
    expect(consentReset(draft, { ...draft })).toEqual({ clear: false, changes: [] });
  });

  it("another start date clears them (the period moves)", () => {
    expect(consentReset(draft, { ...draft, startOn: "2026-12-02", baseEndOn: "2027-04-01", textHash: "b" })).toEqual({
      clear: true,
      changes: ["사업 시작일", "사업 종료일"],
    });
  });

  it("a new cost review clears them (agreed 28,000,000 → 26,000,000: subsidy 13,000,000)", () => {
    expect(
      consentReset(draft, { ...draft, agreedCost: 26_000_000, subsidy: 13_000_000, companyShare: 13_000_000, textHash: "c" }).changes,
    ).toEqual(["협약금액", "정부지원금", "기업부담금"]);
  });

  it("a change of the text alone (a party's representative) clears them too", () => {
    expect(consentReset(draft, { ...draft, textHash: "d" })).toEqual({ clear: true, changes: ["협약서 내용"] });
  });
});

describe("consentsOf", () => {
  it("counts a consent that is live and given to the draft's text", () => {
    const consents = [
      { party: "manufacturer", textHash: "h", clearedAt: null, name: "김성호" },
      { party: "supplier", textHash: "old", clearedAt: null, name: "한지수" },
      { party: "supplier", textHash: "h", clearedAt: new Date(), name: "한지수" },
    ];
    const state = consentsOf(consents, "h");
    expect(state.manufacturer?.name).toBe("김성호");
    expect(state.supplier).toBeNull();
    expect(state.waitingFor).toEqual(["supplier"]);
    expect(consentsOf([], "h").waitingFor).toEqual(["manufacturer", "supplier"]);
    expect(consentsOf([...consents, { party: "supplier", textHash: "h", clearedAt: null, name: "박" }], "h").waitingFor).toEqual([]);
  });
});
