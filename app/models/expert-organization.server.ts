// The Technopark registers an external evaluator (외부전문가; an individual expert is a one-person
// organisation) or a cost-accounting agency (원가계산기관) and invites its first person as the organisation's
// admin through the invitation flow of the accounts issue (ADR 029). Sign-up never offers these kinds: the
// TP vouches for them. The organisation is the TP's own to deactivate on 기관 관리 (statusChangedById).
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, ORGANIZATION_KIND_LABELS, josa } from "~/domain";
import { normalizeAddress } from "~/mail/outbox.server";
import { securityEvent } from "~/utils/log.server";
import type { ExpertOrganizationInput } from "~/utils/expert-organization-schema";
import { audit, writeInvitation } from "./membership.server";
import { NotFoundError } from "./errors.server";

const BUSINESS_NUMBER_TAKEN = "이미 등록된 사업자등록번호입니다. 같은 기관이면 그 기관의 관리자에게 구성원 초대를 요청해 주세요.";

/** Only the staff of a Technopark register experts; anyone else gets the page's 404. */
export function mayRegisterExperts(actor: Actor): boolean {
  return actor.role === "monitor" && actor.organizationKind === "technopark";
}

/** Registers the organisation (active at once) and invites its first person as admin; the invitation mail goes out with the commit. */
export async function registerExpertOrganization(actor: Actor, input: ExpertOrganizationInput): Promise<{ name: string; email: string }> {
  if (!mayRegisterExperts(actor)) throw new NotFoundError("페이지를 찾을 수 없습니다.");
  const email = normalizeAddress(input.email);
  const organization = await prisma.$transaction(async (tx) => {
    if (await tx.organization.findUnique({ where: { businessNumber: input.businessNumber }, select: { id: true } })) {
      throw new DomainError("business_number_taken", BUSINESS_NUMBER_TAKEN);
    }
    const created = await tx.organization.create({
      data: {
        kind: input.kind,
        name: input.name,
        businessNumber: input.businessNumber,
        representative: input.representative,
        region: input.region,
        address: input.address,
        status: "active",
        statusChangedAt: new Date(),
        statusChangedById: actor.userId,
      },
      select: { id: true, name: true },
    });
    await audit(
      tx,
      actor.userId,
      "organization.register",
      `${josa(created.name, "을", "를")} ${josa(ORGANIZATION_KIND_LABELS[input.kind], "으로", "로")} 등록했습니다.`,
      {
        organizationId: created.id,
        kind: input.kind,
      },
    );
    await writeInvitation(tx, {
      email,
      organizationId: created.id,
      role: input.kind,
      makeAdmin: true,
      inviter: { id: actor.userId, name: actor.name },
    });
    return created;
  });
  securityEvent("organization.registered", {
    by: actor.userId,
    technoparkId: actor.organizationId,
    organizationId: organization.id,
    kind: input.kind,
  });
  securityEvent("invitation.sent", { by: actor.userId, organizationId: organization.id, email, makeAdmin: true });
  return { name: organization.name, email };
}

/** The expert organisations this Technopark registered, newest first, with their people and open invitations. */
export async function registeredExperts(actor: Actor) {
  if (!mayRegisterExperts(actor)) return null;
  const staff = await prisma.user.findMany({ where: { organizationId: actor.organizationId }, select: { id: true } });
  const rows = await prisma.organization.findMany({
    where: { kind: { in: ["evaluator", "cost_agency"] }, statusChangedById: { in: staff.map((s) => s.id) } },
    select: {
      id: true,
      kind: true,
      name: true,
      businessNumber: true,
      status: true,
      createdAt: true,
      _count: { select: { users: { where: { status: "active" } } } },
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows;
}
