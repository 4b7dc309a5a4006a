import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { addDaysIso, cloneSubmittedTicket, db, deleteTicket, seoulToday, setState, submitQuoteAndPlan, ticket } from "./fixtures";
import { AS } from "./demo-numbers";

// The experts' own steps and the TP's confirmation of each (issue 16, ADR 030), in a browser against the
// real server: the external evaluator (evaluator@demo.kr) fills and submits the site evaluation sheet, the
// TP sees it awaiting, sends it back, then confirms it, and only then selects; the cost-accounting agency
// (cost@demo.kr) enters line amounts and its report, the TP returns it, the agency enters a new one, the
// TP confirms it and the agreement takes the verified amount. Both run on copies of AS-…-0004 assigned
// (as the TP's assignment page would leave them, the declaration made) to the demo experts.
test.describe.configure({ mode: "serial" });

const EVAL = `${AS}0961`;
const COST = `${AS}0962`;
const stamp = () => new Date().toISOString().replace("Z", "+00:00");

function userId(email: string): string {
  return (db().prepare(`SELECT id FROM User WHERE email = ?`).get(email) as { id: string }).id;
}
function userName(email: string): string {
  return (db().prepare(`SELECT name FROM User WHERE email = ?`).get(email) as { name: string }).name;
}

/** The TP assigned `email`'s organisation and person to the ticket, and they declared no conflict of interest. */
function assign(number: string, email: string, role: "evaluator" | "cost_agency") {
  const person = db().prepare(`SELECT id, organizationId FROM User WHERE email = ?`).get(email) as { id: string; organizationId: string };
  db()
    .prepare(
      `INSERT INTO TicketAssignment (id, ticketId, organizationId, userId, role, assignedById, assignedAt, conflictDeclaredAt, conflictDeclaredById, conflictStatement, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '(테스트 준비) 이해충돌 없음', 1)`,
    )
    .run(
      `fx${crypto.randomUUID().slice(0, 20)}`,
      ticket(number).id,
      person.organizationId,
      person.id,
      role,
      userId("monitor@demo.kr"),
      stamp(),
      stamp(),
      person.id,
    );
}

function assignmentOf(number: string, role: string) {
  return db().prepare(`SELECT endedAt, endReason FROM TicketAssignment WHERE ticketId = ? AND role = ?`).get(ticket(number).id, role) as {
    endedAt: string | null;
    endReason: string | null;
  };
}

test.beforeAll(() => {
  cloneSubmittedTicket(`${AS}0004`, EVAL, "사출 MES 버전 업그레이드 (외부전문가 평가 시험)", "site_evaluation");
  assign(EVAL, "evaluator@demo.kr", "evaluator");
  const today = seoulToday();
  cloneSubmittedTicket(`${AS}0004`, COST, "사출 MES 버전 업그레이드 (원가계산기관 시험)", "selected", {
    selectionNoticeOn: today,
    planDueOn: addDaysIso(today, 14),
  });
  submitQuoteAndPlan(COST, [
    { kind: "sw", description: "MES 4.0 버전업", quantity: 1, unitPrice: 24_000_000 },
    { kind: "labour", description: "생산 보고서 모듈 개발", quantity: 1, unitPrice: 6_000_000 },
  ]);
  setState(COST, "cost_review");
  assign(COST, "cost@demo.kr", "cost_agency");
});
test.afterAll(() => {
  deleteTicket(EVAL);
  deleteTicket(COST);
});

const toast = (page: Page) => page.getByTestId("flash");

/** Signs in as `email` in the same browser (the previous person's session is dropped first). */
async function as(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
}

async function open(page: Page, number: string, path: string) {
  await page.goto(`/tickets/${ticket(number).id}/${path}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(number);
}

/** Fills the score sheet: every applicable check "예", every grade 보통 (60 points: passes). */
async function fillSheet(page: Page) {
  for (const radio of await page.getByRole("radio", { name: /: 예$/ }).all()) await radio.check();
  for (const select of await page.locator("select[id^=grade_]").all()) await select.selectOption("fair");
}

const evaluation = (number: string) =>
  db().prepare(`SELECT submittedAt, submittedByRole, confirmedAt, totalScore FROM SiteEvaluation WHERE ticketId = ?`).get(ticket(number).id) as {
    submittedAt: string | null;
    submittedByRole: string | null;
    confirmedAt: string | null;
    totalScore: number;
  };

test("the evaluator's sheet awaits the TP (selection refused), is sent back, resubmitted and confirmed; then selection", async ({ page }) => {
  test.setTimeout(120_000);
  const evaluatorName = userName("evaluator@demo.kr");
  await as(page, "evaluator@demo.kr");
  await open(page, EVAL, "evaluation");
  // who evaluates: the assigned person by default, and the notice's rule that the TP may take part
  await expect(page.getByTestId("assigned-evaluator")).toContainText(evaluatorName);
  await expect(page.getByLabel("평가위원 성명")).toHaveValue(evaluatorName);
  await expect(page.getByText("필요시 제조혁신센터(TP) 참여 가능")).toBeVisible();
  await fillSheet(page);
  await expect(page.getByTestId("live-total")).toHaveText("60");
  await page.getByRole("button", { name: "평가 결과 제출" }).click();
  await expect(toast(page)).toContainText("운영기관(TP)이 확인할 때까지");
  await expect(page.getByTestId("evaluation-status")).toContainText("확인 대기");
  await expect(page.getByLabel("평가위원 성명")).toBeDisabled();
  expect(evaluation(EVAL)).toMatchObject({ submittedByRole: "evaluator", confirmedAt: null, totalScore: 60 });

  // the TP sees it awaiting; 선정 is refused with the reason until it is confirmed (shown, and on a post)
  await as(page, "monitor@demo.kr");
  await open(page, EVAL, "evaluation");
  await expect(page.getByTestId("evaluation-status")).toContainText("확인 대기");
  await open(page, EVAL, "decision");
  await expect(page.getByRole("button", { name: "지원대상 선정" })).toBeDisabled();
  await expect(page.locator("#why-select")).toContainText("외부전문가가 제출한 평가표를 먼저 확인하세요.");
  const posted = await page.request.post(`/tickets/${ticket(EVAL).id}/decision`, {
    form: { __step: "decision", intent: "select", version: String(ticket(EVAL).version) },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(posted.status()).toBe(400);
  expect(await posted.text()).toContain("외부전문가가 제출한 평가표를 먼저 확인하세요.");
  expect(ticket(EVAL).state).toBe("site_evaluation");

  // sent back with a reason: unlocked for the evaluator, who reads why
  await open(page, EVAL, "evaluation");
  await page.getByLabel("보완 요청 사유").fill("평가일을 현장 방문일로 고쳐 주세요.");
  await page.getByRole("button", { name: "보완 요청" }).click();
  await expect(toast(page)).toContainText("보완을 요청했습니다");
  expect(evaluation(EVAL)).toMatchObject({ submittedAt: null, confirmedAt: null });
  await as(page, "evaluator@demo.kr");
  await open(page, EVAL, "evaluation");
  await expect(page.getByTestId("evaluation-returned")).toContainText("평가일을 현장 방문일로 고쳐 주세요.");
  await expect(page.getByLabel("평가위원 성명")).toBeEnabled();
  await page.getByLabel("평가일").fill(addDaysIso(seoulToday(), -1));
  await page.getByRole("button", { name: "평가 결과 제출" }).click();
  await expect(page.getByTestId("evaluation-status")).toContainText("확인 대기");

  // confirmed: selection possible, and the evaluator's assignment (and its access) ends
  await as(page, "monitor@demo.kr");
  await open(page, EVAL, "evaluation");
  await page.getByRole("button", { name: "평가표 확인" }).click();
  await expect(toast(page)).toContainText("외부전문가의 현장평가표를 확인했습니다");
  await expect(page.getByTestId("evaluation-status")).toContainText("확인 완료");
  expect(evaluation(EVAL).confirmedAt).not.toBeNull();
  expect(assignmentOf(EVAL, "evaluator")).toMatchObject({ endReason: "step_closed" });
  await open(page, EVAL, "decision");
  await page.getByRole("button", { name: "지원대상 선정" }).click();
  await expect(toast(page)).toHaveText("지원대상으로 선정했습니다.");
  expect(ticket(EVAL).state).toBe("selected");

  await as(page, "evaluator@demo.kr");
  const gone = await page.goto(`/tickets/${ticket(EVAL).id}/evaluation`);
  expect(gone?.status()).toBe(404);
});

const review = (number: string) =>
  db()
    .prepare(
      `SELECT status, reviewerRole, verifiedAmount, reportFileId, decisionNote FROM CostReview WHERE ticketId = ? ORDER BY createdAt DESC`,
    )
    .get(ticket(number).id) as {
    status: string;
    reviewerRole: string;
    verifiedAmount: number;
    reportFileId: string | null;
    decisionNote: string | null;
  };

const REPORT = {
  name: "원가계산 결과 보고서.pdf",
  mimeType: "application/pdf",
  buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
};

/** The agency's form: the two lines' verified amounts, the total and the report. */
async function enterReview(page: Page, first: string, second: string, total: string) {
  await page.getByLabel("MES 4.0 버전업").fill(first);
  await page.getByLabel("생산 보고서 모듈 개발").fill(second);
  await page.getByLabel("원가검증금액 (원)").fill(total);
  await page.getByLabel("검토 의견").fill("개발 공수 조정");
  await page.getByLabel(/원가계산 결과 보고서/).setInputFiles(REPORT);
  await page.getByRole("button", { name: "검토 결과 제출" }).click();
}

test("the agency's review with its report awaits the TP, is returned, entered again and confirmed; the agreement takes its amount", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await as(page, "cost@demo.kr");
  await open(page, COST, "cost-review");
  await expect(page.getByTestId("quote-total")).toHaveText("30,000,000원");
  await enterReview(page, "23,000,000", "5,000,000", "28,000,000");
  await expect(toast(page)).toContainText("운영기관(TP)의 확인을 기다립니다");
  await expect(page.getByTestId("cost-awaiting")).toContainText("28,000,000원");
  expect(review(COST)).toMatchObject({ status: "submitted", reviewerRole: "cost_agency", verifiedAmount: 28_000_000 });
  expect(review(COST).reportFileId).not.toBeNull();
  // the ticket's figures do not move before the TP confirms
  expect(db().prepare(`SELECT agreedCost, revisionDueOn FROM Ticket WHERE id = ?`).get(ticket(COST).id)).toEqual({
    agreedCost: null,
    revisionDueOn: null,
  });

  // the TP sees it awaiting (its own entry refused meanwhile) and returns it with a reason
  await as(page, "monitor@demo.kr");
  await open(page, COST, "cost-review");
  await expect(page.getByTestId("cost-review-status")).toContainText("확인 대기");
  await expect(page.getByTestId("expert-decision")).toContainText("28,000,000원");
  await expect(page.getByRole("button", { name: "검토 결과 저장" })).toBeDisabled();
  await page.getByLabel("보완 요청 사유").fill("인건비 산정 근거를 보고서에 보완해 주세요.");
  await page.getByRole("button", { name: "보완 요청" }).click();
  await expect(toast(page)).toContainText("보완을 요청했습니다");
  expect(review(COST)).toMatchObject({ status: "returned", decisionNote: "인건비 산정 근거를 보고서에 보완해 주세요." });

  // the agency reads why and enters a new review
  await as(page, "cost@demo.kr");
  await open(page, COST, "cost-review");
  await expect(page.getByTestId("cost-review-returned")).toContainText("인건비 산정 근거를 보고서에 보완해 주세요.");
  await enterReview(page, "22,000,000", "5,000,000", "27,000,000");
  await expect(toast(page)).toContainText("운영기관(TP)의 확인을 기다립니다");

  // confirmed: in effect, the agency's step (and access) ends, the agreement takes the verified amount
  await as(page, "monitor@demo.kr");
  await open(page, COST, "cost-review");
  await expect(page.getByTestId("cost-awaiting")).toContainText("27,000,000원");
  await page.getByRole("button", { name: "검토 결과 확인" }).click();
  await expect(toast(page)).toContainText("원가계산기관의 검토 결과를 확인했습니다");
  await expect(page.getByTestId("cost-result")).toContainText("27,000,000원");
  // the report is stored through the upload checks and downloadable by the TP
  const reportHref = (await page.getByTestId("cost-report").first().getAttribute("href"))!;
  const download = await page.request.get(reportHref);
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
  expect(review(COST)).toMatchObject({ status: "confirmed", verifiedAmount: 27_000_000 });
  expect(assignmentOf(COST, "cost_agency")).toMatchObject({ endReason: "step_closed" });
  const lines = db()
    .prepare(`SELECT verifiedAmount FROM QuoteLine l JOIN Quote q ON q.id = l.quoteId WHERE q.ticketId = ? ORDER BY l.sortOrder`)
    .all(ticket(COST).id);
  expect(lines).toEqual([{ verifiedAmount: 22_000_000 }, { verifiedAmount: 5_000_000 }]);
  await open(page, COST, "agreement");
  await expect(page.locator("main")).toContainText("27,000,000원");

  await as(page, "cost@demo.kr");
  const gone = await page.goto(`/tickets/${ticket(COST).id}/cost-review`);
  expect(gone?.status()).toBe(404);
});

test("malformed and foreign posts to both pages: a Korean refusal, never a 5xx, nothing written", async ({ page }) => {
  await as(page, "monitor@demo.kr");
  const reviews = () => (db().prepare(`SELECT COUNT(*) AS n FROM CostReview WHERE ticketId = ?`).get(ticket(COST).id) as { n: number }).n;
  const before = reviews();
  const post = async (number: string, path: string, form: Record<string, string>) => {
    const reply = await page.request.post(`/tickets/${ticket(number).id}/${path}`, {
      form: { version: String(ticket(number).version), ...form },
      headers: { Origin: new URL(page.url()).origin },
      maxRedirects: 0,
    });
    return { status: reply.status(), text: await reply.text() };
  };
  for (const [path, form] of [
    ["evaluation", { __step: "evaluation" }],
    ["evaluation", { __step: "evaluation", intent: "approve" }],
    ["evaluation", { __step: "evaluation-return", intent: "return", reason: "" }],
    ["cost-review", { __step: "cost-review" }],
    ["cost-review", { __step: "cost-review-confirm", intent: "confirm" }],
    ["cost-review", { __step: "cost-review-return", intent: "return", reason: "x".repeat(1001) }],
    ["cost-review", { __step: "cost-review", intent: "record", verifiedAmount: "-1", resultOn: "2026-13-40" }],
  ] as const) {
    const reply = await post(path === "evaluation" ? EVAL : COST, path, form);
    expect(reply.status, `${path} ${JSON.stringify(form)}`).toBeGreaterThanOrEqual(400);
    expect(reply.status, `${path} ${JSON.stringify(form)}`).toBeLessThan(500);
    expect(reply.text).toMatch(/[가-힣]/);
  }
  expect(reviews()).toBe(before);
  // an expert of the other kind reads neither page: the agency is not the evaluator
  await as(page, "cost@demo.kr");
  expect((await page.goto(`/tickets/${ticket(EVAL).id}/evaluation`))?.status()).toBe(404);
});
