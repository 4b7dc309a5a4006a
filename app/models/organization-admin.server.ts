// The Technopark side of organisations (issue 14, item 3; docs/decisions/021): TP staff approve or refuse
// supplier registrations (a reason on refusal) and deactivate organisations (sessions end, history stays).
//
// Scope, decided here and nowhere else: only monitors of a Technopark, and only
// - suppliers awaiting approval (`pending`): a supplier is not tied to one region (any program's
//   manufacturer may name it), so every Technopark's staff see the queue; the first decision counts,
//   a second one is told it was already decided;
// - manufacturers and suppliers "of their area": located in a region one of the Technopark's programs
//   is for, party to a ticket of one of its programs, or decided by its staff (a supplier it approved
//   stays its own to deactivate, wherever it is located).
// Never a Technopark (a TP cannot deactivate another TP, nor itself). Outside the scope = not found.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { endOrganizationSessions } from "~/auth/revoke.server";
import { enqueueMail } from "~/mail/outbox.server";
import { memberRemovedMail } from "~/mail/templates/member-removed.server";
import { supplierDecisionMail } from "~/mail/templates/supplier-decision.server";
import { securityEvent } from "~/utils/log.server";
import { ORGANIZATION_MISSING } from "~/utils/membership";
import { audit } from "./membership.server";
import { DomainError, josa } from "~/domain";
import { ConflictError, NotFoundError } from "./errors.server";

type Tx = Prisma.TransactionClient;

const ALREADY_DECIDED = "이미 처리된 등록입니다. 화면을 새로고침해 결과를 확인해 주세요.";

function isTechnoparkStaff(actor: Actor): boolean {
  return actor.role === "monitor" && actor.organizationKind === "technopark";
}

/** The organisations the actor's Technopark may act on (see the header), as a Prisma filter; null for anyone else. */
async function scopeOf(actor: Actor): Promise<Prisma.OrganizationWhereInput | null> {
  if (!isTechnoparkStaff(actor)) return null;
  const [programs, staff] = await Promise.all([
    prisma.program.findMany({ where: { technoparkId: actor.organizationId }, select: { id: true, region: true } }),
    prisma.user.findMany({ where: { organizationId: actor.organizationId }, select: { id: true } }),
  ]);
  const programIds = programs.map((p) => p.id);
  const regions = [...new Set(programs.map((p) => p.region))];
  return {
    // the evaluators and cost-accounting agencies it registered (ADR 029) are its own to deactivate too
    kind: { in: ["manufacturer", "supplier", "evaluator", "cost_agency"] },
    OR: [
      { kind: "supplier", status: "pending" },
      { region: { in: regions } },
      { statusChangedById: { in: staff.map((u) => u.id) } },
      { ticketsAsMaker: { some: { programId: { in: programIds } } } },
      { ticketsAsSupplier: { some: { programId: { in: programIds } } } },
    ],
  };
}

const ORG_SELECT = {
  id: true,
  kind: true,
  name: true,
  businessNumber: true,
  representative: true,
  region: true,
  address: true,
  status: true,
  statusReason: true,
  statusChangedAt: true,
  createdAt: true,
  _count: { select: { users: { where: { status: "active" } } } },
} as const;

/** The page of TP staff: supplier registrations to decide, and the organisations of the area; null for anyone else. */
export async function technoparkOrganizations(actor: Actor) {
  const scope = await scopeOf(actor);
  if (!scope) return null;
  const [pending, organizations] = await Promise.all([
    prisma.organization.findMany({
      where: { AND: [scope, { kind: "supplier", status: "pending" }] },
      select: ORG_SELECT,
      orderBy: { createdAt: "asc" },
    }),
    prisma.organization.findMany({
      where: { AND: [scope, { status: { not: "pending" } }] },
      select: ORG_SELECT,
      orderBy: [{ kind: "asc" }, { name: "asc" }],
      take: 500,
    }),
  ]);
  return { pending, organizations };
}

/** One organisation in the actor's scope (for a confirmation page), or null. */
export async function technoparkOrganization(actor: Actor, organizationId: string) {
  const scope = await scopeOf(actor);
  if (!scope) return null;
  return prisma.organization.findFirst({ where: { AND: [scope, { id: organizationId }] }, select: ORG_SELECT });
}

async function inScope(tx: Tx, actor: Actor, organizationId: string, scope: Prisma.OrganizationWhereInput | null) {
  const organization = scope
    ? await tx.organization.findFirst({
        where: { AND: [scope, { id: organizationId }] },
        select: { id: true, name: true, kind: true, status: true },
      })
    : null;
  if (!organization) throw new NotFoundError(ORGANIZATION_MISSING);
  return organization;
}

/** Sets the status if it is still `from` (a concurrent decision changes nothing twice). */
async function moveStatus(tx: Tx, actor: Actor, organizationId: string, from: readonly string[], to: string, reason: string | null) {
  const changed = await tx.organization.updateMany({
    where: { id: organizationId, status: { in: [...from] } },
    data: { status: to, statusReason: reason, statusChangedAt: new Date(), statusChangedById: actor.userId, version: { increment: 1 } },
  });
  if (changed.count !== 1) throw new ConflictError(ALREADY_DECIDED);
}

/** A refusal and a deactivation say why (the organisation reads it in its mail). */
function requireReason(reason: string | null | undefined): string {
  const text = (reason ?? "").trim();
  if (!text) throw new DomainError("reason_required", "사유를 입력해 주세요.");
  return text;
}

function membersOf(tx: Tx, organizationId: string) {
  return tx.user.findMany({
    where: { organizationId, status: { in: ["active", "pending_join"] } },
    select: { id: true, name: true, email: true },
  });
}

/**
 * Approves or refuses a supplier's registration; everyone of the supplier is mailed. A refusal needs a
 * reason and ends the supplier's sessions (it may have signed in to wait for the decision).
 */
export async function decideSupplier(actor: Actor, organizationId: string, decision: { approve: boolean; reason?: string | null }) {
  const scope = await scopeOf(actor);
  const reason = decision.approve ? null : requireReason(decision.reason);
  const supplier = await prisma.$transaction(async (tx) => {
    const org = await inScope(tx, actor, organizationId, scope);
    if (org.kind !== "supplier") throw new NotFoundError(ORGANIZATION_MISSING);
    if (org.status !== "pending") throw new ConflictError(ALREADY_DECIDED);
    await moveStatus(tx, actor, org.id, ["pending"], decision.approve ? "active" : "refused", reason);
    for (const member of await membersOf(tx, org.id)) {
      const content = supplierDecisionMail({
        name: member.name,
        organizationName: org.name,
        technoparkName: actor.organizationName,
        approved: decision.approve,
        reason,
      });
      await enqueueMail(tx, { kind: "supplier_decision", to: { email: member.email, userId: member.id }, organizationId: org.id, content });
    }
    const summary = decision.approve
      ? `${org.name}의 공급기업 등록을 승인했습니다.`
      : `${org.name}의 공급기업 등록을 반려했습니다. 사유: ${reason}`;
    await audit(tx, actor.userId, decision.approve ? "organization.approve" : "organization.refuse", summary, {
      organizationId: org.id,
      reason,
    });
    return org;
  });
  const ended = decision.approve ? 0 : await endOrganizationSessions(supplier.id);
  securityEvent(decision.approve ? "supplier.approved" : "supplier.refused", {
    by: actor.userId,
    technoparkId: actor.organizationId,
    organizationId: supplier.id,
    sessionsEnded: ended,
  });
  return { name: supplier.name };
}

/**
 * Deactivates an organisation of the area: nobody of it can sign in any more, their sessions and sockets
 * end after the commit, each member is mailed with the reason. Tickets, files and audit stay as they were.
 */
export async function deactivateOrganization(actor: Actor, organizationId: string, reason: string) {
  const scope = await scopeOf(actor);
  reason = requireReason(reason);
  const organization = await prisma.$transaction(async (tx) => {
    const org = await inScope(tx, actor, organizationId, scope);
    await moveStatus(tx, actor, org.id, ["active", "pending"], "deactivated", reason);
    for (const member of await membersOf(tx, org.id)) {
      const content = memberRemovedMail({ name: member.name, organizationName: org.name, by: actor.organizationName, reason });
      await enqueueMail(tx, { kind: "member_removed", to: { email: member.email, userId: member.id }, organizationId: org.id, content });
    }
    await audit(tx, actor.userId, "organization.deactivate", `${josa(org.name, "을", "를")} 비활성화했습니다. 사유: ${reason}`, {
      organizationId: org.id,
      reason,
    });
    return org;
  });
  const ended = await endOrganizationSessions(organization.id);
  securityEvent("organization.deactivated", {
    by: actor.userId,
    technoparkId: actor.organizationId,
    organizationId: organization.id,
    sessionsEnded: ended,
  });
  return { name: organization.name };
}
