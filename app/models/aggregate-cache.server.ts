// A small in-process cache for dashboard aggregates (counts per state, per
// supplier, capacity and budget held). Every committed ticket change bumps a
// generation (publishCommitted), which empties it; entries also expire after
// AGGREGATE_TTL_MS as a safety net. With several server processes (REDIS_URL) an
// invalidation on one node empties the cache of every node: `shareInvalidation`
// carries it over a Redis channel (app/realtime/cluster.server.ts, ADR 042).

export const AGGREGATE_TTL_MS = Number(process.env.AGGREGATE_TTL_MS ?? 60_000);
const MAX_ENTRIES = 500;

/** How an invalidation reaches the other nodes, and whether it can right now. */
export type InvalidationSharing = { publish: () => void; connected: () => boolean };

export type AggregateCache = ReturnType<typeof createAggregateCache>;

export function createAggregateCache() {
  let generation = 0;
  const entries = new Map<string, { at: number; generation: number; value: unknown }>();
  // Requests that arrive while the same aggregate is being computed wait for
  // that computation instead of starting their own (no stampede on a cold cache).
  const inFlight = new Map<string, Promise<unknown>>();
  let sharing: InvalidationSharing | null = null;

  /** Empties this node's cache only (an invalidation that came from another node). */
  function clearLocal(): void {
    generation += 1;
    entries.clear();
  }

  // A node that cannot hear the others' invalidations (Redis down) keeps nothing: a kept value could
  // stay wrong until the TTL, while recomputing costs a few ms per page (ADR 042).
  const keeping = () => sharing === null || sharing.connected();

  async function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = keeping() ? entries.get(key) : undefined;
    if (hit && hit.generation === generation && Date.now() - hit.at < AGGREGATE_TTL_MS) return hit.value as T;
    const started = generation;
    const flightKey = `${started}|${key}`;
    const running = inFlight.get(flightKey);
    if (running) return running as Promise<T>;
    const promise = compute().finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, promise);
    const value = await promise;
    // a change committed while computing makes this result stale: do not keep it
    if (started === generation && keeping()) {
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(key, { at: Date.now(), generation, value });
    }
    return value;
  }

  return {
    cached,
    clearLocal,
    /** Called after every committed ticket change: this node's cache, and every other node's. */
    invalidate(): void {
      clearLocal();
      sharing?.publish();
    },
    /** Joins the other nodes (null: this process alone). Whatever was kept before may have missed theirs. */
    share(next: InvalidationSharing | null): void {
      sharing = next;
      clearLocal();
    },
  };
}

// The routes (Remix build) and the server bundle each have a copy of this module: both reach the one
// cache through globalThis.
const registry = globalThis as unknown as { __asTrackerAggregateCache?: AggregateCache };

/** The process's cache. */
export function aggregateCache(): AggregateCache {
  return (registry.__asTrackerAggregateCache ??= createAggregateCache());
}

/** Called after every committed ticket change. */
export function invalidateAggregates(): void {
  aggregateCache().invalidate();
}

export function cachedAggregate<T>(key: string, compute: () => Promise<T>): Promise<T> {
  return aggregateCache().cached(key, compute);
}
