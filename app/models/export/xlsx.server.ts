// The XLSX export, written here rather than by exceljs: one worksheet of inline strings,
// numbers and dates is a handful of fixed XML parts and one streamed sheet in a zip, and
// exceljs's streaming writer (a Row and Cell object per cell, an archiver zip) took about 5 s
// and 150 MB more for 100,000 rows (issue #8, docs/decisions/012). The sheet is written batch
// by batch and handed to yazl as a stream: never the whole sheet in memory.
//
// SpreadsheetML (ECMA-376): the sheet's cells are inline strings, numbers (money, format
// #,##0) and dates (day serials, format yyyy-mm-dd), the header row bold and frozen.
import { Readable, type PassThrough } from "node:stream";
import { ZipFile } from "yazl";
import type { Actor } from "~/auth/actor";
import type { ListFilters } from "../ticket-list.server";
import { iterateExportRows, type ExportRow } from "../export-rows.server";
import { ByteWriter, breathe } from "./bytes.server";
import { EXPORT_COLUMNS, memo } from "./columns.server";
import { installZlibCrc32InYazl, zipEntryTime } from "./zip.server";

export const XLSX_SHEET_NAME = "과제 목록";
export const XLSX_SHEET_PATH = "xl/worksheets/sheet1.xml";

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

// cellXfs: 0 default, 1 date, 2 money, 3 bold (the header)
const STYLE_DATE = 1;
const STYLE_MONEY = 2;
const STYLE_HEADER = 3;

/** The fixed parts of the workbook, in the order they are zipped (the sheet comes last). */
export const XLSX_PARTS: Record<string, string> = {
  "[Content_Types].xml":
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    "</Types>",
  "_rels/.rels":
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    "</Relationships>",
  "xl/workbook.xml":
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    "<bookViews><workbookView/></bookViews>" +
    `<sheets><sheet name="${XLSX_SHEET_NAME}" sheetId="1" r:id="rId1"/></sheets>` +
    "</workbook>",
  "xl/_rels/workbook.xml.rels":
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    "</Relationships>",
  "xl/styles.xml":
    XML_HEAD +
    `<styleSheet xmlns="${NS_MAIN}">` +
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>' +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="4">' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    "</cellXfs>" +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    "</styleSheet>",
};

const COLUMN_LETTERS = EXPORT_COLUMNS.map((_, i) => String.fromCharCode(65 + i)); // A…O (fewer than 27 columns)
const COLUMN_STYLES = EXPORT_COLUMNS.map((c) => (c.kind === "money" ? STYLE_MONEY : c.kind === "date" ? STYLE_DATE : 0));

// Characters XML escapes, line breaks as \n (a reader turns \r\n into \n anyway), and the
// characters XML 1.0 cannot hold at all (dropped: Excel refuses a file with them).
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const XML_UNSAFE = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- as above
const XML_UNSAFE_ALL = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\r\n?/g;
const XML_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "\n", "\r\n": "\n" };

export function xmlText(s: string): string {
  return XML_UNSAFE.test(s) ? s.replace(XML_UNSAFE_ALL, (c) => XML_ENTITY[c] ?? "") : s;
}

const EDGE_SPACE = /^\s|\s$/;
const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_DAYS = 25_569; // 1970-01-01 as an Excel (1900 system) day serial

/** An ISO date as an Excel day serial (what exceljs wrote for the same Date). */
export function excelDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY + EXCEL_EPOCH_DAYS;
}

/** The day serial as cell text, or "" for a value that is no date (then written as text). */
const excelDayText = memo((iso) => {
  const day = excelDay(iso);
  return Number.isFinite(day) ? String(day) : "";
});

/**
 * A text cell: an inline string. SpreadsheetML holds a formula only in an <f> element, so text that
 * starts with = + - @ stays text here (the CSV needs its leading ' for that, the workbook does not).
 */
function inlineString(out: ByteWriter, ref: string, style: number, s: string) {
  out.ascii(`<c r="${ref}"${style ? ` s="${style}"` : ""} t="inlineStr"><is><t${EDGE_SPACE.test(s) ? ' xml:space="preserve"' : ""}>`);
  out.text(xmlText(s));
  out.ascii("</t></is></c>");
}

/** The sheet rows of a batch, numbered from `firstRow`. */
export function xlsxRowsBytes(rows: readonly ExportRow[], firstRow: number): Buffer {
  const out = new ByteWriter(Math.max(4096, rows.length * 768)); // about 680 bytes a row at 100,000 tickets
  let n = firstRow;
  for (const r of rows) {
    const row = String(n++);
    out.ascii(`<row r="${row}">`);
    for (let i = 0; i < EXPORT_COLUMNS.length; i++) {
      const column = EXPORT_COLUMNS[i];
      const v = column.value(r);
      if (v === null) continue;
      const ref = COLUMN_LETTERS[i] + row;
      if (typeof v === "number") out.ascii(`<c r="${ref}"${COLUMN_STYLES[i] ? ` s="${COLUMN_STYLES[i]}"` : ""}><v>${v}</v></c>`);
      else if (column.kind === "date" && excelDayText(v)) out.ascii(`<c r="${ref}" s="${STYLE_DATE}"><v>${excelDayText(v)}</v></c>`);
      else if (v.length) inlineString(out, ref, 0, v);
    }
    out.ascii("</row>");
  }
  return out.done();
}

function sheetHead(): Buffer {
  const out = new ByteWriter(4096);
  out.ascii(XML_HEAD + `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`);
  out.ascii(
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>',
  );
  out.ascii('<sheetFormatPr defaultRowHeight="15"/><cols>');
  EXPORT_COLUMNS.forEach((c, i) => {
    out.ascii(
      `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${COLUMN_STYLES[i] ? ` style="${COLUMN_STYLES[i]}"` : ""} customWidth="1"/>`,
    );
  });
  out.ascii('</cols><sheetData><row r="1">');
  EXPORT_COLUMNS.forEach((c, i) => inlineString(out, `${COLUMN_LETTERS[i]}1`, STYLE_HEADER, c.header));
  out.ascii("</row>");
  return out.done();
}

const SHEET_TAIL = Buffer.from("</sheetData></worksheet>", "latin1");

/** The sheet's bytes: head, one chunk per batch of rows (pulled only as the zip takes them), tail. */
async function* sheetChunks(batches: AsyncIterable<readonly ExportRow[]>): AsyncGenerator<Buffer> {
  yield sheetHead();
  let next = 2;
  for await (const batch of batches) {
    yield xlsxRowsBytes(batch, next);
    next += batch.length;
    await breathe();
  }
  yield SHEET_TAIL;
}

/**
 * Deflate level of the sheet. 96,000 rows (65 MB of XML): level 1 took 0.30 s for 9.3 MB, level 6
 * 0.65 s for 7.2 MB; exceljs's file was 10.4 MB.
 */
const SHEET_DEFLATE_LEVEL = 1;

const crcThroughZlib = installZlibCrc32InYazl();

/** Whether yazl's CRC-32 runs through node:zlib (see installZlibCrc32InYazl). */
export const xlsxCrcThroughZlib = () => crcThroughZlib;

/**
 * The workbook of `batches` as a byte stream: the fixed parts, then the sheet written and
 * deflated as the batches are read. The sheet is a Readable that yazl pipes through its CRC,
 * deflate and counters into its output, so a batch is read only when the zip has taken the
 * previous one (backpressure) and the sheet is never held whole. A download cancelled or a
 * failed read ends the batches (their `return()`), and the output errors on a failure.
 * `now` is the entries' time stamp (shown in Seoul time, see seoulZipMtime).
 */
export function xlsxStreamOf(batches: AsyncIterable<readonly ExportRow[]>, options: { now?: Date } = {}): ReadableStream<Uint8Array> {
  const zip = new ZipFile();
  const out = zip.outputStream as PassThrough;
  const time = zipEntryTime(options.now ?? new Date());
  const sheet = Readable.from(sheetChunks(batches), { objectMode: false });
  const stop = (error?: Error) => {
    if (!sheet.destroyed) sheet.destroy(); // ends the batches
    if (error && !out.destroyed) out.destroy(error);
  };
  // yazl pipes the sheet, and pipe() forwards no error: without this a failed read would leave
  // the download hanging.
  sheet.once("error", stop);
  zip.once("error", stop);
  out.once("close", () => stop()); // done, cancelled (Readable.toWeb destroys it) or failed

  for (const [name, content] of Object.entries(XLSX_PARTS)) zip.addBuffer(Buffer.from(content, "utf8"), name, time);
  zip.addReadStream(sheet, XLSX_SHEET_PATH, { ...time, compressionLevel: SHEET_DEFLATE_LEVEL });
  zip.end();
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

/** XLSX of the monitor's filtered list as a byte stream: one sheet, written and zipped as the rows are read. */
export function xlsxStream(actor: Actor, filters: ListFilters, options: { now?: Date } = {}): ReadableStream<Uint8Array> {
  return xlsxStreamOf(iterateExportRows(actor, filters), options);
}
