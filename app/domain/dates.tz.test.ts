/**
 * The answers must not depend on the process time zone: the same script runs in child processes
 * under TZ=UTC, TZ=America/Los_Angeles and TZ=Asia/Seoul and must print the same thing, which
 * must also be the expected Seoul answer (e.g. 2024-03-01T15:00:30Z is 2024-03-02 00:00:30 in Seoul).
 */
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const entry = path.join(here, "index.ts");

const script = `
const d = await import(${JSON.stringify(entry)});
const p = d.GYEONGGI_2024_PARAMS;
const instant = new Date("2024-03-01T15:00:30Z");
console.log(JSON.stringify({
  offsetMinutes: new Date(2024, 2, 1).getTimezoneOffset(),
  localDayOfInstant: instant.getDate(),
  seoulDate: d.seoulDate(instant),
  dDayFromInstant: d.dDay("2024-03-02", instant),
  dDayLate: d.dDay("2024-03-01", instant),
  window: d.executionWindow("2024-03-01", 2, p),
  windowLeap: d.executionWindow("2023-10-30", 0, p).endOn,
  planDue: d.planDueDate(d.seoulDate(instant), p),
  certificateUntil: d.certificateValidUntil("2024-01-15", p),
  newYear: d.seoulDate(new Date("2023-12-31T15:00:00Z")),
}));
`;

function runUnder(tz: string): Record<string, unknown> {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    env: { ...process.env, TZ: tz },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe("answers do not depend on the process TZ", () => {
  const zones = ["UTC", "America/Los_Angeles", "Asia/Seoul"] as const;
  const results = Object.fromEntries(zones.map((tz) => [tz, runUnder(tz)]));

  it("the child processes really ran in different zones", () => {
    expect(results.UTC.offsetMinutes).toBe(0);
    expect(results["America/Los_Angeles"].offsetMinutes).toBe(480);
    expect(results["Asia/Seoul"].offsetMinutes).toBe(-540);
    // The local calendar day of the instant differs between the zones …
    expect(results["America/Los_Angeles"].localDayOfInstant).toBe(1);
    expect(results["Asia/Seoul"].localDayOfInstant).toBe(2);
  });

  it.each(zones)("TZ=%s gives the Seoul answers", (tz) => {
    // … but every domain answer is the same, and right.
    const { offsetMinutes: _o, localDayOfInstant: _l, ...answers } = results[tz];
    expect(answers).toEqual({
      seoulDate: "2024-03-02",
      dDayFromInstant: { days: 0, overdue: false, label: "D-day" },
      dDayLate: { days: -1, overdue: true, label: "D+1" },
      window: {
        startOn: "2024-03-01",
        baseEndOn: "2024-06-30",
        endOn: "2024-08-31",
        maxEndOn: "2024-08-31",
        extensionMonths: 2,
        totalMonths: 6,
      },
      windowLeap: "2024-02-29",
      planDue: "2024-03-16",
      certificateUntil: "2024-04-15",
      newYear: "2024-01-01",
    });
  });
});
