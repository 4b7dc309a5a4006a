// The Technopark assigns the external evaluator (외부전문가) and the cost-accounting agency (원가계산기관) per
// ticket (issue 16, item 1; ADR 029). An assignment opens the ticket to the organisation for its step only
// (ticketScope reads the open assignments; app/domain/expert-access.ts the pages); it ends when the TP
// unassigns or re-assigns, when the expert declares a conflict of interest, when its step closes (the TP
// confirms the sheet or the review: H2's code calls endExpertAssignments) or when the ticket closes.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, ROLE_LABELS, STATE_LABELS, isExpertRole, type ExpertRole, josa } from "~/domain";
import { ASSIGNABLE_STATES, EXPERT_TASKS, conflictStatement, type AssignmentEndReason } from "~/domain/expert-access";
import { ConflictError, NotFoundError } from "./errors.server";
import { changeTicket, type Tx } from "./workflow.server";
import { visibleTicket } from "./ticket.server";

const ASSIGNMENT_MISSING = "배정을 찾을 수 없습니다. 이미 종료되었을 수 있습니다.";

/**
 * Ends the open assignments of a ticket (`role`, or every role) inside the caller's transaction: the
 * organisation's access ends with the commit. Called where a ticket closes (`ticket_closed`) and where
 * the TP confirms an expert's result (`step_closed`). Returns how many ended.
 */
export async function endExpertAssignments(tx: Tx, ticketId: string, role: ExpertRole | "all", reason: AssignmentEndReason): Promise<number> {
  const ended = await tx.ticketAssignment.updateMany({
    where: { ticketId, endedAt: null, ...(role === "all" ? {} : { role }) },
    data: { endedAt: new Date(), endReason: reason, version: { increment: 1 } },
  });
  return ended.count;
}

/** The active people of an organisation (the bell of an assignment goes to them). */
async function activeMemberIds(tx: Tx, organizationId: string): Promise<string[]> {
  const rows = await tx.user.findMany({ where: { organizationId, status: "active" }, select: { id: true } });
  return rows.map((r) => r.id);
}

const ASSIGNMENT_SELECT = {
  id: true,
  role: true,
  organizationId: true,
  userId: true,
  assignedAt: true,
  endedAt: true,
  endReason: true,
  conflictDeclaredAt: true,
  conflictStatement: true,
  version: true,
} as const;

/** The TP's 외부전문가 page: the ticket, its assignments (open and ended), and who may be assigned; null for anyone else. */
export async function expertPanel(actor: Actor, ticketId: string) {
  if (actor.role !== "monitor") return null;
  const ticket = await prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: { id: true, number: true, state: true, version: true, assignments: { select: ASSIGNMENT_SELECT, orderBy: { assignedAt: "desc" } } },
  });
  if (!ticket) return null;
  const candidates = await prisma.organization.findMany({
    where: { kind: { in: ["evaluator", "cost_agency"] }, status: "active" },
    select: {
      id: true,
      kind: true,
      name: true,
      users: { where: { status: "active" }, select: { id: true, name: true }, orderBy: { name: "asc" } },
    },
    orderBy: { name: "asc" },
    take: 200,
  });
  const names = await namesOf(ticket.assignments);
  const assignments = ticket.assignments.map((a) => ({
    ...a,
    organizationName: names.organizations.get(a.organizationId) ?? "",
    personName: a.userId ? (names.people.get(a.userId) ?? null) : null,
  }));
  return { ticket: { id: ticket.id, number: ticket.number, state: ticket.state, version: ticket.version }, assignments, candidates };
}

async function namesOf(rows: { organizationId: string; userId: string | null }[]) {
  const [organizations, people] = await Promise.all([
    prisma.organization.findMany({ where: { id: { in: rows.map((r) => r.organizationId) } }, select: { id: true, name: true } }),
    prisma.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.userId ? [r.userId] : [])) } }, select: { id: true, name: true } }),
  ]);
  return { organizations: new Map(organizations.map((o) => [o.id, o.name])), people: new Map(people.map((p) => [p.id, p.name])) };
}

export type AssignInput = { ticketId: string; expectedVersion: number; role: ExpertRole; organizationId: string; userId: string | null };

/** The organisation (and the person, when named) the TP assigns: active, of the role's kind; otherwise a Korean refusal. */
async function assignee(tx: Tx, input: AssignInput) {
  const organization = await tx.organization.findFirst({
    where: { id: input.organizationId, kind: input.role, status: "active" },
    select: { id: true, name: true },
  });
  if (!organization)
    throw new DomainError("expert_missing", `배정할 ${josa(ROLE_LABELS[input.role], "을", "를")} 찾을 수 없습니다. 목록에서 다시 골라 주세요.`);
  if (!input.userId) return { organization, person: null };
  const person = await tx.user.findFirst({
    where: { id: input.userId, organizationId: organization.id, status: "active" },
    select: { id: true, name: true },
  });
  if (!person) throw new DomainError("expert_person_missing", `${organization.name}의 구성원 중에서 담당자를 골라 주세요.`);
  return { organization, person };
}

/**
 * 배정: the TP assigns an active evaluator organisation while the ticket is in 요건검토 or 현장평가, a
 * cost-accounting agency from 지원결정 to 수행계획 보완. At most one open assignment per role: a new one ends
 * the previous (`unassigned`). The assigned organisation's people are told it is their turn.
 */
export async function assignExpert(actor: Actor, input: AssignInput) {
  const states = ASSIGNABLE_STATES[input.role];
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: `expert.${input.role}.assign`,
    expectedVersion: input.expectedVersion,
    roles: ["monitor"],
    states,
    stateMessage: `${josa(ROLE_LABELS[input.role], "은", "는")} ${states.map((s) => STATE_LABELS[s]).join("·")} 단계에서만 배정할 수 있습니다.`,
    apply: async (tx, facts) => {
      const { organization, person } = await assignee(tx, input);
      const replaced = await endExpertAssignments(tx, facts.id, input.role, "unassigned");
      await tx.ticketAssignment.create({
        data: { ticketId: facts.id, organizationId: organization.id, userId: person?.id ?? null, role: input.role, assignedById: actor.userId },
      });
      const who = person ? `${organization.name}(${person.name})` : organization.name;
      return {
        summary: `${ROLE_LABELS[input.role]} ${josa(who, "을", "를")} ${replaced ? "새로 " : ""}배정했습니다.`,
        data: { role: input.role, organizationId: organization.id, userId: person?.id ?? null, replaced },
        notify: await activeMemberIds(tx, organization.id),
        turn: { role: input.role, next: `이해충돌이 없음을 확인(서약)한 뒤 ${josa(EXPERT_TASKS[input.role], "을", "를")} 진행해 주세요.` },
      };
    },
  });
}

/** 배정 해제: the TP ends an open assignment (e.g. the expert cannot come); the organisation's access ends. */
export async function unassignExpert(actor: Actor, input: { ticketId: string; expectedVersion: number; assignmentId: string }) {
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "expert.unassign",
    expectedVersion: input.expectedVersion,
    roles: ["monitor"],
    apply: async (tx, facts) => {
      const open = await tx.ticketAssignment.findFirst({
        where: { id: input.assignmentId, ticketId: facts.id, endedAt: null },
        select: { id: true, role: true, organizationId: true },
      });
      if (!open || !isExpertRole(open.role)) throw new NotFoundError(ASSIGNMENT_MISSING);
      await tx.ticketAssignment.update({
        where: { id: open.id },
        data: { endedAt: new Date(), endReason: "unassigned", version: { increment: 1 } },
      });
      const organization = await tx.organization.findUniqueOrThrow({ where: { id: open.organizationId }, select: { name: true } });
      return {
        summary: `${ROLE_LABELS[open.role]} ${organization.name}의 배정을 해제했습니다.`,
        data: { role: open.role, organizationId: open.organizationId },
      };
    },
  });
}

// ─── The expert's side: the declaration ─────────────────────────────────────

/** The actor's open assignment on the ticket (their organisation, their role), or null. */
export function openAssignmentOf(actor: Actor, ticketId: string) {
  if (!isExpertRole(actor.role)) return Promise.resolve(null);
  return prisma.ticketAssignment.findFirst({
    where: { ticketId, organizationId: actor.organizationId, role: actor.role, endedAt: null },
    select: { id: true, version: true, conflictDeclaredAt: true, conflictStatement: true },
  });
}

/** The declaration page: the exact statement to agree to, and whether it is already made; null for anyone not assigned. */
export async function conflictDeclarationOf(actor: Actor, ticketId: string) {
  if (!isExpertRole(actor.role)) return null;
  const ticket = await prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: { id: true, number: true, manufacturer: { select: { name: true } }, supplier: { select: { name: true } } },
  });
  const assignment = ticket ? await openAssignmentOf(actor, ticket.id) : null;
  if (!ticket || !assignment) return null;
  const statement = conflictStatement(actor.role, {
    number: ticket.number,
    manufacturerName: ticket.manufacturer.name,
    supplierName: ticket.supplier.name,
  });
  return {
    assignmentId: assignment.id,
    version: assignment.version,
    declaredAt: assignment.conflictDeclaredAt,
    statement: assignment.conflictStatement ?? statement,
  };
}

export type DeclarationInput = { ticketId: string; assignmentVersion: number; statement: string; conflict: boolean };

/**
 * The expert's declaration on its open assignment. `conflict: false` records 이해충돌 없음 (who, when, the
 * exact text shown, which must still be the text of now); `conflict: true` ends the assignment
 * (`unassigned`) and tells the Technopark's staff to assign someone else.
 */
export async function declareConflict(actor: Actor, input: DeclarationInput) {
  if (!isExpertRole(actor.role)) throw new NotFoundError();
  const role = actor.role;
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: input.conflict ? `expert.${role}.conflict` : `expert.${role}.declare`,
    roles: [role],
    apply: async (tx, facts) => {
      const open = await tx.ticketAssignment.findFirst({
        where: { ticketId: facts.id, organizationId: actor.organizationId, role, endedAt: null },
        select: { id: true, version: true, conflictDeclaredAt: true },
      });
      if (!open) throw new NotFoundError(ASSIGNMENT_MISSING);
      if (open.version !== input.assignmentVersion || open.conflictDeclaredAt) throw new ConflictError();
      const shown = conflictStatement(role, {
        number: facts.number,
        manufacturerName: facts.manufacturer.name,
        supplierName: facts.supplier.name,
      });
      if (input.statement !== shown) throw new ConflictError("확인 문구가 바뀌었습니다. 새로고침해 바뀐 문구를 확인한 뒤 다시 제출해 주세요.");
      if (input.conflict) return conflictDeclared(tx, actor, role, open.id, facts.program.technoparkId);
      await tx.ticketAssignment.update({
        where: { id: open.id },
        data: { conflictDeclaredAt: new Date(), conflictDeclaredById: actor.userId, conflictStatement: shown, version: { increment: 1 } },
      });
      return {
        summary: `${ROLE_LABELS[role]} ${josa(`${actor.organizationName}(${actor.name})`, "이", "가")} 이해충돌이 없음을 확인했습니다.`,
        data: { assignmentId: open.id, statement: shown },
      };
    },
  });
}

/** A declared conflict: the assignment ends and the TP's staff are told it is their turn to assign someone else. */
async function conflictDeclared(tx: Tx, actor: Actor, role: ExpertRole, assignmentId: string, technoparkId: string) {
  await tx.ticketAssignment.update({
    where: { id: assignmentId },
    data: { endedAt: new Date(), endReason: "unassigned", conflictDeclaredById: actor.userId, version: { increment: 1 } },
  });
  return {
    summary: `${ROLE_LABELS[role]} ${josa(`${actor.organizationName}(${actor.name})`, "이", "가")} 이해관계가 있다고 알려 배정이 종료되었습니다.`,
    data: { assignmentId, conflict: true },
    notify: await activeMemberIds(tx, technoparkId),
    turn: { role: "monitor" as const, next: `다른 ${josa(ROLE_LABELS[role], "을", "를")} 배정해 주세요.` },
  };
}
