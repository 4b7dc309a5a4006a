// TRANSITIONAL: the plumbing of the monitor step pages before the layout route.
// Every step moves to requireTicketStep / ticketStepAction (ticket-step.server.ts);
// this file goes when the last one has.
import { redirect } from "@remix-run/node";
import { getStepHeader } from "~/models/monitor-steps.server";
import { notFound, requireTicketStep } from "./ticket-step.server";

export { notFound };

export async function stepRequest(request: Request, params: Record<string, string | undefined>) {
  return requireTicketStep(request, params, { roles: ["monitor"], checkScope: true });
}

export async function stepPage(request: Request, params: Record<string, string | undefined>) {
  const base = await stepRequest(request, params);
  const header = await getStepHeader(base.actor, base.ticketId);
  if (!header) notFound();
  return { ...base, header };
}

export function done(request: Request, key: string) {
  return redirect(`${new URL(request.url).pathname}?done=${encodeURIComponent(key)}`);
}
