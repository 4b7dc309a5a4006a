// WEB_CONCURRENCY=N (N ≥ 2): N worker processes serve one port on one machine (node:cluster; ADR 043).
// The primary only supervises: it forks the workers (each a full server, server.ts's main()), forks a
// new one when a worker dies unexpectedly (with a back-off, so a worker that cannot start does not spin),
// passes SIGTERM/SIGINT on and exits once every worker has drained. Several processes share live
// updates, cache invalidations and rate limits only through Redis: without REDIS_URL, N > 1 is refused.
import cluster, { type Worker } from "node:cluster";
import { log } from "./log.server";

/** WEB_CONCURRENCY as a whole number ≥ 1 (unset: 1); anything else stops the start. */
export function webConcurrency(env: Record<string, string | undefined>): number {
  const raw = env.WEB_CONCURRENCY;
  if (raw === undefined || raw.trim() === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(
      `WEB_CONCURRENCY는 1 이상의 정수여야 합니다 (받은 값: "${raw}") / WEB_CONCURRENCY must be a whole number of at least 1, not "${raw}"`,
    );
  }
  return n;
}

/** Why this configuration may not start N processes, or null. */
export function refusalOf(env: Record<string, string | undefined>): string | null {
  const n = webConcurrency(env);
  if (n === 1 || env.REDIS_URL) return null;
  return (
    `WEB_CONCURRENCY=${n}에는 REDIS_URL이 필요합니다: 여러 프로세스는 실시간 알림, 집계 캐시 무효화, 요청 제한을 Redis로 함께 나눕니다. ` +
    `REDIS_URL을 설정하거나 WEB_CONCURRENCY=1로 시작하세요. / ` +
    `WEB_CONCURRENCY=${n} needs REDIS_URL: several processes share live updates, cache invalidation and rate limits through Redis. ` +
    `Set REDIS_URL, or start with WEB_CONCURRENCY=1.`
  );
}

export type SupervisorOptions = {
  count: number;
  /** the worker's script (default: this process's own) */
  exec?: string;
  /** first wait before forking again after an unexpected exit; doubles per quick death, up to maxBackoffMs */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** a worker that lived this long resets the back-off */
  stableMs?: number;
  /** after the signal, workers still running this long are killed */
  drainTimeoutMs?: number;
};

/**
 * In the primary: forks and supervises the workers; returns at once. Nothing else runs in the primary
 * (no database, no port of its own: the workers' listen() shares one through node:cluster).
 */
export function superviseWorkers({
  count,
  exec,
  backoffMs = 500,
  maxBackoffMs = 30_000,
  stableMs = 60_000,
  drainTimeoutMs = 20_000,
}: SupervisorOptions): void {
  if (exec) cluster.setupPrimary({ exec });
  const startedAt = new Map<Worker, number>();
  let quickDeaths = 0;
  let stopping = false;

  const fork = () => startedAt.set(cluster.fork(), Date.now());

  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) {
        log.info("every worker has stopped: exiting");
        process.exit(0);
      }
      return;
    }
    quickDeaths = lived >= stableMs ? 0 : quickDeaths + 1;
    const wait = Math.min(backoffMs * 2 ** Math.max(quickDeaths - 1, 0), maxBackoffMs);
    log.error({ pid: worker.process.pid, code, signal, livedMs: lived, restartInMs: wait }, "worker exited unexpectedly: starting another");
    setTimeout(() => !stopping && fork(), wait);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, workers: startedAt.size }, "stopping: the workers finish their requests, then the primary exits");
    for (const worker of startedAt.keys()) worker.process.kill(signal);
    if (startedAt.size === 0) process.exit(0);
    setTimeout(() => {
      log.error("workers still running after the drain timeout: killing them");
      for (const worker of startedAt.keys()) worker.process.kill("SIGKILL");
      process.exit(1);
    }, drainTimeoutMs).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  for (let i = 0; i < count; i++) fork();
  log.info({ workers: count, pid: process.pid }, "WEB_CONCURRENCY: worker processes started");
}

/**
 * What this process does, decided first thing in server.ts: "serve" (one process, or a worker), or
 * "supervise" (the primary of WEB_CONCURRENCY ≥ 2, which has then forked its workers). A refused
 * configuration ends the process with the reason on stderr (exit code 1).
 */
export function startProcesses(env: Record<string, string | undefined> = process.env): "serve" | "supervise" {
  if (cluster.isWorker) return "serve";
  let count: number;
  let refusal: string | null;
  try {
    count = webConcurrency(env);
    refusal = refusalOf(env);
  } catch (error) {
    refusal = (error as Error).message;
    count = 1;
  }
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
  if (count === 1) return "serve";
  superviseWorkers({ count });
  return "supervise";
}
