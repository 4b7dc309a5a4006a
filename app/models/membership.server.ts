// An organisation's people, managed by its admins (issue 14, item 2; docs/decisions/021): invite by a
// mailed single-use link (7 days), accept it, remove a member (sessions and sockets end at once, their
// history stays), hand over or share the admin role (never leaving the organisation without one),
// decide requests to join. Everything is scoped by the actor's own organisation: a member of another
// organisation is the same "not found" as one that does not exist. Whether the actor is an admin is read
// from the database in the same transaction as the change, so a demotion counts from that moment.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { hashPassword } from "~/auth/session.server";
import { consumeToken, issueToken, peekToken, type TokenRefusal } from "~/auth/tokens.server";
import { endAllSessions } from "~/auth/revoke.server";
import { passwordProblems } from "~/auth/password-policy.server";
import { DomainError, ROLE_LABELS, isRole, type Role, josa } from "~/domain";
import { enqueueMail, normalizeAddress } from "~/mail/outbox.server";
import { invitationMail } from "~/mail/templates/invitation.server";
import { joinDecisionMail } from "~/mail/templates/join-decision.server";
import { memberRemovedMail } from "~/mail/templates/member-removed.server";
import { securityEvent } from "~/utils/log.server";
import { INVITATION_VALID_DAYS } from "~/utils/membership";
export { INVITATION_VALID_DAYS };
import { ForbiddenError, NotFoundError } from "./errors.server";

type Tx = Prisma.TransactionClient;

const DAY_MS = 86_400_000;

export const MEMBER_MISSING = "구성원을 찾을 수 없습니다.";
export const ADMINS_ONLY = "조직 관리자만 할 수 있습니다. 관리자에게 요청해 주세요.";
export const EMAIL_TAKEN = "이미 가입된 이메일입니다. 한 이메일로는 계정을 하나만 만들 수 있어 초대할 수 없습니다.";
const LAST_ADMIN = "조직에는 관리자가 한 명 이상 있어야 합니다. 다른 구성원에게 관리자 권한을 넘긴 뒤 다시 시도해 주세요.";

/** The role a person gets in an organisation of this kind. */
const ROLE_OF_KIND: Record<string, Role> = {
  manufacturer: "manufacturer",
  supplier: "supplier",
  technopark: "monitor",
  evaluator: "evaluator",
  cost_agency: "cost_agency",
};

export function roleLabel(role: string, makeAdmin: boolean): string {
  return `${isRole(role) ? ROLE_LABELS[role] : role} ${makeAdmin ? "관리자" : "구성원"}`;
}

/** An audit line about an organisation's people (no ticket): the person's history and the organisation's. */
export function audit(tx: Tx, actorId: string | null, action: string, summary: string, data: Record<string, unknown>) {
  return tx.auditEvent.create({ data: { ticketId: null, programId: null, actorId, action, summary, data: JSON.stringify(data) } });
}

/** The actor as an active admin of their organisation, read now; otherwise the Korean 403. */
async function requireAdmin(tx: Tx, actor: Actor): Promise<void> {
  const me = await tx.user.findUnique({ where: { id: actor.userId }, select: { isAdmin: true, status: true, organizationId: true } });
  if (!me?.isAdmin || me.status !== "active" || me.organizationId !== actor.organizationId) throw new ForbiddenError(ADMINS_ONLY);
}

export async function isOrganizationAdmin(actor: Actor): Promise<boolean> {
  const me = await prisma.user.findUnique({ where: { id: actor.userId }, select: { isAdmin: true, status: true } });
  return Boolean(me?.isAdmin && me.status === "active");
}

const MEMBER_SELECT = { id: true, name: true, email: true, phone: true, isAdmin: true, status: true, lastLoginAt: true } as const;

/** A person of the actor's organisation in one of `statuses`, or the same 404 as a foreign one. */
async function memberOf(tx: Tx, actor: Actor, userId: string, statuses: readonly string[]) {
  const member = await tx.user.findFirst({
    where: { id: userId, organizationId: actor.organizationId, status: { in: [...statuses] } },
    select: MEMBER_SELECT,
  });
  if (!member) throw new NotFoundError(MEMBER_MISSING);
  return member;
}

function activeAdminCount(tx: Tx, organizationId: string): Promise<number> {
  return tx.user.count({ where: { organizationId, isAdmin: true, status: "active" } });
}

/** The organisation page: its members for everyone in it; invitations and join requests for its admins only. */
export async function organizationOverview(actor: Actor) {
  const isAdmin = await isOrganizationAdmin(actor);
  const [organization, members] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { id: true, name: true, kind: true, status: true } }),
    prisma.user.findMany({ where: { organizationId: actor.organizationId, status: "active" }, select: MEMBER_SELECT, orderBy: { name: "asc" } }),
  ]);
  if (!isAdmin) return { organization, isAdmin, members, invitations: [], requests: [] };
  const [invitations, requests] = await Promise.all([
    prisma.emailToken.findMany({
      where: { purpose: "invitation", organizationId: actor.organizationId, usedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, email: true, role: true, makeAdmin: true, expiresAt: true, createdAt: true },
      orderBy: { createdAt: "desc" },
    }),
    prisma.user.findMany({
      where: { organizationId: actor.organizationId, status: "pending_join" },
      select: { id: true, name: true, email: true, phone: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { organization, isAdmin, members, invitations, requests };
}

export type InvitationInput = {
  email: string;
  makeAdmin: boolean;
};

/**
 * Writes an invitation into `organizationId` as `role` inside `tx`: the token (7 days, single use) and its
 * mail. The organisation and the role travel in the token, not derived at acceptance, so a Technopark can
 * later invite people into organisations of other kinds (evaluators, the cost-accounting agency) with this
 * same function. An address that has an account is refused (one account per address: v1 has no second one).
 */
export async function writeInvitation(
  tx: Tx,
  input: { email: string; organizationId: string; role: Role; makeAdmin: boolean; inviter: { id: string; name: string } },
): Promise<void> {
  const email = normalizeAddress(input.email);
  if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new DomainError("email_taken", EMAIL_TAKEN);
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { name: true } });
  // a new invitation to the same address replaces the still-open one of this organisation
  await tx.emailToken.updateMany({
    where: { purpose: "invitation", email, organizationId: input.organizationId, usedAt: null },
    data: { usedAt: new Date() },
  });
  const token = await issueToken(tx, {
    purpose: "invitation",
    email,
    organizationId: input.organizationId,
    invitedById: input.inviter.id,
    role: input.role,
    makeAdmin: input.makeAdmin,
    ttlMs: INVITATION_VALID_DAYS * DAY_MS,
  });
  const content = invitationMail({
    organizationName: organization.name,
    inviterName: input.inviter.name,
    roleLabel: roleLabel(input.role, input.makeAdmin),
    token,
    validDays: INVITATION_VALID_DAYS,
  });
  await enqueueMail(tx, { kind: "invitation", to: { email }, organizationId: input.organizationId, content });
  await audit(tx, input.inviter.id, "member.invite", `${josa(email, "을", "를")} ${organization.name}에 초대했습니다.`, {
    email,
    organizationId: input.organizationId,
    role: input.role,
    makeAdmin: input.makeAdmin,
  });
}

/** An admin invites a colleague into their own organisation, as a member or as another admin. */
export async function inviteMember(actor: Actor, input: InvitationInput): Promise<{ email: string }> {
  const email = normalizeAddress(input.email);
  await prisma.$transaction(async (tx) => {
    await requireAdmin(tx, actor);
    const organization = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { kind: true } });
    const role = ROLE_OF_KIND[organization.kind] ?? actor.role;
    await writeInvitation(tx, {
      email,
      organizationId: actor.organizationId,
      role,
      makeAdmin: input.makeAdmin,
      inviter: { id: actor.userId, name: actor.name },
    });
  });
  securityEvent("invitation.sent", { by: actor.userId, organizationId: actor.organizationId, email, makeAdmin: input.makeAdmin });
  return { email };
}

/** An admin withdraws an invitation not yet accepted (the link stops working). */
export async function cancelInvitation(actor: Actor, invitationId: string): Promise<{ email: string }> {
  const email = await prisma.$transaction(async (tx) => {
    await requireAdmin(tx, actor);
    const invitation = await tx.emailToken.findFirst({
      where: { id: invitationId, purpose: "invitation", organizationId: actor.organizationId, usedAt: null },
      select: { id: true, email: true },
    });
    if (!invitation) throw new NotFoundError("초대를 찾을 수 없습니다. 이미 수락되었거나 취소되었습니다.");
    await tx.emailToken.update({ where: { id: invitation.id }, data: { usedAt: new Date() } });
    await audit(tx, actor.userId, "member.invite_cancel", `${invitation.email} 초대를 취소했습니다.`, { email: invitation.email });
    return invitation.email;
  });
  securityEvent("invitation.cancelled", { by: actor.userId, organizationId: actor.organizationId, email });
  return { email };
}

/**
 * Removes a member (an admin removes anyone of the organisation; anyone may leave it themselves): status
 * `removed`, no admin role, a mail; after the commit their sessions are deleted and their sockets closed.
 * Their tickets, audit lines and files stay: the person is only no longer able to sign in.
 */
export async function removeMember(actor: Actor, userId: string): Promise<{ name: string }> {
  const leaving = userId === actor.userId;
  const member = await prisma.$transaction(async (tx) => {
    if (!leaving) await requireAdmin(tx, actor);
    const target = await memberOf(tx, actor, userId, ["active"]);
    if (target.isAdmin && (await activeAdminCount(tx, actor.organizationId)) <= 1) throw new DomainError("last_admin", LAST_ADMIN);
    // conditional on the status read: a concurrent removal changes nothing twice
    const changed = await tx.user.updateMany({
      where: { id: target.id, status: "active" },
      data: { status: "removed", statusChangedAt: new Date(), isAdmin: false },
    });
    if (changed.count !== 1) throw new NotFoundError(MEMBER_MISSING);
    await tx.emailToken.updateMany({ where: { userId: target.id, usedAt: null }, data: { usedAt: new Date() } });
    const by = leaving ? "본인" : `${actor.organizationName} 관리자 ${actor.name} 님`;
    const content = memberRemovedMail({ name: target.name, organizationName: actor.organizationName, by });
    await enqueueMail(tx, {
      kind: "member_removed",
      to: { email: target.email, userId: target.id },
      organizationId: actor.organizationId,
      content,
    });
    const summary = leaving ? `${target.name} 님이 조직을 떠났습니다.` : `${target.name} 님을 조직에서 제외했습니다.`;
    await audit(tx, actor.userId, "member.remove", summary, { userId: target.id, organizationId: actor.organizationId });
    return target;
  });
  const ended = await endAllSessions(member.id);
  securityEvent("member.removed", {
    by: actor.userId,
    userId: member.id,
    organizationId: actor.organizationId,
    self: leaving,
    sessionsEnded: ended,
  });
  return { name: member.name };
}

/**
 * Gives or takes the admin role of a member. Taking it from the last admin is refused; `handOver` gives it
 * to the member and takes it from the actor in one transaction.
 */
export async function changeAdmin(actor: Actor, userId: string, change: "grant" | "revoke" | "handOver"): Promise<{ name: string }> {
  const member = await prisma.$transaction(async (tx) => {
    await requireAdmin(tx, actor);
    const target = await memberOf(tx, actor, userId, ["active"]);
    if (change === "handOver" && target.id === actor.userId)
      throw new DomainError("hand_over_self", "관리자 권한을 넘길 다른 구성원을 골라 주세요.");
    const grant = change !== "revoke";
    await tx.user.update({ where: { id: target.id }, data: { isAdmin: grant } });
    if (change === "handOver") await tx.user.update({ where: { id: actor.userId }, data: { isAdmin: false } });
    if ((await activeAdminCount(tx, actor.organizationId)) < 1) throw new DomainError("last_admin", LAST_ADMIN);
    const summary =
      change === "handOver"
        ? `${target.name} 님에게 관리자 권한을 넘겼습니다.`
        : `${target.name} 님의 관리자 권한을 ${grant ? "부여" : "해제"}했습니다.`;
    await audit(tx, actor.userId, "member.role", summary, { userId: target.id, change });
    return target;
  });
  securityEvent("member.role_changed", { by: actor.userId, userId: member.id, organizationId: actor.organizationId, change });
  return { name: member.name };
}

/** An admin approves or refuses a person's request to join the organisation (made at sign-up); the person is mailed. */
export async function decideJoinRequest(actor: Actor, userId: string, approve: boolean): Promise<{ name: string }> {
  const person = await prisma.$transaction(async (tx) => {
    await requireAdmin(tx, actor);
    const target = await memberOf(tx, actor, userId, ["pending_join"]);
    const changed = await tx.user.updateMany({
      where: { id: target.id, status: "pending_join" },
      data: { status: approve ? "active" : "join_refused", statusChangedAt: new Date() },
    });
    if (changed.count !== 1) throw new NotFoundError(MEMBER_MISSING);
    const content = joinDecisionMail({ name: target.name, organizationName: actor.organizationName, approved: approve });
    await enqueueMail(tx, {
      kind: "join_decision",
      to: { email: target.email, userId: target.id },
      organizationId: actor.organizationId,
      content,
    });
    const summary = `${target.name} 님의 가입 요청을 ${approve ? "승인" : "거절"}했습니다.`;
    await audit(tx, actor.userId, approve ? "member.join_approve" : "member.join_refuse", summary, { userId: target.id });
    return target;
  });
  // a refused person may have signed in to wait: their sessions end with the refusal
  if (!approve) await endAllSessions(person.id);
  securityEvent(approve ? "join.approved" : "join.refused", { by: actor.userId, userId: person.id, organizationId: actor.organizationId });
  return { name: person.name };
}

// ─── Accepting an invitation ────────────────────────────────────────────────

export type InvitationView =
  | { ok: true; email: string; organizationName: string; inviterName: string | null; roleLabel: string }
  | { ok: false; reason: TokenRefusal | "inactive" | "taken" };

type InvitationRow = { email: string; organizationId: string | null; invitedById: string | null; role: string | null; makeAdmin: boolean };

/** Whether the invitation can still make an account: its organisation active, its address without one. */
async function invitationTarget(
  tx: Tx,
  token: InvitationRow,
): Promise<{ refused: "inactive" | "taken" } | { refused?: undefined; organization: { id: string; name: string }; role: Role }> {
  const organization = token.organizationId
    ? await tx.organization.findUnique({ where: { id: token.organizationId }, select: { id: true, name: true, status: true } })
    : null;
  if (!organization || organization.status !== "active" || !token.role || !isRole(token.role)) return { refused: "inactive" };
  if (await tx.user.findUnique({ where: { email: token.email }, select: { id: true } })) return { refused: "taken" };
  return { organization, role: token.role };
}

/** What the invitation page shows before the person sets a password (nothing is used up). */
export async function viewInvitation(raw: string): Promise<InvitationView> {
  const read = await peekToken(prisma, "invitation", raw);
  if (!read.ok) return read;
  const target = await invitationTarget(prisma, read.token);
  if (target.refused) return { ok: false, reason: target.refused };
  const inviter = read.token.invitedById
    ? await prisma.user.findUnique({ where: { id: read.token.invitedById }, select: { name: true } })
    : null;
  return {
    ok: true,
    email: read.token.email,
    organizationName: target.organization.name,
    inviterName: inviter?.name ?? null,
    roleLabel: roleLabel(target.role, read.token.makeAdmin),
  };
}

export type AcceptInput = { name: string; phone: string; password: string };

export class InvitationRefused extends Error {
  constructor(readonly reason: TokenRefusal | "inactive" | "taken") {
    super(`invitation refused: ${reason}`);
    this.name = "InvitationRefused";
  }
}

/**
 * Uses the invitation: creates the person in its organisation with its role and admin flag, the address
 * confirmed (the link reached it). The password rule is checked first (a refused password does not use
 * the link up). Returns the new user's id, to sign them in.
 */
export async function acceptInvitation(raw: string, input: AcceptInput): Promise<{ userId: string }> {
  const view = await viewInvitation(raw);
  if (!view.ok) throw new InvitationRefused(view.reason);
  const problems = passwordProblems(input.password, { email: view.email, companyName: view.organizationName, name: input.name });
  if (problems.length) throw new DomainError("weak_password", problems[0], problems);
  const passwordHash = await hashPassword(input.password);
  const user = await prisma.$transaction(async (tx) => {
    const used = await consumeToken(tx, "invitation", raw);
    if (!used.ok) throw new InvitationRefused(used.reason);
    const target = await invitationTarget(tx, used.token);
    if (target.refused) throw new InvitationRefused(target.refused);
    const now = new Date();
    const created = await tx.user.create({
      data: {
        email: used.token.email,
        name: input.name,
        phone: input.phone,
        passwordHash,
        role: target.role,
        organizationId: target.organization.id,
        isAdmin: used.token.makeAdmin,
        emailVerifiedAt: now,
        passwordChangedAt: now,
        status: "active",
      },
      select: { id: true, name: true },
    });
    await audit(tx, created.id, "member.join", `${created.name} 님이 초대를 수락해 ${target.organization.name}에 합류했습니다.`, {
      organizationId: target.organization.id,
      invitedById: used.token.invitedById,
      makeAdmin: used.token.makeAdmin,
    });
    return { id: created.id, organizationId: target.organization.id, invitedById: used.token.invitedById };
  });
  securityEvent("invitation.accepted", { userId: user.id, organizationId: user.organizationId, invitedById: user.invitedById });
  return { userId: user.id };
}
