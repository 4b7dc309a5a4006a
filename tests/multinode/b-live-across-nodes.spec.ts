// A change made on one node reaches, within 2 s (the contract), the browsers connected to the
// other node: socket.io's Redis adapter carries each committed event to every node (issue 18, item 2).
import { AS } from "../e2e/demo-numbers";
import { askSupplier, cookieHeader, expect, liveConnected, liveEvents, mark, marked, openTicket, personOn, test, ticketId } from "./fixtures";

/** The contract: a change made on node A is on screen on node B within 2 s. */
const CROSS_NODE_MS = 2000;

test("a monitor's step on node A reaches the manufacturer and the supplier on node B within 2 s", async ({ browser, cluster }) => {
  // AS-…-0004: 대성플라스틱(주) (maker2) × (주)넥스트엠이에스 (vendor2), 신청접수
  const [maker, vendor] = await Promise.all([
    personOn(browser, cluster, "B", "maker2@demo.kr"),
    personOn(browser, cluster, "B", "vendor2@demo.kr"),
  ]);
  for (const page of [maker, vendor]) {
    await openTicket(page, cluster, `${AS}0004`);
    await mark(page);
  }
  const monitor = await personOn(browser, cluster, "A", "monitor@demo.kr");
  await openTicket(monitor, cluster, `${AS}0004`);
  await monitor.getByRole("button", { name: "요건검토 시작" }).click();
  // the flash is the answer to the committed step: from here the clock of the contract runs
  await expect(monitor.getByTestId("flash").filter({ hasText: "처리되었습니다" })).toBeVisible();
  for (const page of [maker, vendor]) {
    await expect(page.locator(".card .badge").first()).toHaveText("요건검토", { timeout: CROSS_NODE_MS });
  }
  for (const page of [maker, vendor]) {
    await expect(page.getByTestId("toast").first()).toContainText("요건검토");
    expect(await marked(page)).toBe("still-here"); // updated live, not reloaded
  }
});

test("a question asked on node B reaches the supplier's page on node A within 2 s", async ({ browser, cluster }) => {
  // AS-…-0001: 한빛정밀 (maker1) × 스마트팩토리솔루션 (vendor1), 과제수행
  const vendor = await personOn(browser, cluster, "A", "vendor1@demo.kr");
  await openTicket(vendor, cluster, `${AS}0001`);
  await liveConnected(vendor);
  const maker = await personOn(browser, cluster, "B", "maker1@demo.kr");
  const subject = "노드 간 실시간 문의";
  const asked = await askSupplier(cluster.url("B"), await ticketId(cluster, `${AS}0001`), await cookieHeader(maker), subject);
  expect(asked.status, await asked.text()).toBe(302);
  await expect
    .poll(async () => (await liveEvents(vendor)).filter((e) => e.summary.includes(subject)).length, { timeout: CROSS_NODE_MS })
    .toBe(1);
});
