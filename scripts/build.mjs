// Production build: the Remix app (Vite) into build/, then server.ts and the
// seed into build/node/ as plain ESM bundles (dependencies stay external), so
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

const buildDir = process.env.BUILD_DIR ?? "build";
await esbuild.build({
  entryPoints: { server: "server.ts", seed: "prisma/seed.ts" },
  outdir: path.join(buildDir, "node"),
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
console.log(`Built ${buildDir}/client, ${buildDir}/server (Remix) and ${buildDir}/node/server.js, ${buildDir}/node/seed.js`);
