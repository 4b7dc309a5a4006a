// Hostile input: property-based (fast-check) malformed submissions to every
// form action of the build's route table, each sent by a user who may act on
// the ticket. Whatever arrives — wrong types, missing and extra fields, huge
// strings, negative/fractional/overflowing money, impossible dates, Unicode
// edge cases, SQL- and HTML-looking text — the answer is never a 5xx, a
// refusal speaks Korean, and the database is unchanged afterwards. Stored
// text is rendered escaped: an XSS probe saved in a free-text field stays text.
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { db } from "./fixtures";
import { signIn } from "./helpers";

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 60);
const HANGUL = /[\uac00-\ud7a3]/;

function databaseChecksum(): string {
  const d = db();
  const tables = (d.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('Session', '_prisma_migrations') AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  const hash = crypto.createHash("sha256");
  for (const t of tables) hash.update(t).update(JSON.stringify(d.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()));
  return hash.digest("hex");
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({ minLength: 5_000, maxLength: 60_000 }),
  fc.constantFrom(
    "",
    " ",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "Infinity",
    "99999999999999999999",
    "9007199254740993",
    "-0",
    "0x10",
    "2024-02-30",
    "2023-13-01",
    "0000-00-00",
    "9999-99-99",
    "'; DROP TABLE Ticket; --",
    "\" OR 1=1 --",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\u0000",
    "\ud800",
    "𝕏🚀한글\u202e",
    "null",
    "undefined",
    "[object Object]",
    "true",
  ),
  fc.integer().map(String),
  fc.double().map(String),
);

const FIELD_NAMES = [
  "intent", "action", "version", "ticketId", "title", "problem", "desiredOutcome", "supplierId", "amount", "paidOn", "startOn",
  "verifiedAmount", "resultOn", "months", "reason", "note", "scope", "staff", "workedOn", "hours", "description", "comment",
  "summary", "results", "kind", "issuedOn", "fiscalYear", "evaluatorName", "evaluatedOn", "fixList", "decision", "email",
  "lines.0.quantity", "lines.0.unitPrice", "items.0.description", "grade_period_adequacy", "check_warranty_expired", "capacity",
  "subsidyRateBp", "subsidyCap", "name", "businessNumber", "region", "address",
];

/** A form: some known field names, some unknown ones, values from `nasty`, version never the real one. */
const hostileForm = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...FIELD_NAMES), { maxLength: 12 }),
    fc.array(fc.tuple(fc.string({ maxLength: 20 }), nasty), { maxLength: 3 }),
    fc.array(nasty, { minLength: 12, maxLength: 12 }),
    fc.constantFrom("0", "-5", "abc", "", "1.5", "99999999999999999999"),
  )
  .map(([names, extra, values, version]) => {
    const form: Record<string, string> = { version };
    names.forEach((n, i) => (form[n] = values[i]));
    for (const [k, v] of extra) if (k && k !== "version") form[k] = v;
    return form;
  });

type Target = { path: string; as: APIRequestContext };

test("a thousand malformed submissions: no 5xx, Korean refusals, nothing written", async ({ baseURL }) => {
  test.setTimeout(300_000);
  const build = await import(pathToFileURL(path.resolve(process.env.BUILD_DIR ?? "build", "server", "index.js")).href);
  const actionRoutes = Object.values(build.routes as Record<string, { id: string; path?: string; module: Record<string, unknown> }>)
    .filter((r) => typeof r.module.action === "function" && r.path && !["login", "logout"].includes(r.path))
    .map((r) => r.path!);

  const sessions: Record<string, APIRequestContext> = {};
  for (const email of ["maker2@demo.kr", "vendor2@demo.kr", "monitor@demo.kr"]) {
    const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
    expect((await api.post("/login", { form: { email, password: "demo1234!", redirectTo: "/" }, maxRedirects: 0 })).status()).toBe(302);
    sessions[email] = api;
  }
  // AS-2024-0004 (대성플라스틱 × 넥스트엠이에스) is readable by all three: validation, not scope, is what is tested.
  const t4 = db().prepare(`SELECT id FROM Ticket WHERE number = 'AS-2024-0004'`).get() as { id: string };
  const program = db().prepare(`SELECT id FROM Program LIMIT 1`).get() as { id: string };
  const targets: Target[] = actionRoutes.flatMap((p) => {
    const url = `/${p.replace(":ticketId", t4.id).replace(":programId", program.id)}`;
    const who = p.startsWith("programs") ? ["monitor@demo.kr"] : p === "profile" || p === "tickets/new" ? ["maker2@demo.kr"] : p === "notifications" ? ["maker2@demo.kr"] : ["maker2@demo.kr", "vendor2@demo.kr", "monitor@demo.kr"];
    return who.map((email) => ({ path: url, as: sessions[email] }));
  });

  const before = databaseChecksum();
  let sent = 0;
  const problems: string[] = [];
  for (const target of targets) {
    await fc.assert(
      fc.asyncProperty(hostileForm, fc.boolean(), async (form, multipart) => {
        const response = multipart
          ? await target.as.post(target.path, { multipart: form, maxRedirects: 0 })
          : await target.as.post(target.path, { form, maxRedirects: 0 });
        sent++;
        const status = response.status();
        const body = await response.text();
        if (status >= 500) problems.push(`${target.path} → ${status} for ${JSON.stringify(form).slice(0, 200)}`);
        if (status >= 400 && status !== 404 && !HANGUL.test(body)) problems.push(`${target.path} → ${status} without a Korean message`);
        return status < 500;
      }),
      { numRuns: Math.ceil(RUNS_PER_ROUTE / Math.max(1, targets.filter((t) => t.path === target.path).length)), seed: 20261127 },
    );
  }
  expect(problems).toEqual([]);
  // notifications: marking an own notification read is a legitimate write; none exist for these users here
  expect(databaseChecksum(), "a malformed submission changed the database").toBe(before);
  expect(sent).toBeGreaterThanOrEqual(1000);
  console.log(`hostile input: ${sent} malformed submissions to ${actionRoutes.length} form actions, no 5xx, database unchanged`);
});

test("an XSS probe saved in a free-text field is rendered as text", async ({ page }) => {
  const probe = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
  await signIn(page, "maker1@demo.kr");
  await page.goto("/tickets/new");
  await page.getByLabel("프로그램 수정·개선", { exact: true }).check();
  await page.getByLabel("공급기업").selectOption({ label: "(주)넥스트엠이에스" });
  await page.getByLabel("제목").fill(`XSS 시험 ${probe}`);
  await page.getByLabel("문제 현황").fill(probe);
  await page.getByLabel("기대 효과(요청 결과)").fill(probe);
  await page.getByLabel("요청 항목 1 내용").fill(probe);
  await page.getByLabel("항목 1 지원유형").selectOption("util_program");
  await page.getByRole("button", { name: "작성중으로 저장" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("XSS 시험");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<img src=x");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator("img[src=x]").count()).toBe(0);
});
