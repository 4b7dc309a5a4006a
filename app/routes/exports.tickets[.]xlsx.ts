import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/session.server";
import { seoulDate } from "~/domain";
import { exportFileName } from "~/models/export/columns.server";
import { xlsxStream } from "~/models/export/xlsx.server";
import { parseListFilters } from "~/models/ticket-list.server";

/** The dashboard's filtered list as XLSX (written and zipped as the rows are read). Monitor only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (actor.role !== "monitor") throw new Response("페이지를 찾을 수 없습니다.", { status: 404 });
  const filters = parseListFilters(new URL(request.url).searchParams);
  const name = exportFileName("xlsx", seoulDate(new Date()));
  return new Response(xlsxStream(actor, filters), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
