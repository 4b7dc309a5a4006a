// A real SMTP server for tests (smtp-server: no auth, no TLS, 127.0.0.1, a free port) that keeps every
// message it accepts: in memory and, given a folder, as one .eml file per message (written under a
// temporary name and renamed, so a reader never parses half a message). Used by scripts/e2e-server.mjs
// (one sink per e2e instance, data/e2e-<port>/mail/) and by tests/e2e/mailbox.ts and the unit tests.
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

let counter = 0;

/**
 * @param {{ dir?: string, refuse?: (session: unknown) => { code: number, message: string } | null }} [options]
 *   refuse: answer a message with an SMTP error instead of accepting it (e.g. 451, to test retries)
 * @returns {Promise<{ url: string, port: number, dir: string | undefined, messages: Buffer[], close: () => Promise<void> }>}
 */
export async function startSmtpSink(options = {}) {
  const { dir, refuse } = options;
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const messages = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on("data", (chunk) => chunks.push(chunk));
      stream.on("end", () => {
        const refusal = refuse?.(session);
        if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        const raw = Buffer.concat(chunks);
        messages.push(raw);
        if (dir) {
          const name = `${Date.now()}-${process.pid}-${++counter}`;
          fs.writeFileSync(path.join(dir, `${name}.tmp`), raw);
          fs.renameSync(path.join(dir, `${name}.tmp`), path.join(dir, `${name}.eml`));
        }
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    dir,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
