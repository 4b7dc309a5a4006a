// The mail an e2e server really sent: every instance of scripts/e2e-server.mjs delivers to an SMTP sink
// of its own, which writes each message it receives as a .eml file into data/e2e-<port>/mail/. These
// helpers read and parse them (mailparser). A test with a server of its own starts its own sink with
// startSmtpSink(dir) and passes SMTP_URL: sink.url to the server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser, type AddressObject } from "mailparser";
import { startSmtpSink as startSink } from "../../scripts/smtp-sink.mjs";
import { instanceDir } from "./instance";

export type Mail = {
  file: string;
  messageId: string | undefined;
  from: string | undefined;
  /** the To addresses, lower-cased */
  to: string[];
  subject: string;
  text: string;
  html: string;
  date: Date | undefined;
};

/** data/e2e-<port>/mail: where this spec file's server's sink writes. */
export function mailDir(): string {
  return path.join(instanceDir(), "mail");
}

const parsed = new Map<string, Mail>();

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((group) => group.value.map((a) => (a.address ?? "").toLowerCase()));
}

async function parse(file: string): Promise<Mail> {
  const known = parsed.get(file);
  if (known) return known;
  const mail = await simpleParser(fs.readFileSync(file));
  const result: Mail = {
    file,
    messageId: mail.messageId,
    from: mail.from?.text,
    to: addresses(mail.to),
    subject: mail.subject ?? "",
    text: mail.text ?? "",
    html: typeof mail.html === "string" ? mail.html : "",
    date: mail.date,
  };
  parsed.set(file, result);
  return result;
}

/** Every message the sink received so far, oldest first. */
export async function allMails(dir = mailDir()): Promise<Mail[]> {
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".eml"))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return Promise.all(files.map((name) => parse(path.join(dir, name))));
}

/** The messages received for an address (as typed: compared lower-cased), oldest first. */
export async function mailsTo(address: string, dir = mailDir()): Promise<Mail[]> {
  const wanted = address.trim().toLowerCase();
  return (await allMails(dir)).filter((mail) => mail.to.includes(wanted));
}

/** Waits until a message for the address that matches arrives (the sender works after the commit), and returns it. */
export async function waitForMail(
  address: string,
  predicate: (mail: Mail) => boolean = () => true,
  { dir = mailDir(), timeoutMs = 15_000 }: { dir?: string; timeoutMs?: number } = {},
): Promise<Mail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailsTo(address, dir)).find(predicate);
    if (found) return found;
    if (Date.now() > until) {
      const subjects = (await mailsTo(address, dir)).map((mail) => mail.subject);
      throw new Error(`no matching mail to ${address} within ${timeoutMs} ms (received: ${JSON.stringify(subjects)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first link in the mail's text whose path starts with pathPrefix (e.g. "/reset-password/"), absolute as mailed. */
export function linkIn(mail: Mail, pathPrefix: string): string {
  for (const match of mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    if (new URL(match[0]).pathname.startsWith(pathPrefix)) return match[0];
  }
  throw new Error(`no link to ${pathPrefix}… in the mail "${mail.subject}":\n${mail.text}`);
}

/**
 * A sink of a test's own (for a server the test starts itself): its SMTP_URL and the readers bound to its
 * folder (emptied first; a fresh temporary one when none is named).
 */
export async function startSmtpSink(dir = fs.mkdtempSync(path.join(os.tmpdir(), "smtp-sink-"))) {
  fs.rmSync(dir, { recursive: true, force: true });
  const sink = await startSink({ dir });
  return {
    url: sink.url,
    port: sink.port,
    dir,
    mailsTo: (address: string) => mailsTo(address, dir),
    waitForMail: (address: string, predicate?: (mail: Mail) => boolean, timeoutMs?: number) =>
      waitForMail(address, predicate, { dir, timeoutMs }),
    close: sink.close,
  };
}
