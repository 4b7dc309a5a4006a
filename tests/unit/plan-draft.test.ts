// 수행계획서 임시저장 and the files of the plan and the quote (issue 17, item 3; ADR 038), against a real,
// migrated and seeded SQLite file: a draft is saved as typed (even incomplete) and found again, changes no
// state and tells nobody, is pinned by its own version, becomes the submitted version with its plan form
// and is deleted with the submission; only the supplier's organisation reads a draft or its file; the plan
// form and the signed quote are read by the companies, the TP and the assigned cost agency, and are never
// collected as unused.
import { describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError } from "~/domain";
import { ConflictError, ForbiddenError } from "~/models/errors.server";
import { collectUnusedFiles, findReadableFile, saveUpload } from "~/models/files.server";
import { getPlanPage, savePlanDraft, submitPlan } from "~/models/plan.server";
import { attachSignedQuote, getQuotePage, saveQuoteVersion } from "~/models/quote.server";
import { PLAN_FORM_RULE, SIGNED_QUOTE_RULE, withOptionalUpload } from "~/models/plan-quote-files.server";
import { conflictDeclarationOf, declareConflict } from "~/models/assignment.server";

useSeededDatabase();

const TODAY = "2026-11-27";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
// HWP 5.0: an OLE2 compound file whose header stream names itself
const HWP = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64), Buffer.from("HWP Document File")]);
const XLSX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from("xl/workbook.xml")]);

const fileOf = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name);
const upload = (bytes: Buffer, name: string) => saveUpload(fileOf(bytes, name));
const ticketOf = (number: string) => prisma.ticket.findUniqueOrThrow({ where: { number }, select: { id: true, version: true, state: true } });
const counts = async (ticketId: string) => ({
  audit: await prisma.auditEvent.count({ where: { ticketId } }),
  notifications: await prisma.notification.count({ where: { ticketId } }),
  ticket: await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { state: true, version: true } }),
});

async function rejects<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

/** Who may download `fileId`, by e-mail. */
async function readers(fileId: string, actors: Record<string, Actor>): Promise<string[]> {
  const found = await Promise.all(
    Object.entries(actors).map(async ([email, actor]) => ((await findReadableFile(actor, fileId)) ? email : null)),
  );
  return found.filter((e): e is string => e !== null);
}

describe("plan drafts", () => {
  it("saves a draft as typed, finds it again, changes no state and tells nobody; only the supplier reads it", async () => {
    const [vendor2, vendor1, maker, monitor] = await Promise.all(
      ["vendor2@demo.kr", "vendor1@demo.kr", "maker1@demo.kr", "monitor@demo.kr"].map(actorFor),
    );
    // AS-2026-0002: 지원결정, supplier 넥스트엠이에스 (vendor2)
    const t = await ticketOf("AS-2026-0002");
    const manufacturer = await prisma.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { manufacturer: { select: { users: true } } } });
    const makerOf2 = await actorFor(manufacturer.manufacturer.users[0].email);
    const before = await counts(t.id);
    const form = await upload(PDF, "수행계획서 양식.pdf");
    const saved = await savePlanDraft(vendor2, {
      ticketId: t.id,
      draftVersion: 0,
      scope: "",
      staff: "PM 1명",
      milestones: [{ title: "현장 진단", dueOn: "", deliverable: "" }],
      form,
    });
    expect(saved.draftVersion).toBe(1);
    expect(await counts(t.id)).toEqual(before);

    const page = await getPlanPage(vendor2, t.id, TODAY);
    expect(page?.draft).toMatchObject({
      version: 1,
      scope: "",
      staff: "PM 1명",
      milestones: [{ title: "현장 진단", dueOn: "", deliverable: "" }],
      formFile: { originalName: "수행계획서 양식.pdf", mimeType: "application/pdf" },
    });
    const fileId = page!.draft!.formFile!.id;
    // nobody but the supplier's organisation: the manufacturer, the TP, another supplier
    expect((await getPlanPage(makerOf2, t.id, TODAY))?.draft).toBeNull();
    expect((await getPlanPage(monitor, t.id, TODAY))?.draft).toBeNull();
    expect(await getPlanPage(vendor1, t.id, TODAY)).toBeNull();
    expect(await readers(fileId, { vendor2: vendor2, vendor1, maker: makerOf2, other: maker, monitor })).toEqual(["vendor2"]);
    // the file is in use: never collected at start-up
    await collectUnusedFiles();
    expect(await prisma.storedFile.count({ where: { id: fileId } })).toBe(1);
  });

  it("pins the draft's version: a save or a submission on an older one is a conflict, nothing written", async () => {
    const vendor2 = await actorFor("vendor2@demo.kr");
    const t = await ticketOf("AS-2026-0002");
    await savePlanDraft(vendor2, { ticketId: t.id, draftVersion: 1, scope: "범위 2", staff: "PM 1명", milestones: [], form: null });
    const stale = { ticketId: t.id, draftVersion: 1, scope: "다른 탭", staff: "", milestones: [], form: null };
    expect((await rejects(savePlanDraft(vendor2, stale), ConflictError)).message).toContain("임시저장");
    await rejects(
      submitPlan(vendor2, {
        ticketId: t.id,
        step: "submit_plan",
        expectedVersion: t.version,
        draftVersion: 0,
        scope: "다른 탭",
        staff: "PM",
        milestones: [{ title: "개발", dueOn: "2026-12-20", deliverable: "화면" }],
        acknowledgeLate: true,
        today: TODAY,
      }),
      ConflictError,
    );
    const draft = await prisma.planDraft.findUniqueOrThrow({ where: { ticketId: t.id } });
    expect({ version: draft.version, scope: draft.scope }).toEqual({ version: 2, scope: "범위 2" });
    expect(await prisma.executionPlan.count({ where: { ticketId: t.id } })).toBe(0);
    // the draft kept its form (no new file attached)
    expect(draft.formFileId).not.toBeNull();
  });

  it("refuses a draft from anyone but the supplier, and out of the plan's steps", async () => {
    const [monitor, vendor2] = await Promise.all(["monitor@demo.kr", "vendor2@demo.kr"].map(actorFor));
    const t = await ticketOf("AS-2026-0002");
    const input = { ticketId: t.id, draftVersion: 2, scope: "x", staff: "", milestones: [], form: null };
    await rejects(savePlanDraft(monitor, input), ForbiddenError);
    // AS-2026-0004 (신청접수) is vendor2's too, but no plan is written there
    const submitted = await ticketOf("AS-2026-0004");
    const refused = await rejects(savePlanDraft(vendor2, { ...input, ticketId: submitted.id, draftVersion: 0 }), DomainError);
    expect(refused.message).toContain("임시저장할 수 없습니다");
    expect(await prisma.planDraft.count({ where: { ticketId: submitted.id } })).toBe(0);
  });

  it("submits the draft: the plan version carries its form, the draft is gone, and the parties read the form", async () => {
    const [vendor2, vendor1, monitor, evaluator] = await Promise.all(
      ["vendor2@demo.kr", "vendor1@demo.kr", "monitor@demo.kr", "evaluator@demo.kr"].map(actorFor),
    );
    const t = await ticketOf("AS-2026-0002");
    const draft = await prisma.planDraft.findUniqueOrThrow({ where: { ticketId: t.id } });
    const result = await submitPlan(vendor2, {
      ticketId: t.id,
      step: "submit_plan",
      expectedVersion: t.version,
      draftVersion: draft.version,
      scope: "POP 화면 개선",
      staff: "PM 1명",
      milestones: [{ title: "개발", dueOn: "2026-12-20", deliverable: "화면" }],
      acknowledgeLate: true,
      today: TODAY,
    });
    expect(result.planVersion).toBe(1);
    expect(await prisma.planDraft.count({ where: { ticketId: t.id } })).toBe(0);
    const plan = await prisma.executionPlan.findFirstOrThrow({ where: { ticketId: t.id } });
    expect(plan.formFileId).toBe(draft.formFileId);
    const manufacturer = await prisma.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { manufacturer: { select: { users: true } } } });
    const maker = await actorFor(manufacturer.manufacturer.users[0].email);
    expect(await readers(plan.formFileId!, { vendor2, maker, monitor, vendor1, evaluator })).toEqual(["vendor2", "maker", "monitor"]);
    const history = await getPlanPage(maker, t.id, TODAY);
    expect(history?.plans[0].formFile?.originalName).toBe("수행계획서 양식.pdf");
    await collectUnusedFiles();
    expect(await prisma.storedFile.count({ where: { id: plan.formFileId! } })).toBe(1);
  });

  it("replaces a draft's form: the old file is released, the new one kept; HWP is a plan form, XLSX is not", async () => {
    const vendor1 = await actorFor("vendor1@demo.kr");
    // AS-2026-0010 is in 수행계획서 제출; put it back to 보완 so vendor1 may draft a revision
    const t = await ticketOf("AS-2026-0010");
    await prisma.ticket.update({ where: { id: t.id }, data: { state: "plan_revision" } });
    const first = await upload(PDF, "v1.pdf");
    await savePlanDraft(vendor1, { ticketId: t.id, draftVersion: 0, scope: "수정", staff: "", milestones: [], form: first });
    const old = (await prisma.planDraft.findUniqueOrThrow({ where: { ticketId: t.id } })).formFileId!;
    const hwp = await withOptionalUpload(fileOf(HWP, "양식.hwp"), PLAN_FORM_RULE, async (saved) => {
      await savePlanDraft(vendor1, { ticketId: t.id, draftVersion: 1, scope: "수정", staff: "", milestones: [], form: saved });
      return saved;
    });
    expect(hwp?.mimeType).toBe("application/x-hwp");
    expect(await prisma.storedFile.count({ where: { id: old } })).toBe(0);
    const refused = await rejects(
      withOptionalUpload(fileOf(XLSX, "양식.xlsx"), PLAN_FORM_RULE, () => Promise.resolve(null)),
      DomainError,
    );
    expect(refused.message).toContain("HWP");
  });
});

describe("the signed quote", () => {
  it("attaches to a version; the companies, the TP and the declared cost agency read it, nobody else; never collected", async () => {
    const [vendor2, vendor1, monitor, cost, evaluator] = await Promise.all(
      ["vendor2@demo.kr", "vendor1@demo.kr", "monitor@demo.kr", "cost@demo.kr", "evaluator@demo.kr"].map(actorFor),
    );
    // AS-2026-0006: 원가적정성 검토, the demo's cost agency assigned (not yet declared)
    const t = await ticketOf("AS-2026-0006");
    const page = await getQuotePage(vendor2, t.id);
    const latest = page!.quotes[0];
    const signed = await upload(PNG, "견적서 서명본.png");
    await attachSignedQuote(vendor2, { ticketId: t.id, quoteVersion: latest.version, signed });
    const after = await getQuotePage(monitor, t.id);
    expect(after?.quotes[0].signedFile?.originalName).toBe("견적서 서명본.png");
    const fileId = after!.quotes[0].signedFile!.id;
    const manufacturer = await prisma.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { manufacturer: { select: { users: true } } } });
    const maker = await actorFor(manufacturer.manufacturer.users[0].email);
    expect(await readers(fileId, { vendor2, maker, monitor, cost, vendor1, evaluator })).toEqual(["vendor2", "maker", "monitor"]);
    const open = await conflictDeclarationOf(cost, t.id);
    await declareConflict(cost, { ticketId: t.id, assignmentVersion: open!.version, statement: open!.statement, conflict: false });
    expect(await readers(fileId, { cost, evaluator })).toEqual(["cost"]);
    // a stale page (an older version than the latest) is a conflict; a manufacturer may not attach
    await rejects(
      attachSignedQuote(vendor2, { ticketId: t.id, quoteVersion: latest.version - 1, signed: await upload(PDF, "x.pdf") }),
      ConflictError,
    );
    await rejects(
      attachSignedQuote(maker, { ticketId: t.id, quoteVersion: latest.version, signed: await upload(PDF, "x.pdf") }),
      ForbiddenError,
    );
    await collectUnusedFiles();
    expect(await prisma.storedFile.count({ where: { id: fileId } })).toBe(1);
  });

  it("comes with a new version too, and only as PDF or image", async () => {
    const vendor2 = await actorFor("vendor2@demo.kr");
    const t = await ticketOf("AS-2026-0004");
    const base = (await getQuotePage(vendor2, t.id))!.quotes[0]?.version ?? 0;
    const lines = [{ kind: "sw" as const, description: "개발", quantity: 1, unitPrice: 1_000_000 }];
    const saved = await withOptionalUpload(fileOf(PDF, "서명본.pdf"), SIGNED_QUOTE_RULE, (signed) =>
      saveQuoteVersion(vendor2, { ticketId: t.id, baseVersion: base, lines, note: null, signed }),
    );
    const page = await getQuotePage(vendor2, t.id);
    expect(page?.quotes[0]).toMatchObject({ version: saved.quoteVersion, signedFile: { originalName: "서명본.pdf" } });
    const refused = await rejects(
      withOptionalUpload(fileOf(HWP, "서명본.hwp"), SIGNED_QUOTE_RULE, () => Promise.resolve(null)),
      DomainError,
    );
    expect(refused.message).toBe("서명·날인된 견적서는 PDF 또는 이미지(JPG, PNG) 파일만 올릴 수 있습니다.");
  });
});
