// A complete site evaluation sheet (every graded item at one grade, every suitability check holding), for the
// model tests that fill and submit one.
import { GRADED_ITEM_KEYS, SUITABILITY_CHECK_KEYS, type Grade, type IsoDate } from "~/domain";
import type { SheetInput } from "~/models/expert-steps.server";

export function completeSheet(evaluatorName: string, evaluatedOn: IsoDate, grade: Grade, note: string | null = null): SheetInput {
  return {
    evaluatorName,
    evaluatedOn,
    note,
    grades: Object.fromEntries(GRADED_ITEM_KEYS.map((key) => [key, grade])),
    checks: Object.fromEntries(SUITABILITY_CHECK_KEYS.map((key) => [key, true])),
  };
}
