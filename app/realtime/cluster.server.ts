// Several app processes joined through Redis (REDIS_URL, ADR 042): socket.io's Redis adapter carries the
// live hub's messages between nodes (server-side emits: each node acts on its own sockets), and a Redis
// channel carries the aggregate cache's invalidations. Nothing here decides who may see what: the hub does.
import crypto from "node:crypto";
import { createAdapter } from "@socket.io/redis-adapter";
import type { Server as SocketServer } from "socket.io";
import { aggregateCache, type AggregateCache } from "~/models/aggregate-cache.server";
import type { HubMessage, Peers } from "./hub.server";
import { connectRedis, redactRedisUrl, type RedisClient, type RedisLink } from "./redis.server";
import { log } from "~/utils/log.server";

const KEY = "as-tracker";
const HUB_MESSAGE = `${KEY}:hub`;
const AGGREGATES_CHANNEL = `${KEY}:aggregates`;

/** This process among the nodes (in log lines, and so that a node ignores its own invalidations). */
export const NODE_ID = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;

/**
 * Puts the Redis adapter on `io` and returns the hub's peers. A message sent while Redis is down is
 * dropped, not queued: the sockets it was for catch up when this node rejoins (the hub's resync).
 */
export function joinPeers(io: SocketServer, link: RedisLink): Peers {
  io.adapter(createAdapter(link.pub, link.sub, { key: KEY }));
  return {
    send(message) {
      if (link.isUp()) io.serverSideEmit(HUB_MESSAGE, message);
    },
    receive(handler) {
      io.on(HUB_MESSAGE, (message: HubMessage) => handler(message));
    },
    onRejoined: (listener) => link.on("up", listener),
  };
}

/**
 * An invalidation of `cache` on any node empties every node's. Until the subscription holds (and while
 * Redis is down) the cache keeps nothing; when Redis is back it is emptied, since invalidations sent
 * meanwhile were lost.
 */
export function shareAggregateInvalidation(cache: AggregateCache, link: RedisLink, nodeId = NODE_ID): Promise<void> {
  let subscribed = false;
  link.on("up", () => cache.clearLocal());
  cache.share({
    connected: () => subscribed && link.isUp(),
    publish() {
      // a publish lost in a connection's last moment: the other nodes empty their cache when they reconnect
      if (link.isUp()) link.pub.publish(AGGREGATES_CHANNEL, nodeId).catch(() => {});
    },
  });
  return link.sub
    .subscribe(AGGREGATES_CHANNEL, (from: string) => {
      if (from !== nodeId) cache.clearLocal();
    })
    .then(
      () => {
        subscribed = true;
        cache.clearLocal();
      },
      (error: unknown) => log.error({ err: error }, "aggregate invalidation channel not subscribed: the cache keeps nothing"),
    );
}

export type Nodes = { peers?: Peers; counters?: RedisClient; close(): Promise<void> };

/**
 * With REDIS_URL, this process joins the others: the adapter and the hub's peers on `io`, the aggregate
 * cache's invalidations, and the client the rate limits count with. Without it, a process of its own.
 */
export async function joinOtherNodes(io: SocketServer, url: string | undefined): Promise<Nodes> {
  if (!url) return { close: async () => {} };
  const link = await connectRedis(url);
  const peers = joinPeers(io, link);
  void shareAggregateInvalidation(aggregateCache(), link);
  log.info({ redis: redactRedisUrl(url), node: NODE_ID }, "joined the other nodes through Redis");
  return { peers, counters: link.counters, close: () => link.close() };
}
