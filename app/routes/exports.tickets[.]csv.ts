import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/session.server";
import { seoulDate } from "~/domain";
import { exportFileName } from "~/models/export/columns.server";
import { csvStream } from "~/models/export/csv.server";
import { parseListFilters } from "~/models/ticket-list.server";

/** The dashboard's filtered list as CSV (UTF-8 with BOM), streamed. Monitor only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (actor.role !== "monitor") throw new Response("페이지를 찾을 수 없습니다.", { status: 404 });
  const filters = parseListFilters(new URL(request.url).searchParams);
  const name = exportFileName("csv", seoulDate(new Date()));
  return new Response(csvStream(actor, filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
