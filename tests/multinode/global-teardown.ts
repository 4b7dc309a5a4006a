// After the multi-node suite: the worker fixture stops its cluster itself, also when a test failed, and
// then deletes its registry entry. An entry still there is a cluster whose worker died before it could:
// kill its nodes' process groups, PostgreSQL (SIGINT: a fast shutdown) and Redis, and remove its
// temporary folders (cluster.ts records all of them, with the pids the servers gave themselves).
import fs from "node:fs";
import path from "node:path";
import { killGroup, registryDir, type Leftovers } from "./cluster";

function kill(pid: number | undefined, signal: NodeJS.Signals) {
  if (!pid) return;
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

export default async function globalTeardown() {
  const registry = registryDir();
  if (!fs.existsSync(registry)) return;
  for (const name of fs.readdirSync(registry)) {
    const left = JSON.parse(fs.readFileSync(path.join(registry, name), "utf8")) as Leftovers;
    for (const group of left.groups) killGroup(group, "SIGKILL");
    kill(left.postgres, "SIGINT");
    kill(left.redis, "SIGKILL");
    // PostgreSQL's fast shutdown takes a moment; its folder goes after it
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const dir of left.dirs) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(registry, name), { force: true });
  }
  fs.rmSync(registry, { recursive: true, force: true });
}
