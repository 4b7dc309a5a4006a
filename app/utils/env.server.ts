import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const isProduction = process.env.NODE_ENV === "production";

/**
 * Demo mode (DEMO_MODE, `on` unless set to `off`): the demo data is seeded into an empty database and the
 * sign-in page lists the demo accounts. A real deployment sets DEMO_MODE=off (docs/decisions/022).
 */
export function demoMode(env: Record<string, string | undefined> = process.env): boolean {
  return env.DEMO_MODE?.trim().toLowerCase() !== "off";
}

/** Folder for uploads and local secrets (DATA_DIR, default ./data). */
export function dataDir(): string {
  return path.resolve(process.cwd(), process.env.DATA_DIR ?? "data");
}

let cachedSecret: string | undefined;

/**
 * The cookie-signing secret: SESSION_SECRET from the environment, or else a
 * random one generated on first start and kept in DATA_DIR/session-secret
 * (mode 600), so restarts keep people signed in and no default is guessable.
 */
export function sessionSecret(): string {
  if (cachedSecret) return cachedSecret;
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("SESSION_SECRET must be at least 32 characters");
    return (cachedSecret = fromEnv);
  }
  const file = path.join(dataDir(), "session-secret");
  try {
    cachedSecret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const generated = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, generated, { mode: 0o600, flag: "wx" });
      cachedSecret = generated;
    } catch {
      // another process won the race: use what it wrote
      cachedSecret = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cachedSecret!;
}
