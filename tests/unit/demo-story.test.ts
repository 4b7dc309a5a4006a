// The demo tells one consistent story on whatever day it is seeded (issue 17 item 5, ADR 040): seeded on a
// few days — late in a year, early in the next, a leap day — the program's year is the year of its intake,
// every ticket's dates run along its path and none lies in the future, every application from the submitted
// one on carries the documents its checklist asks for (certificates valid on its submission day), the
// companies' profile years read from the demo's year, and every quote line and requested item is of the
// kind its words say. A real, migrated SQLite file, wiped and seeded again for each day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { assessApplication, TICKET_FACTS_INCLUDE } from "~/models/ticket-context.server";
import { readStoredBytes } from "~/models/files.server";
import { pdfText } from "../support/pdf-text";
import { CERTIFICATE_KINDS, NOTICE_STEPS, STATE_STEP, compareIsoDate, isTicketState, seoulDate, type IsoDate, type TicketState } from "~/domain";

const DAYS: IsoDate[] = ["2026-11-27", "2027-01-05", "2028-02-29"];

/** Empties every table (the schema's migrations table kept), so that the next day seeds a fresh demo. */
async function wipe(): Promise<void> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' AND sql NOT LIKE '%VIRTUAL%'`,
  );
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  for (const { name } of tables) await prisma.$executeRawUnsafe(`DELETE FROM "${name}"`);
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}

const dayOf = (instant: Date) => seoulDate(instant);
const notAfter = (a: IsoDate, b: IsoDate) => compareIsoDate(a, b) <= 0;

/** The Seoul day each state of the ticket's path was reached, from its audit trail. */
function pathOf(events: { toState: string | null; ticketVersion: number | null; createdAt: Date }[]): Map<TicketState, IsoDate> {
  const days = new Map<TicketState, IsoDate>();
  for (const e of events) if (e.toState && isTicketState(e.toState)) days.set(e.toState, dayOf(e.createdAt));
  return days;
}

/** What a quote line's or requested item's words say it is: training, a hardware part, or software work. */
function wordsSay(description: string): "training" | "hardware" | "software" | null {
  if (/교육/.test(description)) return "training";
  if (/(모듈|센서|보드|부품|헤드|PC|모니터)/.test(description) && !/(항목|개발|화면|로직|기능|양식|추가)/.test(description)) return "hardware";
  if (/(개발|화면|UI|로직|기능|버전업|추가|연동|양식|코드|데이터|기준정보|재고|항목|수집)/.test(description)) return "software";
  return null;
}

const LINE_KINDS = { training: ["training"], hardware: ["hw_part"], software: ["sw", "labour"] } as const;
const ITEM_TYPES = {
  training: ["util_user_support"],
  hardware: ["hw_repair", "hw_upgrade", "util_user_support"],
  software: ["sw_upgrade", "util_program", "util_maintenance", "util_data"],
} as const;

beforeAll(databaseReady);
afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe.each(DAYS)("the demo seeded on %s", (today) => {
  beforeAll(async () => {
    await wipe();
    await seedDemoData(today);
  }, 60_000);

  it("is one program whose year is the year of its intake, before every ticket, with the tickets numbered in that year", async () => {
    const program = await prisma.program.findFirstOrThrow();
    expect(await prisma.program.count()).toBe(1);
    expect(program.year).toBe(Number(program.intakeOpensOn.slice(0, 4)));
    expect(program.name).toContain(`${program.year}년`);
    expect(program.noticeNumber).toContain(`제${program.year}-`);
    expect(notAfter(program.intakeOpensOn, today)).toBe(true);
    for (const t of await prisma.ticket.findMany({ select: { number: true, createdAt: true } })) {
      expect(t.number.startsWith(`AS-${program.year}-`), t.number).toBe(true);
      expect(notAfter(program.intakeOpensOn, dayOf(t.createdAt)), t.number).toBe(true);
    }
  });

  it("the companies' history precedes the program: warranty ended, certificates and local programs of earlier years", async () => {
    const program = await prisma.program.findFirstOrThrow();
    expect(program.localProgramSinceYear).toBe(program.year - 1);
    for (const org of await prisma.organization.findMany({ where: { kind: "manufacturer" } })) {
      if (org.freeWarrantyEndsOn) expect(compareIsoDate(org.freeWarrantyEndsOn, program.intakeOpensOn), org.name).toBeLessThan(0);
      if (org.diffusionCompletionYear !== null) expect(org.diffusionCompletionYear, org.name).toBeLessThan(program.year);
      if (org.localProgramYear !== null) {
        expect(org.localProgramYear, org.name).toBeGreaterThanOrEqual(program.localProgramSinceYear!);
        expect(org.localProgramYear, org.name).toBeLessThan(program.year);
      }
      for (const number of [org.promisingSmeCertNumber, org.levelCertificateNumber]) {
        const issued = number?.match(/(\d{4})/)?.[1];
        if (issued) expect(Number(issued), `${org.name} ${number}`).toBeLessThan(program.year);
      }
    }
    for (const system of await prisma.smartFactorySystem.findMany()) expect(system.buildYear ?? 0).toBeLessThan(program.year);
    // nobody acted before registering
    const firstAudit = await prisma.auditEvent.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    for (const user of await prisma.user.findMany({ where: { role: { in: ["manufacturer", "monitor"] } } })) {
      expect(user.createdAt.getTime(), user.email).toBeLessThan(firstAudit.createdAt.getTime());
    }
  });

  it("every ticket's dates run along its path, none in the future, each record between the steps it belongs to", async () => {
    const tickets = await prisma.ticket.findMany({
      include: {
        auditEvents: { orderBy: { ticketVersion: "asc" } },
        quotes: true,
        plans: true,
        costReviews: true,
        agreement: true,
        agreementDraft: { include: { consents: true } },
        shareDeposits: true,
        payments: true,
        settlement: true,
        workLogs: true,
        evaluation: true,
        documents: true,
      },
    });
    for (const t of tickets) {
      const at = pathOf(t.auditEvents);
      const days = t.auditEvents.map((e) => dayOf(e.createdAt));
      expect([...days].sort(compareIsoDate), `${t.number} audit order`).toEqual(days);
      expect(notAfter(days[days.length - 1], today), t.number).toBe(true);
      expect(dayOf(t.stateChangedAt), t.number).toBe(at.get(t.state as TicketState));
      const within = (day: IsoDate | null | undefined, from: TicketState, to: TicketState | null, what: string) => {
        if (!day) return;
        const start = at.get(from)!;
        const end = (to && at.get(to)) || today;
        expect(notAfter(start, day) && notAfter(day, end), `${t.number} ${what} ${day} outside ${start}..${end}`).toBe(true);
      };
      if (t.submittedAt) expect(dayOf(t.submittedAt), t.number).toBe(at.get("submitted"));
      if (t.selectionNoticeOn) expect(t.selectionNoticeOn, t.number).toBe(at.get("selected"));
      for (const q of t.quotes) within(dayOf(q.createdAt), "submitted", "agreed", "quote");
      for (const plan of t.plans) expect(dayOf(plan.submittedAt), t.number).toBe(at.get("plan_submitted"));
      for (const review of t.costReviews) within(review.resultOn, "cost_review", "agreed", "cost review");
      if (t.agreementDraft) {
        within(dayOf(t.agreementDraft.preparedAt), "cost_review", "agreed", "agreement draft");
        for (const c of t.agreementDraft.consents) within(dayOf(c.consentedAt), "cost_review", "agreed", "consent");
      }
      if (t.agreement) {
        expect(dayOf(t.agreement.signedAt), t.number).toBe(at.get("agreed"));
        const reported = at.get("completion_check");
        if (reported) expect(notAfter(reported, t.agreement.endOn), `${t.number} reported after its period`).toBe(true);
      }
      for (const d of t.shareDeposits) {
        within(d.depositedOn, "agreed", "funded", "share deposit");
        within(d.decidedAt && dayOf(d.decidedAt), "agreed", "funded", "share decision");
      }
      for (const p of t.payments) within(p.paidOn, "agreed", "funded", "payment");
      for (const log of t.workLogs) within(log.workedOn, "in_progress", "completion_check", "work log");
      if (t.evaluation) within(t.evaluation.evaluatedOn, "site_evaluation", null, "evaluation");
      if (t.settlement) {
        within(t.settlement.submittedAt && dayOf(t.settlement.submittedAt), "settlement", "completed", "settlement");
        within(t.settlement.decidedAt && dayOf(t.settlement.decidedAt), "settlement", "completed", "settlement decision");
      }
      for (const doc of t.documents) expect(notAfter(dayOf(doc.createdAt), today), t.number).toBe(true);
    }
  });

  it("every application from 신청접수 on was made within the intake, with every document its checklist asks for, valid on its day", async () => {
    const program = await prisma.program.findFirstOrThrow();
    const tickets = await prisma.ticket.findMany({ where: { state: { not: "draft" } }, include: TICKET_FACTS_INCLUDE });
    expect(tickets.length).toBeGreaterThan(0);
    for (const t of tickets) {
      const appliedOn = dayOf(t.submittedAt!);
      expect(notAfter(program.intakeOpensOn, appliedOn), t.number).toBe(true);
      const { eligibility, docs } = assessApplication(t, appliedOn);
      expect(eligibility.reasons, t.number).toEqual([]);
      expect(
        docs.problems.map((p) => p.message),
        t.number,
      ).toEqual([]);
      for (const doc of t.documents) {
        if (CERTIFICATE_KINDS.includes(doc.kind as never)) expect(notAfter(doc.issuedOn!, appliedOn), `${t.number} ${doc.kind}`).toBe(true);
        else expect(doc.issuedOn, `${t.number} ${doc.kind}: no issue date asked`).toBeNull();
        expect(doc.attachedAtApplication).toBe(true);
      }
    }
  });

  it("every document is a stored PDF that says, on its face and in its name, that it is a demo sample", async () => {
    const files = await prisma.applicationDocument.findMany({
      select: { file: { select: { mimeType: true, originalName: true, storagePath: true } } },
    });
    expect(files.length).toBeGreaterThan(0);
    for (const { file } of files) {
      expect(file.mimeType).toBe("application/pdf");
      expect(file.originalName).toMatch(/^데모용 견본 - .+\.pdf$/);
    }
    const { text } = await pdfText(await readStoredBytes(files[0].file.storagePath));
    expect(text).toContain("데모용 견본");
    expect(text).toContain("실제로 발급된 서류가 아니며");
  });

  it("every quote line and requested item is of the kind its words say (교육 is training, never HW 부품 수리)", async () => {
    const lines = await prisma.quoteLine.findMany({ select: { kind: true, description: true } });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const says = wordsSay(line.description);
      expect(says, `quote line "${line.description}": unclassified`).not.toBeNull();
      expect(LINE_KINDS[says!] as readonly string[], `quote line "${line.description}"`).toContain(line.kind);
    }
    const tickets = await prisma.ticket.findMany({ include: { items: true, supportTypes: true } });
    for (const t of tickets) {
      const types = t.supportTypes.map((s) => s.type);
      for (const item of t.items) {
        const says = wordsSay(item.description);
        expect(says, `${t.number} item "${item.description}": unclassified`).not.toBeNull();
        expect(ITEM_TYPES[says!] as readonly string[], `${t.number} item "${item.description}"`).toContain(item.supportType);
        expect(types, `${t.number} item "${item.description}" of a type the ticket does not have`).toContain(item.supportType);
      }
    }
  });

  it("a ticket sits at every one of the notice's twelve steps, and the draft ready to submit has its documents", async () => {
    const states = (await prisma.ticket.findMany({ select: { state: true } })).map((t) => t.state as TicketState);
    for (const step of NOTICE_STEPS)
      expect(
        states.some((s) => STATE_STEP[s] === step.no),
        `step ${step.no} ${step.label}`,
      ).toBe(true);
    const drafts = await prisma.ticket.findMany({ where: { state: "draft" }, include: TICKET_FACTS_INCLUDE });
    expect(drafts.some((d) => assessApplication(d, today).docs.complete && assessApplication(d, today).eligibility.eligible)).toBe(true);
  });
});
