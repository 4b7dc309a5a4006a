// The demo can be walked step by step (issue 17 item 5, ADR 040): on a fresh demo server, for each of the
// notice's twelve steps, the demo ticket sitting at that step, the demo account whose turn it is (its 할 일 on
// the ticket page, or an expert's list) and that step's main action offered — never refused for data the demo
// lacks. On 0004 the TP takes the requirement review through to its pass, on the documents the demo seeded.
import { expect, test, type Page } from "@playwright/test";
import { NOTICE_STEPS, STATE_STEP, type PendingKind, type TicketState } from "~/domain";
import { signIn } from "./helpers";
import { ticket } from "./fixtures";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

/** Where the step's main action is done: a one-click button in the 할 일, or a page whose form takes the actor's input. */
type Offer = { button: string } | { page: string; button: string };

interface WalkStep {
  serial: string;
  account: string;
  /** The account's 할 일 on the ticket (app/domain/pending.ts). */
  kind: PendingKind;
  offer: Offer;
  /** An assigned expert declares no conflict of interest before anything else (ADR 029). */
  expert?: boolean;
}

// The README's demo table, step by step (prisma/demo-data.ts).
const WALK: Record<(typeof NOTICE_STEPS)[number]["no"], WalkStep> = {
  1: { serial: "0012", account: "maker3@demo.kr", kind: "write_application", offer: { button: "신청서 제출" } },
  2: { serial: "0004", account: "monitor@demo.kr", kind: "start_review", offer: { button: "요건검토 시작" } },
  3: { serial: "0011", account: "monitor@demo.kr", kind: "finish_review", offer: { button: "요건검토 통과" } },
  4: { serial: "0005", account: "evaluator@demo.kr", kind: "evaluate", offer: { page: "evaluation", button: "평가 결과 제출" }, expert: true },
  5: { serial: "0002", account: "vendor2@demo.kr", kind: "submit_plan", offer: { page: "plan", button: "수행계획서 제출" } },
  6: { serial: "0010", account: "monitor@demo.kr", kind: "review_plan", offer: { button: "수행계획서 검토 완료(원가적정성 검토 의뢰)" } },
  7: {
    serial: "0006",
    account: "cost@demo.kr",
    kind: "record_cost_review",
    offer: { page: "cost-review", button: "검토 결과 제출" },
    expert: true,
  },
  8: { serial: "0008", account: "maker2@demo.kr", kind: "deposit_share", offer: { page: "payment", button: "입금 등록" } },
  9: { serial: "0013", account: "vendor2@demo.kr", kind: "start_work", offer: { button: "과제 착수" } },
  10: { serial: "0001", account: "vendor1@demo.kr", kind: "do_work", offer: { page: "work-logs", button: "작업일지 등록" } },
  11: { serial: "0007", account: "monitor@demo.kr", kind: "start_follow_up", offer: { button: "사후관리 시작" } },
  12: { serial: "0014", account: "monitor@demo.kr", kind: "follow_up", offer: { page: "completion-check", button: "사후관리 기록 저장" } },
};

/** An assigned expert finds the ticket in its list, declares no conflict (offered, not refused) and lands on the ticket. */
async function declareAsExpert(page: Page, id: string, number: string) {
  await page.goto("/tickets");
  await expect(page.getByTestId("home-todo").locator(`[data-ticket-number="${number}"][data-pending-kind="declare_conflict"]`)).toBeVisible();
  await page.goto(`/tickets/${id}`);
  await expect(page).toHaveURL(new RegExp(`/tickets/${id}/conflict$`));
  await page.getByLabel("위 내용을 확인했으며 사실과 같습니다.").check();
  await expect(page.getByRole("button", { name: "이해충돌 없음 확인" })).toBeEnabled();
  await page.getByRole("button", { name: "이해충돌 없음 확인" }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${id}$`));
}

/** The account's 할 일 holds the step, and its action is offered: enabled, with no reason against it. */
async function expectOffered(page: Page, id: string, step: WalkStep) {
  const todo = page.getByTestId("my-todo").locator(`li[data-pending-kind="${step.kind}"]`);
  await expect(todo).toBeVisible();
  if (!("page" in step.offer)) {
    await expect(todo.locator(".reasons li")).toHaveCount(0);
    await expect(todo.getByRole("button", { name: step.offer.button, exact: true })).toBeEnabled();
    return;
  }
  // a step that takes the actor's own input (a sheet, a plan, a deposit, a log): its page's form is open to it
  await page.goto(`/tickets/${id}/${step.offer.page}`);
  await expect(page.getByRole("button", { name: step.offer.button, exact: true })).toBeEnabled();
}

for (const notice of NOTICE_STEPS) {
  const step = WALK[notice.no];
  test(`⑫ 중 ${notice.no}. ${notice.label}: ${AS}${step.serial}, ${step.account}의 할 일이 막히지 않습니다`, async ({ page }) => {
    const t = ticket(`${AS}${step.serial}`);
    expect(STATE_STEP[t.state as TicketState], `${t.number} (${t.state}) sits at step ${notice.no}`).toBe(notice.no);
    await signIn(page, step.account);
    if (step.expert) await declareAsExpert(page, t.id, t.number);
    else await page.goto(`/tickets/${t.id}`);
    await expectOffered(page, t.id, step);
  });
}

test(`요건검토 on ${AS}0004 passes on the documents the demo seeded`, async ({ page }) => {
  const t = ticket(`${AS}0004`);
  await signIn(page, "monitor@demo.kr");
  await page.goto(`/tickets/${t.id}`);
  await page.getByRole("button", { name: "요건검토 시작" }).click();
  await expect(page.getByRole("button", { name: "요건검토 통과" }).first()).toBeEnabled();

  // the review page: eligible, every required document present and valid, the files listed
  await page.goto(`/tickets/${t.id}/review`);
  await expect(page.getByTestId("eligibility")).toHaveText("신청자격 요건을 충족합니다.");
  const checklist = page.getByTestId("checklist");
  await expect(checklist).toContainText("사업자등록증명원");
  for (const gap of ["제출되지 않았습니다", "재무제표가 없습니다", "이내여야 합니다", "이후로 입력되어"])
    await expect(checklist).not.toContainText(gap);
  await expect(page.getByText("현재 통과할 수 없습니다")).toHaveCount(0);
  await expect(page.getByTestId("documents").getByRole("link").first()).toBeVisible();

  await page.goto(`/tickets/${t.id}`);
  await page.getByRole("button", { name: "요건검토 통과" }).first().click();
  await expect(page.locator("main .badge").first()).toHaveText("현장평가");
  expect(ticket(`${AS}0004`).state).toBe("site_evaluation");
});
