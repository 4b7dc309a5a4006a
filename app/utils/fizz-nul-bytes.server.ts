// React 18.3's streaming renderer (Fizz: renderToPipeableStream) fills a 2,048-byte buffer and, when the next
// multi-byte character does not fit in what is left of it, writes the WHOLE buffer, its unused last bytes still
// zero: a Korean page gets NUL characters in its text (shown as "�") wherever a Hangul syllable meets that
// boundary — which depends on everything before it on the page, so any page, any text, now and then
// (facebook/react#24985 and #31134; fixed by facebook/react#26228, released with React 19 only). This stream
// drops that zero tail of each buffer React writes; app/entry.server.tsx pipes the page through it.
import { Transform } from "node:stream";

/** The size of the buffer React 18's Fizz writes (VIEW_SIZE in react-dom/server.node). */
export const FIZZ_VIEW_SIZE = 2048;
/** A UTF-8 character is at most 4 bytes: at most 3 are left unused when it does not fit. */
const MAX_UNUSED_BYTES = 3;

/** How many zero bytes at the end of a chunk React wrote are the unused rest of its buffer (0 for any other chunk). */
export function unusedTail(chunk: Uint8Array): number {
  if (chunk.byteLength !== FIZZ_VIEW_SIZE) return 0;
  let unused = 0;
  while (unused < MAX_UNUSED_BYTES && chunk[chunk.byteLength - 1 - unused] === 0) unused++;
  return unused;
}

/** A pass-through for React's page stream that leaves out the unused zero bytes of its buffers. */
export function withoutFizzNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const unused = unusedTail(chunk);
      done(null, unused ? chunk.subarray(0, chunk.byteLength - unused) : chunk);
    },
  });
}
