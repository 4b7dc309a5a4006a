import { describe, expect, it } from "vitest";
import { SeenEvents } from "./seen-events";

describe("SeenEvents", () => {
  it("takes an event once, in whatever order events arrive", () => {
    const seen = new SeenEvents();
    expect(seen.take(11)).toBe(true);
    expect(seen.take(10)).toBe(true); // committed on another node a moment earlier, arrived later
    expect(seen.take(11)).toBe(false);
    expect(seen.take(10)).toBe(false);
    expect(seen.highest).toBe(11);
  });

  it("refuses what is not an event number", () => {
    const seen = new SeenEvents();
    for (const bad of [undefined, null, "3", 0, -1, 2.5, Number.NaN]) expect(seen.take(bad)).toBe(false);
    expect(seen.highest).toBe(0);
  });

  it("remembers the latest 500 and refuses what is older than all of them", () => {
    const seen = new SeenEvents();
    for (let seq = 1; seq <= 600; seq++) expect(seen.take(seq)).toBe(true);
    expect(seen.take(50)).toBe(false); // trimmed long ago: applied then
    expect(seen.take(600)).toBe(false);
    expect(seen.take(601)).toBe(true);
    expect(seen.highest).toBe(601);
  });
});
