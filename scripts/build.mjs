// Production build: the Remix app (Vite) into build/, then server.ts and the
// seed into dist/ as plain ESM bundles (dependencies stay external), so
// production runs with `node` alone: no TypeScript runner, no dev dependency.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const vite = spawnSync(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "vite:build"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
if (vite.status !== 0) {
  console.error("remix vite:build failed");
  process.exit(vite.status || 1);
}

await esbuild.build({
  entryPoints: { server: "server.ts", seed: "prisma/seed.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  tsconfig: "tsconfig.json",
  logLevel: "warning",
  // vite is only imported in development; never load it in production
  external: ["vite"],
});
console.log("Built build/ (Remix) and dist/server.js, dist/seed.js");
