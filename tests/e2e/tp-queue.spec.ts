// The TP queue (issue 15 items 4 and 5, ADR 027) in a real browser against the production build: the
// officer in charge taken and handed over, seen by a colleague; 내 담당; a ticket past the Technopark's
// review target flagged after the target is set on the program page; a saved filter; the empty count
// tiles folded; the phone order of the dashboard; other roles refused on the assignee route.
import crypto from "node:crypto";
import bcrypt from "bcryptjs";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { countsByState, db, ticket } from "./fixtures";
import { AS } from "./demo-numbers";

const COLLEAGUE = { email: "monitor2@demo.kr", name: "김담당" };
const MONITOR_NAME = "윤지혜"; // monitor@demo.kr (app/utils/demo-accounts.ts)

/** A second monitor of the demo Technopark, confirmed and active (an admin would invite one). */
function addColleague() {
  const d = db();
  if (d.prepare(`SELECT id FROM User WHERE email = ?`).get(COLLEAGUE.email)) return;
  const monitor = d.prepare(`SELECT organizationId FROM User WHERE email = 'monitor@demo.kr'`).get() as { organizationId: string };
  const now = new Date().toISOString().replace("Z", "+00:00");
  d.prepare(
    `INSERT INTO User (id, email, name, passwordHash, role, organizationId, createdAt, updatedAt, emailVerifiedAt) VALUES (?, ?, ?, ?, 'monitor', ?, ?, ?, ?)`,
  ).run(
    `us${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`,
    COLLEAGUE.email,
    COLLEAGUE.name,
    bcrypt.hashSync("demo1234!", 10),
    monitor.organizationId,
    now,
    now,
    now,
  );
}

const row = (page: Page, number: string) => page.getByTestId("ticket-list").locator(`[data-ticket-row="${number}"]`);

test.beforeAll(addColleague);

test("a monitor takes a ticket: 내 담당 shows it, a colleague sees the officer, and a hand-over tells the new officer", async ({
  page,
  browser,
}) => {
  const t11 = ticket(`${AS}0011`);
  await signIn(page, "monitor@demo.kr");
  await page.goto(`/tickets/${t11.id}/assignee`);
  await expect(page.getByTestId("assignee-name")).toHaveText("담당자 없음");
  await page.getByRole("button", { name: "내가 담당" }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${t11.id}$`));
  const stored = db().prepare(`SELECT u.email FROM Ticket t JOIN User u ON u.id = t.assigneeId WHERE t.id = ?`).get(t11.id) as { email: string };
  expect(stored.email).toBe("monitor@demo.kr");

  // 내 담당 on the dashboard: this ticket and the demo's AS-…-0006 (prisma/seed.ts), nothing else
  await page.goto("/dashboard");
  await page.getByTestId("queue-filters").getByRole("link", { name: "내 담당" }).click();
  await expect(page).toHaveURL(/assignee=me/);
  await expect(page.getByTestId("ticket-list").locator("tbody tr")).toHaveCount(2);
  await expect(row(page, `${AS}0011`).getByTestId("row-assignee")).toHaveText(MONITOR_NAME);
  await expect(row(page, `${AS}0006`).getByTestId("row-assignee")).toHaveText(MONITOR_NAME);

  // the colleague sees who is in charge, and its own 내 담당 is empty
  const other = await browser.newContext();
  const colleague = await other.newPage();
  await signIn(colleague, COLLEAGUE.email);
  await colleague.goto("/dashboard");
  await expect(row(colleague, `${AS}0011`).getByTestId("row-assignee")).toHaveText(MONITOR_NAME);
  await colleague.goto("/dashboard?assignee=me");
  await expect(colleague.getByText("조건에 맞는 과제가 없습니다.")).toBeVisible();
  await colleague.goto(`/tickets/${t11.id}/assignee`);
  await expect(colleague.getByTestId("assignee-name")).toHaveText(`담당자: ${MONITOR_NAME} (1일째)`);

  // handed over to the colleague: its bell says it is its turn
  await page.goto(`/tickets/${t11.id}/assignee`);
  await page.getByLabel("담당자 지정").selectOption({ label: COLLEAGUE.name });
  await page.getByRole("button", { name: "지정", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${t11.id}$`));
  const bell = db()
    .prepare(`SELECT n.kind FROM Notification n JOIN User u ON u.id = n.userId WHERE u.email = ? AND n.ticketId = ? ORDER BY n.createdAt DESC`)
    .get(COLLEAGUE.email, t11.id) as { kind: string } | undefined;
  expect(bell?.kind).toBe("my_turn");
  await colleague.goto("/dashboard?assignee=me");
  await expect(colleague.getByTestId("ticket-list").locator("tbody tr")).toHaveCount(1);
  await expect(row(colleague, `${AS}0011`).getByTestId("row-assignee")).toHaveText(COLLEAGUE.name);
  await other.close();

  // a stale form (it showed nobody in charge; the colleague is now) is refused in Korean, nothing overwritten
  const refused = await page.request.post(`/tickets/${t11.id}/assignee`, {
    form: { intent: "take", shownAssigneeId: "", __step: "assignee" },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toContain("다른 사용자가 먼저 담당자를 바꾸었습니다");
});

test("a ticket past the program's review target is flagged, and 목표 초과 lists it", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  // the target is the Technopark's own, set with the program: 3 days (91 is refused in Korean)
  const program = ticket(`${AS}0011`).programId;
  await page.goto(`/programs/${program}`);
  const review = page.getByLabel("요건검토 목표 (접수일부터, 일)");
  await expect(review).toHaveValue("7");
  await review.fill("91");
  await page.getByRole("button", { name: "설정 저장" }).click();
  await expect(page.getByText("1일에서 90일 사이의 정수로 입력해 주세요.").first()).toBeVisible();
  await review.fill("3");
  await page.getByRole("button", { name: "설정 저장" }).click();
  await expect(page.getByText("사업 설정을 저장했습니다.")).toBeVisible();
  expect((db().prepare(`SELECT reviewTargetDays FROM Program WHERE id = ?`).get(program) as { reviewTargetDays: number }).reviewTargetDays).toBe(
    3,
  );

  // AS-…-0011 was submitted 7 days ago and waits in 요건검토: 4 days past a 3-day target
  await page.goto("/dashboard");
  const late = row(page, `${AS}0011`);
  await expect(late.getByTestId("tp-target")).toHaveText(/목표 D\+4/);
  await expect(late.getByTestId("tp-target")).toHaveClass(/overdue/);
  await expect(late.getByTestId("tp-wait")).toHaveText("8일째");
  // AS-…-0002 waits on the supplier's plan: no TP wait, no target
  await expect(row(page, `${AS}0002`).getByTestId("tp-wait")).toHaveText("—");
  // AS-…-0005 (현장평가 for 10 days, target 14) is within its target
  await expect(row(page, `${AS}0005`).getByTestId("tp-target")).toHaveText("목표 D-4");
  await expect(row(page, `${AS}0005`).getByTestId("tp-target")).not.toHaveClass(/overdue/);

  await page.getByTestId("queue-filters").getByRole("link", { name: "목표 초과" }).click();
  await expect(page).toHaveURL(/overdue=1/);
  const listed = await page
    .getByTestId("ticket-list")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-ticket-row")));
  expect(listed).toContain(`${AS}0011`);
  expect(listed).not.toContain(`${AS}0005`);
  expect(listed).not.toContain(`${AS}0002`);
  for (const number of listed) await expect(row(page, number!).getByTestId("tp-target")).toHaveClass(/overdue/);
});

test("a saved filter round-trips: saved under a name, opened from its link, deleted", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  await page.goto("/dashboard?assignee=none&overdue=1");
  const saved = page.getByTestId("saved-filters");
  await expect(saved).toContainText("저장한 필터가 없습니다.");
  await saved.getByLabel("현재 필터 저장").fill("담당 없는 지연 건");
  await saved.getByRole("button", { name: "저장" }).click();
  await expect(page.getByText("'담당 없는 지연 건' 필터를 저장했습니다.")).toBeVisible();

  await page.goto("/dashboard");
  await page.getByTestId("saved-filters").getByRole("link", { name: "담당 없는 지연 건" }).click();
  await expect(page).toHaveURL(/\/dashboard\?assignee=none&overdue=1$/);
  await expect(page.getByTestId("queue-filters").getByRole("link", { name: "담당자 없음" })).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("queue-filters").getByRole("link", { name: "목표 초과" })).toHaveAttribute("aria-current", "true");

  // another monitor does not see it
  const rows = db().prepare(`SELECT u.email, f.query FROM SavedFilter f JOIN User u ON u.id = f.userId`).all() as {
    email: string;
    query: string;
  }[];
  expect(rows).toEqual([{ email: "monitor@demo.kr", query: "?assignee=none&overdue=1" }]);

  await page.getByRole("button", { name: "담당 없는 지연 건 필터 삭제" }).click();
  await expect(page.getByText("저장한 필터를 지웠습니다.")).toBeVisible();
  await expect(page.getByTestId("saved-filters")).toContainText("저장한 필터가 없습니다.");
});

test("count tiles with zero are folded away; the active one stays", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  await page.goto("/dashboard");
  const counts = countsByState();
  const tiles = page.getByTestId("state-counts").locator("[data-state]");
  const shown = await tiles.evaluateAll((els) => els.map((el) => [el.getAttribute("data-state"), el.querySelector(".n")?.textContent]));
  expect(shown.length).toBeGreaterThan(0);
  for (const [state, n] of shown) expect(Number(n), `${state}`).toBeGreaterThan(0);
  expect(shown.map(([s]) => s).sort()).toEqual(
    Object.entries(counts)
      .filter(([s, n]) => s !== "draft" && n > 0)
      .map(([s]) => s)
      .sort(),
  );
  // 신청철회 has no ticket: folded into the disclosure, shown when opened
  expect(counts.withdrawn ?? 0).toBe(0);
  const folded = page.getByTestId("empty-counts");
  await expect(folded.locator("[data-state=withdrawn]")).toBeHidden();
  await folded.locator("summary").click();
  await expect(folded.locator("[data-state=withdrawn]")).toBeVisible();
  // filtered on it, its tile stays in view at zero
  await page.goto("/dashboard?state=withdrawn");
  await expect(page.getByTestId("state-counts").locator("[data-state=withdrawn] .n")).toHaveText("0");
});

test("the to-do comes first; on a phone the due lists come before the count tiles and the figures", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  await page.goto("/dashboard");
  const wide = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
  expect(await wide(".dash-todo")).toBeLessThan(await wide(".dash-counts"));
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
  const due = await top(".dash-due");
  // the monitor's own to-do first, then the due lists
  await expect(page.getByTestId("home-todo")).toBeVisible();
  expect(await top(".dash-todo")).toBeLessThan(due);
  expect(due).toBeLessThan(await top(".dash-counts"));
  expect(due).toBeLessThan(await top(".dash-figures"));
  expect(await top(".dash-list")).toBeLessThan(await top(".dash-figures"));
});

test("other roles get 404 on the assignee route, even for their own ticket, and change nothing", async ({ browser }) => {
  const t1 = ticket(`${AS}0001`); // maker1 × vendor1
  for (const email of ["maker1@demo.kr", "vendor1@demo.kr"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    const origin = new URL(page.url()).origin;
    const before = db().prepare(`SELECT assigneeId, version FROM Ticket WHERE id = ?`).get(t1.id);
    const shown = await page.goto(`/tickets/${t1.id}/assignee`);
    expect(shown?.status(), email).toBe(404);
    await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
    const posted = await page.request.post(`/tickets/${t1.id}/assignee`, {
      form: { intent: "take", shownAssigneeId: "" },
      headers: { Origin: origin },
      maxRedirects: 0,
    });
    expect(posted.status(), email).toBe(404);
    expect(db().prepare(`SELECT assigneeId, version FROM Ticket WHERE id = ?`).get(t1.id)).toEqual(before);
    await context.close();
  }
});
