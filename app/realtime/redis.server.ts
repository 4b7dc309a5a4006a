// The node's connection to Redis (REDIS_URL), which joins several app processes (ADR 042): the
// socket.io adapter's two clients (one publishes, one is in subscriber mode), and a third for the
// shared rate-limit counters. Redis going away never stops a node: each client reconnects with a
// back-off for ever, an outage is logged once when it starts and once when it ends, and listeners
// hear `down` / `up` (the hub then has its sockets catch up, the aggregate cache stops caching).
import { createClient } from "redis";
import { log } from "~/utils/log.server";

export type RedisClient = ReturnType<typeof createClient>;

export type RedisLink = {
  /** publishes (and the adapter's requests); commands issued while disconnected wait for the reconnect */
  pub: RedisClient;
  /** subscriber mode: the adapter's channels and ours */
  sub: RedisClient;
  /** the rate limits' counters: a command while disconnected fails at once (the limiter then counts locally) */
  counters: RedisClient;
  /** every client connected */
  isUp(): boolean;
  /** `up` after a loss (not at the first connect), `down` once per outage */
  on(change: "up" | "down", listener: () => void): void;
  close(): Promise<void>;
};

/** Wait before the n-th reconnect attempt: 50 ms doubling up to 2 s, with jitter so nodes do not reconnect in step. */
export function reconnectDelay(retries: number, random = Math.random): number {
  const base = Math.min(50 * 2 ** Math.min(retries, 10), 2_000);
  return Math.round(base * (0.75 + random() * 0.5));
}

function client(url: string, role: string, disableOfflineQueue: boolean): RedisClient {
  return createClient({
    url,
    name: `as-tracker-${role}`,
    disableOfflineQueue,
    // node-redis stops reconnecting when this returns an Error: never, a node outlives any Redis outage
    socket: { reconnectStrategy: (retries: number) => reconnectDelay(retries), connectTimeout: 5_000 },
  });
}

/**
 * Connects the three clients. Resolves once they are connected or after `firstConnectMs` (Redis down at
 * start: the node serves anyway, and the clients keep trying in the background).
 */
export async function connectRedis(url: string, { firstConnectMs = 5_000 } = {}): Promise<RedisLink> {
  const clients = { pub: client(url, "pub", false), sub: client(url, "sub", false), counters: client(url, "counters", true) };
  const all = Object.values(clients);
  const listeners = { up: new Set<() => void>(), down: new Set<() => void>() };
  let state: "connecting" | "up" | "down" = "connecting";
  const isUp = () => all.every((c) => c.isReady);

  let closing = false;
  const changed = () => {
    if (closing) return;
    if (isUp() && state !== "up") {
      if (state === "down") log.info("Redis 연결 복구 / Redis connection restored: live updates and shared limits resume");
      const recovered = state === "down";
      state = "up";
      if (recovered) listeners.up.forEach((fn) => fn());
    } else if (!isUp() && state === "up") {
      state = "down";
      log.warn("Redis 연결 끊김 / Redis connection lost: pages keep working; live updates pause and catch up on reconnect");
      listeners.down.forEach((fn) => fn());
    }
  };
  // the clients' flags settle after their events: look once the event is over
  const look = () => queueMicrotask(changed);
  for (const c of all) {
    // without an 'error' listener node-redis would throw the error into the process (an unhandled 'error' event)
    c.on("error", look);
    for (const event of ["end", "ready", "reconnecting", "connect"]) c.on(event, look);
  }
  const connected = Promise.all(all.map((c) => c.connect())).then(() => undefined);
  connected.catch(() => {}); // a failed first connect is met below; the clients keep retrying
  const firstConnect = await Promise.race([
    connected.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), firstConnectMs).unref()),
  ]).catch(() => false);
  if (!firstConnect) {
    state = "down";
    log.warn({ url: redactRedisUrl(url) }, "Redis에 연결하지 못했습니다 / Redis not reachable at start: serving without it, retrying");
  }
  return {
    ...clients,
    isUp,
    on: (change, listener) => void listeners[change].add(listener),
    async close() {
      closing = true;
      listeners.up.clear();
      listeners.down.clear();
      await Promise.all(all.map((c) => (c.isOpen ? c.close() : c.destroy())));
    },
  };
}

/** REDIS_URL for a log line: never the password. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}
