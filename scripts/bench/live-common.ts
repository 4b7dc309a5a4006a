// What bench:live (one node) and bench:live-cluster (two nodes through Redis) share: connecting many
// socket.io clients, timing an event's receipt by every one of them, the bare socket.io baseline, and
// the tickets and sessions the product's measurement changes and connects with.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { io as connect, type Socket } from "socket.io-client";
import { ROOT, waitFor } from "./common";

export type Stats = { p50: number; p99: number; max: number; mean: number; samples: number };

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    samples: values.length,
  };
}

export async function connectAll(url: string, count: number, headers: (i: number) => Record<string, string>): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from(
      { length: Math.min(50, count - i) },
      (_, j) =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect(url, { transports: ["websocket"], reconnection: false, extraHeaders: headers(i + j), forceNew: true });
          s.once("connect", () => resolve(s));
          s.once("connect_error", reject);
        }),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

/** Resolves with each socket's receipt latency (ms) of the next event matching `seq`. */
export function receiptOf(sockets: Socket[], event: string, match: (payload: { seq: number; at: string }) => boolean): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const timer = setTimeout(() => reject(new Error(`only ${latencies.length}/${sockets.length} clients received the event`)), 10_000);
    for (const s of sockets) {
      const onEvent = (payload: { seq: number; at: string }) => {
        if (!match(payload)) return;
        latencies.push(Date.now() - Date.parse(payload.at));
        s.off(event, onEvent);
        if (latencies.length === sockets.length) {
          clearTimeout(timer);
          resolve(latencies);
        }
      };
      s.on(event, onEvent);
    }
  });
}

/**
 * A bare socket.io server (scripts/bench/bare-socket-server.mjs) in its own process, as the product's
 * server is: the clients here do not share its event loop. With `redisUrl` it joins the others through
 * socket.io's Redis adapter.
 */
export async function startBare(port: number, redisUrl?: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, [path.join(ROOT, "scripts", "bench", "bare-socket-server.mjs")], {
    env: { ...process.env, PORT: String(port), REDIS_URL: redisUrl ?? "" },
    stdio: "ignore",
  });
  await waitFor(`http://127.0.0.1:${port}/`);
  return server;
}

/** The bare baseline: `changes` broadcasts asked of the server at `emitUrl`, received by `sockets` (the first one unmeasured). */
export async function measureBare(emitUrl: string, sockets: Socket[], changes: number): Promise<Stats> {
  const all: number[] = [];
  for (let i = 0; i <= changes; i++) {
    const payload = {
      seq: i,
      ticketId: "cmbenchticketid000000000",
      ticketNumber: "AS-2024-0042",
      programId: "cmbenchprogramid00000000",
      action: "ticket.start_review",
      state: "requirement_review",
      version: i + 1,
      actorId: "cmbenchactorid0000000000",
      actorName: "윤지혜",
      summary: "요건검토 시작: 요건검토 단계로 변경되었습니다.",
    };
    const receipt = receiptOf(sockets, "ticket:event", (p) => p.seq === i);
    await fetch(`${emitUrl}/emit`, { method: "POST", body: JSON.stringify(payload) });
    const latencies = await receipt;
    if (i > 0) all.push(...latencies); // i = 0 warms up, unmeasured
  }
  return stats(all);
}

export type LiveData = { cookies: string[]; ticketIds: string[]; monitorCookie: string };

/**
 * The product's measurement: `changes` tickets moved to 요건검토 on the node at `changeUrl` (the first
 * one unmeasured), each event received by every one of `sockets` (connected wherever).
 */
export async function measureProduct(changeUrl: string, sockets: Socket[], data: LiveData, changes: number): Promise<Stats> {
  const all: number[] = [];
  for (let i = 0; i <= changes; i++) {
    const ticketId = data.ticketIds.shift();
    if (!ticketId) throw new Error("out of tickets to change");
    const receipt = receiptOf(sockets, "ticket:event", () => true);
    const body = new URLSearchParams({ intent: "transition", action: "start_review", version: "1" });
    const response = await fetch(`${changeUrl}/tickets/${ticketId}`, {
      method: "POST",
      headers: { Cookie: data.monitorCookie, "Content-Type": "application/x-www-form-urlencoded", Origin: changeUrl },
      body,
      redirect: "manual",
    });
    if (response.status >= 400) throw new Error(`change refused: ${response.status}`);
    const latencies = await receipt;
    if (i > 0) all.push(...latencies); // i = 0 warms up, unmeasured
  }
  return stats(all);
}

/**
 * In the migrated, seeded database of DATABASE_URL (DATA_DIR holding the session secret the servers
 * read): `tickets` submitted tickets to change, and `sessions` sessions of the three parties allowed to
 * see them (many tabs each), plus the monitor's who changes them.
 */
export async function prepareLiveData(tickets: number, sessions: number): Promise<LiveData> {
  const { prisma, databaseReady, closeDatabase } = await import("~/db.server");
  await databaseReady();
  const template = await prisma.ticket.findFirstOrThrow({ where: { number: { endsWith: "-0004" } } });
  const ticketIds: string[] = [];
  for (let i = 0; i < tickets; i++) {
    const t = await prisma.ticket.create({
      data: {
        number: `AS-BENCH-${String(i).padStart(4, "0")}`,
        programId: template.programId,
        manufacturerId: template.manufacturerId,
        supplierId: template.supplierId,
        title: `벤치마크 과제 ${i}`,
        problem: "측정용",
        desiredOutcome: "측정용",
        state: "submitted",
      },
    });
    ticketIds.push(t.id);
  }
  const allowed = await prisma.user.findMany({ where: { email: { in: ["maker2@demo.kr", "vendor2@demo.kr", "monitor@demo.kr"] } } });
  const { sessionSecret } = await import("~/utils/env.server");
  const cookie = createCookie("as_session", { secrets: [sessionSecret()], path: "/", httpOnly: true, sameSite: "lax" });
  const session = async (userId: string) => {
    const id = crypto.randomBytes(32).toString("base64url");
    await prisma.session.create({ data: { id, userId, expiresAt: new Date(Date.now() + 3_600_000) } });
    return (await cookie.serialize(id)).split(";")[0];
  };
  const cookies: string[] = [];
  for (let i = 0; i < sessions; i++) cookies.push(await session(allowed[i % allowed.length].id));
  const monitorCookie = await session(allowed.find((u) => u.email === "monitor@demo.kr")!.id);
  await closeDatabase();
  return { cookies, ticketIds, monitorCookie };
}

/** `count` product clients on the node at `url`, signed in with the sessions in turn (their Origin is that node). */
export function connectProductClients(url: string, count: number, data: LiveData): Promise<Socket[]> {
  return connectAll(url, count, (i) => ({ Cookie: data.cookies[i % data.cookies.length], Origin: url }));
}
