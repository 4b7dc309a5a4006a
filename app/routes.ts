import type { RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

// File-system routes (app/routes/*), through the route config file that
// React Router 7 uses, so the move to RR7 needs no route changes.
export default flatRoutes({
  ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx", "**/*.css"],
}) satisfies RouteConfig;
