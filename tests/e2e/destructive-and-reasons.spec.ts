// Issue 15, items 2 and 3 (ADR 028): the steps that cannot be undone — 신청철회, 반려, 미선정, 선정취소 —
// are never a to-do and never a primary button; each is confirmed on a page or step of its own that
// works without JavaScript; the Technopark's three need a reason, which the manufacturer reads on its
// closed ticket (미선정 with the evaluation score) with what it may do next. A refused step is shown
// disabled with its reason; the decision page shows no expected amounts without a quote.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { addDaysIso, cloneSubmittedTicket, db, deleteTicket, seoulToday, ticket } from "./fixtures";
import { addEvaluation, addQuote } from "./evaluation-fixture";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

const USERS = ["maker1@demo.kr", "maker2@demo.kr", "maker3@demo.kr", "vendor1@demo.kr", "vendor2@demo.kr", "monitor@demo.kr"];
const DESTRUCTIVE = /^(신청철회|반려|미선정|선정취소)$/;
const BRAND_BLUE = "rgb(31, 95, 191)";

const WITHDRAW = `${AS}9801`;
const OLD_WAY = `${AS}9802`;
const NOT_SELECT = `${AS}9803`;
const REJECT = `${AS}9804`;
const CANCEL = `${AS}9805`;
const QUOTED = `${AS}9806`;
const ALL = [WITHDRAW, OLD_WAY, NOT_SELECT, REJECT, CANCEL, QUOTED];

test.beforeAll(() => {
  for (const n of ALL) deleteTicket(n);
});
test.afterAll(() => {
  for (const n of ALL) deleteTicket(n);
});

/** The step's message: the toast, or without JavaScript the same message in the page. */
const toast = (page: Page) => page.locator('[data-testid="flash"], p.toast-ok[role="status"]');

/** Signs `page` in as someone else (a signed-in person asking for /login is sent home). */
async function switchTo(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
}
const todoBox = (page: Page) => page.locator('section[aria-labelledby="actions-h"]');
const dangerZone = (page: Page) => page.getByTestId("danger-zone");

async function withoutScripts(browser: Browser, baseURL: string | undefined, email: string) {
  const context = await browser.newContext({ baseURL, locale: "ko-KR", timezoneId: "Asia/Seoul", javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** A form post as a hand-made request would send it (same origin), from the page's signed-in session. */
function post(page: Page, baseURL: string | undefined, path: string, form: Record<string, string>) {
  return page.request.post(path, { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
}

const demoNumbers = () =>
  (db().prepare(`SELECT number FROM Ticket WHERE number LIKE '${AS}00%' ORDER BY number`).all() as { number: string }[]).map((r) => r.number);

for (const email of USERS) {
  test(`${email}: no destructive step in the 할 일 box or as a primary button, on any demo ticket`, async ({ page }) => {
    await signIn(page, email);
    let seen = 0;
    for (const number of demoNumbers()) {
      const response = await page.goto(`/tickets/${ticket(number).id}`);
      if (response?.status() === 404) continue; // not this user's ticket
      seen++;
      const where = `${email} ${number}`;
      await expect(todoBox(page), where).toBeVisible();
      await expect(todoBox(page).locator("button, a").filter({ hasText: DESTRUCTIVE }), where).toHaveCount(0);
      await expect(
        todoBox(page).locator('[data-action="withdraw"], [data-action="reject"], [data-action="not_select"], [data-action="cancel"]'),
      ).toHaveCount(0);
      // anywhere on the overview: only in the danger zone, never in the primary blue
      const controls = page.locator("main").locator("button, a.button").filter({ hasText: DESTRUCTIVE });
      for (const control of await controls.all()) {
        const { inDanger, background } = await control.evaluate((el) => ({
          inDanger: el.closest('[data-testid="danger-zone"]') !== null,
          background: getComputedStyle(el).backgroundColor,
        }));
        expect(inDanger, `${where}: "${await control.textContent()}" outside the danger zone`).toBe(true);
        expect(background, `${where}: "${await control.textContent()}" is a primary button`).not.toBe(BRAND_BLUE);
      }
    }
    expect(seen, `${email} opened no demo ticket`).toBeGreaterThan(0);
  });
}

test("the danger zone sits below the 할 일 box: 신청철회 for the manufacturer, 선정취소 for the monitor", async ({ page }) => {
  await signIn(page, "maker2@demo.kr");
  await page.goto(`/tickets/${ticket(`${AS}0004`).id}`); // 신청접수
  await expect(dangerZone(page)).toContainText("되돌릴 수 없는 작업");
  await expect(dangerZone(page).getByRole("link", { name: "신청철회" })).toHaveAttribute("href", `/tickets/${ticket(`${AS}0004`).id}/withdraw`);
  const below = await page.evaluate(() => {
    const todo = document.querySelector('section[aria-labelledby="actions-h"]')!;
    const danger = document.querySelector('[data-testid="danger-zone"]')!;
    return Boolean(todo.compareDocumentPosition(danger) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(below).toBe(true);

  await switchTo(page, "monitor@demo.kr");
  await page.goto(`/tickets/${ticket(`${AS}0002`).id}`); // 지원결정(선정)
  await expect(dangerZone(page).getByRole("link", { name: "선정취소" })).toHaveAttribute("href", `/tickets/${ticket(`${AS}0002`).id}/cancel`);
  await expect(todoBox(page).getByRole("link", { name: "선정취소" })).toHaveCount(0);
});

test("신청철회 goes through its confirmation page, without JavaScript; the old one-click post is refused", async ({ browser, baseURL }) => {
  cloneSubmittedTicket(`${AS}0004`, WITHDRAW, "철회 확인 화면 시험");
  cloneSubmittedTicket(`${AS}0004`, OLD_WAY, "한 번 누르기 철회 시험");
  const page = await withoutScripts(browser, baseURL, "maker2@demo.kr");
  const id = ticket(WITHDRAW).id;

  // the layout's one-click step no longer takes a withdrawal, nor does the page without its confirmation
  const old = ticket(OLD_WAY);
  const oneClick = await post(page, baseURL, `/tickets/${old.id}`, { intent: "transition", action: "withdraw", version: String(old.version) });
  expect(oneClick.status()).toBe(400);
  expect(await oneClick.text()).toContain("이 화면에서 할 수 없는 작업입니다");
  const unconfirmed = await post(page, baseURL, `/tickets/${old.id}/withdraw`, { version: String(old.version) });
  expect(unconfirmed.status()).toBe(400);
  expect(ticket(OLD_WAY).state).toBe("submitted");

  await page.goto(`/tickets/${id}`);
  await dangerZone(page).getByRole("link", { name: "신청철회" }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${id}/withdraw$`));
  await expect(page.getByRole("heading", { name: "신청을 철회하시겠습니까?" })).toBeVisible();
  const consequences = page.getByTestId("withdraw-consequences");
  await expect(consequences).toContainText("되돌릴 수 없습니다");
  await expect(consequences).toContainText("예산 소진 시까지 수시 접수");
  // 취소 goes back and changes nothing
  await page.getByRole("link", { name: "취소" }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${id}$`));
  expect(ticket(WITHDRAW).state).toBe("submitted");

  await page.goto(`/tickets/${id}/withdraw`);
  await page.getByLabel("철회 사유 (선택)").fill("자체 인력으로 해결했습니다");
  await page.getByRole("button", { name: "신청철회 확정" }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${id}$`));
  await expect(toast(page)).toHaveText("신청을 철회했습니다.");
  expect(ticket(WITHDRAW).state).toBe("withdrawn");
  expect(db().prepare(`SELECT summary FROM AuditEvent WHERE ticketId = ? AND action = 'ticket.withdraw'`).get(id)).toEqual({
    summary: "신청을 철회했습니다. 사유: 자체 인력으로 해결했습니다",
  });
  // the closed ticket says what may come next
  await expect(page.getByTestId("closing-next")).toContainText("새로 신청할 수 있습니다");
  await expect(dangerZone(page)).toHaveCount(0);

  // the page is the manufacturer's: a supplier and the monitor get the 404 of a page that is not theirs
  const vendor = await withoutScripts(browser, baseURL, "vendor2@demo.kr");
  expect((await vendor.goto(`/tickets/${old.id}/withdraw`))?.status()).toBe(404);
  await page.context().close();
  await vendor.context().close();
});

test("미선정 needs a reason (Korean, 1–1,000 characters), is confirmed first, and the manufacturer reads it with the score", async ({
  page,
  baseURL,
}) => {
  cloneSubmittedTicket(`${AS}0005`, NOT_SELECT, "미선정 사유 시험", "site_evaluation"); // maker3 × vendor1
  const total = addEvaluation(NOT_SELECT, "weak"); // 40 points: below the pass mark of 60
  const id = ticket(NOT_SELECT).id;
  await signIn(page, "monitor@demo.kr");
  await page.goto(`/tickets/${id}/decision`);
  await expect(page.getByTestId("evaluation-result")).toContainText(`${total}점 (선정 기준 60점 이상)`);

  // no reason: refused in Korean on the field, nothing written
  await page.getByRole("button", { name: "미선정 내용 확인" }).click();
  await expect(page.locator('[id$="-reason-error"]')).toHaveText("미선정 사유를 입력해 주세요.");
  // the server refuses it too, whatever is posted (a blank reason, a confirmed post without one, one too long)
  const version = String(ticket(NOT_SELECT).version);
  for (const form of [
    { intent: "not_select", version, reason: "   ", confirmed: "yes" } as Record<string, string>,
    { intent: "not_select", version, confirmed: "yes" },
    { intent: "not_select", version, reason: "가".repeat(1001), confirmed: "yes" },
  ]) {
    const refused = await post(page, baseURL, `/tickets/${id}/decision`, { __step: "decision-not-select", ...form });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toMatch(/미선정 사유를 입력해 주세요|미선정 사유는 1,000자 이내로 입력해 주세요/);
  }
  expect(ticket(NOT_SELECT).state).toBe("site_evaluation");

  // with a reason: first the confirmation (nothing written yet), then the step
  const reason = "현장평가 점수가 선정 기준(60점)에 미달합니다. 데이터 활용 역량을 보완해 주세요.";
  await page.getByLabel("미선정 사유").fill(reason);
  await page.getByRole("button", { name: "미선정 내용 확인" }).click();
  const confirm = page.getByTestId("confirm-step");
  await expect(confirm).toBeFocused();
  await expect(confirm.getByRole("heading", { name: "미선정 확인" })).toBeVisible();
  await expect(confirm).toContainText(`${total}점, 선정 기준 60점 이상`);
  await expect(confirm.getByTestId("confirm-reason")).toHaveText(reason);
  expect(ticket(NOT_SELECT).state).toBe("site_evaluation");
  await confirm.getByRole("button", { name: "미선정 확정" }).click();
  await expect(toast(page)).toHaveText("미선정 처리했습니다.");
  expect(db().prepare(`SELECT state, notSelectedReason FROM Ticket WHERE id = ?`).get(id)).toEqual({
    state: "not_selected",
    notSelectedReason: reason,
  });

  // the manufacturer: the reason, the score against the pass mark, and a new application while intake is open
  await switchTo(page, "maker3@demo.kr");
  await page.goto(`/tickets/${id}`);
  const closing = page.getByTestId("closing-reason");
  await expect(closing.getByRole("heading", { name: "미선정 사유" })).toBeVisible();
  await expect(closing).toContainText(reason);
  await expect(closing.getByTestId("closing-score")).toContainText(`현장평가 점수: ${total}점 (선정 기준 60점 이상, 부적합 항목 없음)`);
  await expect(closing.getByTestId("closing-next")).toContainText("접수 기간 중입니다 (예산 소진 시까지 수시 접수)");
  await expect(closing.getByRole("link", { name: "새 신청서 작성" })).toHaveAttribute("href", "/tickets/new");
  // the supplier reads the reason and the score, not the manufacturer's next step
  await switchTo(page, "vendor1@demo.kr");
  await page.goto(`/tickets/${id}`);
  await expect(page.getByTestId("closing-reason")).toContainText(reason);
  await expect(page.getByTestId("closing-score")).toContainText(`${total}점`);
  await expect(page.getByTestId("closing-next")).toHaveCount(0);
});

test("반려 needs a reason and a confirmation step; the manufacturer reads the reason", async ({ page, baseURL }) => {
  cloneSubmittedTicket(`${AS}0004`, REJECT, "반려 사유 시험"); // maker2 × vendor2, 신청접수
  const id = ticket(REJECT).id;
  await signIn(page, "monitor@demo.kr");
  await page.goto(`/tickets/${id}/review`);
  await page.getByRole("button", { name: "반려 내용 확인" }).click();
  await expect(page.locator('[id$="-reason-error"]')).toHaveText("반려 사유를 입력해 주세요.");
  const blank = await post(page, baseURL, `/tickets/${id}/review`, {
    __step: "review-reject",
    intent: "reject",
    version: String(ticket(REJECT).version),
    reason: " \n ",
    confirmed: "yes",
  });
  expect(blank.status()).toBe(400);
  expect(ticket(REJECT).state).toBe("submitted");

  const reason = "스마트공장 구축 범위와 무관한 사무용 PC 교체 요청입니다 (공고 2. 지원 불가 사항).";
  await page.getByLabel("반려 사유").fill(reason);
  await page.getByRole("button", { name: "반려 내용 확인" }).click();
  const confirm = page.getByTestId("confirm-step");
  await expect(confirm.getByTestId("confirm-reason")).toHaveText(reason);
  await expect(confirm).toContainText("되돌릴 수 없습니다");
  // "사유 고치기" brings the form back with the reason as typed; nothing was written
  await confirm.getByRole("button", { name: "사유 고치기" }).click();
  await expect(page.getByLabel("반려 사유")).toHaveValue(reason);
  expect(ticket(REJECT).state).toBe("submitted");
  await page.getByRole("button", { name: "반려 내용 확인" }).click();
  await page.getByTestId("confirm-step").getByRole("button", { name: "반려 확정" }).click();
  await expect(toast(page)).toHaveText("반려 처리했습니다.");
  expect(db().prepare(`SELECT result, reason FROM RequirementReview WHERE ticketId = ?`).all(id)).toEqual([{ result: "rejected", reason }]);

  await switchTo(page, "maker2@demo.kr");
  await page.goto(`/tickets/${id}`);
  const closing = page.getByTestId("closing-reason");
  await expect(closing.getByRole("heading", { name: "반려 사유" })).toBeVisible();
  await expect(closing).toContainText(reason);
  await expect(closing.getByTestId("closing-next")).toContainText("반려 사유를 해결한 뒤 새로 신청할 수 있습니다");
});

test("선정취소 needs a reason and a confirmation step, without JavaScript; the manufacturer is sent to the Technopark", async ({
  browser,
  baseURL,
}) => {
  const today = seoulToday();
  cloneSubmittedTicket(`${AS}0004`, CANCEL, "선정취소 사유 시험", "selected", {
    selectionNoticeOn: addDaysIso(today, -20),
    planDueOn: addDaysIso(today, -6),
  });
  const id = ticket(CANCEL).id;
  const page = await withoutScripts(browser, baseURL, "monitor@demo.kr");
  await page.goto(`/tickets/${id}/cancel`);
  await page.getByLabel("선정취소 사유").fill("");
  await page.getByRole("button", { name: "선정취소 내용 확인" }).click();
  await expect(page.locator('[id$="-reason-error"]')).toHaveText("선정취소 사유를 입력해 주세요.");
  expect(ticket(CANCEL).state).toBe("selected");

  const reason = "선정 통보일로부터 14일 이내 수행계획서 미제출 (공고 5. 유의사항)";
  await page.getByLabel("선정취소 사유").fill(reason);
  await page.getByRole("button", { name: "선정취소 내용 확인" }).click();
  const confirm = page.getByTestId("confirm-step");
  await expect(confirm.getByTestId("confirm-reason")).toHaveText(reason);
  await expect(confirm).toContainText("지원 규모(1개사)와 배정된 정부지원금이 풀려");
  expect(ticket(CANCEL).state).toBe("selected");
  await confirm.getByRole("button", { name: "선정취소 확정" }).click();
  await expect(toast(page)).toHaveText("선정을 취소했습니다.");
  expect(db().prepare(`SELECT state, cancelReason FROM Ticket WHERE id = ?`).get(id)).toEqual({ state: "cancelled", cancelReason: reason });

  await switchTo(page, "maker2@demo.kr");
  await page.goto(`/tickets/${id}`);
  const closing = page.getByTestId("closing-reason");
  await expect(closing.getByRole("heading", { name: "선정취소 사유" })).toBeVisible();
  await expect(closing).toContainText(reason);
  await expect(closing.getByTestId("closing-next")).toContainText("운영기관(제조혁신센터)에 문의");
  await expect(closing.getByRole("link", { name: "새 신청서 작성" })).toHaveCount(0);
  await page.context().close();
});

test("지원결정 without a quote: no expected subsidy, and 선정 disabled with its reason under it", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  await page.goto(`/tickets/${ticket(`${AS}0005`).id}/decision`); // 현장평가, no quote, no sheet
  const expected = page.getByTestId("expected-subsidy");
  await expect(expected).toContainText("견적 없음");
  await expect(expected).not.toContainText(/\d[\d,]*원/); // no amount at all (it showed the cap, 16,000,000원)
  const select = page.getByRole("button", { name: "지원대상 선정" });
  await expect(select).toBeDisabled();
  await expect(select).toHaveAttribute("aria-describedby", "why-select");
  await expect(page.locator("#why-select")).toContainText("현장평가를 통과한 과제만 선정할 수 있습니다");
  // 미선정 needs a complete sheet: disabled too, with why
  await expect(page.getByRole("button", { name: "미선정 내용 확인" })).toBeDisabled();
  await expect(page.locator("#why-not-select")).toContainText("현장평가표의 모든 항목");

  // with a quote and a passed evaluation: the amounts on the quote, and 선정 offered
  cloneSubmittedTicket(`${AS}0005`, QUOTED, "견적 있는 지원결정 시험", "site_evaluation");
  addQuote(QUOTED, 20_000_000);
  addEvaluation(QUOTED, "good"); // 82 points
  await page.goto(`/tickets/${ticket(QUOTED).id}/decision`);
  await expect(page.getByTestId("expected-subsidy")).toHaveText(
    "견적 20,000,000원 기준 예상 정부지원금 10,000,000원 · 예상 기업부담금 10,000,000원",
  );
  await expect(page.getByRole("button", { name: "지원대상 선정" })).toBeEnabled();
  await expect(page.getByTestId("select-refusal")).toHaveCount(0);
});
