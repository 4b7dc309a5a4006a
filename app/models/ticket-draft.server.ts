// A new AS ticket as a draft (작성중): created, edited and resumed by the
// manufacturer only. Creating allocates the next AS-<year>-NNNN of the program
// in the same transaction as the ticket, through the change core (createTicket);
// editing goes through changeTicket with the version the user saw.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, sameCompany, type IsoDate } from "~/domain";
import type { RequestedItemDraft, TicketDraftInput } from "~/utils/draft-schema";
import { ForbiddenError } from "./errors.server";
import { visibleTicket } from "./ticket.server";
import { changeTicket, createTicket } from "./workflow.server";

type Tx = Prisma.TransactionClient;

// The form's schema (app/utils/draft-schema.ts) produces exactly this input.
export type { RequestedItemDraft, TicketDraftInput } from "~/utils/draft-schema";

/** The newest program whose intake is open on `today` (rolling intake: no closing date = open). */
export async function currentProgram(today: IsoDate) {
  return prisma.program.findFirst({
    where: { intakeOpensOn: { lte: today }, OR: [{ intakeClosesOn: null }, { intakeClosesOn: { gte: today } }] },
    orderBy: [{ year: "desc" }, { intakeOpensOn: "desc" }, { createdAt: "desc" }],
  });
}

/**
 * What the draft form offers: the company's inventory and the registered suppliers (never the company
 * itself). Only suppliers the Technopark approved (status active): one awaiting approval, refused or
 * deactivated cannot be named (ADR 020).
 */
export async function draftFormOptions(actor: Actor) {
  if (actor.role !== "manufacturer") return null;
  const [company, suppliers] = await Promise.all([
    prisma.organization.findUnique({
      where: { id: actor.organizationId },
      select: {
        id: true,
        businessNumber: true,
        systems: { orderBy: { createdAt: "asc" }, select: { id: true, kind: true, name: true, vendorName: true } },
      },
    }),
    prisma.organization.findMany({
      where: { kind: "supplier", status: "active", id: { not: actor.organizationId } },
      orderBy: { name: "asc" },
      select: { id: true, name: true, businessNumber: true },
    }),
  ]);
  if (!company) return null;
  return {
    systems: company.systems,
    suppliers: suppliers.filter((s) => !sameCompany(company, s)).map(({ id, name }) => ({ id, name })),
  };
}

/** Refuses a supplier that is not a registered, approved supplier or is the company itself, and a system of another company. */
async function checkReferences(tx: Tx, actor: Actor, input: TicketDraftInput) {
  const [company, supplier] = await Promise.all([
    tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { id: true, businessNumber: true } }),
    tx.organization.findFirst({ where: { id: input.supplierId, kind: "supplier" }, select: { id: true, businessNumber: true, status: true } }),
  ]);
  if (!supplier) throw new DomainError("supplier_unknown", "등록된 공급기업을 선택해 주세요.");
  if (supplier.status !== "active") {
    throw new DomainError("supplier_not_approved", "운영기관(테크노파크)의 승인을 받은 공급기업만 선택할 수 있습니다.");
  }
  if (sameCompany(company, supplier)) {
    throw new DomainError("same_company", "도입기업과 공급기업은 같은 회사일 수 없습니다. (공고 5. 유의사항)");
  }
  if (input.targetSystemId) {
    const system = await tx.smartFactorySystem.count({ where: { id: input.targetSystemId, organizationId: actor.organizationId } });
    if (!system) throw new DomainError("system_unknown", "우리 회사 스마트공장 보유 현황에 등록된 시스템을 선택해 주세요.");
  }
}

function itemRows(items: RequestedItemDraft[]) {
  return items.map((item, i) => ({ ...item, sortOrder: i }));
}

function nextNumber(year: number, taken: string | undefined): string {
  const last = taken ? Number(taken.slice(-4)) : 0;
  return `AS-${year}-${String((Number.isFinite(last) ? last : 0) + 1).padStart(4, "0")}`;
}

/** The program year's next AS-<year>-NNNN (a concurrent draft may take it first: the unique index refuses, the caller retries). */
async function takeNumber(tx: Tx, year: number): Promise<string> {
  const last = await tx.ticket.findFirst({
    where: { number: { startsWith: `AS-${year}-` } },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return nextNumber(year, last?.number);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Creates the ticket in state draft with its number, support types and items, through the change
 * core like every other change ("ticket.create": audit event, fresh dashboard counts, a live event
 * that only the manufacturer's organisation receives).
 */
export async function createDraft(actor: Actor, input: TicketDraftInput, today: IsoDate): Promise<{ id: string; number: string }> {
  if (actor.role !== "manufacturer") throw new ForbiddenError("AS 신청은 도입기업만 작성할 수 있습니다.");
  const program = await currentProgram(today);
  if (!program) throw new DomainError("no_open_program", "지금 접수 중인 사업(공고)이 없습니다. 운영기관에 문의해 주세요.");
  for (let attempt = 0; ; attempt++) {
    try {
      let number = "";
      const created = await createTicket(actor, {
        action: "ticket.create",
        create: async (tx) => {
          await checkReferences(tx, actor, input);
          number = await takeNumber(tx, program.year);
          const ticket = await tx.ticket.create({
            data: {
              number,
              programId: program.id,
              manufacturerId: actor.organizationId,
              supplierId: input.supplierId,
              targetSystemId: input.targetSystemId,
              title: input.title,
              problem: input.problem,
              desiredOutcome: input.desiredOutcome,
              state: "draft",
              version: 1,
              supportTypes: { create: input.supportTypes.map((type) => ({ type })) },
              items: { create: itemRows(input.items) },
            },
            select: { id: true },
          });
          return { ticketId: ticket.id, summary: `AS 신청서(${number})를 작성했습니다.` };
        },
      });
      return { id: created.ticketId, number };
    } catch (error) {
      // two drafts created at the same moment took the same number: take the next one
      if (isUniqueViolation(error) && attempt < 3) continue;
      throw error;
    }
  }
}

/** A draft of the actor's own company for the edit form; null when not found, not visible or not the manufacturer's. */
export async function getDraftForEdit(actor: Actor, ticketId: string) {
  if (actor.role !== "manufacturer") return null;
  return prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      id: true,
      number: true,
      state: true,
      version: true,
      title: true,
      problem: true,
      desiredOutcome: true,
      supplierId: true,
      targetSystemId: true,
      supportTypes: { select: { type: true } },
      items: {
        orderBy: { sortOrder: "asc" },
        select: {
          description: true,
          supportType: true,
          quantity: true,
          isStandaloneEquipment: true,
          isOfficeIt: true,
          isRentalOrSubscription: true,
          isPeriodicConsumable: true,
          underWarranty: true,
        },
      },
    },
  });
}

/** Saves an edited draft (manufacturer, state draft, the version the user saw). */
export async function updateDraft(actor: Actor, ticketId: string, expectedVersion: number, input: TicketDraftInput) {
  return changeTicket(actor, {
    ticketId,
    action: "ticket.edit",
    expectedVersion,
    roles: ["manufacturer"],
    states: ["draft"],
    stateMessage: "작성중인 신청서만 수정할 수 있습니다.",
    apply: async (tx, facts) => {
      await checkReferences(tx, actor, input);
      await tx.ticketSupportType.deleteMany({ where: { ticketId: facts.id } });
      await tx.requestedItem.deleteMany({ where: { ticketId: facts.id } });
      await tx.ticketSupportType.createMany({ data: input.supportTypes.map((type) => ({ ticketId: facts.id, type })) });
      await tx.requestedItem.createMany({ data: itemRows(input.items).map((item) => ({ ...item, ticketId: facts.id })) });
      return {
        summary: "AS 신청서(작성중)를 수정했습니다.",
        ticketPatch: {
          supplierId: input.supplierId,
          targetSystemId: input.targetSystemId,
          title: input.title,
          problem: input.problem,
          desiredOutcome: input.desiredOutcome,
        },
      };
    },
  });
}
