// The money after the agreement (issue 16) against a real, migrated and seeded SQLite file: the share
// deposit before any payment, partial payments never above the subsidy, funding complete, the part
// purchases, the settlement with the notice's figures; and the proof files: downloadable by the
// ticket's parties only, never collected as unused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { DomainError } from "~/domain";
import { collectUnusedFiles, findReadableFile, saveUpload } from "~/models/files.server";
import { transitionTicket } from "~/models/workflow.server";
import { ForbiddenError } from "~/models/errors.server";
import {
  completeFunding,
  decideShareDeposit,
  getFundingData,
  recordPayee,
  recordPayment,
  recordShareDeposit,
  recordShareDepositWithUpload,
} from "~/models/funding.server";
import { addSettlementEvidence, decideSettlement, getSettlementData, recordPartPurchase, submitSettlement } from "~/models/settlement.server";

const TODAY = "2026-11-27";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const pdf = (name = "이체확인증.pdf") => saveUpload(new File([PDF], name, { type: "application/pdf" }));

async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({
    data: { id: `fund-${email}-${Math.random()}`.padEnd(43, "x").slice(0, 43), userId: user.id, expiresAt: new Date(Date.now() + 600_000) },
  });
  const actor = await actorFromSessionId(session.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("expected a refusal");
}

let maker1: Actor, maker2: Actor, vendor1: Actor, vendor2: Actor, monitor: Actor;
let id = "";
const at = async () => ({ ticketId: id, expectedVersion: (await prisma.ticket.findUniqueOrThrow({ where: { id } })).version, today: TODAY });
const state = async () => (await prisma.ticket.findUniqueOrThrow({ where: { id } })).state;

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  [maker1, maker2, vendor1, vendor2, monitor] = await Promise.all(
    ["maker1@demo.kr", "maker2@demo.kr", "vendor1@demo.kr", "vendor2@demo.kr", "monitor@demo.kr"].map(actorFor),
  );
  // AS-2026-0008: agreed 3 days ago at 28,000,000 (quote 30,000,000), subsidy 14,000,000, share 14,000,000; maker2 × vendor2
  id = (await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0008" } })).id;
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("기업부담금 → 분할 지급 → 지급 완료", () => {
  it("refuses a payment before the share deposit is confirmed and the payee account recorded", async () => {
    const early = await refusal(
      recordPayment(monitor, { ...(await at()), kind: "advance", amount: 1, paidOn: TODAY, note: null, evidence: await pdf() }),
    );
    expect(early.reasons).toContain("기업부담금 입금이 확인되기 전에는 정부지원금을 지급할 수 없습니다.");
    expect(early.reasons).toContain("보조금 지급 계좌를 먼저 등록하세요.");
    expect(await prisma.payment.count({ where: { ticketId: id } })).toBe(0);
  });

  it("requires the transfer proof with the deposit", async () => {
    const noFile = await refusal(
      recordShareDepositWithUpload(maker2, { ...(await at()), amount: 14_000_000, depositedOn: TODAY, note: null, upload: null }),
    );
    expect(noFile.message).toBe("이체확인증 파일을 첨부해 주세요.");
  });

  it("counts only confirmed deposits against the share: a refused one, then a short one, then the rest", async () => {
    await recordShareDeposit(maker2, { ...(await at()), amount: 14_000_000, depositedOn: TODAY, note: null, proof: await pdf() });
    await refusal(decideShareDeposit(monitor, { ...(await at()), decision: "refuse", note: null }));
    await decideShareDeposit(monitor, { ...(await at()), decision: "refuse", note: "이체확인증의 예금주가 다릅니다." });
    await recordShareDeposit(maker2, { ...(await at()), amount: 10_000_000, depositedOn: TODAY, note: null, proof: await pdf() });
    // a second deposit while one awaits the TP is refused
    const twice = await refusal(recordShareDeposit(maker2, { ...(await at()), amount: 1, depositedOn: TODAY, note: null, proof: await pdf() }));
    expect(twice.reasons).toContain("확인을 기다리는 기업부담금 입금 내역이 있습니다.");
    await decideShareDeposit(monitor, { ...(await at()), decision: "confirm", note: null });
    let page = await getFundingData(maker2, id, TODAY);
    expect(page!.share).toEqual({ confirmed: 10_000_000, remaining: 4_000_000, covered: false });
    await recordShareDeposit(maker2, { ...(await at()), amount: 4_000_000, depositedOn: TODAY, note: null, proof: await pdf() });
    await decideShareDeposit(monitor, { ...(await at()), decision: "confirm", note: null });
    page = await getFundingData(maker2, id, TODAY);
    expect(page!.share).toEqual({ confirmed: 14_000_000, remaining: 0, covered: true });
    expect(page!.deposits.map((d) => d.status)).toEqual(["refused", "confirmed", "confirmed"]);
  });

  it("lets only the TP record the payee account", async () => {
    await expect(recordPayee(maker2, { ...(await at()), bank: "은행", account: "123456", holder: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await recordPayee(monitor, { ...(await at()), bank: "IBK기업은행", account: "123-456789-01-011", holder: "한성정밀" });
    expect(await prisma.agreement.findUniqueOrThrow({ where: { ticketId: id } })).toMatchObject({ payeeAccount: "123-456789-01-011" });
  });

  it("pays in parts, never more than the subsidy in total, and funds only when the TP says so", async () => {
    await recordPayment(monitor, { ...(await at()), kind: "advance", amount: 7_000_000, paidOn: TODAY, note: null, evidence: await pdf() });
    expect(await state()).toBe("agreed");
    await recordPayment(monitor, { ...(await at()), kind: "balance", amount: 7_000_000, paidOn: TODAY, note: null, evidence: await pdf() });
    const over = await refusal(
      recordPayment(monitor, { ...(await at()), kind: "other", amount: 1, paidOn: TODAY, note: null, evidence: await pdf() }),
    );
    expect(over.code).toBe("payment_over_subsidy");
    expect(over.message).toContain("남은 지급 가능액은 0원입니다.");
    expect(await prisma.payment.count({ where: { ticketId: id } })).toBe(2);
    // the payee account is locked once paying started
    await refusal(recordPayee(monitor, { ...(await at()), bank: "국민은행", account: "999-999999-99", holder: "다른 사람" }));
    const page = await getFundingData(monitor, id, TODAY);
    expect(page!.totals).toEqual({ paid: 14_000_000, remaining: 0 });
    await completeFunding(monitor, await at());
    expect(await state()).toBe("funded");
  });

  it("serves the proofs to the ticket's parties only", async () => {
    const deposit = await prisma.shareDeposit.findFirstOrThrow({ where: { ticketId: id, status: "confirmed" } });
    const payment = await prisma.payment.findFirstOrThrow({ where: { ticketId: id } });
    for (const fileId of [deposit.proofFileId, payment.evidenceFileId!]) {
      for (const reader of [maker2, vendor2, monitor]) expect(await findReadableFile(reader, fileId), reader.email).not.toBeNull();
      for (const stranger of [maker1, vendor1]) expect(await findReadableFile(stranger, fileId), stranger.email).toBeNull();
    }
  });

  it("never collects the proofs as unused files (their tables name the file by id only)", async () => {
    const deposit = await prisma.shareDeposit.findFirstOrThrow({ where: { ticketId: id, status: "confirmed" } });
    const payment = await prisma.payment.findFirstOrThrow({ where: { ticketId: id } });
    await collectUnusedFiles();
    expect(await prisma.storedFile.count({ where: { id: { in: [deposit.proofFileId, payment.evidenceFileId!] } } })).toBe(2);
  });
});

describe("부품구입 and 정산", () => {
  it("records a part purchase from 과제수행 on, flagged when not paid in full in advance", async () => {
    await transitionTicket(vendor2, { ticketId: id, action: "start_work", expectedVersion: (await at()).expectedVersion, today: TODAY });
    const base = { vendorName: "대한센서", vendorBusinessNumber: null, description: "압력 센서 4개", amount: 1_200_000, paidOn: TODAY };
    // the supplier's record: the manufacturer may not write it
    await expect(recordPartPurchase(maker2, { ...(await at()), ...base, paidInFullInAdvance: true, proof: await pdf() })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await recordPartPurchase(vendor2, { ...(await at()), ...base, paidInFullInAdvance: false, proof: await pdf() });
    const page = await getSettlementData(monitor, id, TODAY);
    expect(page!.flagged).toHaveLength(1);
    expect(page!.flagged[0].warning).toContain("선금 완납이 아닌 거래입니다");
  });

  it("settles a lower actual cost with the notice's figures: 26,000,001 → 13,000,000, return 1,000,000", async () => {
    await prisma.ticket.update({ where: { id }, data: { state: "completion_check" } });
    await transitionTicket(monitor, { ticketId: id, action: "pass_completion", expectedVersion: (await at()).expectedVersion, today: TODAY });
    expect(await state()).toBe("settlement");
    // nothing to submit without evidence
    const bare = await refusal(submitSettlement(maker2, { ...(await at()), actualCost: 26_000_001, note: null }));
    expect(bare.reasons).toContain("실제 사업비와 증빙(세금계산서·이체확인증)을 먼저 입력하세요.");
    const evidence = { kind: "tax_invoice" as const, amount: 26_000_001, issuedOn: TODAY };
    await addSettlementEvidence(maker2, { ...(await at()), ...evidence, file: await pdf("세금계산서.pdf") });
    await addSettlementEvidence(vendor2, { ...(await at()), ...evidence, kind: "transfer_receipt", file: await pdf() });
    await submitSettlement(maker2, { ...(await at()), actualCost: 26_000_001, note: null });
    // locked while the TP decides
    await refusal(addSettlementEvidence(vendor2, { ...(await at()), ...evidence, file: await pdf() }));
    let page = await getSettlementData(monitor, id, TODAY);
    expect(page!.figures).toEqual({ actualCost: 26_000_001, subsidy: 13_000_000, refundDue: 1_000_000, recomputed: true });
    // returned with a reason, submitted again, confirmed
    await decideSettlement(monitor, { ...(await at()), decision: "return", note: "이체확인증 금액을 확인해 주세요." });
    await submitSettlement(maker2, { ...(await at()), actualCost: 26_000_001, note: "재제출" });
    await decideSettlement(monitor, { ...(await at()), decision: "confirm", note: null });
    expect(await state()).toBe("completed");
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id } })).toMatchObject({
      actualCost: 26_000_001,
      settledSubsidy: 13_000_000,
      refundDue: 1_000_000,
    });
    page = await getSettlementData(maker2, id, TODAY);
    expect(page!.settlement).toMatchObject({ status: "confirmed", subsidy: 13_000_000, refundDue: 1_000_000 });
    const file = await prisma.settlementEvidence.findFirstOrThrow({ where: { ticketId: id } });
    expect(await findReadableFile(vendor2, file.fileId)).not.toBeNull();
    expect(await findReadableFile(vendor1, file.fileId)).toBeNull();
  });
});

describe("demo data", () => {
  it("funded and later tickets have a confirmed deposit covering the share and payments within the subsidy; completed ones a confirmed settlement", async () => {
    const tickets = await prisma.ticket.findMany({
      where: {
        state: { in: ["funded", "in_progress", "completion_check", "settlement", "completed", "follow_up"] },
        number: { not: "AS-2026-0008" },
      },
      include: { agreement: true, payments: true, shareDeposits: true, settlement: true },
    });
    expect(tickets.length).toBeGreaterThan(0);
    for (const t of tickets) {
      const confirmed = t.shareDeposits.filter((d) => d.status === "confirmed").reduce((s, d) => s + d.amount, 0);
      expect(confirmed, t.number).toBeGreaterThanOrEqual(t.agreement!.companyShare);
      const paid = t.payments.reduce((s, p) => s + p.amount, 0);
      expect(paid, t.number).toBeLessThanOrEqual(t.agreement!.subsidy);
      expect(t.agreement!.payeeAccount, t.number).toBeTruthy();
      if (t.state === "completed") expect(t.settlement?.status, t.number).toBe("confirmed");
    }
  });
});
