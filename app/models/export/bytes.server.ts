// Shared by the CSV and XLSX writers: a growing byte buffer a batch of rows is written into,
// and the pause between batches.

/**
 * Bytes written into one buffer that grows by doubling: a batch of rows becomes one chunk
 * without a string per line or a second encoding pass (for 100,000 rows that is about 100 MB
 * less garbage).
 */
export class ByteWriter {
  // (TypeScript `private`, not `#`: the build lowers # fields to WeakMap look-ups, measurably slower here)
  private buf: Buffer;
  private pos = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  private room(bytes: number) {
    if (this.pos + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** Any text, as UTF-8 (at most 3 bytes per UTF-16 unit). */
  text(s: string) {
    if (s.length === 0) return;
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  /** Text known to be ASCII (markup, digits). */
  ascii(s: string) {
    this.room(s.length);
    this.pos += this.buf.write(s, this.pos, "latin1");
  }

  byte(b: number) {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /**
   * The bytes written, in a buffer of their own size when the estimate was well off: a chunk
   * waiting in a slow client's socket should not hold a mostly empty buffer. The writer is not
   * used afterwards.
   */
  done(): Buffer {
    const used = this.buf.subarray(0, this.pos);
    return this.buf.length - this.pos > this.pos / 4 ? Buffer.from(used) : used;
  }
}

/**
 * Lets the event loop run between batches: the socket gets what was written so far and
 * other requests are served (better-sqlite3 answers synchronously, so without this a whole
 * export would hold the loop).
 */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
