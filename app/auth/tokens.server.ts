// Single-use mailed links (confirm an address, reset a password, accept an invitation). The link carries
// a random 256-bit token; the database keeps only its SHA-256, so a copy of the database (a backup, a
// leaked file) holds no usable link. Issued and consumed inside the caller's transaction, with the mail
// (outbox) and the change the link makes: a link is used once, or not at all.
import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { normalizeAddress } from "~/mail/outbox.server";

type Tx = Prisma.TransactionClient;

export const TOKEN_PURPOSES = ["confirm_email", "reset_password", "invitation"] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export type IssueTokenInput = {
  purpose: TokenPurpose;
  email: string;
  userId?: string | null;
  organizationId?: string | null;
  invitedById?: string | null;
  role?: string | null;
  makeAdmin?: boolean;
  ttlMs: number;
};

export type TokenRow = Prisma.EmailTokenGetPayload<object>;
/** Why a link was refused: the page says which (a used link is not an expired one). */
export type TokenRefusal = "expired" | "used" | "unknown";
export type ConsumeResult = { ok: true; token: TokenRow } | { ok: false; reason: TokenRefusal };

/** The raw token's form: 32 random bytes, base64url (43 characters). Anything else is refused unread. */
const RAW_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(raw: string): string {
  return crypto.createHash("sha256").update(raw, "utf8").digest("hex");
}

/** Writes the token row inside `tx` and returns the raw token, to be put in the mailed link (and nowhere else). */
export async function issueToken(tx: Tx, input: IssueTokenInput): Promise<string> {
  const raw = crypto.randomBytes(32).toString("base64url"); // 256 bits
  await tx.emailToken.create({
    data: {
      purpose: input.purpose,
      tokenHash: hashToken(raw),
      email: normalizeAddress(input.email),
      userId: input.userId ?? null,
      organizationId: input.organizationId ?? null,
      invitedById: input.invitedById ?? null,
      role: input.role ?? null,
      makeAdmin: input.makeAdmin ?? false,
      expiresAt: new Date(Date.now() + input.ttlMs),
    },
  });
  return raw;
}

/** Constant-time equality of two hex digests (the lookup is by hash; this re-checks without a timing signal). */
function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** The unused, unexpired token row for `purpose`, or why not (nothing is changed). */
async function readToken(tx: Tx, purpose: TokenPurpose, raw: string): Promise<ConsumeResult> {
  if (typeof raw !== "string" || !RAW_TOKEN.test(raw)) return { ok: false, reason: "unknown" };
  const digest = hashToken(raw);
  const token = await tx.emailToken.findUnique({ where: { tokenHash: digest } });
  if (!token || token.purpose !== purpose || !sameDigest(token.tokenHash, digest)) return { ok: false, reason: "unknown" };
  if (token.usedAt) return { ok: false, reason: "used" };
  if (token.expiresAt.getTime() <= Date.now()) return { ok: false, reason: "expired" };
  return { ok: true, token };
}

/**
 * Checks the raw token for `purpose` and marks it used in `tx` (so two concurrent uses cannot both
 * succeed: the second one's conditional update matches no row). The caller makes the link's change in
 * the same transaction.
 */
export async function consumeToken(tx: Tx, purpose: TokenPurpose, raw: string): Promise<ConsumeResult> {
  const read = await readToken(tx, purpose, raw);
  if (!read.ok) return read;
  const now = new Date();
  const marked = await tx.emailToken.updateMany({ where: { id: read.token.id, usedAt: null }, data: { usedAt: now } });
  if (marked.count !== 1) return { ok: false, reason: "used" };
  return { ok: true, token: { ...read.token, usedAt: now } };
}

/** Reads a token without using it (a page that shows a form first, then consumes on submit). */
export function peekToken(tx: Tx, purpose: TokenPurpose, raw: string): Promise<ConsumeResult> {
  return readToken(tx, purpose, raw);
}

/** Ends the still-open links of one purpose for a user (a new link replaces the old; a reset ends older resets). */
export async function revokeTokens(tx: Tx, purpose: TokenPurpose, where: { userId?: string; email?: string }): Promise<number> {
  const filter = where.userId ? { userId: where.userId } : { email: normalizeAddress(where.email ?? "") };
  const result = await tx.emailToken.updateMany({ where: { purpose, usedAt: null, ...filter }, data: { usedAt: new Date() } });
  return result.count;
}
