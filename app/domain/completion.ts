/**
 * 완료점검 (공고 3. 지원절차 ⑪): what the Technopark must have before it passes a ticket, and the
 * evidence each support type calls for in the supplier's work logs (작업일지). The work-log page
 * asks for the evidence with {@link evidenceFor}; the completion check looks for it with
 * {@link completionGaps}. Both read the one table {@link EVIDENCE}, so they cannot disagree.
 */
import { DomainError } from "./errors";
import type { Finding } from "./eligibility";
import { isUnconfirmedWorkLogStatus, type SupportType } from "./labels";
import { CLAUSES } from "./notice";

// ─── Evidence per support type ──────────────────────────────────────────────

export const EVIDENCE_KINDS = ["hw", "sw", "training"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** One work log as the completion check sees it: its status and the evidence it holds. */
export interface WorkLogSummary {
  /** A WORK_LOG_STATUSES value; see isUnconfirmedWorkLogStatus (anything but 'confirmed'). */
  status: string;
  /** Replaced parts recorded on the log (교체 부품). */
  parts: number;
  /** Before/after photos attached to the log (PHOTO_PURPOSES). */
  photos: number;
  swVersionBefore: string | null;
  swVersionAfter: string | null;
  trainingAttendees: string | null;
}

export interface EvidenceRule {
  /** The support types that call for this evidence. */
  supportTypes: readonly SupportType[];
  /** What the supplier is asked to record (work-log page, "필요한 증빙"). */
  asked: string;
  /** True when this one log holds the evidence. */
  heldBy: (log: WorkLogSummary) => boolean;
  /** The completion check's gap when no log holds it. */
  missing: string;
  clause: string;
}

/**
 * HW → replaced parts or before/after photos; SW upgrade → version before and after;
 * user operation support (training) → the attendees.
 */
export const EVIDENCE: Readonly<Record<EvidenceKind, EvidenceRule>> = {
  hw: {
    supportTypes: ["hw_repair", "hw_upgrade"],
    asked: "교체 부품(부품명·시리얼)과 작업 전후 사진",
    heldBy: (log) => log.parts > 0 || log.photos > 0,
    missing: "HW 수리·업그레이드 증빙(교체 부품 또는 작업 사진)이 작업일지에 없습니다.",
    clause: CLAUSES.hwWork,
  },
  sw: {
    supportTypes: ["sw_upgrade"],
    asked: "변경 전후 SW 버전",
    heldBy: (log) => Boolean(log.swVersionBefore && log.swVersionAfter),
    missing: "SW 업그레이드 증빙(변경 전·후 버전)이 작업일지에 없습니다.",
    clause: CLAUSES.swUpgrade,
  },
  training: {
    supportTypes: ["util_user_support"],
    asked: "교육 참석자와 교육 자료",
    heldBy: (log) => Boolean(log.trainingAttendees),
    missing: "사용자 교육 증빙(참석자)이 작업일지에 없습니다.",
    clause: CLAUSES.userTraining,
  },
};

/** Which evidence a ticket's work logs must carry, given its support types. */
export type EvidenceNeeds = Readonly<Record<EvidenceKind, boolean>>;

/** The evidence a ticket's support types call for: { hw, sw, training }. */
export function evidenceFor(types: readonly SupportType[]): EvidenceNeeds {
  const needs = (kind: EvidenceKind) => EVIDENCE[kind].supportTypes.some((t) => types.includes(t));
  return { hw: needs("hw"), sw: needs("sw"), training: needs("training") };
}

/** "교체 부품(부품명·시리얼)과 작업 전후 사진, 변경 전후 SW 버전", or "작업 내용" when no evidence is called for. */
export function describeEvidence(needs: EvidenceNeeds): string {
  return (
    EVIDENCE_KINDS.filter((kind) => needs[kind])
      .map((kind) => EVIDENCE[kind].asked)
      .join(", ") || "작업 내용"
  );
}

// ─── The completion check's gate ────────────────────────────────────────────

export interface CompletionFacts {
  supportTypes: readonly SupportType[];
  workLogs: readonly WorkLogSummary[];
  /** The supplier has filed a completion report (완료보고서). */
  hasCompletionReport: boolean;
}

/** One thing the completion check still misses: Korean message and its notice clause. */
export interface CompletionGap extends Finding {
  code: "no_work_logs" | "work_logs_unconfirmed" | `evidence_${EvidenceKind}` | "no_completion_report";
}

/**
 * What the completion check still misses, in this order (empty when the gate is open): no work
 * log at all, work logs the manufacturer has not confirmed, the evidence each support type calls
 * for (found in any one log), the supplier's completion report.
 */
export function completionGaps(facts: CompletionFacts): CompletionGap[] {
  const gaps: CompletionGap[] = [];
  const unconfirmed = facts.workLogs.filter((log) => isUnconfirmedWorkLogStatus(log.status)).length;
  if (facts.workLogs.length === 0) {
    gaps.push({ code: "no_work_logs", message: "작업일지가 없습니다.", clause: CLAUSES.completionCheck });
  }
  if (unconfirmed > 0) {
    gaps.push({
      code: "work_logs_unconfirmed",
      message: `도입기업이 확인하지 않은 작업일지가 ${unconfirmed}건 있습니다.`,
      clause: CLAUSES.completionCheck,
    });
  }
  const needs = evidenceFor(facts.supportTypes);
  for (const kind of EVIDENCE_KINDS) {
    const rule = EVIDENCE[kind];
    if (needs[kind] && !facts.workLogs.some(rule.heldBy)) {
      gaps.push({ code: `evidence_${kind}`, message: rule.missing, clause: rule.clause });
    }
  }
  if (!facts.hasCompletionReport) {
    gaps.push({ code: "no_completion_report", message: "공급기업의 완료보고서가 없습니다.", clause: CLAUSES.completionCheck });
  }
  return gaps;
}

/**
 * Throws DomainError 'completion_gaps' (every gap in `reasons`) unless the completion check can
 * pass: the refusal of pass_completion.
 */
export function assertCompletionReady(facts: CompletionFacts): void {
  const reasons = completionGaps(facts).map((gap) => gap.message);
  if (reasons.length > 0) {
    throw new DomainError("completion_gaps", `완료점검을 통과시킬 수 없습니다: ${reasons.join(" ")}`, reasons);
  }
}
