// Documents out (issue 17, item 1; ADR 035) through the real server and browser: the manufacturer clicks
// "협약서 (PDF)" on its ticket's page and gets a PDF whose text carries the agreement's figures, Korean dates
// and the parties; a party of another ticket asking for the same address gets the Korean 404 of a foreign
// ticket; a document that does not exist yet is a Korean 404, never a 500.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { pdfText } from "../support/pdf-text";
import { db, ticket } from "./fixtures";
import { signIn } from "./helpers";
import { AS } from "./demo-numbers";

test("the manufacturer downloads its agreement as a PDF from the ticket page; another ticket's party gets 404", async ({ page, browser }) => {
  const t1 = ticket(`${AS}0001`);
  await signIn(page, "maker1@demo.kr");
  await page.goto(`/tickets/${t1.id}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "협약서 (PDF)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`협약서_${AS}0001.pdf`);
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const { text } = await pdfText(bytes);
  expect(text).toContain("스마트공장 AS지원사업 협약서");
  expect(text).toContain(`${AS}0001`);
  expect(text).toContain("8,800,000원"); // 정부지원금 and 기업부담금, as the agreement page shows them
  expect(text).toContain("17,600,000원");
  expect(text).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일/);
  expect(text).toContain("(주)한빛정밀");
  expect(text).toContain("(주)스마트팩토리솔루션");
  // the agreement page links the same document beside its content
  await page.goto(`/tickets/${t1.id}/agreement`);
  await expect(page.getByRole("link", { name: "협약서 (PDF)" })).toHaveAttribute("href", `/tickets/${t1.id}/agreement/agreement.pdf`);
  // a document that does not exist yet: no link, and the address answers a Korean 404
  await page.goto(`/tickets/${t1.id}`);
  await expect(page.getByRole("link", { name: "완료보고서 (PDF)" })).toHaveCount(0);
  const none = await page.request.get(`/tickets/${t1.id}/completion/completion-report.pdf`);
  expect(none.status()).toBe(404);
  expect(await none.text()).toContain("완료 보고가 없어");
  // the score sheet is not the companies' to download
  expect((await page.request.get(`/tickets/${t1.id}/evaluation/evaluation-sheet.pdf`)).status()).toBe(404);

  const other = await browser.newPage();
  await signIn(other, "maker2@demo.kr"); // 대성플라스틱: a party of other tickets, not of 0001
  const foreign = await other.request.get(`/tickets/${t1.id}/agreement/agreement.pdf`);
  expect(foreign.status()).toBe(404);
  expect(foreign.headers()["content-type"]).not.toContain("application/pdf");
  expect(await foreign.text()).toContain("찾을 수 없습니다");
  await other.close();
});

test("the assigned evaluator downloads the application summary of its ticket once it declared no conflict, and nothing else", async ({
  page,
}) => {
  const t5 = ticket(`${AS}0005`);
  const summary = `/tickets/${t5.id}/documents/application-summary.pdf`;
  await signIn(page, "evaluator@demo.kr");
  // before the 이해충돌 declaration, the PDF is gated like its page: sent to the declaration, no file
  const gated = await page.request.get(summary, { maxRedirects: 0 });
  expect(gated.status()).toBe(302);
  expect(gated.headers()["location"]).toBe(`/tickets/${t5.id}/conflict`);
  db()
    .prepare(
      `UPDATE TicketAssignment SET conflictDeclaredAt = ?, conflictDeclaredById = (SELECT id FROM User WHERE email = 'evaluator@demo.kr'), conflictStatement = '(테스트 준비) 이해충돌 없음' WHERE ticketId = ? AND role = 'evaluator'`,
    )
    .run(new Date().toISOString(), t5.id);
  await page.goto(`/tickets/${t5.id}`);
  const downloads = page.getByTestId("document-downloads");
  await expect(downloads.getByRole("link")).toHaveText(["신청서 요약 (PDF)"]); // no sheet yet, never the agreement
  const downloading = page.waitForEvent("download");
  await downloads.getByRole("link", { name: "신청서 요약 (PDF)" }).click();
  const { text } = await pdfText(fs.readFileSync((await (await downloading).path())!));
  expect(text).toContain("스마트공장 AS지원사업 신청서 요약");
  expect(text).toContain(`${AS}0005`);
  expect(text).toContain("(주)미래식품");
  // the pages it may not open, it may not download either
  for (const other of ["agreement/agreement.pdf", "completion/completion-report.pdf"])
    expect((await page.request.get(`/tickets/${t5.id}/${other}`)).status()).toBe(404);
  const noSheet = await page.request.get(`/tickets/${t5.id}/evaluation/evaluation-sheet.pdf`);
  expect(noSheet.status()).toBe(404);
  expect(await noSheet.text()).toContain("현장평가표가 없어");
});
