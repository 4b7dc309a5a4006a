import type { Role } from "~/domain";

/** Who is acting: every model function takes this and scopes by it. */
export type Actor = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  organizationKind: string;
  /** The organisation's admin (관리자): invites and removes colleagues, hands the role over. Absent = not an admin. */
  isAdmin?: boolean;
  /** Monitors: the programs their Technopark runs (looked up with the session), so scoping is an indexed `programId IN (…)`. */
  programIds?: string[];
};

/**
 * How far a signed-in person may go (ADR 020). Only `active` yields an Actor; the others may see one page:
 * - `unconfirmed`: the address is not confirmed yet → the "메일 주소를 확인해 주세요" page (/confirm-email);
 * - `pending_approval`: a supplier organisation awaiting the Technopark's approval → the "승인 대기" page (/pending);
 * - `pending_join`: asked to join an existing organisation, its admin has not decided → the "승인 대기" page.
 * A removed or refused person, or a refused or deactivated organisation, has no session at all.
 */
export type AccessState = "active" | "unconfirmed" | "pending_approval" | "pending_join";

/** A signed-in person who may not act yet: what the confirm and pending pages show. */
export type WaitingPerson = {
  userId: string;
  name: string;
  email: string;
  organizationName: string;
  organizationKind: string;
  access: Exclude<AccessState, "active">;
};

/** True for an organisation admin (관리자) — the one check models use before managing members. */
export function isOrgAdmin(actor: Pick<Actor, "isAdmin">): boolean {
  return actor.isAdmin === true;
}
