// 회원가입 and the confirmation of the address (issue 14, item 1; docs/decisions/020). A company registers
// with its 사업자등록번호: a new number creates the organisation with the person as its admin (a
// manufacturer active at once, a supplier pending until the Technopark approves it); a number already
// registered creates no second organisation — the person asks to join it, and its admins decide. Every
// change is one transaction with its token, its outbox mail and its audit row; nothing leaves unless it
// commits. Writes are serialised on SQLite's one writing connection (db.server.ts), so the checks
// "address taken?" and "number registered?" cannot race the create that follows them.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { hashPassword } from "~/auth/session.server";
import { passwordProblems } from "~/auth/password-policy.server";
import { consumeToken, issueToken, peekToken, revokeTokens, type TokenRefusal } from "~/auth/tokens.server";
import { enqueueMail, normalizeAddress } from "~/mail/outbox.server";
import { confirmEmailMail } from "~/mail/templates/confirm-email.server";
import { joinRequestMail } from "~/mail/templates/join-request.server";
import type { Role } from "~/domain";
import { securityEvent } from "~/utils/log.server";
import { josa } from "~/domain";

type Tx = Prisma.TransactionClient;
type Origin = Record<string, unknown>;

export const CONFIRM_TTL_MS = 24 * 60 * 60_000;
/** At most this many confirmation mails per address in the window (the first one at sign-up included). */
export const CONFIRM_LIMIT = { mails: 4, windowMs: 60 * 60_000 } as const;

export const SIGNUP_KINDS = ["manufacturer", "supplier"] as const;
export type SignUpKind = (typeof SIGNUP_KINDS)[number];

export type SignUpInput = {
  kind: SignUpKind;
  /** digits only (normalised and checksum-checked by the form) */
  businessNumber: string;
  companyName: string;
  representative: string;
  address: string;
  region: string;
  name: string;
  email: string;
  phone: string;
  password: string;
};

export type SignUpOutcome =
  | { ok: true; userId: string; joined: "new_organization" | "join_request"; organizationName: string }
  | { ok: false; reason: "email_taken" | "not_joinable" }
  | { ok: false; problems: string[] };

/** The role of a person in an organisation of this kind; a Technopark's staff are invited, never signed up. */
const SIGNUP_ROLE: Record<string, Role | undefined> = { manufacturer: "manufacturer", supplier: "supplier" };

function audit(tx: Tx, actorId: string, action: string, summary: string, data: Record<string, unknown>) {
  return tx.auditEvent.create({ data: { ticketId: null, programId: null, actorId, action, summary, data: JSON.stringify(data) } });
}

/** Writes a confirmation link for the person and its mail, inside `tx`; older links of the person stop working. */
async function sendConfirmation(tx: Tx, user: { id: string; name: string; email: string; status: string }, organizationName: string) {
  await revokeTokens(tx, "confirm_email", { userId: user.id });
  const token = await issueToken(tx, { purpose: "confirm_email", email: user.email, userId: user.id, ttlMs: CONFIRM_TTL_MS });
  const expiresAt = new Date(Date.now() + CONFIRM_TTL_MS);
  const content = confirmEmailMail({ name: user.name, organizationName, joining: user.status === "pending_join", token, expiresAt });
  await enqueueMail(tx, { kind: "confirm_email", to: { email: user.email, userId: user.id }, content });
}

/** A new organisation with the person as its first admin (a supplier waits for the Technopark). */
async function createOrganization(tx: Tx, input: SignUpInput, email: string, passwordHash: string) {
  const organization = await tx.organization.create({
    data: {
      kind: input.kind,
      name: input.companyName,
      businessNumber: input.businessNumber,
      representative: input.representative,
      address: input.address,
      region: input.region,
      status: input.kind === "supplier" ? "pending" : "active",
      statusChangedAt: new Date(),
    },
    select: { id: true, name: true },
  });
  const user = await tx.user.create({
    data: { email, name: input.name, phone: input.phone, passwordHash, role: input.kind, organizationId: organization.id, isAdmin: true },
  });
  return { user, organization };
}

/**
 * Registers a company or asks to join the one that holds the business number. Refuses a taken address
 * (the answer names no organisation), a password the rules refuse, and a number of a Technopark (its
 * staff are invited) or of an organisation that was refused or deactivated.
 */
export async function signUp(input: SignUpInput, origin: Origin): Promise<SignUpOutcome> {
  const email = normalizeAddress(input.email);
  const problems = passwordProblems(input.password, { email, companyName: input.companyName, name: input.name });
  if (problems.length > 0) return { ok: false, problems };
  const passwordHash = await hashPassword(input.password);
  const outcome = await prisma.$transaction(async (tx): Promise<SignUpOutcome> => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) return { ok: false, reason: "email_taken" };
    const existing = await tx.organization.findUnique({
      where: { businessNumber: input.businessNumber },
      select: { id: true, name: true, kind: true, status: true },
    });
    if (existing) return requestToJoin(tx, existing, input, email, passwordHash);
    const { user, organization } = await createOrganization(tx, input, email, passwordHash);
    await sendConfirmation(tx, user, organization.name);
    const kindLabel = input.kind === "supplier" ? "공급기업" : "도입기업";
    await audit(tx, user.id, "account.signup", `${josa(organization.name, "을", "를")} ${josa(kindLabel, "으로", "로")} 등록했습니다.`, {
      organizationId: organization.id,
    });
    return { ok: true, userId: user.id, joined: "new_organization", organizationName: organization.name };
  });
  securityEvent("account.signup", {
    email,
    kind: input.kind,
    outcome: outcome.ok ? outcome.joined : "reason" in outcome ? outcome.reason : "password",
    userId: outcome.ok ? outcome.userId : null,
    ...origin,
  });
  return outcome;
}

/** The person becomes a pending member (not admin) of the organisation; its admins hear of it once the address is confirmed. */
async function requestToJoin(
  tx: Tx,
  organization: { id: string; name: string; kind: string; status: string },
  input: SignUpInput,
  email: string,
  passwordHash: string,
): Promise<SignUpOutcome> {
  const role = SIGNUP_ROLE[organization.kind];
  if (!role || (organization.status !== "active" && organization.status !== "pending")) return { ok: false, reason: "not_joinable" };
  const user = await tx.user.create({
    data: {
      email,
      name: input.name,
      phone: input.phone,
      passwordHash,
      role,
      organizationId: organization.id,
      status: "pending_join",
      statusChangedAt: new Date(),
    },
  });
  await sendConfirmation(tx, user, organization.name);
  await audit(tx, user.id, "account.join_request", `${organization.name}에 가입을 요청했습니다.`, { organizationId: organization.id });
  return { ok: true, userId: user.id, joined: "join_request", organizationName: organization.name };
}

export type ConfirmLink = { ok: true; email: string } | { ok: false; reason: TokenRefusal };

/** What the link page shows before the person presses the button (a mail scanner's GET changes nothing). */
export async function readConfirmLink(raw: string): Promise<ConfirmLink> {
  const read = await prisma.$transaction((tx) => peekToken(tx, "confirm_email", raw));
  return read.ok ? { ok: true, email: read.token.email } : read;
}

export type ConfirmOutcome = { ok: true; userId: string } | { ok: false; reason: TokenRefusal };

/**
 * Uses the link: the address is confirmed (once; a link for an address the account no longer has is
 * "unknown"). A person asking to join: now, and only now, the organisation's admins get the request.
 */
export async function confirmEmail(raw: string, origin: Origin): Promise<ConfirmOutcome> {
  const outcome = await prisma.$transaction(async (tx): Promise<ConfirmOutcome> => {
    const used = await consumeToken(tx, "confirm_email", raw);
    if (!used.ok) return used;
    const user = await tx.user.findUnique({
      where: { id: used.token.userId ?? "" },
      select: { id: true, name: true, email: true, phone: true, status: true, emailVerifiedAt: true, organizationId: true },
    });
    if (!user || user.email !== used.token.email || (user.status !== "active" && user.status !== "pending_join")) {
      return { ok: false, reason: "unknown" };
    }
    if (user.emailVerifiedAt) return { ok: true, userId: user.id };
    await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    await audit(tx, user.id, "account.email_confirmed", "메일 주소를 확인했습니다.", { email: user.email });
    if (user.status === "pending_join") await notifyAdminsOfJoin(tx, user);
    return { ok: true, userId: user.id };
  });
  securityEvent(outcome.ok ? "account.email_confirmed" : "account.confirm_refused", {
    userId: outcome.ok ? outcome.userId : null,
    reason: outcome.ok ? null : outcome.reason,
    ...origin,
  });
  return outcome;
}

/** One mail to each active, confirmed admin of the organisation the person asks to join. */
async function notifyAdminsOfJoin(tx: Tx, person: { id: string; name: string; email: string; phone: string | null; organizationId: string }) {
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: person.organizationId }, select: { name: true } });
  const admins = await tx.user.findMany({
    where: { organizationId: person.organizationId, isAdmin: true, status: "active", emailVerifiedAt: { not: null } },
    select: { id: true, name: true, email: true },
  });
  for (const admin of admins) {
    await enqueueMail(tx, {
      kind: "join_request",
      to: { email: admin.email, userId: admin.id },
      organizationId: person.organizationId,
      content: joinRequestMail({ adminName: admin.name, organizationName: organization.name, requester: person }),
      dedupeKey: `join_request:${person.id}:${admin.id}`,
    });
  }
  securityEvent("join.requested", { userId: person.id, organizationId: person.organizationId, admins: admins.length });
}

export type ResendOutcome = "sent" | "not_needed" | "limited";

/** The one answer to a resend asked by address: whether it has an unconfirmed account is not told. */
export const RESEND_ANSWER =
  "입력하신 주소로 확인을 기다리는 계정이 있으면 확인 링크를 다시 보냈습니다. 링크는 24시간 동안 한 번만 쓸 수 있습니다. 메일이 오지 않으면 스팸함을 확인하거나 잠시 후 다시 요청해 주세요.";

/**
 * Sends a new confirmation link to an unconfirmed account, found by its id (the signed-in person) or its
 * address (anyone: the caller answers RESEND_ANSWER whatever happened). At most CONFIRM_LIMIT an hour.
 */
export async function resendConfirmation(who: { userId: string } | { email: string }, origin: Origin, now = new Date()): Promise<ResendOutcome> {
  const where = "userId" in who ? { id: who.userId } : { email: normalizeAddress(who.email) };
  const outcome = await prisma.$transaction(async (tx): Promise<ResendOutcome> => {
    const user = await tx.user.findUnique({
      where,
      select: { id: true, name: true, email: true, status: true, emailVerifiedAt: true, organization: { select: { name: true } } },
    });
    const recent = await tx.emailToken.count({
      where: { purpose: "confirm_email", userId: user?.id ?? "-", createdAt: { gte: new Date(now.getTime() - CONFIRM_LIMIT.windowMs) } },
    });
    if (!user || user.emailVerifiedAt || (user.status !== "active" && user.status !== "pending_join")) return "not_needed";
    if (recent >= CONFIRM_LIMIT.mails) return "limited";
    await sendConfirmation(tx, user, user.organization.name);
    return "sent";
  });
  securityEvent("account.confirmation_resent", { ...("userId" in who ? { userId: who.userId } : { email: where.email }), outcome, ...origin });
  return outcome;
}

/** The organisation a waiting person belongs to, for the 승인 대기 page: what they wait for, and since when. */
export async function waitingDetails(userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { status: true, createdAt: true, organization: { select: { name: true, kind: true, status: true, createdAt: true } } },
  });
  if (!user) return null;
  const joining = user.status === "pending_join";
  return { joining, organizationName: user.organization.name, since: joining ? user.createdAt : user.organization.createdAt };
}
