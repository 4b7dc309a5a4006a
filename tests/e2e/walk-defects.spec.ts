// What a full walk through the program found on the ticket page (issue 17 items 4 and 6, ADR 039), in a
// real browser against the demo: the manufacturer sees the 정부지원금 as an estimate (예상) before the cost
// review and the real one after; a plan deadline shows only while its clock runs (the ticket page and the
// CSV); timeline step ① is the Technopark's notice; the agreement page's 견적금액 is the overview's; every
// disabled action shows its reason as visible text; and each step page is opened by one "화면 열기" link.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { db, seoulToday } from "./fixtures";
import { AS } from "./demo-numbers";

const idOf = (number: string) => (db().prepare("SELECT id FROM Ticket WHERE number = ?").get(number) as { id: string }).id;
const figure = (page: Page, name: string) => page.getByTestId(`figure-${name}`);

test("before the cost review the manufacturer sees the 정부지원금 and 기업부담금 as an estimate from the quote", async ({ page }) => {
  // AS-…-0006 (maker3's): quote 34,000,000원, no cost-review result yet → 50 % capped at 16,000,000원
  await signIn(page, "maker3@demo.kr");
  await page.goto(`/tickets/${idOf(`${AS}0006`)}`);
  await expect(figure(page, "quote-total")).toHaveText("34,000,000원");
  await expect(figure(page, "subsidy")).toHaveText("16,000,000원");
  await expect(figure(page, "company-share")).toHaveText("18,000,000원");
  await expect(figure(page, "basis")).toContainText("예상");
});

test("the agreement page's 견적금액 and amounts are the overview's, before and after the agreement", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  for (const number of [`${AS}0006`, `${AS}0008`]) {
    const id = idOf(number);
    await page.goto(`/tickets/${id}`);
    const shown: string[] = [];
    for (const name of ["quote-total", "agreed-cost", "subsidy", "company-share"]) shown.push((await figure(page, name).innerText()).trim());
    expect(shown[0], number).toMatch(/^[\d,]+원$/);
    await page.goto(`/tickets/${id}/agreement`);
    for (const [i, name] of ["quote-total", "agreed-cost", "subsidy", "company-share"].entries()) {
      await expect(figure(page, name), `${number} ${name}`).toHaveText(shown[i]);
    }
  }
});

test("after the plan is in, no running 수행계획서 제출기한: the page and the CSV show it as history", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  // AS-…-0010 is 수행계획서 제출 (its plan in, in time); AS-…-0002 is 지원결정 (the clock runs)
  await page.goto(`/tickets/${idOf(`${AS}0010`)}`);
  await expect(page.getByTestId("running-deadline")).toHaveCount(0);
  await expect(page.getByTestId("deadline-history")).toContainText(/수행계획서 제출기한 .+ · 제출 .+ \(기한 내\)/);
  await page.goto(`/tickets/${idOf(`${AS}0002`)}`);
  await expect(page.locator('[data-testid="running-deadline"][data-field="planDueOn"]')).toContainText(/\d{4}년 \d{1,2}월 \d{1,2}일 D-/);

  const csv = (await (await page.request.get("/exports/tickets.csv")).text())
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  const header = csv[0].split(",");
  const due = header.indexOf("수행계획서 제출기한");
  const row = (number: string) => csv.find((l) => l.startsWith(`${number},`))!.split(",");
  expect(row(`${AS}0010`)[due]).toBe("");
  expect(row(`${AS}0002`)[due]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const history = header.indexOf("지난 제출기한");
  expect(history).toBeGreaterThan(due);
  expect(row(`${AS}0010`)[history]).toMatch(/^수행계획서 제출기한 \d{4}-\d{2}-\d{2} · 제출 \d{4}-\d{2}-\d{2} \(기한 내\)$/);
});

test("timeline step ① 사업공고 is the Technopark's notice, not the manufacturer's draft", async ({ page }) => {
  const program = db().prepare("SELECT noticeNumber, intakeOpensOn FROM Program").get() as { noticeNumber: string; intakeOpensOn: string };
  const [y, m, d] = program.intakeOpensOn.split("-").map(Number);
  await signIn(page, "maker1@demo.kr");
  await page.goto(`/tickets/${idOf(`${AS}0001`)}`);
  const first = page.getByRole("region", { name: "진행 단계" }).locator("li").first();
  await expect(first).toContainText("사업공고");
  await expect(first).toContainText("경기테크노파크");
  await expect(first).toContainText(program.noticeNumber);
  await expect(first).toContainText(`${y}. ${m}. ${d}.`);
  // the manufacturer's draft (its date and person) is step ② 신청접수's business, never ①'s
  const maker = db().prepare("SELECT name FROM User WHERE email = 'maker1@demo.kr'").get() as { name: string };
  await expect(first).not.toContainText(maker.name);
});

/** Every disabled button of the ticket page's to-do and danger zone: its reason is text a person sees. */
async function expectVisibleReasons(page: Page, label: string) {
  const disabled = page.locator("main button[disabled]");
  for (const button of await disabled.all()) {
    const ids = (await button.getAttribute("aria-describedby"))?.split(/\s+/).filter(Boolean) ?? [];
    expect(ids.length, `${label}: ${await button.innerText()} names its reason`).toBeGreaterThan(0);
    const reason = page.locator(`[id="${ids[0]}"]`);
    await expect(reason, `${label}: ${await button.innerText()}`).toBeVisible();
    expect((await reason.innerText()).trim().length, `${label}: ${await button.innerText()}`).toBeGreaterThan(3);
  }
  return disabled.count();
}

/** The "… 화면 열기" links of the ticket page: one per step page. */
async function expectOneOpenLinkPerPage(page: Page, label: string) {
  const hrefs = await page
    .locator("main a")
    .evaluateAll((links) => links.filter((a) => (a.textContent ?? "").trim().endsWith("화면 열기")).map((a) => a.getAttribute("href")));
  expect(hrefs, label).toEqual([...new Set(hrefs)]);
  // nor a "화면 열기" to a page an action's own button already opens
  const actionHrefs = await page.locator("main a.button:not(.secondary)").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  for (const href of hrefs) expect(actionHrefs, `${label}: ${href}`).not.toContain(href);
}

test("every disabled action shows its reason, and each step page has one 화면 열기 link, for every demo ticket", async ({ page }) => {
  test.setTimeout(180_000);
  const numbers = (db().prepare("SELECT number FROM Ticket ORDER BY number").all() as { number: string }[]).map((r) => r.number);
  let disabledSeen = 0;
  for (const email of ["monitor@demo.kr", "vendor1@demo.kr", "maker2@demo.kr"]) {
    await page.context().clearCookies();
    await signIn(page, email);
    for (const number of numbers) {
      const response = await page.goto(`/tickets/${idOf(number)}`);
      if (response?.status() !== 200) continue; // not this actor's ticket
      disabledSeen += await expectVisibleReasons(page, `${email} ${number}`);
      await expectOneOpenLinkPerPage(page, `${email} ${number}`);
    }
  }
  expect(disabledSeen).toBeGreaterThan(0);
});

test("once the cost review has a result, the manufacturer sees the real 정부지원금 (no longer an estimate)", async ({ page }) => {
  const number = `${AS}0006`;
  const t = db().prepare("SELECT id FROM Ticket WHERE number = ?").get(number) as { id: string };
  const quote = db().prepare("SELECT id FROM Quote WHERE ticketId = ? ORDER BY version DESC").get(t.id) as { id: string };
  const monitor = db().prepare("SELECT id FROM User WHERE email = 'monitor@demo.kr'").get() as { id: string };
  const now = new Date().toISOString().replace("Z", "+00:00");
  db()
    .prepare(
      `INSERT INTO CostReview (id, ticketId, quoteId, quoteTotal, verifiedAmount, resultOn, reviewerId, status, confirmedAt, confirmedById, createdAt)
       VALUES (?, ?, ?, 34000000, 30000000, ?, ?, 'confirmed', ?, ?, ?)`,
    )
    .run(`cr${crypto.randomUUID().slice(0, 20)}`, t.id, quote.id, seoulToday(), monitor.id, now, monitor.id, now);
  await signIn(page, "maker3@demo.kr");
  await page.goto(`/tickets/${t.id}`);
  await expect(figure(page, "verified")).toHaveText("30,000,000원");
  await expect(figure(page, "subsidy")).toHaveText("15,000,000원");
  await expect(figure(page, "company-share")).toHaveText("15,000,000원");
  await expect(figure(page, "basis")).not.toContainText("예상");
  await page.goto(`/tickets/${t.id}/agreement`);
  await expect(figure(page, "subsidy")).toHaveText("15,000,000원");
});
