// Passwords (issue 14, item 4) in Chromium against the production build, whose mail really goes out to the
// server's SMTP sink: a reset by the mailed link ends the old sessions (another browser signed in before is
// sent to the sign-in page) and signs in afresh; the used, an expired and a forged link are refused on a
// Korean page that offers a new link; an unknown address gets the same answer and no mail; changing the
// password ends the other session and keeps this one; weak passwords are refused with the Korean reason.
import crypto from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { db } from "./fixtures";
import { signIn } from "./helpers";
import { linkIn, mailsTo, waitForMail } from "./mailbox";

const ANSWER = "입력하신 주소로 가입된 계정이 있으면 재설정 링크를 보냈습니다.";
const STRONG = "blue-river-7-lamp";

async function signedInPage(browser: Browser, email: string, password?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  return page;
}

/** Asks for a reset link on the forgot-password page; returns the answer shown. */
async function askForReset(page: Page, email: string): Promise<string> {
  if (new URL(page.url()).pathname !== "/forgot-password") await page.goto("/forgot-password");
  await page.getByLabel("이메일").fill(email);
  await page.getByRole("button", { name: /링크 (다시 )?받기/ }).click();
  const answer = page.getByRole("status");
  await expect(answer).toContainText(ANSWER);
  return (await answer.textContent()) ?? "";
}

/** The path of the reset link in the newest reset mail to `email` (each test asks once per address). */
async function mailedResetPath(email: string): Promise<string> {
  const mail = await waitForMail(email, (m) => m.subject.includes("비밀번호 재설정"));
  expect(mail.text).toContain("AS 트래커");
  expect(mail.text).toMatch(/\d{1,2}:\d{2}\(한국 시간\)까지/);
  return new URL(linkIn(mail, "/reset-password/")).pathname;
}

async function setNewPassword(page: Page, password: string, confirm = password) {
  await page.getByLabel("새 비밀번호", { exact: true }).fill(password);
  await page.getByLabel("새 비밀번호 확인").fill(confirm);
  await page.getByRole("button", { name: "비밀번호 바꾸기" }).click();
}

test("a reset by the mailed link ends the old sessions, signs in afresh, and the link works once", async ({ browser }) => {
  const before = await signedInPage(browser, "maker1@demo.kr");
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByRole("link", { name: "비밀번호를 잊으셨나요?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await askForReset(page, "maker1@demo.kr");
  const resetPath = await mailedResetPath("maker1@demo.kr");

  await page.goto(resetPath);
  await expect(page.getByRole("heading", { name: "새 비밀번호 정하기" })).toBeVisible();
  await setNewPassword(page, "password12");
  await expect(page.getByText("흔히 쓰이거나 추측하기 쉬운 비밀번호입니다.", { exact: false })).toBeVisible();
  await setNewPassword(page, "maker1@demo.kr");
  await expect(page.getByText("비밀번호에 이메일 주소를 쓸 수 없습니다.")).toBeVisible();
  await setNewPassword(page, STRONG, "blue-river-7-lamb");
  await expect(page.getByText("새 비밀번호가 서로 다릅니다.", { exact: false })).toBeVisible();
  await setNewPassword(page, STRONG);
  await expect(page).not.toHaveURL(/reset-password|login/);
  await expect(page.getByText("새 비밀번호로 바꿨습니다.", { exact: false })).toBeVisible();

  // the browser signed in before the reset is signed out
  await before.reload();
  await expect(before).toHaveURL(/\/login/);
  await expect(before.getByRole("heading", { name: "로그인" })).toBeVisible();

  // used once: the same link again is refused, with a way to a new one
  await page.goto(resetPath);
  await expect(page.getByRole("heading", { name: "이미 사용했거나 더 이상 쓸 수 없는 링크입니다" })).toBeVisible();
  await expect(page.getByRole("link", { name: "새 재설정 링크 받기" })).toHaveAttribute("href", "/forgot-password");

  // the new password signs in; the old one does not
  const fresh = await signedInPage(browser, "maker1@demo.kr", STRONG);
  await expect(fresh.getByText("김민준")).toBeVisible();
});

test("a forged link and an expired one are refused on a Korean page offering a new link", async ({ browser, baseURL }) => {
  const page = await (await browser.newContext()).newPage();
  for (const forged of [
    `/reset-password/${crypto.randomBytes(32).toString("base64url")}`,
    "/reset-password/abc",
    "/reset-password/%3Cscript%3E",
  ]) {
    const response = await page.goto(forged);
    expect(response?.status(), forged).toBe(404);
    await expect(page.getByRole("heading", { name: "올바른 재설정 링크가 아닙니다" })).toBeVisible();
    await expect(page.getByRole("link", { name: "새 재설정 링크 받기" })).toBeVisible();
  }

  await askForReset(page, "maker2@demo.kr");
  const resetPath = await mailedResetPath("maker2@demo.kr");
  const raw = resetPath.split("/").at(-1)!;
  const tokenHash = crypto.createHash("sha256").update(raw).digest("hex");
  const expired = db()
    .prepare(`UPDATE EmailToken SET expiresAt = ? WHERE tokenHash = ?`)
    .run(new Date(Date.now() - 60_000).toISOString().replace("Z", "+00:00"), tokenHash);
  expect(expired.changes).toBe(1);

  const response = await page.goto(resetPath);
  expect(response?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "링크의 유효 시간이 지났습니다" })).toBeVisible();
  await page.getByRole("link", { name: "새 재설정 링크 받기" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);

  // a post straight to the expired link changes nothing
  const post = await page.request.post(resetPath, {
    form: { password: STRONG, passwordConfirm: STRONG },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(410);
  const row = db().prepare(`SELECT passwordChangedAt FROM User WHERE email = 'maker2@demo.kr'`).get() as { passwordChangedAt: string | null };
  expect(row.passwordChangedAt).toBeNull();
});

test("an unknown address gets the same answer and no mail", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const unknown = await askForReset(page, "nobody@nowhere.kr");
  const known = await askForReset(page, "vendor2@demo.kr");
  expect(unknown).toBe(known);
  await mailedResetPath("vendor2@demo.kr"); // mail for the known address is out, and none was ever queued for the other
  expect(await mailsTo("nobody@nowhere.kr")).toEqual([]);
  expect(db().prepare(`SELECT COUNT(*) AS n FROM OutboxMail WHERE toEmail = 'nobody@nowhere.kr'`).get()).toEqual({ n: 0 });
});

test("changing the password asks the current one, refuses weak ones in Korean, and ends the other session only", async ({ browser }) => {
  const other = await signedInPage(browser, "vendor1@demo.kr");
  const page = await signedInPage(browser, "vendor1@demo.kr");
  await page.goto("/profile/password");
  await page.getByLabel("지금 비밀번호").fill("wrong-password");
  await setNewPassword(page, STRONG);
  await expect(page.getByText("지금 비밀번호가 올바르지 않습니다.")).toBeVisible();

  await page.getByLabel("지금 비밀번호").fill("demo1234!");
  await setNewPassword(page, "password12");
  await expect(page.getByText("흔히 쓰이거나 추측하기 쉬운 비밀번호입니다.", { exact: false })).toBeVisible();

  await page.getByLabel("지금 비밀번호").fill("demo1234!");
  await setNewPassword(page, "vendor1@demo.kr");
  await expect(page.getByText("비밀번호에 이메일 주소를 쓸 수 없습니다.")).toBeVisible();

  await page.getByLabel("지금 비밀번호").fill("demo1234!");
  await setNewPassword(page, STRONG);
  await expect(page.getByText("비밀번호를 바꿨습니다.", { exact: false })).toBeVisible();

  await other.reload();
  await expect(other).toHaveURL(/\/login/);
  await page.reload();
  await expect(page.getByRole("heading", { name: "비밀번호 변경" })).toBeVisible();
});
