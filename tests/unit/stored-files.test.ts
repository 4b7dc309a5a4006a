// The life of a stored file (issue 13, item 14) against a real, migrated and seeded SQLite file
// and real files in the test's DATA_DIR: removing a work-log attachment or an application document
// removes the StoredFile row and its bytes, unless another record still uses the same file; a
// refused change removes nothing; the collector clears what an older version or a crash left.
import "../support/test-db";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { actorFor } from "../support/actors";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import type { Actor } from "~/auth/actor";
import { ConflictError } from "~/models/errors.server";
import { createWorkLog, updateWorkLog, type WorkLogFields } from "~/models/work-log.server";
import { deleteDocument, uploadDocument } from "~/models/documents.server";
import { collectUnusedFiles, saveUpload } from "~/models/files.server";
import { dataDir } from "~/utils/env.server";

const TODAY = "2026-11-27";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const HOUR = 3600_000;

const onDisk = (storagePath: string) => fs.existsSync(path.join(dataDir(), storagePath));
const fields: WorkLogFields = {
  workedOn: TODAY,
  minutes: 60,
  description: "첨부 삭제 시험",
  parts: [],
  swVersionBefore: null,
  swVersionAfter: null,
  trainingAttendees: null,
};

let vendor1: Actor;
let t1 = "";

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  vendor1 = await actorFor("vendor1@demo.kr");
  t1 = (await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0001" } })).id;
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

/** A new log on AS-2026-0001 with one before and one after photo; its attachments with their files. */
async function logWithPhotos() {
  const { logId } = await createWorkLog(vendor1, {
    ticketId: t1,
    today: TODAY,
    fields,
    attachments: [
      { purpose: "before_photo", saved: await saveUpload(new File([PNG], "before.png", { type: "image/png" })) },
      { purpose: "after_photo", saved: await saveUpload(new File([PNG], "after.png", { type: "image/png" })) },
    ],
  });
  const attachments = await prisma.attachment.findMany({ where: { workLogId: logId }, include: { file: true }, orderBy: { purpose: "desc" } });
  const log = await prisma.workLog.findUniqueOrThrow({ where: { id: logId } });
  return {
    logId,
    version: log.version,
    before: attachments.find((a) => a.purpose === "before_photo")!,
    after: attachments.find((a) => a.purpose === "after_photo")!,
  };
}

const removing = (logId: string, logVersion: number, ids: string[]) =>
  updateWorkLog(vendor1, { ticketId: t1, logId, logVersion, fields, attachments: [], removeAttachmentIds: ids, today: TODAY });

describe("removed attachments remove their stored files", () => {
  it("a work-log attachment removed: its StoredFile row and bytes go, the other attachment's stay", async () => {
    const { logId, version, before, after } = await logWithPhotos();
    expect([onDisk(before.file.storagePath), onDisk(after.file.storagePath)]).toEqual([true, true]);
    await removing(logId, version, [before.id]);
    expect(await prisma.attachment.count({ where: { id: before.id } })).toBe(0);
    expect(await prisma.storedFile.count({ where: { id: before.fileId } })).toBe(0);
    expect(onDisk(before.file.storagePath)).toBe(false);
    expect(await prisma.storedFile.count({ where: { id: after.fileId } })).toBe(1);
    expect(onDisk(after.file.storagePath)).toBe(true);
  });

  it("a file another record still uses stays: an attachment, then a document, sharing one StoredFile", async () => {
    // documents of maker2's draft AS-2026-0003 that refer to the same stored files as attachments do
    // (as a copy to another record or a future deduplication would); the app itself never shares one yet
    const maker2 = await actorFor("maker2@demo.kr");
    const draft = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0003" } });
    const share = (fileId: string) =>
      prisma.applicationDocument.create({
        data: { ticketId: draft.id, kind: "application_form", issuedOn: TODAY, fileId, uploadedById: maker2.userId },
      });

    const { logId, version, before } = await logWithPhotos();
    await share(before.fileId);
    await removing(logId, version, [before.id]);
    expect(await prisma.attachment.count({ where: { id: before.id } })).toBe(0);
    expect(await prisma.storedFile.count({ where: { id: before.fileId } }), "still used by the document").toBe(1);
    expect(onDisk(before.file.storagePath)).toBe(true);

    const other = await logWithPhotos();
    const doc = await share(other.after.fileId);
    const { version: ticketVersion } = await prisma.ticket.findUniqueOrThrow({ where: { id: draft.id } });
    await deleteDocument(maker2, draft.id, ticketVersion, doc.id);
    expect(await prisma.applicationDocument.count({ where: { id: doc.id } })).toBe(0);
    expect(await prisma.storedFile.count({ where: { id: other.after.fileId } }), "still used by the attachment").toBe(1);
    expect(onDisk(other.after.file.storagePath)).toBe(true);
  });

  it("a refused change (someone saved the log first) removes nothing", async () => {
    const { logId, version, before } = await logWithPhotos();
    await expect(removing(logId, version + 1, [before.id])).rejects.toBeInstanceOf(ConflictError);
    expect(await prisma.attachment.count({ where: { id: before.id } })).toBe(1);
    expect(await prisma.storedFile.count({ where: { id: before.fileId } })).toBe(1);
    expect(onDisk(before.file.storagePath)).toBe(true);
  });

  it("an attachment id of another log is not removed, nor its file", async () => {
    const a = await logWithPhotos();
    const b = await logWithPhotos();
    await removing(a.logId, a.version, [b.before.id]);
    expect(await prisma.attachment.count({ where: { id: b.before.id } })).toBe(1);
    expect(onDisk(b.before.file.storagePath)).toBe(true);
  });

  it("a replaced application document: removing the old one removes its file", async () => {
    const t = await prisma.ticket.findFirstOrThrow({ where: { number: "AS-2026-0003" } });
    const maker2 = await actorFor("maker2@demo.kr");
    const file = () => new File([PDF], "신청서.pdf", { type: "application/pdf" });
    const first = await uploadDocument(maker2, t.id, t.version, { kind: "application_form", issuedOn: TODAY, fiscalYear: null, file: file() });
    const second = await uploadDocument(maker2, t.id, first.version, {
      kind: "application_form",
      issuedOn: TODAY,
      fiscalYear: null,
      file: file(),
    });
    const old = await prisma.applicationDocument.findFirstOrThrow({
      where: { ticketId: t.id, kind: "application_form" },
      orderBy: { createdAt: "asc" },
      include: { file: true },
    });
    await deleteDocument(maker2, t.id, second.version, old.id);
    expect(await prisma.storedFile.count({ where: { id: old.fileId } })).toBe(0);
    expect(onDisk(old.file.storagePath)).toBe(false);
  });
});

describe("collectUnusedFiles: what an older version or a crash left behind", () => {
  it("removes rows no record uses (with their bytes) and old bytes no row names; keeps what is used and what may be in flight", async () => {
    const uploader = vendor1.userId;
    // an orphaned row (an attachment removed by an older version), with its bytes
    const orphan = await saveUpload(new File([PDF], "orphan.pdf", { type: "application/pdf" }));
    const orphanRow = await prisma.storedFile.create({ data: { ...orphan, uploadedById: uploader } });
    // bytes without a row: an hour old (a crash after the commit), and fresh (an upload before its transaction)
    const stale = await saveUpload(new File([PDF], "stale.pdf", { type: "application/pdf" }));
    const past = new Date(Date.now() - 2 * HOUR);
    fs.utimesSync(path.join(dataDir(), stale.storagePath), past, past);
    const fresh = await saveUpload(new File([PDF], "fresh.pdf", { type: "application/pdf" }));
    // in use: a work log's photos
    const used = await logWithPhotos();

    const collected = await collectUnusedFiles();
    expect(collected).toEqual({ rows: 1, files: 1 });
    expect(await prisma.storedFile.count({ where: { id: orphanRow.id } })).toBe(0);
    expect(onDisk(orphan.storagePath)).toBe(false);
    expect(onDisk(stale.storagePath)).toBe(false);
    expect(onDisk(fresh.storagePath), "bytes that may belong to an upload in flight").toBe(true);
    expect(onDisk(used.before.file.storagePath)).toBe(true);
    expect(await prisma.storedFile.count({ where: { id: used.before.fileId } })).toBe(1);
    // nothing left to do the second time
    expect(await collectUnusedFiles()).toEqual({ rows: 0, files: 0 });
  });
});
