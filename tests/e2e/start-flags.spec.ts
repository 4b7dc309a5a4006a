// Issue 13, item 9: the server's V8 memory settings are node command-line flags
// (scripts/server-flags.mjs), set before it starts and never changed while it runs. Every way the
// tests start a server must pass them, or the tests (and the bench) would run something other than
// what `npm start` runs: the process that listens on the port is looked up in /proc and its
// command line read.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { SERVER_NODE_FLAGS } from "../../scripts/server-flags.mjs";
import { instancePort } from "./instance";
import { seededDataDir, serverJs, startServer, stopServer } from "./server-process";

const BASE = Number(process.env.E2E_PORT ?? 3100);

/** The socket inodes listening on `port` (IPv4 and IPv6), from /proc/net/tcp*. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== "0A") continue; // 0A: LISTEN
      if (parseInt(fields[1].split(":").pop()!, 16) === port) inodes.add(fields[9]);
    }
  }
  return inodes;
}

/** The command line (argv) of the process that listens on `port`. */
function commandLineListeningOn(port: number): string[] {
  const sockets = [...listeningInodes(port)].map((inode) => `socket:[${inode}]`);
  expect(sockets.length, `something listens on ${port}`).toBeGreaterThan(0);
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (sockets.includes(target)) return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    }
  }
  throw new Error(`no process found listening on ${port}`);
}

/** node's options: the arguments between the executable and the script. */
function nodeOptionsOf(argv: string[]): string[] {
  const script = argv.findIndex((arg, i) => i > 0 && arg.endsWith("server.js"));
  expect(script, argv.join(" ")).toBeGreaterThan(0);
  return argv.slice(1, script);
}

test.skip(process.platform !== "linux", "reads the server's command line from /proc");

test("the server started as npm start starts it runs with the node flags of scripts/server-flags.mjs", () => {
  // scripts/e2e-server.mjs starts this spec's server through scripts/start.mjs, as `npm start` does
  const argv = commandLineListeningOn(instancePort());
  expect(argv[argv.length - 1]).toMatch(/[/\\]node[/\\]server\.js$/);
  expect(nodeOptionsOf(argv)).toEqual([...SERVER_NODE_FLAGS]);
});

test("a server a test starts on its own (tests/e2e/server-process.ts) runs with the same flags", async () => {
  const port = BASE + 160;
  const server = await startServer({ port, dataDir: seededDataDir(port) });
  try {
    const argv = commandLineListeningOn(port);
    expect(argv[argv.length - 1]).toBe(serverJs);
    expect(nodeOptionsOf(argv)).toEqual([...SERVER_NODE_FLAGS]);
  } finally {
    await stopServer(server);
  }
});
