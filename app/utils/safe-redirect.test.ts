import { describe, expect, it } from "vitest";
import { safeRedirectTarget } from "./safe-redirect";

// Known open-redirect forms: each must fall back to "/" (never a target a browser reads as off-site).
const OFF_SITE = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\t\\evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " /evil",
  "evil.example",
  "",
  "/".padEnd(2001, "a"),
];

describe("safeRedirectTarget", () => {
  it.each(OFF_SITE)("refuses %j", (target) => {
    expect(safeRedirectTarget(target)).toBe("/");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirectTarget(undefined)).toBe("/");
    expect(safeRedirectTarget(null)).toBe("/");
    expect(safeRedirectTarget(["/tickets"])).toBe("/");
  });

  it("keeps a path on this origin with its query and fragment, normalised", () => {
    expect(safeRedirectTarget("/tickets/abc/quote?x=1#lines")).toBe("/tickets/abc/quote?x=1#lines");
    expect(safeRedirectTarget("/tickets/../inbox")).toBe("/inbox");
    expect(safeRedirectTarget("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example"); // an encoded slash stays a path segment
    expect(safeRedirectTarget("/검색?q=한글")).toBe("/%EA%B2%80%EC%83%89?q=%ED%95%9C%EA%B8%80");
  });

  it("uses the given fallback", () => {
    expect(safeRedirectTarget("//evil.example", "/dashboard")).toBe("/dashboard");
  });
});
