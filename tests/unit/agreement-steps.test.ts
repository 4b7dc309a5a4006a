// The three-party agreement (협약, ADR 031) against a real, migrated and seeded SQLite file: the TP's draft,
// the two companies' consents (cleared by a change of the terms, kept by the same terms), the conclusion
// only after both, and the date rules checked when preparing and again when concluding.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFor } from "../support/actors";
import type { Actor } from "~/auth/actor";
import { DomainError, addDays, consentsOf, isDomainError } from "~/domain";
import { ConflictError } from "~/models/errors.server";
import { consentAgreement, getAgreementPage, prepareAgreement, refreshAgreementDraft, signAgreement } from "~/models/agreement.server";
import { paramsOf } from "~/models/program.server";

const TODAY = "2026-11-27";
const N = "AS-2026-0006"; // 원가적정성 검토, maker3 × vendor2, quote 34,000,000, selected 45 days ago
let monitor: Actor;
let maker: Actor;
let vendor: Actor;
let ticketId: string;
let selectionNoticeOn: string;

const version = async () => (await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).version;
const draft = () => prisma.agreementDraft.findUniqueOrThrow({ where: { ticketId } });
const liveConsents = () => prisma.agreementConsent.findMany({ where: { ticketId, clearedAt: null }, orderBy: { consentedAt: "asc" } });

/** A cost review the TP confirmed (what the agreement is drawn from): 30,000,000 verified → subsidy 15,000,000. */
async function confirmedReview(verifiedAmount: number) {
  const quote = await prisma.quote.findFirstOrThrow({ where: { ticketId }, orderBy: { version: "desc" } });
  await prisma.costReview.create({
    data: {
      ticketId,
      quoteId: quote.id,
      quoteTotal: quote.total,
      verifiedAmount,
      resultOn: TODAY,
      reviewerId: monitor.userId,
      status: "confirmed",
      confirmedAt: new Date(),
      confirmedById: monitor.userId,
    },
  });
}

const prepare = async (startOn: string, startReason: string | null = null, today = TODAY) =>
  prepareAgreement(monitor, { ticketId, expectedVersion: await version(), today, startOn, startReason });
const consent = async (who: Actor, textHash?: string) =>
  consentAgreement(who, {
    ticketId,
    today: TODAY,
    textHash: textHash ?? (await draft()).textHash,
    ipAddress: "203.0.113.7",
    userAgent: "vitest",
  });
const refusalOf = (e: unknown) => (isDomainError(e) ? [e.message, ...e.reasons] : [String(e)]);

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  monitor = await actorFor("monitor@demo.kr");
  maker = await actorFor("maker3@demo.kr");
  vendor = await actorFor("vendor2@demo.kr");
  const t = await prisma.ticket.findUniqueOrThrow({ where: { number: N } });
  ticketId = t.id;
  selectionNoticeOn = t.selectionNoticeOn!;
  await confirmedReview(30_000_000);
});
afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("the date rules when preparing", () => {
  beforeEach(async () => {
    await prisma.agreementDraft.deleteMany({ where: { ticketId } });
  });

  it("refuses a start before the selection notice", async () => {
    const e = await prepare(addDays(selectionNoticeOn, -1), "착수 회의가 먼저 열림").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect(refusalOf(e)[0]).toMatch(/선정 통보일\(.+\)보다 앞설 수 없습니다/);
    expect(await prisma.agreementDraft.count({ where: { ticketId } })).toBe(0);
  });

  it("refuses a start before today without a reason, accepts it with one", async () => {
    const start = addDays(TODAY, -3);
    await expect(prepare(start)).rejects.toThrow(/오늘\(2026년 11월 27일\)보다 앞섭니다. 그 사유를 적어 주세요/);
    await prepare(start, "  11월 24일 현장 착수 회의부터 작업 시작  ");
    expect(await draft()).toMatchObject({ startOn: start, startReason: "11월 24일 현장 착수 회의부터 작업 시작" });
  });

  it("refuses a period that ended 19 months before the agreement", async () => {
    // the old step accepted any date: a 4-month period started 23 months ago ended 19 months before today
    const e = await prepare(addDays(TODAY, -23 * 30), "소급").catch((x: unknown) => x);
    expect(refusalOf(e).join(" ")).toMatch(/이미 끝났습니다. 끝난 기간으로는 협약할 수 없습니다/);
  });
});

describe("draft, consents and conclusion", () => {
  it("draws the draft from the data, stores its text and SHA-256, and concludes only after both consents", async () => {
    await prisma.agreementDraft.deleteMany({ where: { ticketId } });
    await prepare("2026-12-01");
    const d = await draft();
    expect(d).toMatchObject({
      startOn: "2026-12-01",
      baseEndOn: "2027-03-31",
      agreedCost: 30_000_000,
      subsidy: 15_000_000,
      companyShare: 15_000_000,
    });
    expect(d.textHash).toBe(createHash("sha256").update(d.text, "utf8").digest("hex"));
    for (const part of [
      "도입기업: (주)",
      "공급기업: (주)넥스트엠이에스 (사업자등록번호 214-87-05513",
      "냉장용 온도 센서",
      "협약금액(총사업비): 30,000,000원",
      "2027년 5월 31일",
    ]) {
      expect(d.text).toContain(part);
    }
    expect(d.text).toContain("선금으로 완납");

    // the maker consents: who, when, from where, to which exact text
    await consent(maker);
    const [c] = await liveConsents();
    expect(c).toMatchObject({
      party: "manufacturer",
      userId: maker.userId,
      name: maker.name,
      textHash: d.textHash,
      text: d.text,
      ipAddress: "203.0.113.7",
      userAgent: "vitest",
    });
    // a second consent of the same company is refused
    await expect(consent(maker)).rejects.toThrow(/^도입기업은 이미 협약안에 동의했습니다 \(.+, 2026년 \d+월 \d+일\)\.$/);

    // one consent: the conclusion is refused with the Korean reason
    const one = await signAgreement(monitor, { ticketId, expectedVersion: await version(), today: TODAY }).catch((x: unknown) => x);
    expect(refusalOf(one).join(" ")).toContain("공급기업의 협약 동의가 필요합니다.");
    expect(await prisma.agreement.count({ where: { ticketId } })).toBe(0);

    // the same terms prepared again keep the consent
    await prepare("2026-12-01");
    expect(await liveConsents()).toHaveLength(1);
    expect((await draft()).version).toBe(d.version + 1);

    await consent(vendor);
    expect((await liveConsents()).map((x) => x.party)).toEqual(["manufacturer", "supplier"]);
  });

  it("a consent to a text that is no longer the draft's is refused (409)", async () => {
    const e = await consent(vendor, "0".repeat(64)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConflictError);
    expect((e as Error).message).toBe("협약안이 바뀌었습니다. 화면에 새로 표시된 협약안을 읽고 다시 동의해 주세요.");
  });

  it("another start date clears both consents and tells the companies to consent again", async () => {
    const before = await draft();
    await prepare("2026-12-02");
    const after = await draft();
    expect(after.textHash).not.toBe(before.textHash);
    expect(await liveConsents()).toHaveLength(0);
    expect(await prisma.agreementConsent.count({ where: { ticketId, clearedAt: { not: null } } })).toBe(2);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { ticketId, action: "ticket.prepare_agreement" },
      orderBy: { seq: "desc" },
    });
    expect(audit.summary).toContain("협약안의 사업 시작일, 사업 종료일이 바뀌어 이전 동의 2건이 취소되었습니다");
    // both companies' people get the bell
    for (const who of [maker, vendor]) {
      expect(await prisma.notification.count({ where: { userId: who.userId, eventSeq: audit.seq } })).toBe(1);
    }
    // the old text's hash is now stale
    await expect(consent(maker, before.textHash)).rejects.toBeInstanceOf(ConflictError);
  });

  it("a new confirmed cost review redraws the draft and clears the consents", async () => {
    await consent(maker);
    await confirmedReview(26_000_000);
    // until the draft is redrawn, nobody consents to or concludes on figures the data no longer gives
    await expect(consent(vendor)).rejects.toThrow(/협약안을 작성한 뒤 원가적정성 검토 결과 등 협약 내용이 바뀌었습니다/);
    const page = await getAgreementPage(monitor, ticketId, TODAY);
    expect(page?.draft?.outdated).toBe(true);
    const { program } = await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId }, include: { program: true } });
    const note = await prisma.$transaction((tx) => refreshAgreementDraft(tx, monitor, ticketId, paramsOf(program)));
    expect(note).toContain("협약안의 협약금액, 정부지원금, 기업부담금이 바뀌어 이전 동의 1건이 취소되었습니다");
    expect(await draft()).toMatchObject({ agreedCost: 26_000_000, subsidy: 13_000_000, companyShare: 13_000_000, startOn: "2026-12-02" });
    expect(await liveConsents()).toHaveLength(0);
    expect((await getAgreementPage(monitor, ticketId, TODAY))?.draft?.outdated).toBe(false);
  });

  it("re-checks the start date on the day of conclusion, then creates the agreement and its version 1 from the draft", async () => {
    await consent(maker);
    await consent(vendor);
    // concluded a week after the start without a stated reason: refused, prepare again with the reason
    const late = addDays("2026-12-02", 7);
    const e = await signAgreement(monitor, { ticketId, expectedVersion: await version(), today: late }).catch((x: unknown) => x);
    expect(refusalOf(e)[0]).toBe(
      "협약안의 사업 시작일로는 오늘 협약할 수 없습니다. 사업 시작일(또는 그 사유)을 고쳐 협약안을 다시 작성해 주세요.",
    );
    expect(refusalOf(e).join(" ")).toContain("그 사유를 적어 주세요");
    // the reason is not part of the agreed text: stating it keeps both consents
    await prepare("2026-12-02", "착수 회의 후 현장 작업 시작", late);
    expect(await liveConsents()).toHaveLength(2);
    await signAgreement(monitor, { ticketId, expectedVersion: await version(), today: late });
    const d = await draft();
    const agreement = await prisma.agreement.findUniqueOrThrow({ where: { ticketId }, include: { versions: true } });
    expect(agreement).toMatchObject({
      startOn: "2026-12-02",
      baseEndOn: "2027-04-01",
      endOn: "2027-04-01",
      agreedCost: 26_000_000,
      subsidy: 13_000_000,
      companyShare: 13_000_000,
      startReason: "착수 회의 후 현장 작업 시작",
      draftId: d.id,
      currentVersion: 1,
    });
    expect(agreement.versions).toHaveLength(1);
    expect(agreement.versions[0]).toMatchObject({
      version: 1,
      startOn: "2026-12-02",
      endOn: "2027-04-01",
      agreedCost: 26_000_000,
      quoteVersion: 1,
    });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).toMatchObject({
      state: "agreed",
      windowEndOn: "2027-04-01",
      subsidy: 13_000_000,
    });
  });
});

describe("demo data", () => {
  it("every demo ticket in 협약체결 or later has its agreement concluded from a draft both companies consented to", async () => {
    const agreements = await prisma.agreement.findMany({
      where: { ticket: { number: { not: N } } },
      include: { versions: true, ticket: { select: { number: true, state: true } } },
    });
    expect(agreements.map((a) => a.ticket.state).sort()).toEqual(["agreed", "completed", "follow_up", "funded", "in_progress"]);
    for (const a of agreements) {
      const draft = await prisma.agreementDraft.findUniqueOrThrow({ where: { id: a.draftId! }, include: { consents: true } });
      expect(consentsOf(draft.consents, draft.textHash).waitingFor, a.ticket.number).toEqual([]);
      expect(draft).toMatchObject({ startOn: a.startOn, agreedCost: a.agreedCost, subsidy: a.subsidy, companyShare: a.companyShare });
      expect(a.versions.map((v) => v.version)).toEqual([1]);
    }
  });
});
