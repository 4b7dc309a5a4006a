import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/session.server";

/** Each role lands on its home: the manufacturer its tickets, the supplier its to-do inbox, the monitor the dashboard. */
export const ROLE_HOME = {
  manufacturer: "/tickets",
  supplier: "/inbox",
  monitor: "/dashboard",
  evaluator: "/tickets",
  cost_agency: "/tickets",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return redirect(ROLE_HOME[actor.role]);
}
