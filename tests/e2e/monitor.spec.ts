import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { GYEONGGI_2024_PARAMS, executionWindow } from "~/domain";
import {
  addApplicationDocuments,
  addCompletionReport,
  addDaysIso,
  addWorkLog,
  cloneSubmittedTicket,
  confirmWorkLog,
  countsByState,
  db,
  deleteTicket,
  requestExtension,
  seoulToday,
  setCapacity,
  setState,
  submitQuoteAndPlan,
  ticket,
} from "./fixtures";
import { AS, DEMO_PROGRAM, DEMO_YEAR } from "./demo-numbers";

// The monitor (운영기관, monitor@demo.kr) runs the Technopark's side of the program.
// Tests share one seeded database and run in order. The full walk-through runs on a copy of
// AS-…-0004 (submitted; 대성플라스틱 × 넥스트엠이에스, SW 업그레이드) so that the other specs,
// which run against the same database, still find the seed tickets as described.
test.describe.configure({ mode: "serial" });

const FLOW = `${AS}0904`;
const BONUS = `${AS}0911`;
test.beforeAll(() => {
  cloneSubmittedTicket(`${AS}0004`, FLOW, "사출 MES 버전 업그레이드 (흐름 시험)");
  cloneSubmittedTicket(`${AS}0011`, BONUS, "POP 단말 바코드 인식 오류 해결 (가점 시험)", "site_evaluation");
});
test.afterAll(() => {
  deleteTicket(FLOW);
  deleteTicket(BONUS);
});

const koreanDate = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}년 ${m}월 ${d}일`;
};

/** The page's own outcome messages (the layout has other live regions). */
const toast = (page: Page) => page.getByTestId("flash");
const alert = (page: Page) => page.locator(".form-error[role=alert]");

/** Posts a step of ticket `number` as a hand-made request would (same origin, the current version): the server's own answer. */
async function postStep(page: Page, number: string, path: string, form: Record<string, string>) {
  const response = await page.request.post(`/tickets/${ticket(number).id}/${path}`, {
    form: { ...form, version: String(ticket(number).version) },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}

const PROOF_PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const proofFile = (name: string) => ({ name, mimeType: "application/pdf", buffer: PROOF_PDF });

/** One company's steps in its own signed-in browser context. */
async function asCompany(browser: Browser, baseURL: string | undefined, email: string, steps: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ baseURL, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  const company = await context.newPage();
  await signIn(company, email);
  await steps(company);
  await context.close();
}

async function openTicket(page: Page, number: string) {
  await page.goto(`/tickets/${ticket(number).id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(number);
}

async function step(page: Page, number: string, path: string) {
  await page.goto(`/tickets/${ticket(number).id}/${path}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(number);
}

/** Fills the score sheet: every applicable check "예", every grade 보통 except those given. */
async function fillSheet(page: Page, grades: Record<string, string> = {}) {
  await page.getByLabel("평가위원 성명").fill("박평가");
  for (const radio of await page.getByRole("radio", { name: /: 예$/ }).all()) await radio.check();
  for (const select of await page.locator("select[id^=grade_]").all()) {
    const id = (await select.getAttribute("id"))!.slice("grade_".length);
    await select.selectOption(grades[id] ?? "fair");
  }
}

test("dashboard counts, next actor and due lists match the database", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  await expect(page).toHaveURL(/\/dashboard/);
  const counts = countsByState();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThanOrEqual(12); // the non-draft seed tickets and this spec's two copies
  for (const state of [
    "submitted",
    "requirement_review",
    "site_evaluation",
    "selected",
    "plan_submitted",
    "cost_review",
    "agreed",
    "in_progress",
    "completed",
    "not_selected",
    "funded",
  ]) {
    await expect(page.locator(`[data-state=${state}] .n`), state).toHaveText(String(counts[state] ?? 0));
  }
  await expect(page.getByTestId("list-total")).toHaveText(`${total}건`);
  // who acts next, per row
  await expect(page.locator(`[data-ticket-row="${AS}0002"] [data-testid=next-actor]`)).toHaveText("공급기업");
  // the flow's ticket waits for the TP's review and for its supplier's quote (the pending-actions rule names both)
  await expect(page.locator(`[data-ticket-row="${FLOW}"] [data-testid=next-actor]`)).toHaveText("운영기관(TP) · 공급기업");
  // AS-…-0002: plan due in 5 days → in the 7-day list with its D-day badge
  await expect(page.getByTestId("due-soon").locator(`[data-ticket-row="${AS}0002"]`)).toContainText("계획서 제출 D-5");
  // capacity gauge: tickets holding a place (selected and later)
  const holding = db()
    .prepare(
      `SELECT COUNT(*) AS n FROM Ticket WHERE state IN ('selected','plan_submitted','cost_review','plan_revision','agreed','funded','in_progress','completion_check','completed','follow_up')`,
    )
    .get() as { n: number };
  await expect(page.getByTestId("gauge-선정 기업")).toContainText(`${holding.n}개사 / 64개사`);
  // a filter: the supplier breakdown link narrows the list
  await page.getByTestId("by-supplier").getByRole("link", { name: "(주)넥스트엠이에스" }).click();
  const vendor2 = db()
    .prepare(
      `SELECT COUNT(*) AS n FROM Ticket t JOIN Organization o ON o.id = t.supplierId WHERE o.name = '(주)넥스트엠이에스' AND t.state <> 'draft'`,
    )
    .get() as { n: number };
  await expect(page.getByTestId("list-total")).toHaveText(`${vendor2.n}건`);
  // search
  await page.getByLabel("검색").fill(`${AS}0004`);
  await page.getByRole("button", { name: "조회" }).click();
  await expect(page.getByTestId("ticket-list").locator("tbody tr")).toHaveCount(1);
});

test(`a copy of ${AS}0004 from 신청접수 to 사후관리`, async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const N = FLOW;
  const today = seoulToday();
  // the period starts on the day of selection (today): its ends as the rules give them (ADR 031)
  const period = executionWindow(today, 0, GYEONGGI_2024_PARAMS);
  const extended = executionWindow(today, 2, GYEONGGI_2024_PARAMS);
  addApplicationDocuments(N);
  await signIn(page, "monitor@demo.kr");

  // ③ 요건검토: start (one click), look at the verdict and the files, pass (one click)
  await openTicket(page, N);
  await page.getByRole("button", { name: "요건검토 시작" }).click();
  await expect(page.getByRole("button", { name: "요건검토 통과" })).toBeVisible();
  await step(page, N, "review");
  await expect(page.getByTestId("eligibility")).toHaveText("신청자격 요건을 충족합니다.");
  await expect(page.getByTestId("documents").getByRole("link")).toHaveCount(10);
  await expect(page.getByTestId("checklist")).not.toContainText("제출되지 않았습니다 (발행일");
  await openTicket(page, N);
  await page.getByRole("button", { name: "요건검토 통과" }).click();
  await expect(page.locator('[data-action="submit_evaluation"]')).toBeVisible();

  // ④ 현장평가: a failing sheet first (live 57 → 부적합 · 불합격), then a passing one; no bonus for maker2
  // the ticket page's button is disabled until the sheet is complete, with the reason
  await expect(page.locator('[data-action="submit_evaluation"]')).toContainText("현장평가표의 모든 항목");
  await step(page, N, "evaluation");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("현장평가표");
  await expect(page.getByTestId("bonus")).toHaveText("가점 0점");
  await fillSheet(page, { management_will: "weak" });
  await expect(page.getByTestId("live-total")).toHaveText("57");
  await expect(page.getByTestId("live-result")).toHaveText("부적합 · 불합격");
  await page.getByLabel("스마트공장의 사후관리 추진의지").selectOption("fair");
  await expect(page.getByTestId("live-total")).toHaveText("60");
  await expect(page.getByTestId("live-result")).toHaveText("적합 · 합격");
  // an unsuitable check fails the sheet whatever the score
  await page.getByRole("radio", { name: /공급기업으로부터 유무상 하자보수 기간이 만료되었는지 여부: 아니오/ }).check();
  await expect(page.getByTestId("live-result")).toHaveText("부적합 · 불합격");
  await page.getByRole("radio", { name: /공급기업으로부터 유무상 하자보수 기간이 만료되었는지 여부: 예/ }).check();
  await page.getByRole("button", { name: "평가 결과 제출" }).click();
  await expect(toast(page)).toContainText("현장평가 결과를 제출했습니다");
  await expect(page.getByLabel("평가위원 성명")).toBeDisabled();
  const ev = db().prepare(`SELECT totalScore, passed, bonusPoints, submittedAt FROM SiteEvaluation WHERE ticketId = ?`).get(ticket(N).id) as {
    totalScore: number;
    passed: number;
    bonusPoints: number;
    submittedAt: string;
  };
  expect(ev).toMatchObject({ totalScore: 60, passed: 1, bonusPoints: 0 });
  await page.goto(`/tickets/${ticket(N).id}/evaluation?print=1`);
  await expect(page.getByRole("button", { name: "인쇄" })).toBeVisible();

  // ⑤ 지원결정: select → notice today, plan due today + 14
  await step(page, N, "decision");
  await expect(page.getByTestId("evaluation-result")).toContainText("60점");
  await page.getByRole("button", { name: "지원대상 선정" }).click();
  await expect(toast(page)).toHaveText("지원대상으로 선정했습니다.");
  const selected = db().prepare(`SELECT state, selectionNoticeOn, planDueOn FROM Ticket WHERE number = ?`).get(N);
  expect(selected).toEqual({ state: "selected", selectionNoticeOn: today, planDueOn: addDaysIso(today, 14) });
  await openTicket(page, N);
  await expect(page.getByTestId("amounts")).toContainText(koreanDate(addDaysIso(today, 14)));

  // ⑥ the supplier submits quote (30,000,000원) and plan (fixture); the monitor accepts the plan
  submitQuoteAndPlan(N, [
    { kind: "sw", description: "MES 4.0 버전업", quantity: 1, unitPrice: 24_000_000 },
    { kind: "labour", description: "생산 보고서 모듈 개발", quantity: 1, unitPrice: 6_000_000 },
  ]);
  await step(page, N, "plan-review");
  await expect(page.getByTestId("plan")).toContainText("MES 4.0 버전업 및 생산 보고서 모듈 개발");
  await page.getByRole("button", { name: "검토 완료(원가적정성 검토 의뢰)" }).click();
  await expect(toast(page)).toContainText("원가적정성 검토를 의뢰했습니다");

  // ⑦ 원가적정성 검토: verified 28,000,000 < quote 30,000,000
  await step(page, N, "cost-review");
  await expect(page.getByTestId("quote-total")).toHaveText("30,000,000원");
  await page.getByLabel("원가검증금액 (원)").fill("28,000,000");
  await expect(page.getByTestId("amounts-preview")).toContainText("14,000,000원");
  await page.getByLabel("검토 의견").fill("개발 공수 조정");
  await page.getByRole("button", { name: "검토 결과 저장" }).click();
  await expect(toast(page)).toHaveText("원가적정성 검토 결과를 입력했습니다.");
  await expect(page.getByTestId("cost-result")).toContainText("28,000,000원");

  // ⑧ 협약: the TP prepares the draft (start today, the day of selection → the base end and the extension limit shown),
  // the manufacturer and the supplier each consent in their own browser, then the TP concludes at the lower cost
  await step(page, N, "agreement");
  await page.getByLabel("사업 시작일").fill(today);
  await expect(page.getByTestId("end-on")).toContainText(koreanDate(period.baseEndOn));
  await expect(page.getByTestId("max-end-on")).toContainText(koreanDate(extended.endOn));
  await expect(page.getByTestId("agreed-cost")).toHaveText("28,000,000원");
  await expect(page.getByTestId("subsidy")).toHaveText("14,000,000원");
  await expect(page.getByTestId("company-share")).toHaveText("14,000,000원");
  await page.getByRole("button", { name: "협약안 작성" }).click();
  await expect(toast(page)).toHaveText("협약안을 저장했습니다.");
  await expect(page.getByRole("button", { name: "협약 체결" })).toBeDisabled();
  for (const email of ["maker2@demo.kr", "vendor2@demo.kr"]) {
    const context = await browser.newContext({ baseURL, locale: "ko-KR", timezoneId: "Asia/Seoul" });
    const company = await context.newPage();
    await signIn(company, email);
    await step(company, N, "agreement");
    await company.getByLabel(/위 협약서 전문을 읽었으며/).check();
    await company.getByRole("button", { name: "협약안에 동의" }).click();
    await expect(toast(company)).toHaveText("협약안에 동의했습니다.");
    await context.close();
  }
  await page.reload();
  await page.getByRole("button", { name: "협약 체결" }).click();
  await expect(toast(page)).toHaveText("협약을 체결했습니다.");
  await expect(page.getByTestId("agreement")).toContainText(`${koreanDate(today)} ~ ${koreanDate(period.baseEndOn)}`);
  await openTicket(page, N);
  await expect(page.getByTestId("amounts")).toContainText("28,000,000원");
  await expect(page.getByTestId("amounts")).toContainText("14,000,000원");

  // ⑨ 사업비 지급: the manufacturer deposits its share (기업부담금) with the transfer proof, the TP confirms it,
  // records the payee account, pays the subsidy (the amount defaults to what remains of it) and declares funding complete
  await asCompany(browser, baseURL, "maker2@demo.kr", async (maker) => {
    await step(maker, N, "payment");
    await expect(maker.getByLabel("입금액 (원)")).toHaveValue("14,000,000");
    await maker.getByLabel("이체확인증").setInputFiles(proofFile("기업부담금_이체확인증.pdf"));
    await maker.getByRole("button", { name: "입금 등록" }).click();
    await expect(toast(maker)).toHaveText("기업부담금 입금을 등록했습니다. 운영기관의 확인을 기다립니다.");
  });
  await step(page, N, "payment");
  await page.getByRole("button", { name: "입금 확인" }).click();
  await expect(toast(page).first()).toHaveText("기업부담금 입금을 확인했습니다.");
  await page.getByLabel("은행").fill("IBK기업은행");
  await page.getByLabel("계좌번호").fill("123-456789-01-011");
  await page.getByLabel("예금주").fill("대성플라스틱(주)");
  await page.getByRole("button", { name: "계좌 저장" }).click();
  await expect(toast(page).first()).toHaveText("보조금 지급 계좌를 등록했습니다.");
  await expect(page.getByLabel("지급액 (원)")).toHaveValue("14,000,000");
  await page.getByLabel("지급 증빙 (이체확인증)").setInputFiles(proofFile("정부지원금_이체확인증.pdf"));
  await page.getByRole("button", { name: "지급 기록" }).click();
  await expect(toast(page).first()).toHaveText("정부지원금 지급을 기록했습니다.");
  await expect(page.getByTestId("payments")).toContainText("14,000,000원");
  expect(ticket(N).state).toBe("agreed");
  await page.getByRole("button", { name: "사업비 지급 완료" }).click();
  await expect(toast(page).first()).toHaveText("사업비 지급을 완료했습니다.");
  expect(ticket(N).state).toBe("funded");

  // ⑩ the supplier starts work (fixture); the manufacturer asks for +2 months → approved → the base end + 2 months
  setState(N, "in_progress");
  requestExtension(N, 2);
  await step(page, N, "extension-decision");
  await expect(page.getByTestId("pending")).toContainText("2개월");
  await expect(page.getByTestId("pending")).toContainText(`승인하면 종료일: ${koreanDate(extended.endOn)}`);
  await page.getByRole("button", { name: "연장 승인" }).click();
  await expect(toast(page)).toHaveText("사업기간 연장을 승인했습니다.");
  await expect(page.getByTestId("end-on")).toHaveText(koreanDate(extended.endOn));
  expect(db().prepare(`SELECT windowEndOn FROM Ticket WHERE number = ?`).get(N)).toEqual({ windowEndOn: extended.endOn });
  // a second request past the limit is refused with the reason, then turned down
  requestExtension(N, 1);
  await step(page, N, "extension-decision");
  // a refused approval is disabled with its reason (ADR 028), and a post is refused all the same
  await expect(page.getByRole("button", { name: "연장 승인" })).toBeDisabled();
  await expect(page.locator("#why-approve")).toContainText("최대 2개월까지만 연장할 수 있습니다");
  const approve = await postStep(page, N, "extension-decision", { __step: "extension-decision", intent: "approve" });
  expect(approve.status).toBe(400);
  expect(approve.text).toContain("최대 2개월까지만 연장할 수 있습니다");
  await expect(page.getByTestId("end-on")).toHaveText(koreanDate(extended.endOn));
  await page.getByRole("button", { name: "연장 불승인" }).click();
  await expect(toast(page)).toHaveText("사업기간 연장을 불승인했습니다.");

  // ⑪ 완료점검: blocked by an unconfirmed log, passed once it is confirmed
  addWorkLog(N, { status: "confirmed", swBefore: "3.2", swAfter: "4.0" });
  const late = addWorkLog(N, { status: "submitted" });
  addCompletionReport(N);
  setState(N, "completion_check");
  await step(page, N, "completion-check");
  await expect(page.getByTestId("gaps")).toContainText("도입기업이 확인하지 않은 작업일지가 1건 있습니다.");
  // refused: disabled with why (ADR 028), and a post is refused all the same
  await expect(page.getByRole("button", { name: "완료점검 통과" })).toBeDisabled();
  await expect(page.locator("#why-pass")).toContainText("점검 항목이 모두 갖추어져야 통과할 수 있습니다");
  const pass = await postStep(page, N, "completion-check", { __step: "completion-pass", intent: "pass" });
  expect(pass.status).toBe(400);
  expect(pass.text).toContain("완료점검을 통과시킬 수 없습니다");
  expect(ticket(N).state).toBe("completion_check");
  confirmWorkLog(late);
  await step(page, N, "completion-check");
  await expect(page.getByTestId("gate-open")).toBeVisible();
  await page.getByRole("button", { name: "완료점검 통과" }).click();
  await expect(toast(page)).toHaveText("완료점검을 통과했습니다.");
  expect(ticket(N).state).toBe("settlement");
  // 정산: the manufacturer uploads the tax invoice and settles the agreed cost (nothing to return); the TP confirms → 완료
  await asCompany(browser, baseURL, "maker2@demo.kr", async (maker) => {
    await step(maker, N, "settlement");
    await maker.getByLabel("증빙 파일").setInputFiles(proofFile("세금계산서.pdf"));
    await maker.getByRole("button", { name: "증빙 올리기" }).click();
    await expect(toast(maker)).toHaveText("정산 증빙을 올렸습니다.");
    await maker.getByLabel("실제 사업비 (원)").fill("28,000,000");
    await maker.getByRole("button", { name: "정산 제출" }).click();
    await expect(toast(maker).first()).toHaveText("정산을 제출했습니다. 운영기관의 확인을 기다립니다.");
  });
  await step(page, N, "settlement");
  await expect(page.getByTestId("settled-subsidy")).toHaveText("14,000,000원");
  await expect(page.getByTestId("refund-due")).toHaveText("0원");
  await page.getByRole("button", { name: "정산 확인(완료)" }).click();
  await expect(toast(page).first()).toHaveText("정산을 확인했습니다. 과제가 완료되었습니다.");
  expect(ticket(N).state).toBe("completed");
  // ⑫ 사후관리
  await step(page, N, "completion-check");
  await page.getByRole("button", { name: "사후관리 시작" }).click();
  // the pass toast may still be showing below it: the newest one comes first
  await expect(toast(page).first()).toHaveText("사후관리를 시작했습니다.");
  await page.getByLabel("사후관리 내용").fill("3개월 후 가동률 점검 예정");
  await page.getByRole("button", { name: "사후관리 기록 저장" }).click();
  await expect(page.getByTestId("follow-up-notes")).toContainText("3개월 후 가동률 점검 예정");
  expect(ticket(N).state).toBe("follow_up");
  // every step left an audit line
  const actions = (db().prepare(`SELECT action FROM AuditEvent WHERE ticketId = ? ORDER BY seq`).all(ticket(N).id) as { action: string }[]).map(
    (a) => a.action,
  );
  for (const a of [
    "ticket.start_review",
    "ticket.pass_review",
    "ticket.submit_evaluation",
    "ticket.select",
    "ticket.accept_plan",
    "ticket.record_cost_review",
    "ticket.prepare_agreement",
    "ticket.consent_agreement",
    "ticket.sign_agreement",
    "ticket.record_share_deposit",
    "ticket.confirm_share_deposit",
    "ticket.record_payment",
    "ticket.complete_funding",
    "ticket.approve_extension",
    "ticket.refuse_extension",
    "ticket.pass_completion",
    "ticket.submit_settlement",
    "ticket.confirm_settlement",
    "ticket.start_follow_up",
    "followup.note",
  ]) {
    expect(actions, a).toContain(a);
  }
});

test("the bonus counts for maker1, whose certificate was attached at application", async ({ page }) => {
  const N = BONUS;
  addApplicationDocuments(N, { certificate: true });
  await signIn(page, "monitor@demo.kr");
  await step(page, N, "evaluation");
  await expect(page.getByTestId("bonus")).toHaveText("가점 5점");
  await fillSheet(page);
  await expect(page.getByTestId("live-total")).toHaveText("65");
  await page.getByRole("button", { name: "임시 저장" }).click();
  await expect(toast(page)).toHaveText("평가표를 임시 저장했습니다.");
  await expect(page.getByTestId("live-total")).toHaveText("65");
});

test("program settings: capacity lowered in the UI blocks selection; stale form gets the conflict message", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "monitor@demo.kr");
  await page.getByRole("link", { name: "사업 설정" }).click();
  await page.getByRole("link", { name: DEMO_PROGRAM }).click();
  const holding = (
    db()
      .prepare(
        `SELECT COUNT(*) AS n FROM Ticket WHERE state IN ('selected','plan_submitted','cost_review','plan_revision','agreed','funded','in_progress','completion_check','completed','follow_up')`,
      )
      .get() as { n: number }
  ).n;
  // invalid value → Korean field error, typed value kept
  await page.getByLabel("정부지원 비율").fill("12000");
  await page.getByRole("button", { name: "설정 저장" }).click();
  await expect(page.getByLabel("정부지원 비율")).toHaveValue("12000");
  await expect(page.locator("[id$='-subsidyRate-error']")).toBeVisible();
  await page.getByLabel("정부지원 비율").fill("50");
  await page.getByLabel("지원 기업 수").fill(String(holding));
  await page.getByRole("button", { name: "설정 저장" }).click();
  await expect(toast(page)).toHaveText("사업 설정을 저장했습니다.");
  const audit = db().prepare(`SELECT COUNT(*) AS n FROM AuditEvent WHERE action = 'program.update'`).get() as { n: number };
  expect(audit.n).toBe(1);

  // AS-…-0005 (현장평가): a passing sheet, then selection is refused: capacity is full
  const N = `${AS}0005`;
  await step(page, N, "evaluation");
  await fillSheet(page);
  await page.getByRole("button", { name: "평가 결과 제출" }).click();
  await expect(toast(page)).toContainText("현장평가 결과를 제출했습니다");
  await step(page, N, "decision");
  // refused: 선정 is shown disabled with the reason under it (ADR 028), and a post is refused all the same
  const full = `지원 규모(${holding}개사)가 모두 선정되어 더 선정할 수 없습니다.`;
  await expect(page.getByRole("button", { name: "지원대상 선정" })).toBeDisabled();
  await expect(page.locator("#why-select")).toContainText(full);
  const posted = await postStep(page, N, "decision", { __step: "decision", intent: "select" });
  expect(posted.status).toBe(400);
  expect(posted.text).toContain(full);
  expect(ticket(N).state).toBe("site_evaluation");

  // someone else changes the program while the form is open → conflict message
  await page.goto("/programs");
  await page.getByRole("link", { name: DEMO_PROGRAM }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(DEMO_PROGRAM);
  await expect(page.getByLabel("지원 기업 수")).toHaveValue(String(holding));
  setCapacity(holding + 1);
  await page.getByLabel("지원 기업 수").fill("64");
  await page.getByRole("button", { name: "설정 저장" }).click();
  await expect(alert(page)).toHaveAttribute("data-conflict", "true");
  await expect(alert(page)).toContainText("다른 사용자가 먼저 변경했습니다. 새로고침한 뒤 다시 시도해 주세요.");
  await page.reload();
  await page.getByLabel("지원 기업 수").fill("64");
  await page.getByRole("button", { name: "설정 저장" }).click();
  await expect(toast(page)).toHaveText("사업 설정을 저장했습니다.");

  // a new program from this one keeps its parameters
  await page.getByLabel("새 사업명").fill(`${DEMO_YEAR + 1}년 스마트공장 AS지원사업 (경기)`);
  await page.getByLabel("새 공고번호").fill(`경기테크노파크 공고 제${DEMO_YEAR + 1}-3호`);
  await page.getByRole("button", { name: "새 사업 만들기" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${DEMO_YEAR + 1}년 스마트공장 AS지원사업 (경기)`);
  await expect(page.getByLabel("지원 기업 수")).toHaveValue("64");
  await expect(page.getByLabel("기업당 정부지원금 한도")).toHaveValue("16,000,000");
  db()
    .prepare(
      `DELETE FROM AuditEvent WHERE programId IN (SELECT id FROM Program WHERE noticeNumber = '경기테크노파크 공고 제${DEMO_YEAR + 1}-3호')`,
    )
    .run();
  db()
    .prepare(`DELETE FROM Program WHERE noticeNumber = '경기테크노파크 공고 제${DEMO_YEAR + 1}-3호'`)
    .run();
});

test("return for correction, reject, and cancel of a plan that never came", async ({ page }) => {
  const today = seoulToday();
  cloneSubmittedTicket(`${AS}0004`, `${AS}9001`, "보완 요청 테스트");
  cloneSubmittedTicket(`${AS}0004`, `${AS}9002`, "반려 테스트");
  cloneSubmittedTicket(`${AS}0004`, `${AS}9003`, "계획서 미제출 테스트", "selected", {
    selectionNoticeOn: addDaysIso(today, -20),
    planDueOn: addDaysIso(today, -6),
  });
  try {
    await signIn(page, "monitor@demo.kr");
    // overdue on the dashboard
    await expect(page.getByTestId("overdue").locator(`[data-ticket-row="${AS}9003"]`)).toContainText("계획서 제출 D+6");

    await step(page, `${AS}9001`, "review");
    await page.getByRole("button", { name: "보완 요청(작성중으로 되돌림)" }).click();
    await expect(page.locator('[id$="-fixList-error"]')).toHaveText("보완 요청 사항을 입력해 주세요.");
    await expect(page.getByLabel("보완 요청 사항 (한 줄에 하나)")).toBeFocused();
    await page.getByLabel("보완 요청 사항 (한 줄에 하나)").fill("국세 납세증명서 재발급\n재무제표 2025년 추가");
    await page.getByRole("button", { name: "보완 요청(작성중으로 되돌림)" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(toast(page)).toHaveText("보완을 요청했습니다. 과제가 도입기업의 작성중 단계로 돌아갔습니다.");
    expect(ticket(`${AS}9001`).state).toBe("draft");
    expect(
      db()
        .prepare(`SELECT result, fixList FROM RequirementReview WHERE ticketId = ?`)
        .get(ticket(`${AS}9001`).id),
    ).toEqual({
      result: "returned",
      fixList: "국세 납세증명서 재발급\n재무제표 2025년 추가",
    });
    // now a draft: the monitor no longer sees it
    const gone = await page.goto(`/tickets/${ticket(`${AS}9001`).id}/review`);
    expect(gone?.status()).toBe(404);

    await step(page, `${AS}9002`, "review");
    await page.getByLabel("반려 사유").fill("스마트공장 구축 범위와 무관한 요청");
    // 반려 cannot be undone: its reason is confirmed on a step of its own (ADR 028)
    await page.getByRole("button", { name: "반려 내용 확인" }).click();
    await page.getByTestId("confirm-step").getByRole("button", { name: "반려 확정" }).click();
    await expect(toast(page)).toHaveText("반려 처리했습니다.");
    expect(ticket(`${AS}9002`).state).toBe("rejected");

    await step(page, `${AS}9003`, "cancel");
    await expect(page.getByTestId("plan-overdue")).toContainText("D+6");
    await expect(page.getByLabel("취소 사유")).toHaveValue("수행계획서 제출기한 내 미제출");
    await page.getByRole("button", { name: "선정취소 내용 확인" }).click();
    await page.getByTestId("confirm-step").getByRole("button", { name: "선정취소 확정" }).click();
    await expect(toast(page)).toHaveText("선정을 취소했습니다.");
    expect(db().prepare(`SELECT state, cancelReason FROM Ticket WHERE number = '${AS}9003'`).get()).toEqual({
      state: "cancelled",
      cancelReason: "수행계획서 제출기한 내 미제출",
    });
  } finally {
    for (const n of [`${AS}9001`, `${AS}9002`, `${AS}9003`]) deleteTicket(n);
  }
});

test("exports: CSV with BOM and XLSX, as filtered on the dashboard", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  const total = Object.values(countsByState()).reduce((a, b) => a + b, 0);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV 내려받기" }).click();
  const csv = fs.readFileSync((await (await download).path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0].split(",").slice(0, 3)).toEqual(["과제번호", "제목", "단계"]);
  expect(lines).toHaveLength(total + 1);
  const row4 = lines.find((l) => l.startsWith(`${FLOW},`))!;
  expect(row4.split(",")).toContain("28000000"); // 협약금액 as a plain number
  expect(lines.some((l) => l.startsWith(`${AS}0003,`))).toBe(false); // a draft is never exported

  // filtered: only 협약체결 tickets
  const filtered = await page.request.get("/exports/tickets.csv?state=agreed");
  const filteredLines = (await filtered.text())
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(filteredLines).toHaveLength(1 + (countsByState().agreed ?? 0));

  const xlsx = await page.request.get("/exports/tickets.xlsx");
  expect(xlsx.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("과제 목록")!;
  expect(sheet.getRow(1).getCell(1).value).toBe("과제번호");
  expect(sheet.actualRowCount).toBe(total + 1);
  let found = false;
  sheet.eachRow((row, n) => {
    if (n > 1 && row.getCell(1).value === FLOW) {
      found = true;
      expect(row.getCell(10).value).toBe(28_000_000); // 협약금액: a number
      expect(row.getCell(15).value).toBeInstanceOf(Date); // 수행 종료일: a date
      expect((row.getCell(15).value as Date).toISOString().slice(0, 10)).toBe(executionWindow(seoulToday(), 2, GYEONGGI_2024_PARAMS).endOn);
    }
  });
  expect(found).toBe(true);

  // not for other roles
  await page.context().clearCookies();
  await signIn(page, "maker1@demo.kr");
  expect((await page.request.get("/exports/tickets.csv")).status()).toBe(404);
});
