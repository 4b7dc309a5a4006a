// Issue 13, item 9: the server changes no V8 flag while it runs (v8.setFlagsFromString after the
// isolate started is unsupported by V8 and Node: it may crash or misbehave). Its memory settings
// are node command-line flags instead (scripts/server-flags.mjs, docs/decisions/016).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS, serverNodeArgs } from "../../scripts/server-flags.mjs";

const root = process.cwd();

/** Every source file bundled into the server: server.ts and app/ (TypeScript and JavaScript). */
function serverSources(): string[] {
  const files = [path.join(root, "server.ts")];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") walk(full);
      } else if (/\.(ts|tsx|js|mjs|cjs)$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(root, "app"));
  return files;
}

describe("V8 flags", () => {
  it("no server code sets V8 flags at run time", () => {
    const files = serverSources();
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((file) => /setFlagsFromString/.test(fs.readFileSync(file, "utf8"))).map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  it("the server's start flags are node command-line flags this node accepts", () => {
    expect(SERVER_NODE_FLAGS).toEqual(expect.arrayContaining(["--liftoff-only"]));
    expect(serverNodeArgs("build/node/server.js")).toEqual([...SERVER_NODE_FLAGS, "build/node/server.js"]);
    // node refuses a flag V8 does not know ("bad option") and starts with the ones it does
    const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, "-e", "console.log(JSON.stringify(process.execArgv))"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).slice(0, SERVER_NODE_FLAGS.length)).toEqual(SERVER_NODE_FLAGS);
    const refused = spawnSync(process.execPath, ["--no-such-v8-flag-for-this-test", "-e", "0"], { encoding: "utf8" });
    expect(refused.status).not.toBe(0);
  });
});
