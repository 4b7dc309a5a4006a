import { expect, test, type Browser } from "@playwright/test";
import { signIn } from "./helpers";
import { AS } from "./demo-numbers";

// The supplier's side of issue 4 (items 6–10) on the demo data, in order:
// inbox → quote and revision (AS-…-0004) → execution plan (AS-…-0002)
// → work logs with evidence, confirm/dispute/correct, completion report
// (AS-…-0001). The tests share one database and run in file order.
test.describe.configure({ mode: "serial" });

// A real 1×1 PNG (the server checks the bytes, not the name).
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const CONFLICT = "다른 사용자가 먼저 변경했습니다. 새로고침한 뒤 다시 시도해 주세요.";

const ids: Record<string, string> = {};

async function newSignedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

function seoulToday(offsetDays = 0): string {
  const d = new Date(Date.now() + 9 * 3600_000 + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test("vendor2 lands on its inbox: its to-do in urgency order from the pending-actions rule, the waits, a search", async ({ page }) => {
  await signIn(page, "vendor2@demo.kr");
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole("heading", { level: 1, name: "할 일" })).toBeVisible();

  const todo = page.locator('section[data-group="todo"]');
  await expect(todo.getByRole("heading", { name: /지금 할 일/ })).toBeVisible();
  // the plan due in 5 days comes first (a deadline), then the quotes to write (no date, the longest waiting first)
  const rows = todo.locator("tr[data-ticket-number]");
  await expect(rows.first()).toHaveAttribute("data-ticket-number", `${AS}0002`);
  await expect(rows.first()).toHaveAttribute("data-pending-kind", "submit_plan");
  await expect(rows.first().locator(".badge", { hasText: "기한 D-5" })).toBeVisible();
  const quotes = todo.locator('tr[data-pending-kind="write_quote"]');
  await expect(quotes).toHaveCount(2);
  await expect(todo.locator(`tr[data-pending-kind="write_quote"][data-ticket-number="${AS}0004"]`)).toBeVisible();
  await expect(todo.locator(`tr[data-pending-kind="write_quote"][data-ticket-number="${AS}0011"]`)).toBeVisible();
  const waiting = page.locator('section[data-group="waiting"] tr[data-ticket-number]');
  await expect(waiting).toHaveCount(2);
  await expect(waiting.first()).toContainText(/일째/);
  // another supplier's tickets never appear
  await expect(page.locator(`tr[data-ticket-number="${AS}0001"]`)).toHaveCount(0);

  await page.getByLabel("검색").fill("대성플라스틱");
  await page.getByRole("button", { name: "검색" }).click();
  await expect(page).toHaveURL(/q=/);
  const numbers = await page.locator("tr[data-ticket-number]").evaluateAll((els) => els.map((e) => e.getAttribute("data-ticket-number")));
  expect([...new Set(numbers)].sort()).toEqual([`${AS}0004`, `${AS}0008`, `${AS}0014`]); // 0014: 사후관리 (ADR 040)
});

test(`vendor2 quotes ${AS}0004 and revises it; maker2 sees the latest total and the history, read-only`, async ({ page, browser }) => {
  await signIn(page, "vendor2@demo.kr");
  await page
    .locator(`section[data-group="todo"] tr[data-ticket-number="${AS}0004"][data-pending-kind="write_quote"]`)
    .getByRole("link", { name: "견적서 작성" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("견적서");
  ids[`${AS}0004`] = new URL(page.url()).pathname.split("/")[2];

  await page.getByLabel("1번 항목 구분").selectOption({ label: "SW" });
  await page.getByLabel("1번 항목 내용").fill("MES 4.0 버전업");
  await page.getByLabel("1번 항목 수량").fill("1");
  await page.getByLabel("1번 항목 단가").fill("12,000,000");
  await page.getByLabel("2번 항목 구분").selectOption({ label: "인건비(용역)" });
  await page.getByLabel("2번 항목 내용").fill("생산 보고서 모듈 개발");
  await page.getByLabel("2번 항목 수량").fill("2");
  await page.getByLabel("2번 항목 단가").fill("-4500000");
  await page.getByRole("button", { name: "견적 저장" }).click();
  // refused with a field error next to the field; what was typed is kept
  await expect(page.getByText("단가는 0 이상의 원 단위 정수로 입력해 주세요.")).toBeVisible();
  await expect(page.getByLabel("1번 항목 내용")).toHaveValue("MES 4.0 버전업");
  await expect(page.getByLabel("2번 항목 단가")).toHaveValue("-4500000");

  // one more row without losing anything
  await page.getByRole("button", { name: "행 추가" }).click();
  await expect(page.getByLabel("4번 항목 내용")).toBeVisible();
  await expect(page.getByLabel("2번 항목 내용")).toHaveValue("생산 보고서 모듈 개발");

  await page.getByLabel("2번 항목 단가").fill("4,500,000");
  await page.getByRole("button", { name: "견적 저장" }).click();
  await expect(page.getByTestId("flash")).toHaveText("견적 1차를 저장했습니다.");
  await expect(page.getByTestId("quote-total-1")).toHaveText("합계 21,000,000원");

  // revise: the form starts from the latest version
  await expect(page.getByLabel("1번 항목 단가")).toHaveValue("12,000,000");
  await page.getByLabel("1번 항목 단가").fill("10000000");
  await page.getByRole("button", { name: "견적 저장" }).click();
  // the newest toast comes first (the 1차 toast may still be shown below it)
  await expect(page.getByTestId("flash").first()).toHaveText("견적 2차를 저장했습니다.");
  await expect(page.getByTestId("current-quote-total")).toHaveText("19,000,000원 (2차)");
  await expect(page.getByTestId("quote-total-2")).toHaveText("합계 19,000,000원");
  await expect(page.getByTestId("quote-total-1")).toHaveText("합계 21,000,000원");

  const maker = await newSignedIn(browser, "maker2@demo.kr");
  await maker.page.goto(`/tickets/${ids[`${AS}0004`]}/quote`);
  await expect(maker.page.getByTestId("current-quote-total")).toHaveText("19,000,000원 (2차)");
  await expect(maker.page.locator("[data-quote-version]")).toHaveCount(2);
  await expect(maker.page.getByRole("article", { name: "견적 1차" })).toContainText("12,000,000원");
  await expect(maker.page.getByRole("article", { name: "견적 2차" })).toContainText("최신");
  await expect(maker.page.getByText("공급기업이 제출한 견적입니다 (읽기 전용).")).toBeVisible();
  await expect(maker.page.getByRole("button", { name: "견적 저장" })).toHaveCount(0);
  // a manufacturer's POST is refused all the same, and writes nothing
  const forged = await maker.page.request.post(`/tickets/${ids[`${AS}0004`]}/quote`, {
    headers: { Origin: new URL(maker.page.url()).origin },
    form: {
      intent: "save",
      baseVersion: "2",
      rowCount: "1",
      "lines.0.kind": "sw",
      "lines.0.description": "위조",
      "lines.0.quantity": "1",
      "lines.0.unitPrice": "1",
    },
  });
  expect(forged.status()).toBe(403);
  await maker.page.reload();
  await expect(maker.page.locator("[data-quote-version]")).toHaveCount(2);
  await maker.context.close();
});

test(`vendor2 submits the execution plan for ${AS}0002 within its deadline`, async ({ page }) => {
  await signIn(page, "vendor2@demo.kr");
  await page
    .locator(`section[data-group="todo"] tr[data-ticket-number="${AS}0002"][data-pending-kind="submit_plan"]`)
    .getByRole("link", { name: "수행계획서 제출" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("수행계획서");
  ids[`${AS}0002`] = new URL(page.url()).pathname.split("/")[2];
  await expect(page.getByTestId("plan-due")).toContainText("D-5");
  await expect(page.getByTestId("late-warning")).toHaveCount(0);

  await page.getByLabel("수행 범위").fill("POP 실적 입력 화면 개선, 불량 유형 코드 12종 추가");
  await page.getByLabel("투입 인력").fill("PM 1명, 개발자 2명");
  await page.getByRole("button", { name: "수행계획서 제출" }).click();
  await expect(page.getByText("추진 일정을 1개 이상 입력해 주세요.")).toBeVisible();
  await expect(page.getByLabel("수행 범위")).toHaveValue("POP 실적 입력 화면 개선, 불량 유형 코드 12종 추가");

  await page.getByLabel("1번 일정 내용").fill("화면 설계");
  await page.getByLabel("1번 일정 완료 예정일").fill(seoulToday(20));
  await page.getByLabel("1번 일정 산출물").fill("화면 설계서");
  await page.getByLabel("2번 일정 내용").fill("개발 및 시험");
  await page.getByLabel("2번 일정 완료 예정일").fill(seoulToday(60));
  await page.getByLabel("2번 일정 산출물").fill("시험 결과서");
  await page.getByRole("button", { name: "수행계획서 제출" }).click();
  await expect(page.getByTestId("flash")).toContainText("수행계획서 1차를 제출했습니다.");
  const v1 = page.getByRole("article", { name: "수행계획서 1차" });
  await expect(v1).toContainText("기한 내 제출");
  await expect(v1).toContainText("검토 대기");
  await expect(v1).toContainText("화면 설계서");

  await page.goto(`/tickets/${ids[`${AS}0002`]}`);
  await expect(page.locator("span.badge", { hasText: /^수행계획서 제출$/ }).first()).toBeVisible();
});

test("vendor1 cannot open another supplier's quote page (404)", async ({ page }) => {
  expect(ids[`${AS}0002`]).toBeTruthy();
  await signIn(page, "vendor1@demo.kr");
  for (const url of [`/tickets/${ids[`${AS}0002`]}/quote`, `/tickets/${ids[`${AS}0002`]}/plan`, `/tickets/${ids[`${AS}0004`]}/quote`]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText("POP 실적");
  }
  const data = await page.request.get(`/tickets/${ids[`${AS}0004`]}/quote.data`);
  expect(data.status()).toBe(404);
  expect(await data.text()).not.toContain("19,000,000");
});

test("work logs with evidence, confirm / dispute / correct, a stale edit, then the completion report", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, "vendor1@demo.kr");
  await page
    .locator(`section[data-group="todo"] tr[data-ticket-number="${AS}0001"][data-pending-kind="do_work"]`)
    .getByRole("link", { name: "작업 수행·작업일지 작성" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("작업일지");
  const workLogsUrl = new URL(page.url()).pathname;
  const ticketUrl = workLogsUrl.replace(/\/work-logs$/, "");
  await expect(page.getByTestId("log-counts")).toContainText("3건 · 확인됨 2 · 확인 대기 1");

  // a new log with a replaced part and before/after photos (HW), attendees (training)
  await page.getByLabel("작업 시간(시간)").fill("4.5");
  await page.getByLabel("작업 내용").fill("압력 센서 교체 및 수집 시험");
  await page.getByLabel("1번 부품명").fill("압력 센서");
  await page.getByLabel("1번 부품 기존 시리얼").fill("PS-001");
  await page.getByLabel("1번 부품 신규 시리얼").fill("PS-101");
  await page.getByLabel("작업 전 사진", { exact: true }).setInputFiles({ name: "before.png", mimeType: "image/png", buffer: PNG });
  await page.getByLabel("작업 후 사진", { exact: true }).setInputFiles({ name: "after.png", mimeType: "image/png", buffer: PNG });
  await page.getByLabel("교육 참석자").fill("생산팀 3명");
  await page.getByRole("button", { name: "작업일지 등록" }).click();
  await expect(page.getByTestId("flash")).toHaveText("작업일지를 등록했습니다. 도입기업의 확인을 기다립니다.");
  const mine = page.locator("article.log-card", { hasText: "압력 센서 교체 및 수집 시험" });
  await expect(mine).toContainText("4.5시간");
  await expect(mine).toContainText("확인 대기");
  await expect(mine.getByRole("cell", { name: "PS-101" })).toBeVisible();
  await expect(mine.getByRole("link", { name: "before.png" })).toBeVisible();
  const photoHref = await mine.getByRole("link", { name: "after.png" }).getAttribute("href");
  expect(photoHref).toMatch(/^\/files\//);
  const photo = await page.request.get(photoHref!);
  expect(photo.status()).toBe(200);
  expect(photo.headers()["content-type"]).toBe("image/png");
  expect(photo.headers()["x-content-type-options"]).toContain("nosniff");

  // the photo is not readable by the other supplier nor by another manufacturer
  for (const email of ["vendor2@demo.kr", "maker2@demo.kr"]) {
    const other = await newSignedIn(browser, email);
    const res = await other.page.request.get(photoHref!);
    expect(res.status()).toBe(404);
    const pageRes = await other.page.goto(workLogsUrl);
    expect(pageRes?.status()).toBe(404);
    await other.context.close();
  }

  // maker1 confirms the seeded log and disputes the new one
  const maker = await newSignedIn(browser, "maker1@demo.kr");
  await maker.page.goto(workLogsUrl);
  const seeded = maker.page.locator("article.log-card", { hasText: "온도·압력 수집 항목 추가 개발 및 시험" });
  await seeded.getByRole("button", { name: "작업 확인" }).click();
  await expect(maker.page.getByTestId("flash")).toHaveText("작업일지를 확인했습니다.");
  await expect(seeded).toHaveAttribute("data-status", "confirmed");
  const disputed = maker.page.locator("article.log-card", { hasText: "압력 센서 교체 및 수집 시험" });
  await disputed.getByRole("button", { name: "이의 제기" }).click();
  await expect(disputed.getByText("이의 내용을 입력해 주세요.")).toBeVisible();
  await disputed.getByLabel("이의 내용").fill("작업 전 사진이 다른 설비입니다. 프레스 3호기 사진으로 바꿔 주세요.");
  await disputed.getByRole("button", { name: "이의 제기" }).click();
  await expect(maker.page.getByTestId("flash").first()).toHaveText("이의를 제기했습니다. 공급기업이 수정하면 다시 확인할 수 있습니다.");
  await expect(disputed).toHaveAttribute("data-status", "disputed");

  // vendor1 sees the comment; completion is refused while a log is unconfirmed
  await page.goto(workLogsUrl);
  await expect(mine.getByTestId("dispute-comment")).toHaveText(
    "도입기업 이의: 작업 전 사진이 다른 설비입니다. 프레스 3호기 사진으로 바꿔 주세요.",
  );
  await page.goto(`${ticketUrl}/completion`);
  await expect(page.getByTestId("report-blockers")).toContainText("도입기업이 확인하지 않은 작업일지가 1건 있어 완료 보고를 할 수 없습니다.");
  await page.getByLabel("수행 내용").fill("통신 모듈 교체, 압력 센서 교체, 수집 항목 추가, 작업자 교육");
  await page.getByLabel("수행 결과").fill("가동 데이터 누락률 12% → 0.3%");
  await page.getByRole("button", { name: "완료 보고 제출" }).click();
  await expect(page.getByRole("alert")).toContainText("도입기업이 확인하지 않은 작업일지가 1건 있어 완료 보고를 할 수 없습니다.");
  await expect(page.getByLabel("수행 결과")).toHaveValue("가동 데이터 누락률 12% → 0.3%");

  // two tabs edit the same disputed log: the later save gets the conflict message
  await page.goto(workLogsUrl);
  await mine.getByRole("link", { name: /수정해 다시 제출/ }).click();
  await expect(page.getByRole("heading", { name: /작업일지 수정/ })).toBeVisible();
  const stale = await page.context().newPage();
  await stale.goto(page.url());
  await expect(stale.getByRole("heading", { name: /작업일지 수정/ })).toBeVisible();

  await page.getByLabel("작업 시간(시간)").fill("5");
  await page.getByLabel("삭제: 작업 전 사진 · before.png").check();
  await page.getByLabel("작업 전 사진", { exact: true }).setInputFiles({ name: "before-press3.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "수정 내용 저장" }).click();
  await expect(page.getByTestId("flash")).toHaveText("작업일지를 수정했습니다. 도입기업의 확인을 기다립니다.");
  await expect(mine).toHaveAttribute("data-status", "submitted");
  await expect(mine).toContainText("5시간");
  await expect(mine.getByRole("link", { name: "before-press3.png" })).toBeVisible();
  await expect(mine.getByRole("link", { name: "before.png", exact: true })).toHaveCount(0);

  await stale.getByLabel("작업 내용").fill("다른 탭에서 고친 내용");
  await stale.getByRole("button", { name: "수정 내용 저장" }).click();
  // the conflict headline, followed by the hint that what was typed is kept
  await expect(stale.locator(".form-error[role=alert][data-conflict=true]")).toContainText(CONFLICT);
  await expect(stale.getByLabel("작업 내용")).toHaveValue("다른 탭에서 고친 내용");
  await stale.close();

  // maker1 confirms the corrected log; the supplier reports completion
  await maker.page.goto(workLogsUrl);
  await expect(disputed).toContainText("이전 이의(수정 후 재제출)");
  await disputed.getByRole("button", { name: "작업 확인" }).click();
  await expect(disputed).toHaveAttribute("data-status", "confirmed");

  await page.goto(`${ticketUrl}/completion`);
  await expect(page.getByTestId("report-blockers")).toHaveCount(0);
  await page.getByLabel("수행 내용").fill("통신 모듈 교체, 압력 센서 교체, 수집 항목 추가, 작업자 교육");
  await page.getByLabel("수행 결과").fill("가동 데이터 누락률 12% → 0.3%");
  await page.getByLabel("첨부 파일").setInputFiles({ name: "result.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "완료 보고 제출" }).click();
  await expect(page.getByTestId("flash")).toHaveText("완료 보고를 제출했습니다. 과제가 완료점검 단계로 넘어갔습니다.");
  await expect(page.getByTestId("completion-report")).toContainText("가동 데이터 누락률 12% → 0.3%");
  await expect(page.getByRole("link", { name: "result.png" })).toBeVisible();

  await maker.page.goto(ticketUrl);
  await expect(maker.page.locator("span.badge", { hasText: /^완료점검$/ }).first()).toBeVisible();
  await maker.context.close();
});
