// Redis goes away and comes back (killed, down for a few seconds, started again empty): the nodes keep
// serving pages and writes meanwhile, the browsers on both nodes stay or come back live, and a change made
// while Redis was down reaches the browser on the other node (it catches up from the audit trail), once
// (issue 18, item 4).
import net from "node:net";
import { AS } from "../e2e/demo-numbers";
import { askSupplier, cookieHeader, expect, liveConnected, liveEvents, mark, marked, openTicket, personOn, test, ticketId } from "./fixtures";

/** Whether something accepts connections on the port now. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => (socket.destroy(), resolve(false)));
  });
}

const eventsAbout = async (page: Parameters<typeof liveEvents>[0], subject: string) =>
  (await liveEvents(page)).filter((e) => e.summary.includes(subject));

test("Redis restarts: pages and writes keep working, sockets on both nodes reconnect and catch up", async ({ browser, cluster }) => {
  // vendor1 watches AS-…-0001 on both nodes; maker1 asks questions through either node
  const onA = await personOn(browser, cluster, "A", "vendor1@demo.kr");
  const onB = await personOn(browser, cluster, "B", "vendor1@demo.kr");
  for (const page of [onA, onB]) {
    await openTicket(page, cluster, `${AS}0001`);
    await mark(page);
  }
  const maker = await personOn(browser, cluster, "A", "maker1@demo.kr");
  const cookie = await cookieHeader(maker);
  const ticket = await ticketId(cluster, `${AS}0001`);

  const restarted = cluster.restartRedis({ downMs: 5000 });
  await expect.poll(() => listening(cluster.redis.port), { timeout: 10_000 }).toBe(false);

  // Redis is down: both nodes serve pages, and a write on node A commits and answers
  for (const node of ["A", "B"] as const) {
    const page = await fetch(`${cluster.url(node)}/tickets/${ticket}`, { headers: { Cookie: cookie } });
    expect(page.status, `a page of node ${node} while Redis is down`).toBe(200);
  }
  const whileDown = "레디스 중단 중 문의";
  const asked = await askSupplier(cluster.url("A"), ticket, cookie, whileDown);
  expect(asked.status, await asked.text()).toBe(302);
  expect(await listening(cluster.redis.port)).toBe(false); // the write really happened while Redis was down

  await restarted;
  // the change made while Redis was down reaches the page on node B, exactly once, without a reload
  await expect.poll(async () => (await eventsAbout(onB, whileDown)).length, { timeout: 20_000 }).toBe(1);
  await liveConnected(onB, 20_000);
  expect(await marked(onB)).toBe("still-here");

  // and the nodes are joined again: a change through node B reaches the page on node A
  const after = "레디스 재시작 후 문의";
  const again = await askSupplier(cluster.url("B"), ticket, cookie, after);
  expect(again.status, await again.text()).toBe(302);
  await expect.poll(async () => (await eventsAbout(onA, after)).length, { timeout: 10_000 }).toBe(1);
  await liveConnected(onA);
  expect(await marked(onA)).toBe("still-here");
  // no event twice on either page (a catch-up after a reconnect must not repeat what the page had)
  for (const page of [onA, onB]) {
    const seqs = (await liveEvents(page)).map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  }
});
