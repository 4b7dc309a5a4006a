// 사업기간 연장 (the period change of 사업변경): either company proposes it (request_extension), the
// OTHER company confirms it (confirm_extension) or declines it, then the TP approves or refuses
// (approve_extension / refuse_extension). Guards (one open request, within the program's limit) come
// from the rules module; an approval amends the agreement and writes its next version.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  DomainError,
  ROLE_LABELS,
  assertMayConfirm,
  checkExtension,
  counterpartOf,
  executionWindow,
  extendWindow,
  formatKoreanDate,
  isCompanyRole,
  maxTotalMonths,
  type IsoDate,
} from "~/domain";
import { paramsOf } from "./program.server";
import type { StepInput } from "./monitor-steps.server";
import { getTicketAssessment, visibleTicket } from "./ticket.server";
import { changeTicket, transitionTicket, type Tx } from "./workflow.server";
import { amendAgreement } from "./change-request.server";

const EXTENSION_SELECT = {
  id: true,
  months: true,
  reason: true,
  status: true,
  requestedByRole: true,
  requestedAt: true,
  counterpartAt: true,
  decidedAt: true,
  decisionNote: true,
  newEndOn: true,
} as const;

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
      extensions: { orderBy: { requestedAt: "desc" }, select: EXTENSION_SELECT },
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
    pending: ticket.extensions.find((e) => e.status === "pending" || e.status === "proposed") ?? null,
  };
}

/**
 * A company proposes a period change; it waits for the other company (status proposed). Refused with the
 * rules module's reason (an open request, beyond the limit, wrong state).
 */
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
        data: {
          ticketId: facts.id,
          months: opts.months,
          reason: opts.reason,
          status: "proposed",
          requestedById: actor.userId,
          requestedByRole: actor.role,
          newEndOn,
        },
        select: { id: true },
      });
      const other = isCompanyRole(actor.role) ? ROLE_LABELS[counterpartOf(actor.role)] : "상대 기업";
      return {
        summary: `사업기간 ${opts.months}개월 연장을 신청했습니다${newEndOn ? ` (승인 시 종료일 ${formatKoreanDate(newEndOn)})` : ""}. ${other}의 확인을 기다립니다.`,
        data: { extensionRequestId: request.id, months: opts.months, newEndOn },
      };
    },
  });
}

async function proposedExtension(tx: Tx, ticketId: string) {
  const proposed = await tx.extensionRequest.findFirst({ where: { ticketId, status: "proposed" }, orderBy: { requestedAt: "desc" } });
  if (!proposed) throw new DomainError("no_proposed_extension", "확인할 연장 제안이 없습니다.");
  return proposed;
}

/** The other company confirms the proposal: it goes to the TP (pending). The proposer itself is refused (assertMayConfirm). */
export async function confirmExtension(actor: Actor, input: StepInput) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "confirm_extension",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      const proposed = await proposedExtension(tx, facts.id);
      assertMayConfirm(proposed.requestedByRole, actor.role);
      await tx.extensionRequest.update({
        where: { id: proposed.id },
        data: { status: "pending", counterpartId: actor.userId, counterpartAt: new Date() },
      });
      return {
        summary: `사업기간 ${proposed.months}개월 연장 제안을 확인했습니다. 운영기관의 승인을 기다립니다.`,
        data: { extensionRequestId: proposed.id, months: proposed.months },
      };
    },
  });
}

/** The other company declines the proposal, with its reason: closed as withdrawn, the period stays. */
export async function declineExtension(actor: Actor, input: StepInput & { note: string }) {
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "extension.decline",
    expectedVersion: input.expectedVersion,
    roles: ["manufacturer", "supplier"],
    states: ["in_progress"],
    today: input.today,
    apply: async (tx, facts) => {
      const proposed = await proposedExtension(tx, facts.id);
      assertMayConfirm(proposed.requestedByRole, actor.role);
      await tx.extensionRequest.update({
        where: { id: proposed.id },
        data: { status: "withdrawn", decidedById: actor.userId, decidedAt: new Date(), decisionNote: input.note },
      });
      return {
        summary: `사업기간 ${proposed.months}개월 연장 제안에 동의하지 않았습니다. 사유: ${input.note}`,
        data: { extensionRequestId: proposed.id },
      };
    },
  });
}

// ─── the TP's decision (moved from monitor-steps.server.ts) ───────────────────

export async function getExtensionData(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const [agreement, requests] = await Promise.all([
    prisma.agreement.findUnique({ where: { ticketId }, select: { startOn: true, baseEndOn: true, endOn: true, extensionMonths: true } }),
    prisma.extensionRequest.findMany({ where: { ticketId }, orderBy: { requestedAt: "desc" }, select: EXTENSION_SELECT }),
  ]);
  const pending = requests.find((r) => r.status === "pending") ?? null;
  let proposedEndOn: IsoDate | null = null;
  let refusal: string | null = null;
  if (agreement && pending) {
    try {
      proposedEndOn = extendWindow(agreement.startOn, agreement.extensionMonths, pending.months, assessment.params).endOn;
    } catch (e) {
      refusal = e instanceof DomainError ? e.message : null;
    }
  }
  return {
    params: assessment.params,
    agreement,
    requests,
    pending,
    // a proposal the other company has not confirmed yet: shown, not decidable
    proposed: requests.find((r) => r.status === "proposed") ?? null,
    proposedEndOn,
    refusal,
    actions: assessment.actions,
    version: assessment.facts.version,
  };
}

/** The TP approves (the agreement amended, its next version written) or refuses a confirmed extension. */
export async function decideExtension(actor: Actor, input: StepInput & { decision: "approve" | "refuse"; note: string | null }) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: input.decision === "approve" ? "approve_extension" : "refuse_extension",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts, _next, assessment) => {
      const pending = await tx.extensionRequest.findFirst({
        where: { ticketId: facts.id, status: "pending" },
        orderBy: { requestedAt: "desc" },
        select: { id: true, months: true, reason: true },
      });
      if (!pending) throw new DomainError("no_pending_extension", "처리할 연장 신청이 없습니다.");
      if (input.decision === "refuse") {
        await tx.extensionRequest.update({
          where: { id: pending.id },
          data: { status: "refused", decidedById: actor.userId, decidedAt: new Date(), decisionNote: input.note },
        });
        return { summary: `사업기간 연장(${pending.months}개월) 신청을 불승인했습니다.${input.note ? ` 사유: ${input.note}` : ""}` };
      }
      const agreement = await tx.agreement.findUnique({
        where: { ticketId: facts.id },
        select: { id: true, startOn: true, extensionMonths: true },
      });
      if (!agreement) throw new DomainError("no_agreement", "협약이 없어 사업기간을 연장할 수 없습니다.");
      // the rules again (≤ 2 months in total, 6 months at most), inside the transaction
      const window = extendWindow(agreement.startOn, agreement.extensionMonths, pending.months, assessment.params);
      const version = await amendAgreement(tx, actor, facts.id, {
        endOn: window.endOn,
        extensionMonths: window.extensionMonths,
        extensionId: pending.id,
        summary: `사업기간 ${pending.months}개월 연장: ${pending.reason}`,
      });
      await tx.extensionRequest.update({
        where: { id: pending.id },
        data: { status: "approved", decidedById: actor.userId, decidedAt: new Date(), decisionNote: input.note, newEndOn: window.endOn },
      });
      return {
        summary: `사업기간 ${pending.months}개월 연장을 승인했습니다. 종료일은 ${formatKoreanDate(window.endOn)}입니다 (협약 ${version.version}차).`,
        ticketPatch: { windowEndOn: window.endOn },
        data: { months: pending.months, endOn: window.endOn, agreementVersion: version.version },
      };
    },
  });
}
