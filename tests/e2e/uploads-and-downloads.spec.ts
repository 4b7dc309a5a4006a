// Uploads and downloads through the real server (issue 13, items 3, 4 and 14).
//
// - Upload limits hold however the body is framed. A chunked body (no Content-Length) with a file
//   over the per-file limit, with more files than a form may carry, or with more bytes than a whole
//   form may carry is refused with a Korean 413 while the client is still sending: the server stops
//   reading instead of taking the body in, and nothing is stored (no row, no file, no spooled file).
// - A refused upload in the browser keeps what was typed and says why, in Korean.
// - A download's name is safe: no bidi or control characters, and it ends with the extension of
//   the type detected from the content (`report.pdf.html` holding a PDF downloads as `report.pdf`).
// - Removing a work-log attachment removes its stored file: the row and the bytes on disk.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { UPLOAD_LIMITS } from "../../app/domain/limits";
import { db, e2eDir, seoulToday, ticket } from "./fixtures";
import { signIn } from "./helpers";
import { AS } from "./demo-numbers";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const BOUNDARY = "----as-tracker-upload-test-7Xq";
/** Filler for large files: no CR/LF, so it can never contain the boundary. */
const FILLER = Buffer.alloc(256 * 1024, "A");

// ---------------------------------------------------------------- HTTP helpers

/** The session cookie of a demo user, signed in over HTTP. */
async function cookieOf(baseURL: string, email: string): Promise<string> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const reply = await context.post("/login", { form: { email, password: "demo1234!", redirectTo: "/" }, maxRedirects: 0 });
  expect(reply.status(), `sign-in of ${email}`).toBe(302);
  const { cookies } = await context.storageState();
  await context.dispose();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

type FilePart = { field: string; name: string; type: string; bytes: number | Buffer };

/** The multipart body of a form, chunk by chunk (large files as repeated filler, never built in memory). */
function* multipart(fields: Record<string, string | string[]>, files: FilePart[]): Generator<Buffer> {
  for (const [name, values] of Object.entries(fields)) {
    for (const value of [values].flat())
      yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  }
  for (const file of files) {
    // the name as a browser sends it: UTF-8, with only ", CR and LF escaped (the HTML form-data encoding)
    const filename = file.name.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
    yield Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    );
    if (Buffer.isBuffer(file.bytes)) yield file.bytes;
    else {
      yield PNG;
      for (let left = file.bytes - PNG.byteLength; left > 0; left -= FILLER.byteLength)
        yield FILLER.subarray(0, Math.min(left, FILLER.byteLength));
    }
    yield Buffer.from("\r\n");
  }
  yield Buffer.from(`--${BOUNDARY}--\r\n`);
}

const sizeOf = (chunks: Iterable<Buffer>) => [...chunks].reduce((n, c) => n + c.byteLength, 0);

type Answer = { status: number; text: string; headers: http.IncomingHttpHeaders; sentWhenAnswered: number; planned: number };

/**
 * POSTs a body chunk by chunk and stops sending as soon as the answer arrives. Chunked transfer
 * (no Content-Length) unless `declareLength`. `sentWhenAnswered` < `planned` shows the server
 * answered before the client had sent everything, i.e. it did not read the whole body first.
 */
function send(url: URL, cookie: string, body: () => Iterable<Buffer>, opts: { declareLength?: boolean } = {}): Promise<Answer> {
  const planned = sizeOf(body());
  const framing = opts.declareLength ? { "Content-Length": String(planned) } : { "Transfer-Encoding": "chunked" };
  return new Promise<Answer>((resolve, reject) => {
    let sent = 0;
    let answeredAt: number | null = null;
    let wake = () => {};
    const request = http.request(
      url,
      {
        method: "POST",
        agent: false,
        headers: { Origin: url.origin, Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, ...framing },
      },
      (response) => {
        answeredAt = sent;
        wake();
        const parts: Buffer[] = [];
        response.on("data", (c: Buffer) => parts.push(c));
        response.on("error", reject);
        response.on("end", () => {
          request.destroy();
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(parts).toString("utf8"),
            headers: response.headers,
            sentWhenAnswered: answeredAt!,
            planned,
          });
        });
      },
    );
    // once answered, the server may close the connection under the rest of the body
    request.on("error", (error) => (answeredAt === null ? reject(error) : undefined));
    (async () => {
      for (const chunk of body()) {
        if (answeredAt !== null) return;
        sent += chunk.byteLength;
        if (!request.write(chunk)) await new Promise<void>((r) => ((wake = r), request.once("drain", r)));
      }
      if (answeredAt === null) request.end();
    })().catch(reject);
  });
}

// ---------------------------------------------------------------- what is stored

/** Every file under the instance's data folder (uploads, spooled parts), relative paths. */
function filesOnDisk(): string[] {
  const root = e2eDir();
  const walk = (dir: string): string[] =>
    fs.existsSync(dir)
      ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      : [];
  return [...walk(path.join(root, "files")), ...walk(path.join(root, "tmp"))].map((f) => path.relative(root, f)).sort();
}

function storedState() {
  const count = (table: string) => (db().prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  return {
    files: count("StoredFile"),
    attachments: count("Attachment"),
    logs: count("WorkLog"),
    documents: count("ApplicationDocument"),
    disk: filesOnDisk(),
  };
}

const HANGUL = /[\uac00-\ud7a3]/;
/** The texts of a page's alerts (a form's refusal). */
const alerts = (html: string) => [...html.matchAll(/role="alert"[^>]*>([^<]*)</g)].map((m) => m[1]);
const MB = 1024 * 1024;

// ---------------------------------------------------------------- limits

/** A valid new work log for AS-…-0001 (vendor1's project in progress), so only the files can be refused. */
const logFields = () => ({ __step: "work-log", workedOn: seoulToday(), hours: "1", description: "업로드 한도 시험" });

type Framing = "chunked" | "with Content-Length";
const FILE_LIMIT = `${UPLOAD_LIMITS.fileBytes / MB}MB`;
const FORM_LIMIT = `${UPLOAD_LIMITS.requestBytes / MB}MB`;

/** Bodies over a limit, and the limit the refusal names (a declared length over the whole form's is refused before reading). */
const oversized: { what: string; files: () => FilePart[]; limit: (framing: Framing) => string }[] = [
  {
    what: "one file over the per-file limit",
    files: () => [{ field: "beforePhoto", name: "big.png", type: "image/png", bytes: UPLOAD_LIMITS.fileBytes * 2 }],
    limit: (framing) => (framing === "chunked" ? FILE_LIMIT : FORM_LIMIT),
  },
  {
    what: "files each within the limit, more than a whole form may carry",
    files: () =>
      Array.from({ length: Math.ceil((UPLOAD_LIMITS.requestBytes * 2) / (UPLOAD_LIMITS.fileBytes / 2)) }, (_, i) => ({
        field: "beforePhoto",
        name: `p${i}.png`,
        type: "image/png",
        bytes: UPLOAD_LIMITS.fileBytes / 2,
      })),
    limit: () => FORM_LIMIT,
  },
  {
    what: "more files than a form may carry",
    // fifteen times the number allowed, all of them together still within the bytes a form may carry
    files: () =>
      Array.from({ length: UPLOAD_LIMITS.files * 15 }, (_, i) => ({
        field: "afterPhoto",
        name: `p${i}.png`,
        type: "image/png",
        bytes: 64 * 1024,
      })),
    limit: () => `${UPLOAD_LIMITS.files}개`,
  },
];

for (const framing of ["chunked", "with Content-Length"] as const) {
  for (const { what, files, limit } of oversized) {
    test(`upload ${framing}, ${what}: a Korean 413 before the body is in, nothing stored`, async ({ baseURL }) => {
      test.setTimeout(120_000);
      const cookie = await cookieOf(baseURL!, "vendor1@demo.kr");
      const url = new URL(`/tickets/${ticket(`${AS}0001`).id}/work-logs`, baseURL);
      const before = storedState();
      const answer = await send(url, cookie, () => multipart(logFields(), files()), { declareLength: framing !== "chunked" });
      expect(answer.status, answer.text.slice(0, 300)).toBe(413);
      // the page re-rendered with the refusal on the work-log form, in Korean, naming the limit
      const refusal = alerts(answer.text).join(" ");
      expect(refusal).toMatch(HANGUL);
      expect(refusal).toContain(limit(framing));
      expect(answer.sentWhenAnswered, "answered before the client had sent the whole body").toBeLessThan(answer.planned);
      expect(storedState()).toEqual(before);
      console.log(
        `${framing}, ${what}: answered after ${(answer.sentWhenAnswered / MB).toFixed(1)} of ${(answer.planned / MB).toFixed(1)} MB sent`,
      );
    });
  }
}

test("the server stays usable after refusing oversized bodies, and a form within the limits is stored", async ({ baseURL }) => {
  const cookie = await cookieOf(baseURL!, "vendor1@demo.kr");
  const url = new URL(`/tickets/${ticket(`${AS}0001`).id}/work-logs`, baseURL);
  const before = storedState();
  const files = Array.from({ length: 3 }, (_, i) => ({ field: "beforePhoto", name: `ok-${i}.png`, type: "image/png", bytes: PNG }));
  const answer = await send(url, cookie, () => multipart({ ...logFields(), description: "한도 안의 업로드" }, files));
  expect(answer.status).toBe(302);
  const after = storedState();
  expect([after.files - before.files, after.attachments - before.attachments, after.logs - before.logs]).toEqual([3, 3, 1]);
  // the three stored files, and no spooled part left behind
  expect(after.disk.filter((f) => !before.disk.includes(f))).toHaveLength(3);
  expect(after.disk.filter((f) => f.startsWith("tmp"))).toEqual([]);
});

test("a file too large in the browser: the Korean reason on the form, what was typed kept", async ({ page }) => {
  await signIn(page, "vendor1@demo.kr");
  await page.goto(`/tickets/${ticket(`${AS}0001`).id}/work-logs`);
  const before = storedState();
  await page.getByLabel("작업 시간(시간)").fill("2");
  await page.getByLabel("작업 내용").fill("너무 큰 사진을 올려 본 작업");
  const big = Buffer.concat([PNG, Buffer.alloc(UPLOAD_LIMITS.fileBytes + MB, "A")]);
  await page.getByLabel("작업 전 사진", { exact: true }).setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: big });
  await page.getByRole("button", { name: "작업일지 등록" }).click();
  const form = page.locator("form", { has: page.getByRole("button", { name: "작업일지 등록" }) });
  await expect(form.getByRole("alert").first()).toContainText(`${UPLOAD_LIMITS.fileBytes / MB}MB`);
  await expect(page.getByLabel("작업 내용")).toHaveValue("너무 큰 사진을 올려 본 작업");
  await expect(page.getByLabel("작업 시간(시간)")).toHaveValue("2");
  expect(storedState()).toEqual(before);
});

// ---------------------------------------------------------------- download names

/** The two names of a Content-Disposition header: the ASCII fallback and the UTF-8 one. */
function dispositionNames(header: string): { ascii: string; utf8: string } {
  const ascii = /filename="([^"]*)"/.exec(header)?.[1];
  const utf8 = /filename\*=UTF-8''([^;\s]+)/.exec(header)?.[1];
  expect(ascii, header).toBeDefined();
  expect(utf8, header).toBeDefined();
  return { ascii: ascii!, utf8: decodeURIComponent(utf8!) };
}

// control and bidi characters are exactly what this looks for
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

// name uploaded, content, the download name expected
const downloads: [string, Buffer, string, string][] = [
  ["report.pdf.html", PDF, "application/pdf", "report.pdf"],
  ["invoice\u202Efdp.exe", PDF, "application/pdf", "invoicefdp.pdf"],
  ["\u2067견적서\u2069 (최종).hwp", PDF, "application/pdf", "견적서 (최종).pdf"],
  ["photo.svg", PNG, "image/png", "photo.png"],
  ["완료보고서", PDF, "application/pdf", "완료보고서.pdf"],
  // a browser sends the quotes as %22 (and that is the name stored); the semicolon stays
  ['계약서 "최종"; v2.PDF', PDF, "application/pdf", "계약서 %22최종%22; v2.PDF"],
];

test("download names: no bidi or control characters, the extension of the detected type, both header forms", async ({ baseURL, page }) => {
  const cookie = await cookieOf(baseURL!, "maker2@demo.kr");
  const draft = ticket(`${AS}0003`);
  const url = new URL(`/tickets/${draft.id}/documents`, baseURL);
  const names = new Map<string, string>();
  for (const [name, bytes, type] of [...downloads, ["legacy.pdf", PDF, "application/pdf"] as const]) {
    const { version } = ticket(`${AS}0003`);
    // the upload's numbered rows (ADR 037); no issue date for the application form
    const fields = { __step: "upload", version: String(version), "rows[0].kind": "application_form" };
    const answer = await send(url, cookie, () => multipart(fields, [{ field: "rows[0].file", name, type, bytes }]), { declareLength: true });
    expect(answer.status, `upload of ${JSON.stringify(name)}: ${answer.text.slice(0, 300)}`).toBe(302);
    const row = db()
      .prepare(
        `SELECT f.id, f.originalName FROM ApplicationDocument d JOIN StoredFile f ON f.id = d.fileId WHERE d.ticketId = ? ORDER BY d.createdAt DESC, d.rowid DESC LIMIT 1`,
      )
      .get(draft.id) as { id: string; originalName: string };
    names.set(name, row.id);
  }
  // a name stored by an older version or another tool: line breaks and a tab (spaces in the download), a script extension
  const legacy = names.get("legacy.pdf")!;
  db().prepare(`UPDATE StoredFile SET originalName = ? WHERE id = ?`).run("보고서\r\n.pdf\t.js", legacy);

  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Cookie: cookie } });
  for (const [name, , type, expected] of [...downloads, ["(legacy)", PDF, "application/pdf", "보고서.pdf"] as const]) {
    const id = name === "(legacy)" ? legacy : names.get(name)!;
    const reply = await context.get(`/files/${id}`);
    expect(reply.status()).toBe(200);
    expect(reply.headers()["content-type"]).toBe(type);
    const header = reply.headers()["content-disposition"];
    const { ascii, utf8 } = dispositionNames(header);
    expect(utf8, `download name of ${JSON.stringify(name)}`).toBe(expected);
    expect(utf8).not.toMatch(INVISIBLE);
    expect(utf8.toLowerCase().endsWith(type === "image/png" ? ".png" : ".pdf")).toBe(true);
    expect(ascii).toMatch(/^[\x20-\x7e]+$/);
    expect(ascii.toLowerCase().endsWith(type === "image/png" ? ".png" : ".pdf")).toBe(true);
  }
  await context.dispose();

  // and what a real browser saves
  await signIn(page, "maker2@demo.kr");
  await page.goto(`/tickets/${draft.id}/documents`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(`a[href="/files/${names.get("report.pdf.html")}"]`).click(),
  ]);
  expect(download.suggestedFilename()).toBe("report.pdf");
});

// ---------------------------------------------------------------- removed attachments

test("removing a work-log attachment removes its stored file: the row and the bytes", async ({ baseURL }) => {
  const cookie = await cookieOf(baseURL!, "vendor1@demo.kr");
  const url = new URL(`/tickets/${ticket(`${AS}0001`).id}/work-logs`, baseURL);
  const description = "첨부 삭제 시험";
  const created = await send(url, cookie, () =>
    multipart({ ...logFields(), description }, [
      { field: "beforePhoto", name: "keep.png", type: "image/png", bytes: PNG },
      { field: "afterPhoto", name: "remove.png", type: "image/png", bytes: PNG },
    ]),
  );
  expect(created.status).toBe(302);
  const log = db().prepare(`SELECT id, version FROM WorkLog WHERE description = ?`).get(description) as { id: string; version: number };
  const attachments = db()
    .prepare(
      `SELECT a.id, f.id AS fileId, f.originalName, f.storagePath FROM Attachment a JOIN StoredFile f ON f.id = a.fileId WHERE a.workLogId = ?`,
    )
    .all(log.id) as { id: string; fileId: string; originalName: string; storagePath: string }[];
  const gone = attachments.find((a) => a.originalName === "remove.png")!;
  const kept = attachments.find((a) => a.originalName === "keep.png")!;
  expect(fs.existsSync(path.join(e2eDir(), gone.storagePath))).toBe(true);

  const edited = await send(url, cookie, () =>
    multipart({ ...logFields(), description, logId: log.id, version: String(log.version), removeAttachment: gone.id }, []),
  );
  expect(edited.status, edited.text.slice(0, 300)).toBe(302);
  expect(db().prepare(`SELECT COUNT(*) AS n FROM Attachment WHERE id = ?`).get(gone.id)).toEqual({ n: 0 });
  expect(db().prepare(`SELECT COUNT(*) AS n FROM StoredFile WHERE id = ?`).get(gone.fileId), "the removed attachment's StoredFile row").toEqual({
    n: 0,
  });
  expect(fs.existsSync(path.join(e2eDir(), gone.storagePath)), "the removed attachment's bytes on disk").toBe(false);
  // the other attachment stays, row and bytes
  expect(db().prepare(`SELECT COUNT(*) AS n FROM StoredFile WHERE id = ?`).get(kept.fileId)).toEqual({ n: 1 });
  expect(fs.existsSync(path.join(e2eDir(), kept.storagePath))).toBe(true);
});
