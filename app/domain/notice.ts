/**
 * Short citations of the notice (경기테크노파크 공고 제2024-5호), attached to every finding and
 * refusal so the UI can say where a rule comes from. Wording is quoted from the notice, except
 * that figures which are program parameters (rate, cap, months, days, pass mark, capacity,
 * region, year) are left out here: the finding's message states them from ProgramParams.
 */
export const CLAUSES = {
  // 1. 사업개요
  subsidyCondition: "공고 1. 지원조건: 총 사업비의 지원 비율 이내, 기업당 정부지원금 한도",
  period: "공고 1. 사업기간: 연장 신청 및 승인을 통해 연장 가능, 최대 사업기간을 초과한 사업수행은 불가",
  // 2. 지원내용
  standaloneEquipment: "공고 2. 지원내용(HW 업그레이드): 부품이 아닌 단독 설비 개체는 지원 불가",
  warrantyContract: "공고 2. 지원 불가 사항 ①②: 공급기업과 기 체결한 유무상 하자보수 계약 내용",
  unrelatedToScope: "공고 2. 지원 불가 사항 ③-1): 스마트공장 구축 범위와 무관한 내용(프린터·스캐너 등 개별 전산장비, 사용자 PC·모니터 교체 등)",
  rentalLicence:
    "공고 2. 지원 불가 사항 ③-2): 임대 사용료, 기간이 정해진 라이센스형 소프트웨어 비용(클라우드 서버·인터넷 이용료, 보안프로그램, MS 오피스 등)",
  selfInvestment: "공고 2. 지원 불가 사항 ③-3): 주기적 활동 등 자체 투자가 적합한 항목(윤활유 교체 등)",
  userSupport: "공고 2. 사용자 운영 지원: 단말기, 스캐너, 바코드 등 HW 사용 에러 해결 및 수리 지원",
  hwWork: "공고 2. 지원내용(HW 업그레이드): 기 구축 스마트공장 구축범위에 해당하는 HW 중 부품의 고장·결함수리, 기능 개조 지원",
  swUpgrade: "공고 2. 지원내용(SW 업그레이드): 기 구축 스마트공장의 솔루션 버전업, 모듈 추가, 기능추가 지원",
  userTraining: "공고 2. 사용자 운영 지원: 사용자 교육 지원",
  // 3. 신청자격 및 방법
  region: "공고 3. 신청자격: 지원 지역(시·도) 소재 기업",
  basisDiffusion: "공고 3. 신청자격 ①: 스마트공장 보급확산 사업에 참여하여 사업을 완료한 중소 제조기업",
  basisSelfBuilt: "공고 3. 신청자격 ②: 자체역량으로 구축하고 스마트공장 수준확인서를 발급받은 중소 제조기업",
  basisLocal: "공고 3. 신청자격 ③: 지자체 스마트공장(기초)사업에 참여하여 사업을 완료한 중소 제조기업(인정 연도 이후)",
  noWarranty: "공고 3. 신청자격: 공급기업으로부터 유무상 하자보수를 받지 않은 기업(무상 하자보수 1년 기간 내 기업 제외)",
  documents: "공고 3. 신청방법: 온라인 제출 서류",
  certificateValidity: "공고 3. 제출 서류 ②③: 발행일로부터 유효기간 이내(사업자등록증명원, 국세·지방세 납세증명서)",
  financialStatements: "공고 3. 제출 서류 ⑤: 최근 3개년 재무제표(최근 연도 미보유 시 부가세과세표준증명원)",
  sfProof: "공고 3. 제출 서류 ⑥: 스마트공장 구축 증빙(완료보고서 / 수준확인서·구축 내역 / 완료 확인서·보고서)",
  promisingSme: "공고 3. 제출 서류 ⑦: 경기도 유망중소기업 인증서(해당 기업에 한함)",
  // 3. 지원절차
  completionCheck: "공고 3. 지원절차: ⑩ 과제수행, ⑪ 완료점검",
  costReviewRevision: "공고 3. 지원절차 ⑦: 원가적정성 검토 결과 수행계획서 변경이 필요한 경우 기한 이내 수정 수행계획서 제출 필수",
  // 4. 선정절차 및 평가항목
  evaluationPass: "공고 4. 현장평가: 부적합 사항이 없으며, 평점이 합격 점수 이상인 경우 선정",
  bonus: "공고 4. 가점: 접수 시 증빙자료(인증서)를 첨부하지 않은 경우 가점사항 불인정",
  // 5. 지원제외 대상 및 유의사항
  closed: "공고 5. 지원제외 대상: 휴·폐업 중인 기업",
  taxDelinquent: "공고 5. 지원제외 대상: 국세 및 지방세 체납 중인 기업",
  sanctioned: "공고 5. 지원제외 대상: 스마트공장 보급확산 사업과 관련하여 제재 중인 기업",
  selfService: "공고 5. 지원제외 대상: 타 공급기업의 지원 없이 자체적으로 AS가 가능한 도입기업",
  costReviewAll: "공고 5. 유의사항: 전체 지원결정 건에 대해 원가적정성 검토(원가계산) 실시",
  differentCompanies: "공고 5. 유의사항: 도입기업과 공급기업은 동일할 수 없음",
  planDue: "공고 5. 유의사항: 선정 통보일로부터 기한 이내 수행계획서 제출 및 사업 착수",
  selectionCancel: "공고 5. 유의사항: 관련서류 제출 지연 등으로 인해 선정이 취소될 수 있음",
  budget: "공고 1. 지원규모(지원 기업 수), 접수형태: 예산소진시까지 수시모집",
  // issue 16: the five parties and the money after selection
  siteEvaluator: "공고 3. 지원절차 ④: 외부전문가 1인(필요시 제조혁신센터(TP) 참여 가능)이 신청기업 현장을 방문하여 평가",
  costAgency: "공고 3. 지원절차 ⑦: 원가적정성 검토 — 제조혁신센터(TP), 원가계산기관",
  threePartyAgreement: "공고 3. 지원절차 ⑧: 협약체결 — 제조혁신센터(TP), 도입, 공급기업",
  subsidyManagement: "공고 5. 유의사항: 교부 보조금의 관리집행은 관련지침 등을 따라 도입기업의 책임하에 진행",
  advancePayment: "공고 5. 유의사항: 공급기업은 부품구입 등 목적으로 협약 당사자 외 기업과 거래 시 선금 완납을 통해 거래를 진행",
  detailedRules: "공고 5. 유의사항: 공고문에 명시되지 않은 사항은 세부관리기준 등 관련 규정에 따름",
} as const;

export type ClauseId = keyof typeof CLAUSES;

/**
 * The notice's twelve steps (지원절차 ①–⑫), in its own words, with who takes part in each as its chart names
 * them (④ "외부전문가 1인(필요시 제조혁신센터(TP) 참여 가능)", ⑦ with the 원가계산기관, ⑧ signed by all three);
 * ⑨ adds the company's share and ⑪ the settlement (정산) that follows the completion check.
 */
export const NOTICE_STEPS = [
  { no: 1, label: "사업공고", parties: "운영기관(TP)" },
  { no: 2, label: "신청접수", parties: "도입기업" },
  { no: 3, label: "요건검토", parties: "운영기관(TP)" },
  { no: 4, label: "현장평가", parties: "외부전문가 (운영기관 참여 가능)" },
  { no: 5, label: "지원결정", parties: "운영기관(TP)" },
  { no: 6, label: "수행계획서 제출 및 검토", parties: "공급기업 · 운영기관(TP)" },
  { no: 7, label: "원가적정성 검토", parties: "원가계산기관 · 운영기관(TP)" },
  { no: 8, label: "협약체결", parties: "운영기관(TP) · 도입기업 · 공급기업" },
  { no: 9, label: "사업비 지급", parties: "도입기업(기업부담금) · 운영기관(TP)(정부지원금)" },
  { no: 10, label: "과제수행", parties: "공급기업 · 도입기업" },
  { no: 11, label: "완료점검", parties: "운영기관(TP) · 정산: 도입기업" },
  { no: 12, label: "과제관리", parties: "운영기관(TP)" },
] as const;

export type NoticeStep = (typeof NOTICE_STEPS)[number]["no"];
