// 사업변경 against a real, migrated and seeded SQLite file: a period change proposed by either
// company and confirmed by the OTHER one before the TP decides (the proposer is refused, a decline
// closes it), and a scope or cost change whose approval writes a quote version, a plan version and an
// agreement version with the figures by the same rule (50 %, cap); a refusal changes nothing.
import "../support/test-db";
import { beforeAll, describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { confirmExtension, declineExtension, decideExtension, requestExtension } from "~/models/extension-request.server";
import { confirmChange, declineChange, decideChange, getChangesPage, requestChange } from "~/models/change-request.server";
import { DomainError } from "~/domain";

const TODAY = "2026-11-27";
useSeededDatabase(TODAY);

let maker1: Actor;
let vendor1: Actor;
let monitor: Actor;
beforeAll(async () => {
  [maker1, vendor1, monitor] = await Promise.all([actorFor("maker1@demo.kr"), actorFor("vendor1@demo.kr"), actorFor("monitor@demo.kr")]);
});

// AS-2026-0001: 과제수행, maker1 × vendor1, agreed 17,600,000 (subsidy 8,800,000, paid in full)
const t1 = () => prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0001" } });
const step = async () => {
  const t = await t1();
  return { ticketId: t.id, expectedVersion: t.version, today: TODAY };
};
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => "no error",
    (e: unknown) => (e instanceof DomainError ? e.message : String(e)),
  );

describe("period change (연장)", () => {
  it("the supplier proposes, the supplier cannot confirm its own, the manufacturer declines: nothing moves", async () => {
    const before = await prisma.agreement.findUniqueOrThrow({ where: { ticketId: (await t1()).id } });
    await requestExtension(vendor1, { ...(await step()), months: 1, reason: "장비 입고 지연" });
    expect(await prisma.extensionRequest.findFirstOrThrow({ where: { ticketId: before.ticketId } })).toMatchObject({
      status: "proposed",
      requestedByRole: "supplier",
      requestedById: vendor1.userId,
    });
    expect(await reasonOf(confirmExtension(vendor1, await step()))).toBe(
      "변경을 신청한 기업은 스스로 확인할 수 없습니다. 도입기업의 확인을 기다립니다.",
    );
    // the TP cannot decide before the manufacturer has confirmed
    expect(await reasonOf(decideExtension(monitor, { ...(await step()), decision: "approve", note: null }))).toContain(
      "처리할 연장 신청이 없습니다",
    );
    await declineExtension(maker1, { ...(await step()), note: "일정 내 완료 가능" });
    expect(await prisma.extensionRequest.findFirstOrThrow({ where: { ticketId: before.ticketId } })).toMatchObject({
      status: "withdrawn",
      decidedById: maker1.userId,
      decisionNote: "일정 내 완료 가능",
    });
    expect(await prisma.agreement.findUniqueOrThrow({ where: { ticketId: before.ticketId } })).toMatchObject({
      endOn: before.endOn,
      currentVersion: 1,
    });
  });

  it("supplier proposes → manufacturer confirms → TP approves: window end moved, agreement version 2", async () => {
    const t = await t1();
    const agreement = await prisma.agreement.findUniqueOrThrow({ where: { ticketId: t.id } });
    await requestExtension(vendor1, { ...(await step()), months: 2, reason: "부품 수급 지연" });
    await confirmExtension(maker1, await step());
    const pending = await prisma.extensionRequest.findFirstOrThrow({ where: { ticketId: t.id, status: "pending" } });
    expect(pending).toMatchObject({ requestedByRole: "supplier", counterpartId: maker1.userId });
    expect(pending.counterpartAt).not.toBeNull();
    await decideExtension(monitor, { ...(await step()), decision: "approve", note: null });
    const amended = await prisma.agreement.findUniqueOrThrow({ where: { ticketId: t.id } });
    expect(amended).toMatchObject({ extensionMonths: 2, currentVersion: 2 });
    expect(amended.endOn > agreement.endOn).toBe(true);
    expect((await t1()).windowEndOn).toBe(amended.endOn);
    const versions = await prisma.agreementVersion.findMany({ where: { ticketId: t.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.endOn, v.extensionMonths, v.extensionId])).toEqual([
      [1, agreement.endOn, 0, null],
      [2, amended.endOn, 2, pending.id],
    ]);
    // the rules again: 2 months used, a further month is refused at the proposal
    expect(await reasonOf(requestExtension(maker1, { ...(await step()), months: 1, reason: "추가" }))).toContain(
      "최대 2개월까지만 연장할 수 있습니다",
    );
  });
});

describe("scope and cost changes (사업변경)", () => {
  const lines = [
    { kind: "hw_part" as const, description: "DCU-200 통신 모듈", quantity: 2, unitPrice: 2_750_000 },
    { kind: "labour" as const, description: "수집 항목 추가 개발", quantity: 1, unitPrice: 11_000_000 },
    { kind: "hw_part" as const, description: "진동 센서", quantity: 3, unitPrice: 1_000_000 },
  ];

  it("a refused change changes nothing", async () => {
    const t = await t1();
    const [quotes, plans, agreement] = await Promise.all([
      prisma.quote.count({ where: { ticketId: t.id } }),
      prisma.executionPlan.count({ where: { ticketId: t.id } }),
      prisma.agreement.findUniqueOrThrow({ where: { ticketId: t.id } }),
    ]);
    await requestChange(vendor1, { ...(await step()), kind: "cost", reason: "단가 인상", lines, scope: null });
    expect(await reasonOf(confirmChange(vendor1, await step()))).toBe(
      "변경을 신청한 기업은 스스로 확인할 수 없습니다. 도입기업의 확인을 기다립니다.",
    );
    await confirmChange(maker1, await step());
    expect(await reasonOf(decideChange(monitor, { ...(await step()), decision: "refuse", note: null }))).toBe("불승인 사유를 입력해 주세요.");
    await decideChange(monitor, { ...(await step()), decision: "refuse", note: "증액 근거 부족" });
    expect(await prisma.changeRequest.findFirstOrThrow({ where: { ticketId: t.id } })).toMatchObject({
      status: "refused",
      counterpartId: maker1.userId,
      decisionNote: "증액 근거 부족",
      quoteId: null,
    });
    expect(await prisma.quote.count({ where: { ticketId: t.id } })).toBe(quotes);
    expect(await prisma.executionPlan.count({ where: { ticketId: t.id } })).toBe(plans);
    expect(await prisma.agreement.findUniqueOrThrow({ where: { ticketId: t.id } })).toEqual(agreement);
  });

  it("a declined change is closed by the other company", async () => {
    await requestChange(maker1, { ...(await step()), kind: "cost", reason: "감액", lines: lines.slice(0, 1), scope: null });
    expect(await reasonOf(declineChange(maker1, { ...(await step()), note: "x" }))).toContain("스스로 확인할 수 없습니다");
    await declineChange(vendor1, { ...(await step()), note: "감액 불가" });
    const last = await prisma.changeRequest.findFirstOrThrow({ where: { ticketId: (await t1()).id }, orderBy: { requestedAt: "desc" } });
    expect(last).toMatchObject({ status: "withdrawn", decisionNote: "감액 불가" });
  });

  it("a scope change by the manufacturer, confirmed by the supplier, approved by the TP: quote and plan v+1, agreement amended", async () => {
    const t = await t1();
    const [quote, plan, agreement] = await Promise.all([
      prisma.quote.findFirstOrThrow({ where: { ticketId: t.id }, orderBy: { version: "desc" } }),
      prisma.executionPlan.findFirstOrThrow({ where: { ticketId: t.id }, orderBy: { version: "desc" } }),
      prisma.agreement.findUniqueOrThrow({ where: { ticketId: t.id } }),
    ]);
    await requestChange(maker1, { ...(await step()), kind: "scope", reason: "진동 센서 추가", lines, scope: "수집기 교체, 진동 센서 3식 추가" });
    // only one open change at a time
    expect(await reasonOf(requestChange(vendor1, { ...(await step()), kind: "cost", reason: "x", lines, scope: null }))).toContain(
      "처리 중인 사업변경 신청이 있습니다",
    );
    await confirmChange(vendor1, await step());
    const page = await getChangesPage(monitor, t.id, TODAY);
    const open = page!.changes.find((c) => c.open)!;
    expect(open.amounts).toEqual({ agreedCost: 19_500_000, subsidy: 9_750_000, companyShare: 9_750_000, capped: false });
    expect(open.lines.map((l) => l.change)).toEqual(["same", "same", "added", "removed"]);
    await decideChange(monitor, { ...(await step()), decision: "approve", note: "범위 적정" });

    const newQuote = await prisma.quote.findFirstOrThrow({ where: { ticketId: t.id }, orderBy: { version: "desc" }, include: { lines: true } });
    expect(newQuote.version).toBe(quote.version + 1);
    expect(newQuote.total).toBe(19_500_000);
    expect(newQuote.lines).toHaveLength(3);
    const newPlan = await prisma.executionPlan.findFirstOrThrow({ where: { ticketId: t.id }, orderBy: { version: "desc" } });
    expect(newPlan).toMatchObject({
      version: plan.version + 1,
      scope: "수집기 교체, 진동 센서 3식 추가",
      reviewStatus: "accepted",
      staff: plan.staff,
    });
    expect(await prisma.agreement.findUniqueOrThrow({ where: { ticketId: t.id } })).toMatchObject({
      agreedCost: 19_500_000,
      subsidy: 9_750_000,
      companyShare: 9_750_000,
      currentVersion: agreement.currentVersion + 1,
      endOn: agreement.endOn,
    });
    expect(await t1()).toMatchObject({ agreedCost: 19_500_000, subsidy: 9_750_000, companyShare: 9_750_000, quoteTotal: 19_500_000 });
    const version = await prisma.agreementVersion.findFirstOrThrow({ where: { ticketId: t.id }, orderBy: { version: "desc" } });
    expect(version).toMatchObject({
      version: agreement.currentVersion + 1,
      agreedCost: 19_500_000,
      quoteVersion: newQuote.version,
      planVersion: newPlan.version,
      summary: "진동 센서 추가",
    });
    expect(await prisma.changeRequest.findFirstOrThrow({ where: { ticketId: t.id, status: "approved" } })).toMatchObject({
      quoteId: newQuote.id,
      planId: newPlan.id,
    });
  });

  it("a cost increase is approved with the subsidy at the cap; a decrease below what was paid shows what the settlement recovers", async () => {
    const big = [{ kind: "hw_part" as const, description: "설비 교체", quantity: 1, unitPrice: 40_000_000 }];
    await requestChange(vendor1, { ...(await step()), kind: "cost", reason: "설비 교체로 증액", lines: big, scope: null });
    await confirmChange(maker1, await step());
    await decideChange(monitor, { ...(await step()), decision: "approve", note: null });
    const t = await t1();
    expect(t).toMatchObject({ agreedCost: 40_000_000, subsidy: 16_000_000, companyShare: 24_000_000 });

    const small = [{ kind: "sw", description: "설정 변경", quantity: 1, unitPrice: 10_000_000 }] as const;
    await requestChange(maker1, { ...(await step()), kind: "cost", reason: "범위 축소", lines: [...small], scope: null });
    const page = await getChangesPage(maker1, t.id, TODAY);
    // 8,800,000 already paid, the new subsidy 5,000,000: 3,800,000 to recover, not blocked
    expect(page!.subsidyPaid).toBe(8_800_000);
    expect(page!.changes.find((c) => c.open)).toMatchObject({ recover: 3_800_000 });
    await confirmChange(vendor1, await step());
    await decideChange(monitor, { ...(await step()), decision: "approve", note: null });
    expect(await t1()).toMatchObject({ agreedCost: 10_000_000, subsidy: 5_000_000, companyShare: 5_000_000 });
    const versions = await prisma.agreementVersion.count({ where: { ticketId: t.id } });
    expect(versions).toBe(5);
  });
});
