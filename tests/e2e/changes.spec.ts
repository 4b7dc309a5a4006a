// 사업변경 end to end (issue 16 item 6), in real browsers against the real server and SQLite:
// - a period change proposed by the supplier, refused to the supplier itself, confirmed by the
//   manufacturer and approved by the TP: the window end moves and the agreement shows version 2;
// - a scope change proposed by the manufacturer, confirmed by the supplier and approved by the TP:
//   quote and plan version n+1, the agreement's new figures side by side with the old ones;
// - a refused change changes nothing.
import { expect, test, type Page } from "@playwright/test";
import { addDaysIso, cloneSubmittedTicket, db, seoulToday, setState, submitQuoteAndPlan, ticket } from "./fixtures";
import { flash, personPage } from "./stale-forms";
import { formatKoreanDate } from "~/domain";
import { AS } from "./demo-numbers";

// three people in three browsers per test: more page loads than the default budget allows on a busy machine
test.describe.configure({ mode: "serial", timeout: 120_000 });

const PERIOD = `${AS}0971`;
const SCOPE = `${AS}0972`;

/** An in-progress clone of AS-…-0001 (maker1 × vendor1) with an agreement of 10,000,000원 and a quote and plan version 1. */
function inProgress(number: string, title: string) {
  cloneSubmittedTicket(`${AS}0001`, number, title, "selected", { planDueOn: addDaysIso(seoulToday(), 10) });
  submitQuoteAndPlan(number, [
    { kind: "sw", description: "MES 4.0 버전업", quantity: 1, unitPrice: 6_000_000 },
    { kind: "labour", description: "생산 보고서 모듈 개발", quantity: 1, unitPrice: 4_000_000 },
  ]);
  setState(number, "in_progress", {
    windowEndOn: addDaysIso(seoulToday(), 90),
    agreedCost: 10_000_000,
    subsidy: 5_000_000,
    companyShare: 5_000_000,
  });
  const t = ticket(number);
  const monitor = (db().prepare(`SELECT id FROM User WHERE email = 'monitor@demo.kr'`).get() as { id: string }).id;
  db()
    .prepare(
      `INSERT INTO Agreement (id, ticketId, startOn, baseEndOn, endOn, extensionMonths, agreedCost, subsidy, companyShare, signedById, signedAt)
       VALUES (?, ?, ?, ?, ?, 0, 10000000, 5000000, 5000000, ?, ?)`,
    )
    .run(
      `agr-${number}`,
      t.id,
      addDaysIso(seoulToday(), -30),
      addDaysIso(seoulToday(), 90),
      addDaysIso(seoulToday(), 90),
      monitor,
      new Date().toISOString(),
    );
  return t.id;
}

const agreementOf = (ticketId: string) =>
  db()
    .prepare(`SELECT endOn, extensionMonths, agreedCost, subsidy, companyShare, currentVersion FROM Agreement WHERE ticketId = ?`)
    .get(ticketId) as {
    endOn: string;
    extensionMonths: number;
    agreedCost: number;
    subsidy: number;
    companyShare: number;
    currentVersion: number;
  };

async function post(page: Page, path: string, form: Record<string, string>, number: string) {
  const response = await page.request.post(path, {
    form: { ...form, version: String(ticket(number).version) },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}

let periodId = "";
let scopeId = "";

test.beforeAll(() => {
  periodId = inProgress(PERIOD, "연장 흐름 시험 과제");
  scopeId = inProgress(SCOPE, "사업변경 흐름 시험 과제");
});

test("period: the supplier proposes, cannot confirm its own, the manufacturer confirms, the TP approves: end moved, version 2", async ({
  browser,
  baseURL,
}) => {
  const before = agreementOf(periodId);
  const vendor = await personPage(browser, baseURL, "vendor1@demo.kr");
  await vendor.goto(`/tickets/${periodId}/extension`);
  await vendor.getByLabel("연장 기간").selectOption("2");
  await vendor.getByLabel("연장 사유").fill("장비 입고가 늦어져 두 달이 더 필요합니다.");
  await vendor.getByRole("button", { name: "연장 신청" }).click();
  await expect(flash(vendor).filter({ hasText: "사업기간 2개월 연장을 신청했습니다. 도입기업의 확인을 기다립니다." })).toBeVisible();
  await expect(vendor.getByTestId("pending")).toContainText("공급기업 제안");
  await expect(vendor.getByTestId("pending")).toContainText("도입기업의 확인을 기다립니다");
  // the proposer has no confirm button, and a hand-made post is refused in Korean
  await expect(vendor.getByRole("button", { name: "연장 제안 확인" })).toHaveCount(0);
  const own = await post(vendor, `/tickets/${periodId}/extension`, { __step: "extension-confirm", intent: "confirm" }, PERIOD);
  expect(own.status).toBe(400);
  expect(own.text).toContain("변경을 신청한 기업은 스스로 확인할 수 없습니다. 도입기업의 확인을 기다립니다.");
  expect(db().prepare(`SELECT status, requestedByRole FROM ExtensionRequest WHERE ticketId = ?`).get(periodId)).toEqual({
    status: "proposed",
    requestedByRole: "supplier",
  });

  // the TP sees it waiting for the manufacturer, with nothing to decide yet
  const monitor = await personPage(browser, baseURL, "monitor@demo.kr");
  await monitor.goto(`/tickets/${periodId}/extension-decision`);
  await expect(monitor.getByTestId("proposed")).toContainText("2개월 연장 제안이 도입기업의 확인을 기다립니다");
  await expect(monitor.getByRole("button", { name: "연장 승인" })).toHaveCount(0);

  const maker = await personPage(browser, baseURL, "maker1@demo.kr");
  await maker.goto(`/tickets/${periodId}/extension`);
  await maker.getByRole("button", { name: "연장 제안 확인" }).click();
  await expect(flash(maker).filter({ hasText: "연장 제안을 확인했습니다. 운영기관의 승인을 기다립니다." })).toBeVisible();

  await monitor.goto(`/tickets/${periodId}/extension-decision`);
  await expect(monitor.getByTestId("pending")).toContainText("공급기업 제안, 도입기업 확인");
  await monitor.getByRole("button", { name: "연장 승인" }).click();
  await expect(flash(monitor).filter({ hasText: "사업기간 연장을 승인했습니다." })).toBeVisible();
  const after = agreementOf(periodId);
  expect(after).toMatchObject({ extensionMonths: 2, currentVersion: 2 });
  expect(after.endOn > before.endOn).toBe(true);
  await expect(monitor.getByTestId("end-on")).toHaveText(formatKoreanDate(after.endOn));
  expect(db().prepare(`SELECT windowEndOn FROM Ticket WHERE id = ?`).get(periodId)).toEqual({ windowEndOn: after.endOn });

  // version 2 beside version 1, its period marked as changed
  await maker.goto(`/tickets/${periodId}/changes`);
  const versions = maker.getByTestId("agreement-versions");
  await expect(versions.locator("thead th[data-version]")).toHaveText(["1차 (체결)", "2차"]);
  await expect(versions.locator("td[data-field=period][data-changed=true]")).toContainText(formatKoreanDate(after.endOn));
  await expect(versions.locator("td[data-field=summary]").nth(1)).toContainText("사업기간 2개월 연장: 장비 입고가 늦어져");
  for (const p of [vendor, monitor, maker]) await p.context().close();
});

test("scope: the manufacturer proposes, the supplier confirms, the TP approves: quote and plan v2, agreement v2 side by side", async ({
  browser,
  baseURL,
}) => {
  const maker = await personPage(browser, baseURL, "maker1@demo.kr");
  await maker.goto(`/tickets/${scopeId}/changes`);
  await maker.getByLabel("변경 구분").selectOption("scope");
  await maker.getByLabel("변경 사유").fill("진동 센서 수집 항목을 추가합니다.");
  await maker.getByLabel("변경 후 사업범위 (사업범위 변경일 때 필수)").fill("MES 4.0 버전업, 생산 보고서 모듈, 진동 센서 수집 추가");
  await expect(maker.getByLabel("1번 항목 내용")).toHaveValue("MES 4.0 버전업");
  await maker.getByLabel("2번 항목 단가").fill("6,000,000");
  await maker.getByRole("button", { name: "행 추가" }).click();
  await maker.getByLabel("3번 항목 구분").selectOption({ label: "HW 부품" });
  await maker.getByLabel("3번 항목 내용").fill("진동 센서");
  await maker.getByLabel("3번 항목 수량").fill("2");
  await maker.getByLabel("3번 항목 단가").fill("1,000,000");
  await maker.getByRole("button", { name: "사업변경 신청" }).click();
  await expect(flash(maker).filter({ hasText: "사업변경을 신청했습니다. 상대 기업의 확인을 기다립니다." })).toBeVisible();
  const open = maker.getByTestId("open-change");
  await expect(open.getByTestId("change-status")).toHaveText("상대 기업 확인 대기");
  await expect(open.getByTestId("amended-amounts")).toContainText("14,000,000원");
  await expect(open.getByText("공급기업의 확인을 기다립니다.")).toBeVisible();
  await expect(open.getByTestId("quote-compare").locator("tr[data-change=added]")).toContainText("진동 센서");
  await expect(open.getByTestId("quote-compare").locator("tr[data-change=changed]")).toContainText("생산 보고서 모듈 개발");

  const vendor = await personPage(browser, baseURL, "vendor1@demo.kr");
  await vendor.goto(`/tickets/${scopeId}/changes`);
  await vendor.getByRole("button", { name: "사업변경 신청 확인" }).click();
  await expect(flash(vendor).filter({ hasText: "사업변경 신청을 확인했습니다. 운영기관의 승인을 기다립니다." })).toBeVisible();

  const monitor = await personPage(browser, baseURL, "monitor@demo.kr");
  await monitor.goto(`/tickets/${scopeId}/changes`);
  await monitor.getByRole("button", { name: "사업변경 승인" }).click();
  await expect(flash(monitor).filter({ hasText: "사업변경을 승인했습니다. 협약이 변경되었습니다." })).toBeVisible();

  expect(agreementOf(scopeId)).toMatchObject({ agreedCost: 14_000_000, subsidy: 7_000_000, companyShare: 7_000_000, currentVersion: 2 });
  expect(db().prepare(`SELECT agreedCost, subsidy, companyShare, quoteTotal FROM Ticket WHERE id = ?`).get(scopeId)).toEqual({
    agreedCost: 14_000_000,
    subsidy: 7_000_000,
    companyShare: 7_000_000,
    quoteTotal: 14_000_000,
  });
  expect(db().prepare(`SELECT version, total FROM Quote WHERE ticketId = ? ORDER BY version`).all(scopeId)).toEqual([
    { version: 1, total: 10_000_000 },
    { version: 2, total: 14_000_000 },
  ]);
  expect(db().prepare(`SELECT version, scope, reviewStatus FROM ExecutionPlan WHERE ticketId = ? ORDER BY version`).all(scopeId)).toEqual([
    { version: 1, scope: "MES 4.0 버전업 및 생산 보고서 모듈 개발", reviewStatus: "pending" },
    { version: 2, scope: "MES 4.0 버전업, 생산 보고서 모듈, 진동 센서 수집 추가", reviewStatus: "accepted" },
  ]);

  // the manufacturer reads both versions side by side, the new figures marked
  await maker.goto(`/tickets/${scopeId}/changes`);
  const versions = maker.getByTestId("agreement-versions");
  await expect(versions.locator("thead th[data-version]")).toHaveText(["1차 (체결)", "2차"]);
  await expect(versions.locator("td[data-field=agreedCost]")).toHaveText(["10,000,000원", "14,000,000원 (변경)"]);
  await expect(versions.locator("td[data-field=subsidy]")).toHaveText(["5,000,000원", "7,000,000원 (변경)"]);
  await expect(versions.locator("td[data-field=quoteVersion][data-changed=true]")).toHaveText("2차 (변경)");
  await expect(versions.locator("td[data-field=planVersion][data-changed=true]")).toHaveText("2차 (변경)");
  const history = maker.getByTestId("change-history");
  await expect(history.getByTestId("change-status")).toHaveText("승인");
  await expect(history.getByTestId("quote-compare").locator("thead")).toContainText("견적 1차");
  await expect(history.getByTestId("quote-compare").locator("thead")).toContainText("견적 2차");
  for (const p of [vendor, monitor, maker]) await p.context().close();
});

test("a refused change changes nothing", async ({ browser, baseURL }) => {
  const before = agreementOf(scopeId);
  const quotes = () => db().prepare(`SELECT COUNT(*) AS n FROM Quote WHERE ticketId = ?`).get(scopeId);
  const quotesBefore = quotes();
  const vendor = await personPage(browser, baseURL, "vendor1@demo.kr");
  await vendor.goto(`/tickets/${scopeId}/changes`);
  await vendor.getByLabel("변경 구분").selectOption("cost");
  await vendor.getByLabel("변경 사유").fill("부품 단가 인상");
  await vendor.getByLabel("1번 항목 단가").fill("20,000,000");
  await vendor.getByRole("button", { name: "사업변경 신청" }).click();
  await expect(flash(vendor).filter({ hasText: "사업변경을 신청했습니다." })).toBeVisible();
  // 20,000,000 + 6,000,000 + 2,000,000 = 28,000,000 → 14,000,000 subsidy
  await expect(vendor.getByTestId("amended-amounts")).toContainText("28,000,000원");

  const maker = await personPage(browser, baseURL, "maker1@demo.kr");
  await maker.goto(`/tickets/${scopeId}/changes`);
  await maker.getByRole("button", { name: "사업변경 신청 확인" }).click();
  await expect(flash(maker).filter({ hasText: "사업변경 신청을 확인했습니다." })).toBeVisible();

  const monitor = await personPage(browser, baseURL, "monitor@demo.kr");
  await monitor.goto(`/tickets/${scopeId}/changes`);
  // a refusal needs its reason
  await monitor.getByRole("button", { name: "사업변경 불승인" }).click();
  await expect(monitor.getByText("불승인 사유를 입력해 주세요.")).toBeVisible();
  await monitor.getByLabel("불승인 사유").fill("증액 근거(견적 비교) 부족");
  await monitor.getByRole("button", { name: "사업변경 불승인" }).click();
  await expect(flash(monitor).filter({ hasText: "사업변경을 불승인했습니다." })).toBeVisible();
  expect(agreementOf(scopeId)).toEqual(before);
  expect(quotes()).toEqual(quotesBefore);
  expect(db().prepare(`SELECT agreedCost, subsidy FROM Ticket WHERE id = ?`).get(scopeId)).toEqual({
    agreedCost: 14_000_000,
    subsidy: 7_000_000,
  });
  await expect(monitor.locator("[data-testid=change-history][data-status=refused]")).toContainText("증액 근거(견적 비교) 부족");
  await expect(monitor.getByTestId("agreement-versions").locator("thead th[data-version]")).toHaveCount(2);
  for (const p of [vendor, monitor, maker]) await p.context().close();
});
