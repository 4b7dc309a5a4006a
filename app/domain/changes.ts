/**
 * 사업변경 (change requests) after the agreement: a period change (연장), a scope change (품목) or a
 * cost change (사업비). One company proposes, the OTHER company confirms, the TP decides; an approved
 * change amends the agreement by the same money rules (50 %, cap) and writes a new agreement version.
 * Pure: the models read and write, these functions decide.
 */
import { DomainError } from "./errors";
import { formatKRW } from "./format";
import { COMPANY_ROLES, ROLE_LABELS, type CompanyRole } from "./labels";
import { subsidyFor } from "./money";
import type { ProgramParams } from "./params";

export const CHANGE_KINDS = ["scope", "cost"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_KIND_LABELS: Readonly<Record<ChangeKind, string>> = { scope: "사업범위(품목) 변경", cost: "사업비 변경" };
export const isChangeKind = (v: unknown): v is ChangeKind => (CHANGE_KINDS as readonly unknown[]).includes(v);

/**
 * Statuses of a change (ChangeRequest.status) and of a period change (ExtensionRequest.status, where
 * `proposed` is the same step as `awaiting_counterpart`): one label table for both pages.
 */
export const CHANGE_STATUS_LABELS: Readonly<Record<string, string>> = {
  proposed: "상대 기업 확인 대기",
  awaiting_counterpart: "상대 기업 확인 대기",
  pending: "승인 대기",
  approved: "승인",
  refused: "불승인",
  withdrawn: "상대 기업 거절",
};

/** The Korean label of a change's or a period change's status (the raw value when unknown). */
export function changeStatusLabel(status: string): string {
  return Object.prototype.hasOwnProperty.call(CHANGE_STATUS_LABELS, status) ? CHANGE_STATUS_LABELS[status] : status;
}

/** The company that confirms what `role` proposed. */
export function counterpartOf(role: CompanyRole): CompanyRole {
  return role === "manufacturer" ? "supplier" : "manufacturer";
}

/**
 * Why `actorRole` may not confirm (or decline) a change proposed by `proposedBy`, or null: only the
 * OTHER company confirms, so that no company changes the agreement alone (공고: 협약 당사자 3자).
 */
export function confirmRefusal(proposedBy: string, actorRole: string): string | null {
  const companies: readonly string[] = COMPANY_ROLES;
  if (!companies.includes(actorRole)) return "변경 신청은 도입기업과 공급기업만 확인할 수 있습니다.";
  if (!companies.includes(proposedBy)) return "변경 신청을 한 기업을 알 수 없습니다.";
  if (actorRole === proposedBy) {
    const other = ROLE_LABELS[counterpartOf(proposedBy as CompanyRole)];
    return `변경을 신청한 기업은 스스로 확인할 수 없습니다. ${other}의 확인을 기다립니다.`;
  }
  return null;
}

/** Throws the {@link confirmRefusal} reason as a DomainError ('change_confirm_refused'). */
export function assertMayConfirm(proposedBy: string, actorRole: string): void {
  const reason = confirmRefusal(proposedBy, actorRole);
  if (reason !== null) throw new DomainError("change_confirm_refused", reason);
}

export interface AmendedAmounts {
  agreedCost: number;
  subsidy: number;
  companyShare: number;
  /** True when the rate would give more than the cap (the subsidy stops at the cap). */
  capped: boolean;
}

/**
 * The agreement's figures after a scope or cost change: the TP's approval stands for the verification
 * of the new quote, so the agreed cost is the proposed total (a cost increase is allowed), and the subsidy
 * is the same rule as at conclusion (subsidyFor: 50 %, never above the cap); the company pays the rest.
 */
export function amendedAmounts(proposedTotal: number, params: ProgramParams): AmendedAmounts {
  const subsidy = subsidyFor(proposedTotal, params);
  if (proposedTotal < 1) throw new DomainError("change_total_zero", "변경 후 사업비는 1원 이상이어야 합니다.");
  const byRate = Number((BigInt(proposedTotal) * BigInt(params.subsidyRateBp)) / 10000n);
  return { agreedCost: proposedTotal, subsidy, companyShare: proposedTotal - subsidy, capped: byRate > subsidy };
}

/** Subsidy already paid beyond the amended subsidy (0 when none): the settlement recovers it; the change is not blocked. */
export function subsidyToRecover(paidSubsidy: number, newSubsidy: number): number {
  return Math.max(0, paidSubsidy - newSubsidy);
}

/** "협약금액 30,000,000원 → 34,000,000원" parts of an approval's summary (only the figures that moved). */
export function describeAmendment(before: Omit<AmendedAmounts, "capped">, after: Omit<AmendedAmounts, "capped">): string {
  const parts = (
    [
      ["협약금액", "agreedCost"],
      ["정부지원금", "subsidy"],
      ["기업부담금", "companyShare"],
    ] as const
  )
    .filter(([, key]) => before[key] !== after[key])
    .map(([label, key]) => `${label} ${formatKRW(before[key])} → ${formatKRW(after[key])}`);
  return parts.length ? parts.join(", ") : "금액 변동 없음";
}

/** One agreement version as the side-by-side table compares it. */
export interface VersionFigures {
  startOn: string;
  endOn: string;
  agreedCost: number;
  subsidy: number;
  companyShare: number;
  quoteVersion: number | null;
  planVersion: number | null;
}

export const VERSION_FIELDS = ["period", "agreedCost", "subsidy", "companyShare", "quoteVersion", "planVersion"] as const;
export type VersionField = (typeof VERSION_FIELDS)[number];

function fieldValue(v: VersionFigures, field: VersionField): string | number | null {
  return field === "period" ? `${v.startOn}~${v.endOn}` : v[field];
}

/**
 * For each version (oldest first), the fields that differ from the version before it (none for the
 * first): the cells the side-by-side table marks as changed.
 */
export function changedFields(versions: readonly VersionFigures[]): VersionField[][] {
  return versions.map((v, i) => (i === 0 ? [] : VERSION_FIELDS.filter((f) => fieldValue(v, f) !== fieldValue(versions[i - 1], f))));
}

export interface ComparableLine {
  kind: string;
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export type LineChange = "same" | "changed" | "added" | "removed";

export interface ComparedLine {
  kind: string;
  description: string;
  before: ComparableLine | null;
  after: ComparableLine | null;
  change: LineChange;
}

const lineKey = (l: ComparableLine) => `${l.kind}\u0000${l.description.trim()}`;

/**
 * Two quote versions' lines side by side, matched by 구분 and 내용: kept, changed (quantity or unit
 * price), added, removed. The new version's order first, then the removed lines.
 */
export function compareLines(before: readonly ComparableLine[], after: readonly ComparableLine[]): ComparedLine[] {
  const old = new Map<string, ComparableLine>();
  for (const l of before) if (!old.has(lineKey(l))) old.set(lineKey(l), l);
  const rows: ComparedLine[] = after.map((l) => {
    const prev = old.get(lineKey(l)) ?? null;
    old.delete(lineKey(l));
    const change: LineChange = prev === null ? "added" : prev.quantity === l.quantity && prev.unitPrice === l.unitPrice ? "same" : "changed";
    return { kind: l.kind, description: l.description, before: prev, after: l, change };
  });
  for (const l of old.values()) rows.push({ kind: l.kind, description: l.description, before: l, after: null, change: "removed" });
  return rows;
}
