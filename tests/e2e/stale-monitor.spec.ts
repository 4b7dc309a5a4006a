// No silent overwrite on the monitor's data-entry steps: a form opened before someone else's
// change (received as a live update) is refused with the conflict message on save, keeps what
// was typed, and leaves the other change intact. See stale-forms.ts.
import { expect, test } from "@playwright/test";
import { addDaysIso, cloneSubmittedTicket, db, deleteTicket, seoulToday, setState, submitQuoteAndPlan, ticket } from "./fixtures";
import { changedMeanwhile, expectConflict, flash, personPage } from "./stale-forms";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

const COST = `${AS}0931`;

test.beforeAll(() => {
  cloneSubmittedTicket(`${AS}0004`, COST, "원가검토 동시 입력 시험", "plan_submitted", {
    selectionNoticeOn: addDaysIso(seoulToday(), -5),
    planDueOn: addDaysIso(seoulToday(), 10),
  });
  submitQuoteAndPlan(COST, [
    { description: "MES 버전업", kind: "software", quantity: 1, unitPrice: 20_000_000 },
    { description: "보고서 모듈", kind: "software", quantity: 1, unitPrice: 10_000_000 },
  ]);
  setState(COST, "cost_review");
});
test.afterAll(() => deleteTicket(COST));

test("cost review: a form opened before another officer's save is refused, keeps the typed values, and the other result stands", async ({
  browser,
  baseURL,
}) => {
  const id = ticket(COST).id;
  const first = await personPage(browser, baseURL, "monitor@demo.kr");
  const second = await personPage(browser, baseURL, "monitor@demo.kr");
  await first.goto(`/tickets/${id}/cost-review`);
  await first.getByLabel("원가검증금액 (원)").fill("27000000");
  await expect(first.getByLabel("원가검증금액 (원)")).toHaveValue("27,000,000"); // separators as typed
  await first.getByLabel("검토 의견").fill("첫 번째 담당자 의견");

  await changedMeanwhile(first, async () => {
    await second.goto(`/tickets/${id}/cost-review`);
    await second.getByLabel("원가검증금액 (원)").fill("28,000,000");
    await second.getByRole("button", { name: "검토 결과 저장" }).click();
    await expect(flash(second)).toHaveText("원가적정성 검토 결과를 입력했습니다.");
  });

  await first.getByRole("button", { name: "검토 결과 저장" }).click();
  await expectConflict(first);
  await expect(first.getByLabel("원가검증금액 (원)")).toHaveValue("27,000,000");
  await expect(first.getByLabel("검토 의견")).toHaveValue("첫 번째 담당자 의견");
  const rows = db().prepare(`SELECT verifiedAmount FROM CostReview WHERE ticketId = ?`).all(id) as { verifiedAmount: number }[];
  expect(rows).toEqual([{ verifiedAmount: 28_000_000 }]);
  await first.context().close();
  await second.context().close();
});
