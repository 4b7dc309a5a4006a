// The rate limits' counters when several nodes serve (REDIS_URL, ADR 042): one count per client in Redis
// (rate-limit-redis), so a client spreading its sign-in attempts over the nodes meets the same limit.
// While Redis cannot answer, each node counts in its own memory instead: the limit then holds per node
// (weaker, never absent) and no request fails because a counter could not be read.
import { MemoryStore, type ClientRateLimitInfo, type IncrementResponse, type Options, type Store } from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";
import type { RedisClient } from "~/realtime/redis.server";
import { log } from "./log.server";

export class SharedRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private readonly shared: RedisStore;
  private readonly local = new MemoryStore();
  private options: Options | null = null;
  private failing = false;

  constructor(client: RedisClient, prefix: string) {
    this.prefix = prefix;
    this.shared = new RedisStore({ sendCommand: (...args: string[]) => client.sendCommand(args), prefix });
  }

  init(options: Options): void {
    this.options = options;
    this.local.init(options);
    void this.loadScripts();
  }

  /**
   * rate-limit-redis loads its scripts once, in init: loaded while Redis was down, they would fail every
   * later count. Here a count first makes sure they are loaded, and loads them again if the last try failed.
   */
  private scripts: Promise<boolean> = Promise.resolve(false);
  private loadScripts(): Promise<boolean> {
    this.scripts = this.options
      ? this.shared.init(this.options).then(
          () => true,
          () => false,
        )
      : Promise.resolve(false);
    return this.scripts;
  }

  /** The shared count, else this node's own (logged once per outage). */
  private async either<T>(shared: () => Promise<T>, local: () => T | Promise<T>): Promise<T> {
    try {
      if (!(await this.scripts) && !(await this.loadScripts())) throw new Error("rate-limit-redis scripts not loaded");
      const result = await shared();
      if (this.failing) log.info({ limiter: this.prefix }, "rate limits counted in Redis again");
      this.failing = false;
      return result;
    } catch (error) {
      if (!this.failing)
        log.warn({ limiter: this.prefix, err: error }, "Redis 카운터 사용 불가 / rate limits counted per node until Redis answers");
      this.failing = true;
      return local();
    }
  }

  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.either(
      () => this.shared.get(key),
      () => this.local.get(key),
    );
  }

  increment(key: string): Promise<IncrementResponse> {
    return this.either(
      () => this.shared.increment(key),
      () => this.local.increment(key),
    );
  }

  decrement(key: string): Promise<void> {
    return this.either(
      () => this.shared.decrement(key),
      () => this.local.decrement(key),
    );
  }

  resetKey(key: string): Promise<void> {
    return this.either(
      () => this.shared.resetKey(key),
      () => this.local.resetKey(key),
    );
  }

  shutdown(): void {
    this.local.shutdown();
  }
}
