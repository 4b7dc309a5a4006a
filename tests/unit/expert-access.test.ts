// The external evaluator and the cost-accounting agency (issue 16, item 1; ADR 029) against a real, migrated
// and seeded SQLite file: registration and invitation by the TP, assignment rules, the 이해충돌 declaration,
// what an expert may open and download, and the end of its access.
import "../support/test-db";
import { beforeAll, describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { conflictStatement } from "~/domain/expert-access";
import { assignExpert, conflictDeclarationOf, declareConflict, endExpertAssignments, unassignExpert } from "~/models/assignment.server";
import { expertGate, overviewFor } from "~/models/expert-access.server";
import { registerExpertOrganization } from "~/models/expert-organization.server";
import { acceptInvitation, inviteMember } from "~/models/membership.server";
import { findReadableFile } from "~/models/files.server";
import { listTickets } from "~/models/ticket.server";
import { getTicketPage } from "~/models/ticket-page.server";
import { rejectApplication } from "~/models/monitor-steps.server";
import { withdrawApplication } from "~/models/closing.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/models/errors.server";
import { SignUpSchema } from "~/utils/signup-schema";
import { requireTicketStep } from "~/utils/ticket-step.server";
import { createUserSession } from "~/auth/session.server";
import { changeTicket } from "~/models/workflow.server";

useSeededDatabase();

const TODAY = "2026-11-27";
let monitor: Actor;
let evaluator: Actor;
let cost: Actor;
let maker1: Actor;

beforeAll(async () => {
  monitor = await actorFor("monitor@demo.kr");
  evaluator = await actorFor("evaluator@demo.kr");
  cost = await actorFor("cost@demo.kr");
  maker1 = await actorFor("maker1@demo.kr");
});

const ticketIn = (state: string) => prisma.ticket.findFirstOrThrow({ where: { state }, orderBy: { number: "asc" } });
const version = async (id: string) => (await prisma.ticket.findUniqueOrThrow({ where: { id } })).version;

let serial = 0;
/** A stored file (no bytes: the rule reads rows only) as an application document of the ticket. */
async function documentOn(ticketId: string): Promise<string> {
  serial += 1;
  const file = await prisma.storedFile.create({
    data: {
      sha256: "0".repeat(64),
      size: 1,
      mimeType: "application/pdf",
      originalName: `d${serial}.pdf`,
      storagePath: `files/t/${serial}.pdf`,
      uploadedById: monitor.userId,
    },
  });
  await prisma.applicationDocument.create({
    data: { ticketId, kind: "application_form", issuedOn: "2026-11-01", fileId: file.id, uploadedById: monitor.userId },
  });
  return file.id;
}

/** The TP assigns the demo's evaluator organisation (no person named) to the ticket. */
async function assignDemoEvaluator(ticketId: string) {
  const org = await prisma.organization.findFirstOrThrow({ where: { kind: "evaluator" } });
  return assignExpert(monitor, { ticketId, expectedVersion: await version(ticketId), role: "evaluator", organizationId: org.id, userId: null });
}

async function statementOf(actor: Actor, ticketId: string): Promise<string> {
  return (await conflictDeclarationOf(actor, ticketId))!.statement;
}

async function declare(actor: Actor, ticketId: string, conflict = false) {
  const open = await conflictDeclarationOf(actor, ticketId);
  return declareConflict(actor, { ticketId, assignmentVersion: open!.version, statement: open!.statement, conflict });
}

/** What requireTicketStep answers an actor opening `page` of the ticket: "ok", or the HTTP status (404, a redirect's 302). */
async function opening(actor: Actor, ticketId: string, page: string): Promise<"ok" | number> {
  const gate = await expertGate(actor, ticketId, page);
  return gate === "open" ? "ok" : gate === "declare" ? 302 : 404;
}

describe("the demo's assignments", () => {
  it("the evaluator reads the 현장평가 ticket only, the agency the 원가적정성 검토 ticket only, and not all tickets of their step", async () => {
    const [evaluation, review] = await Promise.all([ticketIn("site_evaluation"), ticketIn("cost_review")]);
    expect((await listTickets(evaluator)).rows.map((r) => r.id)).toEqual([evaluation.id]);
    expect((await listTickets(cost)).rows.map((r) => r.id)).toEqual([review.id]);
    // tickets they could be assigned to stay unassigned
    const requirementReview = await ticketIn("requirement_review");
    expect(await getTicketPage(evaluator, requirementReview.id, TODAY)).toBeNull();
    expect(await getTicketPage(cost, evaluation.id, TODAY)).toBeNull();
    // not declared yet: the demo shows the declaration first
    const open = await prisma.ticketAssignment.findMany({ where: { endedAt: null } });
    expect(open.map((a) => a.conflictDeclaredAt)).toEqual([null, null]);
  });
});

describe("the declaration and the pages an expert may open", () => {
  it("sends an undeclared expert to the declaration, then opens only its step's pages", async () => {
    const t = await ticketIn("site_evaluation");
    expect(await opening(evaluator, t.id, "")).toBe(302);
    expect(await opening(evaluator, t.id, "documents")).toBe(302);
    expect(await opening(evaluator, t.id, "conflict")).toBe("ok");
    expect(await opening(evaluator, t.id, "work-logs")).toBe(404);
    // a wrong text is refused: what is recorded is exactly what was shown
    const open = await conflictDeclarationOf(evaluator, t.id);
    await expect(
      declareConflict(evaluator, { ticketId: t.id, assignmentVersion: open!.version, statement: "다른 문구", conflict: false }),
    ).rejects.toBeInstanceOf(ConflictError);
    await declare(evaluator, t.id);
    const row = await prisma.ticketAssignment.findFirstOrThrow({ where: { ticketId: t.id, role: "evaluator", endedAt: null } });
    const maker = await prisma.organization.findUniqueOrThrow({ where: { id: t.manufacturerId } });
    expect(row.conflictDeclaredById).toBe(evaluator.userId);
    expect(row.conflictDeclaredAt).not.toBeNull();
    expect(row.conflictStatement).toBe(await statementOf(evaluator, t.id));
    expect(row.conflictStatement).toContain(`도입기업 ${maker.name}`);
    for (const page of ["", "documents", "evaluation"]) expect(await opening(evaluator, t.id, page), page).toBe("ok");
    for (const page of ["quote", "plan", "work-logs", "agreement", "payment", "questions", "completion", "cost-review", "experts"]) {
      expect(await opening(evaluator, t.id, page), page).toBe(404);
    }
    // a second declaration is a stale form
    await expect(
      declareConflict(evaluator, { ticketId: t.id, assignmentVersion: row.version, statement: row.conflictStatement!, conflict: false }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("requireTicketStep (every step route) answers a page outside the expert's step with the 404 of a foreign ticket", async () => {
    const t = await ticketIn("site_evaluation");
    const signedIn = await createUserSession({ userId: evaluator.userId, redirectTo: null, request: new Request("http://localhost/login") });
    const cookie = signedIn.headers.get("Set-Cookie")!.split(";")[0];
    const status = (path: string) =>
      requireTicketStep(new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), { ticketId: t.id }).then(
        () => "ok",
        (r: unknown) => (r instanceof Response ? r.status : String(r)),
      );
    expect(await status(`/tickets/${t.id}`)).toBe("ok");
    expect(await status(`/tickets/${t.id}/documents`)).toBe("ok");
    expect(await status(`/tickets/${t.id}/work-logs`)).toBe(404);
    expect(await status(`/tickets/${t.id}/agreement.data`)).toBe(404);
    expect(await status(`/tickets/${t.id}/questions/abc`)).toBe(404);
  });

  it("reduces the overview to the application and the expert's step", async () => {
    const t = await ticketIn("site_evaluation");
    await documentOn(t.id);
    const page = (await getTicketPage(evaluator, t.id, TODAY))!;
    expect(page.extras.documents.length).toBeGreaterThan(0);
    const shown = overviewFor(evaluator.role, page);
    expect(shown.extras.documents).toEqual(page.extras.documents);
    expect(shown.ticket.workLogs).toEqual([]);
    expect(shown.ticket.agreement).toBeNull();
    expect(shown.extras.quotes).toEqual([]);
    expect(shown.ticket.auditEvents.every((e) => e.action === "ticket.pass_review" || e.action.startsWith("expert.evaluator."))).toBe(true);
    // the companies and the TP: the page as it is
    expect(overviewFor(monitor.role, page)).toBe(page);
    const agency = overviewFor("cost_agency", page);
    expect(agency.extras.documents).toEqual([]);
    expect(agency.extras.quotes).toEqual(page.extras.quotes);
  });

  it("serves an evaluator the application documents of its ticket only, the agency its report only, once declared", async () => {
    const t = await ticketIn("site_evaluation");
    const review = await ticketIn("cost_review");
    const [doc, foreign, reviewDoc] = [await documentOn(t.id), await documentOn((await ticketIn("selected")).id), await documentOn(review.id)];
    expect((await findReadableFile(evaluator, doc))?.id).toBe(doc);
    expect(await findReadableFile(evaluator, foreign)).toBeNull();
    expect(await findReadableFile(evaluator, reviewDoc)).toBeNull();
    // the agency's report: named by id on its cost review
    const report = await prisma.storedFile.create({
      data: {
        sha256: "1".repeat(64),
        size: 1,
        mimeType: "application/pdf",
        originalName: "r.pdf",
        storagePath: "files/t/report.pdf",
        uploadedById: cost.userId,
      },
    });
    const quote = await prisma.quote.findFirstOrThrow({ where: { ticketId: review.id } });
    await prisma.costReview.create({
      data: {
        ticketId: review.id,
        quoteId: quote.id,
        quoteTotal: 34_000_000,
        verifiedAmount: 33_000_000,
        resultOn: TODAY,
        reviewerId: cost.userId,
        reviewerRole: "cost_agency",
        status: "submitted",
        reportFileId: report.id,
      },
    });
    // not declared yet: nothing at all
    expect(await opening(cost, review.id, "quote")).toBe(302);
    expect(await findReadableFile(cost, report.id)).toBeNull();
    await declare(cost, review.id);
    expect((await findReadableFile(cost, report.id))?.id).toBe(report.id);
    expect(await findReadableFile(cost, reviewDoc)).toBeNull();
    expect(await findReadableFile(evaluator, report.id)).toBeNull();
    // the TP and the ticket's companies read the report too
    expect((await findReadableFile(monitor, report.id))?.id).toBe(report.id);
    expect(await findReadableFile(maker1, report.id)).toBeNull();
  });
});

describe("what an assigned expert hears", () => {
  it("its own step's changes only: a change of another step of the same ticket rings no bell of the expert's", async () => {
    const review = await ticketIn("cost_review");
    const agencyUsers = await prisma.user.findMany({ where: { organizationId: cost.organizationId }, select: { id: true } });
    const bells = () => prisma.notification.count({ where: { ticketId: review.id, userId: { in: agencyUsers.map((u) => u.id) } } });
    const before = await bells();
    // a record of another step of the ticket (e.g. a question, a payment): not the agency's
    await changeTicket(monitor, {
      ticketId: review.id,
      action: "question.ask",
      roles: ["monitor"],
      expectedVersion: await version(review.id),
      apply: async () => ({ summary: "다른 단계의 기록" }),
    });
    expect(await bells()).toBe(before);
    // a change of its own step reaches it
    await changeTicket(monitor, {
      ticketId: review.id,
      action: "ticket.return_cost_review",
      roles: ["monitor"],
      expectedVersion: await version(review.id),
      apply: async () => ({ summary: "원가계산 결과 보완 요청" }),
    });
    expect(await bells()).toBe(before + agencyUsers.length);
  });
});

describe("statement", () => {
  it("is the domain's text for the ticket", async () => {
    const t = await ticketIn("cost_review");
    const [maker, supplier] = await Promise.all([
      prisma.organization.findUniqueOrThrow({ where: { id: t.manufacturerId } }),
      prisma.organization.findUniqueOrThrow({ where: { id: t.supplierId } }),
    ]);
    const expected = conflictStatement("cost_agency", { number: t.number, manufacturerName: maker.name, supplierName: supplier.name });
    expect(await statementOf(cost, t.id)).toBe(expected);
  });
});

describe("assignment rules", () => {
  it("assigns only in the role's states, only an active organisation of the role's kind, at most one open per role", async () => {
    const t = await ticketIn("requirement_review");
    const [evaluatorOrg, costOrg] = await Promise.all([
      prisma.organization.findFirstOrThrow({ where: { kind: "evaluator" } }),
      prisma.organization.findFirstOrThrow({ where: { kind: "cost_agency" } }),
    ]);
    await expect(
      assignExpert(monitor, {
        ticketId: t.id,
        expectedVersion: await version(t.id),
        role: "cost_agency",
        organizationId: costOrg.id,
        userId: null,
      }),
    ).rejects.toMatchObject({ code: "state_not_allowed" });
    await expect(
      assignExpert(monitor, {
        ticketId: t.id,
        expectedVersion: await version(t.id),
        role: "evaluator",
        organizationId: costOrg.id,
        userId: null,
      }),
    ).rejects.toMatchObject({ code: "expert_missing" });
    const maker = await prisma.user.findUniqueOrThrow({ where: { email: "maker1@demo.kr" } });
    await expect(
      assignExpert(monitor, {
        ticketId: t.id,
        expectedVersion: await version(t.id),
        role: "evaluator",
        organizationId: evaluatorOrg.id,
        userId: maker.id,
      }),
    ).rejects.toMatchObject({ code: "expert_person_missing" });
    await expect(
      assignExpert(maker1, {
        ticketId: t.id,
        expectedVersion: await version(t.id),
        role: "evaluator",
        organizationId: evaluatorOrg.id,
        userId: null,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);

    await assignExpert(monitor, {
      ticketId: t.id,
      expectedVersion: await version(t.id),
      role: "evaluator",
      organizationId: evaluatorOrg.id,
      userId: evaluator.userId,
    });
    // the assigned organisation's people are told it is their turn
    const bell = await prisma.notification.findFirstOrThrow({ where: { userId: evaluator.userId, ticketId: t.id } });
    expect(bell.kind).toBe("my_turn");
    expect(await prisma.notification.count({ where: { userId: maker.id, ticketId: t.id, eventSeq: bell.eventSeq } })).toBe(0);
    // the audit line is Korean and names the organisation
    const line = await prisma.auditEvent.findFirstOrThrow({ where: { ticketId: t.id, action: "expert.evaluator.assign" } });
    expect(line.summary).toBe(`외부전문가 ${evaluatorOrg.name}(${evaluator.name})을 배정했습니다.`); // 한도윤을

    // re-assigning ends the previous one: one open per role
    await assignExpert(monitor, {
      ticketId: t.id,
      expectedVersion: await version(t.id),
      role: "evaluator",
      organizationId: evaluatorOrg.id,
      userId: null,
    });
    const rows = await prisma.ticketAssignment.findMany({ where: { ticketId: t.id, role: "evaluator" }, orderBy: { assignedAt: "asc" } });
    expect(rows.map((r) => [r.endedAt === null, r.endReason])).toEqual([
      [false, "unassigned"],
      [true, null],
    ]);
    // unassigning ends the access at once
    expect(await getTicketPage(evaluator, t.id, TODAY)).not.toBeNull();
    await unassignExpert(monitor, { ticketId: t.id, expectedVersion: await version(t.id), assignmentId: rows[1].id });
    expect(await getTicketPage(evaluator, t.id, TODAY)).toBeNull();
    await expect(
      unassignExpert(monitor, { ticketId: t.id, expectedVersion: await version(t.id), assignmentId: rows[1].id }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a declared conflict ends the assignment and tells the TP to assign someone else", async () => {
    const t = await ticketIn("requirement_review");
    await assignDemoEvaluator(t.id);
    await declare(evaluator, t.id, true);
    const row = await prisma.ticketAssignment.findFirstOrThrow({
      where: { ticketId: t.id, role: "evaluator" },
      orderBy: { assignedAt: "desc" },
    });
    expect(row.endReason).toBe("unassigned");
    expect(row.endedAt).not.toBeNull();
    expect(row.conflictDeclaredAt).toBeNull();
    expect(await getTicketPage(evaluator, t.id, TODAY)).toBeNull();
    const told = await prisma.notification.findFirstOrThrow({
      where: { userId: monitor.userId, ticketId: t.id },
      orderBy: { createdAt: "desc" },
    });
    expect(told.kind).toBe("my_turn");
    const line = await prisma.auditEvent.findFirstOrThrow({ where: { ticketId: t.id, action: "expert.evaluator.conflict" } });
    expect(line.summary).toContain("이해관계가 있다고 알려 배정이 종료되었습니다");
  });

  it("a closing ticket ends its assignments (ticket_closed); endExpertAssignments ends one role or all", async () => {
    const t = await ticketIn("requirement_review");
    await assignDemoEvaluator(t.id);
    await rejectApplication(monitor, { ticketId: t.id, expectedVersion: await version(t.id), today: TODAY, reason: "신청자격 요건 미충족" });
    const row = await prisma.ticketAssignment.findFirstOrThrow({ where: { ticketId: t.id }, orderBy: { assignedAt: "desc" } });
    expect(row.endReason).toBe("ticket_closed");
    expect(await getTicketPage(evaluator, t.id, TODAY)).toBeNull();

    const review = await ticketIn("cost_review");
    expect(await prisma.$transaction((tx) => endExpertAssignments(tx, review.id, "evaluator", "step_closed"))).toBe(0);
    expect(await prisma.$transaction((tx) => endExpertAssignments(tx, review.id, "cost_agency", "step_closed"))).toBe(1);
    expect((await listTickets(cost)).rows).toEqual([]);
  });

  it("a withdrawn application ends its assignments", async () => {
    const t = await ticketIn("site_evaluation");
    const maker = await actorFor((await prisma.user.findFirstOrThrow({ where: { organizationId: t.manufacturerId } })).email);
    await withdrawApplication(maker, { ticketId: t.id, expectedVersion: await version(t.id), today: TODAY, reason: null });
    expect((await prisma.ticketAssignment.findFirstOrThrow({ where: { ticketId: t.id } })).endReason).toBe("ticket_closed");
    expect((await listTickets(evaluator)).rows).toEqual([]);
    const doc = await prisma.applicationDocument.findFirstOrThrow({ where: { ticketId: t.id } });
    expect((await findReadableFile(maker, doc.fileId))?.id).toBe(doc.fileId);
    expect(await findReadableFile(evaluator, doc.fileId)).toBeNull();
  });
});

describe("accounts", () => {
  it("the TP registers an agency and invites its first person as admin, who invites a colleague of the same role", async () => {
    await registerExpertOrganization(monitor, {
      kind: "cost_agency",
      name: "시험원가계산센터",
      businessNumber: "2208137513",
      representative: null,
      region: "경기도",
      address: "경기도 수원시",
      email: "agency.admin@example.kr",
    });
    const org = await prisma.organization.findUniqueOrThrow({ where: { businessNumber: "2208137513" } });
    expect([org.kind, org.status, org.statusChangedById]).toEqual(["cost_agency", "active", monitor.userId]);
    // the business number is unique like any organisation's
    await expect(
      registerExpertOrganization(monitor, {
        kind: "evaluator",
        name: "중복",
        businessNumber: "2208137513",
        representative: null,
        region: "경기도",
        address: "경기도",
        email: "x@example.kr",
      }),
    ).rejects.toMatchObject({ code: "business_number_taken" });
    // only TP staff register
    await expect(
      registerExpertOrganization(maker1, {
        kind: "evaluator",
        name: "몰래",
        businessNumber: "1238137513",
        representative: null,
        region: "경기도",
        address: "경기도",
        email: "y@example.kr",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const link = async (email: string) => {
      const mail = await prisma.outboxMail.findFirstOrThrow({ where: { toEmail: email, kind: "invitation" }, orderBy: { createdAt: "desc" } });
      return /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1];
    };
    const PASSWORD = "맑은하늘-7월의-바다-9";
    const { userId } = await acceptInvitation(await link("agency.admin@example.kr"), {
      name: "원가관리자",
      phone: "010-1111-2222",
      password: PASSWORD,
    });
    const admin = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect([admin.role, admin.isAdmin, admin.organizationId]).toEqual(["cost_agency", true, org.id]);
    await inviteMember(await actorFor(admin.email), { email: "agency.colleague@example.kr", makeAdmin: false });
    const token = await prisma.emailToken.findFirstOrThrow({ where: { email: "agency.colleague@example.kr", purpose: "invitation" } });
    expect([token.role, token.organizationId, token.makeAdmin]).toEqual(["cost_agency", org.id, false]);
  });

  it("sign-up offers neither kind", () => {
    for (const kind of ["evaluator", "cost_agency"]) {
      const parsed = SignUpSchema.safeParse({ kind });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues.some((i) => i.path[0] === "kind")).toBe(true);
    }
  });
});
