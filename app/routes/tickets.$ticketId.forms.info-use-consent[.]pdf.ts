// /tickets/:ticketId/forms/info-use-consent.pdf — the notice's form filled from the ticket (ADR 036).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { ticketFormLoader } from "~/utils/form-downloads.server";

export const loader = (args: LoaderFunctionArgs) => ticketFormLoader("info-use-consent", args);
