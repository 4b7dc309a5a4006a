import { describe, expect, it } from "vitest";
import { FORM_INDEX_LIMIT, ROW_LIMITS } from "./limits";

describe("row limits", () => {
  it.each(Object.entries(ROW_LIMITS))("%s allows at least one row and no more than the form index bound", (_editor, limit) => {
    expect(Number.isInteger(limit)).toBe(true);
    expect(limit).toBeGreaterThan(0);
    // every row an editor allows must get past the server's index guard (indexes 0 … limit - 1)
    expect(limit - 1).toBeLessThanOrEqual(FORM_INDEX_LIMIT);
  });
});
