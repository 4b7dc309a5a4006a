// No silent overwrite on the monitor's later steps (협약, 사업비 지급, 연장 승인/불승인, 완료점검,
// 사후관리) and on the program settings: a form opened before someone else's change is refused
// with the conflict message on save, keeps what was typed, and leaves the other change intact.
// See stale-forms.ts.
//
// Two steps (사업비 지급, 완료점검 통과/보완 요구) can only be changed meanwhile by taking the step
// itself: the live update then replaces the form on an open page (nothing left to save twice), and
// a page without JavaScript (no live updates) that still posts the old form gets the conflict.
import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  addCompletionReport,
  addDaysIso,
  addWorkLog,
  cloneSubmittedTicket,
  db,
  deleteTicket,
  requestExtension,
  seoulToday,
  setState,
  submitQuoteAndPlan,
  ticket,
} from "./fixtures";
import { signIn } from "./helpers";
import { changedMeanwhile, expectConflict, flash, personPage } from "./stale-forms";
import { concludeAgreement } from "./agreement-flow";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

const AGREEMENT = `${AS}0951`;
const PAYMENT = `${AS}0952`;
const EXTENSION = `${AS}0953`;
const CHECK = `${AS}0954`;
const FOLLOW_START = `${AS}0955`;
const FOLLOW_NOTE = `${AS}0956`;
const ALL = [AGREEMENT, PAYMENT, EXTENSION, CHECK, FOLLOW_START, FOLLOW_NOTE];

/** A ticket in 원가적정성 검토 with a quote of 30,000,000원 (subsidy 50 % of the verified amount). */
function inCostReview(number: string, title: string) {
  cloneSubmittedTicket(`${AS}0004`, number, title, "plan_submitted", {
    selectionNoticeOn: addDaysIso(seoulToday(), -5),
    planDueOn: addDaysIso(seoulToday(), 10),
  });
  submitQuoteAndPlan(number, [
    { description: "MES 버전업", kind: "software", quantity: 1, unitPrice: 20_000_000 },
    { description: "보고서 모듈", kind: "software", quantity: 1, unitPrice: 10_000_000 },
  ]);
  setState(number, "cost_review");
}

test.beforeAll(() => {
  inCostReview(AGREEMENT, "협약 동시 입력 시험");
  inCostReview(PAYMENT, "지급 동시 입력 시험");
  cloneSubmittedTicket(`${AS}0004`, EXTENSION, "연장 결정 동시 입력 시험", "in_progress");
  requestExtension(EXTENSION, 1);
  cloneSubmittedTicket(`${AS}0004`, CHECK, "완료점검 동시 입력 시험", "completion_check");
  addWorkLog(CHECK, { status: "confirmed", swBefore: "3.2", swAfter: "4.0" });
  addCompletionReport(CHECK);
  cloneSubmittedTicket(`${AS}0004`, FOLLOW_START, "사후관리 시작 동시 시험", "completed");
  cloneSubmittedTicket(`${AS}0004`, FOLLOW_NOTE, "사후관리 기록 동시 시험", "follow_up");
});
test.afterAll(() => {
  for (const n of ALL) deleteTicket(n);
});

/** A signed-in page without JavaScript: no live updates, plain form posts (the server's own answer). */
const EVIDENCE = {
  name: "이체확인증.pdf",
  mimeType: "application/pdf",
  buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
};

/** The company share deposited and confirmed, and the payee account on the agreement (written as the steps would). */
function shareConfirmedWithPayee(ticketId: string) {
  const agreement = db().prepare(`SELECT companyShare FROM Agreement WHERE ticketId = ?`).get(ticketId) as { companyShare: number };
  const user = (email: string) => (db().prepare(`SELECT id FROM User WHERE email = ?`).get(email) as { id: string }).id;
  db()
    .prepare(
      `INSERT INTO ShareDeposit (id, ticketId, amount, depositedOn, proofFileId, recordedById, recordedAt, status, decidedById, decidedAt)
       VALUES (?, ?, ?, ?, 'fixture-proof', ?, ?, 'confirmed', ?, ?)`,
    )
    .run(
      `dep-${ticketId}`,
      ticketId,
      agreement.companyShare,
      seoulToday(),
      user("maker2@demo.kr"),
      new Date().toISOString(),
      user("monitor@demo.kr"),
      new Date().toISOString(),
    );
  db()
    .prepare(
      `UPDATE Agreement SET payeeBank = 'IBK기업은행', payeeAccount = '123-456789-01-011', payeeHolder = '대성플라스틱(주)' WHERE ticketId = ?`,
    )
    .run(ticketId);
}

async function pageWithoutScript(browser: Browser, baseURL: string | undefined, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "ko-KR", timezoneId: "Asia/Seoul", javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** The conflict answer as the server renders it (no script to move the focus). */
async function expectServerConflict(page: Page) {
  await expect(page.locator(".form-error[role=alert][data-conflict=true]")).toContainText("다른 사용자가 먼저 변경했습니다");
}

async function recordCostReview(page: Page, id: string, amount: string) {
  await page.goto(`/tickets/${id}/cost-review`);
  await page.getByLabel("원가검증금액 (원)").fill(amount);
  await page.getByRole("button", { name: "검토 결과 저장" }).click();
  await expect(flash(page)).toHaveText("원가적정성 검토 결과를 입력했습니다.");
}

async function closeAll(...pages: Page[]) {
  for (const p of pages) await p.context().close();
}

test("agreement draft: a form opened before another officer's new cost review is refused, keeps the start date, and the new review stands", async ({
  browser,
  baseURL,
}) => {
  const id = ticket(AGREEMENT).id;
  // today: a start before it would need a stated reason (ADR 031)
  const start = seoulToday();
  const first = await personPage(browser, baseURL, "monitor@demo.kr");
  const second = await personPage(browser, baseURL, "monitor@demo.kr");
  await recordCostReview(second, id, "28,000,000");
  await first.goto(`/tickets/${id}/agreement`);
  await expect(first.getByTestId("agreed-cost")).toHaveText("28,000,000원");
  await first.getByLabel("사업 시작일").fill(start);

  await changedMeanwhile(first, () => recordCostReview(second, id, "26,000,000"));
  await expect(first.getByTestId("agreed-cost")).toHaveText("26,000,000원"); // the other change is on screen

  // the draft (ADR 031) is what the TP saves here: refused on the stale page, nothing written
  await first.getByRole("button", { name: "협약안 작성" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("사업 시작일")).toHaveValue(start);
  expect(db().prepare(`SELECT COUNT(*) AS n FROM AgreementDraft WHERE ticketId = ?`).get(id)).toEqual({ n: 0 });
  const reviews = db().prepare(`SELECT verifiedAmount FROM CostReview WHERE ticketId = ? ORDER BY createdAt`).all(id);
  expect(reviews).toEqual([{ verifiedAmount: 28_000_000 }, { verifiedAmount: 26_000_000 }]);

  // told of the change, a second save is a deliberate one: the draft at the new amount
  await first.getByRole("button", { name: "협약안 작성" }).click();
  await expect(flash(first)).toHaveText("협약안을 저장했습니다.");
  expect(db().prepare(`SELECT agreedCost, startOn FROM AgreementDraft WHERE ticketId = ?`).get(id)).toEqual({
    agreedCost: 26_000_000,
    startOn: start,
  });
  await closeAll(first, second);
});

test("payment: another officer's payment replaces the open form; a stale post is refused, keeps the typed amount, and pays nothing twice", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000); // the agreement needs both companies' consents in their own browsers first
  const id = ticket(PAYMENT).id;
  const first = await personPage(browser, baseURL, "monitor@demo.kr");
  const second = await personPage(browser, baseURL, "monitor@demo.kr");
  const noScript = await pageWithoutScript(browser, baseURL, "monitor@demo.kr");
  await recordCostReview(second, id, "28,000,000");
  // 협약 (ADR 031): the TP's draft, both companies' consents, then the conclusion
  await concludeAgreement(browser, baseURL, second, PAYMENT, seoulToday());
  // ADR 032: the company's share confirmed and the payee account recorded before any payment (not what this test is about)
  shareConfirmedWithPayee(id);

  await first.goto(`/tickets/${id}/payment`);
  await expect(first.getByLabel("지급액 (원)")).toHaveValue("14,000,000");
  await first.getByLabel("지급액 (원)").fill("10000000");
  await expect(first.getByLabel("지급액 (원)")).toHaveValue("10,000,000"); // separators as typed
  await noScript.goto(`/tickets/${id}/payment`);
  await noScript.getByLabel("지급액 (원)").fill("9,000,000");
  await noScript.getByLabel("비고").fill("스크립트 없는 화면의 지급");

  await changedMeanwhile(first, async () => {
    await second.goto(`/tickets/${id}/payment`);
    await second.getByLabel("지급 증빙 (이체확인증)").setInputFiles(EVIDENCE);
    await second.getByRole("button", { name: "지급 기록" }).click();
    await expect(flash(second)).toHaveText("정부지원금 지급을 기록했습니다.");
  });
  // the open page now shows the payment and offers no second one (the whole subsidy is paid)
  await expect(first.getByTestId("payments")).toContainText("14,000,000원");
  await expect(first.getByRole("button", { name: "지급 기록" })).toHaveCount(0);

  await noScript.getByLabel("지급 증빙 (이체확인증)").setInputFiles(EVIDENCE);
  await noScript.getByRole("button", { name: "지급 기록" }).click();
  await expectServerConflict(noScript);
  await expect(noScript.getByLabel("지급액 (원)")).toHaveValue("9,000,000");
  await expect(noScript.getByLabel("비고")).toHaveValue("스크립트 없는 화면의 지급");
  expect(db().prepare(`SELECT amount FROM Payment WHERE ticketId = ?`).all(id)).toEqual([{ amount: 14_000_000 }]);
  // a payment is a step within 협약체결: the ticket is funded when the TP declares funding complete (ADR 032)
  expect(ticket(PAYMENT).state).toBe("agreed");
  await closeAll(first, second, noScript);
});

test("extension decision: a form opened before the supplier's new work log is refused, keeps the note, and the request stays pending", async ({
  browser,
  baseURL,
}) => {
  const id = ticket(EXTENSION).id;
  const first = await personPage(browser, baseURL, "monitor@demo.kr");
  const supplier = await personPage(browser, baseURL, "vendor2@demo.kr");
  await first.goto(`/tickets/${id}/extension-decision`);
  await expect(first.getByTestId("pending")).toContainText("1개월");
  await first.getByLabel("검토 의견").fill("입고 지연 증빙 부족");

  await changedMeanwhile(first, async () => {
    await supplier.goto(`/tickets/${id}/work-logs`);
    await supplier.getByLabel("작업 시간(시간)").fill("2");
    await supplier.getByLabel("작업 내용").fill("현장 설비 점검");
    await supplier.getByRole("button", { name: "작업일지 등록" }).click();
    await expect(flash(supplier)).toHaveText("작업일지를 등록했습니다. 도입기업의 확인을 기다립니다.");
  });

  await first.getByRole("button", { name: "연장 불승인" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("검토 의견")).toHaveValue("입고 지연 증빙 부족");
  expect(db().prepare(`SELECT status, decisionNote FROM ExtensionRequest WHERE ticketId = ?`).all(id)).toEqual([
    { status: "pending", decisionNote: null },
  ]);
  expect(db().prepare(`SELECT description FROM WorkLog WHERE ticketId = ?`).all(id)).toEqual([{ description: "현장 설비 점검" }]);
  await closeAll(first, supplier);
});

test("completion check: another officer's pass replaces the open forms; a stale 보완 요구 is refused, keeps the findings, and the pass stands", async ({
  browser,
  baseURL,
}) => {
  const id = ticket(CHECK).id;
  const first = await personPage(browser, baseURL, "monitor@demo.kr");
  const second = await personPage(browser, baseURL, "monitor@demo.kr");
  const noScript = await pageWithoutScript(browser, baseURL, "monitor@demo.kr");
  await first.goto(`/tickets/${id}/completion-check`);
  await first.getByLabel("보완 요구 사항").fill("센서 재설치 필요");
  await noScript.goto(`/tickets/${id}/completion-check`);
  await noScript.getByLabel("보완 요구 사항").fill("교육 기록 보완 필요");

  await changedMeanwhile(first, async () => {
    await second.goto(`/tickets/${id}/completion-check`);
    await second.getByRole("button", { name: "완료점검 통과" }).click();
    await expect(flash(second)).toHaveText("완료점검을 통과했습니다.");
  });
  // the open page moved on: the check is recorded; the settlement (정산) comes before 완료 and its follow-up (ADR 032)
  await expect(first.getByTestId("checks")).toContainText("통과");
  await expect(first.getByRole("button", { name: "완료점검 통과" })).toHaveCount(0);
  await expect(first.getByRole("button", { name: "사후관리 시작" })).toHaveCount(0);

  await noScript.getByRole("button", { name: "보완 요구(과제수행으로 되돌림)" }).click();
  await expectServerConflict(noScript);
  await expect(noScript.getByLabel("보완 요구 사항")).toHaveValue("교육 기록 보완 필요");
  expect(db().prepare(`SELECT result FROM CompletionCheck WHERE ticketId = ?`).all(id)).toEqual([{ result: "passed" }]);
  expect(ticket(CHECK).state).toBe("settlement");
  await closeAll(first, second, noScript);
});

test("follow-up start: a page opened before another officer's note is refused, and the note stands", async ({ browser, baseURL }) => {
  const id = ticket(FOLLOW_START).id;
  const first = await personPage(browser, baseURL, "monitor@demo.kr");
  const second = await personPage(browser, baseURL, "monitor@demo.kr");
  await first.goto(`/tickets/${id}/completion-check`);
  await expect(first.getByRole("button", { name: "사후관리 시작" })).toBeEnabled();

  await changedMeanwhile(first, async () => {
    await second.goto(`/tickets/${id}/completion-check`);
    await second.getByLabel("사후관리 내용").fill("완료 직후 가동 확인");
    await second.getByRole("button", { name: "사후관리 기록 저장" }).click();
    await expect(flash(second)).toHaveText("사후관리 기록을 저장했습니다.");
  });
  await expect(first.getByTestId("follow-up-notes")).toContainText("완료 직후 가동 확인");

  await first.getByRole("button", { name: "사후관리 시작" }).click();
  await expectConflict(first);
  expect(ticket(FOLLOW_START).state).toBe("completed");
  expect(db().prepare(`SELECT note FROM FollowUpNote WHERE ticketId = ?`).all(id)).toEqual([{ note: "완료 직후 가동 확인" }]);

  // told of the change, the second click is deliberate
  await first.getByRole("button", { name: "사후관리 시작" }).click();
  await expect(flash(first)).toHaveText("사후관리를 시작했습니다.");
  expect(ticket(FOLLOW_START).state).toBe("follow_up");
  await closeAll(first, second);
});

test("follow-up note: a form opened before another officer's note is refused, keeps the typed note, and the other note stands", async ({
  browser,
  baseURL,
}) => {
  const id = ticket(FOLLOW_NOTE).id;
  const first = await personPage(browser, baseURL, "monitor@demo.kr");
  const second = await personPage(browser, baseURL, "monitor@demo.kr");
  await first.goto(`/tickets/${id}/completion-check`);
  await first.getByLabel("사후관리 내용").fill("3개월 후 가동률 점검");
  await first.getByLabel("기록일").fill("2026-11-20");

  await changedMeanwhile(first, async () => {
    await second.goto(`/tickets/${id}/completion-check`);
    await second.getByLabel("사후관리 내용").fill("담당자 교체 안내");
    await second.getByRole("button", { name: "사후관리 기록 저장" }).click();
    await expect(flash(second)).toHaveText("사후관리 기록을 저장했습니다.");
  });

  await first.getByRole("button", { name: "사후관리 기록 저장" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("사후관리 내용")).toHaveValue("3개월 후 가동률 점검");
  await expect(first.getByLabel("기록일")).toHaveValue("2026-11-20");
  await expect(first.getByTestId("follow-up-notes")).toContainText("담당자 교체 안내");
  expect(db().prepare(`SELECT note FROM FollowUpNote WHERE ticketId = ?`).all(id)).toEqual([{ note: "담당자 교체 안내" }]);
  await closeAll(first, second);
});

test("program settings: a form opened before another officer's save is refused, keeps the typed percentage, and the other change stands", async ({
  browser,
  baseURL,
}) => {
  const programId = ticket(`${AS}0004`).programId;
  const before = db().prepare(`SELECT subsidyRateBp, capacity, version FROM Program WHERE id = ?`).get(programId) as {
    subsidyRateBp: number;
    capacity: number;
    version: number;
  };
  const first = await personPage(browser, baseURL, "monitor@demo.kr");
  const second = await personPage(browser, baseURL, "monitor@demo.kr");
  await first.goto(`/programs/${programId}`);
  await expect(first.getByLabel("정부지원 비율")).toHaveValue(String(before.subsidyRateBp / 100)); // a percentage, not basis points
  await first.getByLabel("정부지원 비율").fill("45.5");
  await first.getByLabel("지원 기업 수").fill(String(before.capacity + 7));

  // program settings send no live events: the first page keeps what it loaded and simply posts it
  await second.goto(`/programs/${programId}`);
  await second.getByLabel("기업당 정부지원금 한도").fill("15000000");
  await expect(second.getByLabel("기업당 정부지원금 한도")).toHaveValue("15,000,000");
  await second.getByRole("button", { name: "설정 저장" }).click();
  await expect(flash(second)).toHaveText("사업 설정을 저장했습니다.");

  await first.getByRole("button", { name: "설정 저장" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("정부지원 비율")).toHaveValue("45.5");
  await expect(first.getByLabel("지원 기업 수")).toHaveValue(String(before.capacity + 7));
  expect(db().prepare(`SELECT subsidyRateBp, subsidyCap, capacity, version FROM Program WHERE id = ?`).get(programId)).toEqual({
    subsidyRateBp: before.subsidyRateBp,
    subsidyCap: 15_000_000,
    capacity: before.capacity,
    version: before.version + 1,
  });

  // told of the conflict, the second save is deliberate: 45.5 % is kept as 4550 bp and shown as a percentage
  await first.getByRole("button", { name: "설정 저장" }).click();
  await expect(flash(first)).toHaveText("사업 설정을 저장했습니다.");
  expect(db().prepare(`SELECT subsidyRateBp FROM Program WHERE id = ?`).get(programId)).toEqual({ subsidyRateBp: 4550 });
  await expect(first.getByLabel("정부지원 비율")).toHaveValue("45.5");
  await first.goto("/programs");
  await expect(first.locator("tr", { hasText: "45.5%" })).toHaveCount(1);
  db().prepare(`UPDATE Program SET subsidyRateBp = ?, capacity = ? WHERE id = ?`).run(before.subsidyRateBp, before.capacity, programId);
  await closeAll(first, second);
});
