// Notification mail in real browsers against a real server that delivers to an SMTP sink (tests/e2e/mailbox.ts):
// a person who wants 상태 변경 at once gets a real mail after the Technopark's step, whose link opens the
// ticket; after choosing 앱에서만 the next step leaves the bell notification and no mail. The preferences are
// the signed-in person's own: a user id slipped into the form changes nobody else's.
import { expect, test, type Page } from "@playwright/test";
import { cloneSubmittedTicket, db, ticket } from "./fixtures";
import { signIn } from "./helpers";
import { waitForMail } from "./mailbox";
import { AS } from "./demo-numbers";

const FIRST = `${AS}9601`;
const SECOND = `${AS}9602`;

function makerOf(number: string): { id: string; email: string } {
  const t = ticket(number);
  return db().prepare(`SELECT id, email FROM User WHERE organizationId = ? ORDER BY createdAt LIMIT 1`).get(t.manufacturerId) as {
    id: string;
    email: string;
  };
}

async function chooseStatusMode(page: Page, label: "즉시 메일" | "앱에서만") {
  await page.goto("/notifications");
  await page.getByRole("link", { name: "알림 설정" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("알림 설정");
  const group = page.getByRole("group", { name: "상태 변경" });
  await group.getByLabel(label).check();
  await page.getByRole("button", { name: "알림 설정 저장" }).click();
  await expect(page.getByText("알림 설정을 저장했습니다.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("group", { name: "상태 변경" }).getByLabel(label)).toBeChecked();
}

async function startReview(page: Page, number: string) {
  await page.goto(`/tickets/${ticket(number).id}`);
  await page.getByRole("button", { name: "요건검토 시작" }).click();
  await expect(page.getByRole("button", { name: "요건검토 통과" })).toBeVisible();
}

test("즉시 메일 sends a real mail whose link opens the ticket; 앱에서만 stops the mails", async ({ browser }) => {
  test.setTimeout(120_000);
  const firstId = cloneSubmittedTicket(`${AS}0004`, FIRST, "알림 메일 시험 과제 하나");
  cloneSubmittedTicket(`${AS}0004`, SECOND, "알림 메일 시험 과제 둘");
  const maker = makerOf(FIRST);
  const [makerContext, monitorContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  const makerPage = await makerContext.newPage();
  const monitorPage = await monitorContext.newPage();
  await signIn(makerPage, maker.email);
  await signIn(monitorPage, "monitor@demo.kr");

  await chooseStatusMode(makerPage, "즉시 메일");
  await startReview(monitorPage, FIRST);
  const mail = await waitForMail(maker.email, (m) => m.subject.includes(FIRST));
  expect(mail.subject).toContain("상태 변경");
  expect(mail.text).toContain("알림 메일 시험 과제 하나");
  expect(mail.text).toContain("다음 할 일");
  expect(mail.text).toContain("/profile/notifications");
  const link = /https?:\/\/\S+\/tickets\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  expect(link).toBeDefined();
  expect(new URL(link!).pathname).toBe(`/tickets/${firstId}`);
  await makerPage.goto(link!);
  await expect(makerPage.getByRole("heading", { level: 1 })).toContainText(FIRST);

  await chooseStatusMode(makerPage, "앱에서만");
  await startReview(monitorPage, SECOND);
  // the step committed (the page shows it): its mail, if any, would be in the outbox of the same transaction
  const bell = db().prepare(`SELECT kind, mailedAt FROM Notification WHERE userId = ? AND ticketId = ?`).all(maker.id, ticket(SECOND).id) as {
    kind: string;
    mailedAt: string | null;
  }[];
  expect(bell).toEqual([{ kind: "status", mailedAt: null }]);
  const outbox = db().prepare(`SELECT COUNT(*) AS n FROM OutboxMail WHERE toEmail = ? AND subject LIKE ?`).get(maker.email, `%${SECOND}%`) as {
    n: number;
  };
  expect(outbox.n).toBe(0);
  await Promise.all([makerContext.close(), monitorContext.close()]);
});

test("the preferences are the signed-in person's own: a user id in the form changes nobody else's", async ({ page, baseURL }) => {
  const monitorId = (db().prepare(`SELECT id FROM User WHERE email = 'monitor@demo.kr'`).get() as { id: string }).id;
  const vendor = db().prepare(`SELECT id FROM User WHERE email = 'vendor1@demo.kr'`).get() as { id: string };
  await signIn(page, "vendor1@demo.kr");
  const response = await page.request.post("/profile/notifications", {
    headers: { Origin: baseURL! },
    form: { __step: "notification-preferences", my_turn: "app", status: "app", activity: "digest", userId: monitorId },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  const rows = (userId: string) =>
    db().prepare(`SELECT kind, mode FROM NotificationPreference WHERE userId = ? ORDER BY kind`).all(userId) as { kind: string; mode: string }[];
  expect(rows(monitorId)).toEqual([]);
  expect(rows(vendor.id)).toEqual([
    { kind: "activity", mode: "digest" },
    { kind: "my_turn", mode: "app" },
    { kind: "status", mode: "app" },
  ]);
  // a mode that is not one of ours is a Korean refusal, not a 500
  const bad = await page.request.post("/profile/notifications", {
    headers: { Origin: baseURL! },
    form: { __step: "notification-preferences", my_turn: "weekly", status: "app", activity: "app" },
    maxRedirects: 0,
  });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("받는 방법을 고르세요.");
});
