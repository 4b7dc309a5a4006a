// 문의/답변 (issue 15, item 7) in real browsers against the production build: a question addressed to the
// supplier reaches the supplier's to-do live (its home, already open), the supplier answers, the asker sees
// the answer without reloading; the question's file is served to the ticket's parties and to nobody else;
// a third party's user gets the 404 of a foreign ticket; and the thread works without JavaScript.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { db, ticket } from "./fixtures";
import { signIn } from "./helpers";
import { waitForMail } from "./mailbox";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

const PDF = Buffer.from("%PDF-1.4\n% 문의 첨부 도면\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const SUBJECT = "교체 부품 납기 문의";
const BODY = "압력 센서 교체 부품의 입고 예정일을 알려 주세요.";
const ANSWER = "다음 주 화요일 입고 예정입니다.";

async function userPage(browser: Browser, baseURL: string | undefined, email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "ko-KR", timezoneId: "Asia/Seoul", javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const live = (page: Page) => expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
/** Marks the document: a reload (instead of a live refresh) would lose the mark. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { __marker: string }).__marker = "still-here"));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { __marker?: string }).__marker);
const toast = (page: Page) => page.locator("p.toast-ok[role=status], [data-testid=flash]").first();
const questionCard = (page: Page, subject: string) => page.locator("article[data-question-id]").filter({ hasText: subject });

/** The stored file of the first attachment of the question with `subject`. */
function attachmentOf(subject: string): string {
  const row = db()
    .prepare(
      `SELECT a.fileId AS fileId FROM Attachment a JOIN TicketMessage m ON m.id = a.messageId JOIN TicketQuestion q ON q.id = m.questionId WHERE q.subject = ?`,
    )
    .get(subject) as { fileId: string } | undefined;
  if (!row) throw new Error(`no attachment on "${subject}"`);
  return row.fileId;
}

test("a question to the supplier appears live in the supplier's to-do; the answer reaches the manufacturer live", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const t1 = ticket(`${AS}0001`); // 과제수행 중: 한빛정밀 (maker1) × 스마트팩토리솔루션 (vendor1)
  const vendor = await userPage(browser, baseURL, "vendor1@demo.kr");
  await vendor.goto("/inbox");
  await live(vendor);
  await expect(vendor.locator('[data-pending-kind="answer_questions"]')).toHaveCount(0);
  await mark(vendor);

  const maker = await userPage(browser, baseURL, "maker1@demo.kr");
  await maker.goto(`/tickets/${t1.id}`);
  await maker.getByRole("link", { name: "문의", exact: true }).click();
  await expect(maker.getByRole("heading", { level: 1 })).toContainText(`문의 · ${AS}0001`);
  await live(maker);
  await maker.getByLabel("문의할 곳").selectOption({ label: "공급기업" });
  await maker.getByLabel("제목").fill(SUBJECT);
  await maker.getByLabel("내용").fill(BODY);
  await maker.locator("#ask-files").setInputFiles({ name: "부품 도면.pdf", mimeType: "application/pdf", buffer: PDF });
  await maker.getByRole("button", { name: "문의 등록", exact: true }).click();
  await expect(toast(maker)).toContainText("문의를 남겼습니다");
  const asked = questionCard(maker, SUBJECT);
  await expect(asked).toHaveAttribute("data-question-status", "open");
  await expect(asked.getByTestId("question-parties")).toContainText("도입기업 → 공급기업");
  await expect(asked.getByText("답변 대기")).toBeVisible();
  await expect(asked.getByRole("link", { name: "부품 도면.pdf" })).toBeVisible();

  // the supplier's home, open all along, shows the question as its to-do without a reload
  await expect(vendor.locator('[data-pending-kind="answer_questions"]')).toBeVisible();
  expect(await marked(vendor)).toBe("still-here");
  // and by mail at once (내 차례, the default for that kind)
  const mail = await waitForMail("vendor1@demo.kr", (m) => m.text.includes("문의 내용을 확인하고 답변해 주세요."));
  expect(mail.subject).toContain(`${AS}0001`);
  expect(mail.text).not.toContain(BODY); // the body stays in the product

  // the supplier answers on the questions page
  await vendor.goto(`/tickets/${t1.id}/questions`);
  await live(vendor);
  const card = questionCard(vendor, SUBJECT);
  await expect(card.getByText(BODY)).toBeVisible();
  const download = await vendor.request.get(`/files/${attachmentOf(SUBJECT)}`);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
  await mark(maker);
  await card.getByLabel("답변", { exact: true }).fill(ANSWER);
  await card.getByRole("button", { name: "답변 등록" }).click();
  await expect(toast(vendor)).toContainText("답글을 남겼습니다");
  await expect(questionCard(vendor, SUBJECT)).toHaveAttribute("data-question-status", "answered");

  // the manufacturer's page, open all along, shows the answer
  await expect(asked.getByText(ANSWER)).toBeVisible();
  await expect(asked).toHaveAttribute("data-question-status", "answered");
  await expect(asked.getByText("답변 완료")).toBeVisible();
  expect(await marked(maker)).toBe("still-here");
  // answered: no longer the supplier's to-do
  await vendor.goto("/inbox");
  await expect(vendor.locator('[data-pending-kind="answer_questions"]')).toHaveCount(0);
  await Promise.all([vendor.context().close(), maker.context().close()]);
});

test("a third party's users get the 404 of a foreign ticket, for the page and for the question's file", async ({ browser, baseURL }) => {
  const t1 = ticket(`${AS}0001`);
  const fileId = attachmentOf(SUBJECT);
  for (const email of ["vendor2@demo.kr", "maker2@demo.kr"]) {
    const page = await userPage(browser, baseURL, email);
    for (const url of [`/tickets/${t1.id}/questions`, `/tickets/${t1.id}/questions.data`, `/files/${fileId}`]) {
      const response = await page.request.get(url, { maxRedirects: 0 });
      expect(response.status(), `${email} GET ${url}`).toBe(404);
      expect(await response.text()).not.toContain(SUBJECT);
    }
    const post = await page.request.post(`/tickets/${t1.id}/questions`, {
      headers: { Origin: baseURL! },
      form: { __step: "ask", toRole: "manufacturer", subject: "침입", body: "침입" },
      maxRedirects: 0,
    });
    expect(post.status(), `${email} POST`).toBe(404);
    await page.context().close();
  }
  const count = db().prepare(`SELECT COUNT(*) AS n FROM TicketQuestion WHERE subject = '침입'`).get() as { n: number };
  expect(count.n).toBe(0);
});

test("without JavaScript: a refused question keeps what was typed, then ask, answer and close", async ({ browser, baseURL }) => {
  const t1 = ticket(`${AS}0001`);
  const subject = "점검 일정 협의";
  const vendor = await userPage(browser, baseURL, "vendor1@demo.kr", false);
  await vendor.goto(`/tickets/${t1.id}/questions`);
  // the form is folded while there are questions to read; a <details> opens without JavaScript too
  await expect(vendor.getByLabel("문의할 곳")).toBeHidden();
  await vendor.locator("summary", { hasText: "새 문의" }).click();
  await vendor.getByLabel("문의할 곳").selectOption({ label: "운영기관(TP)" });
  await vendor.getByLabel("내용").fill("중간 점검 날짜를 정하고 싶습니다.");
  await vendor.getByRole("button", { name: "문의 등록", exact: true }).click();
  await expect(vendor.getByText("제목을 입력해 주세요.")).toBeVisible();
  await expect(vendor.getByLabel("내용")).toHaveValue("중간 점검 날짜를 정하고 싶습니다.");
  await vendor.getByLabel("제목").fill(subject);
  await vendor.getByRole("button", { name: "문의 등록", exact: true }).click();
  await expect(toast(vendor)).toContainText("문의를 남겼습니다");
  await expect(questionCard(vendor, subject)).toHaveAttribute("data-question-status", "open");

  const monitor = await userPage(browser, baseURL, "monitor@demo.kr", false);
  await monitor.goto(`/tickets/${t1.id}/questions`);
  const card = questionCard(monitor, subject);
  await card.getByLabel("답변", { exact: true }).fill("12월 3일 오전은 어떠신가요?");
  await card.getByRole("button", { name: "답변 등록" }).click();
  await expect(toast(monitor)).toContainText("답글을 남겼습니다");
  await expect(questionCard(monitor, subject)).toHaveAttribute("data-question-status", "answered");

  await vendor.reload();
  const mine = questionCard(vendor, subject);
  await expect(mine.getByText("12월 3일 오전은 어떠신가요?")).toBeVisible();
  await mine.getByRole("button", { name: "문의 종료" }).click();
  await expect(toast(vendor)).toContainText("문의를 종료했습니다");
  const closed = questionCard(vendor, subject);
  await expect(closed).toHaveAttribute("data-question-status", "closed");
  await expect(closed.getByText("종료", { exact: true })).toBeVisible();
  await expect(closed.getByRole("button", { name: /등록|종료/ })).toHaveCount(0);
  await Promise.all([vendor.context().close(), monitor.context().close()]);
});
