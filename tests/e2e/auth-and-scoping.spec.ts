import { expect, test } from "@playwright/test";
import { listedTicketNumbers, signIn } from "./helpers";
import { ticket } from "./fixtures";
import { AS } from "./demo-numbers";

// What each demo account may see, from the seed (prisma/seed.ts):
// maker1 (한빛정밀): 0001 0002 0007 0011; maker2 (대성플라스틱): 0003 (draft) 0004 0008 0010;
// vendor1 (스마트팩토리솔루션): 0001 0005 0007 0009 0010 (0003 is a draft: hidden);
// vendor2 (넥스트엠이에스): 0002 0004 0006 0008 0011; monitor: every non-draft ticket.
const n = (...xs: number[]) => xs.map((x) => `${AS}${String(x).padStart(4, "0")}`).sort();
const EXPECTED: Record<string, string[]> = {
  "maker1@demo.kr": n(1, 2, 7, 11),
  "maker2@demo.kr": n(3, 4, 8, 10, 14),
  "vendor1@demo.kr": n(1, 5, 7, 9, 10),
  "vendor2@demo.kr": n(2, 4, 6, 8, 11, 13, 14),
  "monitor@demo.kr": n(1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14),
};

test("the sign-in page speaks Korean", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "로그인" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
});

test("signed-out access redirects to /login and back after sign-in", async ({ page }) => {
  await page.goto("/tickets?state=in_progress");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Ftickets%3Fstate%3Din_progress/);
  await page.getByLabel("이메일").fill("maker1@demo.kr");
  await page.getByLabel("비밀번호").fill("demo1234!");
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).toHaveURL(/\/tickets\?state=in_progress/);
  await expect(page.getByTestId("ticket-list").locator("[data-ticket-number]")).toHaveCount(1);
});

test("a wrong password shows the Korean message without saying which part was wrong", async ({ page }) => {
  for (const email of ["maker1@demo.kr", "nobody@demo.kr"]) {
    await page.goto("/login");
    await page.getByLabel("이메일").fill(email);
    await page.getByLabel("비밀번호").fill("wrong-password");
    await page.getByRole("button", { name: "로그인" }).click();
    await expect(page.getByRole("alert")).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");
    await expect(page).toHaveURL(/\/login/);
  }
});

for (const [email, expected] of Object.entries(EXPECTED)) {
  test(`${email} sees exactly its own tickets`, async ({ page }) => {
    await signIn(page, email);
    expect(await listedTicketNumbers(page)).toEqual(expected);
  });
}

test("a foreign ticket URL is 404 and shows none of its data", async ({ page, browser }) => {
  // vendor2 learns the id of one of its tickets (AS-…-0006, 미래식품 × 넥스트엠이에스)…
  await signIn(page, "vendor2@demo.kr");
  await page.goto(`/tickets?q=${AS}0006`);
  await page.getByRole("link", { name: `${AS}0006` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("냉장 창고 온도 센서");
  const foreignUrl = new URL(page.url()).pathname;

  // …which vendor1 and maker1 must not be able to open.
  for (const email of ["vendor1@demo.kr", "maker1@demo.kr"]) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, email);
    const response = await other.goto(foreignUrl);
    expect(response?.status()).toBe(404);
    await expect(other.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
    await expect(other.locator("body")).not.toContainText("냉장 창고 온도 센서");
    // the data route used by client-side navigation refuses as well
    const data = await other.request.get(`${foreignUrl}.data`);
    expect(data.status()).toBe(404);
    expect(await data.text()).not.toContain("냉장 창고 온도 센서");
    await context.close();
  }
});

test("the monitor opens a ticket with its amounts in won and dates in Korean", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  await page.goto(`/tickets?q=${AS}0008`);
  await page.getByRole("link", { name: `${AS}0008` }).click();
  // quote 30,000,000 · verified 28,000,000 → agreed 28,000,000 · subsidy 14,000,000 · share 14,000,000
  const amounts = page.getByTestId("amounts");
  await expect(amounts).toContainText("30,000,000원");
  await expect(amounts).toContainText("28,000,000원");
  await expect(amounts).toContainText("14,000,000원");
  await expect(amounts).toContainText(/\d{4}년 \d{1,2}월 \d{1,2}일 ~ \d{4}년 \d{1,2}월 \d{1,2}일/);
});

test("signing out deletes the session: the old cookie no longer works", async ({ page, context }) => {
  await signIn(page, "maker2@demo.kr");
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "로그아웃" }).click();
  await expect(page).toHaveURL(/\/login/);
  // replay the old cookie: the session row is gone, so it is refused
  await context.addCookies(cookies);
  await page.goto("/tickets");
  await expect(page).toHaveURL(/\/login/);
});

test("healthz answers after a real query", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("live-update sockets need the same session as the pages", async ({ page, context, baseURL }) => {
  const { io } = await import("socket.io-client");
  const connect = (cookie?: string) =>
    new Promise<string>((resolve) => {
      const socket = io(baseURL!, {
        transports: ["websocket"],
        reconnection: false,
        extraHeaders: { Origin: baseURL!, ...(cookie ? { Cookie: cookie } : {}) },
      });
      socket.on("connect", () => {
        socket.close();
        resolve("connected");
      });
      socket.on("connect_error", (error) => resolve(`refused: ${error.message}`));
    });
  expect(await connect()).toBe("refused: unauthorized");
  await signIn(page, "vendor1@demo.kr");
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  expect(await connect(cookie)).toBe("connected");
  await page.getByRole("button", { name: "로그아웃" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await connect(cookie)).toBe("refused: unauthorized");
});

test("a step page that is not the user's answers 404 under the ticket's own header and menu", async ({ page }) => {
  await signIn(page, "vendor1@demo.kr");
  const id = ticket(`${AS}0001`).id;
  const response = await page.goto(`/tickets/${id}/cost-review`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
  // the layout (header, menu) stays: the person can go on from where they are
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${AS}0001`);
  await expect(page.getByRole("navigation", { name: "과제 메뉴" }).getByRole("link", { name: "개요" })).toBeVisible();
  await page.getByRole("link", { name: "과제 개요로" }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${id}$`));
});

test("after sign-in the browser is sent only to a path on this site, whatever the redirect target hides", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  for (const [target, expected] of [
    ["/\t/evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/.//evil.example", "/"],
    ["//evil.example", "/"],
    ["/tickets?q=AS", "/tickets?q=AS"],
  ]) {
    const response = await api.post("/login", { form: { email: "maker1@demo.kr", password: "demo1234!", redirectTo: target }, maxRedirects: 0 });
    expect(response.status(), JSON.stringify(target)).toBe(302);
    expect(response.headers()["location"], JSON.stringify(target)).toBe(expected);
  }
  await api.dispose();
});
