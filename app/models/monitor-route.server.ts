import { requireVisibleTicket } from "./ticket.server";
// Shared plumbing of the monitor step routes: who asks, which ticket (in scope), today.
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { seoulDate } from "~/domain";
import { assertMonitor, getStepHeader } from "./monitor-steps.server";

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });

export function notFound(): never {
  throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
}

/** The signed-in monitor, the ticket id from the URL and today's Seoul date (404 otherwise). */
export async function stepRequest(request: Request, params: Record<string, string | undefined>) {
  const actor = await requireActor(request);
  assertMonitor(actor);
  const parsed = ParamsSchema.safeParse(params);
  if (!parsed.success) notFound();
  await requireVisibleTicket(actor, parsed.data.ticketId); // foreign → 404 before the form is read
  return { actor, ticketId: parsed.data.ticketId, today: seoulDate(new Date()) };
}

/** As stepRequest, plus the page header of the ticket (404 when not in scope). */
export async function stepPage(request: Request, params: Record<string, string | undefined>) {
  const base = await stepRequest(request, params);
  const header = await getStepHeader(base.actor, base.ticketId);
  if (!header) notFound();
  return { ...base, header };
}

/** Post → redirect → get: back to the same page with the success message key. */
export function done(request: Request, key: string) {
  return redirect(`${new URL(request.url).pathname}?done=${encodeURIComponent(key)}`);
}
