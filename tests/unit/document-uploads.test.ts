// Several application documents in one upload (issue 17 item 3, ADR 037), against a real,
// migrated and seeded SQLite file and the real files folder: all or nothing in one ticket change,
// the issue date kept only for the 3-month certificates, the count bounded, and every refusal
// naming the file it refuses with nothing stored (no row, no bytes, the version unchanged).
import "../support/test-db";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import { DOCUMENT_UPLOAD_LIMIT } from "~/domain/document-upload";
import { DocumentRowError, uploadDocuments, type DocumentUpload } from "~/models/documents.server";
import { ConflictError } from "~/models/errors.server";
import { dataDir } from "~/utils/env.server";

useSeededDatabase();

const filesOnDisk = () => {
  const root = path.join(dataDir(), "files");
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).filter((f) => String(f).includes(".")).length : 0;
};
const pdf = (name: string) => new File([Buffer.from(`%PDF-1.4\n${name}\n%%EOF\n`, "latin1")], name, { type: "application/pdf" });
const text = (name: string) => new File([Buffer.from("only text, not a PDF")], name, { type: "application/pdf" });

/** maker2's demo draft (AS-2026-0003), as it stands now. */
async function draft() {
  const t = await prisma.ticket.findFirstOrThrow({ where: { number: "AS-2026-0003" } });
  expect(t.state).toBe("draft");
  return t;
}

/** What an upload could have left behind: rows, stored files and bytes, and the ticket's version. */
async function footprint(ticketId: string) {
  const [documents, stored, ticket] = await Promise.all([
    prisma.applicationDocument.count({ where: { ticketId } }),
    prisma.storedFile.count(),
    prisma.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { version: true } }),
  ]);
  return { documents, stored, version: ticket.version, bytes: filesOnDisk() };
}

const three = (bad?: number): DocumentUpload[] => [
  { kind: "application_form", issuedOn: "2026-11-20", fiscalYear: 2024, file: bad === 0 ? text("신청서.pdf") : pdf("신청서.pdf") },
  {
    kind: "business_registration",
    issuedOn: "2026-11-20",
    fiscalYear: null,
    file: bad === 1 ? text("사업자등록증.pdf") : pdf("사업자등록증.pdf"),
  },
  { kind: "financial_statements", issuedOn: null, fiscalYear: 2025, file: bad === 2 ? text("재무제표_2025.pdf") : pdf("재무제표_2025.pdf") },
];

describe("several documents in one upload", () => {
  it("records every file in one ticket change: one version, one audit line; the issue date only on the certificate", async () => {
    const maker2 = await actorFor("maker2@demo.kr");
    const t = await draft();
    const before = await footprint(t.id);
    const result = await uploadDocuments(maker2, t.id, t.version, three());
    expect(result.version).toBe(t.version + 1);
    const after = await footprint(t.id);
    expect(after).toEqual({ documents: before.documents + 3, stored: before.stored + 3, version: t.version + 1, bytes: before.bytes + 3 });
    const rows = await prisma.applicationDocument.findMany({
      where: { ticketId: t.id, file: { originalName: { in: ["신청서.pdf", "사업자등록증.pdf", "재무제표_2025.pdf"] } } },
      select: { kind: true, issuedOn: true, fiscalYear: true, attachedAtApplication: true, file: { select: { originalName: true } } },
    });
    expect(rows.map((r) => [r.file.originalName, r.kind, r.issuedOn, r.fiscalYear, r.attachedAtApplication]).sort()).toEqual(
      [
        ["신청서.pdf", "application_form", null, null, true],
        ["사업자등록증.pdf", "business_registration", "2026-11-20", null, true],
        ["재무제표_2025.pdf", "financial_statements", null, 2025, true],
      ].sort(),
    );
    const audits = await prisma.auditEvent.findMany({ where: { ticketId: t.id, action: "document.upload" }, orderBy: { createdAt: "desc" } });
    expect(audits[0].summary).toBe("서류 3건을 올렸습니다: 스마트공장 AS지원사업 신청서, 사업자등록증명원, 재무제표 (2025년)");
  });

  it.each([0, 1, 2])("one file that is no accepted type (row %i of three) stores nothing and names that file", async (bad) => {
    const maker2 = await actorFor("maker2@demo.kr");
    const t = await draft();
    const before = await footprint(t.id);
    const error = await uploadDocuments(maker2, t.id, t.version, three(bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentRowError);
    expect(error).toMatchObject({ code: "upload_type", index: bad });
    expect((error as Error).message).toContain(three()[bad].file.name);
    expect((error as Error).message).toContain("허용되지 않는 파일 형식");
    expect((error as Error).message).toContain("아무 서류도 올리지 않았습니다");
    expect(await footprint(t.id)).toEqual(before);
  });

  it("a certificate without its issue date, or statements without their year, are refused naming the file, before any byte is stored", async () => {
    const maker2 = await actorFor("maker2@demo.kr");
    const t = await draft();
    const before = await footprint(t.id);
    const undated = three().map((u, i) => (i === 1 ? { ...u, issuedOn: null } : u));
    await expect(uploadDocuments(maker2, t.id, t.version, undated)).rejects.toMatchObject({
      code: "issued_on_missing",
      index: 1,
      message: expect.stringContaining("사업자등록증.pdf"),
    });
    const yearless = three().map((u, i) => (i === 2 ? { ...u, fiscalYear: null } : u));
    await expect(uploadDocuments(maker2, t.id, t.version, yearless)).rejects.toMatchObject({
      code: "fiscal_year_missing",
      index: 2,
      message: expect.stringContaining("재무제표_2025.pdf"),
    });
    expect(await footprint(t.id)).toEqual(before);
  });

  it("is bounded: no file, or more than DOCUMENT_UPLOAD_LIMIT files, is refused before any byte is stored", async () => {
    const maker2 = await actorFor("maker2@demo.kr");
    const t = await draft();
    const before = await footprint(t.id);
    await expect(uploadDocuments(maker2, t.id, t.version, [])).rejects.toMatchObject({ code: "upload_none" });
    const many = Array.from({ length: DOCUMENT_UPLOAD_LIMIT + 1 }, (_, i): DocumentUpload => ({
      kind: "application_form",
      issuedOn: null,
      fiscalYear: null,
      file: pdf(`신청서${i}.pdf`),
    }));
    await expect(uploadDocuments(maker2, t.id, t.version, many)).rejects.toMatchObject({
      code: "upload_too_many",
      message: expect.stringContaining(`${DOCUMENT_UPLOAD_LIMIT}개`),
    });
    expect(await footprint(t.id)).toEqual(before);
    // exactly the limit passes
    await uploadDocuments(maker2, t.id, t.version, many.slice(0, DOCUMENT_UPLOAD_LIMIT));
    expect((await footprint(t.id)).documents).toBe(before.documents + DOCUMENT_UPLOAD_LIMIT);
  });

  it("a stale version is a conflict and removes every byte already stored", async () => {
    const maker2 = await actorFor("maker2@demo.kr");
    const t = await draft();
    const before = await footprint(t.id);
    await expect(uploadDocuments(maker2, t.id, t.version - 1, three())).rejects.toBeInstanceOf(ConflictError);
    expect(await footprint(t.id)).toEqual(before);
  });

  it("another company's draft is not found, and nothing is stored", async () => {
    const maker1 = await actorFor("maker1@demo.kr");
    const t = await draft();
    const before = await footprint(t.id);
    await expect(uploadDocuments(maker1, t.id, t.version, three())).rejects.toThrow();
    expect(await footprint(t.id)).toEqual(before);
  });
});
