// A cost review that takes effect after the agreement draft was prepared (issue 16, ADR 031): the same change
// redraws the draft with the new figures and clears the companies' consents, and its summary tells them.
// Its own database: it changes the review the other agreement tests draw on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFor } from "../support/actors";
import type { Actor } from "~/auth/actor";
import { consentAgreement, prepareAgreement } from "~/models/agreement.server";
import { recordCostReview } from "~/models/expert-steps.server";

const TODAY = "2026-11-27";
let monitor: Actor;
let maker: Actor;
let vendor: Actor;
let ticketId: string;
const version = async () => (await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).version;

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  monitor = await actorFor("monitor@demo.kr");
  maker = await actorFor("maker3@demo.kr");
  vendor = await actorFor("vendor2@demo.kr");
  ticketId = (await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0006" } })).id;
});
afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

/** The TP records a review in effect at once, the quote's largest line taking the whole reduction to `verified`. */
async function tpReview(verified: number) {
  const quote = await prisma.quote.findFirstOrThrow({ where: { ticketId }, orderBy: { version: "desc" }, include: { lines: true } });
  const largest = [...quote.lines].sort((a, b) => b.amount - a.amount)[0];
  const lineAmounts = Object.fromEntries(quote.lines.map((l) => [l.id, l.id === largest.id ? l.amount - (quote.total - verified) : l.amount]));
  return recordCostReview(monitor, {
    ticketId,
    expectedVersion: await version(),
    today: TODAY,
    verifiedAmount: verified,
    lineAmounts,
    note: null,
    resultOn: TODAY,
    planChangeRequired: false,
  });
}

describe("a cost review after the draft", () => {
  it("redraws the draft in the same change, clears the consents, and its summary reaches both companies", async () => {
    // the demo's 원가적정성 검토 awaits the agency: the TP enters a result itself, then prepares and one company consents
    await prisma.ticketAssignment.updateMany({ where: { ticketId, endedAt: null }, data: { endedAt: new Date(), endReason: "unassigned" } });
    await tpReview(30_000_000);
    await prepareAgreement(monitor, { ticketId, expectedVersion: await version(), today: TODAY, startOn: TODAY, startReason: null });
    const draft = await prisma.agreementDraft.findUniqueOrThrow({ where: { ticketId } });
    expect(draft).toMatchObject({ agreedCost: 30_000_000, subsidy: 15_000_000 });
    await consentAgreement(maker, { ticketId, today: TODAY, textHash: draft.textHash, ipAddress: "127.0.0.1", userAgent: "vitest" });
    expect(await prisma.agreementConsent.count({ where: { ticketId, clearedAt: null } })).toBe(1);

    const result = await tpReview(25_000_000);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { seq: result.seq } });
    expect(audit.summary).toContain("협약안을 새 검토 결과로 고쳤습니다");
    expect(await prisma.agreementDraft.findUniqueOrThrow({ where: { ticketId } })).toMatchObject({
      agreedCost: 25_000_000,
      subsidy: 12_500_000,
    });
    expect(await prisma.agreementConsent.count({ where: { ticketId, clearedAt: null } })).toBe(0);
    for (const who of [maker, vendor]) {
      expect(await prisma.notification.count({ where: { userId: who.userId, eventSeq: audit.seq } })).toBe(1);
    }
  });
});
