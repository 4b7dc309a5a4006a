// The CSV export: UTF-8 with a BOM (so Excel reads Korean), a Korean header, one CRLF line
// per ticket, amounts as plain numbers. Rows are read in keyset batches (iterateExportRows),
// never the whole table at once; each batch is written into one buffer and goes out as one chunk.
import type { Actor } from "~/auth/actor";
import type { ListFilters } from "../ticket-list.server";
import { iterateExportRows, type ExportRow } from "../export-rows.server";
import { leanHeapWhileExporting } from "~/utils/heap.server";
import { ByteWriter, breathe } from "./bytes.server";
import { EXPORT_COLUMNS } from "./columns.server";

// Quoted when it holds a quote, comma or line break; a leading = + - @ is defused with a
// ' (Excel would read the field as a formula).
const NEEDS_QUOTES = /[",\r\n]|^[=+\-@]/;
const FORMULA_START = /^[=+\-@]/;

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
  let endLeanHeap = () => {};
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        endLeanHeap = leanHeapWhileExporting();
        controller.enqueue(Buffer.from(CSV_HEADER, "utf8"));
        return;
      }
      try {
        await breathe();
        const next = await batches.next();
        if (next.done) {
          endLeanHeap();
          controller.close();
          return;
        }
        controller.enqueue(csvBytes(next.value));
      } catch (error) {
        endLeanHeap();
        throw error;
      }
    },
    async cancel() {
      endLeanHeap();
      await batches.return(undefined);
    },
  });
}
