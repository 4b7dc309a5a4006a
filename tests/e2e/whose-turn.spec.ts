// Whose turn (issue 15, item 1 and 4): the ticket page's 다음 조치 and 할 일 come from one rule, a party
// with nothing to do sees whom it waits for, and each home starts with its own to-do in urgency order
// (overdue first, then D-day, then the longest waiting) — first on a phone too.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { addDaysIso, db, seoulToday } from "./fixtures";
import { AS } from "./demo-numbers";

const idOf = (number: string) => (db().prepare("SELECT id FROM Ticket WHERE number = ?").get(number) as { id: string }).id;

async function todoRows(list: Locator) {
  return list.locator("tr[data-pending-kind]").evaluateAll((rows) =>
    rows.map((r) => ({
      number: r.getAttribute("data-ticket-number"),
      kind: r.getAttribute("data-pending-kind"),
      urgency: r.getAttribute("data-urgency"),
      due: r.getAttribute("data-due-on"),
      since: r.getAttribute("data-since"),
    })),
  );
}

/** The rows follow the one order: overdue, then dated (nearest first), then undated (longest waiting first). */
function expectUrgencyOrder(rows: Awaited<ReturnType<typeof todoRows>>) {
  const rank = { overdue: 0, due: 1, waiting: 2 } as Record<string, number>;
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1], rows[i]];
    expect(rank[a.urgency!], `${a.number} before ${b.number}`).toBeLessThanOrEqual(rank[b.urgency!]);
    if (a.urgency !== b.urgency) continue;
    if (a.due && b.due && a.due !== b.due) expect(a.due < b.due, `${a.number} due ${a.due} before ${b.number} due ${b.due}`).toBe(true);
    else expect(a.since! <= b.since!, `${a.number} waiting since ${a.since} before ${b.number} since ${b.since}`).toBe(true);
  }
}

test("an unconfirmed work log: the manufacturer's to-do is 작업일지 확인, and 다음 조치 names 도입기업 with 공급기업", async ({
  page,
  browser,
}) => {
  const ticketId = idOf(`${AS}0001`);
  await signIn(page, "maker1@demo.kr");
  await page.goto(`/tickets/${ticketId}`);
  await expect(page.getByTestId("next-actor")).toContainText("도입기업 (내 차례)");
  await expect(page.getByTestId("next-actor")).toContainText("공급기업");
  const todo = page.locator('section[aria-labelledby="actions-h"]');
  const item = todo.locator('[data-pending-kind="confirm_work_logs"]');
  await expect(item).toContainText("작업일지 확인");
  await expect(item).toContainText("확인하지 않은 작업일지 1건");
  await expect(item).toContainText("공급기업의 완료 보고가 이 확인을 기다립니다.");
  // the manufacturer's home lists it too
  await page.goto("/tickets");
  await expect(page.getByTestId("home-todo").locator(`tr[data-ticket-number="${AS}0001"][data-pending-kind="confirm_work_logs"]`)).toBeVisible();

  // the supplier sees that the manufacturer is holding its completion report
  const vendorContext = await browser.newContext();
  const vendor = await vendorContext.newPage();
  await signIn(vendor, "vendor1@demo.kr");
  await vendor.goto(`/tickets/${ticketId}`);
  await expect(vendor.getByTestId("next-actor")).toContainText("도입기업");
  await expect(vendor.locator('[data-pending-kind="do_work"]')).toContainText(
    "완료 보고는 도입기업이 작업일지를 모두 확인한 뒤에 할 수 있습니다.",
  );

  // the manufacturer confirms it from its to-do: its turn ends, the supplier's report is next
  await page.goto(`/tickets/${ticketId}`);
  await todo.locator('[data-pending-kind="confirm_work_logs"]').getByRole("link", { name: "작업일지 확인" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("작업일지");
  await page.getByRole("button", { name: "작업 확인" }).click();
  await page.goto(`/tickets/${ticketId}`);
  await expect(page.getByTestId("next-actor")).not.toContainText("도입기업");
  await expect(page.getByTestId("waiting-on")).toContainText("공급기업 작업 수행 중 · ");
  await vendor.goto(`/tickets/${ticketId}`);
  await expect(vendor.locator('[data-pending-kind="report_completion"]')).toBeVisible();
  await vendorContext.close();
});

test("a party with nothing to do sees whom it is waiting for, and for how long", async ({ page }) => {
  // AS-…-0011 is in 요건검토 at the Technopark: maker1 waits
  await signIn(page, "maker1@demo.kr");
  await page.goto(`/tickets/${idOf(`${AS}0011`)}`);
  await expect(page.getByTestId("my-todo-empty")).toContainText("지금 이 과제에서 하실 일은 없습니다.");
  await expect(page.getByTestId("waiting-on")).toContainText(/운영기관\(TP\) 요건검토 중 · \d+일째/);
  await expect(page.getByTestId("next-actor")).toContainText("운영기관(TP)");
});

test("each home starts with its to-do in urgency order; an overdue plan goes first", async ({ page }) => {
  // vendor2's plan for AS-…-0002 is made overdue (2 days ago): it leads the inbox, marked overdue
  db().prepare(`UPDATE Ticket SET planDueOn = ? WHERE number = '${AS}0002'`).run(addDaysIso(seoulToday(), -2));
  await signIn(page, "vendor2@demo.kr");
  await expect(page).toHaveURL(/\/inbox$/);
  const inbox = page.locator('section[data-group="todo"]');
  const rows = await todoRows(inbox);
  expect(rows[0]).toMatchObject({ number: `${AS}0002`, kind: "submit_plan", urgency: "overdue" });
  expect(rows.length).toBeGreaterThan(1);
  expectUrgencyOrder(rows);
  await expect(inbox.locator(`tr[data-ticket-number="${AS}0002"] .badge.overdue`)).toHaveText("기한 D+2");

  for (const email of ["maker2@demo.kr", "monitor@demo.kr"]) {
    await page.context().clearCookies();
    await signIn(page, email);
    const home = page.getByTestId("home-todo");
    await expect(home).toBeVisible();
    const list = await todoRows(home);
    expect(list.length, `${email} has something to do in the demo`).toBeGreaterThan(0);
    expectUrgencyOrder(list);
  }
});

async function firstCardIsTodo(page: Page, selector: string) {
  const todo = page.locator(selector);
  await expect(todo).toBeVisible();
  // the first card of the page is the to-do, and it starts within the first screen of a 375 × 667 phone
  expect(await todo.evaluate((el) => document.querySelector("main .card") === el)).toBe(true);
  expect((await todo.boundingBox())!.y).toBeLessThan(667);
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 667 } });
  test("the to-do is the first thing on each home's screen", async ({ page }) => {
    await signIn(page, "vendor1@demo.kr");
    await firstCardIsTodo(page, 'section[data-group="todo"]');
    await page.context().clearCookies();
    await signIn(page, "maker1@demo.kr");
    await firstCardIsTodo(page, '[data-testid="home-todo"]');
    await page.context().clearCookies();
    await signIn(page, "monitor@demo.kr");
    await firstCardIsTodo(page, '[data-testid="home-todo"]');
  });
});

test("the demo's 미선정 ticket tells its manufacturer why, with the score, and what it may do next", async ({ page }) => {
  await signIn(page, "maker3@demo.kr");
  await page.goto(`/tickets/${idOf(`${AS}0009`)}`);
  const closing = page.getByTestId("closing-reason");
  await expect(closing).toContainText("합격 기준(60점)에 미달");
  await expect(page.getByTestId("closing-score")).toContainText("현장평가 점수: 40점");
  await expect(page.getByTestId("closing-next")).toBeVisible();
  // nobody acts on a closed ticket, and nothing destructive is offered as a to-do
  await expect(page.getByTestId("next-actor")).toHaveText("다음 조치: 없음 (종료)");
  await expect(page.locator('section[aria-labelledby="actions-h"]')).not.toContainText("신청철회");
});
