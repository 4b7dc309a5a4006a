/**
 * The plan's two deadlines (수행계획서 제출기한, 수정 수행계획서 제출기한) as a page or an export shows them:
 * a deadline is "running" only while its state's clock runs (DEADLINE_CLOCKS in schedule.ts, the same rule
 * as the D-day badge); once the clock stopped it is history, with the day the plan was submitted and whether
 * that was in time. Before (issue 17), the ticket page and the CSV showed "수행계획서 제출기한 …" long after the
 * plan was in, as if it were still running.
 */
import { compareIsoDate, type IsoDate } from "./dates";
import { formatKoreanDate } from "./format";
import { deadlineClockOf } from "./schedule";

export type PlanDeadlineField = "planDueOn" | "revisionDueOn";

export interface PlanDeadlineFacts {
  state: string;
  planDueOn: IsoDate | null;
  revisionDueOn: IsoDate | null;
  /** The day (Asia/Seoul) the first plan was submitted, null before. */
  planSubmittedOn: IsoDate | null;
  /** The day the latest revised plan was submitted, null before any. */
  revisionSubmittedOn: IsoDate | null;
}

export interface PlanDeadline {
  field: PlanDeadlineField;
  /** "수행계획서 제출기한" / "수정 수행계획서 제출기한". */
  label: string;
  on: IsoDate;
  /** True while the state's clock is this deadline's. */
  running: boolean;
  /** When the clock stopped: the submission day, or null when nothing was submitted. */
  submittedOn: IsoDate | null;
  /** Submitted after the deadline (false when in time or not submitted). */
  late: boolean;
}

export const PLAN_DEADLINE_LABELS: Readonly<Record<PlanDeadlineField, string>> = {
  planDueOn: "수행계획서 제출기한",
  revisionDueOn: "수정 수행계획서 제출기한",
};

const SUBMITTED_ON: Readonly<Record<PlanDeadlineField, "planSubmittedOn" | "revisionSubmittedOn">> = {
  planDueOn: "planSubmittedOn",
  revisionDueOn: "revisionSubmittedOn",
};

/** The ticket's plan deadlines that are set, the plan's first: each running or history. */
export function planDeadlines(facts: PlanDeadlineFacts): PlanDeadline[] {
  const runningField = deadlineClockOf(facts.state)?.field;
  return (["planDueOn", "revisionDueOn"] as const).flatMap((field) => {
    const on = facts[field];
    if (on === null) return [];
    const running = runningField === field;
    // a running clock has no submission yet (a revision asked again runs again until the new plan is in)
    const submittedOn = running ? null : facts[SUBMITTED_ON[field]];
    const late = submittedOn !== null && compareIsoDate(submittedOn, on) > 0;
    return [{ field, label: PLAN_DEADLINE_LABELS[field], on, running, submittedOn, late }];
  });
}

/** The running one of `field`'s deadline, or null (an export's date column). */
export function runningDeadlineOn(deadlines: readonly PlanDeadline[], field: PlanDeadlineField): IsoDate | null {
  return deadlines.find((d) => d.field === field && d.running)?.on ?? null;
}

/**
 * A stopped deadline as history: "수행계획서 제출기한 2026년 10월 27일 · 제출 2026년 10월 23일 (기한 내)",
 * "… · 제출 … (기한 경과)" or "… · 미제출". `format` writes the dates (formatKoreanDate on pages).
 */
export function deadlineHistoryText(deadline: PlanDeadline, format: (on: IsoDate) => string = formatKoreanDate): string {
  const head = `${deadline.label} ${format(deadline.on)}`;
  if (deadline.submittedOn === null) return `${head} · 미제출`;
  return `${head} · 제출 ${format(deadline.submittedOn)} (${deadline.late ? "기한 경과" : "기한 내"})`;
}
