// Rate limits shared by several nodes (issue 18, item 2; ADR 042): two Express apps, each with its own
// limiters and its own Redis connection, count in one store on a private Redis; with Redis gone, a
// request is counted by its node alone and answered, never turned into a 500.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectRedis, type RedisLink } from "~/realtime/redis.server";
import { loginLimiter, writeLimiter } from "~/utils/http-guards.server";
import { startRedis } from "../../scripts/services/private-services.mjs";

let redis: Awaited<ReturnType<typeof startRedis>>;
const links: RedisLink[] = [];
const servers: http.Server[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  for (const link of links) await link.close();
  await redis.stop();
});

/** One node: its own Redis connection, its own limiters, a handler that answers "ok". */
async function node(): Promise<string> {
  const link = await connectRedis(redis.url);
  links.push(link);
  const limits = { enabled: true, writesPerMinute: 3, loginPerWindow: 2, redis: link.counters };
  const app = express();
  app.use("/login", loginLimiter(limits));
  app.use(writeLimiter(limits));
  app.all("*", (_req, res) => void res.send("ok"));
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// every test starts from empty counters
beforeEach(async () => {
  const flusher = await connectRedis(redis.url);
  await flusher.pub.flushAll();
  await flusher.close();
});

const post = async (url: string) => {
  const response = await fetch(url, { method: "POST" });
  return { status: response.status, text: await response.text() };
};

describe("rate limits across nodes", () => {
  it("two nodes count one client's writes together: the limit is the cluster's, not each node's", async () => {
    const [a, b] = [await node(), await node()];
    const statuses = [];
    for (const base of [a, b, a, b]) statuses.push((await post(`${base}/tickets/x`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await post(`${a}/tickets/x`);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain("요청이 너무 많습니다");
  });

  it("sign-in attempts likewise", async () => {
    const [a, b] = [await node(), await node()];
    expect((await post(`${a}/login`)).status).toBe(200);
    expect((await post(`${b}/login`)).status).toBe(200);
    expect((await post(`${a}/login`)).status).toBe(429);
  });

  it("with Redis gone a node still answers, counting alone, and shares its count again once Redis is back", async () => {
    const [a, b] = [await node(), await node()];
    const restarted = redis.restart({ downMs: 5_000 }); // long enough for the requests below, even on a loaded machine
    await waitUntil(() => links.every((link) => !link.isUp()));
    // each node counts alone meanwhile: 3 writes per node pass, the 4th on a node is refused
    const during = [];
    for (const base of [a, b, a, b, a, b, a]) during.push(await post(`${base}/down`));
    expect(during.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(during.at(-1)?.text).toContain("요청이 너무 많습니다");
    await restarted;
    await waitUntil(() => links.every((link) => link.isUp()));
    for (const base of [b, a, b]) expect((await post(`${base}/again`)).status).toBe(200);
    expect((await post(`${a}/again`)).status).toBe(429);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}
