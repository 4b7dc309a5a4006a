// A small in-process cache for dashboard aggregates (counts per state, per
// supplier, capacity and budget held). Every committed ticket change bumps a
// generation (publishCommitted), which empties it; entries also expire after
// AGGREGATE_TTL_MS as a safety net. One process only: with several server
// processes the invalidation must travel with the realtime adapter (ADR 008).
const registry = globalThis as unknown as {
  __asTrackerAggregates?: { generation: number; entries: Map<string, { at: number; generation: number; value: unknown }> };
};

function store() {
  return (registry.__asTrackerAggregates ??= { generation: 0, entries: new Map() });
}

// Requests that arrive while the same aggregate is being computed wait for
// that computation instead of starting their own (no stampede on a cold cache).
const inFlight = new Map<string, Promise<unknown>>();

export const AGGREGATE_TTL_MS = Number(process.env.AGGREGATE_TTL_MS ?? 60_000);
const MAX_ENTRIES = 500;

/** Called after every committed ticket change. */
export function invalidateAggregates(): void {
  const s = store();
  s.generation += 1;
  s.entries.clear();
}

export async function cachedAggregate<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const s = store();
  const hit = s.entries.get(key);
  if (hit && hit.generation === s.generation && Date.now() - hit.at < AGGREGATE_TTL_MS) return hit.value as T;
  const generation = s.generation;
  const flightKey = `${generation}|${key}`;
  const running = inFlight.get(flightKey);
  if (running) return running as Promise<T>;
  const promise = compute().finally(() => inFlight.delete(flightKey));
  inFlight.set(flightKey, promise);
  const value = await promise;
  // a change committed while computing makes this result stale: do not keep it
  if (generation === s.generation) {
    if (s.entries.size >= MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value as string);
    s.entries.set(key, { at: Date.now(), generation, value });
  }
  return value;
}
