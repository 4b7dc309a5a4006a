// HTTP-level protections wired by server.ts: security headers with an
// enforced, per-request-nonce Content-Security-Policy, a same-origin check on
// state-changing requests, rate limits on sign-in and on writes, and admission
// control (bounded lanes for pages and for transfers).
import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { rateLimit } from "express-rate-limit";
import type { RedisClient } from "~/realtime/redis.server";
import { log, securityEvent } from "./log.server";
import { SharedRateLimitStore } from "./rate-limit-store.server";

export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
}

/** Helmet with a strict CSP: scripts only from us and with this request's nonce; no framing. */
export function securityHeaders({ enforce }: { enforce: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      reportOnly: !enforce,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
        styleSrc: ["'self'", "'unsafe-inline'"], // React style attributes; no inline *scripts*
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...(enforce ? [] : ["ws:", "wss:"])],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: enforce && process.env.HSTS === "1" ? { maxAge: 31536000 } : false,
    referrerPolicy: { policy: "same-origin" },
    frameguard: { action: "deny" },
  });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const CROSS_SITE = "다른 사이트에서 보낸 요청은 처리할 수 없습니다.";
const UNKNOWN_SOURCE = "요청을 보낸 페이지를 확인할 수 없어 처리하지 않았습니다. 이 사이트의 화면에서 다시 시도해 주세요.";

/**
 * Only same-origin writes pass. A browser that sends Fetch Metadata says in Sec-Fetch-Site where a
 * request comes from, and no page can forge it: only "same-origin" passes ("same-site" is a sibling
 * host, "none" a typed or bookmarked address — never how our forms post). Independently, the
 * request's Origin (else its Referer, for browsers that send no Origin) must name this host: a write
 * that names no source at all is refused too, since our own pages always send one (our
 * Referrer-Policy is same-origin, which keeps both for same-origin requests). Clients other than a
 * browser (tests, scripts) send an Origin of their own.
 */
export function sameOriginWrites(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = req.get("Sec-Fetch-Site");
  const source = req.get("Origin") ?? req.get("Referer");
  if (site !== undefined && site !== "same-origin") return refuseWrite(req, res, "cross_site", CROSS_SITE);
  if (!source) return refuseWrite(req, res, "no_source", UNKNOWN_SOURCE);
  if (!namesHost(source, req.get("Host"))) return refuseWrite(req, res, "cross_site", CROSS_SITE);
  next();
}

/** Whether an Origin or Referer value is a URL on this host ("null" and anything unparsable are not). */
function namesHost(source: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(source).host === host.toLowerCase();
  } catch {
    return false;
  }
}

function refuseWrite(req: Request, res: Response, reason: string, message: string) {
  const header = (name: string) => req.get(name)?.slice(0, 200) ?? null;
  securityEvent("write.refused", {
    reason,
    method: req.method,
    path: req.path.slice(0, 200),
    origin: header("Origin"),
    referer: header("Referer"),
    secFetchSite: header("Sec-Fetch-Site"),
    ip: req.ip ?? null,
  });
  res.status(403).type("text/plain; charset=utf-8").send(message);
}

/** A short Korean HTML page for refusals a person may see in place of a page (429, 503). */
function sendKoreanPage(res: Response, status: number, title: string, message: string) {
  res
    .status(status)
    .type("text/html; charset=utf-8")
    .send(`<!doctype html><html lang="ko"><meta charset="utf-8"><title>${title}</title><p>${message}</p></html>`);
}

const rateLimitMessage = (what: string) => (_req: Request, res: Response) => {
  sendKoreanPage(res, 429, "요청이 너무 많습니다", `${what} 잠시 후 다시 시도해 주세요.`);
};

export type RateLimitOptions = {
  enabled: boolean;
  loginPerWindow?: number;
  writesPerMinute?: number;
  /** several nodes (REDIS_URL): the counts are kept in Redis, shared by every node (ADR 042) */
  redis?: RedisClient;
};

/**
 * Where a limiter counts: in Redis when given (under its own prefix), else in this process's memory.
 * `passOnStoreError`: a store that fails anyway lets the request through rather than answer 500 — the
 * shared store already falls back to counting per node, so this is only the last line.
 */
function counting(opts: RateLimitOptions, name: string) {
  return { store: opts.redis ? new SharedRateLimitStore(opts.redis, `as-tracker:rl:${name}:`) : undefined, passOnStoreError: true };
}

/** Sign-in attempts per IP per 15 minutes. */
export function loginLimiter(opts: RateLimitOptions) {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: opts.loginPerWindow ?? 20,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skip: (req) => !opts.enabled || req.method !== "POST",
    handler: rateLimitMessage("로그인 시도가 너무 많습니다."),
    ...counting(opts, "login"),
  });
}

/** Writes (non-GET requests) per IP per minute. */
export function writeLimiter(opts: RateLimitOptions) {
  return rateLimit({
    windowMs: 60 * 1000,
    limit: opts.writesPerMinute ?? 120,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skip: (req) => !opts.enabled || SAFE_METHODS.has(req.method),
    handler: rateLimitMessage("요청이 너무 많습니다."),
    ...counting(opts, "writes"),
  });
}

export type LaneLimits = { maxInFlight: number; maxQueue: number };
export type AdmissionLimits = { pages: LaneLimits; transfers: LaneLimits; retryAfterSeconds: number };

/**
 * Admission control: at most `maxInFlight` requests inside the app at once, the others wait their
 * turn in arrival order, and at most `maxQueue` wait. Without it an overloaded process shares its
 * one thread among every open request, and a page that needs many steps (the dashboard's twenty
 * queries and its render) waits behind the others' steps at each of them: with 200 users clicking
 * without pause, some pages took over 10 s while the median was under 1 s (ADR 011). Beyond the
 * queue a request is answered at once with 503 and Retry-After rather than after a wait that only
 * grows (ADR 015).
 *
 * Two lanes, each with its own places and queue: pages, and transfers (downloads, exports,
 * uploads). A transfer holds its place as long as its client takes to send or receive the body, so
 * eight slow phones downloading files would otherwise take every page's place. Static assets and
 * /healthz are not queued. Must come before anything that opens per-request context (the request
 * memo), since a queued request starts from another's `finish` event.
 */
export function admissionControl({ pages, transfers, retryAfterSeconds }: AdmissionLimits) {
  const pageLane = admissionLane("pages", pages, retryAfterSeconds);
  const transferLane = admissionLane("transfers", transfers, retryAfterSeconds);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith("/assets/") || req.path === "/healthz") return next();
    return (isTransfer(req) ? transferLane : pageLane)(req, res, next);
  };
}

const DEFAULT_LIMITS: AdmissionLimits = {
  pages: { maxInFlight: 8, maxQueue: 256 },
  transfers: { maxInFlight: 4, maxQueue: 32 },
  retryAfterSeconds: 5,
};

/**
 * The limits from the environment (MAX_IN_FLIGHT, MAX_QUEUE, TRANSFER_MAX_IN_FLIGHT,
 * TRANSFER_MAX_QUEUE, RETRY_AFTER_SECONDS), each a whole number; the defaults are argued in ADR 015.
 * A value that is not a whole number stops the start: a typo must not leave a lane unbounded.
 */
export function admissionLimitsFromEnv(env: Record<string, string | undefined>): AdmissionLimits {
  const count = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}"`);
    return value;
  };
  const { pages, transfers, retryAfterSeconds } = DEFAULT_LIMITS;
  return {
    pages: { maxInFlight: count("MAX_IN_FLIGHT", pages.maxInFlight, 1), maxQueue: count("MAX_QUEUE", pages.maxQueue, 0) },
    transfers: {
      maxInFlight: count("TRANSFER_MAX_IN_FLIGHT", transfers.maxInFlight, 1),
      maxQueue: count("TRANSFER_MAX_QUEUE", transfers.maxQueue, 0),
    },
    retryAfterSeconds: count("RETRY_AFTER_SECONDS", retryAfterSeconds, 1),
  };
}

/** Downloads of stored files, exports, and uploads (multipart bodies): their length is the client's. */
export function isTransfer(req: Request): boolean {
  return req.path.startsWith("/files/") || req.path.startsWith("/exports/") || Boolean(req.is("multipart/form-data"));
}

function admissionLane(name: string, limits: LaneLimits, retryAfterSeconds: number) {
  let active = 0;
  const waiting = new Set<() => boolean>(); // in arrival order
  const overflow = overflowLog(name, limits);
  const startNext = () => {
    // a request whose client went away while it waited is dropped, and the turn passes on
    for (const admit of waiting) {
      waiting.delete(admit);
      if (admit()) break;
    }
    if (waiting.size === 0) overflow.drained();
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const admit = (): boolean => {
      if (req.socket.destroyed) return false;
      active += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        active -= 1;
        startNext();
      };
      res.once("finish", release);
      res.once("close", release);
      next();
      return true;
    };
    if (active < limits.maxInFlight) return void admit();
    if (waiting.size >= limits.maxQueue) {
      overflow.refused();
      res.set({ "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" });
      return sendKoreanPage(res, 503, "잠시 후 다시 시도해 주세요", "지금 요청이 많아 바로 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.");
    }
    waiting.add(admit);
    // a client that goes away while waiting gives its place in the queue back at once
    res.once("close", () => waiting.delete(admit));
  };
}

/** One warning when a lane starts refusing and one line when its queue has drained, not one per refusal. */
function overflowLog(lane: string, limits: LaneLimits) {
  let refused = 0;
  return {
    refused() {
      if (refused++ === 0) log.warn({ lane, ...limits }, "admission queue full: answering 503 with Retry-After");
    },
    drained() {
      if (refused === 0) return;
      log.warn({ lane, refused }, "admission queue drained");
      refused = 0;
    },
  };
}
