// The notice's forms (issue 17 item 2, ADR 036) through the real server and browser: a manufacturer starting an
// application downloads the AS지원사업 신청서 filled with its own company; a ticket's consent form names the ticket's
// supplier; the TP's program page offers the blank forms; another company asking for the ticket's form gets 404.
import fs from "node:fs";
import { expect, test, type Download } from "@playwright/test";
import { pdfText } from "../support/pdf-text";
import { db, ticket } from "./fixtures";
import { signIn } from "./helpers";
import { AS } from "./demo-numbers";

const squash = (s: string) => s.replace(/\s+/g, "");

async function downloadedText(download: Download): Promise<string> {
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  return squash((await pdfText(bytes)).text);
}

test("a manufacturer downloads the application form filled with its company; the ticket's forms only for its parties", async ({
  page,
  browser,
}) => {
  const t4 = ticket(`${AS}0004`); // 신청접수 — maker2 × vendor2
  const org = (id: string) =>
    db().prepare(`SELECT name, businessNumber FROM Organization WHERE id = ?`).get(id) as { name: string; businessNumber: string };
  const maker = org(t4.manufacturerId);
  const supplier = org(t4.supplierId);

  await signIn(page, "maker2@demo.kr");
  await page.goto("/tickets/new");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "AS지원사업 신청서 양식 (PDF)" }).click();
  const form = await downloadedText(await downloading);
  expect(form).toContain(squash(maker.name));
  expect(form).toContain(`${maker.businessNumber.slice(0, 3)}-${maker.businessNumber.slice(3, 5)}-${maker.businessNumber.slice(5)}`);
  expect(form).toContain(squash("위와 같이"));
  expect(form).toContain(squash("2. 신청자격 (해당 항목에 ■ 표시)"));

  // the ticket's consent form: its supplier among the recipients
  const consent = await page.request.get(`/tickets/${t4.id}/forms/info-use-consent.pdf`);
  expect(consent.status()).toBe(200);
  expect(consent.headers()["content-type"]).toBe("application/pdf");
  const consentText = squash((await pdfText(await consent.body())).text);
  expect(consentText).toContain(squash(`과제의 공급기업(${supplier.name})`));
  expect(consentText).toContain(squash("중소기업 지원사업 통합관리시스템 정보 활용 동의서"));

  // another company (a supplier not on this ticket) gets the Korean 404 of a foreign ticket
  const other = await browser.newPage();
  await signIn(other, "vendor1@demo.kr");
  for (const form of ["application-form", "info-use-consent"]) {
    const refused = await other.request.get(`/tickets/${t4.id}/forms/${form}.pdf`);
    expect(refused.status()).toBe(404);
    expect(await refused.text()).toContain("찾을 수 없습니다");
  }
  await other.close();
});

test("the TP's program page offers the notice's forms, blank", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  await page.goto(`/programs/${ticket(`${AS}0004`).programId}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "정보 활용 동의서 양식 (PDF)" }).click();
  const text = await downloadedText(await downloading);
  expect(text).toContain(squash("1. 개인(기업)정보의 수집·이용 (「개인정보 보호법」 제15조)"));
  expect(text).toContain(squash("기업명 사업자등록번호")); // the company rows left blank to write on
});
