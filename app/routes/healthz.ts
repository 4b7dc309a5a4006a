import { prisma } from "~/db.server";

/** 200 after a real query against the schema; 503 when the database cannot be read or the server is shutting down. */
export async function loader() {
  if ((globalThis as { __asTrackerDraining?: boolean }).__asTrackerDraining) {
    return Response.json({ status: "draining", db: "ok" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
  try {
    await prisma.program.findFirst({ select: { id: true } });
    return Response.json({ status: "ok", db: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return Response.json({ status: "error", db: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
