/**
 * Percentages as people type them, and the basis points the rules keep (ProgramParams.subsidyRateBp):
 * "50" → 5000, "50.5" → 5050, "12.25 %" → 1225; 5000 → "50", 3333 → "33.33".
 * At most two decimals (1 bp = 0.01 %), never through floating point.
 */

/** A typed percentage ("50", "50.5", "0.25", "50 %", "50%") as basis points, or null when it is not one. */
export function percentToBp(typed: string): number | null {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(typed.replace(/[\s%]/g, ""));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** Basis points as the number to put in a percentage input: 5000 → "50", 5050 → "50.5", 3333 → "33.33". */
export function bpToPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = Math.abs(bp % 100);
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}
