// Live rooms follow access (issue 13, item 7), with real socket.io clients against real servers:
// a socket that had joined a ticket's room receives nothing more of it once its organisation may
// no longer read the ticket (the ticket went to another supplier), and a member moved to another
// organisation, even directly in the database, loses the old organisation's rooms at the next sweep.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { addApplicationDocuments, cloneSubmittedTicket, db, ticket } from "./fixtures";
import { signIn } from "./helpers";
import { liveClient, sessionCookie, type LiveClient } from "./live-client";
import { seededDataDir, startServer, stopServer } from "./server-process";
import { AS } from "./demo-numbers";

// A server of our own for the sweep (base + 72), far from the shared ones.
const BASE = Number(process.env.E2E_PORT ?? 3100);

/** Nothing of `ticketId` reached the client: the catch-up's answer comes after anything the server sent it before. */
async function receivedNothingOf(client: LiveClient, ticketId: string, afterSeq: number) {
  const caughtUp = await client.since(afterSeq);
  expect(client.events.filter((e) => e.ticketId === ticketId)).toEqual([]);
  expect(caughtUp.events?.filter((e) => e.ticketId === ticketId)).toEqual([]);
}

async function returnForCorrection(page: Page, ticketId: string) {
  await page.goto(`/tickets/${ticketId}/review`);
  await page.getByLabel("보완 요청 사항 (한 줄에 하나)").fill("공급기업을 다시 선택해 주세요.");
  await page.getByRole("button", { name: "보완 요청(작성중으로 되돌림)" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function resubmitWithSupplier(page: Page, ticketId: string, supplier: string) {
  await page.goto(`/tickets/${ticketId}/edit`);
  await page.getByLabel("공급기업").selectOption({ label: supplier });
  // the cloned ticket has no requested items yet
  await page.getByLabel("요청 항목 1 내용").fill("MES 4.0 버전업");
  await page.getByLabel("항목 1 지원유형").selectOption({ label: "SW 업그레이드" });
  await page.getByRole("button", { name: "수정 내용 저장" }).click();
  await expect(page.getByTestId("flash").filter({ hasText: "신청서를 저장했습니다." })).toBeVisible();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "신청서 제출" }).first().click();
  await expect(page.getByTestId("flash").filter({ hasText: "신청서를 제출했습니다." })).toBeVisible();
}

test("the supplier a ticket was taken from (returned, resubmitted with another) receives nothing more of it", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  cloneSubmittedTicket(`${AS}0004`, `${AS}9701`, "공급기업 변경 시험"); // 대성플라스틱(주) × (주)넥스트엠이에스
  addApplicationDocuments(`${AS}9701`);
  const { id } = ticket(`${AS}9701`);
  const before = (db().prepare("SELECT MAX(seq) AS seq FROM AuditEvent").get() as { seq: number }).seq;

  const oldSupplier = await liveClient(baseURL!, "vendor2@demo.kr");
  const newSupplier = await liveClient(baseURL!, "vendor1@demo.kr");
  const [monitorContext, makerContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    expect(await oldSupplier.join(id)).toEqual({ ok: true });
    const monitor = await monitorContext.newPage();
    await signIn(monitor, "monitor@demo.kr");
    await returnForCorrection(monitor, id);
    const maker = await makerContext.newPage();
    await signIn(maker, "maker2@demo.kr");
    await resubmitWithSupplier(maker, id, "(주)스마트팩토리솔루션");

    // the new supplier hears of the submission …
    await expect.poll(() => newSupplier.events.filter((e) => e.ticketId === id && e.state === "submitted").length).toBe(1);
    // … the old one, whose socket had joined the ticket's room, hears nothing, and may not join again
    await receivedNothingOf(oldSupplier, id, before);
    expect(await oldSupplier.join(id)).toEqual({ ok: false, error: "not_found" });
  } finally {
    oldSupplier.close();
    newSupplier.close();
    await Promise.all([monitorContext.close(), makerContext.close()]);
  }
});

test("a member moved to another organisation in the database loses the old one's rooms at the next sweep", async () => {
  const port = BASE + 72;
  const dataDir = seededDataDir(port);
  const server = await startServer({ port, dataDir, env: { LIVE_SWEEP_MS: "200" } });
  const base = `http://localhost:${port}`;
  const file = new Database(path.join(dataDir, "e2e.db"));
  const clients: LiveClient[] = [];
  try {
    // AS-…-0004: 대성플라스틱(주) × (주)넥스트엠이에스 (vendor2), 신청접수
    const t = file.prepare(`SELECT id, version FROM Ticket WHERE number = '${AS}0004'`).get() as { id: string; version: number };
    const own = file.prepare(`SELECT id FROM Ticket WHERE number = '${AS}0001'`).get() as { id: string }; // (주)스마트팩토리솔루션's
    const before = (file.prepare("SELECT MAX(seq) AS seq FROM AuditEvent").get() as { seq: number }).seq;
    const moved = await liveClient(base, "vendor2@demo.kr");
    const maker = await liveClient(base, "maker2@demo.kr");
    clients.push(moved, maker);
    expect(await moved.join(t.id)).toEqual({ ok: true });
    expect(await moved.join(own.id)).toEqual({ ok: false, error: "not_found" });

    file
      .prepare(
        "UPDATE User SET organizationId = (SELECT id FROM Organization WHERE name = '(주)스마트팩토리솔루션') WHERE email = 'vendor2@demo.kr'",
      )
      .run();
    // the sweep re-reads the socket's actor (the socket itself sends nothing meanwhile) and moves it
    await expect.poll(() => moved.accessChanges(), { timeout: 10_000 }).toBe(1);
    expect(moved.socket.connected).toBe(true);
    // the old company's ticket is out of reach, the new one's within
    expect(await moved.join(t.id)).toEqual({ ok: false, error: "not_found" });
    expect(await moved.join(own.id)).toEqual({ ok: true });

    // the monitor starts the review of the old company's ticket: its manufacturer hears of it, the moved member does not
    const response = await fetch(`${base}/tickets/${t.id}`, {
      method: "POST",
      headers: { Cookie: await sessionCookie(base, "monitor@demo.kr"), "Content-Type": "application/x-www-form-urlencoded", Origin: base },
      body: new URLSearchParams({ intent: "transition", action: "start_review", version: String(t.version) }),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    await expect.poll(() => maker.events.filter((e) => e.ticketId === t.id).length).toBe(1);
    await receivedNothingOf(moved, t.id, before);
  } finally {
    for (const client of clients) client.close();
    file.close();
    await stopServer(server);
  }
});
