// The zip container of the XLSX is yazl's (deflate, data descriptors, zip64 when needed). Two
// things are set up here: the entries' timestamps in Asia/Seoul, and yazl's CRC-32 through
// node:zlib.
import { createRequire } from "node:module";
import zlib from "node:zlib";

/** Asia/Seoul: UTC+9, no daylight saving time since 1988. */
const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;

/** A Date whose UTC fields are Seoul's wall clock at `instant`. */
const inSeoul = (instant: Date) => new Date(instant.getTime() + SEOUL_OFFSET_MS);

/**
 * The instant, with its local fields (getFullYear … getSeconds) read in Seoul rather than in the
 * server's time zone. Everything else is Date's (getTime() is the instant itself).
 */
class SeoulLocalDate extends Date {
  override getFullYear() {
    return inSeoul(this).getUTCFullYear();
  }
  override getMonth() {
    return inSeoul(this).getUTCMonth();
  }
  override getDate() {
    return inSeoul(this).getUTCDate();
  }
  override getHours() {
    return inSeoul(this).getUTCHours();
  }
  override getMinutes() {
    return inSeoul(this).getUTCMinutes();
  }
  override getSeconds() {
    return inSeoul(this).getUTCSeconds();
  }
}

/**
 * The `mtime` to give yazl so that a zip entry shows the Seoul wall-clock time of `instant`.
 *
 * A zip entry's "last mod file time/date" is MS-DOS local time: year, month, day, hour, minute
 * and second with no zone. yazl fills them from the Date's *local* fields (getFullYear() …
 * getSeconds()), and unzip, Explorer and Excel show them as they are. So the Date given reads its
 * local fields in Seoul (+9 h, no daylight saving time) whatever the server's zone. (Rebuilding a
 * Date from Seoul's fields in the server's zone instead would move a Seoul time that falls in the
 * server's spring-forward hour by an hour.)
 *
 * The entries carry no Info-ZIP "universal time" extra field (0x5455), which some readers prefer
 * and show in their own zone: pass `forceDosTimestamp: true` with it (zipEntryTime), so every
 * reader shows these fields, Seoul's time.
 */
export function seoulZipMtime(instant: Date): Date {
  return new SeoulLocalDate(instant.getTime());
}

/** yazl options every entry of an export gets: the Seoul time stamp, in the DOS fields only. */
export function zipEntryTime(instant: Date): { mtime: Date; forceDosTimestamp: true } {
  return { mtime: seoulZipMtime(instant), forceDosTimestamp: true };
}

/**
 * yazl computes each entry's CRC-32 with buffer-crc32, a byte-at-a-time JavaScript loop: for
 * the 65 MB sheet of 100,000 tickets that is about 0.6 s on the event loop, against 0.05 s for
 * node:zlib's crc32 (Node ≥ 20.15, the same function). yazl looks `crc32.unsigned` up on that
 * module at every call, so its copy's `unsigned` is pointed at zlib.crc32 once, before the first
 * export. Guarded: when the module is not where yazl 3.3.1 has it, has another shape, or the two
 * disagree on a sample, nothing is changed and yazl keeps its own (slower, correct) loop.
 * tests/unit/monitor-export.test.ts checks every entry's CRC against zlib independently.
 */
export function installZlibCrc32InYazl(): boolean {
  if (typeof zlib.crc32 !== "function") return false;
  try {
    const fromYazl = createRequire(createRequire(import.meta.url).resolve("yazl"));
    const crc = fromYazl("buffer-crc32") as { unsigned?: ((buf: Buffer, previous?: number) => number) & { zlib?: true } };
    if (typeof crc.unsigned !== "function") return false;
    if (crc.unsigned.zlib) return true;
    const sample = Buffer.from('<c r="A1" t="inlineStr"><is><t>과제</t></is></c>', "utf8");
    if (crc.unsigned(sample) !== zlib.crc32(sample) || crc.unsigned(sample, 12345) !== zlib.crc32(sample, 12345)) return false;
    const unsigned = (buf: Buffer, previous?: number) => zlib.crc32(buf, previous ?? 0);
    crc.unsigned = Object.assign(unsigned, { zlib: true as const });
    return true;
  } catch {
    return false;
  }
}
