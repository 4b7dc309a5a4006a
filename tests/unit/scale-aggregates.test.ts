// The aggregate cache across nodes (issue 18, item 2; ADR 042): two caches, as two nodes have, each with
// its own Redis connection to a private Redis. An invalidation on one empties the other; a node that
// lost Redis keeps nothing (it could not hear the others' invalidations) and caches again once back.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAggregateCache, type AggregateCache } from "~/models/aggregate-cache.server";
import { shareAggregateInvalidation } from "~/realtime/cluster.server";
import { connectRedis, type RedisLink } from "~/realtime/redis.server";
import { startRedis } from "../../scripts/services/private-services.mjs";

let redis: Awaited<ReturnType<typeof startRedis>>;
const links: RedisLink[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const link of links) await link.close();
  await redis.stop();
});

async function node(name: string, firstConnectMs?: number) {
  const link = await connectRedis(redis.url, { firstConnectMs });
  links.push(link);
  const cache: AggregateCache = createAggregateCache();
  const joined = shareAggregateInvalidation(cache, link, name);
  return { cache, link, joined };
}

/** A counter behind the cache: how many times the aggregate was computed. */
function counted() {
  let computed = 0;
  return { compute: async () => ++computed, times: () => computed };
}

describe("aggregate cache across nodes", () => {
  it("an invalidation on node A empties node B's cache", async () => {
    const [a, b] = [await node("a"), await node("b")];
    await Promise.all([a.joined, b.joined]);
    const onB = counted();
    expect(await b.cache.cached("k", onB.compute)).toBe(1);
    expect(await b.cache.cached("k", onB.compute)).toBe(1); // kept
    a.cache.invalidate(); // a change committed on node A
    await vi.waitFor(async () => expect(await b.cache.cached("k", onB.compute)).toBeGreaterThan(1));
  });

  it("a node cut off from Redis keeps nothing, and caches again once Redis is back", async () => {
    const { cache, link, joined } = await node("c");
    await joined;
    const value = counted();
    await cache.cached("k", value.compute);
    await cache.cached("k", value.compute);
    expect(value.times()).toBe(1);
    const restarted = redis.restart({ downMs: 2_000 });
    await vi.waitFor(() => expect(link.isUp()).toBe(false));
    await cache.cached("k", value.compute);
    await cache.cached("k", value.compute);
    expect(value.times()).toBe(3); // nothing served from before the loss, nothing kept during it
    await restarted;
    await vi.waitFor(() => expect(link.isUp()).toBe(true), { timeout: 10_000 });
    await cache.cached("k", value.compute);
    await cache.cached("k", value.compute);
    expect(value.times()).toBe(4);
  });

  it("a node started while Redis is down serves, caching nothing, and joins once Redis is up", async () => {
    const witness = (await node("w")).link;
    await vi.waitFor(() => expect(witness.isUp()).toBe(true));
    const restarted = redis.restart({ downMs: 2_000 });
    await vi.waitFor(() => expect(witness.isUp()).toBe(false));
    const { cache, link, joined } = await node("late", 200); // gives up waiting after 200 ms and serves
    expect(link.isUp()).toBe(false);
    const value = counted();
    await cache.cached("k", value.compute);
    await cache.cached("k", value.compute);
    expect(value.times()).toBe(2);
    await restarted;
    await joined;
    await vi.waitFor(() => expect(link.isUp()).toBe(true), { timeout: 10_000 });
    await cache.cached("k", value.compute);
    await cache.cached("k", value.compute);
    expect(value.times()).toBe(3);
  });
});
