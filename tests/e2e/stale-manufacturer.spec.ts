// No silent overwrite on the manufacturer's data-entry forms: a form opened before someone else's
// change (a real action in another browser context, received as a live update where the page
// has one) is refused with the conflict message on save, keeps what was typed, and leaves the
// other change intact. See stale-forms.ts.
import { expect, test, type Page } from "@playwright/test";
import { addDaysIso, cloneSubmittedTicket, db, seoulToday, ticket } from "./fixtures";
import { changedMeanwhile, expectConflict, flash, personPage } from "./stale-forms";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

const PDF = (label: string) => ({
  name: `${label}.pdf`,
  mimeType: "application/pdf",
  buffer: Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`, "latin1"),
});

/** One file chosen for the upload (ADR 037), its kind, and the issue date where the kind asks for one. */
async function uploadDocument(page: Page, kind: string, label: string) {
  await page.getByLabel("올릴 파일 선택 (여러 개)").setInputFiles(PDF(label));
  await page.getByLabel("서류 종류").selectOption(kind);
  if (kind === "business_registration") await page.getByLabel("발행일").fill(addDaysIso(seoulToday(), -3));
}

const DRAFT = `${AS}0951`;
let draftPath = "";

test.beforeAll(() => {
  draftPath = `/tickets/${cloneSubmittedTicket(`${AS}0001`, DRAFT, "동시 수정 시험 신청", "draft", { submittedAt: null })}`;
});

test("draft edit: a form opened before a colleague's save is refused, keeps the typed values, and the colleague's edit stands", async ({
  browser,
  baseURL,
}) => {
  const first = await personPage(browser, baseURL, "maker1@demo.kr");
  const second = await personPage(browser, baseURL, "maker1@demo.kr");
  await first.goto(`${draftPath}/edit`);
  await first.getByLabel("제목").fill("첫 번째 화면의 제목");
  await first.getByLabel("요청 항목 1 내용").fill("첫 번째 화면의 항목");
  await first.getByLabel("항목 1 지원유형").selectOption("util_program");
  await first.getByRole("button", { name: "항목 추가" }).click();
  await first.getByLabel("요청 항목 4 내용").fill("추가한 항목");
  await first.getByLabel("항목 4 지원유형").selectOption("util_user_support");

  await changedMeanwhile(first, async () => {
    await second.goto(`${draftPath}/edit`);
    await second.getByLabel("제목").fill("동료가 저장한 제목");
    await second.getByLabel("요청 항목 1 내용").fill("동료가 입력한 항목");
    await second.getByLabel("항목 1 지원유형").selectOption("sw_upgrade");
    await second.getByRole("button", { name: "수정 내용 저장" }).click();
    await expect(flash(second).filter({ hasText: "신청서를 저장했습니다." })).toBeVisible();
  });

  await first.getByRole("button", { name: "수정 내용 저장" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("제목")).toHaveValue("첫 번째 화면의 제목");
  await expect(first.getByLabel("요청 항목 1 내용")).toHaveValue("첫 번째 화면의 항목");
  await expect(first.getByLabel("요청 항목 4 내용")).toHaveValue("추가한 항목");
  const id = draftPath.split("/").pop();
  expect((db().prepare(`SELECT title FROM Ticket WHERE id = ?`).get(id) as { title: string }).title).toBe("동료가 저장한 제목");
  expect(db().prepare(`SELECT description FROM RequestedItem WHERE ticketId = ?`).all(id)).toEqual([{ description: "동료가 입력한 항목" }]);
  await first.context().close();
  await second.context().close();
});

test("documents: an upload and a delete opened before a colleague's upload are refused, keep the choices, and the colleague's document stands", async ({
  browser,
  baseURL,
}) => {
  expect(draftPath).not.toBe("");
  const ticketId = draftPath.split("/").pop();
  const count = () => (db().prepare(`SELECT COUNT(*) AS n FROM ApplicationDocument WHERE ticketId = ?`).get(ticketId) as { n: number }).n;
  const first = await personPage(browser, baseURL, "maker1@demo.kr");
  const second = await personPage(browser, baseURL, "maker1@demo.kr");
  await first.goto(`${draftPath}/documents`);
  await uploadDocument(first, "business_registration", "사업자등록증명원");

  await changedMeanwhile(first, async () => {
    await second.goto(`${draftPath}/documents`);
    await uploadDocument(second, "application_form", "신청서");
    await second.getByRole("button", { name: "올리기" }).click();
    await expect(flash(second).filter({ hasText: "스마트공장 AS지원사업 신청서를 올렸습니다." })).toBeVisible();
  });

  await first.getByRole("button", { name: "올리기" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("서류 종류")).toHaveValue("business_registration");
  await expect(first.getByLabel("발행일")).toHaveValue(addDaysIso(seoulToday(), -3));
  expect(count()).toBe(1);

  // the delete button of a page opened before another upload
  await first.reload();
  await expect(first.getByTestId("documents").locator("tbody tr")).toHaveCount(1);
  await changedMeanwhile(first, async () => {
    await uploadDocument(second, "info_use_consent", "정보활용동의서");
    await second.getByRole("button", { name: "올리기" }).click();
    await expect(second.getByTestId("documents").locator("tbody tr")).toHaveCount(2);
  });
  first.once("dialog", (dialog) => dialog.accept());
  await first.getByTestId("documents").getByRole("button", { name: /삭제$/ }).first().click();
  await expectConflict(first);
  expect(count()).toBe(2);
  await first.context().close();
  await second.context().close();
});

test("extension request: a form opened before the supplier's work log is refused, keeps the typed values, and the work log stands", async ({
  browser,
  baseURL,
}) => {
  const { id } = ticket(`${AS}0001`);
  const logs = () => (db().prepare(`SELECT COUNT(*) AS n FROM WorkLog WHERE ticketId = ?`).get(id) as { n: number }).n;
  const before = logs();
  const maker = await personPage(browser, baseURL, "maker1@demo.kr");
  const vendor = await personPage(browser, baseURL, "vendor1@demo.kr");
  await maker.goto(`/tickets/${id}/extension`);
  await maker.getByLabel("연장 기간").selectOption("1");
  await maker.getByLabel("연장 사유").fill("센서 입고 지연으로 한 달 연장이 필요합니다.");

  await changedMeanwhile(maker, async () => {
    await vendor.goto(`/tickets/${id}/work-logs`);
    await vendor.getByLabel("작업 시간(시간)").fill("2");
    await vendor.getByLabel("작업 내용").fill("통신 모듈 점검");
    await vendor.getByRole("button", { name: "작업일지 등록" }).click();
    await expect(flash(vendor).filter({ hasText: "작업일지를 등록했습니다. 도입기업의 확인을 기다립니다." })).toBeVisible();
  });

  await maker.getByRole("button", { name: "연장 신청" }).click();
  await expectConflict(maker);
  await expect(maker.getByLabel("연장 기간")).toHaveValue("1");
  await expect(maker.getByLabel("연장 사유")).toHaveValue("센서 입고 지연으로 한 달 연장이 필요합니다.");
  expect(logs()).toBe(before + 1);
  expect((db().prepare(`SELECT COUNT(*) AS n FROM ExtensionRequest WHERE ticketId = ?`).get(id) as { n: number }).n).toBe(0);
  await maker.context().close();
  await vendor.context().close();
});

test("company profile: a form opened before a colleague's save is refused, keeps the typed values, and the colleague's save stands", async ({
  browser,
  baseURL,
}) => {
  const first = await personPage(browser, baseURL, "maker1@demo.kr");
  const second = await personPage(browser, baseURL, "maker1@demo.kr");
  await first.goto("/profile");
  await first.getByLabel("대표자").fill("첫 번째 화면의 대표자");
  await first.getByLabel("휴업 또는 폐업 중").check();

  // (company changes are not ticket events: no live update to wait for)
  await second.goto("/profile");
  await second.getByLabel("전화번호").fill("031-555-0101");
  await second.getByRole("button", { name: "기업 정보 저장" }).click();
  await expect(flash(second).filter({ hasText: "기업 정보를 저장했습니다." })).toBeVisible();

  await first.getByRole("button", { name: "기업 정보 저장" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("대표자")).toHaveValue("첫 번째 화면의 대표자");
  await expect(first.getByLabel("휴업 또는 폐업 중")).toBeChecked();
  const org = db()
    .prepare(
      `SELECT o.phone, o.representative, o.closedOrSuspended FROM Organization o JOIN User u ON u.organizationId = o.id WHERE u.email = 'maker1@demo.kr'`,
    )
    .get() as {
    phone: string;
    representative: string;
    closedOrSuspended: number;
  };
  expect(org.phone).toBe("031-555-0101");
  expect(org.representative).not.toBe("첫 번째 화면의 대표자");
  expect(org.closedOrSuspended).toBe(0);
  await first.context().close();
  await second.context().close();
});

test("inventory: a system form opened before a colleague's change is refused, keeps the typed values, and the colleague's system stands", async ({
  browser,
  baseURL,
}) => {
  const first = await personPage(browser, baseURL, "maker1@demo.kr");
  const second = await personPage(browser, baseURL, "maker1@demo.kr");
  const systems = (name: string) =>
    (
      db()
        .prepare(
          `SELECT COUNT(*) AS n FROM SmartFactorySystem s JOIN User u ON u.organizationId = s.organizationId WHERE u.email = 'maker1@demo.kr' AND s.name = ?`,
        )
        .get(name) as { n: number }
    ).n;
  await first.goto("/profile/inventory");
  const add = first.getByRole("form", { name: "시스템 추가", exact: true });
  await add.getByLabel("시스템 종류").selectOption("WMS");
  await add.getByLabel("시스템 이름").fill("첫 번째 화면의 WMS");

  await second.goto("/profile/inventory");
  const other = second.getByRole("form", { name: "시스템 추가", exact: true });
  await other.getByLabel("시스템 이름").fill("동료가 등록한 ERP");
  await other.getByLabel("시스템 종류").selectOption("ERP");
  await other.getByRole("button", { name: "시스템 추가" }).click();
  await expect(flash(second).filter({ hasText: "시스템을 등록했습니다." })).toBeVisible();

  await add.getByRole("button", { name: "시스템 추가" }).click();
  await expectConflict(first);
  await expect(add.getByLabel("시스템 종류")).toHaveValue("WMS");
  await expect(add.getByLabel("시스템 이름")).toHaveValue("첫 번째 화면의 WMS");
  expect(systems("동료가 등록한 ERP")).toBe(1);
  expect(systems("첫 번째 화면의 WMS")).toBe(0);

  // after the conflict was shown, a deliberate second save goes through; the other forms follow
  await add.getByRole("button", { name: "시스템 추가" }).click();
  await expect(flash(first).filter({ hasText: "시스템을 등록했습니다." })).toBeVisible();
  const system = first.locator('[data-testid="system"][data-system-name="첫 번째 화면의 WMS"]');
  await system.getByText("연동 HW 추가").click();
  await system.getByLabel("HW 이름").last().fill("바코드 스캐너");
  await system.getByRole("button", { name: "HW 추가" }).click();
  await expect(flash(first).filter({ hasText: "HW를 등록했습니다." })).toBeVisible();
  await expect(system).toContainText("바코드 스캐너");
  await first.context().close();
  await second.context().close();
});
