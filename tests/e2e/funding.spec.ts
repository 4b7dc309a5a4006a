// 사업비 지급 after the agreement (issue 16 item 4), in a real browser against the real server: the
// manufacturer deposits its share with the transfer proof, the TP confirms it, records the payee account,
// pays the subsidy in two parts (선금, 잔금) — more than remains is refused with what remains, and a third
// payment beyond the subsidy too — and the ticket is funded only when the TP declares funding complete.
import { expect, test, type Page } from "@playwright/test";
import { cloneSubmittedTicket, db, deleteTicket, ticket } from "./fixtures";
import { flash, personPage } from "./stale-forms";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

const N = `${AS}0961`;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const proof = (name: string) => ({ name, mimeType: "application/pdf", buffer: PDF });

test.beforeAll(() => {
  // like the demo's 협약체결 ticket (maker2 × vendor2), at the notice's figures: 28,000,000 · 14,000,000 · 14,000,000
  const id = cloneSubmittedTicket(`${AS}0008`, N, "사출기 PLC 보드 교체 (지급 시험)", "agreed", {
    agreedCost: 28_000_000,
    subsidy: 14_000_000,
    companyShare: 14_000_000,
  });
  db().prepare(`UPDATE Agreement SET agreedCost = 28000000, subsidy = 14000000, companyShare = 14000000 WHERE ticketId = ?`).run(id);
});
test.afterAll(() => deleteTicket(N));

const paymentPage = (page: Page) => page.goto(`/tickets/${ticket(N).id}/payment`);
const formError = (page: Page) => page.locator(".form-error[role=alert]");

async function pay(page: Page, kind: string, amount: string) {
  await page.getByLabel("지급 구분").selectOption({ label: kind });
  await page.getByLabel("지급액 (원)").fill(amount);
  await page.getByLabel("지급 증빙 (이체확인증)").setInputFiles(proof(`${kind}_이체확인증.pdf`));
  await page.getByRole("button", { name: "지급 기록" }).click();
}

test("deposit → TP confirms → 선금 and 잔금 → a third payment over the subsidy refused → 지급 완료", async ({ browser, baseURL }) => {
  // two people signed in, one walk: more than one default budget on a shared machine
  test.slow();
  const maker = await personPage(browser, baseURL, "maker2@demo.kr");
  const tp = await personPage(browser, baseURL, "monitor@demo.kr");

  // before the deposit the TP cannot pay, and is told why
  await paymentPage(tp);
  await expect(tp.getByRole("button", { name: "지급 기록" })).toBeDisabled();
  await expect(tp.getByRole("form", { name: "정부지원금 지급 기록" })).toContainText(
    "기업부담금 입금이 확인되기 전에는 정부지원금을 지급할 수 없습니다.",
  );

  // the manufacturer's turn: the whole share, with its transfer proof
  await paymentPage(maker);
  await expect(maker.getByTestId("share-remaining")).toHaveText("14,000,000원");
  await expect(maker.getByLabel("입금액 (원)")).toHaveValue("14,000,000");
  // a text file named .pdf is refused by its content, on the deposit form, in Korean
  await maker.getByLabel("이체확인증").setInputFiles({ name: "가짜.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf") });
  await maker.getByRole("button", { name: "입금 등록" }).click();
  await expect(formError(maker)).toContainText("허용되지 않는 파일 형식입니다.");
  expect(db().prepare(`SELECT COUNT(*) AS n FROM ShareDeposit WHERE ticketId = ?`).get(ticket(N).id)).toEqual({ n: 0 });
  await maker.getByLabel("이체확인증").setInputFiles(proof("기업부담금_이체확인증.pdf"));
  await maker.getByRole("button", { name: "입금 등록" }).click();
  await expect(flash(maker).first()).toHaveText("기업부담금 입금을 등록했습니다. 운영기관의 확인을 기다립니다.");
  await expect(maker.getByTestId("deposits")).toContainText("14,000,000원 · 확인 대기");
  // the proof downloads for the manufacturer
  const download = maker.waitForEvent("download");
  await maker.getByTestId("deposits").getByRole("link", { name: "기업부담금_이체확인증.pdf" }).click();
  expect((await download).suggestedFilename()).toBe("기업부담금_이체확인증.pdf");

  // the TP confirms; the remaining share is 0
  await paymentPage(tp);
  await tp.getByRole("button", { name: "입금 확인" }).click();
  await expect(flash(tp).first()).toHaveText("기업부담금 입금을 확인했습니다.");
  await expect(tp.getByTestId("share-remaining")).toHaveText("0원");
  await expect(tp.getByTestId("deposits")).toContainText("확인됨");

  // the payee account, then two partial payments
  await tp.getByLabel("은행").fill("IBK기업은행");
  await tp.getByLabel("계좌번호").fill("123-456789-01-011");
  await tp.getByLabel("예금주").fill("한성정밀(주)");
  await tp.getByRole("button", { name: "계좌 저장" }).click();
  await expect(flash(tp).first()).toHaveText("보조금 지급 계좌를 등록했습니다.");
  await expect(tp.getByTestId("payee")).toHaveText("IBK기업은행 123-456789-01-011 (예금주 한성정밀(주))");

  await pay(tp, "선금", "7,000,000");
  await expect(flash(tp).first()).toHaveText("정부지원금 지급을 기록했습니다.");
  await expect(tp.getByTestId("paid-total")).toHaveText("7,000,000원");
  await expect(tp.getByTestId("paid-remaining")).toHaveText("7,000,000원");
  expect(ticket(N).state).toBe("agreed");
  // more than what remains: refused with the remaining amount, the typed amount kept
  await pay(tp, "잔금", "8,000,000");
  await expect(formError(tp)).toContainText(
    "이미 지급한 7,000,000원과 합쳐 협약 정부지원금(14,000,000원)을 넘을 수 없습니다. 남은 지급 가능액은 7,000,000원입니다.",
  );
  await expect(tp.getByLabel("지급액 (원)")).toHaveValue("8,000,000");

  await paymentPage(tp);
  await pay(tp, "잔금", "7,000,000");
  await expect(tp.getByTestId("paid-total")).toHaveText("14,000,000원");
  await expect(tp.getByTestId("paid-remaining")).toHaveText("0원");
  await expect(tp.getByTestId("payments")).toContainText("선금");
  await expect(tp.getByTestId("payments")).toContainText("잔금");
  // the whole subsidy paid: no payment form; a third payment posted by hand is refused with what remains
  await expect(tp.getByRole("button", { name: "지급 기록" })).toHaveCount(0);
  const third = await tp.request.post(`/tickets/${ticket(N).id}/payment`, {
    multipart: {
      __step: "payment",
      intent: "payment",
      version: String(ticket(N).version),
      kind: "other",
      amount: "1",
      paidOn: "2026-12-01",
      evidence: proof("세 번째.pdf"),
    },
    headers: { Origin: new URL(tp.url()).origin },
    maxRedirects: 0,
  });
  expect(third.status()).toBe(400);
  expect(await third.text()).toContain("남은 지급 가능액은 0원입니다.");
  expect(db().prepare(`SELECT COUNT(*) AS n FROM Payment WHERE ticketId = ?`).get(ticket(N).id)).toEqual({ n: 2 });

  // funded only now, when the TP says so
  await paymentPage(tp);
  await tp.getByRole("button", { name: "사업비 지급 완료" }).click();
  await expect(flash(tp).first()).toHaveText("사업비 지급을 완료했습니다.");
  expect(ticket(N).state).toBe("funded");

  // the manufacturer reads the same totals
  await paymentPage(maker);
  await expect(maker.getByTestId("paid-total")).toHaveText("14,000,000원");
  await expect(maker.getByRole("button", { name: "입금 등록" })).toHaveCount(0);
  await maker.context().close();
  await tp.context().close();
});
