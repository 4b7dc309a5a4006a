import { describe, expect, it } from "vitest";
import { bpToPercent, percentToBp } from "./percent";

describe("percentToBp", () => {
  it.each([
    ["50", 5000],
    ["50.5", 5050],
    ["50.25", 5025],
    ["0.05", 5],
    ["0", 0],
    ["100", 10000],
    ["50 %", 5000],
    [" 12.5% ", 1250],
    ["120", 12000],
  ])("%s → %d", (typed, bp) => {
    expect(percentToBp(typed)).toBe(bp);
  });

  it.each(["", "%", "abc", "50.123", "-5", "1e3", ".5", "5.", "50,5", "12345678"])("refuses %j", (typed) => {
    expect(percentToBp(typed)).toBeNull();
  });
});

describe("bpToPercent", () => {
  it.each([
    [5000, "50"],
    [5050, "50.5"],
    [3333, "33.33"],
    [5, "0.05"],
    [0, "0"],
    [10000, "100"],
  ])("%d → %s", (bp, typed) => {
    expect(bpToPercent(bp)).toBe(typed);
  });

  it("round-trips every basis point up to 100 %", () => {
    for (let bp = 0; bp <= 10000; bp++) expect(percentToBp(bpToPercent(bp))).toBe(bp);
  });
});
