// 정산 (issue 16), between 완료점검 and 완료: both companies upload the evidence of what was spent
// (세금계산서, 이체확인증), the manufacturer enters the actual cost and submits (the subsidy is its to
// manage: CLAUSES.subsidyManagement); a lower actual cost earns the subsidy of the same rule and the
// amount paid beyond it is to be returned (settlementFigures). The TP confirms (→ 완료) or returns it.
// The supplier's purchases of parts from companies outside the agreement are recorded here too, each
// with its proof of full advance payment (CLAUSES.advancePayment); one not paid so is flagged to the TP.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  CLAUSES,
  DomainError,
  SETTLEMENT_EVIDENCE_LABELS,
  formatKRW,
  purchasesNotPaidInAdvance,
  settlementFigures,
  type IsoDate,
  type ProgramParams,
  type SettlementEvidenceKind,
} from "~/domain";
import { getTicketAssessment } from "./ticket.server";
import type { StepInput } from "./monitor-steps.server";
import { changeTicket, transitionTicket, type Tx } from "./workflow.server";
import { recordStoredFile, type SavedFile } from "./files.server";
import { fileNamesOf, withSavedUpload } from "./money-uploads.server";

/** A settlement no longer takes evidence nor figures once submitted (until returned) or confirmed. */
const LOCKED = ["submitted", "confirmed"];

/** The states in which the supplier records its purchases of parts: from the work until the settlement is confirmed. */
const PURCHASE_STATES = ["in_progress", "completion_check", "settlement"] as const;

/** The settlement's money read in one place: the agreement, what was paid, the settlement row. */
async function moneyOf(db: Tx | typeof prisma, ticketId: string) {
  const [agreement, paid, settlement] = await Promise.all([
    db.agreement.findUnique({ where: { ticketId }, select: { agreedCost: true, subsidy: true } }),
    db.payment.aggregate({ where: { ticketId }, _sum: { amount: true } }),
    db.settlement.findUnique({ where: { ticketId } }),
  ]);
  return { agreement, paid: paid._sum.amount ?? 0, settlement };
}

type Money = Awaited<ReturnType<typeof moneyOf>>;

/** The figures of an actual cost against the agreement (null before an actual cost or without an agreement). */
function figuresOf(money: Money, actualCost: number | null | undefined, params: ProgramParams) {
  if (!money.agreement || actualCost === null || actualCost === undefined) return null;
  return settlementFigures(
    { agreedCost: money.agreement.agreedCost, agreedSubsidy: money.agreement.subsidy, actualCost, paid: money.paid },
    params,
  );
}

export async function getSettlementData(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const [money, evidence, purchases] = await Promise.all([
    moneyOf(prisma, ticketId),
    prisma.settlementEvidence.findMany({
      where: { ticketId },
      orderBy: { createdAt: "asc" },
      select: { id: true, kind: true, fileId: true, amount: true, issuedOn: true, uploadedById: true },
    }),
    prisma.partPurchase.findMany({
      where: { ticketId },
      orderBy: { paidOn: "asc" },
      select: {
        id: true,
        vendorName: true,
        vendorBusinessNumber: true,
        description: true,
        amount: true,
        paidOn: true,
        paidInFullInAdvance: true,
        proofFileId: true,
      },
    }),
  ]);
  const names = await fileNamesOf([...evidence.map((e) => e.fileId), ...purchases.map((p) => p.proofFileId)]);
  const s = money.settlement;
  return {
    agreement: money.agreement,
    paid: money.paid,
    settlement: s
      ? { status: s.status, actualCost: s.actualCost, note: s.note, decisionNote: s.decisionNote, subsidy: s.subsidy, refundDue: s.refundDue }
      : null,
    figures: figuresOf(money, s?.actualCost, assessment.params),
    evidence: evidence.map((e) => ({ ...e, fileName: names.get(e.fileId) ?? null })),
    purchases: purchases.map((p) => ({ ...p, fileName: names.get(p.proofFileId) ?? null })),
    flagged: purchasesNotPaidInAdvance(purchases).map((p) => ({ id: p.id, warning: p.warning })),
    clauses: { subsidyManagement: CLAUSES.subsidyManagement, advancePayment: CLAUSES.advancePayment },
    actions: assessment.actions,
    version: assessment.facts.version,
  };
}

/** The settlement row of the ticket, made on first use; refused once it is submitted or confirmed. */
async function openSettlement(tx: Tx, ticketId: string) {
  const settlement = await tx.settlement.upsert({ where: { ticketId }, create: { ticketId }, update: {}, select: { id: true, status: true } });
  if (LOCKED.includes(settlement.status)) {
    throw new DomainError("settlement_locked", "제출된 정산은 운영기관이 보완을 요청하기 전에는 바꿀 수 없습니다.");
  }
  return settlement;
}

// ─── 증빙 ───────────────────────────────────────────────────────────────────

export type EvidenceInput = Omit<StepInput, "today"> & { kind: SettlementEvidenceKind; amount: number | null; issuedOn: IsoDate | null };

/** Either company adds a tax invoice, a transfer receipt or other proof (already checked and saved). */
export async function addSettlementEvidence(actor: Actor, input: EvidenceInput & { file: SavedFile }) {
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "settlement.evidence",
    expectedVersion: input.expectedVersion,
    roles: ["manufacturer", "supplier"],
    states: ["settlement"],
    stateMessage: "정산 증빙은 정산 단계에서만 올릴 수 있습니다.",
    apply: async (tx, facts) => {
      const settlement = await openSettlement(tx, facts.id);
      const file = await recordStoredFile(tx, actor, input.file);
      await tx.settlementEvidence.create({
        data: {
          settlementId: settlement.id,
          ticketId: facts.id,
          kind: input.kind,
          fileId: file.id,
          amount: input.amount,
          issuedOn: input.issuedOn,
          uploadedById: actor.userId,
        },
      });
      const amount = input.amount === null ? "" : ` ${formatKRW(input.amount)}`;
      return { summary: `정산 증빙을 올렸습니다: ${SETTLEMENT_EVIDENCE_LABELS[input.kind]}${amount}.` };
    },
  });
}

export async function addSettlementEvidenceWithUpload(actor: Actor, input: EvidenceInput & { upload: File | null }) {
  const { upload, ...rest } = input;
  return withSavedUpload(upload, "증빙", (file) => addSettlementEvidence(actor, { ...rest, file }));
}

// ─── 제출 / 확인 / 보완 요청 ────────────────────────────────────────────────

/** The manufacturer enters the actual cost and submits; the recomputed subsidy and the return are shown from then on. */
export async function submitSettlement(actor: Actor, input: StepInput & { actualCost: number; note: string | null }) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "submit_settlement",
    expectedVersion: input.expectedVersion,
    today: input.today,
    // the guard (settlementReady) reads the actual cost: it is written first, in the same transaction
    prepare: async (tx, facts) => {
      const settlement = await openSettlement(tx, facts.id);
      await tx.settlement.update({ where: { id: settlement.id }, data: { actualCost: input.actualCost, note: input.note } });
    },
    apply: async (tx, facts, _next, assessment) => {
      const money = await moneyOf(tx, facts.id);
      const figures = figuresOf(money, input.actualCost, assessment.params);
      if (!figures) throw new DomainError("no_agreement", "협약이 없어 정산할 수 없습니다.");
      await tx.settlement.update({
        where: { ticketId: facts.id },
        data: {
          status: "submitted",
          submittedById: actor.userId,
          submittedAt: new Date(),
          subsidy: figures.subsidy,
          refundDue: figures.refundDue,
          version: { increment: 1 },
        },
      });
      return { summary: describeSettlement("정산을 제출했습니다", figures), data: figures };
    },
  });
}

function describeSettlement(
  head: string,
  f: { actualCost: number; subsidy: number; refundDue: number; recomputed: boolean },
  tail: string | null = null,
): string {
  const recomputed = f.recomputed ? ` → 정부지원금 재산정 ${formatKRW(f.subsidy)}` : ` (정부지원금 ${formatKRW(f.subsidy)} 유지)`;
  const refund = f.refundDue > 0 ? `, 반환액 ${formatKRW(f.refundDue)}` : "";
  return `${head}: 실제 사업비 ${formatKRW(f.actualCost)}${recomputed}${refund}.${tail ? ` ${tail}` : ""}`;
}

/** The TP confirms the submitted settlement (→ 완료) with the figures it stands behind, or returns it with a reason. */
export async function decideSettlement(actor: Actor, input: StepInput & { decision: "confirm" | "return"; note: string | null }) {
  if (input.decision === "return" && !input.note) throw new DomainError("reason_required", "보완 요청 사유를 입력해 주세요.");
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: input.decision === "confirm" ? "confirm_settlement" : "return_settlement",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts, _next, assessment) => {
      const decided = { decidedById: actor.userId, decidedAt: new Date(), decisionNote: input.note, version: { increment: 1 } };
      if (input.decision === "return") {
        await tx.settlement.update({ where: { ticketId: facts.id }, data: { status: "returned", ...decided } });
        return { summary: `정산 보완을 요청했습니다. 사유: ${input.note}`, data: { reason: input.note } };
      }
      const money = await moneyOf(tx, facts.id);
      const figures = figuresOf(money, money.settlement?.actualCost, assessment.params);
      if (!figures) throw new DomainError("settlement_incomplete", "실제 사업비가 없는 정산은 확인할 수 없습니다.");
      await tx.settlement.update({
        where: { ticketId: facts.id },
        data: { status: "confirmed", subsidy: figures.subsidy, refundDue: figures.refundDue, ...decided },
      });
      const flagged = purchasesNotPaidInAdvance(await tx.partPurchase.findMany({ where: { ticketId: facts.id } }));
      return {
        summary: describeSettlement(
          "정산을 확인했습니다",
          figures,
          flagged.length ? `선금 완납이 아닌 부품구입 ${flagged.length}건이 있습니다.` : null,
        ),
        ticketPatch: { actualCost: figures.actualCost, settledSubsidy: figures.subsidy, refundDue: figures.refundDue },
        data: { ...figures, notPaidInAdvance: flagged.length },
      };
    },
  });
}

// ─── 부품구입 (협약 당사자 외 기업) ─────────────────────────────────────────

export type PurchaseInput = Omit<StepInput, "today"> & {
  vendorName: string;
  vendorBusinessNumber: string | null;
  description: string;
  amount: number;
  paidOn: IsoDate;
  paidInFullInAdvance: boolean;
};

/** The supplier records a purchase of parts from a company outside the agreement, with its proof of payment. */
export async function recordPartPurchase(actor: Actor, input: PurchaseInput & { proof: SavedFile }) {
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "settlement.part_purchase",
    expectedVersion: input.expectedVersion,
    roles: ["supplier"],
    states: PURCHASE_STATES,
    stateMessage: "부품구입 내역은 과제수행부터 정산까지 기록할 수 있습니다.",
    apply: async (tx, facts) => {
      if (facts.state === "settlement") await openSettlement(tx, facts.id);
      const file = await recordStoredFile(tx, actor, input.proof);
      await tx.partPurchase.create({
        data: {
          ticketId: facts.id,
          vendorName: input.vendorName,
          vendorBusinessNumber: input.vendorBusinessNumber,
          description: input.description,
          amount: input.amount,
          paidOn: input.paidOn,
          paidInFullInAdvance: input.paidInFullInAdvance,
          proofFileId: file.id,
          recordedById: actor.userId,
        },
      });
      const flag = input.paidInFullInAdvance ? "" : ` 선금 완납이 아닙니다 (${CLAUSES.advancePayment}).`;
      return { summary: `부품구입 내역을 기록했습니다: ${input.vendorName} ${formatKRW(input.amount)}.${flag}` };
    },
  });
}

export async function recordPartPurchaseWithUpload(actor: Actor, input: PurchaseInput & { upload: File | null }) {
  const { upload, ...rest } = input;
  return withSavedUpload(upload, "지급 증빙", (proof) => recordPartPurchase(actor, { ...rest, proof }));
}
