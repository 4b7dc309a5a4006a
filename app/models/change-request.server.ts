// 사업변경 (change requests) after the agreement: a company asks to change the scope (items) or the
// cost with the proposed quote lines, the OTHER company confirms, the TP approves or refuses. An
// approval writes a new quote version (and for a scope change a new plan version), amends the
// agreement by the same money rule (amendedAmounts: 50 %, cap) and writes an agreement version.
// Every step goes through the workflow core (one transaction, version check, guards, audit).
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  CHANGE_KIND_LABELS,
  DomainError,
  amendedAmounts,
  assertMayConfirm,
  compareLines,
  describeAmendment,
  formatKRW,
  lineAmount,
  quoteTotal,
  subsidyToRecover,
  type ChangeKind,
  type ComparableLine,
  type IsoDate,
  type QuoteLineKind,
} from "~/domain";
import type { StepInput } from "./monitor-steps.server";
import { getTicketAssessment } from "./ticket.server";
import { changeTicket, transitionTicket, type Tx } from "./workflow.server";
import { PLAN_SELECT, QUOTE_SELECT } from "./selects.server";

export type ProposedLine = { kind: QuoteLineKind; description: string; quantity: number; unitPrice: number };

const OPEN_STATUSES = ["awaiting_counterpart", "pending"];

// ─── agreement versions (shared with the period change) ─────────────────────

type Amendment = {
  endOn?: IsoDate;
  extensionMonths?: number;
  agreedCost?: number;
  subsidy?: number;
  companyShare?: number;
  changeRequestId?: string;
  extensionId?: string;
  summary: string;
};

/**
 * Amends the agreement and writes its next version (Agreement.currentVersion + 1) with the figures as
 * they now stand and the quote and plan versions in force (the latest of each). An agreement concluded
 * before versions were kept gets its version 1 from the agreement as it stood, so the table starts right.
 */
export async function amendAgreement(tx: Tx, actor: Actor, ticketId: string, change: Amendment) {
  const agreement = await tx.agreement.findUnique({
    where: { ticketId },
    include: { versions: { orderBy: { version: "desc" }, take: 1, select: { version: true } } },
  });
  if (!agreement) throw new DomainError("no_agreement", "협약이 없어 변경할 수 없습니다.");
  const { versions, id: agreementId, startOn } = agreement;
  const now = { ...pick(agreement), ...defined(change) };
  if (versions.length === 0) {
    await tx.agreementVersion.create({
      data: { agreementId, ticketId, version: 1, startOn, ...pick(agreement), summary: "협약 체결", createdById: agreement.signedById },
    });
  }
  const version = Math.max(versions[0]?.version ?? 1, agreement.currentVersion) + 1;
  const [quote, plan] = await Promise.all([
    tx.quote.findFirst({ where: { ticketId }, orderBy: { version: "desc" }, select: { version: true } }),
    tx.executionPlan.findFirst({ where: { ticketId }, orderBy: { version: "desc" }, select: { version: true } }),
  ]);
  await tx.agreementVersion.create({
    data: {
      agreementId,
      ticketId,
      version,
      startOn,
      ...now,
      quoteVersion: quote?.version ?? null,
      planVersion: plan?.version ?? null,
      changeRequestId: change.changeRequestId ?? null,
      extensionId: change.extensionId ?? null,
      summary: change.summary,
      createdById: actor.userId,
    },
  });
  await tx.agreement.update({ where: { id: agreementId }, data: { ...now, currentVersion: version } });
  return { version, ...now };
}

function pick(a: { endOn: string; extensionMonths: number; agreedCost: number; subsidy: number; companyShare: number }) {
  return { endOn: a.endOn, extensionMonths: a.extensionMonths, agreedCost: a.agreedCost, subsidy: a.subsidy, companyShare: a.companyShare };
}

function defined(c: Amendment) {
  const { endOn, extensionMonths, agreedCost, subsidy, companyShare } = c;
  return Object.fromEntries(
    Object.entries({ endOn, extensionMonths, agreedCost, subsidy, companyShare }).filter(([, v]) => v !== undefined),
  ) as Partial<ReturnType<typeof pick>>;
}

// ─── the changes page ────────────────────────────────────────────────────────

function parseLines(json: string): ComparableLine[] {
  const rows = JSON.parse(json) as ProposedLine[];
  return rows.map((l) => ({ ...l, amount: lineAmount(l) }));
}

/** The subsidy paid so far (Σ payments): an amended subsidy below it is recovered at the settlement. */
async function paidIn(db: Pick<Tx, "payment">, ticketId: string) {
  const paid = await db.payment.aggregate({ where: { ticketId }, _sum: { amount: true } });
  return paid._sum.amount ?? 0;
}

/** An agreement concluded before versions were kept, shown as its version 1 until a change writes the rows. */
function concludedVersion(a: {
  id: string;
  ticketId: string;
  startOn: string;
  endOn: string;
  extensionMonths: number;
  agreedCost: number;
  subsidy: number;
  companyShare: number;
}) {
  return {
    ...a,
    id: `${a.id}-v1`,
    agreementId: a.id,
    version: 1,
    quoteVersion: null,
    planVersion: null,
    changeRequestId: null,
    extensionId: null,
    summary: "협약 체결",
  };
}

/** The 사업변경 page: agreement versions, change requests with their lines compared, and what an approval would give. */
export async function getChangesPage(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const [agreement, requests, quotes, plan, paid] = await Promise.all([
    prisma.agreement.findUnique({
      where: { ticketId },
      select: {
        id: true,
        ticketId: true,
        startOn: true,
        endOn: true,
        extensionMonths: true,
        agreedCost: true,
        subsidy: true,
        companyShare: true,
        currentVersion: true,
        versions: { orderBy: { version: "asc" } },
      },
    }),
    prisma.changeRequest.findMany({ where: { ticketId }, orderBy: { requestedAt: "desc" } }),
    prisma.quote.findMany({ where: { ticketId }, orderBy: { version: "asc" }, select: QUOTE_SELECT }),
    prisma.executionPlan.findFirst({ where: { ticketId }, orderBy: { version: "desc" }, select: PLAN_SELECT }),
    paidIn(prisma, ticketId),
  ]);
  const latestQuote = quotes.at(-1) ?? null;
  const quoteOf = (id: string | null) => quotes.find((q) => q.id === id) ?? null;
  const changes = requests.map((r) => {
    const proposed = parseLines(r.proposedLines);
    const created = quoteOf(r.quoteId);
    // an approved change compares the quote it replaced with the one it created; an open one, the current quote with its proposal
    const before = created ? (quotes.find((q) => q.version === created.version - 1)?.lines ?? []) : (latestQuote?.lines ?? []);
    const open = OPEN_STATUSES.includes(r.status);
    const amounts = open ? amendedAmounts(r.proposedTotal, assessment.params) : null;
    return {
      ...r,
      proposed,
      lines: compareLines(before, created ? created.lines : proposed),
      quoteVersion: created?.version ?? null,
      amounts,
      recover: amounts ? subsidyToRecover(paid, amounts.subsidy) : 0,
      open,
    };
  });
  return {
    state: assessment.facts.state,
    version: assessment.facts.version,
    actions: assessment.actions,
    params: assessment.params,
    agreement,
    versions: agreement ? (agreement.versions.length ? agreement.versions : [concludedVersion(agreement)]) : [],
    changes,
    latestQuote,
    planScope: plan?.scope ?? "",
    subsidyPaid: paid,
  };
}

// ─── the steps ───────────────────────────────────────────────────────────────

/** A company asks for a scope or cost change; it waits for the other company (awaiting_counterpart). */
export async function requestChange(
  actor: Actor,
  input: StepInput & { kind: ChangeKind; reason: string; lines: ProposedLine[]; scope: string | null },
) {
  if (input.kind === "scope" && !input.scope) throw new DomainError("change_scope_missing", "변경할 사업범위(수행계획서 범위)를 입력해 주세요.");
  // amounts from the rules module (refuses overflow; amendedAmounts below a zero total)
  const total = quoteTotal(input.lines);
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "request_change",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts, _next, assessment) => {
      const amounts = amendedAmounts(total, assessment.params);
      const created = await tx.changeRequest.create({
        data: {
          ticketId: facts.id,
          kind: input.kind,
          requestedById: actor.userId,
          requestedByRole: actor.role,
          reason: input.reason,
          proposedLines: JSON.stringify(input.lines),
          proposedTotal: total,
          proposedScope: input.kind === "scope" ? input.scope : null,
          status: "awaiting_counterpart",
        },
        select: { id: true },
      });
      return {
        summary: `${CHANGE_KIND_LABELS[input.kind]}을 신청했습니다 (변경 후 사업비 ${formatKRW(total)}, 정부지원금 ${formatKRW(amounts.subsidy)}). 상대 기업의 확인을 기다립니다.`,
        data: { changeRequestId: created.id, kind: input.kind, total },
      };
    },
  });
}

async function openChange(tx: Tx, ticketId: string, status: "awaiting_counterpart" | "pending") {
  const change = await tx.changeRequest.findFirst({ where: { ticketId, status }, orderBy: { requestedAt: "desc" } });
  if (!change)
    throw new DomainError("no_open_change", status === "pending" ? "결정할 사업변경 신청이 없습니다." : "확인할 사업변경 신청이 없습니다.");
  return change;
}

/** The other company confirms: the change goes to the TP (pending). The proposer itself is refused. */
export async function confirmChange(actor: Actor, input: StepInput) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "confirm_change",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      const change = await openChange(tx, facts.id, "awaiting_counterpart");
      assertMayConfirm(change.requestedByRole, actor.role);
      await tx.changeRequest.update({
        where: { id: change.id },
        data: { status: "pending", counterpartId: actor.userId, counterpartAt: new Date(), version: { increment: 1 } },
      });
      return {
        summary: `${CHANGE_KIND_LABELS[change.kind as ChangeKind] ?? "사업변경"} 신청을 확인했습니다. 운영기관의 승인을 기다립니다.`,
        data: { changeRequestId: change.id },
      };
    },
  });
}

/** The other company declines (with its reason): the change is closed as withdrawn; nothing else changes. */
export async function declineChange(actor: Actor, input: StepInput & { note: string }) {
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "change.decline",
    expectedVersion: input.expectedVersion,
    roles: ["manufacturer", "supplier"],
    states: ["agreed", "funded", "in_progress"],
    today: input.today,
    apply: async (tx, facts) => {
      const change = await openChange(tx, facts.id, "awaiting_counterpart");
      assertMayConfirm(change.requestedByRole, actor.role);
      await tx.changeRequest.update({
        where: { id: change.id },
        data: { status: "withdrawn", decidedById: actor.userId, decidedAt: new Date(), decisionNote: input.note, version: { increment: 1 } },
      });
      return { summary: `사업변경 신청에 동의하지 않았습니다. 사유: ${input.note}`, data: { changeRequestId: change.id } };
    },
  });
}

/** The TP decides a confirmed change: refused, nothing changes; approved, new quote (and plan) versions and the agreement amended. */
export async function decideChange(actor: Actor, input: StepInput & { decision: "approve" | "refuse"; note: string | null }) {
  if (input.decision === "refuse" && !input.note) throw new DomainError("reason_required", "불승인 사유를 입력해 주세요.");
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: input.decision === "approve" ? "approve_change" : "refuse_change",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts, _next, assessment) => {
      const change = await openChange(tx, facts.id, "pending");
      const decided = { decidedById: actor.userId, decidedAt: new Date(), decisionNote: input.note, version: { increment: 1 } };
      if (input.decision === "refuse") {
        await tx.changeRequest.update({ where: { id: change.id }, data: { status: "refused", ...decided } });
        return { summary: `사업변경 신청을 불승인했습니다. 사유: ${input.note}`, data: { changeRequestId: change.id } };
      }
      const amounts = amendedAmounts(change.proposedTotal, assessment.params);
      const quote = await newQuoteVersion(tx, actor, facts.id, change);
      const plan = change.kind === "scope" ? await newPlanVersion(tx, facts.id, change) : null;
      const before = await tx.agreement.findUniqueOrThrow({
        where: { ticketId: facts.id },
        select: { agreedCost: true, subsidy: true, companyShare: true },
      });
      const figures = { agreedCost: amounts.agreedCost, subsidy: amounts.subsidy, companyShare: amounts.companyShare };
      const recover = subsidyToRecover(await paidIn(tx, facts.id), amounts.subsidy);
      const summary =
        `${CHANGE_KIND_LABELS[change.kind as ChangeKind] ?? "사업변경"}을 승인했습니다: 견적 ${quote.version}차` +
        (plan ? `, 수행계획서 ${plan.version}차` : "") +
        `, ${describeAmendment(before, figures)}.` +
        (recover > 0 ? ` 이미 지급한 정부지원금 중 ${formatKRW(recover)}은 정산 때 환수합니다.` : "");
      const version = await amendAgreement(tx, actor, facts.id, { ...figures, changeRequestId: change.id, summary: change.reason });
      await tx.changeRequest.update({
        where: { id: change.id },
        data: { status: "approved", quoteId: quote.id, planId: plan?.id ?? null, ...decided },
      });
      return {
        summary,
        ticketPatch: { ...figures, quoteTotal: change.proposedTotal },
        data: {
          changeRequestId: change.id,
          agreementVersion: version.version,
          quoteVersion: quote.version,
          planVersion: plan?.version ?? null,
          recover,
        },
      };
    },
  });
}

type OpenChange = Awaited<ReturnType<typeof openChange>>;

async function newQuoteVersion(tx: Tx, actor: Actor, ticketId: string, change: OpenChange) {
  const latest = await tx.quote.findFirst({ where: { ticketId }, orderBy: { version: "desc" }, select: { version: true } });
  const lines = (JSON.parse(change.proposedLines) as ProposedLine[]).map((l, i) => ({ ...l, amount: lineAmount(l), sortOrder: i }));
  return tx.quote.create({
    data: {
      ticketId,
      version: (latest?.version ?? 0) + 1,
      total: change.proposedTotal,
      note: `사업변경 승인 (${change.reason.slice(0, 200)})`,
      createdById: actor.userId,
      lines: { create: lines },
    },
    select: { id: true, version: true },
  });
}

/** A copy of the latest plan with the new scope, accepted (the TP approved the change itself). */
async function newPlanVersion(tx: Tx, ticketId: string, change: OpenChange) {
  const latest = await tx.executionPlan.findFirst({
    where: { ticketId },
    orderBy: { version: "desc" },
    include: { milestones: { orderBy: { sortOrder: "asc" } } },
  });
  if (!latest) throw new DomainError("no_plan", "수행계획서가 없어 사업범위를 변경할 수 없습니다.");
  return tx.executionPlan.create({
    data: {
      ticketId,
      version: latest.version + 1,
      scope: change.proposedScope ?? latest.scope,
      staff: latest.staff,
      dueOn: latest.dueOn,
      isRevision: true,
      reviewStatus: "accepted",
      reviewNote: "사업변경 승인으로 수정된 범위",
      submittedById: change.requestedById,
      milestones: { create: latest.milestones.map(({ title, dueOn, deliverable, sortOrder }) => ({ title, dueOn, deliverable, sortOrder })) },
    },
    select: { id: true, version: true },
  });
}
