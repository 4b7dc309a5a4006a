// The manufacturer (도입기업) side of issue 4 in a real Chromium: company profile with the live
// eligibility verdict, a new AS request with screened-out items, the application documents
// (fake extension refused, validity shown), submission, scoping of documents and files, a stale
// edit, withdrawal and an extension request on the demo data.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import {
  CERTIFICATE_KINDS,
  GYEONGGI_2024_PARAMS,
  addDays,
  certificateValidUntil,
  executionWindow,
  formatKoreanDate,
  formatKoreanDateShort,
  type DocumentKind,
} from "../../app/domain";
import { AS } from "./demo-numbers";

const seoulToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(new Date());
const PDF = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`, "latin1");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR-demo-bytes")]);

async function openTicket(page: Page, number: string) {
  await page.goto(`/tickets?q=${number}`);
  await page.getByTestId("ticket-list").getByRole("link", { name: number }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(number);
}

/** Files a minimal draft and returns its URL path. */
async function fileDraft(page: Page, title: string): Promise<string> {
  await page.goto("/tickets/new");
  await page.getByLabel("프로그램 수정·개선", { exact: true }).check();
  await page.getByLabel("공급기업").selectOption({ label: "(주)넥스트엠이에스" });
  await page.getByLabel("제목").fill(title);
  await page.getByLabel("문제 현황").fill("POP 화면의 불량 코드가 부족합니다.");
  await page.getByLabel("기대 효과(요청 결과)").fill("불량 코드 추가");
  await page.getByLabel("요청 항목 1 내용").fill("불량 유형 코드 추가");
  await page.getByLabel("항목 1 지원유형").selectOption("util_program");
  await page.getByRole("button", { name: "작성중으로 저장" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  return new URL(page.url()).pathname;
}

test.describe.serial("도입기업", () => {
  let ticketPath = "";
  let fileUrl = "";

  test("company profile: live eligibility verdict, checked business number, inventory, conflict on a stale save", async ({ page, browser }) => {
    await signIn(page, "maker1@demo.kr");
    await page.goto("/profile");
    const verdict = page.getByTestId("eligibility");
    await expect(verdict).toContainText("신청 가능");

    // live: ticking an exclusion changes the verdict before saving, with the notice clause
    await page.getByLabel("휴업 또는 폐업 중").check();
    await expect(verdict).toContainText("신청 불가");
    await expect(verdict).toContainText("휴업 또는 폐업 중인 기업은 지원 대상이 아닙니다.");
    await expect(verdict).toContainText("공고 5. 지원제외 대상: 휴·폐업 중인 기업");
    await expect(verdict).toContainText("입력 중인 내용 기준");
    await page.getByLabel("휴업 또는 폐업 중").uncheck();
    // a running free warranty is a reason too
    await page.getByLabel("공급기업 무상 하자보수 종료일").fill(addDays(seoulToday(), 30));
    await expect(verdict).toContainText("무상 하자보수 기간");
    await page.getByLabel("공급기업 무상 하자보수 종료일").fill("2023-06-30");
    await expect(verdict).toContainText("신청 가능");

    // the official checksum refuses a wrong 사업자등록번호 and keeps what was typed
    await page.getByLabel("사업자등록번호").fill("135-86-20476");
    await page.getByLabel("주소").fill("경기도 화성시 향남읍 제약공단2길 47");
    await page.getByRole("button", { name: "기업 정보 저장" }).click();
    await expect(page.getByText("사업자등록번호가 올바르지 않습니다.")).toBeVisible();
    await expect(page.getByLabel("주소")).toHaveValue("경기도 화성시 향남읍 제약공단2길 47");

    await page.getByLabel("사업자등록번호").fill("135-86-20475");
    await page.getByRole("button", { name: "기업 정보 저장" }).click();
    await expect(page.getByTestId("flash").filter({ hasText: "기업 정보를 저장했습니다." })).toBeVisible();
    await expect(verdict).toContainText("저장된 정보 기준");
    await page.reload();
    await expect(page.getByLabel("주소")).toHaveValue("경기도 화성시 향남읍 제약공단2길 47");

    // inventory: add a system, then a HW linked to it
    await page.getByRole("link", { name: "스마트공장 보유 현황" }).click();
    await expect(page).toHaveURL(/\/profile\/inventory$/);
    const add = page.getByRole("form", { name: "시스템 추가", exact: true });
    await add.getByLabel("시스템 종류").selectOption("QMS");
    await add.getByLabel("시스템 이름").fill("품질검사 QMS");
    await add.getByLabel("구축 공급기업").fill("(주)스마트팩토리솔루션");
    await add.getByLabel("구축 연도").fill("2022");
    await add.getByRole("button", { name: "시스템 추가" }).click();
    const system = page.locator('[data-testid="system"][data-system-name="품질검사 QMS"]');
    await expect(system).toContainText("QMS · 품질검사 QMS");
    await system.getByText("연동 HW 추가").click();
    await system.getByLabel("HW 이름").last().fill("비전 검사 카메라");
    await system.getByLabel("시리얼 번호").last().fill("VC-2022-001");
    await system.getByRole("button", { name: "HW 추가" }).click();
    await expect(system).toContainText("비전 검사 카메라 · S/N VC-2022-001");

    // two tabs on the same profile: the later save gets the conflict message
    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, "maker1@demo.kr");
    await other.goto("/profile");
    await page.goto("/profile");
    await page.getByLabel("대표자").fill("김성호");
    await page.getByRole("button", { name: "기업 정보 저장" }).click();
    await expect(page.getByTestId("flash").filter({ hasText: "기업 정보를 저장했습니다." })).toBeVisible();
    await other.getByLabel("대표자").fill("다른 사람");
    await other.getByRole("button", { name: "기업 정보 저장" }).click();
    await expect(other.getByRole("alert")).toContainText("다른 사용자가 먼저 변경했습니다. 새로고침한 뒤 다시 시도해 주세요.");
    await context.close();
  });

  test("a supplier has no profile page", async ({ page }) => {
    await signIn(page, "vendor1@demo.kr");
    const response = await page.goto("/profile");
    expect(response?.status()).toBe(404);
  });

  test("new AS request: screening before submission, draft saved and resumed", async ({ page }) => {
    await signIn(page, "maker1@demo.kr");
    await page.goto("/tickets/new");
    await page.getByLabel("HW 부품 수리", { exact: true }).check();
    await page.getByLabel("사용자 운영 지원·교육", { exact: true }).check();
    await page.getByLabel("대상 시스템").selectOption({ label: "MES · 한빛 생산관리 MES ((주)스마트팩토리솔루션)" });
    // the company itself is never offered as supplier
    await expect(page.getByLabel("공급기업").locator("option", { hasText: "한빛정밀" })).toHaveCount(0);
    await page.getByLabel("공급기업").selectOption({ label: "(주)넥스트엠이에스" });
    await page.getByLabel("제목").fill("설비 데이터 수집기 통신 모듈 수리");
    await page.getByLabel("문제 현황").fill("수집기 통신 모듈 고장으로 가동 데이터가 누락됩니다.");
    await page.getByLabel("기대 효과(요청 결과)").fill("통신 모듈 교체와 작업자 교육");
    await page.getByLabel("요청 항목 1 내용").fill("DCU-200 통신 모듈 교체");
    await page.getByLabel("항목 1 지원유형").selectOption("hw_repair");
    await page.getByLabel("요청 항목 2 내용").fill("사무실 프린터 교체");
    await page.getByLabel("항목 2 지원유형").selectOption("hw_repair");
    await page.getByLabel("항목 2 사무용 전산장비(프린터·스캐너·PC·모니터)").check();
    await page.getByLabel("요청 항목 3 내용").fill("MES 서버 클라우드 이전");
    await page.getByLabel("항목 3 지원유형").selectOption("util_maintenance");

    const screening = page.getByTestId("screening");
    await expect(screening.locator(".screen-blocked")).toContainText("지원불가: 스마트공장과 무관한 개별 전산장비");
    await expect(screening.locator(".screen-blocked")).toContainText("공고 2. 지원 불가 사항 ③-1)");
    await expect(screening.locator(".screen-warning")).toContainText('지원 제외 가능성: "클라우드"');

    // one more row, without losing what was typed
    await page.getByRole("button", { name: "항목 추가" }).click();
    await expect(page.getByLabel("요청 항목 4 내용")).toBeVisible();
    await expect(page.getByLabel("요청 항목 2 내용")).toHaveValue("사무실 프린터 교체");
    await page.getByLabel("요청 항목 4 내용").fill("작업자 MES 사용 교육");
    await page.getByLabel("항목 4 지원유형").selectOption("util_user_support");

    await page.getByRole("button", { name: "작성중으로 저장" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`${AS}0015 설비 데이터 수집기 통신 모듈 수리`);
    await expect(page.locator("main .badge").first()).toHaveText("작성중");
    // the saved request's findings on the ticket page, blocked and warning told apart
    await expect(page.getByTestId("screening").locator(".screen-blocked")).toContainText("사무실 프린터 교체");
    await expect(page.getByTestId("screening").locator(".screen-warning")).toContainText("MES 서버 클라우드 이전");
    // everything still missing before submission is listed
    const readiness = page.getByTestId("submit-readiness");
    await expect(readiness).toContainText("스마트공장 AS지원사업 신청서");
    await expect(readiness).toContainText("사업자등록증명원");
    await expect(readiness).toContainText("재무제표");
    await expect(page.locator('[data-action="submit"] button')).toBeDisabled();
    ticketPath = new URL(page.url()).pathname;

    // resume: the draft opens with what was saved; drop the printer row and save
    await page.getByRole("link", { name: "신청서 수정" }).click();
    await expect(page.getByLabel("요청 항목 2 내용")).toHaveValue("사무실 프린터 교체");
    await expect(page.getByLabel("항목 2 사무용 전산장비(프린터·스캐너·PC·모니터)")).toBeChecked();
    await expect(page.getByLabel("HW 부품 수리", { exact: true })).toBeChecked();
    await page.getByRole("button", { name: "항목 2 삭제" }).click();
    await page.getByRole("button", { name: "수정 내용 저장" }).click();
    await expect(page).toHaveURL(new RegExp(`${ticketPath}$`));
    await expect(page.getByTestId("flash").filter({ hasText: "신청서를 저장했습니다." })).toBeVisible();
    await expect(page.getByTestId("screening").locator(".screen-blocked")).toHaveCount(0);
    await expect(page.getByTestId("screening").locator(".screen-warning")).toContainText("MES 서버 클라우드 이전");
    await expect(page.getByText("사무실 프린터 교체")).toHaveCount(0);
  });

  test("documents: fake extension refused, checklist completed with validity shown, then submitted", async ({ page, browser }) => {
    expect(ticketPath).not.toBe("");
    await signIn(page, "maker1@demo.kr");
    await page.goto(`${ticketPath}/documents`);
    await expect(page.getByTestId("checklist").locator('tr[data-kind="business_registration"]')).toHaveAttribute("data-status", "missing");

    const today = seoulToday();
    const issued = addDays(today, -10);
    // one file per upload here (several at once: documents-in.spec.ts); the issue date only for the 3-month certificates
    const upload = async (kind: string, file: { name: string; mimeType: string; buffer: Buffer }, fiscalYear?: number) => {
      await page.getByLabel("올릴 파일 선택 (여러 개)").setInputFiles(file);
      await page.getByLabel(`‘${file.name}’ 서류 종류`).selectOption(kind);
      if (CERTIFICATE_KINDS.includes(kind as DocumentKind)) await page.getByLabel(`‘${file.name}’ 발행일`).fill(issued);
      if (fiscalYear) await page.getByLabel(`‘${file.name}’ 회계연도`).fill(String(fiscalYear));
      await page.getByRole("button", { name: "올리기" }).click();
    };

    // a text file named .pdf is refused by its content
    await upload("application_form", { name: "신청서.pdf", mimeType: "application/pdf", buffer: Buffer.from("this is only text, not a PDF") });
    await expect(page.getByRole("alert")).toContainText("허용되지 않는 파일 형식입니다.");
    await expect(page.getByTestId("documents")).toHaveCount(0);
    // the refused file stays listed with its kind until it is taken out
    await page.getByRole("button", { name: "‘신청서.pdf’ 빼기" }).click();

    const year = Number(today.slice(0, 4));
    const docs: [string, number?][] = [
      ["application_form"],
      ["business_registration"],
      ["national_tax_certificate"],
      ["local_tax_certificate"],
      ["info_use_consent"],
      ["financial_statements", year - 3],
      ["financial_statements", year - 2],
      ["financial_statements", year - 1],
      ["sf_completion_report"],
    ];
    for (const [i, [kind, fy]] of docs.entries()) {
      await upload(kind, { name: `${kind}${fy ?? ""}.pdf`, mimeType: "application/pdf", buffer: PDF(kind) }, fy);
      await expect(page.getByTestId("documents").locator("tbody tr")).toHaveCount(i + 1);
    }
    await upload("promising_sme_certificate", { name: "유망중소기업.png", mimeType: "image/png", buffer: PNG });
    await expect(page.getByTestId("documents").locator("tbody tr")).toHaveCount(docs.length + 1);

    // the 3-month validity per certificate
    const validUntil = formatKoreanDateShort(certificateValidUntil(issued, GYEONGGI_2024_PARAMS));
    await expect(page.getByTestId("documents").locator('tr[data-document-kind="business_registration"]')).toContainText(
      `${validUntil}까지 유효`,
    );
    await expect(page.getByTestId("checklist").locator("tr[data-status=missing]")).toHaveCount(0);
    await expect(page.getByTestId("submit-readiness")).toContainText("모두 갖추어졌습니다");
    fileUrl = (await page.getByTestId("documents").locator('tr[data-document-kind="business_registration"] a').getAttribute("href")) ?? "";
    expect(fileUrl).toMatch(/^\/files\/.+/);

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "신청서 제출" }).click();
    await expect(page.getByTestId("flash").filter({ hasText: "신청서를 제출했습니다." })).toBeVisible();
    await expect(page.locator("main .badge").first()).toHaveText("신청접수");
    await expect(page.getByText("신청일")).toBeVisible();

    // the monitor now sees it as 신청접수
    const context = await browser.newContext();
    const monitor = await context.newPage();
    await signIn(monitor, "monitor@demo.kr");
    await monitor.goto(`/tickets?q=${AS}0015`);
    await expect(monitor.locator(`[data-ticket-number="${AS}0015"]`)).toContainText("신청접수");
    await context.close();
  });

  test("another supplier cannot open the documents or the files (404); the ticket's supplier can", async ({ browser }) => {
    expect(fileUrl).not.toBe("");
    const foreign = await browser.newContext();
    const vendor1 = await foreign.newPage();
    await signIn(vendor1, "vendor1@demo.kr");
    const docs = await vendor1.goto(`${ticketPath}/documents`);
    expect(docs?.status()).toBe(404);
    await expect(vendor1.locator("body")).not.toContainText("설비 데이터 수집기 통신 모듈 수리");
    const file = await vendor1.request.get(fileUrl);
    expect(file.status()).toBe(404);
    await foreign.close();

    const own = await browser.newContext();
    const vendor2 = await own.newPage();
    await signIn(vendor2, "vendor2@demo.kr");
    const ok = await vendor2.request.get(fileUrl);
    expect(ok.status()).toBe(200);
    // (the header is currently sent twice, by the security middleware and by the file route)
    expect(ok.headers()["x-content-type-options"]).toMatch(/^nosniff(, nosniff)?$/);
    expect(ok.headers()["content-disposition"]).toContain("attachment");
    expect((await ok.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await own.close();
  });

  test("a stale edit of a draft gets the conflict message; the draft can be withdrawn", async ({ page, browser }) => {
    await signIn(page, "maker1@demo.kr");
    const path = await fileDraft(page, "POP 불량 코드 추가");
    const context = await browser.newContext();
    const second = await context.newPage();
    await signIn(second, "maker1@demo.kr");
    await page.goto(`${path}/edit`);
    await second.goto(`${path}/edit`);

    await page.getByLabel("제목").fill("POP 불량 코드 추가 (1차 수정)");
    await page.getByRole("button", { name: "수정 내용 저장" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("POP 불량 코드 추가 (1차 수정)");

    await second.getByLabel("제목").fill("POP 불량 코드 추가 (덮어쓰기)");
    await second.getByRole("button", { name: "수정 내용 저장" }).click();
    await expect(second.getByRole("alert")).toContainText("다른 사용자가 먼저 변경했습니다. 새로고침한 뒤 다시 시도해 주세요.");
    await expect(second.getByLabel("제목")).toHaveValue("POP 불량 코드 추가 (덮어쓰기)");
    await context.close();

    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("(1차 수정)");
    // a step that cannot be undone: from the danger zone to its confirmation page (ADR 028)
    await page.getByTestId("danger-zone").getByRole("link", { name: "신청철회" }).click();
    await page.getByRole("button", { name: "신청철회 확정" }).click();
    await expect(page.getByTestId("flash").filter({ hasText: "신청을 철회했습니다." })).toBeVisible();
    await expect(page.locator("main .badge").first()).toHaveText("신청철회");
    await expect(page.getByTestId("next-actor")).toContainText("없음 (종료)");
  });

  test("withdraw a submitted request before the agreement", async ({ page }) => {
    await signIn(page, "maker1@demo.kr");
    await openTicket(page, `${AS}0011`);
    await page.getByTestId("danger-zone").getByRole("link", { name: "신청철회" }).click();
    await page.getByRole("button", { name: "신청철회 확정" }).click();
    await expect(page.locator("main .badge").first()).toHaveText("신청철회");
  });

  test("extension request: +2 months shows the new end, a further request is refused with the reason", async ({ page }) => {
    await signIn(page, "maker1@demo.kr");
    await openTicket(page, `${AS}0001`);
    await page.getByRole("link", { name: "사업기간 연장 신청" }).click();
    await expect(page).toHaveURL(/\/extension$/);
    // the seed signed AS-…-0001's agreement 45 days ago
    const start = addDays(seoulToday(), -45);
    const base = executionWindow(start, 0, GYEONGGI_2024_PARAMS).endOn;
    const extended = executionWindow(start, 2, GYEONGGI_2024_PARAMS).endOn;
    await expect(page.getByTestId("current-end")).toHaveText(formatKoreanDate(base));
    await expect(page.getByTestId("options")).toContainText(`2개월 연장 시: ${formatKoreanDate(extended)}까지`);

    await page.getByLabel("연장 기간").selectOption("2");
    await page.getByLabel("연장 사유").fill("부품 수급 지연으로 수집 항목 추가 작업이 늦어집니다.");
    await page.getByRole("button", { name: "연장 신청" }).click();
    await expect(page.getByTestId("flash").filter({ hasText: "사업기간 2개월 연장을 신청했습니다." })).toBeVisible();
    await expect(page.getByTestId("pending")).toContainText(`승인 시 ${formatKoreanDate(extended)}까지`);

    await page.getByLabel("연장 기간").selectOption("1");
    await page.getByLabel("연장 사유").fill("추가 교육 일정");
    await page.getByRole("button", { name: "연장 신청" }).click();
    // issue 16: the request now awaits the supplier's confirmation before the Technopark sees it
    await expect(page.getByTestId("pending")).toContainText("공급기업의 확인을 기다립니다");
    await expect(page.getByRole("alert")).toContainText("상대 기업의 확인을 기다리는 연장 제안이 있습니다.");
    await expect(page.getByLabel("연장 사유")).toHaveValue("추가 교육 일정");

    // the ticket page lists the request
    await page.getByTestId("ticket-pages").getByRole("link", { name: "개요" }).click();
    await expect(page.getByText(`2개월 · 상대 기업 확인 대기 · 종료일 ${formatKoreanDate(extended)}`)).toBeVisible();
  });
});
