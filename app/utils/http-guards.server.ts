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
  res.status(429).type("text/html; charset=utf-8").send(
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
