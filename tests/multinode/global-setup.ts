// Before the multi-node suite: the binaries it needs are there (a clear message, not a timeout), and the
// production bundle is built once (scripts/start.mjs --build-only, BUILD_DIR), so the two nodes that
// start together never race to build.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { postgresBinDir, redisServerBinary } from "../../scripts/services/private-services.mjs";
import { ROOT } from "./cluster";

export default function globalSetup() {
  postgresBinDir(); // each throws "… is not installed: apt-get install …"
  redisServerBinary();
  // the workers inherit it: their clusters record themselves under this run's name (cluster.ts)
  process.env.MULTINODE_RUN = `${Date.now()}-${process.pid}`;
  const build = spawnSync(process.execPath, [path.join(ROOT, "scripts", "start.mjs"), "--build-only"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error(`the build failed (exit ${build.status})`);
}
