// The Technopark's officer in charge of a ticket (담당자, issue 15 item 5; ADR 027). A monitor takes a
// ticket, hands it to a colleague of the same Technopark, or releases it. The change goes through the
// workflow core (changeTicket): one transaction with the AuditEvent `ticket.assign`, the bell (and mail,
// by preference) as "내 차례" for the new officer only, and the live event after the commit.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { CLOSED_STATES, DomainError, TICKET_STATES, dayCount, seoulDate, type IsoDate, type TicketState } from "~/domain";
import { changeTicket, type ChangeResult } from "./workflow.server";
import { ConflictError } from "./errors.server";
import { ticketScope } from "./ticket.server";

/** A person who may be put in charge: an active monitor of the Technopark, address confirmed, organisation active. */
function colleagueWhere(technoparkId: string) {
  return {
    role: "monitor",
    organizationId: technoparkId,
    status: "active",
    emailVerifiedAt: { not: null },
    organization: { status: "active", kind: "technopark" },
  } as const;
}

/** The colleagues a monitor may put in charge (itself included), by name. */
export async function assignableMonitors(actor: Actor): Promise<{ id: string; name: string }[]> {
  if (actor.role !== "monitor") return [];
  return prisma.user.findMany({
    where: colleagueWhere(actor.organizationId),
    orderBy: { name: "asc" },
    take: 200,
    select: { id: true, name: true },
  });
}

/**
 * The props of <AssigneeControl> for a ticket the actor may read (null: not found for this actor): the
 * officer in charge with the day count, and for a monitor its colleagues and itself.
 */
export async function assigneeControlData(actor: Actor, ticketId: string, today: IsoDate) {
  const [ticket, colleagues] = await Promise.all([
    prisma.ticket.findFirst({
      where: { AND: [{ id: ticketId }, ticketScope(actor)] },
      select: { id: true, assignedAt: true, assignee: { select: { id: true, name: true } } },
    }),
    assignableMonitors(actor),
  ]);
  if (!ticket) return null;
  const { assignee, assignedAt } = ticket;
  return {
    ticketId: ticket.id,
    assignee: assignee && assignedAt ? { ...assignee, days: dayCount(seoulDate(assignedAt), today) } : null,
    colleagues,
    meId: actor.role === "monitor" ? actor.userId : null,
  };
}

const OPEN_STATES_MESSAGE = "종료된 과제(반려·미선정·신청철회·선정취소)에는 담당자를 지정할 수 없습니다.";
// every state a Technopark works on: not a draft (not yet its), not closed (nobody acts any more)
const ASSIGNABLE_STATES: readonly TicketState[] = TICKET_STATES.filter(
  (s) => s !== "draft" && !(CLOSED_STATES as readonly string[]).includes(s),
);

export type AssignInput = {
  ticketId: string;
  /** The new officer's user id, or null to release the ticket. */
  assigneeId: string | null;
  /** The officer the form showed (null: nobody): a change made by someone else since is refused, not overwritten. */
  expectedAssigneeId: string | null;
};

/**
 * Puts `assigneeId` in charge of the ticket (or nobody). Monitors only, on their own Technopark's tickets
 * (the ticket scope); the new officer must be an active, confirmed monitor of that same Technopark.
 */
export async function assignTicket(actor: Actor, input: AssignInput): Promise<ChangeResult> {
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "ticket.assign",
    roles: ["monitor"],
    states: ASSIGNABLE_STATES,
    stateMessage: OPEN_STATES_MESSAGE,
    apply: async (tx, facts) => {
      if (facts.assigneeId !== input.expectedAssigneeId) {
        throw new ConflictError("다른 사용자가 먼저 담당자를 바꾸었습니다. 새로고침한 뒤 다시 시도해 주세요.");
      }
      if (input.assigneeId === null) {
        if (facts.assigneeId === null) throw new DomainError("not_assigned", "이 과제에는 담당자가 없습니다.");
        return {
          summary: "담당자 지정을 해제했습니다.",
          ticketPatch: { assigneeId: null, assignedAt: null },
          data: { assigneeId: null },
          notify: [],
        };
      }
      if (input.assigneeId === facts.assigneeId) throw new DomainError("already_assigned", "이미 이 사람이 담당하고 있습니다.");
      const assignee = await tx.user.findFirst({
        where: { id: input.assigneeId, ...colleagueWhere(facts.program.technoparkId) },
        select: { id: true, name: true },
      });
      if (!assignee) throw new DomainError("not_a_colleague", "이 과제의 운영기관 담당자(확인된 활성 계정)만 지정할 수 있습니다.");
      const summary = assignee.id === actor.userId ? `${assignee.name}님이 담당합니다.` : `담당자를 ${assignee.name}님으로 지정했습니다.`;
      return {
        summary,
        ticketPatch: { assigneeId: assignee.id, assignedAt: new Date() },
        data: { assigneeId: assignee.id },
        // the new officer hears of it ("내 차례"); nobody else's bell rings for an internal hand-over
        notify: [assignee.id],
      };
    },
  });
}
