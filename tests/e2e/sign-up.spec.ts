// 회원가입 (issue 14, item 1) in Chromium against the production build, whose mail really goes out to the
// server's SMTP sink: a new manufacturer signs up, can do nothing before confirming, confirms by the link
// it received and drafts a ticket; a new supplier confirms and sees 승인 대기, and no manufacturer can
// name it; a second person with a registered business number asks to join and the admin gets the mail;
// a taken address is refused naming no organisation; forged, used and expired links get a Korean page.
import crypto from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { db } from "./fixtures";
import { signIn } from "./helpers";
import { linkIn, waitForMail } from "./mailbox";
import { seededDataDir, startServer, stopServer } from "./server-process";

const STRONG = "blue-river-7-lamp";
const BASE = Number(process.env.E2E_PORT ?? 3100);
const run = crypto.randomBytes(3).toString("hex");
const address = (who: string) => `${who}-${run}@signup.kr`;

type Company = { kind: "도입기업" | "공급기업"; businessNumber: string; companyName: string; email: string; name?: string };

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** Fills and sends the sign-up form from the sign-in page's link. */
async function signUp(page: Page, company: Company) {
  await page.goto("/login");
  await page.getByRole("link", { name: "회원가입" }).click();
  await expect(page.getByRole("heading", { name: "회원가입", level: 1 })).toBeVisible();
  await page.getByRole("radio", { name: new RegExp(`^${company.kind}`) }).check();
  await page.getByLabel("사업자등록번호").fill(company.businessNumber);
  await page.getByLabel("기업명").fill(company.companyName);
  await page.getByLabel("대표자").fill("홍대표");
  await page.getByLabel("소재지 시·도").selectOption("경기도");
  await page.getByLabel("주소", { exact: true }).fill("경기도 수원시 영통구 광교로 1");
  await page.getByLabel("담당자 이름").fill(company.name ?? "김담당");
  await page.getByLabel("연락처").fill("031-555-0100");
  await page.getByLabel("이메일").fill(company.email);
  await page.getByLabel("비밀번호", { exact: true }).fill(STRONG);
  await page.getByLabel("비밀번호 확인").fill(STRONG);
  await page.getByRole("button", { name: "가입하기" }).click();
}

/** The confirmation link mailed to `email`, as a path on this server. */
async function confirmationPath(email: string): Promise<string> {
  const mail = await waitForMail(email, (m) => m.subject.includes("메일 주소를 확인해 주세요"));
  expect(mail.text).toContain("24시간");
  return new URL(linkIn(mail, "/confirm-email/")).pathname;
}

async function confirmByLink(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole("button", { name: "메일 주소 확인하기" }).click();
}

test("a new manufacturer signs up, is held on the confirm page, confirms by the mailed link and drafts a ticket", async ({ browser }) => {
  const page = await freshPage(browser);
  const email = address("maker");
  // a wrong checksum first: the domain's message, nothing created
  await signUp(page, { kind: "도입기업", businessNumber: "123-45-67890", companyName: "새봄정밀(주)", email });
  await expect(page.getByText("사업자등록번호가 올바르지 않습니다.", { exact: false })).toBeVisible();
  await page.getByLabel("사업자등록번호").fill("120-86-00007");
  await page.getByLabel("비밀번호", { exact: true }).fill(STRONG);
  await page.getByLabel("비밀번호 확인").fill(STRONG);
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page).toHaveURL(/\/confirm-email$/);
  await expect(page.getByRole("heading", { name: "메일 주소를 확인해 주세요" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  // nothing else before the address is confirmed
  await page.goto("/tickets/new");
  await expect(page).toHaveURL(/\/confirm-email$/);
  const user = db().prepare(`SELECT isAdmin, emailVerifiedAt, status FROM User WHERE email = ?`).get(email) as Record<string, unknown>;
  expect(user).toMatchObject({ isAdmin: 1, emailVerifiedAt: null, status: "active" });

  const path = await confirmationPath(email);
  await confirmByLink(page, path);
  await expect(page).not.toHaveURL(/confirm-email/);
  await expect(page.getByText("메일 주소를 확인했습니다.")).toBeVisible();

  await page.goto("/tickets/new");
  const suppliers = await page.getByLabel("공급기업").locator("option").allTextContents();
  expect(suppliers).toContain("(주)넥스트엠이에스");
  expect(suppliers).not.toContain("(주)한빛오토메이션"); // vendor3: awaiting the Technopark's approval
  await page.getByLabel("프로그램 수정·개선", { exact: true }).check();
  await page.getByLabel("공급기업").selectOption({ label: "(주)넥스트엠이에스" });
  await page.getByLabel("제목").fill("가입 후 첫 과제");
  await page.getByLabel("문제 현황").fill("POP 화면의 불량 코드가 부족합니다.");
  await page.getByLabel("기대 효과(요청 결과)").fill("불량 코드 추가");
  await page.getByLabel("요청 항목 1 내용").fill("불량 유형 코드 추가");
  await page.getByLabel("항목 1 지원유형").selectOption("util_program");
  await page.getByRole("button", { name: "작성중으로 저장" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("가입 후 첫 과제");

  // the link worked once
  const again = await page.goto(path);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "이미 사용했거나 더 이상 쓸 수 없는 확인 링크입니다" })).toBeVisible();
  await expect(page.getByRole("link", { name: "새 확인 링크 받기" })).toBeVisible();
});

test("a new supplier confirms and sees 승인 대기; no manufacturer can name it", async ({ browser }) => {
  const page = await freshPage(browser);
  const email = address("vendor");
  await signUp(page, { kind: "공급기업", businessNumber: "220-81-52514", companyName: `새싹솔루션${run}(주)`, email });
  await expect(page).toHaveURL(/\/confirm-email$/);
  await confirmByLink(page, await confirmationPath(email));
  await expect(page).toHaveURL(/\/pending$/);
  await expect(page.getByRole("heading", { name: "승인 대기" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("운영기관(테크노파크)이 검토하고 있습니다");
  await page.goto("/tickets");
  await expect(page).toHaveURL(/\/pending$/);

  const maker = await freshPage(browser);
  await signIn(maker, "maker2@demo.kr");
  await maker.goto("/tickets/new");
  const suppliers = await maker.getByLabel("공급기업").locator("option").allTextContents();
  expect(suppliers).toContain("(주)넥스트엠이에스");
  expect(suppliers).not.toContain(`새싹솔루션${run}(주)`);
});

test("the demo supplier awaiting approval signs in to 승인 대기; the sign-in page lists every demo account", async ({ page }) => {
  await page.goto("/login");
  const listed = page.getByTestId("demo-accounts");
  for (const email of ["maker1", "maker2", "maker3", "vendor1", "vendor2", "vendor3", "monitor"])
    await expect(listed).toContainText(`${email}@demo.kr`);
  await page.getByLabel("이메일").fill("vendor3@demo.kr");
  await page.getByLabel("비밀번호").fill("demo1234!");
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).toHaveURL(/\/pending$/);
  await expect(page.getByRole("status")).toContainText("(주)한빛오토메이션");
});

test("a registered business number: a join request, the admin is mailed; a taken address names no organisation", async ({ browser }) => {
  const page = await freshPage(browser);
  const email = address("colleague");
  // maker1's company (대성정밀 in the demo data) by its number, under another name
  const maker1 = db()
    .prepare(`SELECT o.name, o.businessNumber FROM User u JOIN Organization o ON o.id = u.organizationId WHERE u.email = 'maker1@demo.kr'`)
    .get() as {
    name: string;
    businessNumber: string;
  };
  const orgs = () => (db().prepare(`SELECT COUNT(*) AS n FROM Organization`).get() as { n: number }).n;
  const before = orgs();
  await signUp(page, { kind: "도입기업", businessNumber: maker1.businessNumber, companyName: "아무 회사", email, name: "이동료" });
  await expect(page).toHaveURL(/\/confirm-email$/);
  expect(orgs()).toBe(before);
  expect(db().prepare(`SELECT status, isAdmin FROM User WHERE email = ?`).get(email)).toEqual({ status: "pending_join", isAdmin: 0 });
  await confirmByLink(page, await confirmationPath(email));
  await expect(page).toHaveURL(/\/pending$/);
  await expect(page.getByRole("status")).toContainText(`${maker1.name} 가입 요청`);
  const mail = await waitForMail("maker1@demo.kr", (m) => m.subject.includes("가입 요청"));
  expect(mail.text).toContain("이동료");
  expect(mail.text).toContain(email);
  expect(new URL(linkIn(mail, "/organization")).pathname).toBe("/organization");

  // the same address again, with a new company: refused, a reset link, no organisation named
  const second = await freshPage(browser);
  await signUp(second, { kind: "공급기업", businessNumber: "105-81-00018", companyName: "다른회사(주)", email: "MAKER1@demo.kr" });
  await expect(second.getByText("이미 가입된 이메일입니다.")).toBeVisible();
  await expect(second.getByRole("link", { name: "비밀번호 재설정" })).toHaveAttribute("href", "/forgot-password");
  expect(await second.content()).not.toContain(maker1.name);
  expect(orgs()).toBe(before);
});

test("forged and expired confirmation links are refused on a Korean page that offers a new link", async ({ browser }) => {
  const page = await freshPage(browser);
  const forgedPath = `/confirm-email/${crypto.randomBytes(32).toString("base64url")}`;
  const forged = await page.goto(forgedPath);
  expect(forged?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "올바른 확인 링크가 아닙니다" })).toBeVisible();
  // pressing the button of a forged link (a form posted by hand): refused in Korean, nothing confirmed
  const posted = await page.request.post(forgedPath, { headers: { Origin: new URL(page.url()).origin }, form: {} });
  expect(posted.status()).toBe(400);
  expect(await posted.text()).toContain("올바른 확인 링크가 아닙니다");
  const malformed = await page.goto("/confirm-email/%27%20OR%201=1--");
  expect(malformed?.status()).toBe(404);

  const email = address("late");
  await signUp(page, { kind: "도입기업", businessNumber: "214-86-00016", companyName: "늦은회사(주)", email });
  await expect(page).toHaveURL(/\/confirm-email$/);
  const path = await confirmationPath(email);
  const hash = crypto.createHash("sha256").update(path.split("/").at(-1)!).digest("hex");
  // the link's 24 hours are over: its expiry moved back to its creation
  expect(db().prepare(`UPDATE EmailToken SET expiresAt = createdAt WHERE tokenHash = ?`).run(hash).changes).toBe(1);
  const expired = await page.goto(path);
  expect(expired?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "확인 링크의 유효 시간이 지났습니다" })).toBeVisible();
  // a new link from the confirm page (signed in since the sign-up), and it works
  await page.getByRole("link", { name: "새 확인 링크 받기" }).click();
  await page.getByRole("button", { name: "확인 메일 다시 받기" }).click();
  await expect(page.getByRole("status")).toContainText("확인 메일을 다시 보냈습니다");
  const fresh = await waitForMail(email, (m) => new URL(linkIn(m, "/confirm-email/")).pathname !== path);
  await confirmByLink(page, new URL(linkIn(fresh, "/confirm-email/")).pathname);
  await expect(page.getByText("메일 주소를 확인했습니다.")).toBeVisible();
  await page.goto("/tickets/new");
  await expect(page.getByLabel("공급기업")).toBeVisible();
});

test("with DEMO_MODE=off the sign-in page lists no demo account, even though they exist", async ({ page }) => {
  const port = BASE + 80;
  const server = await startServer({ port, dataDir: seededDataDir(port), env: { DEMO_MODE: "off" } });
  try {
    await page.goto(`http://localhost:${port}/login`);
    await expect(page.getByRole("heading", { name: "로그인" })).toBeVisible();
    await expect(page.getByRole("link", { name: "회원가입" })).toBeVisible();
    await expect(page.getByTestId("demo-accounts")).toHaveCount(0);
    expect(await page.content()).not.toContain("@demo.kr");
  } finally {
    await stopServer(server);
  }
});

test("a deactivated organisation's member: the old cookie is dead and sign-in is refused in Korean; a removed member likewise", async ({
  browser,
}) => {
  const before = await freshPage(browser);
  await signIn(before, "vendor2@demo.kr");
  const orgId = (db().prepare(`SELECT organizationId AS id FROM User WHERE email = 'vendor2@demo.kr'`).get() as { id: string }).id;
  db().prepare(`UPDATE Organization SET status = 'deactivated' WHERE id = ?`).run(orgId);
  try {
    await before.goto("/tickets");
    await expect(before).toHaveURL(/\/login/);
    const page = await freshPage(browser);
    await page.goto("/login");
    await page.getByLabel("이메일").fill("vendor2@demo.kr");
    await page.getByLabel("비밀번호").fill("demo1234!");
    await page.getByRole("button", { name: "로그인" }).click();
    await expect(page.getByRole("alert")).toContainText("비활성화된 조직입니다.");
    await expect(page).toHaveURL(/\/login/);
  } finally {
    db().prepare(`UPDATE Organization SET status = 'active' WHERE id = ?`).run(orgId);
  }
  db().prepare(`UPDATE User SET status = 'removed' WHERE email = 'vendor2@demo.kr'`).run();
  try {
    const page = await freshPage(browser);
    await page.goto("/login");
    await page.getByLabel("이메일").fill("vendor2@demo.kr");
    await page.getByLabel("비밀번호").fill("demo1234!");
    await page.getByRole("button", { name: "로그인" }).click();
    await expect(page.getByRole("alert")).toContainText("조직에서 제외된 계정입니다.");
  } finally {
    db().prepare(`UPDATE User SET status = 'active' WHERE email = 'vendor2@demo.kr'`).run();
  }
});
