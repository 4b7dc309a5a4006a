// Reading form bodies (app/utils/forms.server.ts, issue 13 item 4): every limit holds while the body
// streams in, without a Content-Length, and the parser stops pulling the body once one is passed.
// The bodies are real streams whose source counts what was pulled from it.
import { describe, expect, it } from "vitest";
import { UPLOAD_LIMITS, isDomainError, type DomainError } from "~/domain";
import { readForm, readUploadForm } from "~/utils/forms.server";

const MB = 1024 * 1024;
const BOUNDARY = "unit-test-boundary";
const FILLER = new Uint8Array(64 * 1024).fill(0x41);

type Part = { name: string; value: string } | { name: string; filename: string; bytes: number };

/** A multipart body as chunks: large files as repeated filler. */
function* chunks(parts: Part[]): Generator<Uint8Array> {
  const text = (s: string) => new TextEncoder().encode(s);
  for (const part of parts) {
    if ("value" in part) {
      yield text(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`);
      continue;
    }
    yield text(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: image/png\r\n\r\n`,
    );
    for (let left = part.bytes; left > 0; left -= FILLER.byteLength) yield FILLER.subarray(0, Math.min(left, FILLER.byteLength));
    yield text("\r\n");
  }
  yield text(`--${BOUNDARY}--\r\n`);
}

/** A POST whose body streams from `parts` (no Content-Length, as a chunked body), and how much of it was pulled. */
function streamed(parts: Part[], headers: Record<string, string> = {}) {
  const source = chunks(parts);
  const total = [...chunks(parts)].reduce((n, c) => n + c.byteLength, 0);
  const pulled = { bytes: 0, total };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = source.next();
        if (next.done) return controller.close();
        pulled.bytes += next.value.byteLength;
        controller.enqueue(next.value);
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/x", {
    method: "POST",
    body,
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    duplex: "half",
  } as RequestInit);
  return { request, pulled };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

const file = (i: number, bytes: number) => ({ name: "beforePhoto", filename: `p${i}.png`, bytes });

describe("readUploadForm: limits counted while the body streams", () => {
  it("a form within the limits is read whole, files and fields", async () => {
    const { request } = streamed([{ name: "description", value: "작업 내용" }, file(1, 3 * MB), file(2, 1024)]);
    const form = await readUploadForm(request);
    expect(form.get("description")).toBe("작업 내용");
    expect((form.getAll("beforePhoto") as File[]).map((f) => [f.name, f.size])).toEqual([
      ["p1.png", 3 * MB],
      ["p2.png", 1024],
    ]);
  });

  it.each([
    ["a file over the per-file limit", [file(1, UPLOAD_LIMITS.fileBytes * 3)], `${UPLOAD_LIMITS.fileBytes / MB}MB`],
    [
      "files each within the limit, over the form's",
      Array.from({ length: 6 }, (_, i) => file(i, 10 * MB)),
      `${UPLOAD_LIMITS.requestBytes / MB}MB`,
    ],
    ["more files than a form may carry", Array.from({ length: UPLOAD_LIMITS.files * 5 }, (_, i) => file(i, 1024)), `${UPLOAD_LIMITS.files}개`],
    ["more fields than a form may have", Array.from({ length: 5000 }, (_, i) => ({ name: `f${i}`, value: "x" })), "입력 항목"],
  ])("%s: refused in Korean (upload_too_large, a 413) before the body was read to its end", async (_what, parts, names) => {
    const { request, pulled } = streamed(parts);
    const error = await refusal(readUploadForm(request));
    expect(error.code).toBe("upload_too_large");
    expect(error.message).toMatch(/[\uac00-\ud7a3]/);
    expect(error.message).toContain(names);
    expect(pulled.bytes, "bytes pulled from the body").toBeLessThan(pulled.total);
  });

  it("a declared Content-Length over the form's bound is refused before anything is read", async () => {
    const { request, pulled } = streamed([file(1, 1024)], { "Content-Length": String(100 * MB) });
    const error = await refusal(readUploadForm(request));
    expect(error.code).toBe("upload_too_large");
    expect(pulled.bytes).toBe(0);
  });

  const whole = () => Buffer.concat([...chunks([{ name: "a", value: "b" }])]);
  const notUtf8 = () =>
    Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\n`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
  it.each<[string, () => Uint8Array, string]>([
    ["cut short", () => whole().subarray(0, whole().byteLength - 10), `multipart/form-data; boundary=${BOUNDARY}`],
    ["with another boundary", whole, "multipart/form-data; boundary=other"],
    ["without a boundary", whole, "multipart/form-data"],
    ["with text that is not UTF-8", notUtf8, `multipart/form-data; boundary=${BOUNDARY}`],
  ])("a body %s is unreadable (a Korean 400), never a 500", async (_what, body, contentType) => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      body: new Uint8Array(body()),
      headers: { "Content-Type": contentType },
    });
    const error = await refusal(readUploadForm(request));
    expect(error.code).toBe("upload_unreadable");
    expect(error.message).toMatch(/[\uac00-\ud7a3]/);
  });
});

describe("readForm: a form without files is bounded too", () => {
  it("a urlencoded body over the bound, streamed: a Korean 413 answer, read only up to the bound", async () => {
    const big = `a=${"x".repeat(UPLOAD_LIMITS.formBytes * 2)}`;
    let pulled = 0;
    const bytes = new TextEncoder().encode(big);
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled >= bytes.byteLength) return controller.close();
          const chunk = bytes.subarray(pulled, pulled + 64 * 1024);
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request("http://localhost/x", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    const answer = await readForm(request).then(
      () => null,
      (e: unknown) => e,
    );
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(413);
    expect(await (answer as Response).text()).toContain(`${UPLOAD_LIMITS.formBytes / MB}MB`);
    expect(pulled).toBeLessThan(bytes.byteLength);
  });

  it("a multipart form without files over the bound: 413; a file in it within the bound is read", async () => {
    const over = await readForm(streamed([file(1, UPLOAD_LIMITS.formBytes + 1)]).request).catch((e: unknown) => e);
    expect((over as Response).status).toBe(413);
    const within = await readForm(streamed([{ name: "a", value: "가" }, file(1, 1024)]).request);
    expect(within.get("a")).toBe("가");
  });

  it("a body that is not a form is a Korean 415, a broken one a Korean 400", async () => {
    const json = await readForm(
      new Request("http://localhost/x", { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } }),
    ).catch((e: unknown) => e);
    expect((json as Response).status).toBe(415);
    const broken = await readForm(
      new Request("http://localhost/x", {
        method: "POST",
        body: "garbage",
        headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
      }),
    ).catch((e: unknown) => e);
    expect((broken as Response).status).toBe(400);
    expect(await (broken as Response).text()).toMatch(/[\uac00-\ud7a3]/);
  });
});
