import { describe, it, expect } from "vitest";
import { CLAUSES } from "./notice";
import { screenItem, screenRequest, SCREENING_KEYWORDS, type RequestedItemInput } from "./screening";

function item(description: string, flags: Partial<Omit<RequestedItemInput, "description">> = {}): RequestedItemInput {
  return {
    description,
    isStandaloneEquipment: false,
    isOfficeIt: false,
    isRentalOrSubscription: false,
    isPeriodicConsumable: false,
    underWarranty: false,
    ...flags,
  };
}

describe("screenItem: structured fields block", () => {
  it.each([
    [
      { isStandaloneEquipment: true },
      "blocked_standalone_equipment",
      "지원불가: 부품이 아닌 단독 설비 개체는 지원하지 않습니다.",
      CLAUSES.standaloneEquipment,
    ],
    [{ isOfficeIt: true }, "blocked_office_it", expect.stringMatching(/^지원불가: 스마트공장과 무관한 개별 전산장비/), CLAUSES.unrelatedToScope],
    [
      { isRentalOrSubscription: true },
      "blocked_rental_licence",
      expect.stringMatching(/임대 사용료 또는 기간이 정해진 라이센스형/),
      CLAUSES.rentalLicence,
    ],
    [{ isPeriodicConsumable: true }, "blocked_periodic_consumable", expect.stringMatching(/윤활유 교체 등 주기적 활동/), CLAUSES.selfInvestment],
    [{ underWarranty: true }, "blocked_warranty", expect.stringMatching(/유무상 하자보수 계약/), CLAUSES.warrantyContract],
  ])("%j", (flags, code, message, clause) => {
    const result = screenItem(item("설비 데이터 수집 장치 교체", flags));
    expect(result.verdict).toBe("blocked");
    expect(result.findings).toEqual([{ severity: "blocked", category: expect.any(String), code, message, clause }]);
  });

  it("reports every flag that is set", () => {
    const result = screenItem(item("신규 CNC 장비 구매", { isStandaloneEquipment: true, underWarranty: true }));
    expect(result.findings.map((f) => f.code)).toEqual(["blocked_standalone_equipment", "blocked_warranty"]);
  });
});

describe("screenItem: words only warn", () => {
  it.each([
    ["사무실 프린터 교체", "프린터", "office_it"],
    ["바코드 스캐너 인식 오류 수리", "스캐너", "office_it"],
    ["사용자 모니터 교체", "모니터", "office_it"],
    ["사무용 PC 교체", "PC", "office_it"],
    ["관리자 pc 업그레이드", "PC", "office_it"],
    ["컴퓨터 교체", "컴퓨터", "office_it"],
    ["노트북 구입", "노트북", "office_it"],
    ["클라우드 서버 이용", "클라우드", "rental_licence"],
    ["인터넷 회선 증설", "인터넷", "rental_licence"],
    ["보안 솔루션 구독", "구독", "rental_licence"],
    ["ERP 라이선스 갱신", "라이선스 갱신", "rental_licence"],
    ["MES 라이센스갱신", "라이선스 갱신", "rental_licence"],
    ["백신 프로그램 설치", "백신", "rental_licence"],
    ["오피스 프로그램 구매", "오피스", "rental_licence"],
    ["MS Office 365 구매", "MS Office", "rental_licence"],
    ["측정 장비 임대", "임대", "rental_licence"],
    ["지게차 렌탈", "렌탈", "rental_licence"],
    ["서버 호스팅 이용료", "사용료", "rental_licence"],
    ["설비 윤활유 교체", "윤활유", "periodic_consumable"],
    ["센서 소모품 구입", "소모품", "periodic_consumable"],
    ["하자보수 기간 내 수리", "하자보수", "warranty"],
    ["무상 AS 요청", "무상 보증", "warranty"],
  ])("%s → warning on %s", (description, keyword, category) => {
    const result = screenItem(item(description));
    expect(result.verdict).toBe("warning");
    expect(result.findings).toContainEqual(expect.objectContaining({ severity: "warning", category, code: `keyword_${category}`, keyword }));
  });

  it("does not match look-alikes", () => {
    for (const description of [
      "설비 모니터링 화면 개선",
      "PCB 불량 부품 교체",
      "IPC 통신 오류 수정",
      "MES 공정 코드 추가 및 에러 수정",
      "POP 단말기 터치패널 수리",
      "officer 계정 권한 수정",
    ]) {
      expect(screenItem(item(description))).toEqual({ description, verdict: "ok", findings: [] });
    }
  });

  it("the scanner warning recalls that smart-factory scanners are supported", () => {
    const [finding] = screenItem(item("바코드 스캐너 인식 오류 수리")).findings;
    expect(finding.message).toBe(
      '지원 제외 가능성: "스캐너" — 스마트공장과 무관한 전산장비인지 확인하세요. 스마트공장과 연동된 단말기·스캐너·바코드의 사용 에러 해결·수리는 지원 대상입니다.',
    );
    expect(finding.clause).toBe(`${CLAUSES.unrelatedToScope} / ${CLAUSES.userSupport}`);
    const [printer] = screenItem(item("프린터 교체")).findings;
    expect(printer.message).toBe('지원 제외 가능성: "프린터" — 스마트공장과 무관한 전산장비인지 확인하세요.');
    expect(printer.clause).toBe(CLAUSES.unrelatedToScope);
  });

  it("a word of an already blocked category adds no warning; other categories still warn", () => {
    const result = screenItem(item("사무용 PC 클라우드 백업", { isOfficeIt: true }));
    expect(result.verdict).toBe("blocked");
    expect(result.findings.map((f) => f.code)).toEqual(["blocked_office_it", "keyword_rental_licence"]);
  });

  it("every keyword pattern matches its own keyword", () => {
    for (const k of SCREENING_KEYWORDS) expect(k.pattern.test(k.keyword)).toBe(true);
  });
});

describe("screenRequest", () => {
  it("takes the worst verdict and counts", () => {
    const ok = item("MES 작업지시 화면 UI 수정");
    const warn = item("프린터 드라이버 오류");
    const block = item("신규 설비", { isStandaloneEquipment: true });
    expect(screenRequest([ok])).toMatchObject({ verdict: "ok", blockedCount: 0, warningCount: 0 });
    expect(screenRequest([ok, warn])).toMatchObject({ verdict: "warning", blockedCount: 0, warningCount: 1 });
    expect(screenRequest([ok, warn, block])).toMatchObject({ verdict: "blocked", blockedCount: 1, warningCount: 1 });
    expect(screenRequest([])).toEqual({ verdict: "ok", items: [], blockedCount: 0, warningCount: 0 });
  });
});
