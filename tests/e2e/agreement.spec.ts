// 협약 (ADR 031): the TP prepares the agreement draft, the manufacturer and the supplier each read its full text
// and consent in their own browsers, and the TP concludes only after both; a new start date clears both
// consents; the start date's rules refuse a start before the selection notice and a start before today
// without a reason. Real server, real browser, the database read as it is.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { addDaysIso, cloneSubmittedTicket, db, deleteTicket, seoulToday, setState, submitQuoteAndPlan, ticket } from "./fixtures";
import { flash, personPage } from "./stale-forms";
import { agreementUrl, consentAs, prepareAgreementAs } from "./agreement-flow";
import { executionWindow, formatKoreanDate, GYEONGGI_2024_PARAMS } from "~/domain";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

const FLOW = `${AS}0961`;
const RESET = `${AS}0962`;
const DATES = `${AS}0963`;
const ALL = [FLOW, RESET, DATES];
// AS-…-0004: 대성플라스틱 (maker2) × 넥스트엠이에스 (vendor2)
const MAKER = "maker2@demo.kr";
const VENDOR = "vendor2@demo.kr";
const today = seoulToday();
const selectedOn = addDaysIso(today, -5);

/** A ticket in 원가적정성 검토 selected 5 days ago, quote 30,000,000원, its cost review confirmed at 28,000,000원. */
function readyForAgreement(number: string, title: string) {
  cloneSubmittedTicket(`${AS}0004`, number, title, "plan_submitted", {
    selectionNoticeOn: selectedOn,
    planDueOn: addDaysIso(selectedOn, 14),
  });
  submitQuoteAndPlan(number, [
    { description: "MES 버전업", kind: "sw", quantity: 1, unitPrice: 20_000_000 },
    { description: "보고서 모듈", kind: "labour", quantity: 1, unitPrice: 10_000_000 },
  ]);
  setState(number, "cost_review");
  const t = ticket(number);
  const quote = db().prepare(`SELECT id FROM Quote WHERE ticketId = ?`).get(t.id) as { id: string };
  const monitor = db().prepare(`SELECT id FROM User WHERE email = 'monitor@demo.kr'`).get() as { id: string };
  const now = new Date().toISOString().replace("Z", "+00:00");
  db()
    .prepare(
      `INSERT INTO CostReview (id, ticketId, quoteId, quoteTotal, verifiedAmount, resultOn, reviewerId, status, confirmedAt, confirmedById, createdAt)
       VALUES (?, ?, ?, 30000000, 28000000, ?, ?, 'confirmed', ?, ?, ?)`,
    )
    .run(`cr${crypto.randomUUID().slice(0, 20)}`, t.id, quote.id, today, monitor.id, now, monitor.id, now);
}

test.beforeAll(() => {
  readyForAgreement(FLOW, "협약 3자 동의 시험");
  readyForAgreement(RESET, "협약 동의 초기화 시험");
  readyForAgreement(DATES, "협약 시작일 규칙 시험");
});
test.afterAll(() => {
  for (const n of ALL) deleteTicket(n);
});

const alert = (page: Page) => page.locator(".form-error[role=alert]");

type ConsentRow = {
  party: string;
  name: string;
  textHash: string;
  text: string;
  ipAddress: string | null;
  userAgent: string | null;
  clearedAt: string | null;
};
const consents = (number: string) =>
  db()
    .prepare(`SELECT party, name, textHash, text, ipAddress, userAgent, clearedAt FROM AgreementConsent WHERE ticketId = ? ORDER BY consentedAt`)
    .all(ticket(number).id) as ConsentRow[];
const draftOf = (number: string) =>
  db().prepare(`SELECT startOn, textHash, text FROM AgreementDraft WHERE ticketId = ?`).get(ticket(number).id) as
    { startOn: string; textHash: string; text: string } | undefined;

test("TP prepares, the manufacturer consents, the supplier consents, the TP concludes (one consent is not enough)", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const window = executionWindow(today, 0, GYEONGGI_2024_PARAMS);
  const tp = await personPage(browser, baseURL, "monitor@demo.kr");
  await tp.goto(agreementUrl(FLOW));
  // before concluding, the page shows the window end and the extension limit from the rules
  await tp.getByLabel("사업 시작일").fill(today);
  await expect(tp.getByTestId("agreement-preview").getByTestId("end-on")).toHaveText(formatKoreanDate(window.baseEndOn));
  await expect(tp.getByTestId("agreement-preview").getByTestId("max-end-on")).toHaveText(
    `최대 2개월 연장 시 ${formatKoreanDate(window.maxEndOn)}까지 (최대 사업기간 6개월)`,
  );
  await expect(tp.getByTestId("agreement-preview").getByTestId("agreed-cost")).toHaveText("28,000,000원");
  await tp.getByRole("button", { name: "협약안 작성" }).click();
  await expect(flash(tp)).toHaveText("협약안을 저장했습니다.");
  const draft = draftOf(FLOW)!;
  expect(draft.textHash).toBe(crypto.createHash("sha256").update(draft.text, "utf8").digest("hex"));
  await expect(tp.getByTestId("agreement-text")).toContainText("공급기업: (주)넥스트엠이에스 (사업자등록번호 214-87-05513");
  await expect(tp.getByTestId("consents")).toContainText("도입기업: 동의 대기");
  await expect(tp.getByRole("button", { name: "협약 체결" })).toBeDisabled();
  await expect(tp.locator("#why-sign")).toContainText("도입기업과 공급기업의 협약 동의가 필요합니다.");

  const maker = await consentAs(browser, baseURL, MAKER, FLOW);
  const [makerConsent] = consents(FLOW);
  expect(makerConsent).toMatchObject({ party: "manufacturer", textHash: draft.textHash, text: draft.text, clearedAt: null });
  expect(makerConsent.ipAddress).toBeTruthy();
  expect(makerConsent.userAgent).toContain("Chrome");
  // the TP sees who consented when; concluding with one consent is refused with the reason, on the page and by the server
  await tp.reload();
  await expect(tp.getByTestId("consents").locator('[data-party="manufacturer"]')).toContainText(`동의함 — ${makerConsent.name}`);
  await expect(tp.getByRole("button", { name: "협약 체결" })).toBeDisabled();
  await expect(tp.locator("#why-sign")).toContainText("공급기업의 협약 동의가 필요합니다.");
  const refused = await tp.request.post(agreementUrl(FLOW), {
    form: { __step: "agreement-sign", intent: "sign", version: String(ticket(FLOW).version) },
    headers: { Origin: new URL(tp.url()).origin },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("공급기업의 협약 동의가 필요합니다.");
  expect(db().prepare(`SELECT COUNT(*) AS n FROM Agreement WHERE ticketId = ?`).get(ticket(FLOW).id)).toEqual({ n: 0 });

  const vendor = await consentAs(browser, baseURL, VENDOR, FLOW);
  await tp.reload();
  await expect(tp.getByTestId("consents").locator('[data-consented="true"]')).toHaveCount(2);
  await tp.getByRole("button", { name: "협약 체결" }).click();
  await expect(flash(tp)).toHaveText("협약을 체결했습니다.");
  await expect(tp.getByTestId("agreement")).toContainText(`${formatKoreanDate(today)} ~ ${formatKoreanDate(window.baseEndOn)}`);
  const agreement = db()
    .prepare(`SELECT id, startOn, endOn, agreedCost, subsidy, companyShare, draftId FROM Agreement WHERE ticketId = ?`)
    .get(ticket(FLOW).id) as Record<string, unknown>;
  expect(agreement).toMatchObject({
    startOn: today,
    endOn: window.baseEndOn,
    agreedCost: 28_000_000,
    subsidy: 14_000_000,
    companyShare: 14_000_000,
  });
  expect(agreement.draftId).toBeTruthy();
  expect(db().prepare(`SELECT version, agreedCost FROM AgreementVersion WHERE agreementId = ?`).all(agreement.id)).toEqual([
    { version: 1, agreedCost: 28_000_000 },
  ]);
  expect(ticket(FLOW).state).toBe("agreed");
  // the companies read the concluded agreement and who consented
  await maker.reload();
  await expect(maker.getByTestId("agreement")).toContainText("28,000,000원");
  await expect(maker.getByTestId("consents").locator('[data-consented="true"]')).toHaveCount(2);
  for (const p of [tp, maker, vendor]) await p.context().close();
});

test("the TP prepares again with another start date: both consents are cleared and the companies told; a stale text is refused", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const tp = await personPage(browser, baseURL, "monitor@demo.kr");
  await prepareAgreementAs(tp, RESET, today);
  await expect(flash(tp)).toHaveText("협약안을 저장했습니다.");
  const maker = await consentAs(browser, baseURL, MAKER, RESET);
  const vendor = await consentAs(browser, baseURL, VENDOR, RESET);
  const before = draftOf(RESET)!;

  // the same terms prepared again keep both consents
  await prepareAgreementAs(tp, RESET, today);
  await expect(flash(tp).first()).toHaveText("협약안을 저장했습니다.");
  expect(consents(RESET).filter((c) => c.clearedAt === null)).toHaveLength(2);

  // another start date: both cleared
  const later = addDaysIso(today, 1);
  await prepareAgreementAs(tp, RESET, later);
  await expect(tp.getByTestId("consents")).toContainText("도입기업: 동의 대기");
  await expect(tp.getByTestId("consents")).toContainText("공급기업: 동의 대기");
  await expect(tp.getByTestId("cleared-consents")).toContainText("취소된 동의 2건");
  expect(consents(RESET).map((c) => c.clearedAt !== null)).toEqual([true, true]);
  expect(draftOf(RESET)!.startOn).toBe(later);
  // each company is told to read the new text and consent again (the bell)
  for (const email of [MAKER, VENDOR]) {
    const n = db()
      .prepare(
        `SELECT COUNT(*) AS n FROM Notification n JOIN User u ON u.id = n.userId WHERE u.email = ? AND n.ticketId = ? AND n.body LIKE '%다시 동의해 주세요%'`,
      )
      .get(email, ticket(RESET).id) as { n: number };
    expect(n.n, email).toBe(1);
  }
  // a consent posted for the text read before the change is refused: 409, in Korean
  const stale = await maker.request.post(agreementUrl(RESET), {
    form: { __step: "agreement-consent", intent: "consent", textHash: before.textHash, read: "on" },
    headers: { Origin: new URL(maker.url()).origin },
    maxRedirects: 0,
  });
  expect(stale.status()).toBe(409);
  expect(await stale.text()).toContain("협약안이 바뀌었습니다. 화면에 새로 표시된 협약안을 읽고 다시 동의해 주세요.");
  expect(consents(RESET).filter((c) => c.clearedAt === null)).toHaveLength(0);
  // the page itself offers the new text to consent to
  await maker.reload();
  await expect(maker.getByTestId("consents")).toContainText("도입기업: 동의 대기");
  await expect(maker.getByRole("button", { name: "협약안에 동의" })).toBeEnabled();
  for (const p of [tp, maker, vendor]) await p.context().close();
});

test("a start before the selection notice is refused; a start before today needs a reason", async ({ browser, baseURL }) => {
  const tp = await personPage(browser, baseURL, "monitor@demo.kr");
  const early = addDaysIso(selectedOn, -1);
  await prepareAgreementAs(tp, DATES, early, "착수 회의");
  await expect(alert(tp)).toContainText(
    `사업 시작일(${formatKoreanDate(early)})은 선정 통보일(${formatKoreanDate(selectedOn)})보다 앞설 수 없습니다.`,
  );
  expect(draftOf(DATES)).toBeUndefined();

  const yesterday = addDaysIso(today, -1);
  await prepareAgreementAs(tp, DATES, yesterday, "");
  await expect(alert(tp)).toContainText(
    `사업 시작일(${formatKoreanDate(yesterday)})이 오늘(${formatKoreanDate(today)})보다 앞섭니다. 그 사유를 적어 주세요.`,
  );
  expect(draftOf(DATES)).toBeUndefined();

  // with the reason it is prepared, and the reason is kept
  await tp.getByLabel(/시작일을 앞당기는 사유/).fill("선정 다음 날 현장 착수 회의부터 작업 시작");
  await tp.getByRole("button", { name: "협약안 작성" }).click();
  await expect(flash(tp)).toHaveText("협약안을 저장했습니다.");
  expect(db().prepare(`SELECT startOn, startReason FROM AgreementDraft WHERE ticketId = ?`).get(ticket(DATES).id)).toEqual({
    startOn: yesterday,
    startReason: "선정 다음 날 현장 착수 회의부터 작업 시작",
  });
  await tp.context().close();
});
