// A live-update client in Node for tests: a real socket.io-client, signed in through the real
// sign-in form, that records every event it receives.
import { expect } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { DEMO_PASSWORD } from "./helpers";

export type ReceivedEvent = { seq: number; ticketId: string | null; ticketNumber: string | null; state: string | null };
type Reply = { ok: boolean; error?: string; events?: ReceivedEvent[] };

/** The session cookie of a sign-in through the form (a 302 with Set-Cookie), as a Cookie header value. */
export async function sessionCookie(baseURL: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(new URL("/login", baseURL), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
    redirect: "manual",
  });
  expect(response.status, `sign-in of ${email}`).toBe(302);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export type LiveClient = {
  socket: Socket;
  events: ReceivedEvent[];
  /** How often the server said this socket's access changed (it re-roomed it). */
  accessChanges: () => number;
  join: (ticketId: string) => Promise<Reply>;
  /** What the server's catch-up gives after `seq`; its answer also comes after every event sent to this socket before it. */
  since: (seq: number) => Promise<Reply>;
  close: () => void;
};

export async function liveClient(baseURL: string, email: string): Promise<LiveClient> {
  const cookie = await sessionCookie(baseURL, email);
  const socket = io(baseURL, { transports: ["websocket"], reconnection: false, extraHeaders: { Cookie: cookie, Origin: baseURL } });
  const events: ReceivedEvent[] = [];
  socket.on("ticket:event", (event: ReceivedEvent) => events.push(event));
  let accessChanges = 0;
  socket.on("access:changed", () => (accessChanges += 1));
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  const ask = (name: string, payload: unknown) => new Promise<Reply>((resolve) => socket.emit(name, payload, resolve));
  return {
    socket,
    events,
    accessChanges: () => accessChanges,
    join: (ticketId) => ask("ticket:join", { ticketId }),
    since: (seq) => ask("events:since", { seq }),
    close: () => socket.close(),
  };
}
