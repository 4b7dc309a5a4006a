// Organisation admins (issue 14, item 2) against a real, migrated and seeded SQLite file: invitations by a
// single-use 7-day link whose mail names the organisation and the inviter, accepting it, removing a member
// (sessions gone, history kept), handing over the admin role (never the last one), join requests — each
// scoped to the admin's own organisation.
import "../support/test-db";
import { beforeAll, describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError } from "~/domain";
import { ForbiddenError, NotFoundError } from "~/models/errors.server";
import {
  EMAIL_TAKEN,
  InvitationRefused,
  acceptInvitation,
  cancelInvitation,
  changeAdmin,
  decideJoinRequest,
  inviteMember,
  organizationOverview,
  removeMember,
  viewInvitation,
} from "~/models/membership.server";

useSeededDatabase();

const PASSWORD = "맑은하늘-7월의-바다-9";
let maker1: Actor;
let maker2: Actor;

beforeAll(async () => {
  maker1 = await actorFor("maker1@demo.kr");
  maker2 = await actorFor("maker2@demo.kr");
});

/** The raw token of the last invitation mailed to `email`, read from the mail's link (the only place it exists). */
async function invitationLink(email: string): Promise<string> {
  const mail = await prisma.outboxMail.findFirstOrThrow({ where: { toEmail: email, kind: "invitation" }, orderBy: { createdAt: "desc" } });
  const match = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error(`no invitation link in ${mail.text}`);
  return match[1];
}

/** Invites `email` into maker1's organisation and accepts it; returns the new member's actor. */
async function colleague(email: string, makeAdmin = false): Promise<Actor> {
  await inviteMember(maker1, { email, makeAdmin });
  await acceptInvitation(await invitationLink(email), { name: "새동료", phone: "010-1234-5678", password: PASSWORD });
  return actorFor(email);
}

describe("inviting", () => {
  it("an admin's invitation is a 7-day single-use token of the organisation, mailed with its name and the inviter's", async () => {
    const before = Date.now();
    await inviteMember(maker1, { email: " New.Person@Example.KR ", makeAdmin: true });
    const token = await prisma.emailToken.findFirstOrThrow({ where: { email: "new.person@example.kr", purpose: "invitation" } });
    expect(token).toMatchObject({
      organizationId: maker1.organizationId,
      invitedById: maker1.userId,
      role: "manufacturer",
      makeAdmin: true,
      usedAt: null,
    });
    const days = (token.expiresAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    const mail = await prisma.outboxMail.findFirstOrThrow({ where: { toEmail: "new.person@example.kr", kind: "invitation" } });
    expect(mail.text).toContain(maker1.organizationName);
    expect(mail.text).toContain(maker1.name);
    const raw = await invitationLink("new.person@example.kr");
    expect(token.tokenHash).not.toContain(raw); // only the hash is stored
    expect(await prisma.auditEvent.count({ where: { action: "member.invite", actorId: maker1.userId } })).toBeGreaterThan(0);
  });

  it("an address that already has an account is refused in Korean: no token, no mail, no second account", async () => {
    const tokens = await prisma.emailToken.count();
    const mails = await prisma.outboxMail.count();
    await expect(inviteMember(maker1, { email: "VENDOR1@demo.kr", makeAdmin: false })).rejects.toThrow(EMAIL_TAKEN);
    expect(await prisma.emailToken.count()).toBe(tokens);
    expect(await prisma.outboxMail.count()).toBe(mails);
  });

  it("a second invitation to the same address replaces the first link; a cancelled one stops working", async () => {
    await inviteMember(maker1, { email: "twice@example.kr", makeAdmin: false });
    const first = await invitationLink("twice@example.kr");
    await new Promise((resolve) => setTimeout(resolve, 5));
    await inviteMember(maker1, { email: "twice@example.kr", makeAdmin: false });
    const second = await invitationLink("twice@example.kr");
    expect(await viewInvitation(first)).toEqual({ ok: false, reason: "used" });
    expect(await viewInvitation(second)).toMatchObject({ ok: true, email: "twice@example.kr", organizationName: maker1.organizationName });
    const open = await prisma.emailToken.findFirstOrThrow({ where: { email: "twice@example.kr", usedAt: null } });
    await expect(cancelInvitation(maker2, open.id)).rejects.toBeInstanceOf(NotFoundError); // another organisation's admin
    await cancelInvitation(maker1, open.id);
    expect(await viewInvitation(second)).toEqual({ ok: false, reason: "used" });
  });
});

describe("the Technopark's staff", () => {
  it("a TP admin invites TP staff the same way: the invitation makes a monitor of the Technopark", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    await inviteMember(monitor, { email: "staff@tp.example.kr", makeAdmin: false });
    const { userId } = await acceptInvitation(await invitationLink("staff@tp.example.kr"), {
      name: "신입담당",
      phone: "031-000-0000",
      password: PASSWORD,
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      role: "monitor",
      organizationId: monitor.organizationId,
      isAdmin: false,
    });
    const staff = await actorFor("staff@tp.example.kr");
    await expect(removeMember(staff, monitor.userId)).rejects.toBeInstanceOf(ForbiddenError);
    await removeMember(monitor, userId);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).status).toBe("removed");
  });
});

describe("accepting", () => {
  it("creates the person in the organisation with the invited role and admin flag, the address confirmed; the link is then used", async () => {
    await inviteMember(maker1, { email: "joiner@example.kr", makeAdmin: false });
    const raw = await invitationLink("joiner@example.kr");
    const { userId } = await acceptInvitation(raw, { name: "합류자", phone: "010-2222-3333", password: PASSWORD });
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({
      organizationId: maker1.organizationId,
      role: "manufacturer",
      isAdmin: false,
      status: "active",
      name: "합류자",
    });
    expect(user.emailVerifiedAt).not.toBeNull();
    await expect(acceptInvitation(raw, { name: "두번째", phone: "010", password: PASSWORD })).rejects.toMatchObject({ reason: "used" });
    expect(await prisma.user.count({ where: { email: "joiner@example.kr" } })).toBe(1);
  });

  it("an expired link and a forged one are refused with their reason; a weak password does not use the link up", async () => {
    await inviteMember(maker1, { email: "late@example.kr", makeAdmin: false });
    const raw = await invitationLink("late@example.kr");
    await expect(acceptInvitation(raw, { name: "늦은이", phone: "010", password: "password12" })).rejects.toBeInstanceOf(DomainError);
    expect(await viewInvitation(raw)).toMatchObject({ ok: true });
    await prisma.emailToken.updateMany({ where: { email: "late@example.kr" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvitation(raw, { name: "늦은이", phone: "010", password: PASSWORD })).rejects.toEqual(new InvitationRefused("expired"));
    const forged = raw.slice(0, -1) + (raw.endsWith("A") ? "B" : "A");
    expect(await viewInvitation(forged)).toEqual({ ok: false, reason: "unknown" });
    expect(await viewInvitation("not-a-token")).toEqual({ ok: false, reason: "unknown" });
    expect(await prisma.user.count({ where: { email: "late@example.kr" } })).toBe(0);
  });
});

describe("members", () => {
  it("a member who is not an admin sees the members only and may not invite, remove or hand over (403)", async () => {
    const member = await colleague("plain@example.kr");
    const overview = await organizationOverview(member);
    expect(overview.isAdmin).toBe(false);
    expect(overview.members.map((m) => m.email)).toContain("maker1@demo.kr");
    expect(overview.invitations).toEqual([]);
    await expect(inviteMember(member, { email: "x@example.kr", makeAdmin: false })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeMember(member, maker1.userId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeAdmin(member, member.userId, "grant")).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("an admin of another organisation cannot see or manage these members (not found)", async () => {
    const member = await colleague("target@example.kr");
    await expect(removeMember(maker2, member.userId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(changeAdmin(maker2, member.userId, "handOver")).rejects.toBeInstanceOf(NotFoundError);
    const overview = await organizationOverview(maker2);
    expect(overview.members.map((m) => m.email)).not.toContain("target@example.kr");
    expect(await prisma.user.findUniqueOrThrow({ where: { id: member.userId } })).toMatchObject({ status: "active" });
  });

  it("removing a member ends their sessions at once and keeps their history", async () => {
    const member = await colleague("leaver@example.kr");
    await prisma.auditEvent.create({ data: { actorId: member.userId, action: "ticket.note", summary: "기록" } });
    expect(await prisma.session.count({ where: { userId: member.userId } })).toBeGreaterThan(0);
    await removeMember(maker1, member.userId);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: member.userId } });
    expect(user.status).toBe("removed");
    expect(user.statusChangedAt).not.toBeNull();
    expect(await prisma.session.count({ where: { userId: member.userId } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { actorId: member.userId } })).toBeGreaterThan(0);
    expect(await prisma.auditEvent.count({ where: { action: "member.remove", data: { contains: member.userId } } })).toBe(1);
    expect(await prisma.outboxMail.count({ where: { toEmail: "leaver@example.kr", kind: "member_removed" } })).toBe(1);
    await expect(removeMember(maker1, member.userId)).rejects.toBeInstanceOf(NotFoundError); // already removed
  });

  it("the last admin cannot leave nor be demoted; after handing over, the former admin may leave", async () => {
    await expect(removeMember(maker2, maker2.userId)).rejects.toMatchObject({ code: "last_admin" });
    await expect(changeAdmin(maker2, maker2.userId, "revoke")).rejects.toMatchObject({ code: "last_admin" });
    const next = await colleague("next-admin@example.kr");
    expect(next.organizationId).toBe(maker1.organizationId);
    await changeAdmin(maker1, next.userId, "handOver");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: maker1.userId } })).isAdmin).toBe(false);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: next.userId } })).isAdmin).toBe(true);
    await expect(inviteMember(maker1, { email: "y@example.kr", makeAdmin: false })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeMember(next, next.userId)).rejects.toMatchObject({ code: "last_admin" });
    await changeAdmin(next, maker1.userId, "grant"); // back for the other tests
  });

  it("join requests: an admin approves or refuses a person of their own organisation; another admin cannot", async () => {
    const ask = (email: string) =>
      prisma.user.create({
        data: {
          email,
          name: "가입요청",
          passwordHash: "x",
          role: "manufacturer",
          organizationId: maker1.organizationId,
          status: "pending_join",
        },
      });
    const yes = await ask("ask-yes@example.kr");
    const no = await ask("ask-no@example.kr");
    expect((await organizationOverview(maker1)).requests.map((r) => r.email)).toEqual(
      expect.arrayContaining(["ask-yes@example.kr", "ask-no@example.kr"]),
    );
    await expect(decideJoinRequest(maker2, yes.id, true)).rejects.toBeInstanceOf(NotFoundError);
    await decideJoinRequest(maker1, yes.id, true);
    await decideJoinRequest(maker1, no.id, false);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: yes.id } })).status).toBe("active");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: no.id } })).status).toBe("join_refused");
    expect(
      await prisma.outboxMail.count({ where: { toEmail: { in: ["ask-yes@example.kr", "ask-no@example.kr"] }, kind: "join_decision" } }),
    ).toBe(2);
    await expect(decideJoinRequest(maker1, yes.id, false)).rejects.toBeInstanceOf(NotFoundError); // already decided
  });
});
