// Mail settings from the environment: where mail goes (SMTP_URL), who it is from (MAIL_FROM) and the
// address of this site that links in mails point to (APP_URL). Read on each call (cheap), so tests and
// the server see the same rules; `mailConfig()` throws a plain English error on a malformed value, which
// server start turns into a refusal to start rather than mail that silently never leaves.

export const DEFAULT_MAIL_FROM = '"AS 트래커" <no-reply@localhost>';

export type MailConfig = {
  /** null: no delivery, mail stays in the outbox and the demo mailbox shows it */
  smtpUrl: string | null;
  from: string;
  /** e.g. https://as.example.kr (no trailing slash; a path prefix is kept) */
  appUrl: string;
};

type Env = Record<string, string | undefined>;

function parseSmtpUrl(value: string | undefined): string | null {
  const raw = value?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("SMTP_URL is not a URL (expected e.g. smtp://user:pass@host:587)");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}"`);
  if (!url.hostname) throw new Error("SMTP_URL names no host");
  return raw;
}

function parseAppUrl(value: string | undefined, port: string | undefined): string {
  const raw = value?.trim() || `http://localhost:${port?.trim() || "3000"}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`APP_URL is not a URL: "${raw}" (expected e.g. https://as.example.kr)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("APP_URL must start with http:// or https://");
  if (url.search || url.hash || url.username || url.password)
    throw new Error("APP_URL must be a plain address (no query, fragment or credentials)");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function parseFrom(value: string | undefined): string {
  const raw = value?.trim() || DEFAULT_MAIL_FROM;
  // a header value: a line break would let the setting add headers of its own
  if (/[\r\n]/.test(raw)) throw new Error("MAIL_FROM must be one line");
  if (!/@/.test(raw)) throw new Error(`MAIL_FROM names no address: "${raw}"`);
  return raw;
}

export function mailConfig(env: Env = process.env): MailConfig {
  return { smtpUrl: parseSmtpUrl(env.SMTP_URL), from: parseFrom(env.MAIL_FROM), appUrl: parseAppUrl(env.APP_URL, env.PORT) };
}

/** True when mail is really delivered; false in the demo (mail stays in the outbox, /mailbox shows it). */
export function mailDelivers(env: Env = process.env): boolean {
  return mailConfig(env).smtpUrl !== null;
}

/** An absolute link to a page of this site for a mail: APP_URL + path. Only site paths ("/…", never "//host"). */
export function absoluteUrl(path: string, env: Env = process.env): string {
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\"))
    throw new Error(`absoluteUrl takes a site path starting with "/", got "${path}"`);
  return `${mailConfig(env).appUrl}${path}`;
}

/** The host of APP_URL: the right-hand side of our Message-IDs (`<outbox-id@host>`). */
export function messageIdHost(env: Env = process.env): string {
  return new URL(mailConfig(env).appUrl).hostname;
}

/** SMTP_URL with its password replaced, for logs and the admin page. */
export function redactSmtpUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (url.password) url.password = "***";
  return url.toString();
}
