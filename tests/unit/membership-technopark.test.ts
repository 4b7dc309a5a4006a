// The Technopark side (issue 14, item 3) against a real, migrated and seeded SQLite file: TP staff decide
// supplier registrations (a reason on refusal) and deactivate organisations of their area — never a
// Technopark, never outside their area; sessions end, history stays.
import "../support/test-db";
import { beforeAll, describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import { hashPassword } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { NotFoundError } from "~/models/errors.server";
import { deactivateOrganization, decideSupplier, technoparkOrganizations } from "~/models/organization-admin.server";

useSeededDatabase();

let monitor: Actor;
let maker1: Actor;
let otherMonitor: Actor;

let serial = 0;
/** An organisation with one confirmed person who is signed in (a session row), as sign-up would leave it. */
async function organization(kind: string, status: string, region = "경기도") {
  serial += 1;
  const org = await prisma.organization.create({
    data: {
      kind,
      status,
      name: `시험기업${serial}`,
      businessNumber: `99900${String(serial).padStart(5, "0")}`,
      address: `${region} 어딘가`,
      region,
    },
  });
  const email = `person${serial}@example.kr`;
  const user = await prisma.user.create({
    data: {
      email,
      name: `담당${serial}`,
      passwordHash: await hashPassword("x"),
      role: kind === "technopark" ? "monitor" : kind,
      organizationId: org.id,
      isAdmin: true,
      emailVerifiedAt: new Date(),
    },
  });
  await prisma.session.create({ data: { id: `s-${email}`.padEnd(43, "x"), userId: user.id, expiresAt: new Date(Date.now() + 60_000) } });
  return { org, user };
}

beforeAll(async () => {
  monitor = await actorFor("monitor@demo.kr");
  maker1 = await actorFor("maker1@demo.kr");
  // another Technopark with a program in another region
  const other = await organization("technopark", "active", "충청북도");
  const program = await prisma.program.findFirstOrThrow();
  const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...copy } = program;
  await prisma.program.create({ data: { ...copy, name: "충북 사업", noticeNumber: "충북-1", technoparkId: other.org.id, region: "충청북도" } });
  otherMonitor = await actorFor(other.user.email);
});

describe("supplier registrations", () => {
  it("TP staff see a pending supplier and approve it; its people are mailed", async () => {
    const { org } = await organization("supplier", "pending", "서울특별시");
    const page = await technoparkOrganizations(monitor);
    expect(page?.pending.map((o) => o.id)).toContain(org.id);
    await decideSupplier(monitor, org.id, { approve: true });
    const after = await prisma.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after).toMatchObject({ status: "active", statusChangedById: monitor.userId });
    expect(await prisma.outboxMail.count({ where: { organizationId: org.id, kind: "supplier_decision" } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "organization.approve", data: { contains: org.id } } })).toBe(1);
    await expect(decideSupplier(monitor, org.id, { approve: false, reason: "늦은 반려" })).rejects.toMatchObject({ status: 409 });
  });

  it("a refusal needs a reason, keeps it, and ends the supplier's sessions", async () => {
    const { org, user } = await organization("supplier", "pending");
    await expect(decideSupplier(monitor, org.id, { approve: false, reason: "  " })).rejects.toMatchObject({ code: "reason_required" });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    await decideSupplier(monitor, org.id, { approve: false, reason: "사업자등록증 불일치" });
    expect(await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({
      status: "refused",
      statusReason: "사업자등록증 불일치",
    });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const mail = await prisma.outboxMail.findFirstOrThrow({ where: { organizationId: org.id, kind: "supplier_decision" } });
    expect(mail.text).toContain("사업자등록증 불일치");
  });

  it("nobody but TP staff decides: a manufacturer and a supplier are refused as not found", async () => {
    const { org } = await organization("supplier", "pending");
    expect(await technoparkOrganizations(maker1)).toBeNull();
    await expect(decideSupplier(maker1, org.id, { approve: true })).rejects.toBeInstanceOf(NotFoundError);
    const vendor1 = await actorFor("vendor1@demo.kr");
    await expect(decideSupplier(vendor1, org.id, { approve: true })).rejects.toBeInstanceOf(NotFoundError);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).status).toBe("pending");
  });
});

describe("deactivation", () => {
  it("a Technopark cannot deactivate another Technopark or itself", async () => {
    await expect(deactivateOrganization(monitor, otherMonitor.organizationId, "시험")).rejects.toBeInstanceOf(NotFoundError);
    await expect(deactivateOrganization(otherMonitor, monitor.organizationId, "시험")).rejects.toBeInstanceOf(NotFoundError);
    await expect(deactivateOrganization(monitor, monitor.organizationId, "시험")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a Technopark cannot deactivate an organisation outside its area", async () => {
    await expect(deactivateOrganization(otherMonitor, maker1.organizationId, "시험")).rejects.toBeInstanceOf(NotFoundError);
    expect((await technoparkOrganizations(otherMonitor))?.organizations.map((o) => o.id)).not.toContain(maker1.organizationId);
  });

  it("deactivating an organisation of the area ends its members' sessions, keeps its tickets and says why", async () => {
    const maker3 = await actorFor("maker3@demo.kr");
    const tickets = await prisma.ticket.count({ where: { manufacturerId: maker3.organizationId } });
    expect((await technoparkOrganizations(monitor))?.organizations.map((o) => o.id)).toContain(maker3.organizationId);
    await expect(deactivateOrganization(monitor, maker3.organizationId, "")).rejects.toMatchObject({ code: "reason_required" });
    await deactivateOrganization(monitor, maker3.organizationId, "휴업");
    expect(await prisma.organization.findUniqueOrThrow({ where: { id: maker3.organizationId } })).toMatchObject({
      status: "deactivated",
      statusReason: "휴업",
    });
    expect(await prisma.session.count({ where: { user: { organizationId: maker3.organizationId } } })).toBe(0);
    expect(await prisma.ticket.count({ where: { manufacturerId: maker3.organizationId } })).toBe(tickets);
    await expect(deactivateOrganization(monitor, maker3.organizationId, "다시")).rejects.toMatchObject({ status: 409 });
  });
});
