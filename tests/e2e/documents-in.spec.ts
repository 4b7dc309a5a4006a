// Several application documents in one upload (issue 17 item 3, ADR 037), in a real browser against
// the real server and database: with JavaScript (files dropped on the page and chosen with the drop
// zone's input, each listed with its kind — guessed from the name where obvious — and the issue date
// asked only for the 3-month certificates), and without it (numbered rows pre-set to what is
// missing). A refusal of one file among three stores nothing, names that file and keeps every choice
// made. The missing documents are listed once on the page, the notice's forms beside their slots.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { addDaysIso, cloneSubmittedTicket, db, seoulToday } from "./fixtures";
import { signIn } from "./helpers";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

type Upload = { name: string; mimeType: string; buffer: Buffer };
const pdf = (name: string): Upload => ({
  name,
  mimeType: "application/pdf",
  buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`, "utf8"),
});
/** Text that only calls itself a PDF: refused by its content. */
const fake = (name: string): Upload => ({ name, mimeType: "application/pdf", buffer: Buffer.from("only text, not a PDF") });

const issued = addDaysIso(seoulToday(), -5);
const lastYear = Number(seoulToday().slice(0, 4)) - 1;

/** A fresh draft of maker1 (no documents), its documents page path. */
function newDraft(number: string): string {
  return `/tickets/${cloneSubmittedTicket(`${AS}0001`, number, "여러 서류 한 번에 올리기", "draft", { submittedAt: null })}/documents`;
}

function stored(path: string) {
  const id = path.split("/")[2];
  const rows = db()
    .prepare(
      `SELECT d.kind, d.issuedOn, d.fiscalYear, f.originalName FROM ApplicationDocument d JOIN StoredFile f ON f.id = d.fileId WHERE d.ticketId = ? ORDER BY f.originalName`,
    )
    .all(id) as { kind: string; issuedOn: string | null; fiscalYear: number | null; originalName: string }[];
  const files = (db().prepare(`SELECT COUNT(*) AS n FROM StoredFile`).get() as { n: number }).n;
  const version = (db().prepare(`SELECT version FROM Ticket WHERE id = ?`).get(id) as { version: number }).version;
  return { rows, files, version };
}

async function withoutScripts(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "ko-KR", timezoneId: "Asia/Seoul", javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "maker1@demo.kr");
  return page;
}

/** Drops files on the drop zone as a person dragging them from a folder would (a drop event carrying a DataTransfer). */
async function dropFiles(page: Page, files: Upload[]) {
  const transfer = await page.evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.mimeType }));
      return dt;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, bytes: [...f.buffer] })),
  );
  await page.getByTestId("drop-zone").dispatchEvent("dragover", { dataTransfer: transfer });
  await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer: transfer });
}

/** The listed file's row (with JavaScript). */
const listed = (page: Page, name: string) => page.getByTestId("upload-list").locator(`li[data-file="${name}"]`);

test("with JavaScript: three files of different kinds dropped and chosen at once, kinds guessed from the names, one submit", async ({
  page,
}) => {
  const path = newDraft(`${AS}0971`);
  await signIn(page, "maker1@demo.kr");
  await page.goto(path);
  // the missing documents are listed once: in the checklist, not again in the readiness box
  const readiness = page.getByTestId("submit-readiness");
  await expect(readiness).toContainText("제출 서류");
  await expect(readiness).not.toContainText("사업자등록증명원");
  await expect(page.getByTestId("checklist").locator('tr[data-kind="business_registration"]')).toHaveAttribute("data-status", "missing");
  // the notice's forms beside their slots
  await expect(
    page
      .getByTestId("checklist")
      .locator('tr[data-kind="application_form"]')
      .getByRole("link", { name: /신청서 양식 \(PDF\)/ }),
  ).toBeVisible();
  await expect(
    page
      .getByTestId("checklist")
      .locator('tr[data-kind="info_use_consent"]')
      .getByRole("link", { name: /동의서 양식 \(PDF\)/ }),
  ).toBeVisible();

  await dropFiles(page, [pdf("사업자등록증.pdf"), pdf(`재무제표_${lastYear}.pdf`)]);
  await page.getByLabel("올릴 파일 선택 (여러 개)").setInputFiles([pdf("scan_0001.pdf")]);
  await expect(page.getByTestId("upload-list").locator("li")).toHaveCount(3);

  // guessed where the name says it, and shown as a guess; the issue date only for the certificate
  await expect(page.getByLabel("‘사업자등록증.pdf’ 서류 종류")).toHaveValue("business_registration");
  await expect(page.getByLabel(`‘재무제표_${lastYear}.pdf’ 서류 종류`)).toHaveValue("financial_statements");
  await expect(page.getByLabel(`‘재무제표_${lastYear}.pdf’ 회계연도`)).toHaveValue(String(lastYear));
  await expect(page.getByLabel("‘scan_0001.pdf’ 서류 종류")).toHaveValue("");
  await expect(page.getByTestId("kind-guess")).toHaveCount(2);
  await expect(listed(page, "scan_0001.pdf").getByTestId("kind-guess")).toHaveCount(0);
  await expect(page.getByTestId("upload-list").locator('input[type="date"]')).toHaveCount(1);

  // a file without a kind is stopped in the browser, naming it; nothing is sent
  const before = stored(path);
  await page.getByRole("button", { name: "올리기" }).click();
  await expect(listed(page, "scan_0001.pdf").locator(".field-error").first()).toContainText("‘scan_0001.pdf’의 서류 종류를 선택해 주세요.");
  expect(stored(path)).toEqual(before);

  await page.getByLabel("‘scan_0001.pdf’ 서류 종류").selectOption("application_form");
  await expect(page.getByTestId("upload-list").locator('input[type="date"]')).toHaveCount(1);
  await page.getByLabel("‘사업자등록증.pdf’ 발행일").fill(issued);
  await page.getByRole("button", { name: "올리기" }).click();
  await expect(page.getByTestId("flash").filter({ hasText: "서류 3건을 올렸습니다." })).toBeVisible();

  const checklist = page.getByTestId("checklist");
  await expect(checklist.locator('tr[data-kind="business_registration"]')).toHaveAttribute("data-status", "ok");
  await expect(checklist.locator('tr[data-kind="application_form"]')).toHaveAttribute("data-status", "ok");
  await expect(checklist.locator('tr[data-kind="financial_statements"]')).toContainText(
    `${lastYear - 2}, ${lastYear - 1}년 재무제표가 없습니다`,
  );
  await expect(page.getByTestId("documents").locator("tbody tr")).toHaveCount(3);
  // the list is empty again for the next upload
  await expect(page.getByTestId("upload-list")).toHaveCount(0);

  const after = stored(path);
  expect(after.version).toBe(before.version + 1);
  expect(after.rows).toEqual([
    { kind: "application_form", issuedOn: null, fiscalYear: null, originalName: "scan_0001.pdf" },
    { kind: "business_registration", issuedOn: issued, fiscalYear: null, originalName: "사업자등록증.pdf" },
    { kind: "financial_statements", issuedOn: null, fiscalYear: lastYear, originalName: `재무제표_${lastYear}.pdf` },
  ]);
});

test("with JavaScript: one file refused among three stores nothing, names it, and keeps the list with every choice", async ({ page }) => {
  const path = newDraft(`${AS}0972`);
  await signIn(page, "maker1@demo.kr");
  await page.goto(path);
  await page
    .getByLabel("올릴 파일 선택 (여러 개)")
    .setInputFiles([pdf("국세 납세증명서.pdf"), fake("지방세 납세증명서.pdf"), pdf("정보활용 동의서.pdf")]);
  await page.getByLabel("‘국세 납세증명서.pdf’ 발행일").fill(issued);
  await page.getByLabel("‘지방세 납세증명서.pdf’ 발행일").fill(addDaysIso(issued, 1));
  const before = stored(path);
  await page.getByRole("button", { name: "올리기" }).click();
  const alert = page.locator(".form-error[role=alert]");
  await expect(alert).toContainText("‘지방세 납세증명서.pdf’: 허용되지 않는 파일 형식입니다.");
  await expect(alert).toContainText("아무 서류도 올리지 않았습니다.");
  await expect(listed(page, "지방세 납세증명서.pdf").locator(".field-error")).toContainText("허용되지 않는 파일 형식");
  expect(stored(path)).toEqual(before);

  // every file, kind and date is still there
  await expect(page.getByTestId("upload-list").locator("li")).toHaveCount(3);
  await expect(page.getByLabel("‘국세 납세증명서.pdf’ 서류 종류")).toHaveValue("national_tax_certificate");
  await expect(page.getByLabel("‘국세 납세증명서.pdf’ 발행일")).toHaveValue(issued);
  await expect(page.getByLabel("‘지방세 납세증명서.pdf’ 발행일")).toHaveValue(addDaysIso(issued, 1));
  await expect(page.getByLabel("‘정보활용 동의서.pdf’ 서류 종류")).toHaveValue("info_use_consent");

  // without the bad file, the other two go up as they were chosen
  await page.getByRole("button", { name: "‘지방세 납세증명서.pdf’ 빼기" }).click();
  await page.getByRole("button", { name: "올리기" }).click();
  await expect(page.getByTestId("flash").filter({ hasText: "서류 2건을 올렸습니다." })).toBeVisible();
  expect(stored(path).rows).toEqual([
    { kind: "national_tax_certificate", issuedOn: issued, fiscalYear: null, originalName: "국세 납세증명서.pdf" },
    { kind: "info_use_consent", issuedOn: null, fiscalYear: null, originalName: "정보활용 동의서.pdf" },
  ]);
});

test("without JavaScript: rows pre-set to what is missing, three files of different kinds in one submit", async ({ browser, baseURL }) => {
  const path = newDraft(`${AS}0973`);
  const page = await withoutScripts(browser, baseURL);
  await page.goto(path);
  await expect(page.getByTestId("drop-zone")).toHaveCount(0);
  // the first rows name the missing documents in the checklist's order; statements with their year
  await expect(page.getByLabel("1번 파일 서류 종류", { exact: true })).toHaveValue("application_form");
  await expect(page.getByLabel("2번 파일 서류 종류", { exact: true })).toHaveValue("business_registration");
  await expect(page.getByLabel("6번 파일 서류 종류", { exact: true })).toHaveValue("financial_statements");
  await expect(page.getByLabel("6번 파일 회계연도(재무제표)", { exact: true })).toHaveValue(String(lastYear - 2));
  // the date is offered only beside a certificate (the browser shows it by the selected kind)
  await expect(page.getByLabel("2번 파일 발행일", { exact: true })).toBeVisible();
  await expect(page.getByLabel("1번 파일 발행일", { exact: true })).toBeHidden();

  await page.getByLabel("1번 파일", { exact: true }).setInputFiles(pdf("신청서.pdf"));
  await page.getByLabel("2번 파일", { exact: true }).setInputFiles(pdf("사업자등록증명원.pdf"));
  await page.getByLabel("2번 파일 발행일", { exact: true }).fill(issued);
  await page.getByLabel("6번 파일", { exact: true }).setInputFiles(pdf("재무제표.pdf"));
  const before = stored(path);
  await page.getByRole("button", { name: "올리기" }).click();
  await expect(page.locator("p.toast-ok[role=status]")).toHaveText("서류 3건을 올렸습니다.");
  await expect(page.getByTestId("checklist").locator('tr[data-kind="business_registration"]')).toHaveAttribute("data-status", "ok");
  await expect(page.getByTestId("checklist").locator('tr[data-kind="application_form"]')).toHaveAttribute("data-status", "ok");
  const after = stored(path);
  expect(after.version).toBe(before.version + 1);
  expect(after.rows).toEqual([
    { kind: "business_registration", issuedOn: issued, fiscalYear: null, originalName: "사업자등록증명원.pdf" },
    { kind: "application_form", issuedOn: null, fiscalYear: null, originalName: "신청서.pdf" },
    { kind: "financial_statements", issuedOn: null, fiscalYear: lastYear - 2, originalName: "재무제표.pdf" },
  ]);
  // what is now missing comes first
  await expect(page.getByLabel("1번 파일 서류 종류", { exact: true })).toHaveValue("national_tax_certificate");
  await page.context().close();
});

test("without JavaScript: one file refused among three stores nothing, names it, and re-shows every kind and date", async ({
  browser,
  baseURL,
}) => {
  const path = newDraft(`${AS}0974`);
  const page = await withoutScripts(browser, baseURL);
  await page.goto(path);
  await page.getByLabel("1번 파일 서류 종류", { exact: true }).selectOption("info_use_consent");
  await page.getByLabel("1번 파일", { exact: true }).setInputFiles(pdf("동의서.pdf"));
  await page.getByLabel("2번 파일 서류 종류", { exact: true }).selectOption("national_tax_certificate");
  await page.getByLabel("2번 파일 발행일", { exact: true }).fill(issued);
  await page.getByLabel("2번 파일", { exact: true }).setInputFiles(fake("국세.pdf"));
  await page.getByLabel("3번 파일 서류 종류", { exact: true }).selectOption("local_tax_certificate");
  await page.getByLabel("3번 파일 발행일", { exact: true }).fill(addDaysIso(issued, -1));
  await page.getByLabel("3번 파일", { exact: true }).setInputFiles(pdf("지방세.pdf"));
  const before = stored(path);
  await page.getByRole("button", { name: "올리기" }).click();

  await expect(page.locator(".form-error[role=alert]")).toContainText("‘국세.pdf’: 허용되지 않는 파일 형식입니다.");
  await expect(page.getByTestId("choose-again")).toContainText("파일을 다시 선택해 주세요");
  expect(stored(path)).toEqual(before);
  await expect(page.getByLabel("1번 파일 서류 종류", { exact: true })).toHaveValue("info_use_consent");
  await expect(page.getByLabel("2번 파일 서류 종류", { exact: true })).toHaveValue("national_tax_certificate");
  await expect(page.getByLabel("2번 파일 발행일", { exact: true })).toHaveValue(issued);
  await expect(page.getByLabel("3번 파일 서류 종류", { exact: true })).toHaveValue("local_tax_certificate");
  await expect(page.getByLabel("3번 파일 발행일", { exact: true })).toHaveValue(addDaysIso(issued, -1));
  await expect(page.locator('[data-row="1"] .field-error')).toContainText("‘국세.pdf’");
  await page.context().close();
});
