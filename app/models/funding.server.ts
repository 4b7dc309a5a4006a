// 사업비 지급 after the agreement (issue 16): the manufacturer deposits its share (기업부담금) with the
// transfer proof and the TP confirms or refuses it; the TP records the payee account (보조금 지급 계좌),
// pays the subsidy in parts (선금/중도금/잔금), each with its evidence and never more than the agreed
// subsidy in total, and declares funding complete (agreed → funded). Every step goes through the
// workflow core; the rules are ~/domain's (assertPayment, shareStatus, paymentTotals).
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  DomainError,
  PAYMENT_KIND_LABELS,
  assertAmount,
  assertPayment,
  formatKRW,
  formatKoreanDate,
  paymentTotals,
  shareStatus,
  type IsoDate,
  type PaymentKind,
} from "~/domain";
import { getTicketAssessment } from "./ticket.server";
import type { StepInput } from "./monitor-steps.server";
import { changeTicket, transitionTicket, type Tx } from "./workflow.server";
import { recordStoredFile, type SavedFile } from "./files.server";
import { fileNamesOf, withSavedUpload } from "./money-uploads.server";

const AGREEMENT_SELECT = {
  agreedCost: true,
  subsidy: true,
  companyShare: true,
  startOn: true,
  endOn: true,
  payeeBank: true,
  payeeAccount: true,
  payeeHolder: true,
} as const;

/** The payment page: the agreement's figures, the deposits and payments with their totals, the actor's steps. */
export async function getFundingData(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const [agreement, deposits, payments] = await Promise.all([
    prisma.agreement.findUnique({ where: { ticketId }, select: AGREEMENT_SELECT }),
    prisma.shareDeposit.findMany({
      where: { ticketId },
      orderBy: { recordedAt: "asc" },
      select: { id: true, amount: true, depositedOn: true, proofFileId: true, note: true, status: true, decisionNote: true },
    }),
    prisma.payment.findMany({
      where: { ticketId },
      orderBy: [{ paidOn: "asc" }, { createdAt: "asc" }],
      select: { id: true, kind: true, amount: true, paidOn: true, note: true, evidenceFileId: true },
    }),
  ]);
  const names = await fileNamesOf([...deposits.map((d) => d.proofFileId), ...payments.map((p) => p.evidenceFileId)]);
  const share = agreement
    ? shareStatus(
        agreement.companyShare,
        deposits.filter((d) => d.status === "confirmed").map((d) => d.amount),
      )
    : null;
  const totals = agreement
    ? paymentTotals(
        agreement.subsidy,
        payments.map((p) => p.amount),
      )
    : null;
  return {
    agreement,
    share,
    totals,
    deposits: deposits.map((d) => ({ ...d, proofName: names.get(d.proofFileId) ?? null })),
    payments: payments.map((p) => ({ ...p, evidenceName: p.evidenceFileId ? (names.get(p.evidenceFileId) ?? null) : null })),
    actions: assessment.actions,
    version: assessment.facts.version,
  };
}

// ─── 기업부담금 ──────────────────────────────────────────────────────────────

export type DepositInput = StepInput & { amount: number; depositedOn: IsoDate; note: string | null };

/** The manufacturer's deposit with its transfer proof (already checked and saved), awaiting the TP. */
export async function recordShareDeposit(actor: Actor, input: DepositInput & { proof: SavedFile }) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "record_share_deposit",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      assertAmount(input.amount, "입금액");
      if (input.amount < 1) throw new DomainError("deposit_zero", "입금액은 1원 이상이어야 합니다.");
      const file = await recordStoredFile(tx, actor, input.proof);
      await tx.shareDeposit.create({
        data: {
          ticketId: facts.id,
          amount: input.amount,
          depositedOn: input.depositedOn,
          proofFileId: file.id,
          note: input.note,
          recordedById: actor.userId,
        },
      });
      return {
        summary: `기업부담금 ${formatKRW(input.amount)} 입금(${formatKoreanDate(input.depositedOn)})을 등록했습니다. 운영기관의 확인을 기다립니다.`,
        data: { amount: input.amount, depositedOn: input.depositedOn },
      };
    },
  });
}

/** Checks and stores the proof, then records the deposit; the stored file is removed again when refused. */
export async function recordShareDepositWithUpload(actor: Actor, input: DepositInput & { upload: File | null }) {
  const { upload, ...rest } = input;
  return withSavedUpload(upload, "이체확인증", (proof) => recordShareDeposit(actor, { ...rest, proof }));
}

/** The TP confirms the awaiting deposit, or refuses it with a reason the manufacturer reads. */
export async function decideShareDeposit(actor: Actor, input: StepInput & { decision: "confirm" | "refuse"; note: string | null }) {
  if (input.decision === "refuse" && !input.note) throw new DomainError("reason_required", "반려 사유를 입력해 주세요.");
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: input.decision === "confirm" ? "confirm_share_deposit" : "refuse_share_deposit",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      const deposit = await tx.shareDeposit.findFirst({
        where: { ticketId: facts.id, status: "submitted" },
        orderBy: { recordedAt: "desc" },
        select: { id: true, amount: true },
      });
      if (!deposit) throw new DomainError("no_deposit_awaiting", "확인할 기업부담금 입금 내역이 없습니다.");
      const status = input.decision === "confirm" ? "confirmed" : "refused";
      await tx.shareDeposit.update({
        where: { id: deposit.id },
        data: { status, decidedById: actor.userId, decidedAt: new Date(), decisionNote: input.note },
      });
      if (status === "refused") {
        return { summary: `기업부담금 입금(${formatKRW(deposit.amount)})을 반려했습니다. 사유: ${input.note}`, data: { reason: input.note } };
      }
      const remaining = await remainingShare(tx, facts.id);
      return {
        summary:
          `기업부담금 입금 ${formatKRW(deposit.amount)}을 확인했습니다.` +
          (remaining > 0 ? ` 남은 기업부담금은 ${formatKRW(remaining)}입니다.` : " 기업부담금 입금이 완료되었습니다."),
        data: { amount: deposit.amount, remaining },
      };
    },
  });
}

/** 기업부담금 still to deposit after the confirmed deposits (read inside the step's transaction). */
async function remainingShare(tx: Tx, ticketId: string): Promise<number> {
  const [agreement, confirmed] = await Promise.all([
    tx.agreement.findUnique({ where: { ticketId }, select: { companyShare: true } }),
    tx.shareDeposit.findMany({ where: { ticketId, status: "confirmed" }, select: { amount: true } }),
  ]);
  return agreement
    ? shareStatus(
        agreement.companyShare,
        confirmed.map((d) => d.amount),
      ).remaining
    : 0;
}

// ─── 보조금 지급 계좌 ────────────────────────────────────────────────────────

export type PayeeInput = { bank: string; account: string; holder: string };

/**
 * The TP records the payee account from the agreement's papers (not the manufacturer: an account that a
 * company could change right before a payment is one the TP would have to check again). Only before the
 * first payment: the payments already made name the account they went to.
 */
export async function recordPayee(actor: Actor, input: Omit<StepInput, "today"> & PayeeInput) {
  return changeTicket(actor, {
    ticketId: input.ticketId,
    action: "funding.payee",
    expectedVersion: input.expectedVersion,
    roles: ["monitor"],
    states: ["agreed"],
    stateMessage: "보조금 지급 계좌는 협약 후 지급 완료 전까지만 등록할 수 있습니다.",
    apply: async (tx, facts) => {
      const paid = await tx.payment.count({ where: { ticketId: facts.id } });
      if (paid > 0) throw new DomainError("payee_locked", "정부지원금 지급이 시작된 뒤에는 지급 계좌를 바꿀 수 없습니다.");
      const updated = await tx.agreement.updateMany({
        where: { ticketId: facts.id },
        data: { payeeBank: input.bank, payeeAccount: input.account, payeeHolder: input.holder },
      });
      if (updated.count !== 1) throw new DomainError("no_agreement", "협약이 없어 지급 계좌를 등록할 수 없습니다.");
      return { summary: `보조금 지급 계좌를 등록했습니다: ${input.bank} ${input.account} (예금주 ${input.holder}).` };
    },
  });
}

// ─── 정부지원금 지급 ─────────────────────────────────────────────────────────

/** The agreed subsidy (null without an agreement) and the payments' amounts so far, read inside the step's transaction. */
async function subsidyAndPayments(tx: Tx, ticketId: string) {
  const [agreement, payments] = await Promise.all([
    tx.agreement.findUnique({ where: { ticketId }, select: { subsidy: true } }),
    tx.payment.findMany({ where: { ticketId }, select: { amount: true } }),
  ]);
  return { subsidy: agreement?.subsidy ?? null, amounts: payments.map((p) => p.amount) };
}

export type PaymentInput = StepInput & { kind: PaymentKind; amount: number; paidOn: IsoDate; note: string | null };

/** One payment of the subsidy with its evidence: the payments together never exceed the agreed subsidy. */
export async function recordPayment(actor: Actor, input: PaymentInput & { evidence: SavedFile }) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "record_payment",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      const { subsidy, amounts } = await subsidyAndPayments(tx, facts.id);
      const paidSoFar = amounts.reduce((sum, a) => sum + a, 0);
      assertPayment(input.amount, subsidy, paidSoFar);
      const file = await recordStoredFile(tx, actor, input.evidence);
      await tx.payment.create({
        data: {
          ticketId: facts.id,
          kind: input.kind,
          amount: input.amount,
          paidOn: input.paidOn,
          note: input.note,
          evidenceFileId: file.id,
          recordedById: actor.userId,
        },
      });
      const total = paidSoFar + input.amount;
      return {
        summary: `정부지원금 ${PAYMENT_KIND_LABELS[input.kind]} ${formatKRW(input.amount)}을 ${formatKoreanDate(input.paidOn)}에 지급했습니다 (지급 누계 ${formatKRW(total)}).`,
        data: { kind: input.kind, amount: input.amount, paidOn: input.paidOn, total },
      };
    },
  });
}

export async function recordPaymentWithUpload(actor: Actor, input: PaymentInput & { upload: File | null }) {
  const { upload, ...rest } = input;
  return withSavedUpload(upload, "지급 증빙", (evidence) => recordPayment(actor, { ...rest, evidence }));
}

/** 사업비 지급 완료: the TP declares funding complete (agreed → funded); the supplier starts the work then. */
export async function completeFunding(actor: Actor, input: StepInput) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "complete_funding",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts) => {
      const { subsidy, amounts } = await subsidyAndPayments(tx, facts.id);
      const totals = paymentTotals(subsidy ?? 0, amounts);
      return {
        summary:
          `사업비 지급을 완료했습니다: 지급 누계 ${formatKRW(totals.paid)} (${amounts.length}회)` +
          (totals.remaining > 0 ? `, 미지급 ${formatKRW(totals.remaining)}.` : "."),
        data: { ...totals, count: amounts.length },
      };
    },
  });
}
