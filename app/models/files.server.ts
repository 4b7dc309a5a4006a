// Uploaded files: checked by content (magic bytes), at most 20 MB, stored
// under DATA_DIR/files (never under public/) with a SHA-256, served only
// to users who may read a ticket the file belongs to, and removed (row and
// bytes) once no record uses them any more.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, FILE_KINDS, UPLOAD_LIMITS, type FileKind } from "~/domain";
import { dataDir } from "~/utils/env.server";
import { ticketScope } from "./ticket.server";
import { linkedFileIds, moneyFileReadable, planQuoteFileReadable } from "./file-links.server";
import { costReportReadable, expertFileWhere } from "./expert-access.server";

/** At most this many bytes per file (the request reader refuses larger parts: app/utils/forms.server.ts). */
export const MAX_UPLOAD_BYTES = UPLOAD_LIMITS.fileBytes;

export type { FileKind };

const { pdf: PDF, jpg: JPG, png: PNG, hwp: HWP, hwpx: HWPX, xlsx: XLSX, docx: DOCX } = FILE_KINDS;

/** The refusal of a file over MAX_UPLOAD_BYTES, wherever it is noticed. */
export function fileTooLarge(): DomainError {
  return new DomainError("upload_too_large", `파일은 ${MAX_UPLOAD_BYTES / 1024 / 1024}MB 이하만 올릴 수 있습니다.`);
}

export const ACCEPTED_UPLOADS = ".pdf,.jpg,.jpeg,.png,.hwp,.hwpx,.xlsx,.docx";
export const ACCEPTED_LABEL = "PDF, JPG, PNG, HWP/HWPX, XLSX, DOCX";

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

function contains(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, "latin1");
}

/** What the bytes are, whatever the name says; null when not an accepted type. */
export function sniffFileKind(bytes: Uint8Array): FileKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPG;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  // HWP 5.0 is an OLE2 compound file whose header stream names itself.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return contains(bytes, "HWP Document File") ||
      contains(bytes, "H\0W\0P\0") ||
      contains(bytes, "FileHeader") ||
      contains(bytes, "F\0i\0l\0e\0H\0e\0a\0d\0e\0r\0")
      ? HWP
      : null;
  }
  // OOXML and HWPX are ZIP packages; their part names are stored uncompressed.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (contains(bytes, "application/hwp+zip") || contains(bytes, "Contents/section")) return HWPX;
    if (contains(bytes, "xl/workbook.xml") || contains(bytes, "xl/_rels")) return XLSX;
    if (contains(bytes, "word/document.xml") || contains(bytes, "word/_rels")) return DOCX;
    return null;
  }
  return null;
}

export type SavedFile = { storagePath: string; sha256: string; size: number; mimeType: string; originalName: string };

// control characters are exactly what a stored name must not carry
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f"\\/]/g;

function safeName(name: string): string {
  const base = path.basename(name).normalize("NFC").replace(UNSAFE_IN_NAME, "_").trim();
  return (base || "file").slice(0, 200);
}

/**
 * Checks an uploaded File and writes it under DATA_DIR/files. Call before the
 * transaction that records it; on failure of that transaction call
 * `discardSavedFile` so no orphan stays on disk.
 */
export async function saveUpload(file: File): Promise<SavedFile> {
  if (file.size === 0) throw new DomainError("upload_empty", "빈 파일은 올릴 수 없습니다.");
  if (file.size > MAX_UPLOAD_BYTES) throw fileTooLarge();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = sniffFileKind(bytes);
  if (!kind) {
    throw new DomainError(
      "upload_type",
      `허용되지 않는 파일 형식입니다. ${ACCEPTED_LABEL} 파일만 올릴 수 있습니다 (확장자가 아니라 파일 내용으로 확인합니다).`,
    );
  }
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const now = new Date();
  const relative = path.posix.join("files", String(now.getUTCFullYear()), `${crypto.randomBytes(16).toString("hex")}.${kind.extensions[0]}`);
  const absolute = path.join(dataDir(), relative);
  await fs.mkdir(path.dirname(absolute), { recursive: true });
  await fs.writeFile(absolute, bytes, { flag: "wx", mode: 0o640 });
  return { storagePath: relative, sha256, size: bytes.byteLength, mimeType: kind.type, originalName: safeName(file.name) };
}

export async function discardSavedFile(saved: SavedFile | null | undefined): Promise<void> {
  if (saved) await removeStoredBytes([saved.storagePath]);
}

/** The StoredFile row for a saved upload, inside the caller's transaction. */
export function recordStoredFile(tx: Prisma.TransactionClient, actor: Actor, saved: SavedFile) {
  return tx.storedFile.create({ data: { ...saved, uploadedById: actor.userId } });
}

/** A file the actor may download: it must belong to a ticket within the actor's scope. */
export async function findReadableFile(actor: Actor, fileId: string) {
  const scope = ticketScope(actor);
  // the money's files (deposit, payment, settlement, part purchase) name their file by id only: file-links.server.ts
  const money = await moneyFileReadable(actor, fileId);
  // the plan's form and the signed quote: the companies, the TP and the assigned cost agency (file-links.server.ts)
  const planFile = await planQuoteFileReadable(actor, fileId);
  // an assigned expert reads only the files of its step, once it has declared no conflict (ADR 029)
  const expert = planFile ? null : await expertFileWhere(actor, fileId);
  const report = await costReportReadable(actor, fileId);
  return prisma.storedFile.findFirst({
    where: expert ?? {
      id: fileId,
      OR: [
        ...(money || report || planFile ? [{ id: fileId }] : []),
        { documents: { some: { ticket: scope } } },
        { attachments: { some: { workLog: { ticket: scope } } } },
        { attachments: { some: { completionReport: { ticket: scope } } } },
        // a file attached to a question's message (문의/답변): the parties of the question's ticket
        { attachments: { some: { message: { question: { ticket: scope } } } } },
      ],
    },
    select: { id: true, storagePath: true, mimeType: true, originalName: true, size: true, sha256: true },
  });
}

/** The absolute path of a stored file; a path that leads out of DATA_DIR/files is a bug, never served nor removed. */
function absoluteStoredPath(storagePath: string): string {
  const root = path.join(dataDir(), "files");
  const absolute = path.resolve(dataDir(), storagePath);
  if (!absolute.startsWith(root + path.sep)) throw new Error("stored path escapes the files folder");
  return absolute;
}

export async function readStoredBytes(storagePath: string): Promise<Buffer> {
  return fs.readFile(absoluteStoredPath(storagePath));
}

// ---------------------------------------------------------------- removal (docs/decisions/014-…)

/**
 * Deletes the StoredFile rows among `fileIds` that no document and no attachment uses any more,
 * inside the caller's transaction (SQLite runs one writing transaction at a time, so no other one
 * can add a use in between). Returns their storage paths: the caller removes the bytes with
 * `removeStoredBytes` once the transaction has committed, so a change that rolls back never loses
 * a file it still names.
 */
export async function releaseStoredFiles(tx: Prisma.TransactionClient, fileIds: readonly string[]): Promise<string[]> {
  if (fileIds.length === 0) return [];
  const candidates = await tx.storedFile.findMany({
    where: { id: { in: [...fileIds] }, documents: { none: {} }, attachments: { none: {} } },
    select: { id: true, storagePath: true },
  });
  // a file named by id only (a deposit's proof, a payment's evidence, …) is still in use
  const linked = await linkedFileIds(
    tx,
    candidates.map((f) => f.id),
  );
  const unused = candidates.filter((f) => !linked.has(f.id));
  if (unused.length) await tx.storedFile.deleteMany({ where: { id: { in: unused.map((f) => f.id) } } });
  return unused.map((f) => f.storagePath);
}

/** Deletes the attachments `where` selects and releases their files (see releaseStoredFiles). */
export async function removeAttachments(tx: Prisma.TransactionClient, where: Prisma.AttachmentWhereInput): Promise<string[]> {
  const attachments = await tx.attachment.findMany({ where, select: { id: true, fileId: true } });
  if (attachments.length === 0) return [];
  await tx.attachment.deleteMany({ where: { id: { in: attachments.map((a) => a.id) } } });
  return releaseStoredFiles(
    tx,
    attachments.map((a) => a.fileId),
  );
}

/** Removes the bytes of released files, after the commit; a file already gone is fine. */
export async function removeStoredBytes(storagePaths: readonly string[]): Promise<void> {
  await Promise.all(storagePaths.map((p) => fs.rm(absoluteStoredPath(p), { force: true })));
}

/**
 * Bytes without a row are left alone this long: they may belong to an upload whose transaction has
 * not committed yet (saveUpload writes before the transaction records the row).
 */
const IN_FLIGHT_GRACE_MS = 60 * 60 * 1000;

/** Every file under DATA_DIR/files, as storage paths (`files/2026/….pdf`). */
async function storedPathsOnDisk(): Promise<string[]> {
  const root = path.join(dataDir(), "files");
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dataDir(), path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

/**
 * Clears what an older version or a crash left behind: StoredFile rows no record uses (attachments
 * removed before removals released their files), with their bytes; and bytes under DATA_DIR/files
 * that no row names (a crash between a commit and the removal of the bytes, or between saving an
 * upload and recording it), once older than IN_FLIGHT_GRACE_MS. Run at start.
 */
export async function collectUnusedFiles(now = new Date()): Promise<{ rows: number; files: number }> {
  const released = await prisma.$transaction(async (tx) => {
    const unused = await tx.storedFile.findMany({ where: { documents: { none: {} }, attachments: { none: {} } }, select: { id: true } });
    return releaseStoredFiles(
      tx,
      unused.map((f) => f.id),
    );
  });
  await removeStoredBytes(released);
  const named = new Set((await prisma.storedFile.findMany({ select: { storagePath: true } })).map((f) => f.storagePath));
  let files = 0;
  for (const storagePath of await storedPathsOnDisk()) {
    if (named.has(storagePath)) continue;
    const { mtimeMs } = await fs.stat(absoluteStoredPath(storagePath));
    if (now.getTime() - mtimeMs < IN_FLIGHT_GRACE_MS) continue;
    await removeStoredBytes([storagePath]);
    files++;
  }
  return { rows: released.length, files };
}
