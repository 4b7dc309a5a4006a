/**
 * Screening of each requested item against the notice's exclusions (공고 2. 지원 불가 사항 and
 * the HW upgrade rule). The structured flags decide ('blocked'); words in the free text only
 * raise a 'warning' for the reviewer, because the same word can name a supported thing
 * (a barcode scanner linked to the MES is supported: 공고 2. 사용자 운영 지원).
 */
import { CLAUSES } from "./notice";

/** Structured fields of a requested item, as on the RequestedItem row. */
export interface RequestedItemInput {
  description: string;
  isStandaloneEquipment: boolean;
  isOfficeIt: boolean;
  isRentalOrSubscription: boolean;
  isPeriodicConsumable: boolean;
  underWarranty: boolean;
}

export type ScreeningCategory = "standalone_equipment" | "office_it" | "rental_licence" | "periodic_consumable" | "warranty";
export type ScreeningSeverity = "blocked" | "warning";
export type ScreeningVerdict = "ok" | ScreeningSeverity;

export interface ScreeningFinding {
  severity: ScreeningSeverity;
  category: ScreeningCategory;
  /** e.g. 'blocked_office_it', 'keyword_office_it'. */
  code: string;
  message: string;
  clause: string;
  /** The word found in the description (warnings only). */
  keyword?: string;
}

export interface ItemScreening {
  description: string;
  verdict: ScreeningVerdict;
  findings: ScreeningFinding[];
}

const CATEGORY_RULES: Readonly<
  Record<ScreeningCategory, { flag: keyof Omit<RequestedItemInput, "description">; clause: string; blocked: string }>
> = {
  standalone_equipment: {
    flag: "isStandaloneEquipment",
    clause: CLAUSES.standaloneEquipment,
    blocked: "지원불가: 부품이 아닌 단독 설비 개체는 지원하지 않습니다.",
  },
  office_it: {
    flag: "isOfficeIt",
    clause: CLAUSES.unrelatedToScope,
    blocked: "지원불가: 스마트공장과 무관한 개별 전산장비(프린터·스캐너, 사용자 PC·모니터 등)입니다.",
  },
  rental_licence: {
    flag: "isRentalOrSubscription",
    clause: CLAUSES.rentalLicence,
    blocked: "지원불가: 임대 사용료 또는 기간이 정해진 라이센스형 소프트웨어 비용입니다.",
  },
  periodic_consumable: {
    flag: "isPeriodicConsumable",
    clause: CLAUSES.selfInvestment,
    blocked: "지원불가: 윤활유 교체 등 주기적 활동으로 자체 투자가 적합한 항목입니다.",
  },
  warranty: {
    flag: "underWarranty",
    clause: CLAUSES.warrantyContract,
    blocked: "지원불가: 공급기업과 체결한 유무상 하자보수 계약에 해당하는 항목입니다.",
  },
};

const CATEGORIES = Object.keys(CATEGORY_RULES) as ScreeningCategory[];

/** A Latin word not glued to other Latin letters (so "PC" matches "PC 교체" but not "PCB" or "IPC"). */
function latin(word: string): RegExp {
  return new RegExp(`(?<![A-Za-z])${word}(?![A-Za-z])`, "i");
}

/** Words that suggest an excluded item. Each only warns. */
export const SCREENING_KEYWORDS: readonly {
  category: ScreeningCategory;
  keyword: string;
  pattern: RegExp;
  note?: string;
}[] = [
  { category: "office_it", keyword: "프린터", pattern: /프린터/ },
  {
    category: "office_it",
    keyword: "스캐너",
    pattern: /스캐너/,
    note: "스마트공장과 연동된 단말기·스캐너·바코드의 사용 에러 해결·수리는 지원 대상입니다.",
  },
  { category: "office_it", keyword: "모니터", pattern: /모니터(?!링)/ },
  { category: "office_it", keyword: "PC", pattern: latin("PC") },
  { category: "office_it", keyword: "컴퓨터", pattern: /컴퓨터/ },
  { category: "office_it", keyword: "노트북", pattern: /노트북/ },
  { category: "rental_licence", keyword: "클라우드", pattern: /클라우드/ },
  { category: "rental_licence", keyword: "인터넷", pattern: /인터넷/ },
  { category: "rental_licence", keyword: "구독", pattern: /구독/ },
  { category: "rental_licence", keyword: "라이선스 갱신", pattern: /라이[선센]스\s*갱신/ },
  { category: "rental_licence", keyword: "백신", pattern: /백신/ },
  { category: "rental_licence", keyword: "오피스", pattern: /오피스/ },
  { category: "rental_licence", keyword: "MS Office", pattern: latin("office") },
  { category: "rental_licence", keyword: "임대", pattern: /임대/ },
  { category: "rental_licence", keyword: "렌탈", pattern: /렌탈|렌털/ },
  { category: "rental_licence", keyword: "사용료", pattern: /사용료|이용료/ },
  { category: "periodic_consumable", keyword: "윤활유", pattern: /윤활유/ },
  { category: "periodic_consumable", keyword: "소모품", pattern: /소모품/ },
  { category: "warranty", keyword: "하자보수", pattern: /하자\s*보수/ },
  { category: "warranty", keyword: "무상 보증", pattern: /무상\s*(보증|AS|A\/S)/i },
];

const CATEGORY_NAMES: Readonly<Record<ScreeningCategory, string>> = {
  standalone_equipment: "단독 설비",
  office_it: "스마트공장과 무관한 전산장비",
  rental_licence: "임대료·기간제 라이선스",
  periodic_consumable: "주기적 소모성 항목",
  warranty: "하자보수 대상",
};

/**
 * Screens one requested item: a 'blocked' finding for each structured flag that is set, then a
 * 'warning' for each keyword of the description whose category is not already blocked.
 * "프린터 토너 교체" with no flag set → warning '지원 제외 가능성: 스마트공장과 무관한 전산장비'.
 */
export function screenItem(item: RequestedItemInput): ItemScreening {
  const findings: ScreeningFinding[] = [];
  const blocked = new Set<ScreeningCategory>();
  for (const category of CATEGORIES) {
    const rule = CATEGORY_RULES[category];
    if (item[rule.flag]) {
      blocked.add(category);
      findings.push({
        severity: "blocked",
        category,
        code: `blocked_${category}`,
        message: rule.blocked,
        clause: rule.clause,
      });
    }
  }
  for (const word of SCREENING_KEYWORDS) {
    if (blocked.has(word.category) || !word.pattern.test(item.description)) continue;
    const rule = CATEGORY_RULES[word.category];
    findings.push({
      severity: "warning",
      category: word.category,
      code: `keyword_${word.category}`,
      message: `지원 제외 가능성: "${word.keyword}" — ${CATEGORY_NAMES[word.category]}인지 확인하세요.${word.note ? ` ${word.note}` : ""}`,
      clause: word.note ? `${rule.clause} / ${CLAUSES.userSupport}` : rule.clause,
      keyword: word.keyword,
    });
  }
  const verdict: ScreeningVerdict = blocked.size > 0 ? "blocked" : findings.length > 0 ? "warning" : "ok";
  return { description: item.description, verdict, findings };
}

export interface RequestScreening {
  verdict: ScreeningVerdict;
  items: ItemScreening[];
  blockedCount: number;
  warningCount: number;
}

/** Screens every requested item of a ticket; the verdict is the worst item's. */
export function screenRequest(items: readonly RequestedItemInput[]): RequestScreening {
  const screened = items.map(screenItem);
  const blockedCount = screened.filter((s) => s.verdict === "blocked").length;
  const warningCount = screened.filter((s) => s.verdict === "warning").length;
  const verdict: ScreeningVerdict = blockedCount > 0 ? "blocked" : warningCount > 0 ? "warning" : "ok";
  return { verdict, items: screened, blockedCount, warningCount };
}
