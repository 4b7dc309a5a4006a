// Eligibility facts are captured at submission (issue 13, item 15; ADR 018): the manufacturer
// submits through the page, then edits its company profile so that it would no longer qualify;
// the monitor's 요건검토 still reads the application as submitted (and its guard lets it pass),
// and lists what changed in the profile since, before → after.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { addApplicationDocuments, ticket } from "./fixtures";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

// 작성중, maker2 (대성플라스틱, 경기도, self-built) × vendor1; the fixture attaches its documents
const NUMBER = `${AS}0003`;

test("the monitor reviews the application as submitted and sees what the company changed since", async ({ browser }) => {
  addApplicationDocuments(NUMBER);
  const id = ticket(NUMBER).id;

  const makerContext = await browser.newContext();
  const maker = await makerContext.newPage();
  await signIn(maker, "maker2@demo.kr");
  await maker.goto(`/tickets/${id}`);
  maker.once("dialog", (dialog) => dialog.accept());
  await maker.getByRole("button", { name: "신청서 제출" }).click();
  await expect(maker.getByTestId("flash").filter({ hasText: "신청서를 제출했습니다." })).toBeVisible();

  // after submitting, the company moves to Seoul and declares itself closed
  await maker.goto("/profile");
  await maker.getByLabel("소재지 시·도").selectOption("서울특별시");
  await maker.getByLabel("휴업 또는 폐업 중").check();
  await maker.getByRole("button", { name: "기업 정보 저장" }).click();
  await expect(maker.getByTestId("flash").filter({ hasText: "기업 정보를 저장했습니다." })).toBeVisible();
  await makerContext.close();

  const page = await browser.newPage();
  await signIn(page, "monitor@demo.kr");
  await page.goto(`/tickets/${id}`);
  await page.getByRole("button", { name: "요건검토 시작" }).click();
  // the guard reads the submitted facts: 요건검토 통과 is offered, with no reason against it
  await expect(page.getByRole("button", { name: "요건검토 통과" })).toBeEnabled();
  await expect(page.locator("#why-pass_review")).toHaveCount(0);

  await page.goto(`/tickets/${id}/review`);
  await expect(page.getByTestId("eligibility")).toHaveText("신청자격 요건을 충족합니다.");
  const application = page.getByTestId("submitted-application");
  await expect(application.locator('[data-field="region"] dd')).toHaveText("경기도");
  await expect(application.locator('[data-field="closedOrSuspended"] dd')).toHaveText("아니요");
  await expect(page.getByTestId("application-source")).toContainText("제출 당시의 회사 정보입니다");

  const changes = page.getByTestId("profile-changes");
  await expect(changes.getByRole("heading", { name: "제출 후 변경된 회사 정보" })).toBeVisible();
  await expect(changes.locator("li[data-field]")).toHaveText(["소재지 시·도: 경기도 → 서울특별시", "휴업 또는 폐업 중: 아니요 → 예"]);
  await expect(changes).toContainText("변경된 현재 회사 정보로는 신청자격 요건을 충족하지 않습니다");
  await expect(changes).toContainText("휴업 또는 폐업 중인 기업은 지원 대상이 아닙니다.");
});

test("a seeded application without changes says so", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  await page.goto(`/tickets/${ticket(`${AS}0011`).id}/review`); // maker1, captured by the seed
  await expect(page.getByTestId("profile-changes")).toHaveText("제출 후 변경된 회사 정보가 없습니다.");
  await expect(page.getByTestId("submitted-application").locator('[data-field="name"] dd')).toHaveText("(주)한빛정밀");
});
