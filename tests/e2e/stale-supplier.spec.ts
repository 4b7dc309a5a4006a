// No silent overwrite on the supplier's data-entry steps (quote, plan, work logs, completion
// report): a form opened before someone else's change (received as a live update) is refused
// with the conflict message on save, keeps what was typed, and leaves the other change intact.
// See stale-forms.ts.
import { expect, test } from "@playwright/test";
import { addDaysIso, addWorkLog, cloneSubmittedTicket, db, deleteTicket, seoulToday, ticket } from "./fixtures";
import { changedMeanwhile, expectConflict, flash, personPage } from "./stale-forms";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

const QUOTE = `${AS}0941`;
const PLAN = `${AS}0942`;
const WORK = `${AS}0943`;
const REPORT = `${AS}0944`;
const ALL = [QUOTE, PLAN, WORK, REPORT];

test.beforeAll(() => {
  cloneSubmittedTicket(`${AS}0004`, QUOTE, "견적 동시 입력 시험", "submitted");
  cloneSubmittedTicket(`${AS}0002`, PLAN, "수행계획서 동시 제출 시험", "selected", {
    selectionNoticeOn: addDaysIso(seoulToday(), -5),
    planDueOn: addDaysIso(seoulToday(), 9),
  });
  const running = { windowEndOn: addDaysIso(seoulToday(), 90) };
  cloneSubmittedTicket(`${AS}0001`, WORK, "작업일지 동시 처리 시험", "in_progress", running);
  cloneSubmittedTicket(`${AS}0001`, REPORT, "완료 보고 동시 제출 시험", "in_progress", running);
});
test.afterAll(() => {
  for (const number of ALL) {
    const where = `(SELECT id FROM Ticket WHERE number = ?)`;
    db().prepare(`DELETE FROM QuoteLine WHERE quoteId IN (SELECT id FROM Quote WHERE ticketId IN ${where})`).run(number);
    db().prepare(`DELETE FROM Quote WHERE ticketId IN ${where}`).run(number);
    db().prepare(`DELETE FROM PlanMilestone WHERE planId IN (SELECT id FROM ExecutionPlan WHERE ticketId IN ${where})`).run(number);
    db().prepare(`DELETE FROM ExecutionPlan WHERE ticketId IN ${where}`).run(number);
    db().prepare(`DELETE FROM WorkLog WHERE ticketId IN ${where}`).run(number);
    db().prepare(`DELETE FROM CompletionReport WHERE ticketId IN ${where}`).run(number);
    deleteTicket(number);
  }
});

test("quote: a form opened before another vendor user's save is refused, keeps the typed lines, and the other quote stands", async ({
  browser,
  baseURL,
}) => {
  const id = ticket(QUOTE).id;
  const first = await personPage(browser, baseURL, "vendor2@demo.kr");
  const second = await personPage(browser, baseURL, "vendor2@demo.kr");
  await first.goto(`/tickets/${id}/quote`);
  await first.getByLabel("1번 항목 내용").fill("첫 번째 탭의 설비");
  await first.getByLabel("1번 항목 수량").fill("2");
  await first.getByLabel("1번 항목 단가").fill("15000000");
  // live amounts as typed: separators, line amount, total, expected subsidy (cap 16,000,000) and company share
  await expect(first.getByLabel("1번 항목 단가")).toHaveValue("15,000,000");
  await expect(first.getByTestId("line-amount-0")).toHaveText("30,000,000원");
  await expect(first.getByTestId("typed-total")).toHaveText("30,000,000원");
  await expect(first.getByTestId("expected-subsidy")).toHaveText("15,000,000원");
  await expect(first.getByTestId("expected-company-share")).toHaveText("15,000,000원");
  await first.getByLabel("2번 항목 내용").fill("두 번째 항목");
  await first.getByLabel("2번 항목 수량").fill("1");
  await first.getByLabel("2번 항목 단가").fill("4,000,000");
  await expect(first.getByTestId("typed-total")).toHaveText("34,000,000원");
  await expect(first.getByTestId("expected-subsidy")).toHaveText("16,000,000원");
  await expect(first.getByTestId("expected-company-share")).toHaveText("18,000,000원");

  await changedMeanwhile(first, async () => {
    await second.goto(`/tickets/${id}/quote`);
    await second.getByLabel("1번 항목 내용").fill("다른 탭의 견적");
    await second.getByLabel("1번 항목 수량").fill("1");
    await second.getByLabel("1번 항목 단가").fill("9,000,000");
    await second.getByRole("button", { name: "견적 저장" }).click();
    await expect(flash(second)).toHaveText("견적 1차를 저장했습니다.");
  });

  await first.getByRole("button", { name: "견적 저장" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("1번 항목 내용")).toHaveValue("첫 번째 탭의 설비");
  await expect(first.getByLabel("1번 항목 단가")).toHaveValue("15,000,000");
  await expect(first.getByLabel("2번 항목 단가")).toHaveValue("4,000,000");
  const rows = db().prepare(`SELECT version, total FROM Quote WHERE ticketId = ?`).all(id);
  expect(rows).toEqual([{ version: 1, total: 9_000_000 }]);
  // told of the other change, a second save is deliberate: it becomes version 2
  await first.getByRole("button", { name: "견적 저장" }).click();
  await expect(flash(first)).toHaveText("견적 2차를 저장했습니다.");
  await first.context().close();
  await second.context().close();
});

test("plan: a plan form opened before another vendor user's submission is refused, keeps the typed plan, and the other plan stands", async ({
  browser,
  baseURL,
}) => {
  const id = ticket(PLAN).id;
  const first = await personPage(browser, baseURL, "vendor2@demo.kr");
  const second = await personPage(browser, baseURL, "vendor2@demo.kr");
  await first.goto(`/tickets/${id}/plan`);
  await first.getByLabel("수행 범위").fill("첫 번째 탭의 수행 범위");
  await first.getByLabel("1번 일정 내용").fill("첫 번째 탭 일정");
  await first.getByLabel("1번 일정 완료 예정일").fill(addDaysIso(seoulToday(), 30));
  await first.getByLabel("1번 일정 산출물").fill("설계서");
  await first.getByLabel("투입 인력").fill("PM 1명");

  await changedMeanwhile(first, async () => {
    await second.goto(`/tickets/${id}/plan`);
    await second.getByLabel("수행 범위").fill("다른 탭에서 제출한 범위");
    await second.getByLabel("1번 일정 내용").fill("다른 탭 일정");
    await second.getByLabel("1번 일정 완료 예정일").fill(addDaysIso(seoulToday(), 40));
    await second.getByLabel("1번 일정 산출물").fill("시험 결과서");
    await second.getByLabel("투입 인력").fill("PM 1명, 개발자 1명");
    await second.getByRole("button", { name: "수행계획서 제출" }).click();
    await expect(flash(second)).toContainText("수행계획서 1차를 제출했습니다.");
  });

  await first.getByRole("button", { name: "수행계획서 제출" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("수행 범위")).toHaveValue("첫 번째 탭의 수행 범위");
  await expect(first.getByLabel("1번 일정 내용")).toHaveValue("첫 번째 탭 일정");
  const plans = db().prepare(`SELECT version, scope FROM ExecutionPlan WHERE ticketId = ?`).all(id);
  expect(plans).toEqual([{ version: 1, scope: "다른 탭에서 제출한 범위" }]);
  expect(ticket(PLAN).state).toBe("plan_submitted");
  await first.context().close();
  await second.context().close();
});

function logRow(logId: string) {
  return db().prepare(`SELECT status, description, disputeComment, version FROM WorkLog WHERE id = ?`).get(logId) as {
    status: string;
    description: string;
    disputeComment: string | null;
    version: number;
  };
}

test("work log edit: a correction opened before the manufacturer's dispute is refused, keeps the typed text, and the dispute stands", async ({
  browser,
  baseURL,
}) => {
  const logId = addWorkLog(WORK, { status: "submitted" });
  const id = ticket(WORK).id;
  const vendor = await personPage(browser, baseURL, "vendor1@demo.kr");
  const maker = await personPage(browser, baseURL, "maker1@demo.kr");
  await vendor.goto(`/tickets/${id}/work-logs?edit=${logId}`);
  await expect(vendor.getByRole("heading", { name: /작업일지 수정/ })).toBeVisible();
  await vendor.getByLabel("작업 시간(시간)").fill("6");
  await vendor.getByLabel("작업 내용").fill("공급기업이 고친 작업 내용");

  await changedMeanwhile(vendor, async () => {
    await maker.goto(`/tickets/${id}/work-logs`);
    const card = maker.locator(`article.log-card[data-log-id="${logId}"]`);
    await card.getByLabel("이의 내용").fill("작업 시간이 실제와 다릅니다.");
    await card.getByRole("button", { name: "이의 제기" }).click();
    await expect(flash(maker)).toHaveText("이의를 제기했습니다. 공급기업이 수정하면 다시 확인할 수 있습니다.");
  });

  await vendor.getByRole("button", { name: "수정 내용 저장" }).click();
  await expectConflict(vendor);
  await expect(vendor.getByLabel("작업 시간(시간)")).toHaveValue("6");
  await expect(vendor.getByLabel("작업 내용")).toHaveValue("공급기업이 고친 작업 내용");
  expect(logRow(logId)).toMatchObject({ status: "disputed", description: "보고서 모듈 시험", disputeComment: "작업 시간이 실제와 다릅니다." });
  await vendor.context().close();
  await maker.context().close();
});

test("work log dispute and confirm: forms opened before the supplier's correction are refused, keep the typed comment, and the correction stands", async ({
  browser,
  baseURL,
}) => {
  const logId = addWorkLog(WORK, { status: "submitted" });
  const id = ticket(WORK).id;
  const vendor = await personPage(browser, baseURL, "vendor1@demo.kr");
  const maker = await personPage(browser, baseURL, "maker1@demo.kr");
  await maker.goto(`/tickets/${id}/work-logs`);
  const card = maker.locator(`article.log-card[data-log-id="${logId}"]`);
  await card.getByLabel("이의 내용").fill("사진이 빠졌습니다.");

  await changedMeanwhile(maker, async () => {
    await vendor.goto(`/tickets/${id}/work-logs?edit=${logId}`);
    await vendor.getByLabel("작업 내용").fill("보고서 모듈 시험 (수정본)");
    await vendor.getByRole("button", { name: "수정 내용 저장" }).click();
    await expect(flash(vendor)).toHaveText("작업일지를 수정했습니다. 도입기업의 확인을 기다립니다.");
  });
  await expect(card).toContainText("보고서 모듈 시험 (수정본)"); // the live update shows the correction

  await card.getByRole("button", { name: "이의 제기" }).click();
  await expectConflict(maker);
  await expect(card.getByLabel("이의 내용")).toHaveValue("사진이 빠졌습니다.");
  expect(logRow(logId)).toMatchObject({ status: "submitted", description: "보고서 모듈 시험 (수정본)", disputeComment: null });

  // the confirm button of the same card was opened on the old version too
  await card.getByRole("button", { name: "작업 확인" }).click();
  await expect(card.locator(".form-error[role=alert][data-conflict=true]")).toContainText("다른 사용자가 먼저 변경했습니다");
  expect(logRow(logId)).toMatchObject({ status: "submitted", description: "보고서 모듈 시험 (수정본)" });
  await vendor.context().close();
  await maker.context().close();
});

test("completion report: a report opened before the manufacturer confirmed a log is refused, keeps the typed report, and nothing is reported", async ({
  browser,
  baseURL,
}) => {
  addWorkLog(REPORT, { status: "confirmed" });
  const pending = addWorkLog(REPORT, { status: "submitted" });
  const id = ticket(REPORT).id;
  const vendor = await personPage(browser, baseURL, "vendor1@demo.kr");
  const maker = await personPage(browser, baseURL, "maker1@demo.kr");
  await vendor.goto(`/tickets/${id}/completion`);
  await expect(vendor.getByTestId("report-blockers")).toBeVisible();
  await vendor.getByLabel("수행 내용").fill("MES 버전업과 보고서 모듈");
  await vendor.getByLabel("수행 결과").fill("보고서 자동 생성");

  await changedMeanwhile(vendor, async () => {
    await maker.goto(`/tickets/${id}/work-logs`);
    await maker.locator(`article.log-card[data-log-id="${pending}"]`).getByRole("button", { name: "작업 확인" }).click();
    await expect(flash(maker)).toHaveText("작업일지를 확인했습니다.");
  });
  await expect(vendor.getByTestId("report-blockers")).toHaveCount(0);

  await vendor.getByRole("button", { name: "완료 보고 제출" }).click();
  await expectConflict(vendor);
  await expect(vendor.getByLabel("수행 내용")).toHaveValue("MES 버전업과 보고서 모듈");
  await expect(vendor.getByLabel("수행 결과")).toHaveValue("보고서 자동 생성");
  expect(db().prepare(`SELECT COUNT(*) AS n FROM CompletionReport WHERE ticketId = ?`).get(id)).toEqual({ n: 0 });
  expect(logRow(pending).status).toBe("confirmed");
  // told of the change, the second submission is deliberate and goes through
  await vendor.getByRole("button", { name: "완료 보고 제출" }).click();
  await expect(flash(vendor)).toHaveText("완료 보고를 제출했습니다. 과제가 완료점검 단계로 넘어갔습니다.");
  await vendor.context().close();
  await maker.context().close();
});
