// 정산 (issue 16 item 5), in a real browser against the real server: both companies upload evidence, the
// supplier records a part purchase not paid in full in advance (flagged to the TP), the manufacturer
// settles a lower actual cost, the page shows the recomputed subsidy and the return (the notice's
// figures: 28,000,000 → 26,000,001 → 13,000,000, return 1,000,000 of the 14,000,000 paid), and the TP
// confirms: 완료.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { cloneSubmittedTicket, db, deleteTicket, seoulToday, setState, ticket } from "./fixtures";
import { flash, personPage } from "./stale-forms";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

const N = `${AS}0962`;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const file = (name: string) => ({ name, mimeType: "application/pdf", buffer: PDF });

test.beforeAll(() => {
  const id = cloneSubmittedTicket(`${AS}0008`, N, "사출기 PLC 보드 교체 (정산 시험)", "completion_check", {
    agreedCost: 28_000_000,
    subsidy: 14_000_000,
    companyShare: 14_000_000,
  });
  db().prepare(`UPDATE Agreement SET agreedCost = 28000000, subsidy = 14000000, companyShare = 14000000 WHERE ticketId = ?`).run(id);
  const monitor = (db().prepare(`SELECT id FROM User WHERE email = 'monitor@demo.kr'`).get() as { id: string }).id;
  for (const [kind, amount] of [
    ["advance", 7_000_000],
    ["balance", 7_000_000],
  ] as const) {
    db()
      .prepare(`INSERT INTO Payment (id, ticketId, kind, amount, paidOn, recordedById, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(crypto.randomUUID(), id, kind, amount, seoulToday(), monitor, new Date().toISOString().replace("Z", "+00:00"));
  }
  setState(N, "settlement");
});
test.afterAll(() => deleteTicket(N));

const settlementPage = (page: Page) => page.goto(`/tickets/${ticket(N).id}/settlement`);

async function addEvidence(page: Page, kind: string, amount: string, name: string) {
  await settlementPage(page);
  await page.getByLabel("증빙 구분").selectOption({ label: kind });
  await page.getByLabel("금액 (원, 선택)").fill(amount);
  await page.getByLabel("증빙 파일").setInputFiles(file(name));
  await page.getByRole("button", { name: "증빙 올리기" }).click();
  await expect(flash(page).first()).toHaveText("정산 증빙을 올렸습니다.");
}

test("both companies' evidence, a lower actual cost: the recomputed subsidy and the return shown; the TP confirms → 완료", async ({
  browser,
  baseURL,
}) => {
  // three people signed in, one walk: more than one default budget on a shared machine
  test.slow();
  const maker = await personPage(browser, baseURL, "maker2@demo.kr");
  const vendor = await personPage(browser, baseURL, "vendor2@demo.kr");
  const tp = await personPage(browser, baseURL, "monitor@demo.kr");

  // submitting without evidence is refused with why
  await settlementPage(maker);
  await maker.getByLabel("실제 사업비 (원)").fill("26,000,001");
  await maker.getByRole("button", { name: "정산 제출" }).click();
  await expect(maker.locator(".form-error[role=alert]")).toContainText("실제 사업비와 증빙(세금계산서·이체확인증)을 먼저 입력하세요.");
  expect(ticket(N).state).toBe("settlement");

  await addEvidence(maker, "세금계산서", "26,000,001", "세금계산서.pdf");
  await addEvidence(vendor, "이체확인증", "26,000,001", "이체확인증.pdf");
  await expect(vendor.getByTestId("settlement-evidence")).toContainText("세금계산서");
  await expect(vendor.getByTestId("settlement-evidence")).toContainText("이체확인증");

  // a purchase from a company outside the agreement, not paid in full in advance
  await vendor.getByLabel("거래처명").fill("대한센서");
  await vendor.getByLabel("구입 내용").fill("압력 센서 4개");
  await vendor.getByLabel("구입 금액 (원)").fill("1,200,000");
  await vendor.getByLabel("선금 완납").uncheck();
  await vendor.getByLabel("지급 증빙").setInputFiles(file("센서_대금.pdf"));
  await vendor.getByRole("button", { name: "부품구입 기록" }).click();
  await expect(flash(vendor).first()).toHaveText("부품구입 내역을 기록했습니다.");
  await expect(vendor.getByTestId("purchase-flags")).toContainText("선금 완납이 아닌 거래가 1건 있습니다.");

  // the manufacturer settles 26,000,001원: the subsidy recomputed to 13,000,000원, 1,000,000원 to return
  await settlementPage(maker);
  await expect(maker.getByText("교부 보조금의 관리집행은 관련지침 등을 따라 도입기업의 책임하에 진행")).toBeVisible();
  await maker.getByLabel("실제 사업비 (원)").fill("26,000,001");
  await maker.getByRole("button", { name: "정산 제출" }).click();
  await expect(flash(maker).first()).toHaveText("정산을 제출했습니다. 운영기관의 확인을 기다립니다.");
  await expect(maker.getByTestId("settled-subsidy")).toHaveText("13,000,000원");
  await expect(maker.getByTestId("refund-due")).toHaveText("1,000,000원");
  await expect(maker.getByTestId("settlement-status")).toHaveText("제출됨(운영기관 확인 대기)");

  // the TP sees the flag and the figures before confirming
  await settlementPage(tp);
  await expect(tp.getByTestId("purchase-flags")).toBeVisible();
  await expect(tp.getByTestId("part-purchases")).toContainText("대한센서");
  await expect(tp.getByTestId("settled-subsidy")).toHaveText("13,000,000원");
  await expect(tp.getByTestId("refund-due")).toHaveText("1,000,000원");
  await tp.getByRole("button", { name: "정산 확인(완료)" }).click();
  await expect(flash(tp).first()).toHaveText("정산을 확인했습니다. 과제가 완료되었습니다.");
  expect(ticket(N).state).toBe("completed");
  expect(db().prepare(`SELECT actualCost, settledSubsidy, refundDue FROM Ticket WHERE number = ?`).get(N)).toEqual({
    actualCost: 26_000_001,
    settledSubsidy: 13_000_000,
    refundDue: 1_000_000,
  });
  for (const p of [maker, vendor, tp]) await p.context().close();
});
