import { expect, test, type Browser } from "@playwright/test";
import { db, ticket } from "./fixtures";
import { signIn } from "./helpers";
import { AS } from "./demo-numbers";

// Issue 17 (ADR 038), in a real browser on the demo data: the supplier saves the execution plan as a draft
// (임시저장) with the official plan form attached — without JavaScript too —, finds it after a reload,
// and submits it; the plan form goes with the version and the TP downloads it. The signed quote is
// attached to a quote version and downloaded by the TP. And the defect: accepting the plan with the
// ticket page's one-click button records the plan as accepted (it stayed 검토 대기). Serial: one database.
test.describe.configure({ mode: "serial" });

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function signedIn(browser: Browser, email: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

/** The bytes the signed-in page's session downloads from a link's address. */
async function downloaded(page: import("@playwright/test").Page, testId: string) {
  const href = await page.getByTestId(testId).getAttribute("href");
  expect(href).toMatch(/^\/files\//);
  const reply = await page.request.get(href!);
  expect(reply.status()).toBe(200);
  return { href: href!, body: await reply.body(), disposition: reply.headers()["content-disposition"] };
}

function seoulToday(offsetDays = 0): string {
  return new Date(Date.now() + 9 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

test(`vendor2 saves the plan of ${AS}0002 as a draft with the plan form (without JavaScript), finds it again, and submits it`, async ({
  browser,
}) => {
  const t = ticket(`${AS}0002`);
  const audits = () => (db().prepare(`SELECT COUNT(*) AS n FROM AuditEvent WHERE ticketId = ?`).get(t.id) as { n: number }).n;
  const before = { audits: audits(), state: t.state, version: t.version };

  // without JavaScript: the plain form, the second button 임시저장
  const noJs = await signedIn(browser, "vendor2@demo.kr", false);
  await noJs.page.goto(`/tickets/${t.id}/plan`);
  await noJs.page.getByLabel("수행 범위").fill("POP 실적 입력 화면 개선 (작성 중)");
  await noJs.page.getByLabel("1번 일정 내용").fill("화면 설계");
  await noJs.page.getByLabel(/^수행계획서 양식/).setInputFiles({ name: "수행계획서 양식.pdf", mimeType: "application/pdf", buffer: PDF });
  await noJs.page.getByRole("button", { name: "임시저장" }).click();
  await expect(noJs.page.getByTestId("plan-draft")).toContainText("임시저장한 수행계획서를 불러왔습니다");
  await noJs.context.close();
  // no state change, no audit line (nobody is told)
  expect({ audits: audits(), state: ticket(`${AS}0002`).state, version: ticket(`${AS}0002`).version }).toEqual(before);
  expect(db().prepare(`SELECT scope, version FROM PlanDraft WHERE ticketId = ?`).get(t.id)).toEqual({
    scope: "POP 실적 입력 화면 개선 (작성 중)",
    version: 1,
  });

  // the TP does not see the draft
  const monitor = await signedIn(browser, "monitor@demo.kr");
  await monitor.page.goto(`/tickets/${t.id}/plan`);
  await expect(monitor.page.getByText("제출된 수행계획서가 없습니다.")).toBeVisible();
  await expect(monitor.page.getByText("POP 실적 입력 화면 개선 (작성 중)")).toHaveCount(0);

  // with JavaScript, later: the draft is there as typed, with its form; completed and submitted
  const vendor = await signedIn(browser, "vendor2@demo.kr");
  await vendor.page.goto(`/tickets/${t.id}/plan`);
  await expect(vendor.page.getByLabel("수행 범위")).toHaveValue("POP 실적 입력 화면 개선 (작성 중)");
  await expect(vendor.page.getByLabel("1번 일정 내용")).toHaveValue("화면 설계");
  await expect(vendor.page.getByText("첨부됨:")).toContainText("수행계획서 양식.pdf");
  await vendor.page.getByLabel("수행 범위").fill("POP 실적 입력 화면 개선, 불량 유형 코드 12종 추가");
  await vendor.page.getByLabel("투입 인력").fill("PM 1명, 개발자 2명");
  await vendor.page.getByLabel("1번 일정 완료 예정일").fill(seoulToday(20));
  await vendor.page.getByLabel("1번 일정 산출물").fill("화면 설계서");
  await vendor.page.getByRole("button", { name: "수행계획서 제출" }).click();
  await expect(vendor.page.getByTestId("flash").first()).toHaveText("수행계획서 1차를 제출했습니다. 운영기관의 검토를 기다립니다.");
  await expect(vendor.page.getByTestId("plan-form-1")).toHaveText("수행계획서 양식.pdf");
  expect(db().prepare(`SELECT COUNT(*) AS n FROM PlanDraft WHERE ticketId = ?`).get(t.id)).toEqual({ n: 0 });
  await vendor.context.close();

  // the TP downloads the form the version carries
  await monitor.page.reload();
  const plan = monitor.page.getByRole("article", { name: "수행계획서 1차" });
  await expect(plan).toContainText("검토 대기");
  const file = await downloaded(monitor.page, "plan-form-1");
  expect(file.body.subarray(0, 5).toString()).toBe("%PDF-");
  await monitor.context.close();
});

test(`vendor2 attaches the signed quote of ${AS}0004; the TP downloads it from the quote history`, async ({ browser }) => {
  const t = ticket(`${AS}0004`);
  const vendor = await signedIn(browser, "vendor2@demo.kr");
  await vendor.page.goto(`/tickets/${t.id}/quote`);
  await vendor.page.getByLabel("1번 항목 내용").fill("MES 4.0 버전업");
  await vendor.page.getByLabel("1번 항목 수량").fill("1");
  await vendor.page.getByLabel("1번 항목 단가").fill("12,000,000");
  await vendor.page.getByRole("button", { name: "견적 저장" }).click();
  await expect(vendor.page.getByTestId("flash").first()).toHaveText(/견적 \d+차를 저장했습니다\./);
  const version = (db().prepare(`SELECT MAX(version) AS v FROM Quote WHERE ticketId = ?`).get(t.id) as { v: number }).v;
  // the paper of that version, signed and scanned, onto it (no new version)
  await vendor.page
    .getByLabel(/^서명·날인된 견적서/)
    .last()
    .setInputFiles({ name: "견적서 서명본.png", mimeType: "image/png", buffer: PNG });
  await vendor.page.getByRole("button", { name: "서명본 첨부" }).click();
  await expect(vendor.page.getByTestId("flash").first()).toHaveText("서명·날인된 견적서를 첨부했습니다.");
  await expect(vendor.page.getByTestId(`quote-signed-${version}`)).toHaveText("견적서 서명본.png");
  expect((db().prepare(`SELECT MAX(version) AS v FROM Quote WHERE ticketId = ?`).get(t.id) as { v: number }).v).toBe(version);
  await vendor.context.close();

  const monitor = await signedIn(browser, "monitor@demo.kr");
  await monitor.page.goto(`/tickets/${t.id}/quote`);
  const file = await downloaded(monitor.page, `quote-signed-${version}`);
  expect(file.body.equals(PNG)).toBe(true);
  expect(file.disposition).toContain("attachment");
  // another ticket's supplier gets the 404 of a file it may not read
  const other = await signedIn(browser, "vendor1@demo.kr");
  expect((await other.page.request.get(file.href)).status()).toBe(404);
  await other.context.close();
  await monitor.context.close();
});

test(`the TP accepts the plan of ${AS}0010 with the ticket page's one-click button: the plan history says 검토 완료`, async ({ browser }) => {
  const t = ticket(`${AS}0010`);
  expect(t.state).toBe("plan_submitted");
  const monitor = await signedIn(browser, "monitor@demo.kr");
  await monitor.page.goto(`/tickets/${t.id}`);
  // the one-click button of the ticket page (its 할 일 box or its action list: both post the same step)
  await monitor.page.getByRole("button", { name: "수행계획서 검토 완료(원가적정성 검토 의뢰)" }).first().click();
  await expect(monitor.page.getByTestId("flash").first()).toBeVisible();
  expect(ticket(`${AS}0010`).state).toBe("cost_review");
  await monitor.page.goto(`/tickets/${t.id}/plan`);
  await expect(monitor.page.locator("article[data-plan-version]").first()).toContainText("검토 완료");
  await expect(monitor.page.getByText("검토 대기")).toHaveCount(0);
  await monitor.context.close();
  // the supplier reads the same
  const vendor = await signedIn(browser, "vendor1@demo.kr");
  await vendor.page.goto(`/tickets/${t.id}/plan`);
  await expect(vendor.page.locator("article[data-plan-version]").first()).toContainText("검토 완료");
  await vendor.context.close();
});
