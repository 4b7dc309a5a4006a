// The monitor's steps, dashboard, list and program settings against a real,
// migrated and seeded SQLite file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { DomainError, addDays, isDomainError, type Grade } from "~/domain";
import { ConflictError } from "~/models/errors.server";
import { checkCompletion, decideSupport } from "~/models/monitor-steps.server";
import { consentAgreement, prepareAgreement, signAgreement } from "~/models/agreement.server";
import { recordCostReview, saveEvaluationDraft, submitEvaluation, type SheetInput } from "~/models/expert-steps.server";
import { decideExtension } from "~/models/extension-request.server";
import { DUE_LIST_LIMIT, SUPPLIER_ROWS, getDashboard, programGauge } from "~/models/dashboard.server";
import { invalidateAggregates } from "~/models/aggregate-cache.server";
import { TICKET_FACTS_INCLUDE, assessTicket } from "~/models/ticket-context.server";
import { iterateMonitorTickets, listMonitorTickets, parseListFilters } from "~/models/ticket-list.server";
import { copyProgram, updateProgram } from "~/models/program-settings.server";
import { getTicketAssessment } from "~/models/ticket.server";
import { paramsOf } from "~/models/program.server";
import { completeSheet } from "../support/sheets";

const TODAY = "2026-11-27";
let monitor: Actor;
let maker1: Actor;

async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({
    data: { id: `m-${email}-${Math.random()}`.padEnd(43, "x").slice(0, 43), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
  });
  const actor = await actorFromSessionId(session.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

const byNumber = (number: string) => prisma.ticket.findUniqueOrThrow({ where: { number } });

const passingSheet = (grade: Grade = "fair"): SheetInput => completeSheet("박평가", TODAY, grade);

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  monitor = await actorFor("monitor@demo.kr");
  maker1 = await actorFor("maker1@demo.kr");
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("site evaluation and selection", () => {
  it("submits a sheet, locks it, and refuses selection once capacity is full", async () => {
    const t = await byNumber("AS-2026-0005"); // 현장평가, maker3 (local_program)
    // incomplete sheet: the guard refuses the submission, nothing is written
    const partial = passingSheet();
    delete partial.grades.kpi_management;
    await expect(submitEvaluation(monitor, { ticketId: t.id, expectedVersion: t.version, today: TODAY, sheet: partial })).rejects.toThrow(
      /현장평가표의 모든 항목/,
    );
    expect(await prisma.siteEvaluation.count({ where: { ticketId: t.id } })).toBe(0);

    const saved = await saveEvaluationDraft(monitor, { ticketId: t.id, expectedVersion: t.version, today: TODAY, sheet: partial });
    const submitted = await submitEvaluation(monitor, { ticketId: t.id, expectedVersion: saved.version, today: TODAY, sheet: passingSheet() });
    const ev = await prisma.siteEvaluation.findUniqueOrThrow({ where: { ticketId: t.id } });
    expect(ev).toMatchObject({ totalScore: 60, passed: true, bonusPoints: 0 });
    expect(ev.submittedAt).toBeInstanceOf(Date);
    // locked
    await expect(
      saveEvaluationDraft(monitor, { ticketId: t.id, expectedVersion: submitted.version, today: TODAY, sheet: passingSheet("good") }),
    ).rejects.toThrow("제출된 현장평가표는 수정할 수 없습니다.");
    // stale version
    await expect(
      decideSupport(monitor, { ticketId: t.id, expectedVersion: saved.version, today: TODAY, decision: "select" }),
    ).rejects.toBeInstanceOf(ConflictError);

    // capacity = the places already held → refused with the domain's reason
    const program = await prisma.program.findUniqueOrThrow({ where: { id: t.programId } });
    const gauge = await programGauge(monitor, program.id);
    await prisma.program.update({ where: { id: program.id }, data: { capacity: gauge!.selected } });
    const refused = await decideSupport(monitor, { ticketId: t.id, expectedVersion: submitted.version, today: TODAY, decision: "select" }).catch(
      (e: unknown) => e,
    );
    expect(isDomainError(refused) && (refused as DomainError).reasons).toEqual([
      `지원 규모(${gauge!.selected}개사)가 모두 선정되어 더 선정할 수 없습니다.`,
    ]);
    await prisma.program.update({ where: { id: program.id }, data: { capacity: 64 } });

    await decideSupport(monitor, { ticketId: t.id, expectedVersion: submitted.version, today: TODAY, decision: "select" });
    expect(await byNumber("AS-2026-0005")).toMatchObject({ state: "selected", selectionNoticeOn: TODAY, planDueOn: "2026-12-11" });
  });
});

describe("cost review, agreement and extension", () => {
  it("agrees at the lower verified amount and never extends beyond the limit", async () => {
    let t = await byNumber("AS-2026-0006"); // 원가적정성 검토, quote 34,000,000
    expect(t.quoteTotal).toBe(34_000_000);
    const lines = await prisma.quoteLine.findMany({ where: { quote: { ticketId: t.id } }, orderBy: { sortOrder: "asc" } });
    // per-line amounts that do not add up are refused
    await expect(
      recordCostReview(monitor, {
        ticketId: t.id,
        expectedVersion: t.version,
        today: TODAY,
        verifiedAmount: 30_000_000,
        lineAmounts: { [lines[0].id]: 5_000_000, [lines[1].id]: 20_000_000 },
        note: null,
        resultOn: TODAY,
        planChangeRequired: false,
      }),
    ).rejects.toThrow(/합계/);
    const r = await recordCostReview(monitor, {
      ticketId: t.id,
      expectedVersion: t.version,
      today: TODAY,
      verifiedAmount: 30_000_000,
      lineAmounts: { [lines[0].id]: 5_000_000, [lines[1].id]: 25_000_000 },
      note: "단가 조정",
      resultOn: TODAY,
      planChangeRequired: false,
    });
    expect((await prisma.quoteLine.findUniqueOrThrow({ where: { id: lines[1].id } })).verifiedAmount).toBe(25_000_000);
    // 협약: the TP's draft, both companies' consent to its text, then the conclusion (ADR 031)
    const prepared = await prepareAgreement(monitor, {
      ticketId: t.id,
      expectedVersion: r.version,
      today: TODAY,
      startOn: "2026-12-01",
      startReason: null,
    });
    const { textHash } = await prisma.agreementDraft.findUniqueOrThrow({ where: { ticketId: t.id } });
    for (const email of ["maker3@demo.kr", "vendor2@demo.kr"]) {
      await consentAgreement(await actorFor(email), { ticketId: t.id, today: TODAY, textHash, ipAddress: null, userAgent: null });
    }
    const signed = await signAgreement(monitor, { ticketId: t.id, expectedVersion: prepared.version + 2, today: TODAY });
    t = await byNumber("AS-2026-0006");
    expect(t).toMatchObject({
      state: "agreed",
      agreedCost: 30_000_000,
      subsidy: 15_000_000,
      companyShare: 15_000_000,
      windowEndOn: "2027-03-31",
    });
    expect(await prisma.agreement.findUniqueOrThrow({ where: { ticketId: t.id } })).toMatchObject({
      startOn: "2026-12-01",
      baseEndOn: "2027-03-31",
      endOn: "2027-03-31",
    });

    // in progress with a pending +2 request → approved to 2027-05-31
    await prisma.ticket.update({ where: { id: t.id }, data: { state: "in_progress" } });
    await prisma.extensionRequest.create({ data: { ticketId: t.id, months: 2, reason: "부품 수급 지연", requestedById: monitor.userId } });
    await decideExtension(monitor, { ticketId: t.id, expectedVersion: signed.version, today: TODAY, decision: "approve", note: null });
    t = await byNumber("AS-2026-0006");
    expect(t.windowEndOn).toBe("2027-05-31");
    expect(await prisma.agreement.findUniqueOrThrow({ where: { ticketId: t.id } })).toMatchObject({ endOn: "2027-05-31", extensionMonths: 2 });
    // a third month is refused, the window stays
    await prisma.extensionRequest.create({ data: { ticketId: t.id, months: 1, reason: "추가 연장", requestedById: monitor.userId } });
    await expect(
      decideExtension(monitor, { ticketId: t.id, expectedVersion: t.version, today: TODAY, decision: "approve", note: null }),
    ).rejects.toThrow(/최대 2개월까지만 연장할 수 있습니다/);
    expect((await byNumber("AS-2026-0006")).windowEndOn).toBe("2027-05-31");
  });

  it("refuses to pass a completion check with gaps", async () => {
    const t = await byNumber("AS-2026-0001"); // 과제수행 with an unconfirmed log
    await prisma.ticket.update({ where: { id: t.id }, data: { state: "completion_check" } });
    await expect(
      checkCompletion(monitor, { ticketId: t.id, expectedVersion: t.version, today: TODAY, result: "pass", findings: null }),
    ).rejects.toThrow(/확인하지 않은 작업일지가 1건/);
    expect(await prisma.completionCheck.count({ where: { ticketId: t.id } })).toBe(0);
    await checkCompletion(monitor, { ticketId: t.id, expectedVersion: t.version, today: TODAY, result: "fail", findings: "작업일지 확인 필요" });
    expect(await byNumber("AS-2026-0001")).toMatchObject({ state: "in_progress" });
  });
});

describe("dashboard, list and exports source", () => {
  it("counts per state as the database, gauges as the selection guard", async () => {
    const dashboard = await getDashboard(monitor, parseListFilters(new URLSearchParams()), TODAY);
    const groups = await prisma.ticket.groupBy({ by: ["state"], where: { state: { not: "draft" } }, _count: { _all: true } });
    expect(dashboard.counts).toEqual(Object.fromEntries(groups.map((g) => [g.state, g._count._all])));
    // gauge = what the guard sees for a ticket outside the capacity states (others + nothing)
    const outside = await byNumber("AS-2026-0011");
    const assessment = await getTicketAssessment(monitor, outside.id, TODAY);
    expect(dashboard.gauge).toMatchObject({
      selected: assessment!.context.selectedCount,
      committedSubsidy: assessment!.context.committedSubsidy,
    });
    expect(dashboard.dueSoon.map((d) => d.number)).toContain("AS-2026-0002");
  });

  it("lists the oldest overdue first without crowding out the due-soon list; the list total is the counts' sum", async () => {
    const base = await byNumber("AS-2026-0001");
    // twelve more suppliers, so the breakdown shows SUPPLIER_ROWS and sums up the rest
    const extraSuppliers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        prisma.organization.create({
          data: {
            kind: "supplier",
            name: `공급사 ${i}`,
            businessNumber: `99900000${String(i).padStart(2, "0")}`,
            address: "-",
            region: "경기도",
          },
        }),
      ),
    );
    await prisma.ticket.createMany({
      data: Array.from({ length: DUE_LIST_LIMIT + 10 }, (_, i) => ({
        number: `AS-OD-${String(i).padStart(3, "0")}`,
        programId: base.programId,
        manufacturerId: base.manufacturerId,
        supplierId: i < extraSuppliers.length ? extraSuppliers[i].id : base.supplierId,
        title: `기한 경과 ${i}`,
        problem: "-",
        desiredOutcome: "-",
        state: ["agreed", "funded", "in_progress"][i % 3],
        windowEndOn: addDays(TODAY, -1 - i),
      })),
    });
    // and one whose window (the same clock) ends in three days
    await prisma.ticket.create({
      data: {
        number: "AS-OD-SOON",
        programId: base.programId,
        manufacturerId: base.manufacturerId,
        supplierId: base.supplierId,
        title: "곧 종료",
        problem: "-",
        desiredOutcome: "-",
        state: "in_progress",
        windowEndOn: addDays(TODAY, 3),
      },
    });
    try {
      invalidateAggregates(); // as a committed change would
      const dashboard = await getDashboard(monitor, parseListFilters(new URLSearchParams()), TODAY);
      expect(dashboard.overdue).toHaveLength(DUE_LIST_LIMIT);
      const dues = dashboard.overdue.map((d) => d.dueOn);
      expect(dues).toEqual([...dues].sort());
      expect(dues.every((d) => d < TODAY)).toBe(true);
      expect(dues[0] <= addDays(TODAY, -DUE_LIST_LIMIT - 10)).toBe(true);
      expect(dashboard.overdue.find((d) => d.number === "AS-OD-059")).toMatchObject({
        manufacturer: { name: expect.any(String) },
        supplier: { name: expect.any(String) },
      });
      expect(dashboard.overdue.find((d) => d.number === "AS-OD-059")!.manufacturer.name).not.toBe("—");
      // 60 overdue windows do not push the window ending in three days out of its list
      expect(dashboard.dueSoon.map((d) => d.number)).toEqual(expect.arrayContaining(["AS-OD-SOON", "AS-2026-0002"]));
      expect(dashboard.dueSoon.find((d) => d.number === "AS-OD-SOON")!.dueOn).toBe(addDays(TODAY, 3));
      expect(dashboard.listTotal).toBe(await prisma.ticket.count({ where: { state: { not: "draft" } } }));
      expect(dashboard.suppliers).toHaveLength(SUPPLIER_ROWS);
      const shown = dashboard.suppliers.reduce((sum, s) => sum + s.count, 0);
      expect(dashboard.otherSuppliers).not.toBeNull();
      expect(shown + dashboard.otherSuppliers!.count).toBe(dashboard.listTotal);
      const all = await prisma.ticket.groupBy({ by: ["supplierId"], where: { state: { not: "draft" } }, _count: { _all: true } });
      expect(dashboard.otherSuppliers!.companies).toBe(all.length - SUPPLIER_ROWS);
      expect(Math.min(...dashboard.suppliers.map((s) => s.count))).toBeGreaterThanOrEqual(1);
      const filtered = await getDashboard(monitor, parseListFilters(new URLSearchParams({ state: "in_progress" })), TODAY);
      expect(filtered.listTotal).toBe(await prisma.ticket.count({ where: { state: "in_progress" } }));
    } finally {
      await prisma.ticket.deleteMany({ where: { number: { startsWith: "AS-OD-" } } });
      await prisma.organization.deleteMany({ where: { id: { in: extraSuppliers.map((o) => o.id) } } });
      invalidateAggregates();
    }
  });

  it("draws the buttons from the cached program holding exactly as the guard computes it fresh", async () => {
    const tickets = await prisma.ticket.findMany({ where: { state: { not: "draft" } }, include: TICKET_FACTS_INCLUDE });
    expect(tickets.length).toBeGreaterThan(5);
    for (const facts of tickets) {
      const shown = await getTicketAssessment(monitor, facts.id, TODAY);
      const fresh = await assessTicket(prisma, facts, TODAY); // what transitionTicket computes inside its transaction
      expect({ number: facts.number, ...shown!.context }).toEqual({ number: facts.number, ...fresh.context });
    }
  });

  it("pages by keyset and iterates in batches without gaps or repeats; other Technoparks see nothing", async () => {
    const all = await prisma.ticket.findMany({ where: { state: { not: "draft" } }, orderBy: { number: "desc" }, select: { number: true } });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listMonitorTickets(monitor, { ...parseListFilters(new URLSearchParams()), after }, { pageSize: 3 });
      expect(page.total).toBe(all.length);
      seen.push(...page.rows.map((r) => r.number));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(seen).toEqual(all.map((t) => t.number));
    const batched: string[] = [];
    for await (const batch of iterateMonitorTickets(monitor, parseListFilters(new URLSearchParams("supportType=util_program")), 2)) {
      expect(batch.length).toBeLessThanOrEqual(2);
      batched.push(...batch.map((r) => r.number));
    }
    const utilProgram = await prisma.ticket.count({ where: { state: { not: "draft" }, supportTypes: { some: { type: "util_program" } } } });
    expect(batched).toHaveLength(utilProgram);
    expect(new Set(batched).size).toBe(utilProgram);
    // a manufacturer's "list" through this model is still its own scope
    const makerRows = await listMonitorTickets(maker1, parseListFilters(new URLSearchParams()));
    expect(makerRows.rows.every((r) => r.manufacturer.name === "(주)한빛정밀")).toBe(true);
  });
});

describe("program settings", () => {
  it("validates, locks by version, audits, and copies", async () => {
    const program = await prisma.program.findFirstOrThrow();
    const input = {
      ...paramsOf(program),
      name: program.name,
      year: program.year,
      noticeNumber: program.noticeNumber,
      intakeOpensOn: program.intakeOpensOn,
      intakeClosesOn: null,
    };
    await expect(updateProgram(monitor, program.id, program.version, { ...input, subsidyRateBp: 12_000 })).rejects.toThrow(/100%/);
    await expect(updateProgram(monitor, program.id, program.version, { ...input, intakeClosesOn: "2023-01-01" })).rejects.toThrow(/접수 마감일/);
    const updated = await updateProgram(monitor, program.id, program.version, { ...input, capacity: 70 });
    expect(updated.changes).toEqual({ capacity: [program.capacity, 70] });
    await expect(updateProgram(monitor, program.id, program.version, { ...input, capacity: 80 })).rejects.toBeInstanceOf(ConflictError);
    expect(await prisma.auditEvent.count({ where: { programId: program.id, action: "program.update" } })).toBe(1);
    // a manufacturer cannot touch it: not found
    await expect(updateProgram(maker1, program.id, updated.version, input)).rejects.toThrow("사업을 찾을 수 없습니다.");
    const copy = await copyProgram(monitor, program.id, {
      name: "2025년 AS지원사업",
      year: 2025,
      noticeNumber: "공고 제2025-1호",
      intakeOpensOn: "2025-01-20",
    });
    expect(paramsOf(await prisma.program.findUniqueOrThrow({ where: { id: copy.id } }))).toEqual({ ...paramsOf(program), capacity: 70 });
    await expect(
      copyProgram(monitor, program.id, { name: "중복", year: 2025, noticeNumber: "공고 제2025-1호", intakeOpensOn: "2025-01-20" }),
    ).rejects.toThrow(/공고번호/);
  });
});
