// Node A dies (SIGKILL to its whole process group) while several writers post questions through both
// nodes. Node B keeps answering; afterwards PostgreSQL holds every write that got its answer (the app
// redirects only after the commit), and each write is whole or absent: a question with its one message
// and its one audit event, never a part of it (issue 18, item 4).
import { AS } from "../e2e/demo-numbers";
import type { Cluster, NodeName } from "./cluster";
import { askSupplier, cookieHeader, expect, personOn, test, ticketId } from "./fixtures";

type Outcome = { subject: string; node: NodeName; sentAfterKill: boolean; status: number | "no answer" };

const WRITERS = 6;
/** Acknowledged writes on node A before it is killed, and on node B after it. */
const BEFORE_KILL = 12;
const AFTER_KILL = 24;
/** A bound on each writer's requests, so a broken node B fails the test instead of looping forever. */
const MAX_PER_WRITER = 150;

class Load {
  readonly outcomes: Outcome[] = [];
  killed = false;
  constructor(
    private readonly cluster: Cluster,
    private readonly ticket: string,
    private readonly cookie: string,
  ) {}

  acked(node: NodeName, afterKill: boolean) {
    return this.outcomes.filter((o) => o.node === node && o.sentAfterKill === afterKill && o.status === 302).length;
  }

  /** One writer: alternates between the nodes, one request at a time, until B acknowledged enough after the kill. */
  async writer(w: number) {
    for (let i = 0; i < MAX_PER_WRITER && this.acked("B", true) < AFTER_KILL; i++) {
      const node: NodeName = (w + i) % 2 ? "B" : "A";
      const subject = `쓰기 부하 w${w}-${String(i).padStart(3, "0")}`;
      const sentAfterKill = this.killed;
      const status = await askSupplier(this.cluster.url(node), this.ticket, this.cookie, subject).then(
        (r) => r.status,
        () => "no answer" as const,
      );
      this.outcomes.push({ subject, node, sentAfterKill, status });
    }
  }
}

test("node A is killed under write load: node B keeps serving, no acknowledged write is lost, none is half-done", async ({
  browser,
  cluster,
}) => {
  test.setTimeout(240_000);
  const maker = await personOn(browser, cluster, "A", "maker1@demo.kr");
  const load = new Load(cluster, await ticketId(cluster, `${AS}0001`), await cookieHeader(maker));
  const writers = Array.from({ length: WRITERS }, (_, w) => load.writer(w));

  // kill node A in the middle of the load, with requests in flight on it
  await expect.poll(() => load.acked("A", false), { timeout: 60_000 }).toBeGreaterThanOrEqual(BEFORE_KILL);
  await cluster.killNode("A");
  load.killed = true;
  await Promise.all(writers);

  const onB = load.outcomes.filter((o) => o.node === "B");
  // node B answered every write, the ones during and after the kill included, with the step's redirect
  expect(onB.filter((o) => o.status !== 302)).toEqual([]);
  expect(load.acked("B", true)).toBeGreaterThanOrEqual(AFTER_KILL);
  // node A answered with its redirect or not at all (dead): never an error
  expect(load.outcomes.filter((o) => o.node === "A" && o.status !== 302 && o.status !== "no answer")).toEqual([]);

  const stored = await cluster.query<{ subject: string; messages: string; events: string }>(
    `SELECT q.subject,
            (SELECT count(*) FROM "TicketMessage" m WHERE m."questionId" = q.id) AS messages,
            (SELECT count(*) FROM "AuditEvent" e WHERE e."ticketId" = q."ticketId" AND e.summary LIKE '%' || q.subject || '%') AS events
       FROM "TicketQuestion" q WHERE q.subject LIKE '쓰기 부하 %'`,
  );
  const subjects = stored.map((row) => row.subject);
  // none lost: every acknowledged write is committed
  const acknowledged = load.outcomes.filter((o) => o.status === 302).map((o) => o.subject);
  expect(acknowledged.filter((s) => !subjects.includes(s))).toEqual([]);
  // none twice, none half-done: each stored question has its one message and its one audit event
  expect(new Set(subjects).size).toBe(subjects.length);
  expect(stored.filter((row) => Number(row.messages) !== 1 || Number(row.events) !== 1)).toEqual([]);
  // nothing stored that nobody sent
  const sent = new Set(load.outcomes.map((o) => o.subject));
  expect(subjects.filter((s) => !sent.has(s))).toEqual([]);
  const [{ orphans }] = await cluster.query<{ orphans: string }>(
    `SELECT count(*) AS orphans FROM "AuditEvent" e WHERE e.summary LIKE '%쓰기 부하 %'
       AND NOT EXISTS (SELECT 1 FROM "TicketQuestion" q WHERE q."ticketId" = e."ticketId" AND e.summary LIKE '%' || q.subject || '%')`,
  );
  expect(Number(orphans)).toBe(0);

  // node A comes back through `npm start`'s script and serves the same data
  await cluster.startNode("A");
  const page = await fetch(`${cluster.url("A")}/tickets`, { headers: { Cookie: await cookieHeader(maker) } });
  expect(page.status).toBe(200);
});
