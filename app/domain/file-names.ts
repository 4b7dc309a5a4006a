/**
 * The file types we store and the name a stored file is downloaded under.
 *
 * The stored name is what the person uploaded. The download name is made safe for whoever opens
 * the file: the type was detected from the content on upload (app/models/files.server.ts), and the
 * name a browser saves must not say otherwise, nor hide what it says.
 * - No control characters (line breaks and tabs become spaces) and no invisible format characters,
 *   among them the bidi controls that make `invoice\u202Efdp.exe` read as `invoiceexe.pdf`.
 * - None of the characters file systems refuse (\ / : * ? " < > |), no leading dots (a hidden
 *   file), no trailing dots or spaces (Windows drops them, and the extension with them).
 * - It ends with an extension of the detected type: a final extension of another type goes
 *   (`report.pdf.html` holding a PDF is `report.pdf`, `photo.svg` holding a PNG is `photo.png`),
 *   a missing one is added (`회의록 2024.03` → `회의록 2024.03.pdf`: `.03` is no extension).
 * - At most 200 bytes of UTF-8 (file systems allow 255), cut between characters.
 */

export type FileKind = { type: string; label: string; extensions: readonly string[] };

/** The accepted types by what the content says (the first extension is the one a name is given). */
export const FILE_KINDS = {
  pdf: { type: "application/pdf", label: "PDF", extensions: ["pdf"] },
  jpg: { type: "image/jpeg", label: "JPG", extensions: ["jpg", "jpeg"] },
  png: { type: "image/png", label: "PNG", extensions: ["png"] },
  hwp: { type: "application/x-hwp", label: "HWP", extensions: ["hwp"] },
  hwpx: { type: "application/hwp+zip", label: "HWPX", extensions: ["hwpx"] },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "XLSX", extensions: ["xlsx"] },
  docx: { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "DOCX", extensions: ["docx"] },
} as const satisfies Record<string, FileKind>;

/** A type we do not store (none should reach a download) is saved as opaque bytes, never under its own claim. */
const UNKNOWN_EXTENSIONS = ["bin"];

const MAX_NAME_BYTES = 200;
/** Controls (C0, C1) and line/paragraph separators: shown as a space. */
const BREAKS = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
/** Format characters (bidi controls, zero-width characters, the BOM) and lone surrogates: removed. */
const INVISIBLE = /[\p{Cf}\p{Cs}]/gu;
const RESERVED = /[\\/:*?"<>|]/g;
/** A final `.ext`: ASCII letters and digits, at least one letter (`.03` of a date is none). */
const EXTENSION = /\.([a-z0-9]*[a-z][a-z0-9]*)$/i;
const MAX_EXTENSION_LENGTH = 10;
/** Names Windows reserves for devices, with or without an extension. */
const DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const encoder = new TextEncoder();

function extensionsOf(mimeType: string): readonly string[] {
  return Object.values(FILE_KINDS).find((k) => k.type === mimeType)?.extensions ?? UNKNOWN_EXTENSIONS;
}

/** Leading dots and spaces, trailing dots and spaces. */
function trimEnds(name: string): string {
  return name.replace(/^[\s.]+|[\s.]+$/g, "");
}

function clean(name: string): string {
  return trimEnds(name.normalize("NFC").replace(BREAKS, " ").replace(INVISIBLE, "").replace(RESERVED, "_").replace(/\s+/g, " "));
}

function extensionOf(name: string): string | null {
  const match = EXTENSION.exec(name);
  return match && match[1].length <= MAX_EXTENSION_LENGTH ? match[1] : null;
}

function withoutExtension(name: string, extension: string): string {
  return trimEnds(name.slice(0, -extension.length - 1));
}

/** `stem.extension` within MAX_NAME_BYTES, the stem cut between characters. */
function fit(stem: string, extension: string): string {
  const base = stem === "" ? "file" : DEVICE.test(stem) ? `_${stem}` : stem;
  let budget = MAX_NAME_BYTES - extension.length - 1;
  let cut = "";
  for (const char of base) {
    budget -= encoder.encode(char).length;
    if (budget < 0) break;
    cut += char;
  }
  return `${trimEnds(cut)}.${extension}`;
}

/** The name a stored file is downloaded under: its uploaded name, made safe, ending with the detected type's extension. */
export function downloadName(originalName: string, mimeType: string): string {
  const extensions = extensionsOf(mimeType);
  const matches = (ext: string | null): ext is string => ext !== null && extensions.includes(ext.toLowerCase());
  let stem = clean(originalName);
  let extension = extensionOf(stem);
  if (extension !== null && !matches(extension)) {
    // a final extension of another type goes (`report.pdf.html` → `report.pdf`)
    stem = withoutExtension(stem, extension);
    extension = extensionOf(stem);
  }
  if (matches(extension)) return fit(withoutExtension(stem, extension), extension);
  return fit(stem, extensions[0]);
}

/** The ASCII-only name for clients that do not read `filename*`: other characters as `_`, never an empty stem. */
export function asciiFileName(name: string): string {
  const dot = name.lastIndexOf(".");
  const stem = name.slice(0, dot).replace(/[^\x20-\x7e]+/g, "_");
  return `${/[a-z0-9]/i.test(stem) ? stem : "file"}${name.slice(dot)}`;
}

/** RFC 8187 value characters: encodeURIComponent leaves ' ( ) * unescaped, which are not among them. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The Content-Disposition of a download of a stored file (both name forms, RFC 6266). */
export function attachmentDisposition(originalName: string, mimeType: string): string {
  const name = downloadName(originalName, mimeType);
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
