// Ending access (app/auth/revoke.server.ts) on a real socket.io server with the hub as server.ts
// attaches it, real socket.io clients and a real SQLite file: the sessions' rows are gone and their
// live sockets disconnect; the session kept (the one changing its own password) stays connected.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { useSeededDatabase } from "../support/seeded-db";
import { prisma } from "~/db.server";
import { actorFromSessionId, createUserSession, readSessionId } from "~/auth/session.server";
import { attachRealtime } from "~/realtime/hub.server";
import { endAllSessions, endOrganizationSessions } from "~/auth/revoke.server";

useSeededDatabase();

let httpServer: http.Server;
let io: Server;
let detach: () => void;
let base: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  httpServer = http.createServer();
  io = new Server(httpServer, { serveClient: false });
  detach = attachRealtime(io);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  base = `http://localhost:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  detach();
  await new Promise<void>((resolve) => io.close(() => resolve()));
});

const userOf = (email: string) => prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, organizationId: true } });

type Live = { sessionId: string; socket: ClientSocket; disconnected: Promise<unknown> };

/** A fresh session of `email` (as the sign-in makes it) and a live socket connected with its cookie. */
async function signedIn(email: string): Promise<Live> {
  const response = await createUserSession({
    userId: (await userOf(email)).id,
    redirectTo: null,
    request: new Request("http://localhost/login"),
  });
  const cookie = response.headers.get("Set-Cookie")!.split(";")[0];
  const sessionId = (await readSessionId(cookie))!;
  const socket = connect(base, { transports: ["websocket"], reconnection: false, extraHeaders: { Cookie: cookie, Origin: base } });
  sockets.push(socket);
  const disconnected = new Promise((resolve) => socket.on("disconnect", resolve));
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", resolve);
    socket.on("connect_error", reject);
  });
  return { sessionId, socket, disconnected };
}

describe("endAllSessions", () => {
  it("ends every other session of the user and closes their sockets; the kept one and other users stay", async () => {
    const [current, other, another, colleague] = await Promise.all([
      signedIn("maker1@demo.kr"),
      signedIn("maker1@demo.kr"),
      signedIn("maker1@demo.kr"),
      signedIn("vendor1@demo.kr"),
    ]);
    const { id } = await userOf("maker1@demo.kr");
    expect(await endAllSessions(id, { exceptSessionId: current.sessionId })).toBe(2);
    await Promise.all([other.disconnected, another.disconnected]);
    expect(await actorFromSessionId(other.sessionId)).toBeNull();
    expect(await actorFromSessionId(another.sessionId)).toBeNull();
    expect((await actorFromSessionId(current.sessionId))?.email).toBe("maker1@demo.kr");
    expect((await actorFromSessionId(colleague.sessionId))?.email).toBe("vendor1@demo.kr");
    expect(current.socket.connected).toBe(true);
    expect(colleague.socket.connected).toBe(true);
  });

  it("without an exception every session ends, the sockets close, and no Session row of the user is left", async () => {
    const [one, two] = await Promise.all([signedIn("maker2@demo.kr"), signedIn("maker2@demo.kr")]);
    const { id } = await userOf("maker2@demo.kr");
    expect(await endAllSessions(id)).toBeGreaterThanOrEqual(2);
    await Promise.all([one.disconnected, two.disconnected]);
    expect(await prisma.session.count({ where: { userId: id } })).toBe(0);
  });
});

describe("endOrganizationSessions", () => {
  it("ends every member's sessions of that organisation only", async () => {
    const [vendor2, maker3] = await Promise.all([signedIn("vendor2@demo.kr"), signedIn("maker3@demo.kr")]);
    const { organizationId } = await userOf("vendor2@demo.kr");
    expect(await endOrganizationSessions(organizationId)).toBeGreaterThanOrEqual(1);
    await vendor2.disconnected;
    expect(await prisma.session.count({ where: { user: { organizationId } } })).toBe(0);
    expect((await actorFromSessionId(maker3.sessionId))?.email).toBe("maker3@demo.kr");
    expect(maker3.socket.connected).toBe(true);
  });
});
