// The TP queue (issue 15 item 5, ADR 027) against a real, migrated and seeded SQLite file: the officer in
// charge (take, assign to a colleague, release, every refusal), the queue's filters and columns (내 담당,
// 담당자 없음, 목표 초과 held to app/domain/pending.ts), saved filters per person.
import { describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import { addDays, isDomainError, seoulDate, type TicketState } from "~/domain";
import { ConflictError, ForbiddenError, NotFoundError } from "~/models/errors.server";
import { assignTicket, assigneeControlData } from "~/models/assignee.server";
import { TP_TARGET_CLOCKS, listMonitorTickets, parseListFilters, queueContext } from "~/models/ticket-list.server";
import { SAVED_FILTER_LIMIT, deleteSavedFilter, listSavedFilters, saveFilter } from "~/models/saved-filter.server";
import { getDashboard } from "~/models/dashboard.server";
import { iterateExportRows } from "~/models/export-rows.server";
import { copyProgram, updateProgram } from "~/models/program-settings.server";
import { demoTicketNumber } from "../../prisma/demo-calendar";

// today's date: the exports read the list on the real clock (the other checks pass their day explicitly)
const TODAY = seoulDate(new Date());
useSeededDatabase(TODAY);

const byNumber = (number: string) => prisma.ticket.findUniqueOrThrow({ where: { number } });
const seoul = (date: string) => new Date(`${date}T10:00:00+09:00`);

/** A second monitor of the demo Technopark (or of another one), confirmed and active unless told. */
async function makeMonitor(email: string, opts: { otherTechnopark?: boolean; verified?: boolean } = {}) {
  const demo = await prisma.user.findUniqueOrThrow({ where: { email: "monitor@demo.kr" } });
  let organizationId = demo.organizationId;
  if (opts.otherTechnopark) {
    const org = await prisma.organization.create({
      data: {
        kind: "technopark",
        name: `다른TP ${email}`,
        businessNumber: String(Date.now() + Math.random()).slice(-10),
        address: "-",
        region: "강원도",
      },
    });
    organizationId = org.id;
  }
  return prisma.user.create({
    data: {
      email,
      name: email.split("@")[0],
      role: "monitor",
      organizationId,
      passwordHash: demo.passwordHash,
      emailVerifiedAt: opts.verified === false ? null : new Date(),
    },
  });
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error,
  );
}

describe("officer in charge (담당자)", () => {
  it("a monitor takes a ticket, hands it to a colleague who is told (내 차례), and releases it — audited", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const colleague = await makeMonitor("monitor2@demo.kr");
    const ticket = await byNumber(demoTicketNumber(4, TODAY));
    const versionBefore = ticket.version;

    await assignTicket(monitor, { ticketId: ticket.id, assigneeId: monitor.userId, expectedAssigneeId: null });
    let after = await byNumber(demoTicketNumber(4, TODAY));
    expect(after.assigneeId).toBe(monitor.userId);
    expect(after.assignedAt).not.toBeNull();
    expect(after.version).toBe(versionBefore + 1);
    // taking it oneself rings nobody's bell
    expect(
      await prisma.notification.count({ where: { ticketId: ticket.id, eventSeq: { not: null }, kind: "my_turn", userId: colleague.id } }),
    ).toBe(0);

    const bellBefore = await prisma.notification.count({ where: { ticketId: ticket.id } });
    await assignTicket(monitor, { ticketId: ticket.id, assigneeId: colleague.id, expectedAssigneeId: monitor.userId });
    after = await byNumber(demoTicketNumber(4, TODAY));
    expect(after.assigneeId).toBe(colleague.id);
    const bells = await prisma.notification.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" }, skip: bellBefore });
    expect(bells.map((b) => [b.userId, b.kind])).toEqual([[colleague.id, "my_turn"]]);
    const audits = await prisma.auditEvent.findMany({ where: { ticketId: ticket.id, action: "ticket.assign" }, orderBy: { seq: "asc" } });
    expect(audits.map((a) => a.summary)).toEqual([`${monitor.name}님이 담당합니다.`, "담당자를 monitor2님으로 지정했습니다."]);
    expect(audits.every((a) => a.actorId === monitor.userId)).toBe(true);

    const control = await assigneeControlData(monitor, ticket.id, addDays(TODAY, 2));
    expect(control?.assignee).toMatchObject({ id: colleague.id, name: "monitor2" });
    expect(control?.colleagues.map((c) => c.name)).toEqual(expect.arrayContaining(["monitor2", monitor.name]));

    await assignTicket(monitor, { ticketId: ticket.id, assigneeId: null, expectedAssigneeId: colleague.id });
    after = await byNumber(demoTicketNumber(4, TODAY));
    expect([after.assigneeId, after.assignedAt]).toEqual([null, null]);
  });

  it("shows the day count, the first day being 1", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const ticket = await byNumber(demoTicketNumber(5, TODAY));
    await prisma.ticket.update({ where: { id: ticket.id }, data: { assigneeId: monitor.userId, assignedAt: seoul(addDays(TODAY, -2)) } });
    expect((await assigneeControlData(monitor, ticket.id, TODAY))?.assignee?.days).toBe(3);
    await prisma.ticket.update({ where: { id: ticket.id }, data: { assigneeId: null, assignedAt: null } });
  });

  it("refuses anyone but an active, confirmed monitor of the ticket's own Technopark, in Korean", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const ticket = await byNumber(demoTicketNumber(4, TODAY));
    const foreign = await makeMonitor("other-tp@demo.kr", { otherTechnopark: true });
    const unconfirmed = await makeMonitor("unconfirmed@demo.kr", { verified: false });
    const removed = await makeMonitor("removed@demo.kr");
    await prisma.user.update({ where: { id: removed.id }, data: { status: "removed" } });
    const maker = await prisma.user.findUniqueOrThrow({ where: { email: "maker2@demo.kr" } });
    for (const id of [foreign.id, unconfirmed.id, removed.id, maker.id, "no-such-user"]) {
      const error = await refusal(assignTicket(monitor, { ticketId: ticket.id, assigneeId: id, expectedAssigneeId: null }));
      expect(isDomainError(error) && error.message, id).toBe("이 과제의 운영기관 담당자(확인된 활성 계정)만 지정할 수 있습니다.");
    }
    expect((await byNumber(demoTicketNumber(4, TODAY))).assigneeId).toBeNull();
    expect(await prisma.auditEvent.count({ where: { ticketId: ticket.id, action: "ticket.assign", data: { contains: foreign.id } } })).toBe(0);
  });

  it("refuses other roles, other Technoparks, closed tickets and a stale form", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const maker2 = await actorFor("maker2@demo.kr");
    const ticket = await byNumber(demoTicketNumber(4, TODAY));
    // the manufacturer reads the ticket but may not assign
    expect(await refusal(assignTicket(maker2, { ticketId: ticket.id, assigneeId: maker2.userId, expectedAssigneeId: null }))).toBeInstanceOf(
      ForbiddenError,
    );
    // a monitor of another Technopark does not even see it
    await makeMonitor("outsider@demo.kr", { otherTechnopark: true });
    const outsider = await actorFor("outsider@demo.kr");
    expect(await refusal(assignTicket(outsider, { ticketId: ticket.id, assigneeId: outsider.userId, expectedAssigneeId: null }))).toBeInstanceOf(
      NotFoundError,
    );
    // 미선정: nobody acts any more
    const closed = await byNumber(demoTicketNumber(9, TODAY));
    expect(closed.state).toBe("not_selected");
    const closedError = await refusal(assignTicket(monitor, { ticketId: closed.id, assigneeId: monitor.userId, expectedAssigneeId: null }));
    expect(isDomainError(closedError) && closedError.message).toContain("종료된 과제");
    // someone else took it after the form was opened: not overwritten
    await assignTicket(monitor, { ticketId: ticket.id, assigneeId: monitor.userId, expectedAssigneeId: null });
    const colleague = await prisma.user.findUniqueOrThrow({ where: { email: "monitor2@demo.kr" } });
    expect(await refusal(assignTicket(monitor, { ticketId: ticket.id, assigneeId: colleague.id, expectedAssigneeId: null }))).toBeInstanceOf(
      ConflictError,
    );
    const again = await refusal(assignTicket(monitor, { ticketId: ticket.id, assigneeId: monitor.userId, expectedAssigneeId: monitor.userId }));
    expect(isDomainError(again) && again.message).toBe("이미 이 사람이 담당하고 있습니다.");
    await assignTicket(monitor, { ticketId: ticket.id, assigneeId: null, expectedAssigneeId: monitor.userId });
    const none = await refusal(assignTicket(monitor, { ticketId: ticket.id, assigneeId: null, expectedAssigneeId: null }));
    expect(isDomainError(none) && none.message).toBe("이 과제에는 담당자가 없습니다.");
  });
});

describe("the queue (the monitor's list)", () => {
  const filters = (query: string) => parseListFilters(new URLSearchParams(query));

  it("filters 내 담당 and 담당자 없음, and shows the officer", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const colleague = await actorFor("monitor2@demo.kr");
    const ticket = await byNumber(demoTicketNumber(11, TODAY));
    await assignTicket(monitor, { ticketId: ticket.id, assigneeId: monitor.userId, expectedAssigneeId: null });
    const mine = await listMonitorTickets(monitor, filters("assignee=me"), { total: true });
    expect(mine.rows.map((r) => r.number)).toEqual([demoTicketNumber(11, TODAY)]);
    expect(mine.total).toBe(1);
    expect(mine.rows[0].assignee?.name).toBe(monitor.name);
    // the colleague's 내 담당 is its own, empty; it sees the officer in the full list
    expect((await listMonitorTickets(colleague, filters("assignee=me"))).rows).toEqual([]);
    const all = await listMonitorTickets(colleague, filters(""));
    expect(all.rows.find((r) => r.number === demoTicketNumber(11, TODAY))?.assignee?.name).toBe(monitor.name);
    const nobody = await listMonitorTickets(monitor, filters("assignee=none"));
    expect(nobody.rows.map((r) => r.number)).not.toContain(demoTicketNumber(11, TODAY));
    expect(nobody.rows.length).toBe(all.rows.length - 1);
    // the counts above the list follow the filter
    const dashboard = await getDashboard(monitor, filters("assignee=me"), TODAY);
    expect(dashboard.counts).toEqual({ requirement_review: 1 });
    // the exports of the filtered list are the same tickets
    const exported: string[] = [];
    for await (const batch of iterateExportRows(monitor, filters("assignee=me"))) exported.push(...batch.map((r) => r.number));
    expect(exported).toEqual([demoTicketNumber(11, TODAY)]);
    // an unknown value is ignored, never an error
    expect(filters("assignee=everyone&overdue=yes")).toMatchObject({ assignee: undefined, overdue: undefined });
  });

  it("shows how long a ticket waits at the TP and its service target, '—' when a company acts", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const { rows } = await listMonitorTickets(monitor, filters(""), { queue: await queueContext(monitor, TODAY) });
    const submitted = rows.find((r) => r.number === demoTicketNumber(4, TODAY))!; // submitted 4 days ago, review target 7
    expect(submitted.tpWait).toEqual({ since: addDays(TODAY, -4), day: 5, due: addDays(TODAY, 3), dueLabel: "목표 D-3", overdue: false });
    const selected = rows.find((r) => r.number === demoTicketNumber(2, TODAY))!; // the supplier writes its plan
    expect(selected.state).toBe("selected");
    expect(selected.tpWait).toBeNull();
  });

  // 목표 초과 is a WHERE on indexed clocks; the badge is app/domain/pending.ts. For every TP step, a
  // ticket one day past its target and one on its target day: the filter and the badge agree.
  it("목표 초과 selects exactly the tickets the pending rule flags overdue, per program targets", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const model = await byNumber(demoTicketNumber(4, TODAY));
    const program = await prisma.program.findUniqueOrThrow({ where: { id: model.programId } });
    await prisma.program.update({
      where: { id: program.id },
      data: { reviewTargetDays: 3, evaluationTargetDays: 5, planReviewTargetDays: 4, paymentTargetDays: 2, completionCheckTargetDays: 6 },
    });
    const targets = await prisma.program.findUniqueOrThrow({ where: { id: program.id } });
    const made: string[] = [];
    for (const clock of TP_TARGET_CLOCKS) {
      for (const state of clock.states) {
        for (const [suffix, daysAgo] of [
          ["late", targets[clock.target] + 1],
          ["ontime", targets[clock.target]],
        ] as const) {
          const number = `AS-TQ-${state}-${suffix}`;
          const on = seoul(addDays(TODAY, -daysAgo));
          await prisma.ticket.create({
            data: {
              number,
              programId: program.id,
              manufacturerId: model.manufacturerId,
              supplierId: model.supplierId,
              title: number,
              problem: "-",
              desiredOutcome: "-",
              state: state as TicketState,
              quoteTotal: 1_000_000,
              // the other clock is recent: only the step's own clock may make it late
              submittedAt: clock.column === "submittedAt" ? on : seoul(addDays(TODAY, -1)),
              stateChangedAt: clock.column === "stateChangedAt" ? on : seoul(addDays(TODAY, -1)),
              // 사업비 지급 is the TP's once the company's share is recorded (issue 16): an agreement and a deposit to confirm
              ...(state === "agreed"
                ? {
                    agreement: {
                      create: {
                        startOn: TODAY,
                        baseEndOn: TODAY,
                        endOn: TODAY,
                        agreedCost: 1_000_000,
                        subsidy: 500_000,
                        companyShare: 500_000,
                        signedById: monitor.userId,
                      },
                    },
                    shareDeposits: { create: { amount: 500_000, depositedOn: TODAY, proofFileId: "proof", recordedById: monitor.userId } },
                  }
                : {}),
            },
          });
          made.push(number);
        }
      }
    }
    // agreed long ago but the company's share not recorded: the manufacturer's turn, undated — never 목표 초과
    await prisma.ticket.create({
      data: {
        number: "AS-TQ-agreed-nodeposit",
        programId: program.id,
        manufacturerId: model.manufacturerId,
        supplierId: model.supplierId,
        title: "AS-TQ-agreed-nodeposit",
        problem: "-",
        desiredOutcome: "-",
        state: "agreed",
        quoteTotal: 1_000_000,
        submittedAt: seoul(addDays(TODAY, -60)),
        stateChangedAt: seoul(addDays(TODAY, -30)),
      },
    });
    made.push("AS-TQ-agreed-nodeposit");
    const queue = await queueContext(monitor, TODAY);
    const overdue = await listMonitorTickets(monitor, filters("q=AS-TQ-&overdue=1"), { queue, pageSize: 100 });
    const every = await listMonitorTickets(monitor, filters("q=AS-TQ-"), { queue, pageSize: 100 });
    expect(every.rows.map((r) => r.number).sort()).toEqual([...made].sort());
    const flagged = every.rows.filter((r) => r.tpWait?.overdue).map((r) => r.number);
    expect(overdue.rows.map((r) => r.number).sort()).toEqual([...flagged].sort());
    expect(flagged.sort()).toEqual(made.filter((n) => n.endsWith("-late")).sort());
    expect(overdue.rows.map((r) => r.number)).not.toContain("AS-TQ-agreed-nodeposit");
    expect(every.rows.find((r) => r.number === "AS-TQ-agreed-late")?.tpWait?.dueLabel).toBe("목표 D+1");
    // the counts agree with the list
    const dashboard = await getDashboard(monitor, filters("q=AS-TQ-&overdue=1"), TODAY, queue);
    expect(dashboard.listTotal).toBe(flagged.length);
    const exported: string[] = [];
    for await (const batch of iterateExportRows(monitor, filters("q=AS-TQ-&overdue=1"))) exported.push(...batch.map((r) => r.number));
    expect(exported.sort()).toEqual([...flagged].sort());
    await prisma.ticket.deleteMany({ where: { number: { in: made } } });
    await prisma.program.update({
      where: { id: program.id },
      data: {
        reviewTargetDays: program.reviewTargetDays,
        evaluationTargetDays: program.evaluationTargetDays,
        planReviewTargetDays: program.planReviewTargetDays,
        paymentTargetDays: program.paymentTargetDays,
        completionCheckTargetDays: program.completionCheckTargetDays,
      },
    });
  });
});

describe("saved filters (per person)", () => {
  it("saves, lists, replaces by name, deletes — each person only their own", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const colleague = await actorFor("monitor2@demo.kr");
    const saved = await saveFilter(monitor, { name: "  내 지연 건 ", query: "?assignee=me&overdue=1&after=AS-9&junk=1&state=nope" });
    expect(saved).toMatchObject({ name: "내 지연 건", query: "?assignee=me&overdue=1" });
    await saveFilter(monitor, { name: "내 지연 건", query: "assignee=me" });
    expect((await listSavedFilters(monitor)).map((f) => [f.name, f.query])).toEqual([["내 지연 건", "?assignee=me"]]);
    expect(await listSavedFilters(colleague)).toEqual([]);
    // another person cannot delete it
    expect(await deleteSavedFilter(colleague, saved.id)).toBe(false);
    expect(await listSavedFilters(monitor)).toHaveLength(1);
    expect(await deleteSavedFilter(monitor, saved.id)).toBe(true);
    expect(await listSavedFilters(monitor)).toEqual([]);
  });

  it("refuses a long or empty name, an empty filter set and more than the limit, in Korean", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const messageOf = async (input: { name: string; query: string }) => {
      const error = await refusal(saveFilter(monitor, input));
      return isDomainError(error) ? error.message : String(error);
    };
    expect(await messageOf({ name: "가".repeat(41), query: "assignee=me" })).toBe("필터 이름은 40자 이하로 입력해 주세요.");
    expect(await messageOf({ name: "   ", query: "assignee=me" })).toBe("필터 이름을 입력해 주세요.");
    expect(await messageOf({ name: "빈 필터", query: "after=AS-1&x=1" })).toContain("저장할 필터가 없습니다");
    for (let i = 0; i < SAVED_FILTER_LIMIT; i++) await saveFilter(monitor, { name: `필터 ${i}`, query: `q=${i}` });
    expect(await messageOf({ name: "하나 더", query: "q=x" })).toContain(`${SAVED_FILTER_LIMIT}개까지`);
    // replacing an existing one is still allowed at the limit
    await saveFilter(monitor, { name: "필터 0", query: "q=zero" });
    expect(await listSavedFilters(monitor)).toHaveLength(SAVED_FILTER_LIMIT);
  });
});

describe("service targets as program parameters", () => {
  it("are edited with the settings, 1–90 days, Korean refusals, and carried into a copied program", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const program = await prisma.program.findFirstOrThrow({ where: { technoparkId: monitor.organizationId } });
    const base = {
      name: program.name,
      year: program.year,
      noticeNumber: program.noticeNumber,
      subsidyRateBp: program.subsidyRateBp,
      subsidyCap: program.subsidyCap,
      subsidyBudget: program.subsidyBudget,
      capacity: program.capacity,
      baseMonths: program.baseMonths,
      maxExtensionMonths: program.maxExtensionMonths,
      planDueDays: program.planDueDays,
      revisionDueDays: program.revisionDueDays,
      passMark: program.passMark,
      documentValidityMonths: program.documentValidityMonths,
      region: program.region,
      localProgramSinceYear: program.localProgramSinceYear,
      intakeOpensOn: program.intakeOpensOn,
      intakeClosesOn: program.intakeClosesOn,
    };
    for (const days of [0, 91, 2.5]) {
      const error = await refusal(updateProgram(monitor, program.id, program.version, { ...base, reviewTargetDays: days }));
      expect(isDomainError(error) && error.message, String(days)).toBe(
        "요건검토 목표 (접수일부터, 일)은 1일에서 90일 사이의 정수로 입력해 주세요.",
      );
    }
    const updated = await updateProgram(monitor, program.id, program.version, { ...base, reviewTargetDays: 3, paymentTargetDays: 90 });
    expect(updated.changes).toEqual({ reviewTargetDays: [program.reviewTargetDays, 3], paymentTargetDays: [program.paymentTargetDays, 90] });
    const copy = await copyProgram(monitor, program.id, {
      name: "목표 복사",
      year: 2027,
      noticeNumber: "목표 복사 공고",
      intakeOpensOn: "2027-01-02",
    });
    expect(await prisma.program.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({
      reviewTargetDays: 3,
      paymentTargetDays: 90,
      evaluationTargetDays: program.evaluationTargetDays,
    });
    await updateProgram(monitor, program.id, updated.version, {
      ...base,
      reviewTargetDays: program.reviewTargetDays,
      paymentTargetDays: program.paymentTargetDays,
    });
  });
});
