// Work-log dates against the agreed execution period, on the real, migrated and seeded SQLite
// file (issue 13, item 16): a date before the agreement's start or after its current end is
// refused with the period named, an approved extension moves the end, and a refused log writes
// nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { DomainError, addDays, formatKoreanDate } from "~/domain";
import { createWorkLog, getWorkLogPage, updateWorkLog, type WorkLogFields } from "~/models/work-log.server";
import { confirmExtension, decideExtension, requestExtension } from "~/models/extension-request.server";

const TODAY = "2026-11-27";
let vendor1: Actor;
let ticketId: string;
let agreement: { startOn: string; endOn: string };

async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({
    data: { id: `w-${email}-${Math.random()}`.padEnd(43, "x").slice(0, 43), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
  });
  return (await actorFromSessionId(session.id))!;
}

const fields = (workedOn: string): WorkLogFields => ({
  workedOn,
  minutes: 120,
  description: "수집기 점검",
  parts: [],
  swVersionBefore: null,
  swVersionAfter: null,
  trainingAttendees: null,
});

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const snapshot = async () => [
  await prisma.workLog.count({ where: { ticketId } }),
  (await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).version,
];

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  vendor1 = await actorFor("vendor1@demo.kr");
  const t = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0001" }, include: { agreement: true } }); // 과제수행
  ticketId = t.id;
  agreement = t.agreement!;
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("work-log dates within the agreed execution period (item 16)", () => {
  it("refuses a day before the agreement's start, naming the period, and writes nothing", async () => {
    const before = await snapshot();
    const error = await refusal(
      createWorkLog(vendor1, { ticketId, today: TODAY, fields: fields(addDays(agreement.startOn, -1)), attachments: [] }),
    );
    expect(error.code).toBe("work_date_outside_period");
    expect(error.message).toBe(
      `작업일자는 사업기간(${formatKoreanDate(agreement.startOn)} ~ ${formatKoreanDate(agreement.endOn)}) 안이어야 합니다.`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("accepts the first day of the period", async () => {
    const { logId } = await createWorkLog(vendor1, { ticketId, today: TODAY, fields: fields(agreement.startOn), attachments: [] });
    expect((await prisma.workLog.findUniqueOrThrow({ where: { id: logId } })).workedOn).toBe(agreement.startOn);
  });

  it("a correction cannot move a log out of the period either", async () => {
    const { logId } = await createWorkLog(vendor1, { ticketId, today: TODAY, fields: fields(TODAY), attachments: [] });
    const error = await refusal(
      updateWorkLog(vendor1, {
        ticketId,
        logId,
        logVersion: 1,
        fields: fields(addDays(agreement.startOn, -10)),
        attachments: [],
        removeAttachmentIds: [],
        today: TODAY,
      }),
    );
    expect(error.code).toBe("work_date_outside_period");
    expect((await prisma.workLog.findUniqueOrThrow({ where: { id: logId } })).workedOn).toBe(TODAY);
  });

  it("after the current end a day is refused until an approved extension moves the end", async () => {
    const later = addDays(agreement.endOn, 5); // the period's last day has passed
    const dayAfterEnd = addDays(agreement.endOn, 1);
    const before = await snapshot();
    const error = await refusal(createWorkLog(vendor1, { ticketId, today: later, fields: fields(dayAfterEnd), attachments: [] }));
    expect(error.code).toBe("work_date_outside_period");
    expect(error.message).toContain(`~ ${formatKoreanDate(agreement.endOn)})`);
    expect(await snapshot()).toEqual(before);

    // the manufacturer asks for one more month, the supplier confirms (issue 16), the Technopark approves it
    const maker = await prisma.user.findFirstOrThrow({ where: { organization: { ticketsAsMaker: { some: { id: ticketId } } } } });
    const monitor = await actorFor("monitor@demo.kr");
    let t = await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    await requestExtension(await actorFor(maker.email), {
      ticketId,
      expectedVersion: t.version,
      months: 1,
      reason: "부품 수급 지연",
      today: TODAY,
    });
    t = await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    await confirmExtension(vendor1, { ticketId, expectedVersion: t.version, today: TODAY });
    t = await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    await decideExtension(monitor, { ticketId, expectedVersion: t.version, today: TODAY, decision: "approve", note: null });
    const extended = await prisma.agreement.findUniqueOrThrow({ where: { ticketId } });
    expect(extended.endOn > agreement.endOn).toBe(true);

    const { logId } = await createWorkLog(vendor1, { ticketId, today: later, fields: fields(dayAfterEnd), attachments: [] });
    expect((await prisma.workLog.findUniqueOrThrow({ where: { id: logId } })).workedOn).toBe(dayAfterEnd);
    // beyond the new end: refused, naming the new end
    const beyond = await refusal(
      createWorkLog(vendor1, { ticketId, today: addDays(extended.endOn, 3), fields: fields(addDays(extended.endOn, 1)), attachments: [] }),
    );
    expect(beyond.message).toContain(`~ ${formatKoreanDate(extended.endOn)})`);
  });

  it("still refuses a day after today inside the period", async () => {
    const error = await refusal(createWorkLog(vendor1, { ticketId, today: TODAY, fields: fields(addDays(TODAY, 1)), attachments: [] }));
    expect(error.code).toBe("work_date_future");
  });

  it("the page carries the agreed period (the date field's bounds come from it)", async () => {
    const page = await getWorkLogPage(vendor1, ticketId);
    const current = await prisma.agreement.findUniqueOrThrow({ where: { ticketId } });
    expect(page?.period).toEqual({ startOn: agreement.startOn, endOn: current.endOn });
  });
});
