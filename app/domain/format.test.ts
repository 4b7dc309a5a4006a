import { describe, it, expect } from "vitest";
import { formatKRW } from "./format";
describe("smoke", () => { it("works", () => { expect(formatKRW(16000000)).toBe("16,000,000원"); }); });
