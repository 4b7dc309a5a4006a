// Structured JSON logs (pino): one line per event, user-supplied text always
// inside JSON strings, so a crafted value cannot forge a log line.
import pino from "pino";

const globalForLog = globalThis as unknown as { __asTrackerLog?: pino.Logger };

export const log: pino.Logger = (globalForLog.__asTrackerLog ??= pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { app: "as-tracker" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ["password", "*.password", "cookie", "*.cookie", "headers.cookie"], remove: true },
}));

/** Where a request came from, for the security log. */
export function requestOrigin(request: Request): { ip: string | null; userAgent: string | null } {
  return {
    // set by server.ts from the socket (or the trusted proxy), never taken from the client as is
    ip: request.headers.get("X-AS-Client-IP") || null,
    userAgent: request.headers.get("User-Agent")?.slice(0, 200) ?? null,
  };
}

/** Security events: sign-ins, sign-outs, refused authorisations. */
export function securityEvent(event: string, fields: Record<string, unknown>): void {
  log.info({ kind: "security", event, ...fields });
}
