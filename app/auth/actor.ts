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
  /** Monitors: the programs their Technopark runs (looked up with the session), so scoping is an indexed `programId IN (…)`. */
  programIds?: string[];
};
