// The manufacturer's model layer against a real, migrated and seeded SQLite file:
// scoping (a foreign draft is not found), references refused server-side, one
// transaction per change (a refused upload leaves no row and no file), optimistic
// locking on the company profile, and the extension limit from the rules module.
import "../support/test-db";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { createDraft, getDraftForEdit, updateDraft, type TicketDraftInput } from "~/models/ticket-draft.server";
import { deleteDocument, uploadDocument } from "~/models/documents.server";
import { getCompanyProfile, updateCompanyProfile, type ProfileInput } from "~/models/organization.server";
import { requestExtension } from "~/models/extension-request.server";
import { submitApplication } from "~/models/ticket-page.server";
import { ConflictError, NotFoundError } from "~/models/errors.server";
import { DomainError } from "~/domain";
import { dataDir } from "~/utils/env.server";

const TODAY = "2026-11-27";

async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({
    data: { id: `m-${email}-${Math.random()}`.padEnd(43, "x").slice(0, 43), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
  });
  const actor = await actorFromSessionId(session.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

const ticketByNumber = (number: string) => prisma.ticket.findUniqueOrThrow({ where: { number } });
const filesOnDisk = () => {
  const root = path.join(dataDir(), "files");
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).filter((f) => String(f).includes(".")).length : 0;
};
const pdf = (name = "doc.pdf") => new File([Buffer.from("%PDF-1.4\n%%EOF\n", "latin1")], name, { type: "application/pdf" });

let maker1: Actor;
let maker2: Actor;
let vendor1: Actor;
let vendor2Id: string;

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  [maker1, maker2, vendor1] = await Promise.all([actorFor("maker1@demo.kr"), actorFor("maker2@demo.kr"), actorFor("vendor1@demo.kr")]);
  vendor2Id = (await prisma.user.findUniqueOrThrow({ where: { email: "vendor2@demo.kr" } })).organizationId;
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

function draft(overrides: Partial<TicketDraftInput> = {}): TicketDraftInput {
  return {
    supportTypes: ["hw_repair"],
    targetSystemId: null,
    supplierId: vendor2Id,
    title: "수집기 통신 모듈 수리",
    problem: "통신 모듈 고장",
    desiredOutcome: "모듈 교체",
    items: [
      {
        description: "통신 모듈 교체",
        supportType: "hw_repair",
        quantity: 2,
        isStandaloneEquipment: false,
        isOfficeIt: false,
        isRentalOrSubscription: false,
        isPeriodicConsumable: false,
        underWarranty: false,
      },
    ],
    ...overrides,
  };
}

describe("ticket drafts", () => {
  it("creates a draft with the next number of the program, its items and a ticket.create audit event", async () => {
    const created = await createDraft(maker1, draft(), TODAY);
    expect(created.number).toBe("AS-2026-0015"); // after the demo's fourteen (ADR 040)
    const row = await prisma.ticket.findUniqueOrThrow({
      where: { id: created.id },
      include: { items: true, supportTypes: true, auditEvents: true },
    });
    expect(row).toMatchObject({ state: "draft", version: 1, manufacturerId: maker1.organizationId, supplierId: vendor2Id });
    expect(row.items.map((i) => [i.description, i.quantity])).toEqual([["통신 모듈 교체", 2]]);
    expect(row.auditEvents.map((e) => [e.action, e.toState, e.actorId])).toEqual([["ticket.create", "draft", maker1.userId]]);
    expect((await createDraft(maker1, draft(), TODAY)).number).toBe("AS-2026-0016");
  });

  it("refuses the company itself, a non-supplier and another company's system as references, writing nothing", async () => {
    const before = await prisma.ticket.count();
    const foreignSystem = await prisma.smartFactorySystem.findFirstOrThrow({ where: { organizationId: maker2.organizationId } });
    await expect(createDraft(maker1, draft({ supplierId: maker1.organizationId }), TODAY)).rejects.toMatchObject({ code: "supplier_unknown" });
    await expect(createDraft(maker1, draft({ supplierId: maker2.organizationId }), TODAY)).rejects.toMatchObject({ code: "supplier_unknown" });
    await expect(createDraft(maker1, draft({ supplierId: "no-such-org" }), TODAY)).rejects.toBeInstanceOf(DomainError);
    await expect(createDraft(maker1, draft({ targetSystemId: foreignSystem.id }), TODAY)).rejects.toMatchObject({ code: "system_unknown" });
    await expect(createDraft(vendor1, draft(), TODAY)).rejects.toThrow("도입기업만");
    expect(await prisma.ticket.count()).toBe(before);
  });

  it("edits only the actor's own drafts: another manufacturer and any supplier get not found", async () => {
    const maker2Draft = await ticketByNumber("AS-2026-0003");
    expect(await getDraftForEdit(maker1, maker2Draft.id)).toBeNull();
    await expect(updateDraft(maker1, maker2Draft.id, maker2Draft.version, draft())).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateDraft(vendor1, maker2Draft.id, maker2Draft.version, draft())).rejects.toBeInstanceOf(NotFoundError);
    const unchanged = await prisma.ticket.findUniqueOrThrow({ where: { id: maker2Draft.id } });
    expect(unchanged.title).toBe(maker2Draft.title);
    expect(unchanged.version).toBe(maker2Draft.version);
  });

  it("a stale edit is a conflict and changes nothing; a fresh one replaces items and bumps the version", async () => {
    const t = await ticketByNumber("AS-2026-0003");
    await updateDraft(maker2, t.id, t.version, draft({ title: "첫 번째 저장", supplierId: vendor2Id }));
    await expect(updateDraft(maker2, t.id, t.version, draft({ title: "늦은 저장", supplierId: vendor2Id }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    const row = await prisma.ticket.findUniqueOrThrow({ where: { id: t.id }, include: { items: true } });
    expect(row.title).toBe("첫 번째 저장");
    expect(row.version).toBe(t.version + 1);
    expect(row.items).toHaveLength(1);
  });

  it("refuses to edit a submitted request", async () => {
    const submitted = await ticketByNumber("AS-2026-0004");
    await expect(updateDraft(maker2, submitted.id, submitted.version, draft())).rejects.toThrow("작성중인 신청서만 수정할 수 있습니다.");
  });
});

describe("application documents", () => {
  it("a file whose content is not an accepted type leaves no row and no file", async () => {
    const t = await createDraft(maker1, draft(), TODAY);
    const [files, rows] = [filesOnDisk(), await prisma.storedFile.count()];
    const fake = new File([Buffer.from("just text")], "fake.pdf", { type: "application/pdf" });
    await expect(
      uploadDocument(maker1, t.id, 1, { kind: "application_form", issuedOn: TODAY, fiscalYear: null, file: fake }),
    ).rejects.toMatchObject({
      code: "upload_type",
    });
    expect(await prisma.storedFile.count()).toBe(rows);
    expect(filesOnDisk()).toBe(files);
  });

  it("a refused transaction (submitted ticket, stale version, foreign ticket) removes the saved bytes", async () => {
    const submitted = await ticketByNumber("AS-2026-0004");
    const mine = await createDraft(maker1, draft(), TODAY);
    const [files, rows] = [filesOnDisk(), await prisma.storedFile.count()];
    const input = { kind: "application_form" as const, issuedOn: TODAY, fiscalYear: null };
    await expect(uploadDocument(maker2, submitted.id, submitted.version, { ...input, file: pdf() })).rejects.toThrow("제출한 뒤에는");
    await expect(uploadDocument(maker1, mine.id, 99, { ...input, file: pdf() })).rejects.toBeInstanceOf(ConflictError);
    await expect(uploadDocument(maker2, mine.id, 1, { ...input, file: pdf() })).rejects.toBeInstanceOf(NotFoundError);
    expect(await prisma.storedFile.count()).toBe(rows);
    expect(filesOnDisk()).toBe(files);
  });

  it("an upload records file, document (attached at application) and audit event together; delete removes them", async () => {
    const t = await createDraft(maker1, draft(), TODAY);
    const result = await uploadDocument(maker1, t.id, 1, {
      kind: "business_registration",
      issuedOn: "2026-11-01",
      fiscalYear: null,
      file: pdf("사업자.pdf"),
    });
    expect(result.version).toBe(2);
    const doc = await prisma.applicationDocument.findFirstOrThrow({ where: { ticketId: t.id }, include: { file: true } });
    expect(doc).toMatchObject({ kind: "business_registration", attachedAtApplication: true, uploadedById: maker1.userId });
    expect(doc.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.existsSync(path.join(dataDir(), doc.file.storagePath))).toBe(true);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { ticketId: t.id, action: "document.upload" } });
    expect(audit.summary).toContain("사업자등록증명원");

    await deleteDocument(maker1, t.id, 2, doc.id);
    expect(await prisma.applicationDocument.count({ where: { ticketId: t.id } })).toBe(0);
    expect(await prisma.storedFile.count({ where: { id: doc.fileId } })).toBe(0);
    expect(fs.existsSync(path.join(dataDir(), doc.file.storagePath))).toBe(false);
  });

  it("submit is refused with every missing piece listed", async () => {
    const t = await createDraft(maker1, draft(), TODAY);
    const error = await submitApplication(maker1, t.id, 1, TODAY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    const reasons = (error as DomainError).reasons.join("\n");
    for (const label of [
      "신청서",
      "사업자등록증명원",
      "국세 납세증명서",
      "지방세 납세증명서",
      "정보 활용 동의서",
      "재무제표",
      "스마트공장 사업 완료보고서",
    ]) {
      expect(reasons).toContain(label);
    }
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: t.id } })).state).toBe("draft");
  });
});

describe("company profile", () => {
  const input = (p: NonNullable<Awaited<ReturnType<typeof getCompanyProfile>>>, overrides: Partial<ProfileInput> = {}): ProfileInput => ({
    name: p.name,
    businessNumber: p.businessNumber,
    representative: p.representative,
    address: p.address,
    region: p.region,
    phone: p.phone,
    eligibilityBasis: "diffusion",
    diffusionCompletionYear: p.diffusionCompletionYear,
    levelCertificateNumber: null,
    localProgramYear: null,
    freeWarrantyEndsOn: p.freeWarrantyEndsOn,
    paidMaintenanceContract: false,
    maintenanceNote: null,
    promisingSmeCertified: true,
    promisingSmeCertNumber: p.promisingSmeCertNumber,
    closedOrSuspended: false,
    taxDelinquent: false,
    sanctioned: false,
    canSelfService: false,
    ...overrides,
  });

  it("saves with an audit event, refuses a stale version, a bad checksum and a taken number", async () => {
    const p = (await getCompanyProfile(maker1))!;
    const saved = await updateCompanyProfile(
      maker1,
      p.version,
      input(p, { businessNumber: "135-86-20475", address: "경기도 화성시 새 주소 1" }),
    );
    expect(saved.version).toBe(p.version + 1);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "organization.update", actorId: maker1.userId },
      orderBy: { seq: "desc" },
    });
    expect(audit).toMatchObject({ ticketId: null, programId: null });
    await expect(updateCompanyProfile(maker1, p.version, input(p, { address: "늦은 저장" }))).rejects.toBeInstanceOf(ConflictError);
    await expect(updateCompanyProfile(maker1, saved.version, input(p, { businessNumber: "135-86-20476" }))).rejects.toMatchObject({
      code: "invalid_business_number",
    });
    const other = (await getCompanyProfile(maker2))!;
    await expect(updateCompanyProfile(maker1, saved.version, input(p, { businessNumber: other.businessNumber }))).rejects.toMatchObject({
      code: "business_number_taken",
    });
    const after = (await getCompanyProfile(maker1))!;
    expect(after).toMatchObject({ address: "경기도 화성시 새 주소 1", businessNumber: "1358620475", version: p.version + 1 });
  });

  it("has no profile for suppliers", async () => {
    expect(await getCompanyProfile(vendor1)).toBeNull();
    const p = (await getCompanyProfile(maker1))!;
    await expect(updateCompanyProfile(vendor1, p.version, input(p))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("extension requests", () => {
  it("files a proposal awaiting the supplier, refuses another while open, and refuses beyond the program's limit", async () => {
    const t = await ticketByNumber("AS-2026-0001");
    await requestExtension(maker1, { ticketId: t.id, expectedVersion: t.version, months: 2, reason: "부품 수급 지연", today: TODAY });
    const pending = await prisma.extensionRequest.findFirstOrThrow({ where: { ticketId: t.id } });
    // issue 16: the supplier confirms before the TP sees it
    expect(pending).toMatchObject({ months: 2, status: "proposed", requestedById: maker1.userId, requestedByRole: "manufacturer" });
    await expect(
      requestExtension(maker1, { ticketId: t.id, expectedVersion: t.version + 1, months: 1, reason: "추가", today: TODAY }),
    ).rejects.toThrow("상대 기업의 확인을 기다리는 연장 제안이 있습니다");

    // the monitor approved it: the 2 months are used up
    await prisma.extensionRequest.update({ where: { id: pending.id }, data: { status: "approved" } });
    await prisma.agreement.update({ where: { ticketId: t.id }, data: { extensionMonths: 2 } });
    const error = await requestExtension(maker1, {
      ticketId: t.id,
      expectedVersion: t.version + 1,
      months: 1,
      reason: "추가",
      today: TODAY,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toContain("최대 2개월까지만 연장할 수 있습니다");
    expect(await prisma.extensionRequest.count({ where: { ticketId: t.id } })).toBe(1);
  });

  it("is the companies' step (the supplier too, within the same limit); another manufacturer does not see the ticket", async () => {
    const t = await ticketByNumber("AS-2026-0001");
    await expect(
      requestExtension(vendor1, { ticketId: t.id, expectedVersion: t.version, months: 1, reason: "x", today: TODAY }),
    ).rejects.toThrow("최대 2개월까지만 연장할 수 있습니다");
    await expect(
      requestExtension(maker2, { ticketId: t.id, expectedVersion: t.version, months: 1, reason: "x", today: TODAY }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
