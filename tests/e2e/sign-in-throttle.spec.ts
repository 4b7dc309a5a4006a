// Sign-in throttling per account (issue 13, item 5), against real server processes with the
// per-address limiter ON: a password-spraying run (one account, many addresses, in parallel) is
// held after a few failures, the right password waits out the hold like any other, other accounts
// are not affected, an address nobody has is answered the same way, each hold is a security log
// line, and the holder gets in once the hold is over.
import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./helpers";
import { seededDataDir, startServer, stopServer } from "./server-process";

// Servers of our own, far from the shared ones (base + 70 …).
const BASE = Number(process.env.E2E_PORT ?? 3100);
const INVALID = "이메일 또는 비밀번호가 올바르지 않습니다.";
const HOLD = /^로그인에 여러 번 실패하여 이 계정의 로그인을 잠시 멈췄습니다\. 잠시 후\(\d{2}:\d{2} 이후\) 다시 시도해 주세요\.$/;

type Reply = { status: number; message: string; retryAfter: string | null; signedIn: boolean };

/** One sign-in through the real form post, as if from `address` (the servers trust X-Forwarded-For from loopback). */
async function attempt(port: number, email: string, password: string, address: string): Promise<Reply> {
  const response = await fetch(`http://localhost:${port}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://localhost:${port}`, "X-Forwarded-For": address },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
    redirect: "manual",
  });
  const html = await response.text();
  const alert = /<p class="form-error" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? "";
  return {
    status: response.status,
    message: alert.replace(/&#x27;/g, "'"),
    retryAfter: response.headers.get("Retry-After"),
    signedIn: response.status === 302 && Boolean(response.headers.get("set-cookie")),
  };
}

const addresses = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}.${i + 1}`);

/** Security log lines (pino JSON on stdout) of one event. */
function events(output: string, event: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.kind === "security" && entry.event === event);
}

async function throttledServer(port: number, holdMs: number) {
  let output = "";
  const child = await startServer({
    port,
    dataDir: seededDataDir(port),
    env: { RATE_LIMIT: "on", TRUST_PROXY: "loopback", SIGN_IN_HOLD_MS: String(holdMs), LOG_LEVEL: "info" },
    stdout: (text) => (output += text),
  });
  return { child, output: () => output };
}

test.describe("a spraying run against one account", () => {
  const port = BASE + 70;
  let server: Awaited<ReturnType<typeof throttledServer>>;
  // the longest hold 64 min, so the first one lasts 2 minutes: far longer than this test may run
  test.beforeAll(async () => {
    server = await throttledServer(port, 64 * 60_000);
  });
  test.afterAll(async () => {
    if (server) await stopServer(server.child as ChildProcess);
  });

  test("30 addresses in parallel: five passwords are tried, then the account is held, for the right password too", async () => {
    const spray = await Promise.all(addresses("10.1.0", 30).map((ip, i) => attempt(port, "vendor1@demo.kr", `guess-${i}`, ip)));
    // every attempt counted exactly once: four plain refusals, the fifth starts the hold, the rest find it
    expect(spray.filter((r) => r.message === INVALID)).toHaveLength(4);
    const held = spray.filter((r) => HOLD.test(r.message));
    expect(held).toHaveLength(26);
    for (const r of held) {
      expect(r.status).toBe(429);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    expect(spray.some((r) => r.signedIn)).toBe(false);

    // the account holder's right password, from a fresh address, waits like any other during the hold
    const holder = await attempt(port, "vendor1@demo.kr", DEMO_PASSWORD, "10.1.1.1");
    expect(holder.signedIn).toBe(false);
    expect(holder.message).toMatch(HOLD);

    // another account is not affected, even from an address that took part in the spray
    expect((await attempt(port, "vendor2@demo.kr", DEMO_PASSWORD, "10.1.0.1")).signedIn).toBe(true);
    // the e-mail is compared trimmed and lower-cased: the same account however it is typed
    expect((await attempt(port, "  VENDOR1@demo.KR ", DEMO_PASSWORD, "10.1.1.2")).message).toMatch(HOLD);

    // one hold, one security log line, naming the account as typed and the address
    await expect.poll(() => events(server.output(), "sign_in_hold").length).toBe(1);
    const [hold] = events(server.output(), "sign_in_hold");
    expect(hold).toMatchObject({ email: "vendor1@demo.kr", failures: 5 });
    expect(String(hold.ip)).toMatch(/^10\.1\.0\.\d+$/);
    expect(Date.parse(String(hold.heldUntil))).toBeGreaterThan(Date.now());
  });

  test("an address nobody has is answered exactly like an account that exists", async () => {
    const known = await Promise.all(addresses("10.2.0", 8).map((ip, i) => attempt(port, "maker1@demo.kr", `guess-${i}`, ip)));
    const unknown = await Promise.all(addresses("10.3.0", 8).map((ip, i) => attempt(port, "nobody@demo.kr", `guess-${i}`, ip)));
    const shape = (replies: Reply[]) =>
      replies
        .map((r) => ({ status: r.status, message: r.message.replace(/\d{2}:\d{2}/, "HH:MM"), retry: r.retryAfter !== null }))
        .sort((a, b) => a.status - b.status);
    expect(shape(unknown)).toEqual(shape(known));
    expect(unknown.filter((r) => HOLD.test(r.message))).toHaveLength(4);
    await expect.poll(() => events(server.output(), "sign_in_hold").map((e) => e.email)).toContain("nobody@demo.kr");
  });
});

test("after the hold the right password signs in, and a success starts the count again", async () => {
  const port = BASE + 71;
  // the longest hold 3.2 s, so the first one lasts 0.1 s
  const server = await throttledServer(port, 3200);
  try {
    const replies: Reply[] = [];
    for (const ip of addresses("10.4.0", 5)) replies.push(await attempt(port, "maker2@demo.kr", "wrong-password", ip));
    expect(replies.map((r) => r.message === INVALID)).toEqual([true, true, true, true, false]);
    expect(replies[4].message).toMatch(HOLD);

    // the holder waits, then gets in (no clock in the assertion: we retry until the hold is over)
    await expect(async () => expect((await attempt(port, "maker2@demo.kr", DEMO_PASSWORD, "10.4.1.1")).signedIn).toBe(true)).toPass({
      timeout: 20_000,
    });

    // the success cleared the record: four more failures are plain refusals again, the fifth holds
    const again: Reply[] = [];
    for (const ip of addresses("10.4.2", 5)) again.push(await attempt(port, "maker2@demo.kr", "wrong-password", ip));
    expect(again.map((r) => r.message === INVALID)).toEqual([true, true, true, true, false]);
    expect(again[4].message).toMatch(HOLD);
  } finally {
    await stopServer(server.child);
  }
});

test("in the browser, the hold is a Korean message in the form that says when to try again", async ({ page }) => {
  // the shared server of this file (rate limits off, as for every spec): the account throttle stays on
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("이메일").fill("maker3@demo.kr");
    await page.getByLabel("비밀번호").fill(`wrong-${i}`);
    // each answer, not the previous one still on screen
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login")),
      page.getByRole("button", { name: "로그인" }).click(),
    ]);
    await expect(page.getByRole("alert")).toHaveText(i < 4 ? INVALID : HOLD);
  }
  await expect(page).toHaveURL(/\/login/);
});
