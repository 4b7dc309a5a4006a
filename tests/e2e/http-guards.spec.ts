// The HTTP layer of the production server (issue 13):
// - item 6: a write passes only when the browser says it is same-origin (Sec-Fetch-Site), and a write
//   that names no origin at all is refused; a real browser's forms (with and without JavaScript) still work;
// - item 8: admission control refuses beyond a bounded queue (503 + Retry-After, a Korean page), and slow
//   downloads wait in their own lane instead of taking every page's place;
// - item 17: pages, `.data` answers, CSV exports and assets travel compressed when the client asks, decode
//   to the same bytes, stored files and XLSX are never re-encoded, hashed assets are immutable, and
//   socket.io's long-polling still works.
// Requests are plain node:http (or raw sockets) so every header is exactly what the test says.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import type { ChildProcess } from "node:child_process";
import type Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { db, e2eDir } from "./fixtures";
import { signIn } from "./helpers";
import { startServer, stopServer } from "./server-process";
import { AS } from "./demo-numbers";

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** One request with exactly these headers; the body comes back as sent (not decoded). */
function request(url: string, method: string, headers: Record<string, string> = {}, body = ""): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent: false, headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const loginForm = (email: string) => new URLSearchParams({ email, password: "demo1234!", redirectTo: "/" }).toString();
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

/** A session cookie, signed in the way a same-origin browser form does it. */
async function cookieFor(baseURL: string, email: string): Promise<string> {
  const reply = await request(`${baseURL}/login`, "POST", { ...FORM, Origin: baseURL, "Sec-Fetch-Site": "same-origin" }, loginForm(email));
  expect(reply.status, `sign-in of ${email}`).toBe(302);
  return (reply.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
}

function decoded(reply: Reply): Buffer {
  const encoding = reply.headers["content-encoding"];
  if (encoding === "gzip") return zlib.gunzipSync(reply.body);
  if (encoding === "br") return zlib.brotliDecompressSync(reply.body);
  expect(encoding, "no other content coding").toBeUndefined();
  return reply.body;
}

/** An answer without what differs on every request: the CSP nonce and the time it was loaded. */
const comparable = (text: string) => text.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "(time)");

/** A stored file of `bytes` attached to a ticket's application documents, as an upload would leave it. */
function attachFile(d: Database.Database, dataDir: string, ticketNumber: string, bytes: Buffer, mimeType: string): string {
  const fileId = `h2${crypto.randomUUID().replace(/-/g, "").slice(0, 22)}`;
  const rel = path.join("files", `${fileId}.bin`);
  fs.mkdirSync(path.join(dataDir, "files"), { recursive: true });
  fs.writeFileSync(path.join(dataDir, rel), bytes);
  const t = d.prepare(`SELECT id, manufacturerId FROM Ticket WHERE number = ?`).get(ticketNumber) as { id: string; manufacturerId: string };
  const uploader = (d.prepare(`SELECT id FROM User WHERE organizationId = ? LIMIT 1`).get(t.manufacturerId) as { id: string }).id;
  const now = new Date().toISOString().replace("Z", "+00:00");
  d.prepare(
    `INSERT INTO StoredFile (id, sha256, size, mimeType, originalName, storagePath, uploadedById, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(fileId, crypto.createHash("sha256").update(bytes).digest("hex"), bytes.byteLength, mimeType, "시험자료.pdf", rel, uploader, now);
  d.prepare(
    `INSERT INTO ApplicationDocument (id, ticketId, kind, fiscalYear, issuedOn, fileId, attachedAtApplication, uploadedById, createdAt) VALUES (?, ?, 'application_form', NULL, ?, ?, 1, ?, ?)`,
  ).run(`h2${crypto.randomUUID().replace(/-/g, "").slice(0, 22)}`, t.id, now.slice(0, 10), fileId, uploader, now);
  return fileId;
}

// ------------------------------------------------------------------ item 6: same-origin writes

test("a write that names neither Origin nor Referer is refused with a Korean 403, whatever the method", async ({ baseURL }) => {
  const refused = await request(`${baseURL}/login`, "POST", FORM, loginForm("maker1@demo.kr"));
  expect(refused.status).toBe(403);
  expect(refused.body.toString("utf8")).toMatch(/[가-힣]/);
  expect(refused.headers["set-cookie"], "no session from a refused sign-in").toBeUndefined();
  const cookie = await cookieFor(baseURL!, "maker1@demo.kr");
  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    const reply = await request(`${baseURL}/tickets/new`, method, { ...FORM, Cookie: cookie }, "intent=save");
    expect(reply.status, method).toBe(403);
    expect(reply.body.toString("utf8"), method).toMatch(/[가-힣]/);
  }
});

test("Sec-Fetch-Site is believed over a spoofed Origin: only same-origin passes", async ({ baseURL }) => {
  for (const site of ["cross-site", "same-site", "none"]) {
    const reply = await request(
      `${baseURL}/login`,
      "POST",
      { ...FORM, Origin: baseURL!, Referer: `${baseURL}/login`, "Sec-Fetch-Site": site },
      loginForm("maker1@demo.kr"),
    );
    expect(reply.status, site).toBe(403);
    expect(reply.body.toString("utf8"), site).toMatch(/[가-힣]/);
  }
  const passes = await request(
    `${baseURL}/login`,
    "POST",
    { ...FORM, Origin: baseURL!, "Sec-Fetch-Site": "same-origin" },
    loginForm("maker1@demo.kr"),
  );
  expect(passes.status).toBe(302);
  // an older browser without Sec-Fetch-*: the Referer of our own page is enough
  const referer = await request(`${baseURL}/login`, "POST", { ...FORM, Referer: `${baseURL}/login` }, loginForm("maker1@demo.kr"));
  expect(referer.status).toBe(302);
});

test("a real browser's forms still pass, with and without JavaScript, and say they are same-origin", async ({ page, browser, baseURL }) => {
  const sent: Record<string, string>[] = [];
  page.on("request", (r) => void (r.method() === "POST" && r.allHeaders().then((h) => sent.push(h))));
  await signIn(page, "maker1@demo.kr");
  expect(sent.length).toBeGreaterThan(0);
  for (const headers of sent) {
    expect(headers["sec-fetch-site"]).toBe("same-origin");
    expect(headers.origin).toBe(baseURL);
  }
  const noScript = await browser.newContext({ baseURL, locale: "ko-KR", javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await signIn(plain, "maker1@demo.kr");
  await expect(plain.getByRole("button", { name: "로그아웃" })).toBeVisible();
  await noScript.close();
});

// ------------------------------------------------------------------ item 8: admission control

test.describe("admission control on a server of its own", () => {
  // A second server process on this spec's database, with small lanes so they can be filled.
  const port = Number(process.env.E2E_PORT ?? 3100) + 84;
  const own = `http://localhost:${port}`;
  let server: ChildProcess;
  test.beforeAll(async () => {
    server = await startServer({
      port,
      dataDir: e2eDir(),
      env: {
        NODE_ENV: "production",
        MAX_IN_FLIGHT: "1",
        MAX_QUEUE: "1",
        TRANSFER_MAX_IN_FLIGHT: "2",
        TRANSFER_MAX_QUEUE: "6",
        RETRY_AFTER_SECONDS: "7",
      },
    });
  });
  test.afterAll(async () => {
    if (server) await stopServer(server, "SIGKILL");
  });

  /** Resolves once the server has read everything sent before: /healthz is never queued. */
  const barrier = async () => expect((await request(`${own}/healthz`, "GET")).status).toBe(200);

  /** A sign-in whose body never finishes arriving: it holds its place in the page lane until dropped. */
  function stalledWrite(): net.Socket {
    const socket = net.connect(port, "localhost");
    socket.on("error", () => {});
    socket.write(
      `POST /login HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: ${own}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=`,
    );
    return socket;
  }

  /** A download whose client reads the status line and then nothing more. */
  function slowDownload(pathname: string, cookie: string): { socket: net.Socket; status: Promise<string> } {
    const socket = net.connect(port, "localhost");
    socket.on("error", () => {});
    const status = new Promise<string>((resolve) => {
      socket.once("data", (chunk: Buffer) => {
        socket.pause(); // never read again: the server's writes back up
        resolve(chunk.toString("latin1").split("\r\n")[0]);
      });
    });
    socket.write(`GET ${pathname} HTTP/1.1\r\nHost: localhost:${port}\r\nCookie: ${cookie}\r\nAccept-Encoding: identity\r\n\r\n`);
    return { socket, status };
  }

  test("beyond the bounded queue: 503 with Retry-After and a short Korean page; then service as usual", async () => {
    const held = [stalledWrite()];
    await barrier();
    held.push(stalledWrite()); // one in the lane, one waiting: the queue is full
    await barrier();
    const refused = await request(`${own}/login`, "GET", { "Accept-Encoding": "identity" });
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("7");
    expect(refused.headers["content-type"]).toMatch(/^text\/html; charset=utf-8/);
    const text = refused.body.toString("utf8");
    expect(text).toContain('lang="ko"');
    expect(text).toContain("잠시 후 다시 시도해 주세요");
    expect(text.length).toBeLessThan(1000);
    for (const socket of held) socket.destroy();
    await barrier();
    expect((await request(`${own}/login`, "GET")).status).toBe(200);
  });

  test("eight slow downloads do not stall the pages; their own lane is bounded too", async () => {
    // 24 MB: far more than the loopback socket buffers hold, so a client that stops reading keeps it in flight
    const fileId = attachFile(
      db(),
      e2eDir(),
      `${AS}0004`,
      Buffer.concat([Buffer.from("%PDF-1.4\n"), crypto.randomBytes(24 * 1024 * 1024)]),
      "application/pdf",
    );
    const cookie = await cookieFor(own, "monitor@demo.kr");
    const downloads = Array.from({ length: 8 }, () => slowDownload(`/files/${fileId}`, cookie));
    expect(await Promise.race(downloads.map((d) => d.status))).toBe("HTTP/1.1 200 OK");
    await barrier(); // all eight have arrived: two are being sent, six wait in the transfer lane
    const page = await request(`${own}/tickets`, "GET", { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body.toString("utf8")).toContain(`${AS}0004`);
    const ninth = await request(`${own}/files/${fileId}`, "GET", { Cookie: cookie });
    expect(ninth.status).toBe(503);
    expect(ninth.headers["retry-after"]).toBe("7");
    for (const d of downloads) d.socket.destroy();
    await barrier();
    const after = await request(`${own}/files/${fileId}`, "GET", { Cookie: cookie });
    expect(after.status).toBe(200);
    expect(after.body.byteLength).toBe(24 * 1024 * 1024 + 9);
  });
});

// ------------------------------------------------------------------ item 17: compression and caching

test("pages and .data answers travel gzip or brotli when asked, and decode to the same content", async ({ baseURL }) => {
  const cookie = await cookieFor(baseURL!, "monitor@demo.kr");
  const ticketId = (db().prepare(`SELECT id FROM Ticket WHERE number = '${AS}0004'`).get() as { id: string }).id;
  for (const url of [`${baseURL}/tickets/${ticketId}`, `${baseURL}/tickets`]) {
    const plain = await request(url, "GET", { Cookie: cookie });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    for (const encoding of ["gzip", "br"]) {
      const packed = await request(url, "GET", { Cookie: cookie, "Accept-Encoding": encoding });
      expect(packed.status).toBe(200);
      expect(packed.headers["content-encoding"], `${url} with ${encoding}`).toBe(encoding);
      expect(packed.headers.vary).toMatch(/Accept-Encoding/i);
      expect(packed.body.byteLength).toBeLessThan(plain.body.byteLength / 2);
      expect(comparable(decoded(packed).toString("utf8"))).toBe(comparable(plain.body.toString("utf8")));
    }
  }
  const data = `${baseURL}/tickets/${ticketId}.data`;
  const plainData = await request(data, "GET", { Cookie: cookie });
  const packedData = await request(data, "GET", { Cookie: cookie, "Accept-Encoding": "gzip, deflate, br" });
  expect(packedData.headers["content-encoding"]).toBe("br");
  expect(comparable(decoded(packedData).toString("utf8"))).toBe(comparable(plainData.body.toString("utf8")));
});

test("hashed assets: compressed when asked, the same bytes decoded, cached for a year as immutable", async ({ baseURL }) => {
  const html = (await request(`${baseURL}/login`, "GET")).body.toString("utf8");
  const assets = [...new Set([...html.matchAll(/\/assets\/[\w.-]+\.(?:js|css)/g)].map((m) => m[0]))];
  expect(assets.some((a) => a.endsWith(".js")) && assets.some((a) => a.endsWith(".css"))).toBe(true);
  for (const asset of assets) {
    const plain = await request(`${baseURL}${asset}`, "GET");
    expect(plain.status, asset).toBe(200);
    expect(plain.headers["cache-control"], asset).toBe("public, max-age=31536000, immutable");
    const packed = await request(`${baseURL}${asset}`, "GET", { "Accept-Encoding": "gzip, deflate, br" });
    expect(packed.headers["cache-control"], asset).toBe("public, max-age=31536000, immutable");
    if (plain.body.byteLength >= 1024) expect(packed.headers["content-encoding"], asset).toBe("br");
    expect(decoded(packed).equals(plain.body), asset).toBe(true);
  }
});

test("a missing asset is a short 404 that is not cached, not an app page", async ({ baseURL }) => {
  const reply = await request(`${baseURL}/assets/entry.client-00000000.js`, "GET");
  expect(reply.status).toBe(404);
  expect(reply.headers["cache-control"]).toBe("no-store");
  expect(reply.body.toString("utf8")).not.toContain("<html");
});

test("CSV exports stream compressed; XLSX and stored files are never encoded again", async ({ baseURL }) => {
  const cookie = await cookieFor(baseURL!, "monitor@demo.kr");
  const all = { Cookie: cookie, "Accept-Encoding": "gzip, deflate, br" };
  const csvPlain = await request(`${baseURL}/exports/tickets.csv`, "GET", { Cookie: cookie });
  const csvPacked = await request(`${baseURL}/exports/tickets.csv`, "GET", all);
  expect(csvPacked.headers["content-encoding"]).toBe("br");
  expect(decoded(csvPacked).equals(csvPlain.body)).toBe(true);
  const xlsx = await request(`${baseURL}/exports/tickets.xlsx`, "GET", all);
  expect(xlsx.status).toBe(200);
  expect(xlsx.headers["content-encoding"]).toBeUndefined();
  expect([...xlsx.body.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  // even a stored file of a type that would compress well goes out as stored, with its length and digest
  const text = Buffer.from("%PDF-1.4\n" + "가나다라 ".repeat(20_000));
  for (const mimeType of ["application/pdf", "text/plain"]) {
    const fileId = attachFile(db(), e2eDir(), `${AS}0004`, text, mimeType);
    const file = await request(`${baseURL}/files/${fileId}`, "GET", all);
    expect(file.status, mimeType).toBe(200);
    expect(file.headers["content-encoding"], mimeType).toBeUndefined();
    expect(file.headers["content-length"], mimeType).toBe(String(text.byteLength));
    expect(file.body.equals(text), mimeType).toBe(true);
  }
});

test("socket.io long-polling still works behind compression", async ({ baseURL }) => {
  const cookie = await cookieFor(baseURL!, "monitor@demo.kr");
  const ticketId = (db().prepare(`SELECT id FROM Ticket WHERE number = '${AS}0004'`).get() as { id: string }).id;
  const { io } = await import("socket.io-client");
  const socket = io(baseURL!, {
    transports: ["polling"],
    reconnection: false,
    extraHeaders: { Cookie: cookie, Origin: baseURL!, "Accept-Encoding": "gzip, deflate, br" },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", () => resolve());
      socket.on("connect_error", reject);
    });
    expect(socket.io.engine.transport.name).toBe("polling");
    const ack = await new Promise((resolve) => socket.emit("ticket:join", { ticketId }, resolve));
    expect(ack).toEqual({ ok: true });
  } finally {
    socket.close();
  }
});
