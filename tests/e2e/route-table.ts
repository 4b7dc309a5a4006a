// The production build's route table with each route's FULL path. A nested route's own `path` is
// relative to its parent ("quote" under "tickets/:ticketId"), so tests that call every route
// directly must join the chain, or they would ask "/quote" and be answered 404 for the wrong reason.
import path from "node:path";
import { pathToFileURL } from "node:url";

export type RouteInfo = { id: string; path: string; index: boolean; loader: boolean; action: boolean };

type BuildRoute = { id: string; parentId?: string; path?: string; index?: boolean; module: Record<string, unknown> };

export async function routeTable(): Promise<RouteInfo[]> {
  const build = await import(pathToFileURL(path.resolve(process.env.BUILD_DIR ?? "build", "server", "index.js")).href);
  const routes = build.routes as Record<string, BuildRoute>;
  const fullPath = (id: string): string => {
    const route = routes[id];
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.values(routes).map((r) => ({
    id: r.id,
    path: fullPath(r.id),
    index: Boolean(r.index),
    loader: typeof r.module.loader === "function",
    action: typeof r.module.action === "function",
  }));
}
