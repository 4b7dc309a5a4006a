// The external evaluator and the cost-accounting agency (issue 16, item 1; ADR 029) in a real Chromium against
// the production build, mail delivered to the real SMTP sink: the TP registers an agency and invites its
// person, who joins by the mailed link, is assigned a ticket, declares no conflict of interest first and
// then sees only its step's pages; the evaluator of ticket A reads nothing of ticket B, nor A's other pages,
// nor a file that is not of its step; the agency cannot see the evaluation; unassigned, the access ends.
import { expect, test, type Page } from "@playwright/test";
import { addApplicationDocuments, db, ticket } from "./fixtures";
import { signIn } from "./helpers";
import { linkIn, waitForMail } from "./mailbox";
import { AS } from "./demo-numbers";

const NEW_PASSWORD = "푸른-소나무-아래-2026!";

function organizationName(id: string): string {
  return (db().prepare(`SELECT name FROM Organization WHERE id = ?`).get(id) as { name: string }).name;
}

function assignmentOf(ticketId: string, role: string) {
  return db().prepare(`SELECT * FROM TicketAssignment WHERE ticketId = ? AND role = ? ORDER BY assignedAt DESC LIMIT 1`).get(ticketId, role) as {
    endedAt: string | null;
    endReason: string | null;
    conflictDeclaredAt: string | null;
    conflictStatement: string | null;
  };
}

/** The status of a GET with the page's cookies (no redirect followed). */
async function statusOf(page: Page, path: string): Promise<number> {
  return (await page.request.get(path, { maxRedirects: 0 })).status();
}

async function tabs(page: Page): Promise<string[]> {
  return page.getByTestId("ticket-pages").getByRole("link").allInnerTexts();
}

/** Opens the ticket: the declaration comes first; declares no conflict and lands on the overview. */
async function declareNoConflict(page: Page, ticketId: string) {
  await page.goto(`/tickets/${ticketId}`);
  await expect(page).toHaveURL(new RegExp(`/tickets/${ticketId}/conflict$`));
  await page.getByLabel("위 내용을 확인했으며 사실과 같습니다.").check();
  await page.getByRole("button", { name: "이해충돌 없음 확인" }).click();
  await expect(page.getByTestId("flash").getByText("이해충돌이 없음을 확인했습니다.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/tickets/${ticketId}$`));
}

test("the TP registers an agency and invites its person, who joins, is assigned, declares first and sees only its step", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "monitor@demo.kr");
  await page.goto("/admin/organizations");
  await page.getByRole("link", { name: "외부전문가·원가계산기관 등록 및 초대" }).click();
  await page.getByLabel("원가계산기관 (원가적정성 검토)").check();
  await page.getByLabel("기관명(또는 전문가 이름)").fill("이투이원가계산센터");
  await page.getByLabel("사업자등록번호").fill("220-81-37513");
  await page.getByLabel("소재지 시·도").selectOption("경기도");
  await page.getByLabel("주소").fill("경기도 수원시 영통구 광교로 1");
  await page.getByLabel("첫 담당자 이메일").fill("Agency@E2E.kr");
  await page.getByRole("button", { name: "등록하고 초대 메일 보내기" }).click();
  await expect(page.getByText("이투이원가계산센터를 등록하고 agency@e2e.kr에 관리자 초대 메일을 보냈습니다.")).toBeVisible();
  // 기관 관리 lists it with its kind
  await page.goto("/admin/organizations");
  await expect(page.locator('[data-organization="2208137513"]')).toContainText("원가계산기관");

  const mail = await waitForMail("agency@e2e.kr");
  expect(mail.text).toContain("이투이원가계산센터");
  const context = await browser.newContext();
  const agency = await context.newPage();
  await agency.goto(linkIn(mail, "/invitations/"));
  await agency.getByLabel("이름").fill("원가담당");
  await agency.getByLabel("연락처").fill("010-5555-0202");
  await agency.getByLabel("비밀번호", { exact: true }).fill(NEW_PASSWORD);
  await agency.getByLabel("비밀번호 확인").fill(NEW_PASSWORD);
  await agency.getByRole("button", { name: "가입하고 시작하기" }).click();
  await expect(agency).not.toHaveURL(/\/invitations\//);
  const person = db().prepare(`SELECT role, isAdmin FROM User WHERE email = 'agency@e2e.kr'`).get();
  expect(person).toEqual({ role: "cost_agency", isAdmin: 1 });
  // nothing assigned yet: no ticket
  const t10 = ticket(`${AS}0010`);
  expect(await statusOf(agency, `/tickets/${t10.id}`)).toBe(404);

  // the TP assigns it to 수행계획서 제출 AS-…-0010
  await page.goto(`/tickets/${t10.id}/experts`);
  const section = page.getByRole("region", { name: "원가계산기관 (원가적정성 검토)" });
  await section.getByLabel("원가계산기관", { exact: true }).selectOption({ label: "이투이원가계산센터" });
  await section.getByRole("button", { name: "배정하기" }).click();
  await expect(page.getByText("원가계산기관을 배정했습니다. 담당 기관에 알렸습니다.")).toBeVisible();
  await expect(page.locator('[data-assignment="cost_agency"]')).toContainText("이해충돌 확인 전");

  // the person opens the ticket: the declaration first, naming both companies
  await agency.goto("/tickets");
  await expect(agency.getByTestId("ticket-list").locator("[data-ticket-number]")).toHaveCount(1);
  await agency.goto(`/tickets/${t10.id}`);
  await expect(agency).toHaveURL(new RegExp(`/tickets/${t10.id}/conflict$`));
  const statement = agency.getByTestId("conflict-statement");
  await expect(statement).toContainText(
    `도입기업 ${organizationName(t10.manufacturerId)} 및 공급기업 ${organizationName(t10.supplierId)}과 이해관계가 없으며`, // (주)스마트팩토리솔루션과
  );
  // any other page of the ticket sends it back here
  await agency.goto(`/tickets/${t10.id}/quote`);
  await expect(agency).toHaveURL(new RegExp(`/tickets/${t10.id}/conflict$`));
  // the box is required
  await agency.getByRole("button", { name: "이해충돌 없음 확인" }).click();
  await expect(agency.getByText("위 내용을 확인했다면 확인란에 표시해 주세요.")).toBeVisible();
  const shown = await statement.textContent();
  await declareNoConflict(agency, t10.id);
  const declared = assignmentOf(t10.id, "cost_agency");
  expect(declared.conflictDeclaredAt).not.toBeNull();
  expect(declared.conflictStatement).toBe(shown);

  // only its step's pages
  expect(await tabs(agency)).toEqual(["개요", "견적", "수행계획서", "원가적정성 검토"]);
  await agency.goto(`/tickets/${t10.id}/quote`);
  await expect(agency.getByRole("heading", { level: 1 })).toContainText(`${AS}0010`);
  for (const step of ["documents", "questions", "work-logs", "agreement", "payment", "evaluation", "completion", "experts", "extension"]) {
    expect(await statusOf(agency, `/tickets/${t10.id}/${step}`), step).toBe(404);
  }
  await context.close();
});

test("an evaluator of ticket A reads nothing of ticket B, nor A's other pages or files; an agency cannot see the evaluation; unassigned, access ends", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const a = ticket(`${AS}0005`); // 현장평가, assigned to evaluator@demo.kr in the demo
  const b = ticket(`${AS}0006`); // 원가적정성 검토, assigned to cost@demo.kr
  addApplicationDocuments(`${AS}0005`);
  addApplicationDocuments(`${AS}0006`);
  const fileOf = (ticketId: string) =>
    (db().prepare(`SELECT fileId FROM ApplicationDocument WHERE ticketId = ? LIMIT 1`).get(ticketId) as { fileId: string }).fileId;

  await signIn(page, "evaluator@demo.kr");
  // before the declaration not even its own documents
  expect(await statusOf(page, `/files/${fileOf(a.id)}`)).toBe(404);
  await declareNoConflict(page, a.id);
  expect(await tabs(page)).toEqual(["개요", "신청서류", "현장평가"]);
  // the overview shows no part of the other steps
  await expect(page.getByRole("heading", { name: "작업일지" })).toHaveCount(0);
  await page.goto(`/tickets/${a.id}/documents`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${AS}0005`);
  expect(await statusOf(page, `/files/${fileOf(a.id)}`)).toBe(200);
  for (const path of [
    `/tickets/${a.id}/work-logs`,
    `/tickets/${a.id}/agreement`,
    `/tickets/${a.id}/questions`,
    `/tickets/${a.id}/quote`,
    `/tickets/${a.id}/payment`,
    `/tickets/${a.id}/cost-review`,
    `/tickets/${b.id}`,
    `/tickets/${b.id}/documents`,
    `/tickets/${b.id}/evaluation`,
    `/files/${fileOf(b.id)}`,
  ]) {
    expect(await statusOf(page, path), path).toBe(404);
  }
  // a step outside its pages is refused on post too (nothing changes)
  const before = a.version;
  const post = await page.request.post(`/tickets/${a.id}/questions`, {
    form: { subject: "x", body: "y" },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(404);
  expect(ticket(`${AS}0005`).version).toBe(before + 1); // the declaration's change only

  // the agency: its ticket's evaluation, documents and files are not its step, nor is the other ticket
  const context = await browser.newContext();
  const agency = await context.newPage();
  await signIn(agency, "cost@demo.kr");
  await declareNoConflict(agency, b.id);
  for (const path of [`/tickets/${b.id}/evaluation`, `/tickets/${b.id}/documents`, `/files/${fileOf(b.id)}`, `/tickets/${a.id}/evaluation`]) {
    expect(await statusOf(agency, path), path).toBe(404);
  }
  await context.close();

  // the TP unassigns the evaluator: its access ends at once
  const monitor = await browser.newPage();
  await signIn(monitor, "monitor@demo.kr");
  await monitor.goto(`/tickets/${a.id}/experts`);
  await monitor.locator('[data-assignment="evaluator"]').getByRole("button", { name: "배정 해제" }).click();
  await expect(monitor.getByText("배정을 해제했습니다.")).toBeVisible();
  expect(assignmentOf(a.id, "evaluator")).toMatchObject({ endReason: "unassigned" });
  expect(await statusOf(page, `/tickets/${a.id}`)).toBe(404);
  expect(await statusOf(page, `/files/${fileOf(a.id)}`)).toBe(404);
  await monitor.close();
});

test("declaring a conflict ends the assignment and tells the TP", async ({ page, browser }) => {
  const a = ticket(`${AS}0005`);
  // the TP assigns the evaluator again (the test before unassigned it)
  const monitor = await browser.newPage();
  await signIn(monitor, "monitor@demo.kr");
  await monitor.goto(`/tickets/${a.id}/experts`);
  const section = monitor.getByRole("region", { name: "외부전문가 (현장평가)" });
  await section.getByLabel("외부전문가", { exact: true }).selectOption({ label: "한국스마트제조평가원" });
  await section.getByLabel("담당자 (선택)").selectOption({ label: "한도윤" });
  await section.getByRole("button", { name: "배정하기" }).click();
  await expect(monitor.locator('[data-assignment="evaluator"]')).toContainText("한국스마트제조평가원 (한도윤)");

  await signIn(page, "evaluator@demo.kr");
  await page.goto(`/tickets/${a.id}`);
  await page.getByRole("button", { name: "이해관계가 있어 맡을 수 없습니다" }).click();
  await expect(page.getByText("이해관계가 있음을 운영기관에 알렸습니다. 이 과제의 배정이 종료되었습니다.")).toBeVisible();
  await expect(page).toHaveURL(/\/tickets$/);
  expect(assignmentOf(a.id, "evaluator")).toMatchObject({ endReason: "unassigned", conflictDeclaredAt: null });
  expect(await statusOf(page, `/tickets/${a.id}`)).toBe(404);
  await monitor.goto("/notifications");
  await expect(monitor.getByText(/이해관계가 있다고 알려 배정이 종료되었습니다/).first()).toBeVisible();
  await monitor.close();
});

test("sign-up offers neither the evaluator nor the agency, and a forged post of either kind is refused in Korean", async ({ page }) => {
  await page.goto("/signup");
  const kinds = page.getByRole("group", { name: "기업 구분" }).getByRole("radio");
  expect(await kinds.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))).toEqual(["manufacturer", "supplier"]);
  const origin = new URL(page.url()).origin;
  for (const kind of ["evaluator", "cost_agency"]) {
    const response = await page.request.post("/signup", {
      headers: { Origin: origin },
      form: {
        kind,
        businessNumber: "123-81-40624",
        companyName: "가짜평가원",
        representative: "홍길동",
        region: "경기도",
        address: "경기도 어딘가",
        name: "홍길동",
        email: `${kind}@fake.kr`,
        phone: "010-1234-5678",
        password: NEW_PASSWORD,
        passwordConfirm: NEW_PASSWORD,
      },
      maxRedirects: 0,
    });
    expect(response.status(), kind).toBe(400);
    expect(await response.text()).toContain("도입기업 또는 공급기업을 선택해 주세요.");
  }
  expect(db().prepare(`SELECT COUNT(*) AS n FROM Organization WHERE businessNumber = '1238140624'`).get()).toEqual({ n: 0 });
});
