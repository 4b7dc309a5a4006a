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
};
