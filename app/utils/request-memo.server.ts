// Values computed once per HTTP request: Remix runs the root loader and the
// page's loader for the same request in parallel, and both need the signed-in
// actor (a session, user, organisation and program lookup). server.ts opens a
// memo around each request; outside one (tests, scripts, sockets) nothing is
// memoised. The AsyncLocalStorage lives on globalThis because server.ts and the
// Remix build are separate bundles that must share it.
import { AsyncLocalStorage } from "node:async_hooks";

const registry = globalThis as unknown as { __asTrackerRequestMemo?: AsyncLocalStorage<Map<string, Promise<unknown>>> };
const storage = (registry.__asTrackerRequestMemo ??= new AsyncLocalStorage());

/** Runs `next` (the rest of the request's middleware) with a fresh memo. */
export function withRequestMemo(next: () => void): void {
  storage.run(new Map(), next);
}

/** `compute()` once per request and key; every call outside a request computes. */
export function requestMemo<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const memo = storage.getStore();
  if (!memo) return compute();
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    memo.set(key, value);
  }
  return value;
}
