// What the monitor's later step pages (협약, 지급, 연장, 완료점검) read from the ticket's layout route.
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as ticketLayoutLoader } from "~/routes/tickets.$ticketId";

/** The ticket's state as the layout route loaded it (refreshed with every live update and save). */
export function useTicketState(): string | null {
  return useRouteLoaderData<typeof ticketLayoutLoader>("routes/tickets.$ticketId")?.ticket.state ?? null;
}
