// The multi-node suite's `test`: a worker-scoped `cluster` (tests/multinode/cluster.ts) that every spec
// shares while its tests pass (Playwright starts a fresh worker, so a fresh cluster, after a failure),
// and helpers for people signed in on a given node.
import { expect, test as base, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { signIn } from "../e2e/helpers";
import { Cluster, type NodeName } from "./cluster";

/** The browser contexts personOn opened in the running test: closed after it, so no page of one test stays live in the next. */
const opened: BrowserContext[] = [];

export const test = base.extend<{ nodeLogs: void; closePeople: void }, { cluster: Cluster }>({
  closePeople: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature: no other fixtures needed
    async ({}, use) => {
      await use();
      await Promise.all(opened.splice(0).map((context) => context.close()));
    },
    { auto: true },
  ],
  // a failed test carries what the nodes printed meanwhile (their JSON log: the cause of a 500 is there)
  nodeLogs: [
    async ({ cluster }, use, testInfo) => {
      const before = new Map([...cluster.nodes].map(([name, node]) => [name, node.output().length]));
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      for (const [name, node] of cluster.nodes) {
        await testInfo.attach(`node ${name} output`, {
          body: node
            .output()
            .slice(before.get(name) ?? 0)
            .slice(-50_000),
          contentType: "text/plain",
        });
      }
    },
    { auto: true },
  ],
  cluster: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature: no other fixtures needed
    async ({}, use) => {
      const cluster = await Cluster.start();
      try {
        await use(cluster);
      } finally {
        await cluster.stop();
      }
    },
    // starting PostgreSQL, Redis and two nodes that migrate and seed takes a while on 2 busy cores
    { scope: "worker", timeout: 300_000 },
  ],
});
export { expect };

/** A new browser context on `node`, signed in as `email`, that records every live event the page receives. */
export async function personOn(browser: Browser, cluster: Cluster, node: NodeName, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: cluster.url(node), locale: "ko-KR", timezoneId: "Asia/Seoul" });
  opened.push(context);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __live: unknown[] };
    w.__live = [];
    window.addEventListener("as:live-event", (e) => w.__live.push((e as CustomEvent).detail));
  });
  await signIn(page, email);
  return page;
}

export type LiveEvent = { seq: number; ticketNumber: string | null; summary: string; action: string };

/** The live events the page received so far (recorded by personOn's init script). */
export const liveEvents = (page: Page) => page.evaluate(() => (window as unknown as { __live: LiveEvent[] }).__live);

/** Marks the document: a reload (instead of a live update) would lose the mark. */
export const mark = (page: Page) => page.evaluate(() => ((window as unknown as { __marker: string }).__marker = "still-here"));
export const marked = (page: Page) => page.evaluate(() => (window as unknown as { __marker?: string }).__marker);

export const liveConnected = (page: Page, timeout?: number) =>
  expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "true", { timeout });

/** The ticket's id by its number, from the database (the cluster's PostgreSQL). */
export async function ticketId(cluster: Cluster, number: string): Promise<string> {
  const [row] = await cluster.query<{ id: string }>(`SELECT id FROM "Ticket" WHERE number = $1`, [number]);
  if (!row) throw new Error(`no ticket ${number}`);
  return row.id;
}

/** Opens a ticket's page and waits until its live connection is up. */
export async function openTicket(page: Page, cluster: Cluster, number: string): Promise<void> {
  await page.goto(`/tickets/${await ticketId(cluster, number)}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(number);
  await liveConnected(page);
}

/** The page's session cookie as a Cookie header: an HTTP client of the test acts as that person, on any node. */
export async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/**
 * Posts a form of the app as a browser without JavaScript would (multipart, same-origin), without following
 * the redirect: the app answers a successful step with a redirect only after its transaction committed.
 */
export function postForm(nodeUrl: string, pathname: string, cookie: string, fields: Record<string, string>): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return fetch(`${nodeUrl}${pathname}`, { method: "POST", body, redirect: "manual", headers: { Cookie: cookie, Origin: nodeUrl } });
}

/** Asks the ticket's supplier a question through the questions page's form (an outbox mail, a live event). */
export function askSupplier(nodeUrl: string, ticket: string, cookie: string, subject: string): Promise<Response> {
  return postForm(nodeUrl, `/tickets/${ticket}/questions`, cookie, {
    __step: "ask",
    toRole: "supplier",
    subject,
    body: `${subject}: 교체 부품의 입고 예정일을 알려 주세요.`,
  });
}
