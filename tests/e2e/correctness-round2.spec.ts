// Issue 13 (items 11 and 16) in real browsers against the real server and socket.io:
// a new draft is a change like any other (its live event reaches the manufacturer's other pages,
// never the supplier it names nor the Technopark), and a work date outside the agreed execution
// period is refused on the date field, with the period named.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { db } from "./fixtures";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

/** Records every live event the page receives. */
async function watch(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __live: unknown[] };
    w.__live = [];
    window.addEventListener("as:live-event", (e) => w.__live.push((e as CustomEvent).detail));
  });
}
const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { __live: { ticketNumber: string; action: string; state: string }[] }).__live);

async function liveList(page: Page, email: string) {
  await watch(page);
  await signIn(page, email);
  await page.goto("/tickets");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
}

test("a new draft reaches the manufacturer's other page live, and neither the named supplier nor the Technopark", async ({ browser }) => {
  const [makerContext, vendorContext, monitorContext] = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [makerList, vendor2, monitor] = await Promise.all([makerContext.newPage(), vendorContext.newPage(), monitorContext.newPage()]);
  await liveList(makerList, "maker1@demo.kr");
  await liveList(vendor2, "vendor2@demo.kr");
  await liveList(monitor, "monitor@demo.kr");

  // the same company in a second tab writes a new request naming (주)넥스트엠이에스 (vendor2)
  const form = await makerContext.newPage();
  await form.goto("/tickets/new");
  await form.getByLabel("프로그램 수정·개선", { exact: true }).check();
  await form.getByLabel("공급기업").selectOption({ label: "(주)넥스트엠이에스" });
  await form.getByLabel("제목").fill("작업지시 화면 개선 (실시간 확인)");
  await form.getByLabel("문제 현황").fill("작업지시 화면이 느립니다.");
  await form.getByLabel("기대 효과(요청 결과)").fill("화면 개선");
  await form.getByLabel("요청 항목 1 내용").fill("작업지시 조회 개선");
  await form.getByLabel("항목 1 지원유형").selectOption("util_program");
  await form.getByRole("button", { name: "작성중으로 저장" }).click();
  await expect(form.getByRole("heading", { level: 1 })).toContainText("작업지시 화면 개선 (실시간 확인)");
  const { number } = db().prepare(`SELECT number FROM Ticket WHERE title = ?`).get("작업지시 화면 개선 (실시간 확인)") as { number: string };

  await expect
    .poll(async () => (await received(makerList)).filter((e) => e.ticketNumber === number))
    .toEqual([expect.objectContaining({ ticketNumber: number, action: "ticket.create", state: "draft" })]);
  // the supplier and the Technopark heard nothing of it (the maker's page got it, so it has been sent)
  expect((await received(vendor2)).filter((e) => e.ticketNumber === number)).toEqual([]);
  expect((await received(monitor)).filter((e) => e.ticketNumber === number)).toEqual([]);
  await Promise.all([makerContext.close(), vendorContext.close(), monitorContext.close()]);
});

test("a work date before the agreed period is refused on the date field, naming the period", async ({ page }) => {
  await signIn(page, "vendor1@demo.kr");
  await page
    .locator(`section[data-group="todo"] tr[data-ticket-number="${AS}0001"][data-pending-kind="do_work"]`)
    .getByRole("link", { name: "작업 수행·작업일지 작성" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("작업일지");
  const { startOn, endOn } = db()
    .prepare(`SELECT a.startOn, a.endOn FROM Agreement a JOIN Ticket t ON t.id = a.ticketId WHERE t.number = '${AS}0001'`)
    .get() as { startOn: string; endOn: string };
  const korean = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number);
    return `${y}년 ${m}월 ${d}일`;
  };
  const date = page.getByLabel("작업일자");
  // the field offers only the period's days (up to today) and says which they are
  await expect(date).toHaveAttribute("min", startOn);
  await expect(page.getByText(`사업기간 ${korean(startOn)} ~ ${korean(endOn)}`)).toBeVisible();

  const logs = () => (db().prepare(`SELECT COUNT(*) AS n FROM WorkLog`).get() as { n: number }).n;
  const before = logs();
  const dayBefore = new Date(Date.parse(`${startOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await date.fill(dayBefore);
  await page.getByLabel("작업 시간(시간)").fill("2");
  await page.getByLabel("작업 내용").fill("사업기간 전 작업");
  await page.getByRole("button", { name: "작업일지 등록" }).click();
  const message = `작업일자는 사업기간(${korean(startOn)} ~ ${korean(endOn)}) 안이어야 합니다.`;
  await expect(page.getByText(message)).toBeVisible();
  await expect(date).toHaveAttribute("aria-invalid", "true");
  await expect(date).toHaveValue(dayBefore); // what was typed stays
  expect(logs()).toBe(before);
});
