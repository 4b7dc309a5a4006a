// `npm run bench:live-cluster`: live-update fan-out across two nodes joined through Redis, against two
// bare socket.io servers joined by the same adapter (@socket.io/redis-adapter), in the same run (issue
// 18, docs/decisions/045).
//
// A private Redis and PostgreSQL (scripts/services/private-services.mjs), one database migrated and
// seeded like `npm start` does, and two app nodes on it (the production bundle, REDIS_URL set). N clients
// (BENCH_CLUSTER_CLIENTS, default 1000) connect to node B; a ticket is changed on node A; the time from the
// change's commit to its receipt by every client is taken, BENCH_CHANGES times (default 20, the first one
// unmeasured): p50, p99 and max over every client's receipt. The same with the change made on node B
// (same node, through the adapter too), and for the bare servers with the broadcast asked of A or of B.
//
// Env: BENCH_CLUSTER_CLIENTS, BENCH_CHANGES, BENCH_CLUSTER_PROVIDER (postgresql | sqlite: both nodes on
// one SQLite file), BENCH_CLUSTER_PORT (default 3490: nodes on 3490/3491, bare servers on 3492/3493).
import fs from "node:fs";
import os from "node:os";
import type { Socket } from "socket.io-client";
import { startPostgres, startRedis } from "../services/private-services.mjs";
import { ensureBuild, prepareDatabase, startApp, stop, type App, type Provider, type Services } from "./common";
import {
  connectAll,
  connectProductClients,
  measureBare,
  measureProduct,
  prepareLiveData,
  startBare,
  type LiveData,
  type Stats,
} from "./live-common";

const CLIENTS = Number(process.env.BENCH_CLUSTER_CLIENTS ?? 1000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
const PROVIDER = (process.env.BENCH_CLUSTER_PROVIDER ?? "postgresql") as Provider;
const PORT = Number(process.env.BENCH_CLUSTER_PORT ?? 3490);

export type LiveClusterRow = {
  server: string;
  path: string;
  clients: number;
  changes: number;
  "p50 ms": number;
  "p99 ms": number;
  "max ms": number;
  "p50 vs bare": number | null;
  "p99 vs bare": number | null;
};

const ratio = (ours: number, bare: number) => Number((ours / Math.max(1, bare)).toFixed(2));

function row(server: string, path: string, s: Stats, bare?: Stats): LiveClusterRow {
  return {
    server,
    path,
    clients: CLIENTS,
    changes: CHANGES,
    "p50 ms": s.p50,
    "p99 ms": s.p99,
    "max ms": s.max,
    "p50 vs bare": bare ? ratio(s.p50, bare.p50) : null,
    "p99 vs bare": bare ? ratio(s.p99, bare.p99) : null,
  };
}

const closeAll = (sockets: Socket[]) => sockets.forEach((s) => s.close());

/** Two bare servers joined through Redis; clients on B; the broadcast asked of A (across) and of B (same node). */
async function bareCluster(redisUrl: string): Promise<{ across: Stats; same: Stats }> {
  const a = await startBare(PORT + 2, redisUrl);
  const b = await startBare(PORT + 3, redisUrl);
  const sockets = await connectAll(`http://127.0.0.1:${PORT + 3}`, CLIENTS, () => ({}));
  try {
    const across = await measureBare(`http://127.0.0.1:${PORT + 2}`, sockets, CHANGES);
    const same = await measureBare(`http://127.0.0.1:${PORT + 3}`, sockets, CHANGES);
    return { across, same };
  } finally {
    closeAll(sockets);
    await Promise.all([stop(a), stop(b)]);
  }
}

/** The product's two nodes; clients on B; the ticket changed on A (across) and on B (same node). */
async function productCluster(a: App, b: App, data: LiveData): Promise<{ across: Stats; same: Stats }> {
  const sockets = await connectProductClients(b.url, CLIENTS, data);
  try {
    const across = await measureProduct(a.url, sockets, data, CHANGES);
    const same = await measureProduct(b.url, sockets, data, CHANGES);
    return { across, same };
  } finally {
    closeAll(sockets);
  }
}

export async function benchLiveCluster(): Promise<LiveClusterRow[]> {
  const redis = await startRedis();
  const postgres = PROVIDER === "postgresql" ? await startPostgres() : null;
  const services: Services = { redisUrl: redis.url, postgres };
  const nodes: App[] = [];
  let dataDir: string | null = null;
  try {
    const db = await prepareDatabase(PROVIDER, services, "bench_live_cluster");
    dataDir = db.dataDir;
    // the bench signs its sessions with the secret the nodes read from the same DATA_DIR
    process.env.DATABASE_URL = db.url;
    process.env.DATA_DIR = db.dataDir;
    const data = await prepareLiveData(2 * (CHANGES + 1), CLIENTS);
    nodes.push(await startApp(db, PORT, { REDIS_URL: redis.url }), await startApp(db, PORT + 1, { REDIS_URL: redis.url }));
    const bare = await bareCluster(redis.url);
    const ours = await productCluster(nodes[0], nodes[1], data);
    return [
      row("bare socket.io × 2 + Redis adapter", "emit on A → clients on B", bare.across),
      row("bare socket.io × 2 + Redis adapter", "emit on B → clients on B", bare.same),
      row(`AS Tracker × 2 (${PROVIDER}) + Redis`, "change on A → clients on B", ours.across, bare.across),
      row(`AS Tracker × 2 (${PROVIDER}) + Redis`, "change on B → clients on B", ours.same, bare.same),
    ];
  } finally {
    await Promise.all(nodes.map((node) => stop(node.child)));
    await postgres?.stop();
    await redis.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printLiveCluster(rows: LiveClusterRow[]) {
  console.log(`\nLive-update fan-out across 2 nodes through Redis (${os.cpus().length} cores, node ${process.version})`);
  console.table(rows);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureBuild();
  benchLiveCluster()
    .then((rows) => {
      printLiveCluster(rows);
      console.log(JSON.stringify({ bench: "live-cluster", rows }));
      process.exit(0); // socket.io clients' timers
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
