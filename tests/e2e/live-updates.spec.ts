// Live status updates across three organisations, in real browsers, over the
// real socket.io server: who sees a change without reloading, who receives
// nothing at all, the bell, and catching up after a drop or a server restart.
import { spawn, type ChildProcess } from "node:child_process";
import { serverNodeArgs } from "../../scripts/server-flags.mjs";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { instanceDir, instancePort } from "./instance";
import { AS } from "./demo-numbers";

/** Records every live event the page receives, and marks the document so a reload would be noticed. */
async function watch(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __live: unknown[]; __marker?: string };
    w.__live = [];
    window.addEventListener("as:live-event", (e) => w.__live.push((e as CustomEvent).detail));
  });
}
const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { __live: { seq: number; ticketNumber: string; summary: string }[] }).__live);
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { __marker: string }).__marker = "still-here"));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { __marker?: string }).__marker);

async function openTicket(page: Page, number: string) {
  await page.goto(`/tickets?q=${number}`);
  await page.getByTestId("ticket-list").getByRole("link", { name: number }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(number);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
}

async function newUser(context: BrowserContext, email: string) {
  const page = await context.newPage();
  await watch(page);
  await signIn(page, email);
  return page;
}

test("a monitor's step reaches the manufacturer and the supplier live; an unrelated supplier receives nothing", async ({ browser }) => {
  test.setTimeout(60_000);
  const contexts = await Promise.all([1, 2, 3, 4].map(() => browser.newContext()));
  const [maker2, vendor2, vendor1, monitor] = await Promise.all([
    newUser(contexts[0], "maker2@demo.kr"),
    newUser(contexts[1], "vendor2@demo.kr"),
    newUser(contexts[2], "vendor1@demo.kr"),
    newUser(contexts[3], "monitor@demo.kr"),
  ]);
  // AS-…-0004: 대성플라스틱(주) × (주)넥스트엠이에스, 신청접수
  await openTicket(maker2, `${AS}0004`);
  await openTicket(vendor2, `${AS}0004`);
  await vendor1.goto("/tickets");
  await expect(vendor1.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
  const bell = maker2.getByTestId("unread-count");
  const bellBefore = (await bell.count()) ? Number(await bell.textContent()) : 0;
  await Promise.all([mark(maker2), mark(vendor2)]);

  await openTicket(monitor, `${AS}0004`);
  await monitor.getByRole("button", { name: "요건검토 시작" }).click();
  await expect(monitor.getByTestId("flash").filter({ hasText: "처리되었습니다" })).toBeVisible();

  for (const page of [maker2, vendor2]) {
    await expect(page.locator(".card .badge").first()).toHaveText("요건검토", { timeout: 5000 });
    await expect(page.getByTestId("toast").first()).toContainText("요건검토");
    expect(await marked(page)).toBe("still-here"); // updated in place, not reloaded
  }
  await expect(maker2.getByTestId("unread-count")).toHaveText(String(bellBefore + 1));
  // the unrelated supplier got no event at all
  expect(await received(vendor1)).toEqual([]);

  // the bell goes down again
  await maker2.getByRole("link", { name: /알림/ }).click();
  await maker2.getByRole("button", { name: "모두 읽음으로 표시" }).click();
  await expect(maker2.getByTestId("unread-count")).toHaveCount(0);

  // vice versa: the manufacturer withdraws AS-…-0010 (대성플라스틱 × 스마트팩토리솔루션); its supplier sees it, the other does not
  await openTicket(vendor1, `${AS}0010`);
  await mark(vendor1);
  const vendor2Before = (await received(vendor2)).length;
  await openTicket(maker2, `${AS}0010`);
  // from the danger zone to the confirmation page (ADR 028)
  await maker2.getByTestId("danger-zone").getByRole("link", { name: "신청철회" }).click();
  await maker2.getByRole("button", { name: "신청철회 확정" }).click();
  await expect(vendor1.locator(".card .badge").first()).toHaveText("신청철회", { timeout: 5000 });
  expect(await marked(vendor1)).toBe("still-here");
  expect((await received(vendor2)).length).toBe(vendor2Before);
  await Promise.all(contexts.map((c) => c.close()));
});

test("a socket cannot join a foreign ticket's room", async ({ page, baseURL }) => {
  await signIn(page, "vendor1@demo.kr");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const { io } = await import("socket.io-client");
  const socket = io(baseURL!, { transports: ["websocket"], reconnection: false, extraHeaders: { Cookie: cookie, Origin: baseURL! } });
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  // the monitor can see every ticket id; vendor1 must not join vendor2's AS-…-0006
  const join = (ticketId: string) =>
    new Promise<{ ok: boolean; error?: string }>((resolve) => socket.emit("ticket:join", { ticketId }, resolve));
  const own = await page.goto(`/tickets?q=${AS}0001`).then(async () => {
    const href = await page.getByRole("link", { name: `${AS}0001` }).getAttribute("href");
    return href!.split("/").pop()!;
  });
  expect(await join(own)).toEqual({ ok: true });
  const monitorContext = await page.context().browser()!.newContext();
  const monitor = await monitorContext.newPage();
  await signIn(monitor, "monitor@demo.kr");
  await monitor.goto(`/tickets?q=${AS}0006`);
  const foreign = (await monitor.getByRole("link", { name: `${AS}0006` }).getAttribute("href"))!.split("/").pop()!;
  expect(await join(foreign)).toEqual({ ok: false, error: "not_found" });
  // malformed messages are dropped, the connection survives
  expect(await new Promise((resolve) => socket.emit("ticket:join", { ticketId: 42, extra: true }, resolve))).toEqual({
    ok: false,
    error: "invalid",
  });
  expect(await join(own)).toEqual({ ok: true });
  socket.close();
  await monitorContext.close();
});

test("a handshake from another origin is refused", async ({ page, baseURL }) => {
  await signIn(page, "maker1@demo.kr");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const { io } = await import("socket.io-client");
  const result = await new Promise<string>((resolve) => {
    const socket = io(baseURL!, {
      transports: ["websocket"],
      reconnection: false,
      extraHeaders: { Cookie: cookie, Origin: "https://evil.example" },
    });
    socket.on("connect", () => {
      socket.close();
      resolve("connected");
    });
    socket.on("connect_error", (e) => resolve(e.message));
  });
  expect(result).toBe("forbidden origin");
});

test("after a server restart the client catches up with what it missed, exactly once", async ({ browser }) => {
  // A second server process on the same database: the page talks to it, we stop it,
  // make a change through the main server, start it again, and the page catches up.
  const port = instancePort() + 90;
  const root = process.cwd();
  const dataDir = instanceDir();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    PORT: String(port),
    DATABASE_URL: `file:${path.join(dataDir, "e2e.db")}`,
    DATA_DIR: dataDir,
  };
  const serverJs = path.join(root, process.env.BUILD_DIR ?? "build", "node", "server.js");
  const start = async () => {
    const child = spawn(process.execPath, serverNodeArgs(serverJs), { env, stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`http://localhost:${port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return child;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill();
    throw new Error("second server did not start");
  };
  const stop = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });

  let second = await start();
  const watcherContext = await browser.newContext({ baseURL: `http://localhost:${port}` });
  const watcher = await watcherContext.newPage();
  await watch(watcher);
  await signIn(watcher, "vendor2@demo.kr");
  await openTicket(watcher, `${AS}0011`); // 한빛정밀 × 넥스트엠이에스, 요건검토
  await mark(watcher);
  const seenBefore = (await received(watcher)).length;

  await stop(second);
  await expect(watcher.getByTestId("live-status")).toHaveAttribute("data-connected", "false");
  await expect(watcher.getByTestId("live-status")).toContainText("실시간 연결 끊김");

  // while the supplier's page is cut off, the manufacturer withdraws the application on the main server
  const makerContext = await browser.newContext();
  const maker = await makerContext.newPage();
  await signIn(maker, "maker1@demo.kr");
  await openTicket(maker, `${AS}0011`);
  await maker.getByTestId("danger-zone").getByRole("link", { name: "신청철회" }).click();
  await maker.getByRole("button", { name: "신청철회 확정" }).click();
  await expect(maker.getByTestId("flash").filter({ hasText: "신청을 철회했습니다" })).toBeVisible();

  second = await start();
  await expect(watcher.getByTestId("live-status")).toHaveAttribute("data-connected", "true", { timeout: 15_000 });
  await expect.poll(async () => (await received(watcher)).length, { timeout: 10_000 }).toBe(seenBefore + 1);
  await expect(watcher.locator(".card .badge").first()).toHaveText("신청철회");
  const events = await received(watcher);
  expect(events.at(-1)!.ticketNumber).toBe(`${AS}0011`);
  expect(new Set(events.map((e) => e.seq)).size).toBe(events.length); // exactly once
  expect(await marked(watcher)).toBe("still-here");

  await stop(second);
  await watcherContext.close();
  await makerContext.close();
});
