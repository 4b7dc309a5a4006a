// What a step page reads from the ticket's layout route (app/routes/tickets.$ticketId.tsx)
// instead of loading it again: the header, refreshed with every live update and save.
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as ticketLayoutLoader } from "~/routes/tickets.$ticketId";

/** The ticket header the layout loaded (number, title, state, version, parties …), if on a ticket page. */
export function useTicketHeader() {
  return useRouteLoaderData<typeof ticketLayoutLoader>("routes/tickets.$ticketId")?.ticket ?? null;
}

/** The ticket's state as the layout route loaded it. */
export function useTicketState(): string | null {
  return useTicketHeader()?.state ?? null;
}
