// The forms work without JavaScript (a locked-down office PC, a script that failed to load):
// rows are added and removed by the server answering Conform's list intents, a refusal comes
// back as a page with every error and everything typed, a success shows its message in the page.
import { expect, test, type Browser } from "@playwright/test";
import { signIn } from "./helpers";
import { db, ticket } from "./fixtures";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

async function withoutScripts(browser: Browser, baseURL: string | undefined, email: string) {
  const context = await browser.newContext({ baseURL, locale: "ko-KR", timezoneId: "Asia/Seoul", javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test("the quote's rows are added and removed, a refusal keeps every row, and the save shows its message — without JavaScript", async ({
  browser,
  baseURL,
}) => {
  const page = await withoutScripts(browser, baseURL, "vendor2@demo.kr");
  const id = ticket(`${AS}0004`).id;
  await page.goto(`/tickets/${id}/quote`);
  const rows = page.locator("[data-row]");
  const before = await rows.count();
  await page.getByLabel("1번 항목 내용").fill("MES 4.0 버전업");
  await page.getByLabel("1번 항목 수량").fill("1");
  await page.getByLabel("1번 항목 단가").fill("12,000,000");
  await page.getByRole("button", { name: "행 추가" }).click();
  await expect(rows).toHaveCount(before + 1);
  await expect(page.getByLabel("1번 항목 내용")).toHaveValue("MES 4.0 버전업"); // kept across the round trip
  await page.getByLabel(`${before + 1}번 항목 내용`).fill("생산 보고서 모듈 개발");
  await page.getByLabel(`${before + 1}번 항목 수량`).fill("2");
  await page.getByLabel(`${before + 1}번 항목 단가`).fill("-1");
  await page.getByRole("button", { name: "2번 항목 삭제" }).click();
  await expect(rows).toHaveCount(before);
  await expect(page.getByLabel(`${before}번 항목 내용`)).toHaveValue("생산 보고서 모듈 개발");

  // refused by the server: the error next to the field, every row as typed
  await page.getByRole("button", { name: "견적 저장" }).click();
  await expect(page.getByText("단가는 0 이상의 원 단위 정수로 입력해 주세요.")).toBeVisible();
  await expect(page.locator(".form-error[role=alert]").first()).toBeVisible();
  await expect(page.getByLabel("1번 항목 내용")).toHaveValue("MES 4.0 버전업");
  await expect(page.getByLabel(`${before}번 항목 단가`)).toHaveValue("-1");

  await page.getByLabel(`${before}번 항목 단가`).fill("4500000");
  await page.getByRole("button", { name: "견적 저장" }).click();
  await expect(page.locator("p.toast-ok[role=status]")).toHaveText("견적 1차를 저장했습니다.");
  const totals = db().prepare(`SELECT total FROM Quote WHERE ticketId = ? ORDER BY version`).all(id) as { total: number }[];
  expect(totals).toEqual([{ total: 21_000_000 }]);
  await page.context().close();
});

test("a new application's item rows are added and removed without JavaScript, and a refusal marks every missing field", async ({
  browser,
  baseURL,
}) => {
  const page = await withoutScripts(browser, baseURL, "maker1@demo.kr");
  await page.goto("/tickets/new");
  await page.getByRole("button", { name: "항목 추가" }).click();
  await expect(page.getByLabel("요청 항목 4 내용")).toBeVisible();
  await page.getByLabel("요청 항목 4 내용").fill("작업자 MES 사용 교육");
  await page.getByRole("button", { name: "항목 1 삭제" }).click();
  await expect(page.getByLabel("요청 항목 4 내용")).toHaveCount(0);
  await expect(page.getByLabel("요청 항목 3 내용")).toHaveValue("작업자 MES 사용 교육");
  // nothing else filled in: the server names each missing field at once
  await page.getByRole("button", { name: /저장/ }).first().click();
  const errors = page.locator(".field-error");
  // the refusal is a new page: wait for it before counting what it names
  await expect(errors.nth(1)).toBeVisible();
  await expect(page.getByLabel("요청 항목 3 내용")).toHaveValue("작업자 MES 사용 교육");
  await page.context().close();
});
