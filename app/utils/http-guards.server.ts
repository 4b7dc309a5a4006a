// HTTP-level protections wired by server.ts: security headers with an
// enforced, per-request-nonce Content-Security-Policy, an Origin check on
// state-changing requests, and rate limits on sign-in and on writes.
import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { rateLimit } from "express-rate-limit";

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

/**
 * A state-changing request from another site is refused (403) when the
 * browser says where it comes from (Origin, else Referer) and that is not us.
 * Requests without either (non-browser clients) rely on SameSite=Lax cookies.
 */
export function sameOriginWrites(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const source = req.get("Origin") ?? req.get("Referer");
  if (!source || source === "null") {
    if (source === "null") return refuse(res);
    return next();
  }
  try {
    if (new URL(source).host === req.get("Host")) return next();
  } catch {
    // unparsable: refuse
  }
  return refuse(res);
}

function refuse(res: Response) {
  res.status(403).type("text/plain; charset=utf-8").send("다른 사이트에서 보낸 요청은 처리할 수 없습니다.");
}

const rateLimitMessage = (what: string) => (_req: Request, res: Response) => {
  res
    .status(429)
    .type("text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="ko"><meta charset="utf-8"><title>요청이 너무 많습니다</title><p>${what} 잠시 후 다시 시도해 주세요.</p></html>`,
    );
};

export type RateLimitOptions = { enabled: boolean; loginPerWindow?: number; writesPerMinute?: number };

/** Sign-in attempts per IP per 15 minutes. */
export function loginLimiter(opts: RateLimitOptions) {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: opts.loginPerWindow ?? 20,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skip: (req) => !opts.enabled || req.method !== "POST",
    handler: rateLimitMessage("로그인 시도가 너무 많습니다."),
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
  });
}

/**
 * Admission control: at most `max` requests inside the app at once, the others wait their turn in
 * arrival order. Without it an overloaded process shares its one thread among every open request,
 * and a page that needs many steps (the dashboard's twenty queries and its render) waits behind
 * the others' steps at each of them: with 200 users clicking without pause, some pages took over
 * 10 s while the median was under 1 s. In arrival order, every request waits about as long as the
 * queue in front of it. Static assets and /healthz are not queued. Must come before anything that
 * opens per-request context (the request memo), since a queued request starts from another's
 * `finish` event.
 */
export function inFlightLimit(max: number) {
  let active = 0;
  const waiting: (() => boolean)[] = [];
  const startNext = () => {
    // a request whose client went away while it waited is dropped, and the turn passes on
    for (let admit = waiting.shift(); admit; admit = waiting.shift()) if (admit()) return;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith("/assets/") || req.path === "/healthz") return next();
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
    if (active < max) admit();
    else waiting.push(admit);
  };
}
