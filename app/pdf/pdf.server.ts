// Documents out (issue 17): every PDF the product prints is laid out with these few blocks, so that the
// agreement, the completion report, the evaluation sheet, the application summary and the notice's forms
// look alike and embed the same Korean font. pdfkit (npm) lays out and subsets the font; the font is
// Pretendard (npm `pretendard`, SIL OFL 1.1) so that `npm install` is all a fresh machine needs.
// Text stays selectable and searchable: pdfkit writes a ToUnicode map for the embedded glyphs.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { attachmentDisposition } from "~/domain";

const require = createRequire(import.meta.url);
const FONT_DIR = "pretendard/dist/public/static/alternative";
/** TrueType outlines: pdfkit subsets them reliably (the package's OTF files are CFF). */
const FONTS = {
  regular: require.resolve(`${FONT_DIR}/Pretendard-Regular.ttf`),
  bold: require.resolve(`${FONT_DIR}/Pretendard-Bold.ttf`),
};

export type Pdf = PDFKit.PDFDocument;

const MARGIN = 56; // 2 cm
const BODY_SIZE = 10.5;
const RULE_COLOR = "#888888";

export interface PdfMeta {
  /** The document's title, e.g. "스마트공장 AS지원사업 협약서 (AS-2024-0003)". */
  title: string;
  /** Who issued it, e.g. the Technopark's name. */
  author: string;
}

/**
 * Lays out a document with `draw` and returns its bytes. The drawing runs synchronously on one
 * document; the result resolves when pdfkit has flushed the last chunk.
 */
export async function renderPdf(meta: PdfMeta, draw: (doc: Pdf) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: { Title: meta.title, Author: meta.author, Creator: "AS 트래커" },
    displayTitle: true,
    lang: "ko-KR",
    bufferPages: true,
  });
  doc.registerFont("regular", FONTS.regular);
  doc.registerFont("bold", FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.font("regular").fontSize(BODY_SIZE);
  draw(doc);
  numberPages(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** "1 / 3" at the foot of every page (pages are buffered, so the total is known). */
function numberPages(doc: Pdf): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
    doc
      .font("regular")
      .fontSize(8)
      .fillColor("#555555")
      .text(`${i + 1} / ${count}`, MARGIN, doc.page.height - MARGIN / 2, { width: doc.page.width - 2 * MARGIN, align: "center" });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor("black");
}

/** The document's title, centred and bold, with an optional line under it (e.g. the ticket number). */
export function title(doc: Pdf, text: string, subtitle?: string): void {
  doc.font("bold").fontSize(18).text(text, { align: "center" });
  if (subtitle) doc.font("regular").fontSize(BODY_SIZE).moveDown(0.3).text(subtitle, { align: "center" });
  doc.font("regular").fontSize(BODY_SIZE).moveDown(1.2);
}

/** A numbered or plain section heading. */
export function heading(doc: Pdf, text: string): void {
  doc.moveDown(0.6).font("bold").fontSize(12).text(text).moveDown(0.3).font("regular").fontSize(BODY_SIZE);
}

/** A paragraph of body text. */
export function paragraph(doc: Pdf, text: string): void {
  doc.font("regular").fontSize(BODY_SIZE).text(text, { align: "left", lineGap: 2 }).moveDown(0.4);
}

function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Opens a new page when fewer than `height` points remain above the bottom margin. */
function ensureRoom(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

export interface Column {
  header: string;
  /** Share of the content width, e.g. 0.4. The shares of a table should add up to 1. */
  width: number;
  align?: "left" | "right" | "center";
}

/**
 * A ruled table: a bold header row, then one row per entry; a row as tall as its tallest cell, and a
 * new page (with the header again) when a row does not fit.
 */
export function table(doc: Pdf, columns: readonly Column[], rows: readonly (readonly string[])[]): void {
  const left = doc.page.margins.left;
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const pad = 4;
  const drawRow = (cells: readonly string[], font: "regular" | "bold") => {
    doc.font(font).fontSize(9.5);
    const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 2 * pad }))) + 2 * pad;
    ensureRoom(doc, height);
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      doc.text(cell, x + pad, top + pad, { width: widths[i] - 2 * pad, align: columns[i].align ?? "left" });
      x += widths[i];
    });
    doc
      .moveTo(left, top + height)
      .lineTo(left + total, top + height)
      .lineWidth(0.5)
      .strokeColor(RULE_COLOR)
      .stroke();
    doc.x = left;
    doc.y = top + height;
  };
  doc
    .moveTo(left, doc.y)
    .lineTo(left + total, doc.y)
    .lineWidth(0.8)
    .strokeColor("black")
    .stroke();
  drawRow(
    columns.map((c) => c.header),
    "bold",
  );
  for (const row of rows) drawRow(row, "regular");
  doc.font("regular").fontSize(BODY_SIZE).moveDown(0.6);
}

/** Label–value pairs as a two-column table (e.g. 과제번호, 도입기업, 협약기간). */
export function facts(doc: Pdf, rows: readonly (readonly [string, string])[]): void {
  table(
    doc,
    [
      { header: "항목", width: 0.3 },
      { header: "내용", width: 0.7 },
    ],
    rows,
  );
}

/** Signature lines for the parties, e.g. [["도입기업", "(주)한빛정밀 대표 김한빛"], …], each with "(인)". */
export function signatures(doc: Pdf, parties: readonly (readonly [string, string])[], dateLine: string): void {
  ensureRoom(doc, 40 + parties.length * 28);
  doc.moveDown(1).font("regular").fontSize(BODY_SIZE).text(dateLine, { align: "center" }).moveDown(1);
  for (const [role, who] of parties) {
    doc.text(`${role}  ${who}  (서명 또는 인)`, { align: "right" }).moveDown(0.8);
  }
}

/** The HTTP response of a generated PDF: a download under a Korean name, never cached by shared caches. */
export function pdfResponse(bytes: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": attachmentDisposition(fileName, "application/pdf"),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
