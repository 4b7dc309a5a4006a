// Wires HTTP, Remix and socket.io together on one port; nothing else.
// Dev:  `npm run dev`  → Vite middleware (HMR on the same HTTP server).
// Prod: `npm start`    → bundled as build/node/server.js, serves build/ (no dev deps).
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { Server as SocketServer } from "socket.io";
import { closeDatabase, databaseReady } from "~/db.server";
import { attachRealtime } from "~/realtime/hub.server";
import { joinOtherNodes } from "~/realtime/cluster.server";
import { startProcesses } from "~/utils/worker-processes.server";
import { compressResponses, hashedAssets } from "~/utils/http-delivery.server";
import {
  admissionControl,
  admissionLimitsFromEnv,
  cspNonce,
  loginLimiter,
  sameOriginWrites,
  securityHeaders,
  writeLimiter,
} from "~/utils/http-guards.server";
import { log } from "~/utils/log.server";
import { startMailSender } from "~/mail/sender.server";
import { collectUnusedFiles } from "~/models/files.server";
import { startDigestScheduler } from "~/mail/digest-scheduler.server";
import { withRequestMemo } from "~/utils/request-memo.server";
import { SERVER_NODE_FLAGS } from "./scripts/server-flags.mjs";

// V8's memory settings (Prisma's WebAssembly on the baseline compiler only, the generations' growth)
// are node command-line flags, scripts/server-flags.mjs: `npm start` passes them. Nothing changes a V8
// flag while the server runs (unsupported by V8 and Node, docs/decisions/016); a production server
// started without them only says so.
const missingNodeFlags = SERVER_NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag));
if (process.env.NODE_ENV === "production" && missingNodeFlags.length > 0)
  log.warn({ missingNodeFlags }, "started without the node flags of scripts/server-flags.mjs (npm start passes them): memory use is higher");

const isProduction = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const DRAIN_GRACE_MS = Number(process.env.DRAIN_GRACE_MS ?? 1000);
let draining = false;
/** What is read and thrown away of a body the answer did not need (above: the connection closes). */
const UNREAD_BODY_DISCARD_BYTES = 64 * 1024 * 1024;

async function main() {
  await databaseReady();
  // delivers the mail outbox once this process serves: a second process that cannot bind the port
  // must not claim mail and die (null without SMTP_URL: mail stays in the outbox, the demo mailbox shows it)
  let mailSender: { stop(): Promise<void> } | null = null;
  // the 09:00 Asia/Seoul notification digest, likewise once this process serves (a run at start catches up a missed 09:00)
  let digestScheduler: { stop(): Promise<void> } | null = null;

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

  // While draining, answers tell clients not to reuse the connection.
  app.use((_req, res, next) => {
    if (draining) res.set("Connection", "close");
    next();
  });
  // A route may answer without reading the whole body (a refusal comes before the form is read).
  // The unread rest would sit in the keep-alive connection in front of the next request, which
  // then stalls: read it and throw it away once the answer is out — up to a bound, so that a
  // browser still uploading a too-large file gets to read the refusal, while a body that never
  // ends (chunked, no length) cannot keep the connection busy: past the bound the connection closes.
  app.use((req, res, next) => {
    res.on("finish", () => {
      if (req.complete) return;
      let discarded = 0;
      // whoever was reading (Remix's body stream) listens no more: the rest flows here
      req.removeAllListeners("data");
      req.removeAllListeners("readable");
      req.on("data", (chunk: Buffer) => {
        discarded += chunk.length;
        if (discarded > UNREAD_BODY_DISCARD_BYTES) req.socket.destroy();
      });
      req.resume();
    });
    next();
  });
  app.use(cspNonce);
  app.use(securityHeaders({ enforce: isProduction }));
  app.use(compressResponses());
  // before the queue: a write from elsewhere is refused at once, it takes no place in a lane
  app.use(sameOriginWrites);
  // at most MAX_IN_FLIGHT pages (and TRANSFER_MAX_IN_FLIGHT downloads, exports, uploads) inside the
  // app at once, a bounded queue for each in arrival order, 503 + Retry-After beyond it
  app.use(admissionControl(admissionLimitsFromEnv(process.env)));
  app.use((req, _res, next) => {
    // The client address as Express sees it (honouring TRUST_PROXY), for the security log.
    req.headers["x-as-client-ip"] = req.ip ?? "";
    // the root and page loaders of one request share its actor lookup (app/utils/request-memo.server.ts)
    withRequestMemo(next);
  });
  const httpServer = http.createServer(app);

  const io = new SocketServer(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 16 * 1024, // our client messages are tiny
  });
  // REDIS_URL: live updates, cache invalidations and rate limits shared with the other nodes (ADR 042)
  const nodes = await joinOtherNodes(io, process.env.REDIS_URL);
  const detachRealtime = attachRealtime(io, nodes.peers);
  const limits = { enabled: process.env.RATE_LIMIT !== "off", redis: nodes.counters };

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (isProduction) {
    const buildDir = path.resolve(process.cwd(), process.env.BUILD_DIR ?? "build");
    build = (await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href)) as ServerBuild;
    app.use("/assets", hashedAssets(path.join(buildDir, "client", "assets")));
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  } else {
    const vite = await import("vite");
    const devServer = await vite.createServer({
      server: { middlewareMode: true, hmr: { server: httpServer } },
    });
    app.use(devServer.middlewares);
    build = () => devServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    app.use(express.static("public", { maxAge: "1h" }));
  }

  app.use("/login", loginLimiter(limits));
  app.use(writeLimiter(limits));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: isProduction ? "production" : "development",
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  );

  // Track connections so shutdown can close idle keep-alive sockets promptly
  // while letting in-flight requests finish.
  httpServer.listen(port, host, () => {
    log.info({ port, mode: isProduction ? "production" : "development" }, `AS Tracker listening on http://localhost:${port}`);
    mailSender = startMailSender();
    digestScheduler = startDigestScheduler();
    // stored files no record uses any more (left by older versions or a crash between commit and
    // removal): released once at start, in the background (ADR 014)
    collectUnusedFiles().then(
      (collected) => (collected.rows || collected.files ? log.info(collected, "unused stored files removed") : undefined),
      (error: unknown) => log.error({ err: error }, "collecting unused stored files failed"),
    );
  });

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    draining = true;
    (globalThis as { __asTrackerDraining?: boolean }).__asTrackerDraining = true; // /healthz answers 503
    log.info({ signal, graceMs: DRAIN_GRACE_MS }, "shutting down: finishing in-flight requests, then closing");
    const forceExit = setTimeout(() => {
      log.error("shutdown took longer than 15 s; exiting");
      process.exit(1);
    }, 15_000);
    forceExit.unref();
    // A short grace first: requests already sent on open connections are
    // still served (with Connection: close) and load balancers see /healthz
    // fail. Then io.close() disconnects every socket and closes the HTTP
    // server, which stops accepting and waits for the requests in flight.
    setTimeout(() => {
      detachRealtime();
      io.close(async () => {
        await digestScheduler?.stop();
        await mailSender?.stop();
        await nodes.close();
        await closeDatabase();
        log.info("closed cleanly");
        process.exit(0);
      });
    }, DRAIN_GRACE_MS);
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

// WEB_CONCURRENCY ≥ 2: this process only supervises the workers, each of which serves (ADR 043)
if (startProcesses() === "serve") {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
