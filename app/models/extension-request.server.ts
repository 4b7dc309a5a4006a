// 사업기간 연장 신청 by the manufacturer: a workflow step (request_extension)
// whose guards (no pending request, within the program's limit) come from the
// rules module; the request row is written in the same transaction.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { checkExtension, executionWindow, extendWindow, formatKoreanDate, maxTotalMonths, type IsoDate } from "~/domain";
import { paramsOf } from "./program.server";
import { visibleTicket } from "./ticket.server";
import { transitionTicket } from "./workflow.server";

/** The extension page's facts for a ticket the actor can read, or null. */
export async function getExtensionPage(actor: Actor, ticketId: string) {
  const ticket = await prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      id: true,
      number: true,
      title: true,
      state: true,
      version: true,
      windowEndOn: true,
      program: true,
      agreement: { select: { startOn: true, baseEndOn: true, endOn: true, extensionMonths: true } },
      extensions: {
        orderBy: { requestedAt: "desc" },
        select: { id: true, months: true, reason: true, status: true, requestedAt: true, decidedAt: true, decisionNote: true, newEndOn: true },
      },
    },
  });
  if (!ticket) return null;
  const params = paramsOf(ticket.program);
  const monthsExtended = ticket.agreement?.extensionMonths ?? 0;
  const current = ticket.agreement ? executionWindow(ticket.agreement.startOn, monthsExtended, params) : null;
  // What each possible request would give, or why the rules refuse it.
  const options = Array.from({ length: params.maxExtensionMonths }, (_, i) => i + 1).map((months) => {
    const check = checkExtension(monthsExtended, months, params);
    return {
      months,
      allowed: check.allowed,
      reasons: check.reasons,
      newEndOn: check.allowed && ticket.agreement ? extendWindow(ticket.agreement.startOn, monthsExtended, months, params).endOn : null,
    };
  });
  const { program: _program, ...rest } = ticket;
  return {
    ticket: rest,
    monthsExtended,
    maxExtensionMonths: params.maxExtensionMonths,
    baseMonths: params.baseMonths,
    maxTotalMonths: maxTotalMonths(params),
    currentEndOn: ticket.agreement?.endOn ?? current?.endOn ?? ticket.windowEndOn,
    maxEndOn: current?.maxEndOn ?? null,
    options,
    pending: ticket.extensions.find((e) => e.status === "pending") ?? null,
  };
}

/** Files a pending extension request; refused with the rules module's reason (pending request, beyond the limit, wrong state). */
export async function requestExtension(
  actor: Actor,
  opts: { ticketId: string; expectedVersion: number; months: number; reason: string; today?: IsoDate },
) {
  return transitionTicket(actor, {
    ticketId: opts.ticketId,
    action: "request_extension",
    expectedVersion: opts.expectedVersion,
    today: opts.today,
    context: { requestedMonths: opts.months },
    apply: async (tx, facts, _next, assessment) => {
      const agreement = await tx.agreement.findUnique({ where: { ticketId: facts.id }, select: { startOn: true, extensionMonths: true } });
      // The guards have already checked the limit; extendWindow refuses it again if not.
      const newEndOn = agreement ? extendWindow(agreement.startOn, agreement.extensionMonths, opts.months, assessment.params).endOn : null;
      const request = await tx.extensionRequest.create({
        data: { ticketId: facts.id, months: opts.months, reason: opts.reason, status: "pending", requestedById: actor.userId, newEndOn },
        select: { id: true },
      });
      return {
        summary: `사업기간 ${opts.months}개월 연장을 신청했습니다${newEndOn ? ` (승인 시 종료일 ${formatKoreanDate(newEndOn)})` : ""}.`,
        data: { extensionRequestId: request.id, months: opts.months, newEndOn },
      };
    },
  });
}
