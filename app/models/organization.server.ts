// The manufacturer's company profile (기업 정보) and smart factory inventory.
// Only the actor's own organisation, only for manufacturers; every save is one
// transaction that checks Organization.version, bumps it and writes an
// AuditEvent ("organization.update").
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, normalizeBusinessNumber, isValidBusinessNumber, type EligibilityBasis, type IsoDate } from "~/domain";
import { ConflictError, NotFoundError } from "./errors.server";

type Tx = Prisma.TransactionClient;

import type { SystemKind } from "~/utils/profile-schema";
export { SYSTEM_KINDS, SYSTEM_KIND_LABELS, type SystemKind } from "~/utils/profile-schema";

export const PROFILE_SELECT = {
  id: true,
  kind: true,
  name: true,
  businessNumber: true,
  representative: true,
  address: true,
  region: true,
  phone: true,
  eligibilityBasis: true,
  diffusionCompletionYear: true,
  levelCertificateNumber: true,
  localProgramYear: true,
  freeWarrantyEndsOn: true,
  paidMaintenanceContract: true,
  maintenanceNote: true,
  promisingSmeCertified: true,
  promisingSmeCertNumber: true,
  closedOrSuspended: true,
  taxDelinquent: true,
  sanctioned: true,
  canSelfService: true,
  version: true,
  systems: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      name: true,
      vendorName: true,
      buildYear: true,
      note: true,
      hardware: { orderBy: { name: "asc" }, select: { id: true, name: true, model: true, serialNumber: true } },
    },
  },
} satisfies Prisma.OrganizationSelect;

export type CompanyProfile = Prisma.OrganizationGetPayload<{ select: typeof PROFILE_SELECT }>;

function requireManufacturer(actor: Actor) {
  // Suppliers and monitors have no company profile page: it does not exist for them.
  if (actor.role !== "manufacturer") throw new NotFoundError("페이지를 찾을 수 없습니다.");
}

/** The actor's own company profile with its inventory, or null for non-manufacturers. */
export async function getCompanyProfile(actor: Actor): Promise<CompanyProfile | null> {
  if (actor.role !== "manufacturer") return null;
  return prisma.organization.findFirst({ where: { id: actor.organizationId, kind: "manufacturer" }, select: PROFILE_SELECT });
}

export type ProfileInput = {
  name: string;
  businessNumber: string;
  representative: string | null;
  address: string;
  region: string;
  phone: string | null;
  eligibilityBasis: EligibilityBasis | null;
  diffusionCompletionYear: number | null;
  levelCertificateNumber: string | null;
  localProgramYear: number | null;
  freeWarrantyEndsOn: IsoDate | null;
  paidMaintenanceContract: boolean;
  maintenanceNote: string | null;
  promisingSmeCertified: boolean;
  promisingSmeCertNumber: string | null;
  closedOrSuspended: boolean;
  taxDelinquent: boolean;
  sanctioned: boolean;
  canSelfService: boolean;
};

/**
 * One transaction: checks the version the user saw, bumps it, runs `write`, and
 * records the audit event. A stale version is a ConflictError.
 */
async function changeOrganization(
  actor: Actor,
  expectedVersion: number,
  summary: string,
  write: (tx: Tx, orgId: string) => Promise<unknown>,
  patch: Prisma.OrganizationUpdateManyMutationInput = {},
): Promise<{ version: number }> {
  requireManufacturer(actor);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.organization.updateMany({
      where: { id: actor.organizationId, kind: "manufacturer", version: expectedVersion },
      data: { ...patch, version: { increment: 1 } },
    });
    if (updated.count !== 1) {
      const exists = await tx.organization.count({ where: { id: actor.organizationId, kind: "manufacturer" } });
      if (!exists) throw new NotFoundError("기업 정보를 찾을 수 없습니다.");
      throw new ConflictError();
    }
    await write(tx, actor.organizationId);
    await tx.auditEvent.create({
      data: { ticketId: null, programId: null, actorId: actor.userId, action: "organization.update", summary },
    });
    return { version: expectedVersion + 1 };
  });
}

/** Saves the profile fields. The 사업자등록번호 must pass the official check and be unique. */
export async function updateCompanyProfile(actor: Actor, expectedVersion: number, input: ProfileInput) {
  requireManufacturer(actor);
  if (!isValidBusinessNumber(input.businessNumber)) {
    throw new DomainError("invalid_business_number", "사업자등록번호가 올바르지 않습니다 (검증번호 불일치).");
  }
  const businessNumber = normalizeBusinessNumber(input.businessNumber)!;
  const taken = await prisma.organization.findFirst({
    where: { businessNumber, id: { not: actor.organizationId } },
    select: { id: true },
  });
  if (taken) throw new DomainError("business_number_taken", "이미 다른 기업이 등록한 사업자등록번호입니다.");
  return changeOrganization(actor, expectedVersion, `기업 정보(${input.name})를 수정했습니다.`, async () => undefined, {
    ...input,
    businessNumber,
    // evidence that does not belong to the chosen basis is cleared, so the verdict reads what is shown
    diffusionCompletionYear: input.eligibilityBasis === "diffusion" ? input.diffusionCompletionYear : null,
    levelCertificateNumber: input.eligibilityBasis === "self_built" ? input.levelCertificateNumber : null,
    localProgramYear: input.eligibilityBasis === "local_program" ? input.localProgramYear : null,
    promisingSmeCertNumber: input.promisingSmeCertified ? input.promisingSmeCertNumber : null,
    maintenanceNote: input.maintenanceNote,
  });
}

export type SystemInput = { kind: SystemKind; name: string; vendorName: string | null; buildYear: number | null; note: string | null };
export type HardwareInput = { name: string; model: string | null; serialNumber: string | null };

export async function addSystem(actor: Actor, expectedVersion: number, input: SystemInput) {
  return changeOrganization(actor, expectedVersion, `스마트공장 시스템(${input.kind} · ${input.name})을 등록했습니다.`, (tx, orgId) =>
    tx.smartFactorySystem.create({ data: { ...input, organizationId: orgId } }),
  );
}

async function ownSystem(tx: Tx, orgId: string, systemId: string) {
  const system = await tx.smartFactorySystem.findFirst({ where: { id: systemId, organizationId: orgId }, select: { id: true, name: true } });
  if (!system) throw new NotFoundError("시스템을 찾을 수 없습니다.");
  return system;
}

export async function updateSystem(actor: Actor, expectedVersion: number, systemId: string, input: SystemInput) {
  return changeOrganization(actor, expectedVersion, `스마트공장 시스템(${input.kind} · ${input.name})을 수정했습니다.`, async (tx, orgId) => {
    await ownSystem(tx, orgId, systemId);
    await tx.smartFactorySystem.update({ where: { id: systemId }, data: input });
  });
}

export async function removeSystem(actor: Actor, expectedVersion: number, systemId: string) {
  return changeOrganization(actor, expectedVersion, "스마트공장 시스템을 삭제했습니다.", async (tx, orgId) => {
    const system = await ownSystem(tx, orgId, systemId);
    const used = await tx.ticket.count({ where: { targetSystemId: system.id } });
    if (used > 0) {
      throw new DomainError("system_in_use", `AS 신청 ${used}건의 대상 시스템이라 삭제할 수 없습니다. 내용을 수정해 주세요.`);
    }
    await tx.smartFactorySystem.delete({ where: { id: system.id } });
  });
}

export async function addHardware(actor: Actor, expectedVersion: number, systemId: string, input: HardwareInput) {
  return changeOrganization(actor, expectedVersion, `연동 HW(${input.name})를 등록했습니다.`, async (tx, orgId) => {
    await ownSystem(tx, orgId, systemId);
    await tx.smartFactoryHardware.create({ data: { ...input, systemId } });
  });
}

export async function updateHardware(actor: Actor, expectedVersion: number, hardwareId: string, input: HardwareInput) {
  return changeOrganization(actor, expectedVersion, `연동 HW(${input.name})를 수정했습니다.`, async (tx, orgId) => {
    const hw = await tx.smartFactoryHardware.findFirst({ where: { id: hardwareId, system: { organizationId: orgId } }, select: { id: true } });
    if (!hw) throw new NotFoundError("HW를 찾을 수 없습니다.");
    await tx.smartFactoryHardware.update({ where: { id: hw.id }, data: input });
  });
}

export async function removeHardware(actor: Actor, expectedVersion: number, hardwareId: string) {
  return changeOrganization(actor, expectedVersion, "연동 HW를 삭제했습니다.", async (tx, orgId) => {
    const hw = await tx.smartFactoryHardware.findFirst({ where: { id: hardwareId, system: { organizationId: orgId } }, select: { id: true } });
    if (!hw) throw new NotFoundError("HW를 찾을 수 없습니다.");
    await tx.smartFactoryHardware.delete({ where: { id: hw.id } });
  });
}
