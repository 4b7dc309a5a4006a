// No silent overwrite on the monitor's 요건검토 · 현장평가표 · 지원결정 · 수행계획서 검토 · 선정취소
// forms: a form opened before someone else's change (a real action in another browser context,
// received as a live update) is refused with the conflict message, keeps what was typed, and
// leaves the other change intact. See stale-forms.ts. Also: a refused 현장평가표 submit marks
// every missing input at once.
import { expect, test, type Page } from "@playwright/test";
import { addDaysIso, cloneSubmittedTicket, db, deleteTicket, seoulToday, setState, submitQuoteAndPlan, ticket } from "./fixtures";
import { signIn } from "./helpers";
import { addEvaluation, addQuote } from "./evaluation-fixture";
import { changedMeanwhile, expectConflict, flash, personPage } from "./stale-forms";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

const RETURN = `${AS}7101`;
const REJECT = `${AS}7102`;
const DRAFT = `${AS}7103`;
const SUBMIT = `${AS}7104`;
const MISSING = `${AS}7105`;
const DECIDE = `${AS}7106`;
const ACCEPT = `${AS}7107`;
const CHANGE = `${AS}7108`;
const CANCEL = `${AS}7109`;
const ALL = [RETURN, REJECT, DRAFT, SUBMIT, MISSING, DECIDE, ACCEPT, CHANGE, CANCEL];

const LINES = [
  { description: "MES 버전업", kind: "software", quantity: 1, unitPrice: 20_000_000 },
  { description: "보고서 모듈", kind: "software", quantity: 1, unitPrice: 10_000_000 },
];

test.beforeAll(() => {
  for (const n of ALL) deleteTicket(n);
  cloneSubmittedTicket(`${AS}0004`, RETURN, "보완 요청 동시 처리 시험");
  cloneSubmittedTicket(`${AS}0004`, REJECT, "반려 동시 처리 시험");
  for (const [n, title] of [
    [DRAFT, "평가표 임시 저장 동시 입력 시험"],
    [SUBMIT, "평가표 제출 동시 입력 시험"],
    [MISSING, "평가표 누락 항목 표시 시험"],
    [DECIDE, "지원결정 동시 처리 시험"],
  ]) {
    cloneSubmittedTicket(`${AS}0004`, n, title, "site_evaluation");
  }
  const selected = { selectionNoticeOn: addDaysIso(seoulToday(), -5), planDueOn: addDaysIso(seoulToday(), 10) };
  for (const [n, title] of [
    [ACCEPT, "계획서 검토 완료 동시 처리 시험"],
    [CHANGE, "계획서 보완 요청 동시 처리 시험"],
    [CANCEL, "선정취소 동시 처리 시험"],
  ]) {
    cloneSubmittedTicket(`${AS}0004`, n, title, "selected", selected);
    submitQuoteAndPlan(n, LINES);
  }
  setState(CHANGE, "cost_review");
  setState(CANCEL, "cost_review");
});
test.afterAll(() => {
  for (const n of ALL) deleteTicket(n);
});

/** Two monitors (or a monitor and `other`), each in their own browser context. */
async function people(browser: Parameters<typeof personPage>[0], baseURL: string | undefined, other = "monitor@demo.kr") {
  const first = await personPage(browser, baseURL, "monitor@demo.kr");
  const second = await personPage(browser, baseURL, other);
  return { first, second, close: async () => Promise.all([first.context().close(), second.context().close()]) };
}

/** The other monitor starts 요건검토 on the ticket page (submitted → requirement_review). */
async function startReview(page: Page, id: string) {
  await page.goto(`/tickets/${id}`);
  await page.getByRole("button", { name: "요건검토 시작" }).click();
  await expect(page.getByRole("button", { name: "요건검토 통과" })).toBeVisible();
}

/** The other monitor saves a draft of the evaluation sheet under their name. */
async function saveDraftAs(page: Page, id: string, name: string) {
  await page.goto(`/tickets/${id}/evaluation`);
  await page.getByLabel("평가위원 성명").fill(name);
  await page.getByRole("button", { name: "임시 저장" }).click();
  await expect(flash(page)).toHaveText("평가표를 임시 저장했습니다.");
}

/** The other monitor records a cost review (the ticket stays in 원가적정성 검토). */
async function recordCostReview(page: Page, id: string) {
  await page.goto(`/tickets/${id}/cost-review`);
  await page.getByLabel("원가검증금액 (원)").fill("28,000,000");
  await page.getByRole("button", { name: "검토 결과 저장" }).click();
  await expect(flash(page)).toHaveText("원가적정성 검토 결과를 입력했습니다.");
}

/** Every applicable check "예", every grade 보통. */
async function fillSheet(page: Page, name: string) {
  await page.getByLabel("평가위원 성명").fill(name);
  for (const radio of await page.getByRole("radio", { name: /: 예$/ }).all()) await radio.check();
  for (const select of await page.locator("select[id^=grade_]").all()) await select.selectOption("fair");
}

const reviews = (id: string) => db().prepare(`SELECT result FROM RequirementReview WHERE ticketId = ?`).all(id);
const sheetOf = (id: string) =>
  db().prepare(`SELECT evaluatorName, submittedAt FROM SiteEvaluation WHERE ticketId = ?`).get(id) as
    { evaluatorName: string; submittedAt: string | null } | undefined;
const costReviews = (id: string) => db().prepare(`SELECT verifiedAmount FROM CostReview WHERE ticketId = ?`).all(id);

test("요건검토 return: a form opened before another monitor started the review is refused and keeps the list", async ({ browser, baseURL }) => {
  const id = ticket(RETURN).id;
  const { first, second, close } = await people(browser, baseURL);
  await first.goto(`/tickets/${id}/review`);
  await first.getByLabel("보완 요청 사항 (한 줄에 하나)").fill("국세 납세증명서 재발급\n재무제표 추가");
  await changedMeanwhile(first, () => startReview(second, id));
  await first.getByRole("button", { name: "보완 요청(작성중으로 되돌림)" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("보완 요청 사항 (한 줄에 하나)")).toHaveValue("국세 납세증명서 재발급\n재무제표 추가");
  expect(ticket(RETURN).state).toBe("requirement_review");
  expect(reviews(id)).toEqual([]);
  await close();
});

test("요건검토 reject: a form opened before another monitor started the review is refused and keeps the reason", async ({
  browser,
  baseURL,
}) => {
  const id = ticket(REJECT).id;
  const { first, second, close } = await people(browser, baseURL);
  await first.goto(`/tickets/${id}/review`);
  await first.getByLabel("반려 사유").fill("지원 범위와 무관한 요청");
  await changedMeanwhile(first, () => startReview(second, id));
  // 반려 is confirmed on a step of its own (ADR 028): the confirmation carries the version the form was opened on
  await first.getByRole("button", { name: "반려 내용 확인" }).click();
  await first.getByTestId("confirm-step").getByRole("button", { name: "반려 확정" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("반려 사유")).toHaveValue("지원 범위와 무관한 요청");
  expect(ticket(REJECT).state).toBe("requirement_review");
  expect(reviews(id)).toEqual([]);
  await close();
});

test("현장평가표 draft: a sheet opened before another monitor's draft is refused on save and keeps what was typed", async ({
  browser,
  baseURL,
}) => {
  const id = ticket(DRAFT).id;
  const { first, second, close } = await people(browser, baseURL);
  await first.goto(`/tickets/${id}/evaluation`);
  await first.getByLabel("평가위원 성명").fill("첫 번째 평가위원");
  await first.getByLabel("스마트공장의 사후관리 추진의지").selectOption("good");
  await changedMeanwhile(first, () => saveDraftAs(second, id, "두 번째 평가위원"));
  await first.getByRole("button", { name: "임시 저장" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("평가위원 성명")).toHaveValue("첫 번째 평가위원");
  await expect(first.getByLabel("스마트공장의 사후관리 추진의지")).toHaveValue("good");
  expect(sheetOf(id)).toEqual({ evaluatorName: "두 번째 평가위원", submittedAt: null });
  await close();
});

test("현장평가표 submit: a complete sheet opened before another monitor's draft is refused, kept, and not submitted", async ({
  browser,
  baseURL,
}) => {
  const id = ticket(SUBMIT).id;
  const { first, second, close } = await people(browser, baseURL);
  await first.goto(`/tickets/${id}/evaluation`);
  await fillSheet(first, "첫 번째 평가위원");
  await first.getByLabel("스마트공장의 사후관리 추진의지").selectOption("excellent");
  await expect(first.getByTestId("live-result")).toHaveText("적합 · 합격");
  await changedMeanwhile(first, () => saveDraftAs(second, id, "두 번째 평가위원"));
  await first.getByRole("button", { name: "평가 결과 제출" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("평가위원 성명")).toHaveValue("첫 번째 평가위원");
  await expect(first.getByLabel("스마트공장의 사후관리 추진의지")).toHaveValue("excellent");
  for (const radio of await first.getByRole("radio", { name: /: 예$/ }).all()) await expect(radio).toBeChecked();
  expect(sheetOf(id)).toEqual({ evaluatorName: "두 번째 평가위원", submittedAt: null });
  // a deliberate second submit goes through
  await first.getByRole("button", { name: "평가 결과 제출" }).click();
  await expect(flash(first)).toContainText("현장평가 결과를 제출했습니다");
  expect(sheetOf(id)?.evaluatorName).toBe("첫 번째 평가위원");
  await close();
});

test("현장평가표: a refused submit marks every missing grade and check at once, with or without JavaScript", async ({ browser, baseURL }) => {
  const id = ticket(MISSING).id;
  for (const javaScriptEnabled of [false, true]) {
    const context = await browser.newContext({ baseURL, locale: "ko-KR", timezoneId: "Asia/Seoul", javaScriptEnabled });
    const page = await context.newPage();
    await signIn(page, "monitor@demo.kr");
    await page.goto(`/tickets/${id}/evaluation`);
    const selects = page.locator("select[id^=grade_]");
    const radios = page.getByRole("radio");
    const grades = await selects.count();
    const checks = (await radios.count()) / 2;
    expect(grades).toBeGreaterThan(5);
    expect(checks).toBeGreaterThan(1);
    // radios are tap targets of at least 24 × 24 px
    const box = await radios.first().boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(24);
    expect(box!.height).toBeGreaterThanOrEqual(24);
    await page.getByLabel("평가위원 성명").fill("박평가");
    await page.getByLabel("스마트공장의 사후관리 추진의지").selectOption("fair");
    await page.getByRole("button", { name: "평가 결과 제출" }).click();
    // every empty grade and every unanswered check at once, each with its message
    await expect(page.locator("select[id^=grade_][aria-invalid=true]")).toHaveCount(grades - 1);
    await expect(page.locator("input[type=radio][aria-invalid=true]")).toHaveCount(checks * 2);
    await expect(page.getByText("등급을 선택해 주세요.")).toHaveCount(grades - 1);
    await expect(page.getByText("예 또는 아니오를 선택해 주세요.")).toHaveCount(checks);
    await expect(page.getByLabel("스마트공장의 사후관리 추진의지")).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("평가위원 성명")).toHaveValue("박평가");
    if (javaScriptEnabled) {
      // the first missing input has the focus; answering one check leaves the others marked
      await expect(radios.first()).toBeFocused();
      await radios.first().check();
      await expect(page.getByText("예 또는 아니오를 선택해 주세요.")).toHaveCount(checks - 1);
      await expect(page.getByText("등급을 선택해 주세요.")).toHaveCount(grades - 1);
      // a draft may stay incomplete
      await page.getByRole("button", { name: "임시 저장" }).click();
      await expect(flash(page)).toHaveText("평가표를 임시 저장했습니다.");
      expect(sheetOf(id)).toEqual({ evaluatorName: "박평가", submittedAt: null });
    }
    expect(ticket(MISSING).state).toBe("site_evaluation");
    await context.close();
  }
});

test("지원결정: a decision page opened before the supplier's new quote is refused", async ({ browser, baseURL }) => {
  // 선정 is offered only when the rules allow it (ADR 028): a passed, submitted sheet and a quote
  addEvaluation(DECIDE, "good");
  addQuote(DECIDE, 30_000_000);
  const id = ticket(DECIDE).id;
  const { first, second, close } = await people(browser, baseURL, "vendor2@demo.kr");
  await first.goto(`/tickets/${id}/decision`);
  await expect(first.getByTestId("expected-subsidy")).toContainText("견적 30,000,000원");
  await changedMeanwhile(first, async () => {
    await second.goto(`/tickets/${id}/quote`);
    await second.getByRole("button", { name: "견적 저장" }).click();
    await expect(flash(second)).toContainText("견적 2차");
  });
  await first.getByRole("button", { name: "지원대상 선정" }).click();
  await expectConflict(first);
  expect(ticket(DECIDE).state).toBe("site_evaluation");
  expect(db().prepare(`SELECT version FROM Quote WHERE ticketId = ? ORDER BY version`).all(id)).toEqual([{ version: 1 }, { version: 2 }]);
  await close();
});

test("수행계획서 검토 accept: a page opened before the supplier revised the quote is refused", async ({ browser, baseURL }) => {
  const id = ticket(ACCEPT).id;
  const { first, second, close } = await people(browser, baseURL, "vendor2@demo.kr");
  await first.goto(`/tickets/${id}/plan-review`);
  await expect(first.getByTestId("plan")).toBeVisible();
  await changedMeanwhile(first, async () => {
    await second.goto(`/tickets/${id}/quote`);
    await second.getByRole("button", { name: "견적 저장" }).click();
    await expect(flash(second)).toContainText("견적 2차");
  });
  await first.getByRole("button", { name: "검토 완료(원가적정성 검토 의뢰)" }).click();
  await expectConflict(first);
  expect(ticket(ACCEPT).state).toBe("plan_submitted");
  expect(db().prepare(`SELECT version FROM Quote WHERE ticketId = ? ORDER BY version`).all(id)).toEqual([{ version: 1 }, { version: 2 }]);
  await close();
});

test("수행계획서 보완 요청: a request typed before another monitor's cost review is refused and kept", async ({ browser, baseURL }) => {
  const id = ticket(CHANGE).id;
  const { first, second, close } = await people(browser, baseURL);
  await first.goto(`/tickets/${id}/plan-review`);
  await first.getByLabel("보완 요청 내용").fill("투입 인력 계획을 구체적으로 적어 주세요.");
  await changedMeanwhile(first, () => recordCostReview(second, id));
  await first.getByRole("button", { name: "수행계획서 보완 요청" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("보완 요청 내용")).toHaveValue("투입 인력 계획을 구체적으로 적어 주세요.");
  expect(ticket(CHANGE).state).toBe("cost_review");
  expect(costReviews(id)).toEqual([{ verifiedAmount: 28_000_000 }]);
  await close();
});

test("선정취소: a cancellation typed before another monitor's cost review is refused and kept", async ({ browser, baseURL }) => {
  const id = ticket(CANCEL).id;
  const { first, second, close } = await people(browser, baseURL);
  await first.goto(`/tickets/${id}/cancel`);
  await first.getByLabel("취소 사유").fill("도입기업 폐업");
  await changedMeanwhile(first, () => recordCostReview(second, id));
  await first.getByRole("button", { name: "선정취소 내용 확인" }).click();
  await first.getByTestId("confirm-step").getByRole("button", { name: "선정취소 확정" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("취소 사유")).toHaveValue("도입기업 폐업");
  expect(ticket(CANCEL).state).toBe("cost_review");
  expect(costReviews(id)).toEqual([{ verifiedAmount: 28_000_000 }]);
  await close();
});
