// Organisation admins and the Technopark side (issue 14, items 2, 3 and 8) in a real Chromium against the
// production build, its mail delivered to a real SMTP sink: an admin invites a colleague who joins by the
// mailed link and sees the organisation's tickets; expired, used and forged links get a Korean page; a
// removed member's cookie and live socket die at once; a member cannot invite and another organisation's
// admin cannot touch our members; the TP approves a pending supplier, which a manufacturer can then name;
// the TP deactivates an organisation and its people's sessions end.
import crypto from "node:crypto";
import bcrypt from "bcryptjs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { db } from "./fixtures";
import { DEMO_PASSWORD, listedTicketNumbers, signIn } from "./helpers";
import { liveClient, sessionCookie } from "./live-client";
import { linkIn, waitForMail } from "./mailbox";

const NEW_PASSWORD = "푸른-소나무-아래-2026!";
const now = () => new Date().toISOString().replace("Z", "+00:00");

function userRow(email: string) {
  return db().prepare(`SELECT id, organizationId, status, isAdmin, emailVerifiedAt, role FROM User WHERE email = ?`).get(email) as
    { id: string; organizationId: string; status: string; isAdmin: number; emailVerifiedAt: string | null; role: string } | undefined;
}

/** A confirmed, signed-up colleague of `colleagueOf`'s organisation (as an accepted invitation leaves one), not an admin. */
function addColleague(colleagueOf: string, email: string): void {
  const org = userRow(colleagueOf)!;
  const id = `us${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
  db()
    .prepare(
      `INSERT INTO User (id, email, name, passwordHash, role, organizationId, isAdmin, emailVerifiedAt, status, createdAt, updatedAt) VALUES (?, ?, '동료직원', ?, ?, ?, 0, ?, 'active', ?, ?)`,
    )
    .run(id, email, bcrypt.hashSync(DEMO_PASSWORD, 10), org.role, org.organizationId, now(), now(), now());
}

async function inviteByPage(page: Page, email: string) {
  await page.goto("/organization");
  await page.getByLabel("초대할 분의 이메일").fill(email);
  await page.getByRole("button", { name: "초대 메일 보내기" }).click();
}

async function acceptByPage(browser: Browser, link: string, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("이름").fill(name);
  await page.getByLabel("연락처").fill("010-5555-0101");
  await page.getByLabel("비밀번호", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("비밀번호 확인").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "가입하고 시작하기" }).click();
  await expect(page).not.toHaveURL(/\/invitations\//);
  return { context, page };
}

test("an admin invites a colleague by e-mail, who joins by the mailed link, is signed in and sees the organisation's tickets", async ({
  page,
  browser,
}) => {
  await signIn(page, "maker1@demo.kr");
  const ownTickets = await listedTicketNumbers(page);
  expect(ownTickets.length).toBeGreaterThan(0);
  await inviteByPage(page, "Colleague@Maker1.kr");
  await expect(page.getByText("colleague@maker1.kr에 초대 메일을 보냈습니다.")).toBeVisible();
  await expect(page.locator('[data-invitation="colleague@maker1.kr"]')).toBeVisible();

  const mail = await waitForMail("colleague@maker1.kr");
  const organizationName = (
    db().prepare(`SELECT o.name FROM Organization o JOIN User u ON u.organizationId = o.id WHERE u.email = 'maker1@demo.kr'`).get() as {
      name: string;
    }
  ).name;
  expect(mail.subject).toContain(organizationName);
  expect(mail.text).toContain(organizationName);
  expect(mail.text).toContain((db().prepare(`SELECT name FROM User WHERE email = 'maker1@demo.kr'`).get() as { name: string }).name);
  expect(mail.text).toContain("7일");
  const link = linkIn(mail, "/invitations/");

  const { context, page: colleague } = await acceptByPage(browser, link, "새동료");
  expect(await listedTicketNumbers(colleague)).toEqual(ownTickets);
  const row = userRow("colleague@maker1.kr")!;
  expect(row).toMatchObject({ status: "active", isAdmin: 0, organizationId: userRow("maker1@demo.kr")!.organizationId });
  expect(row.emailVerifiedAt).not.toBeNull();
  // a member who is not an admin has no 조직 관리 menu and no invitation form
  await expect(colleague.getByRole("link", { name: "조직 관리" })).toHaveCount(0);
  await colleague.goto("/organization");
  await expect(colleague.getByLabel("초대할 분의 이메일")).toHaveCount(0);
  await expect(colleague.getByText("구성원 초대와 제외는 조직 관리자만 할 수 있습니다.")).toBeVisible();

  // the link is single use
  await colleague.goto(link);
  await expect(colleague.getByRole("heading", { name: "이미 사용했거나 취소된 초대 링크입니다" })).toBeVisible();
  await context.close();
});

test("expired, used and forged invitation links are refused with a Korean page; an address with an account is not invited", async ({ page }) => {
  await signIn(page, "maker2@demo.kr");
  await inviteByPage(page, "vendor1@demo.kr");
  await expect(page.getByRole("alert")).toContainText("이미 가입된 이메일입니다");

  await inviteByPage(page, "late@maker2.kr");
  const link = linkIn(await waitForMail("late@maker2.kr"), "/invitations/");
  // a refused password keeps the link usable and says why, in Korean
  await page.goto(link);
  await page.getByLabel("이름").fill("늦은사람");
  await page.getByLabel("연락처").fill("010-1111-2222");
  await page.getByLabel("비밀번호", { exact: true }).fill("password1234");
  await page.getByLabel("비밀번호 확인").fill("password1234");
  await page.getByRole("button", { name: "가입하고 시작하기" }).click();
  await expect(page.getByText("흔히 쓰이거나 추측하기 쉬운 비밀번호입니다.", { exact: false }).first()).toBeVisible();
  await expect(page.getByLabel("이름")).toHaveValue("늦은사람");
  expect(userRow("late@maker2.kr")).toBeUndefined();
  db()
    .prepare(`UPDATE EmailToken SET expiresAt = ? WHERE email = 'late@maker2.kr'`)
    .run(new Date(Date.now() - 60_000).toISOString().replace("Z", "+00:00"));
  const expired = await page.request.get(link);
  expect(expired.status()).toBe(410);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "초대 링크의 유효 기간이 지났습니다" })).toBeVisible();

  const forged = `/invitations/${crypto.randomBytes(32).toString("base64url")}`;
  expect((await page.request.get(forged)).status()).toBe(404);
  await page.goto(forged);
  await expect(page.getByRole("heading", { name: "올바른 초대 링크가 아닙니다" })).toBeVisible();
  await page.goto("/invitations/not-a-token");
  await expect(page.getByRole("heading", { name: "올바른 초대 링크가 아닙니다" })).toBeVisible();
  // posting to a forged link creates nobody
  const response = await page.request.post(forged, {
    headers: { Origin: new URL(page.url()).origin },
    form: { name: "침입자", phone: "010-0000-0000", password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(404);
  expect(userRow("late@maker2.kr")).toBeUndefined();
});

test("a member cannot invite or remove (403) and another organisation's admin cannot manage our members (404)", async ({ baseURL }) => {
  addColleague("maker1@demo.kr", "plain@maker1.kr");
  const member = userRow("plain@maker1.kr")!;
  const post = async (email: string, form: Record<string, string>) =>
    fetch(new URL("/organization", baseURL), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL!, Cookie: await sessionCookie(baseURL!, email) },
      body: new URLSearchParams(form),
      redirect: "manual",
    });
  const invite = await post("plain@maker1.kr", { __step: "invite", intent: "invite", email: "friend@example.kr" });
  expect(invite.status).toBe(403);
  expect(await invite.text()).toContain("조직 관리자만 할 수 있습니다");
  const remove = await post("plain@maker1.kr", { __step: "member", intent: "remove", id: userRow("maker1@demo.kr")!.id });
  expect(remove.status).toBe(403);
  // maker2 is the admin of another organisation: our member does not exist for them
  for (const intent of ["remove", "grant", "hand-over", "revoke"]) {
    const foreign = await post("maker2@demo.kr", { __step: "member", intent, id: member.id });
    expect(foreign.status, intent).toBe(404);
  }
  const foreignPage = await fetch(new URL(`/organization?confirm=remove&id=${member.id}`, baseURL), {
    headers: { Cookie: await sessionCookie(baseURL!, "maker2@demo.kr") },
  });
  expect(await foreignPage.text()).not.toContain("plain@maker1.kr");
  expect(userRow("plain@maker1.kr")).toMatchObject({ status: "active", isAdmin: 0 });
  expect(db().prepare(`SELECT COUNT(*) AS n FROM EmailToken WHERE email = 'friend@example.kr'`).get()).toEqual({ n: 0 });
});

test("removing a member (confirmed without JavaScript) ends their session and live socket at once; their history stays", async ({
  browser,
  baseURL,
}) => {
  addColleague("maker1@demo.kr", "leaving@maker1.kr");
  const leaving = userRow("leaving@maker1.kr")!;
  db()
    .prepare(`INSERT INTO AuditEvent (actorId, action, summary, createdAt) VALUES (?, 'fixture', '(테스트 준비) 남긴 기록', ?)`)
    .run(leaving.id, now());
  const cookie = await sessionCookie(baseURL!, "leaving@maker1.kr");
  const live = await liveClient(baseURL!, "leaving@maker1.kr");
  expect(live.socket.connected).toBe(true);
  const disconnected = new Promise<void>((resolve) => live.socket.on("disconnect", () => resolve()));

  const context = await browser.newContext({ javaScriptEnabled: false });
  const admin = await context.newPage();
  await signIn(admin, "maker1@demo.kr");
  await admin.goto("/organization");
  await admin.locator('[data-member="leaving@maker1.kr"]').getByRole("link", { name: "제외" }).click();
  await expect(admin.getByRole("heading", { name: "동료직원 님을 조직에서 제외할까요?" })).toBeVisible();
  await admin.getByRole("button", { name: "제외하기" }).click();
  await expect(admin).toHaveURL(/\/organization$/);
  await expect(admin.locator('[data-member="leaving@maker1.kr"]')).toHaveCount(0);

  await disconnected;
  expect(live.socket.connected).toBe(false);
  const after = await fetch(new URL("/tickets", baseURL), { headers: { Cookie: cookie }, redirect: "manual" });
  expect(after.status).toBe(302);
  expect(after.headers.get("location")).toMatch(/^\/login/);
  expect(userRow("leaving@maker1.kr")!.status).toBe("removed");
  expect(db().prepare(`SELECT COUNT(*) AS n FROM Session WHERE userId = ?`).get(leaving.id)).toEqual({ n: 0 });
  expect(db().prepare(`SELECT COUNT(*) AS n FROM AuditEvent WHERE actorId = ?`).get(leaving.id)).toEqual({ n: 1 });
  await waitForMail("leaving@maker1.kr", (mail) => mail.subject.includes("계정 사용이 중지되었습니다"));
  live.close();
  await context.close();
});

test("the last admin cannot leave the organisation", async ({ page }) => {
  await signIn(page, "vendor2@demo.kr");
  await page.goto("/organization");
  await page.getByRole("link", { name: "이 조직 떠나기" }).click();
  await page.getByRole("button", { name: "조직 떠나기" }).click();
  await expect(page.getByRole("alert")).toContainText("관리자가 한 명 이상 있어야 합니다");
  expect(userRow("vendor2@demo.kr")).toMatchObject({ status: "active", isAdmin: 1 });
});

/** The pending supplier of the demo data (vendor3@demo.kr's company), or one made here when the demo data has none. */
function pendingSupplier(): { id: string; name: string; email: string } {
  const demo = db()
    .prepare(`SELECT o.id, o.name, u.email FROM Organization o JOIN User u ON u.organizationId = o.id WHERE u.email = 'vendor3@demo.kr'`)
    .get() as { id: string; name: string; email: string } | undefined;
  if (demo) {
    db().prepare(`UPDATE Organization SET status = 'pending' WHERE id = ?`).run(demo.id);
    return demo;
  }
  const id = `or${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
  db()
    .prepare(
      `INSERT INTO Organization (id, kind, name, businessNumber, representative, address, region, status, createdAt, updatedAt) VALUES (?, 'supplier', '(주)한빛오토메이션', '1318640218', '오세훈', '경기도 수원시', '경기도', 'pending', ?, ?)`,
    )
    .run(id, now(), now());
  db()
    .prepare(
      `INSERT INTO User (id, email, name, passwordHash, role, organizationId, isAdmin, emailVerifiedAt, createdAt, updatedAt) VALUES (?, 'vendor3@demo.kr', '오세훈', ?, 'supplier', ?, 1, ?, ?, ?)`,
    )
    .run(`us${id}`, bcrypt.hashSync(DEMO_PASSWORD, 10), id, now(), now(), now());
  return { id, name: "(주)한빛오토메이션", email: "vendor3@demo.kr" };
}

test("the Technopark approves a pending supplier, which a manufacturer can then name on a ticket", async ({ page, browser }) => {
  const supplier = pendingSupplier();
  const makerContext = await browser.newContext();
  const maker = await makerContext.newPage();
  await signIn(maker, "maker2@demo.kr");
  await maker.goto("/tickets/new");
  await expect(maker.getByLabel("공급기업").locator("option", { hasText: supplier.name })).toHaveCount(0);
  // a supplier (and a manufacturer) has no way into the Technopark's page
  expect((await maker.request.get("/admin/organizations")).status()).toBe(404);

  await signIn(page, "monitor@demo.kr");
  await page.getByRole("link", { name: "기관 관리" }).click();
  const row = page.locator("li", { hasText: supplier.name });
  await row.getByRole("button", { name: "승인" }).click();
  await expect(page.getByText(`${supplier.name}의 등록을 승인했습니다.`)).toBeVisible();
  expect(db().prepare(`SELECT status FROM Organization WHERE id = ?`).get(supplier.id)).toEqual({ status: "active" });
  const mail = await waitForMail(supplier.email, (m) => m.subject.includes("승인되었습니다"));
  expect(mail.text).toContain(supplier.name);

  await maker.goto("/tickets/new");
  await expect(maker.getByLabel("공급기업").locator("option", { hasText: supplier.name })).toHaveCount(1);
  await makerContext.close();
});

test("the Technopark deactivates an organisation with a reason: its people's sessions end, its tickets stay", async ({ page, baseURL }) => {
  const cookie = await sessionCookie(baseURL!, "maker3@demo.kr");
  const maker3 = userRow("maker3@demo.kr")!;
  const tickets = db().prepare(`SELECT COUNT(*) AS n FROM Ticket WHERE manufacturerId = ?`).get(maker3.organizationId);
  const name = (db().prepare(`SELECT name FROM Organization WHERE id = ?`).get(maker3.organizationId) as { name: string }).name;

  await signIn(page, "monitor@demo.kr");
  await page.goto("/admin/organizations");
  await page.locator("tr", { hasText: name }).getByRole("link", { name: "비활성화" }).click();
  await page.getByRole("button", { name: "비활성화하기" }).click();
  await expect(page.getByText("사유를 입력해 주세요.").first()).toBeVisible();
  await page.getByLabel("비활성화 사유").fill("폐업 신고 확인");
  await page.getByRole("button", { name: "비활성화하기" }).click();
  await expect(page.getByText(`${name}을 비활성화했습니다.`)).toBeVisible(); // (주)미래식품을

  const after = await fetch(new URL("/tickets", baseURL), { headers: { Cookie: cookie }, redirect: "manual" });
  expect(after.status).toBe(302);
  expect(after.headers.get("location")).toMatch(/^\/login/);
  expect(db().prepare(`SELECT COUNT(*) AS n FROM Session WHERE userId = ?`).get(maker3.id)).toEqual({ n: 0 });
  expect(db().prepare(`SELECT COUNT(*) AS n FROM Ticket WHERE manufacturerId = ?`).get(maker3.organizationId)).toEqual(tickets);
  expect(db().prepare(`SELECT status, statusReason FROM Organization WHERE id = ?`).get(maker3.organizationId)).toEqual({
    status: "deactivated",
    statusReason: "폐업 신고 확인",
  });
  // the Technopark cannot deactivate itself: it is not in its own list, and a direct request is a 404
  const tp = userRow("monitor@demo.kr")!;
  const self = await page.request.post("/admin/organizations", {
    headers: { Origin: baseURL! },
    form: { __step: "deactivate", intent: "deactivate", id: tp.organizationId, reason: "시험" },
    maxRedirects: 0,
  });
  expect(self.status()).toBe(404);
});
