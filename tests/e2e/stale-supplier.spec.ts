// No silent overwrite on the supplier's data-entry steps (quote, plan, work logs, completion
// report): a form opened before someone else's change (received as a live update) is refused
// with the conflict message on save, keeps what was typed, and leaves the other change intact.
// See stale-forms.ts.
import { expect, test } from "@playwright/test";
import { addDaysIso, cloneSubmittedTicket, db, deleteTicket, seoulToday, ticket } from "./fixtures";
import { changedMeanwhile, expectConflict, flash, personPage } from "./stale-forms";

test.describe.configure({ mode: "serial" });

const QUOTE = "AS-2024-0941";

test.beforeAll(() => {
  cloneSubmittedTicket("AS-2024-0004", QUOTE, "견적 동시 입력 시험", "submitted");
});
test.afterAll(() => {
  db().prepare(`DELETE FROM QuoteLine WHERE quoteId IN (SELECT q.id FROM Quote q JOIN Ticket t ON t.id = q.ticketId WHERE t.number = ?)`).run(QUOTE);
  db().prepare(`DELETE FROM Quote WHERE ticketId IN (SELECT id FROM Ticket WHERE number = ?)`).run(QUOTE);
  deleteTicket(QUOTE);
});

test("quote: a form opened before another vendor user's save is refused, keeps the typed lines, and the other quote stands", async ({ browser, baseURL }) => {
  const id = ticket(QUOTE).id;
  const first = await personPage(browser, baseURL, "vendor2@demo.kr");
  const second = await personPage(browser, baseURL, "vendor2@demo.kr");
  await first.goto(`/tickets/${id}/quote`);
  await first.getByLabel("1번 항목 내용").fill("첫 번째 탭의 설비");
  await first.getByLabel("1번 항목 수량").fill("2");
  await first.getByLabel("1번 항목 단가").fill("15000000");
  // live amounts as typed: separators, line amount, total, expected subsidy (cap 16,000,000) and company share
  await expect(first.getByLabel("1번 항목 단가")).toHaveValue("15,000,000");
  await expect(first.getByTestId("line-amount-0")).toHaveText("30,000,000원");
  await expect(first.getByTestId("typed-total")).toHaveText("30,000,000원");
  await expect(first.getByTestId("expected-subsidy")).toHaveText("15,000,000원");
  await expect(first.getByTestId("expected-company-share")).toHaveText("15,000,000원");
  await first.getByLabel("2번 항목 내용").fill("두 번째 항목");
  await first.getByLabel("2번 항목 수량").fill("1");
  await first.getByLabel("2번 항목 단가").fill("4,000,000");
  await expect(first.getByTestId("typed-total")).toHaveText("34,000,000원");
  await expect(first.getByTestId("expected-subsidy")).toHaveText("16,000,000원");
  await expect(first.getByTestId("expected-company-share")).toHaveText("18,000,000원");

  await changedMeanwhile(first, async () => {
    await second.goto(`/tickets/${id}/quote`);
    await second.getByLabel("1번 항목 내용").fill("다른 탭의 견적");
    await second.getByLabel("1번 항목 수량").fill("1");
    await second.getByLabel("1번 항목 단가").fill("9,000,000");
    await second.getByRole("button", { name: "견적 저장" }).click();
    await expect(flash(second)).toHaveText("견적 1차를 저장했습니다.");
  });

  await first.getByRole("button", { name: "견적 저장" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("1번 항목 내용")).toHaveValue("첫 번째 탭의 설비");
  await expect(first.getByLabel("1번 항목 단가")).toHaveValue("15,000,000");
  await expect(first.getByLabel("2번 항목 단가")).toHaveValue("4,000,000");
  const rows = db().prepare(`SELECT version, total FROM Quote WHERE ticketId = ?`).all(id);
  expect(rows).toEqual([{ version: 1, total: 9_000_000 }]);
  // told of the other change, a second save is deliberate: it becomes version 2
  await first.getByRole("button", { name: "견적 저장" }).click();
  await expect(flash(first)).toHaveText("견적 2차를 저장했습니다.");
  await first.context().close();
  await second.context().close();
});
