// The supplier side's model layer (issue 4 · 6–10) against a real, migrated
// and seeded SQLite file: scoping, append-only versions, one transaction per
// change (a refused change writes nothing), optimistic locking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { DomainError, addDays, dDay } from "~/domain";
import { ConflictError, ForbiddenError, NotFoundError } from "~/models/errors.server";
import { listInbox, splitInbox } from "~/models/inbox.server";
import { getQuotePage, saveQuoteVersion } from "~/models/quote.server";
import { getPlanPage, submitPlan } from "~/models/plan.server";
import { confirmWorkLog, createWorkLog, disputeWorkLog, getWorkLogPage, updateWorkLog } from "~/models/work-log.server";
import { getCompletionPage, reportCompletion } from "~/models/completion-report.server";
import { findReadableFile, saveUpload } from "~/models/files.server";
import { transitionTicket } from "~/models/workflow.server";
import { completeFunding, decideShareDeposit, recordPayee, recordPayment, recordShareDeposit } from "~/models/funding.server";

const TODAY = "2026-11-27";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({
    data: { id: `sup-${email}-${Math.random()}`.padEnd(43, "x").slice(0, 43), userId: user.id, expiresAt: new Date(Date.now() + 600_000) },
  });
  const actor = await actorFromSessionId(session.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

const ticketId = async (number: string) => (await prisma.ticket.findUniqueOrThrow({ where: { number }, select: { id: true } })).id;
const ticketRow = (id: string) => prisma.ticket.findUniqueOrThrow({ where: { id }, select: { state: true, version: true, quoteTotal: true } });

async function rejects<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error(`expected ${type.name}`);
}

let maker1: Actor, maker2: Actor, vendor1: Actor, vendor2: Actor, monitor: Actor;

/** Takes an agreed ticket of maker2 to 지급 완료 through the funding steps (as the payment page does). */
async function fundTicket(id: string) {
  const at = async () => ({ ticketId: id, expectedVersion: (await ticketRow(id)).version, today: TODAY });
  const agreement = await prisma.agreement.findUniqueOrThrow({ where: { ticketId: id } });
  const proof = () => saveUpload(new File([PDF], "이체확인증.pdf", { type: "application/pdf" }));
  await recordShareDeposit(maker2, { ...(await at()), amount: agreement.companyShare, depositedOn: TODAY, note: null, proof: await proof() });
  await decideShareDeposit(monitor, { ...(await at()), decision: "confirm", note: null });
  await recordPayee(monitor, { ...(await at()), bank: "IBK기업은행", account: "123-456789-01-011", holder: "한성정밀" });
  await recordPayment(monitor, {
    ...(await at()),
    kind: "advance",
    amount: agreement.subsidy,
    paidOn: TODAY,
    note: null,
    evidence: await proof(),
  });
  await completeFunding(monitor, await at());
}

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  [maker1, maker2, vendor1, vendor2, monitor] = await Promise.all(
    ["maker1@demo.kr", "maker2@demo.kr", "vendor1@demo.kr", "vendor2@demo.kr", "monitor@demo.kr"].map(actorFor),
  );
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("inbox", () => {
  const numbers = (rows: { ticket: { number: string } }[]) => rows.map((r) => r.ticket.number);

  it("vendor2's to-do comes from the pending-actions rule: the plan due in 5 days first, the funded ticket to start, then the quotes to write", async () => {
    const { todo, waiting, finished, total } = await listInbox(vendor2, { today: TODAY });
    expect(total).toBe(7);
    expect(todo.map((t) => [t.ticket.number, t.action.kind])).toEqual([
      ["AS-2026-0002", "submit_plan"],
      ["AS-2026-0013", "start_work"], // 사업비 지급 완료, 착수 대기 (ADR 040)
      ...todo.slice(2).map((t) => [t.ticket.number, "write_quote"]),
    ]);
    expect(numbers(todo.slice(2)).sort()).toEqual(["AS-2026-0004", "AS-2026-0011"]);
    expect(todo[0].action.due).toMatchObject({ kind: "deadline", field: "planDueOn" });
    expect(dDay(todo[0].action.due!.on, TODAY).days).toBe(5);
    expect(waiting.map((w) => w.ticket.number).sort()).toEqual(["AS-2026-0006", "AS-2026-0008"]);
    for (const w of waiting) expect(w.waiting?.label).toMatch(/일째$/);
    expect(finished.map((t) => t.number)).toEqual(["AS-2026-0014"]); // 사후관리 (ADR 040)
  });

  it("searches by manufacturer name or title, and never shows another supplier's ticket", async () => {
    const all = (r: Awaited<ReturnType<typeof listInbox>>) =>
      [...new Set([...numbers(r.todo), ...r.waiting.map((w) => w.ticket.number), ...r.finished.map((t) => t.number)])].sort();
    expect(all(await listInbox(vendor2, { q: "대성", today: TODAY }))).toEqual(["AS-2026-0004", "AS-2026-0008", "AS-2026-0014"]);
    expect((await listInbox(vendor2, { q: "POP 단말 실적", today: TODAY })).total).toBe(1);
    // 0001 and 0005 belong to vendor1: invisible to vendor2 whatever the search
    expect((await listInbox(vendor2, { q: "MES 설비 데이터", today: TODAY })).total).toBe(0);
    const v1 = await listInbox(vendor1, { today: TODAY });
    expect(all(v1)).toEqual(["AS-2026-0001", "AS-2026-0005", "AS-2026-0007", "AS-2026-0009", "AS-2026-0010"]);
    expect(v1.todo.filter((t) => t.ticket.number === "AS-2026-0001").map((t) => t.action.kind)).toEqual(["do_work"]);
    expect(v1.finished.map((t) => t.number).sort()).toEqual(["AS-2026-0007", "AS-2026-0009"]);
  });

  it("orders the to-do overdue first, then by D-day, then the longest waiting; waits by their age", () => {
    const ticket = (number: string, state: string) => ({
      id: number,
      number,
      title: "",
      state,
      planDueOn: null,
      revisionDueOn: null,
      windowEndOn: null,
      quoteTotal: null,
      updatedAt: new Date("2026-11-01T00:00:00Z"),
      manufacturer: { name: "" },
    });
    const act = (due: string | null, since: string, party: "supplier" | "monitor" = "supplier") => ({
      kind: "submit_plan" as const,
      party,
      what: "",
      detail: null,
      blocks: null,
      page: "plan",
      action: null,
      due: due ? { on: due, kind: "deadline" as const, field: "planDueOn" as const } : null,
      since,
      doing: "기다림",
      main: true,
    });
    const tickets = [
      ticket("B", "selected"),
      ticket("A", "selected"),
      ticket("C", "selected"),
      ticket("W", "submitted"),
      ticket("X", "withdrawn"),
    ];
    const pending = new Map([
      ["B", [act("2026-12-10", "2026-11-01")]],
      ["A", [act("2026-11-20", "2026-11-10")]],
      ["C", [act(null, "2026-10-01")]],
      ["W", [act(null, "2026-11-20", "monitor")]],
    ]);
    const split = splitInbox(tickets, pending, TODAY);
    expect(numbers(split.todo)).toEqual(["A", "B", "C"]);
    expect(split.waiting.map((w) => [w.ticket.number, w.waiting?.label])).toEqual([["W", "기다림 · 8일째"]]);
    expect(split.finished.map((t) => t.number)).toEqual(["X"]);
  });
});

describe("quotes", () => {
  const lines = [
    { kind: "sw" as const, description: "MES 4.0 라이선스 업그레이드", quantity: 1, unitPrice: 12_000_000 },
    { kind: "labour" as const, description: "보고서 모듈 개발", quantity: 2, unitPrice: 4_500_000 },
  ];

  it("appends versions, keeps the old ones untouched and puts the latest total on the ticket", async () => {
    const id = await ticketId("AS-2026-0004");
    const before = await ticketRow(id);
    const v1 = await saveQuoteVersion(vendor2, { ticketId: id, baseVersion: 0, lines, note: null });
    expect(v1.quoteVersion).toBe(1);
    expect(v1.total).toBe(21_000_000);
    expect(await ticketRow(id)).toMatchObject({ quoteTotal: 21_000_000, version: before.version + 1, state: "submitted" });

    const v2 = await saveQuoteVersion(vendor2, {
      ticketId: id,
      baseVersion: 1,
      lines: [{ ...lines[0], unitPrice: 10_000_000 }, lines[1]],
      note: "라이선스 할인",
    });
    expect(v2).toMatchObject({ quoteVersion: 2, total: 19_000_000 });
    expect((await ticketRow(id)).quoteTotal).toBe(19_000_000);

    const page = await getQuotePage(maker2, id);
    expect(page!.quotes.map((q) => [q.version, q.total])).toEqual([
      [2, 19_000_000],
      [1, 21_000_000],
    ]);
    expect(page!.quotes[1].lines.map((l) => l.amount)).toEqual([12_000_000, 9_000_000]);
    expect(page!.quotes[0].authorName).toBe("최유진");
    const audits = await prisma.auditEvent.findMany({ where: { ticketId: id, action: "quote.create" }, orderBy: { seq: "asc" } });
    expect(audits.map((a) => a.summary)).toEqual([
      "견적서를 제출했습니다 (견적금액 21,000,000원).",
      "견적서를 2차로 수정했습니다 (견적금액 19,000,000원).",
    ]);
  });

  it("refuses a revision built on an outdated version, and an overflowing total, writing nothing", async () => {
    const id = await ticketId("AS-2026-0004");
    const before = await ticketRow(id);
    await rejects(saveQuoteVersion(vendor2, { ticketId: id, baseVersion: 1, lines, note: null }), ConflictError);
    const overflow = await rejects(
      saveQuoteVersion(vendor2, {
        ticketId: id,
        baseVersion: 2,
        lines: [{ kind: "hw_part", description: "x", quantity: 1_000_000, unitPrice: 9_007_199_254_740 }],
        note: null,
      }),
      DomainError,
    );
    expect(overflow.code).toBe("amount_too_large");
    expect(await prisma.quote.count({ where: { ticketId: id } })).toBe(2);
    expect(await ticketRow(id)).toEqual(before);
  });

  it("lets only the ticket's supplier write, and only before the agreement", async () => {
    const id = await ticketId("AS-2026-0004");
    await rejects(saveQuoteVersion(vendor1, { ticketId: id, baseVersion: 2, lines, note: null }), NotFoundError);
    await rejects(saveQuoteVersion(maker2, { ticketId: id, baseVersion: 2, lines, note: null }), ForbiddenError);
    expect(await getQuotePage(vendor1, id)).toBeNull();
    const agreed = await ticketId("AS-2026-0008");
    const refused = await rejects(saveQuoteVersion(vendor2, { ticketId: agreed, baseVersion: 1, lines, note: null }), DomainError);
    expect(refused.message).toContain("협약 이후에는 견적을 수정할 수 없습니다");
    expect(await prisma.quote.count({ where: { ticketId: agreed } })).toBe(1);
  });
});

describe("execution plan", () => {
  const plan = {
    scope: "POP 실적 입력 화면 개선",
    staff: "PM 1명, 개발자 2명",
    milestones: [
      { title: "화면 설계", dueOn: "2026-12-15", deliverable: "설계서" },
      { title: "개발·시험", dueOn: "2027-01-20", deliverable: "시험 결과서" },
    ],
  };

  it("shows the plan due date with its D-day, and refuses a late plan unless the lateness is acknowledged", async () => {
    const id = await ticketId("AS-2026-0002");
    const page = await getPlanPage(vendor2, id, TODAY);
    expect(page).toMatchObject({ step: "submit_plan", dueOn: addDays(TODAY, 5), lateIfSubmittedToday: false });
    expect(page!.dueDDay!.label).toBe("D-5");

    const before = await ticketRow(id);
    const late = await rejects(
      submitPlan(vendor2, {
        ticketId: id,
        step: "submit_plan",
        expectedVersion: before.version,
        ...plan,
        acknowledgeLate: false,
        today: addDays(TODAY, 6),
      }),
      DomainError,
    );
    expect(late.code).toBe("plan_late_unacknowledged");
    expect(await prisma.executionPlan.count({ where: { ticketId: id } })).toBe(0);
    expect(await ticketRow(id)).toEqual(before);
  });

  it("submits version 1 (on time) and moves the ticket to 수행계획서 제출; a stale form is a conflict", async () => {
    const id = await ticketId("AS-2026-0002");
    const before = await ticketRow(id);
    await rejects(
      submitPlan(vendor1, { ticketId: id, step: "submit_plan", expectedVersion: before.version, ...plan, acknowledgeLate: false, today: TODAY }),
      NotFoundError,
    );
    await rejects(
      submitPlan(maker1, { ticketId: id, step: "submit_plan", expectedVersion: before.version, ...plan, acknowledgeLate: false, today: TODAY }),
      DomainError,
    );
    expect(await prisma.executionPlan.count({ where: { ticketId: id } })).toBe(0);

    const saved = await submitPlan(vendor2, {
      ticketId: id,
      step: "submit_plan",
      expectedVersion: before.version,
      ...plan,
      acknowledgeLate: false,
      today: TODAY,
    });
    expect(saved).toMatchObject({ planVersion: 1, late: false, state: "plan_submitted" });
    await rejects(
      submitPlan(vendor2, { ticketId: id, step: "submit_plan", expectedVersion: before.version, ...plan, acknowledgeLate: false, today: TODAY }),
      ConflictError,
    );
    const stored = await prisma.executionPlan.findFirstOrThrow({ where: { ticketId: id }, include: { milestones: true } });
    expect(stored).toMatchObject({ version: 1, late: false, isRevision: false, reviewStatus: "pending", dueOn: addDays(TODAY, 5) });
    expect(stored.milestones).toHaveLength(2);
  });

  it("a revision after a change request is version 2, flagged late when past the revision deadline, and shows the monitor's note", async () => {
    const id = await ticketId("AS-2026-0002");
    const t = await ticketRow(id);
    await transitionTicket(monitor, {
      ticketId: id,
      action: "request_plan_change",
      expectedVersion: t.version,
      today: TODAY,
      apply: async (tx) => {
        await tx.executionPlan.updateMany({
          where: { ticketId: id, version: 1 },
          data: { reviewStatus: "changes_requested", reviewNote: "일정별 산출물을 구체화해 주세요." },
        });
        return { ticketPatch: { revisionDueOn: addDays(TODAY, 10) } };
      },
    });
    const page = await getPlanPage(vendor2, id, addDays(TODAY, 12));
    expect(page).toMatchObject({ step: "resubmit_plan", dueOn: addDays(TODAY, 10), lateIfSubmittedToday: true });
    expect(page!.plans[0].reviewNote).toBe("일정별 산출물을 구체화해 주세요.");
    const version = (await ticketRow(id)).version;
    const saved = await submitPlan(vendor2, {
      ticketId: id,
      step: "resubmit_plan",
      expectedVersion: version,
      ...plan,
      acknowledgeLate: true,
      today: addDays(TODAY, 12),
    });
    expect(saved).toMatchObject({ planVersion: 2, late: true, state: "plan_submitted" });
    const plans = await prisma.executionPlan.findMany({ where: { ticketId: id }, orderBy: { version: "asc" } });
    expect(plans.map((p) => [p.version, p.isRevision, p.late, p.reviewStatus])).toEqual([
      [1, false, false, "changes_requested"],
      [2, true, true, "pending"],
    ]);
  });
});

function png(name = "before.png") {
  return saveUpload(new File([PNG], name, { type: "image/png" }));
}

describe("work logs and the completion report", () => {
  let logId = "";
  let photoFileId = "";

  it("the supplier writes a log with a part and before/after photos; only the ticket's parties can read the photo", async () => {
    const id = await ticketId("AS-2026-0001");
    const before = await ticketRow(id);
    const created = await createWorkLog(vendor1, {
      ticketId: id,
      today: TODAY,
      fields: {
        workedOn: TODAY,
        minutes: 270,
        description: "압력 센서 교체 및 수집 시험",
        parts: [{ name: "압력 센서", oldSerial: "PS-001", newSerial: "PS-101" }],
        swVersionBefore: null,
        swVersionAfter: null,
        trainingAttendees: "생산팀 3명",
      },
      attachments: [
        { purpose: "before_photo", saved: await png("before.png") },
        { purpose: "after_photo", saved: await png("after.png") },
      ],
    });
    logId = created.logId;
    expect((await ticketRow(id)).version).toBe(before.version + 1);
    const page = await getWorkLogPage(maker1, id);
    const log = page!.workLogs.find((l) => l.id === logId)!;
    expect(log).toMatchObject({ status: "submitted", minutes: 270, version: 1, authorName: "정하늘" });
    expect(log.parts).toMatchObject([{ name: "압력 센서", oldSerial: "PS-001", newSerial: "PS-101" }]);
    expect(log.attachments.map((a) => a.purpose).sort()).toEqual(["after_photo", "before_photo"]);
    expect(page!.evidence).toEqual({ hw: true, sw: false, training: true });
    photoFileId = log.attachments[0].file.id;
    expect(await findReadableFile(vendor1, photoFileId)).not.toBeNull();
    expect(await findReadableFile(maker1, photoFileId)).not.toBeNull();
    expect(await findReadableFile(monitor, photoFileId)).not.toBeNull();
    expect(await findReadableFile(vendor2, photoFileId)).toBeNull();
    expect(await findReadableFile(maker2, photoFileId)).toBeNull();
    expect(await getWorkLogPage(vendor2, id)).toBeNull();
  });

  it("a refused log (a PDF as a photo, a future date) writes nothing", async () => {
    const id = await ticketId("AS-2026-0001");
    const before = await ticketRow(id);
    const [logs, files] = [await prisma.workLog.count(), await prisma.storedFile.count()];
    const fields = {
      workedOn: TODAY,
      minutes: 60,
      description: "x",
      parts: [],
      swVersionBefore: null,
      swVersionAfter: null,
      trainingAttendees: null,
    };
    const pdf = await saveUpload(new File([PDF], "photo.png", { type: "image/png" }));
    const wrong = await rejects(
      createWorkLog(vendor1, { ticketId: id, today: TODAY, fields, attachments: [{ purpose: "before_photo", saved: pdf }] }),
      DomainError,
    );
    expect(wrong.code).toBe("photo_type");
    const future = await rejects(
      createWorkLog(vendor1, { ticketId: id, today: TODAY, fields: { ...fields, workedOn: addDays(TODAY, 1) }, attachments: [] }),
      DomainError,
    );
    expect(future.code).toBe("work_date_future");
    await rejects(createWorkLog(maker1, { ticketId: id, today: TODAY, fields, attachments: [] }), ForbiddenError);
    expect([await prisma.workLog.count(), await prisma.storedFile.count()]).toEqual([logs, files]);
    expect(await ticketRow(id)).toEqual(before);
  });

  it("completion is refused while logs are unconfirmed, with the rules module's reason, and writes no report", async () => {
    const id = await ticketId("AS-2026-0001");
    const page = await getCompletionPage(vendor1, id, TODAY);
    expect(page!.step).toEqual({ allowed: false, reasons: ["도입기업이 확인하지 않은 작업일지가 2건 있어 완료 보고를 할 수 없습니다."] });
    const t = await ticketRow(id);
    const refused = await rejects(
      reportCompletion(vendor1, { ticketId: id, expectedVersion: t.version, summary: "완료", results: "정상", files: [], today: TODAY }),
      DomainError,
    );
    expect(refused.reasons).toEqual(["도입기업이 확인하지 않은 작업일지가 2건 있어 완료 보고를 할 수 없습니다."]);
    expect(await prisma.completionReport.count({ where: { ticketId: id } })).toBe(0);
    expect(await ticketRow(id)).toEqual(t);
  });

  it("confirm, dispute with a comment, correct (back to submitted), stale edits refused, confirmed logs final", async () => {
    const id = await ticketId("AS-2026-0001");
    const seeded = await prisma.workLog.findFirstOrThrow({ where: { ticketId: id, status: "submitted", id: { not: logId } } });
    await rejects(confirmWorkLog(vendor1, { ticketId: id, logId: seeded.id, logVersion: seeded.version }), ForbiddenError);
    await confirmWorkLog(maker1, { ticketId: id, logId: seeded.id, logVersion: seeded.version });
    expect(await prisma.workLog.findUniqueOrThrow({ where: { id: seeded.id } })).toMatchObject({ status: "confirmed", version: 2 });
    const fields = {
      workedOn: TODAY,
      minutes: 60,
      description: "수정",
      parts: [],
      swVersionBefore: null,
      swVersionAfter: null,
      trainingAttendees: null,
    };
    const final = await rejects(
      updateWorkLog(vendor1, { ticketId: id, logId: seeded.id, logVersion: 2, fields, attachments: [], removeAttachmentIds: [], today: TODAY }),
      DomainError,
    );
    expect(final.code).toBe("work_log_confirmed");

    await rejects(disputeWorkLog(maker1, { ticketId: id, logId, logVersion: 1, comment: "  " }), DomainError);
    await disputeWorkLog(maker1, { ticketId: id, logId, logVersion: 1, comment: "교체 전 사진이 다른 설비입니다." });
    expect(await prisma.workLog.findUniqueOrThrow({ where: { id: logId } })).toMatchObject({
      status: "disputed",
      disputeComment: "교체 전 사진이 다른 설비입니다.",
      version: 2,
    });
    // the supplier's inbox lists the disputed log as its own to-do, on that ticket only
    const fixes = (await listInbox(vendor1, { today: TODAY })).todo.filter((t) => t.action.kind === "fix_work_logs");
    expect(fixes.map((t) => [t.ticket.number, t.action.detail])).toEqual([["AS-2026-0001", "도입기업이 이의를 제기한 작업일지 1건"]]);
    await rejects(confirmWorkLog(maker1, { ticketId: id, logId, logVersion: 2 }), DomainError);

    // two people editing the same log: the later save is refused
    await rejects(
      updateWorkLog(vendor1, { ticketId: id, logId, logVersion: 1, fields, attachments: [], removeAttachmentIds: [], today: TODAY }),
      ConflictError,
    );
    const log = await prisma.workLog.findUniqueOrThrow({ where: { id: logId }, include: { attachments: true } });
    await updateWorkLog(vendor1, {
      ticketId: id,
      logId,
      logVersion: 2,
      fields: {
        ...fields,
        minutes: 300,
        description: "압력 센서 교체 (사진 교체)",
        parts: [{ name: "압력 센서", oldSerial: "PS-001", newSerial: "PS-102" }],
      },
      attachments: [{ purpose: "before_photo", saved: await png("before-2.png") }],
      removeAttachmentIds: [log.attachments.find((a) => a.purpose === "before_photo")!.id],
      today: TODAY,
    });
    const corrected = await prisma.workLog.findUniqueOrThrow({ where: { id: logId }, include: { parts: true, attachments: true } });
    expect(corrected).toMatchObject({ status: "submitted", version: 3, minutes: 300 });
    expect(corrected.parts.map((p) => p.newSerial)).toEqual(["PS-102"]);
    expect(corrected.attachments).toHaveLength(2);
    await rejects(
      updateWorkLog(vendor1, { ticketId: id, logId, logVersion: 2, fields, attachments: [], removeAttachmentIds: [], today: TODAY }),
      ConflictError,
    );
    const actions = await prisma.auditEvent.findMany({ where: { ticketId: id, action: { startsWith: "worklog." } }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["worklog.create", "worklog.confirm", "worklog.dispute", "worklog.update"]);
  });

  it("once every log is confirmed the report moves the ticket to 완료점검 with its attachment", async () => {
    const id = await ticketId("AS-2026-0001");
    const log = await prisma.workLog.findUniqueOrThrow({ where: { id: logId } });
    await confirmWorkLog(maker1, { ticketId: id, logId, logVersion: log.version });
    expect((await getCompletionPage(vendor1, id, TODAY))!.step).toEqual({ allowed: true, reasons: [] });
    const t = await ticketRow(id);
    const pdf = await saveUpload(new File([PDF], "완료보고서.pdf", { type: "application/pdf" }));
    const done = await reportCompletion(vendor1, {
      ticketId: id,
      expectedVersion: t.version,
      summary: "통신 모듈 교체, 수집 항목 추가",
      results: "누락률 0.3%",
      files: [pdf],
      today: TODAY,
    });
    expect(done.state).toBe("completion_check");
    const page = await getCompletionPage(maker1, id, TODAY);
    expect(page!.completionReports).toHaveLength(1);
    expect(page!.completionReports[0].attachments[0].file.originalName).toBe("완료보고서.pdf");
    expect(await findReadableFile(maker1, page!.completionReports[0].attachments[0].file.id)).not.toBeNull();
    expect(await findReadableFile(vendor2, page!.completionReports[0].attachments[0].file.id)).toBeNull();
    // no more logs once the project left 과제수행
    const fields = {
      workedOn: TODAY,
      minutes: 60,
      description: "x",
      parts: [],
      swVersionBefore: null,
      swVersionAfter: null,
      trainingAttendees: null,
    };
    const closed = await rejects(createWorkLog(vendor1, { ticketId: id, today: TODAY, fields, attachments: [] }), DomainError);
    expect(closed.message).toBe("작업일지는 과제수행 단계에서만 작성·확인할 수 있습니다.");
  });

  it("vendor1 cannot read a work-log photo of vendor2's project", async () => {
    const id = await ticketId("AS-2026-0008");
    // 사업비 지급 (issue 16): the share deposited and confirmed, the payee account, a payment, funding complete
    await fundTicket(id);
    const t = await ticketRow(id);
    expect(t.state).toBe("funded");
    await transitionTicket(vendor2, { ticketId: id, action: "start_work", expectedVersion: t.version, today: TODAY });
    const fields = {
      workedOn: TODAY,
      minutes: 120,
      description: "PLC 보드 점검",
      parts: [],
      swVersionBefore: null,
      swVersionAfter: null,
      trainingAttendees: null,
    };
    const { logId: foreignLog } = await createWorkLog(vendor2, {
      ticketId: id,
      today: TODAY,
      fields,
      attachments: [{ purpose: "after_photo", saved: await png() }],
    });
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { workLogId: foreignLog } });
    expect(await findReadableFile(vendor2, attachment.fileId)).not.toBeNull();
    expect(await findReadableFile(vendor1, attachment.fileId)).toBeNull();
    expect(await findReadableFile(maker1, attachment.fileId)).toBeNull();
    await rejects(confirmWorkLog(maker1, { ticketId: id, logId: foreignLog, logVersion: 1 }), NotFoundError);
    // a log id of another ticket is not found through this ticket
    const other = await rejects(disputeWorkLog(maker2, { ticketId: id, logId, logVersion: 4, comment: "x" }), NotFoundError);
    expect(other.message).toBe("작업일지를 찾을 수 없습니다.");
  });
});
