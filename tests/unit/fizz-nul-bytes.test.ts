// React 18.3's renderToPipeableStream writes NUL bytes into a Korean page wherever a multi-byte character
// meets the end of its 2,048-byte buffer (app/utils/fizz-nul-bytes.server.ts). Found by the questions e2e
// (a textarea echoed "날짜\u0000를"). Rendered here with the real renderer: without the filter the NULs
// are there, through it the page is the exact text rendered.
import { PassThrough, Writable } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FIZZ_VIEW_SIZE, unusedTail, withoutFizzNulBytes } from "~/utils/fizz-nul-bytes.server";

/** The page React streams for `texts`, each in a <span> of a <p>, read through `through` (or as written). */
function render(texts: string[], through?: () => NodeJS.ReadWriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    sink.on("finish", () => resolve(Buffer.concat(chunks).toString("utf8")));
    const { pipe } = renderToPipeableStream(createElement("p", null, ...texts.map((t, i) => createElement("span", { key: i }, t))), {
      onAllReady() {
        const out = through ? through() : new PassThrough();
        out.pipe(sink);
        pipe(out as unknown as Writable);
      },
      onShellError: reject,
    });
  });
}

// Many short texts (React encodes a long one at once, which is never cut); an ASCII prefix puts the 3-byte
// syllables at every offset against the buffer's end.
const pages = Array.from({ length: 3 }, (_, shift) => ["a".repeat(shift), ...Array.from({ length: 400 }, (_, i) => `점검 날짜 ${i}를 정하고`)]);

describe("React 18's NUL bytes in a streamed Korean page", () => {
  it("are there without the filter (the renderer's bug this guards against)", async () => {
    const outputs = await Promise.all(pages.map((text) => render(text)));
    expect(outputs.some((html) => html.includes("\u0000"))).toBe(true);
  });

  it("are gone through it, and the page is exactly the text rendered", async () => {
    for (const text of pages) {
      const html = await render(text, withoutFizzNulBytes);
      expect(html).not.toContain("\u0000");
      expect(html).toBe(`<p>${text.map((t) => `<span>${t}</span>`).join("")}</p>`);
    }
  });

  it("only a full buffer's zero tail is dropped, at most three bytes", () => {
    const full = new Uint8Array(FIZZ_VIEW_SIZE).fill(65);
    expect(unusedTail(full)).toBe(0);
    full.fill(0, FIZZ_VIEW_SIZE - 2);
    expect(unusedTail(full)).toBe(2);
    full.fill(0, FIZZ_VIEW_SIZE - 8);
    expect(unusedTail(full)).toBe(3);
    expect(unusedTail(new Uint8Array(10))).toBe(0); // a short chunk is React's last one, never padded
  });
});
