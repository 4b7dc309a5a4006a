// 회원가입, the confirmation link and the access states against a real SQLite file with the demo data:
// what a sign-up writes (organisation, admin, token, outbox mail, audit row, all or nothing), what a
// person may do before confirming and while waiting, and that a supplier awaiting approval cannot be named.
import { describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { prisma } from "~/db.server";
import { actorFromSessionId, actorsFromSessionIds, sessionStateFromSessionId, signInRefusal } from "~/auth/session.server";
import { issueToken } from "~/auth/tokens.server";
import { confirmEmail, readConfirmLink, resendConfirmation, signUp, CONFIRM_LIMIT, type SignUpInput } from "~/models/account.server";
import { createDraft, draftFormOptions, type TicketDraftInput } from "~/models/ticket-draft.server";

useSeededDatabase();

const TODAY = "2026-11-27";
const PASSWORD = "푸른바다 위의 등대지기 2026";
let serial = 0;

function company(overrides: Partial<SignUpInput> = {}): SignUpInput {
  serial += 1;
  return {
    kind: "manufacturer",
    businessNumber: "1208600007",
    companyName: "새봄정밀(주)",
    representative: "한새봄",
    address: "경기도 화성시 동탄대로 1",
    region: "경기도",
    name: "한새봄",
    email: `person${serial}@newco.kr`,
    phone: "031-123-4567",
    password: PASSWORD,
    ...overrides,
  };
}

async function sessionFor(userId: string): Promise<string> {
  const id = `acct-${userId}-${Math.random()}`
    .replace(/[^A-Za-z0-9_-]/g, "x")
    .padEnd(43, "x")
    .slice(0, 43);
  await prisma.session.create({ data: { id, userId, expiresAt: new Date(Date.now() + 60_000) } });
  return id;
}

/** The raw token of the newest confirmation mail to `email`, read from the outbox (as the person would from their inbox). */
async function linkMailedTo(email: string): Promise<string> {
  const mail = await prisma.outboxMail.findFirstOrThrow({ where: { toEmail: email, kind: "confirm_email" }, orderBy: { createdAt: "desc" } });
  const match = /\/confirm-email\/([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error("no confirmation link in the mail");
  return match[1];
}

const origin = { ip: "127.0.0.1", userAgent: "vitest" };

function draft(supplierId: string): TicketDraftInput {
  return {
    supportTypes: ["hw_repair"],
    targetSystemId: null,
    supplierId,
    title: "수집기 통신 모듈 수리",
    problem: "통신 모듈 고장",
    desiredOutcome: "모듈 교체",
    items: [
      {
        description: "통신 모듈 교체",
        supportType: "hw_repair",
        quantity: 1,
        isStandaloneEquipment: false,
        isOfficeIt: false,
        isRentalOrSubscription: false,
        isPeriodicConsumable: false,
        underWarranty: false,
      },
    ],
  };
}

describe("signUp: a new manufacturer", () => {
  it("creates the active organisation with the person as its unconfirmed admin, one confirmation mail and an audit row", async () => {
    const input = company({ email: "Owner@NewCo.kr" });
    const outcome = await signUp(input, origin);
    expect(outcome).toMatchObject({ ok: true, joined: "new_organization", organizationName: "새봄정밀(주)" });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "owner@newco.kr" }, include: { organization: true } });
    expect(user).toMatchObject({ isAdmin: true, status: "active", emailVerifiedAt: null, role: "manufacturer", phone: "031-123-4567" });
    expect(user.organization).toMatchObject({ kind: "manufacturer", status: "active", businessNumber: "1208600007", region: "경기도" });
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(await prisma.outboxMail.count({ where: { toEmail: "owner@newco.kr", kind: "confirm_email" } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { actorId: user.id, action: "account.signup" } })).toBe(1);
  });

  it("until the address is confirmed the person is no actor; the link makes them their organisation's admin", async () => {
    const outcome = await signUp(company({ businessNumber: "2208152514" }), origin);
    if (!outcome.ok) throw new Error("sign-up refused");
    const session = await sessionFor(outcome.userId);
    expect(await actorFromSessionId(session)).toBeNull();
    expect(await sessionStateFromSessionId(session)).toMatchObject({ waiting: { access: "unconfirmed" } });
    expect((await actorsFromSessionIds([session])).size).toBe(0);

    const email = (await prisma.user.findUniqueOrThrow({ where: { id: outcome.userId } })).email;
    const raw = await linkMailedTo(email);
    expect(await readConfirmLink(raw)).toEqual({ ok: true, email });
    expect(await confirmEmail(raw, origin)).toEqual({ ok: true, userId: outcome.userId });
    const actor = await actorFromSessionId(session);
    expect(actor).toMatchObject({ role: "manufacturer", isAdmin: true });
    // and it can draft at once, naming an approved supplier
    const vendor1 = await prisma.user.findUniqueOrThrow({ where: { email: "vendor1@demo.kr" } });
    expect((await createDraft(actor!, draft(vendor1.organizationId), TODAY)).number).toMatch(/^AS-/);
  });

  it("a used, expired or forged link is refused and confirms nothing", async () => {
    const outcome = await signUp(company({ businessNumber: "1208600007", email: "late@newco.kr" }), origin);
    expect(outcome).toMatchObject({ ok: true, joined: "join_request" });
    const raw = await linkMailedTo("late@newco.kr");
    expect(await confirmEmail(raw, origin)).toMatchObject({ ok: true });
    expect(await confirmEmail(raw, origin)).toEqual({ ok: false, reason: "used" });
    expect(await confirmEmail(raw.slice(0, 42) + (raw.endsWith("a") ? "b" : "a"), origin)).toEqual({ ok: false, reason: "unknown" });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "late@newco.kr" } });
    const expired = await prisma.$transaction((tx) =>
      issueToken(tx, { purpose: "confirm_email", email: user.email, userId: user.id, ttlMs: -1 }),
    );
    expect(await readConfirmLink(expired)).toEqual({ ok: false, reason: "expired" });
    expect(await confirmEmail(expired, origin)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("signUp: refusals", () => {
  it("a taken address: refused, naming no organisation, writing nothing", async () => {
    const before = await Promise.all([prisma.organization.count(), prisma.user.count(), prisma.outboxMail.count()]);
    const outcome = await signUp(company({ email: "MAKER1@demo.kr", businessNumber: "1318640218" }), origin);
    expect(outcome).toEqual({ ok: false, reason: "email_taken" });
    expect(await Promise.all([prisma.organization.count(), prisma.user.count(), prisma.outboxMail.count()])).toEqual(before);
  });

  it("a password the rules refuse (the company's name in it): the rules' messages, nothing written", async () => {
    const before = await prisma.user.count();
    const outcome = await signUp(company({ companyName: "블루오션테크", password: "블루오션테크2026!!" }), origin);
    expect(outcome).toMatchObject({ ok: false, problems: expect.arrayContaining(["비밀번호에 회사 이름을 쓸 수 없습니다."]) });
    expect(await prisma.user.count()).toBe(before);
  });

  it("a Technopark's number cannot be joined by signing up (its staff are invited)", async () => {
    expect(await signUp(company({ businessNumber: "1348144727" }), origin)).toEqual({ ok: false, reason: "not_joinable" });
  });
});

describe("signUp: a number already registered", () => {
  it("creates no second organisation: a pending, non-admin member; the admins get the request once the address is confirmed", async () => {
    const maker1 = await prisma.user.findUniqueOrThrow({ where: { email: "maker1@demo.kr" }, include: { organization: true } });
    const orgs = await prisma.organization.count();
    const outcome = await signUp(
      company({ businessNumber: maker1.organization.businessNumber, companyName: "아무 이름", email: "colleague@maker1.kr" }),
      origin,
    );
    expect(outcome).toMatchObject({ ok: true, joined: "join_request", organizationName: maker1.organization.name });
    expect(await prisma.organization.count()).toBe(orgs);
    const person = await prisma.user.findUniqueOrThrow({ where: { email: "colleague@maker1.kr" } });
    expect(person).toMatchObject({ organizationId: maker1.organizationId, status: "pending_join", isAdmin: false, role: "manufacturer" });
    const adminMails = () => prisma.outboxMail.count({ where: { toEmail: "maker1@demo.kr", kind: "join_request" } });
    expect(await adminMails()).toBe(0); // not before the address is proven

    const session = await sessionFor(person.id);
    await confirmEmail(await linkMailedTo("colleague@maker1.kr"), origin);
    expect(await adminMails()).toBe(1);
    const mail = await prisma.outboxMail.findFirstOrThrow({ where: { toEmail: "maker1@demo.kr", kind: "join_request" } });
    expect(mail.text).toContain("colleague@maker1.kr");
    expect(mail.text).toContain("/organization");
    expect(await actorFromSessionId(session)).toBeNull();
    expect(await sessionStateFromSessionId(session)).toMatchObject({
      waiting: { access: "pending_join", organizationName: maker1.organization.name },
    });
  });
});

describe("a supplier awaiting the Technopark's approval", () => {
  it("signs up pending, sees only the waiting page, and cannot be named on a ticket until approved", async () => {
    const outcome = await signUp(company({ kind: "supplier", businessNumber: "1318640218", email: "x@x.kr" }), origin);
    // vendor3's number (demo data): a pending supplier organisation — joining it is a join request
    expect(outcome).toMatchObject({ ok: true, joined: "join_request" });
    const fresh = await signUp(
      company({ kind: "supplier", businessNumber: "1058100018", companyName: "새싹솔루션(주)", email: "sales@saessak.kr" }),
      origin,
    );
    if (!fresh.ok) throw new Error(JSON.stringify(fresh));
    const person = await prisma.user.findUniqueOrThrow({ where: { id: fresh.userId }, include: { organization: true } });
    expect(person.organization.status).toBe("pending");
    const session = await sessionFor(person.id);
    await confirmEmail(await linkMailedTo("sales@saessak.kr"), origin);
    expect(await sessionStateFromSessionId(session)).toMatchObject({ waiting: { access: "pending_approval" } });

    const maker = (await actorFromSessionId(
      await sessionFor((await prisma.user.findUniqueOrThrow({ where: { email: "maker2@demo.kr" } })).id),
    ))!;
    const offered = (await draftFormOptions(maker))!.suppliers.map((s) => s.id);
    expect(offered).not.toContain(person.organizationId);
    const vendor3 = await prisma.user.findUniqueOrThrow({ where: { email: "vendor3@demo.kr" } });
    expect(offered).not.toContain(vendor3.organizationId);
    await expect(createDraft(maker, draft(person.organizationId), TODAY)).rejects.toMatchObject({ code: "supplier_not_approved" });

    await prisma.organization.update({ where: { id: person.organizationId }, data: { status: "active" } });
    expect(await actorFromSessionId(session)).toMatchObject({ role: "supplier", isAdmin: true });
    expect((await draftFormOptions(maker))!.suppliers.map((s) => s.id)).toContain(person.organizationId);
  });
});

describe("resendConfirmation", () => {
  it("sends a new link (the old one stops working), at most CONFIRM_LIMIT an hour; nothing for an unknown or confirmed address", async () => {
    await signUp(company({ businessNumber: "1058100018", email: "resend@saessak.kr" }), origin);
    const first = await linkMailedTo("resend@saessak.kr");
    expect(await resendConfirmation({ email: "RESEND@saessak.kr" }, origin)).toBe("sent");
    expect(await confirmEmail(first, origin)).toEqual({ ok: false, reason: "used" });
    for (let i = 2; i < CONFIRM_LIMIT.mails; i++) expect(await resendConfirmation({ email: "resend@saessak.kr" }, origin)).toBe("sent");
    expect(await resendConfirmation({ email: "resend@saessak.kr" }, origin)).toBe("limited");
    expect(await prisma.outboxMail.count({ where: { toEmail: "resend@saessak.kr" } })).toBe(CONFIRM_LIMIT.mails);
    expect(await resendConfirmation({ email: "nobody@nowhere.kr" }, origin)).toBe("not_needed");
    expect(await resendConfirmation({ email: "maker1@demo.kr" }, origin)).toBe("not_needed");
  });
});

describe("removed people and refused or deactivated organisations", () => {
  it("have no actor and are refused at sign-in with a Korean reason", async () => {
    const vendor2 = await prisma.user.findUniqueOrThrow({ where: { email: "vendor2@demo.kr" } });
    const session = await sessionFor(vendor2.id);
    expect(await signInRefusal(vendor2.id)).toBeNull();
    await prisma.organization.update({ where: { id: vendor2.organizationId }, data: { status: "deactivated" } });
    expect(await actorFromSessionId(session)).toBeNull();
    expect(await sessionStateFromSessionId(session)).toBeNull();
    expect(await signInRefusal(vendor2.id)).toMatch(/비활성화된 조직/);
    await prisma.organization.update({ where: { id: vendor2.organizationId }, data: { status: "refused" } });
    expect(await signInRefusal(vendor2.id)).toMatch(/거절된 조직/);
    await prisma.organization.update({ where: { id: vendor2.organizationId }, data: { status: "active" } });
    expect(await actorFromSessionId(session)).not.toBeNull();
    await prisma.user.update({ where: { id: vendor2.id }, data: { status: "removed" } });
    expect(await actorFromSessionId(session)).toBeNull();
    expect(await signInRefusal(vendor2.id)).toMatch(/제외된 계정/);
  });
});
