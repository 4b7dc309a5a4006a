// Demo mode (DEMO_MODE) as `npm start` runs the seed (prisma/seed.ts --if-empty) on a real, migrated SQLite
// file: off → an empty database stays empty and says how to bootstrap; on → the demo data; off again with
// the demo accounts present → the loud warning naming them.
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { removeTestDatabase, testDatabaseFile } from "../support/test-db";
import { demoMode } from "~/utils/env.server";

afterAll(() => removeTestDatabase());

function seed(mode: string) {
  const env = { ...process.env, DATABASE_URL: `file:${testDatabaseFile}`, DEMO_MODE: mode };
  return spawnSync("npx", ["tsx", "prisma/seed.ts", "--if-empty"], { env, encoding: "utf8" });
}

describe("demoMode()", () => {
  it("is on unless DEMO_MODE is off", () => {
    expect(demoMode({})).toBe(true);
    expect(demoMode({ DEMO_MODE: "on" })).toBe(true);
    expect(demoMode({ DEMO_MODE: "off" })).toBe(false);
    expect(demoMode({ DEMO_MODE: " OFF " })).toBe(false);
  });
});

describe("the seed at start", () => {
  it("DEMO_MODE=off seeds nothing; on seeds the demo; off with demo accounts present warns loudly", () => {
    const off = seed("off");
    expect(off.status).toBe(0);
    expect(off.stdout).toContain("no demo data seeded");
    expect(off.stdout).toContain("admin:create");
    expect(off.stderr).not.toContain("WARNING");

    const on = seed("on");
    expect(on.status).toBe(0);
    expect(on.stdout).toContain("Seeded demo data");

    const offAgain = seed("off");
    expect(offAgain.status).toBe(0);
    expect(offAgain.stderr).toContain("WARNING: DEMO_MODE=off but this database holds");
    expect(offAgain.stderr).toContain("monitor@demo.kr");
  });
});
