// The CSV export: UTF-8 with a BOM (so Excel reads Korean), a Korean header, one CRLF line
// per ticket, amounts as plain numbers. Rows are read in keyset batches (iterateExportRows),
// never the whole table at once; each batch is written into one buffer and goes out as one chunk.
import type { Actor } from "~/auth/actor";
import type { ListFilters } from "../ticket-list.server";
import { iterateExportRows, type ExportRow } from "../export-rows.server";
import { ByteWriter, breathe } from "./bytes.server";
import { EXPORT_COLUMNS } from "./columns.server";

/**
 * A field a spreadsheet would read as a formula: one that starts with = + - @ (OWASP's CSV
 * injection list), TAB or CR (Excel skips them and reads what follows), NUL (OWASP ASVS), or a
 * character Unicode folds (NFKC) to = + - @: full-width ＝＋－＠, which Excel in Korean and Japanese
 * locales reads as the ASCII ones, small ﹦﹢﹣﹫, super- and subscript ⁺⁼₊₌, ⩵ ⩶ and Hebrew ﬩.
 * tests/unit/monitor-export.test.ts derives that class from NFKC and holds this list to it.
 */
export const FORMULA_START = /^[=+\-@\t\r\0\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u207A\u207C\u208A\u208C\u2A75\u2A76\uFB29]/;
// Quoted when it holds a quote, comma or line break, or starts a formula: that one is defused
// with a leading ' (the spreadsheet shows the text, not a result).
const NEEDS_QUOTES = new RegExp(`[",\\r\\n]|${FORMULA_START.source}`);

export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number" && value >= 0) return String(value);
  const s = String(value);
  if (!NEEDS_QUOTES.test(s)) return s;
  return `"${(FORMULA_START.test(s) ? "'" : "") + s.replace(/"/g, '""')}"`;
}

/** One CSV line (with its CRLF) of a row, column by column as EXPORT_COLUMNS says. */
export function csvLine(r: ExportRow): string {
  let line = "";
  for (let i = 0; i < EXPORT_COLUMNS.length; i++) line += (i ? "," : "") + csvField(EXPORT_COLUMNS[i].value(r));
  return line + "\r\n";
}

export const CSV_HEADER = "\uFEFF" + EXPORT_COLUMNS.map((c) => csvField(c.header)).join(",") + "\r\n";

const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** The CSV lines of a batch as UTF-8: the same bytes as csvLine gives for each row. */
export function csvBytes(rows: readonly ExportRow[]): Buffer {
  const out = new ByteWriter(Math.max(4096, rows.length * 224)); // about 195 bytes a line at 100,000 tickets
  for (const r of rows) {
    for (let i = 0; i < EXPORT_COLUMNS.length; i++) {
      if (i) out.byte(COMMA);
      out.text(csvField(EXPORT_COLUMNS[i].value(r)));
    }
    out.byte(CR);
    out.byte(LF);
  }
  return out.done();
}

/** CSV as a byte stream: BOM, Korean header, one line per ticket, amounts as plain numbers. */
export function csvStream(actor: Actor, filters: ListFilters): ReadableStream<Uint8Array> {
  const batches = iterateExportRows(actor, filters);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(Buffer.from(CSV_HEADER, "utf8"));
        return;
      }
      await breathe();
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(csvBytes(next.value));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
