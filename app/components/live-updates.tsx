// Live status updates in the browser: one socket per tab. Each event the
// server sends (only for tickets this user may read) refreshes the current
// page's data in place (Remix revalidation, no reload) and shows a toast
// (components/toaster.tsx).
// After a reconnect the client asks for everything after the last event it
// saw; each event is applied once, whichever node it came through (seen-events.ts).
import { useFetchers, useLocation, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { liveToast } from "./toaster";
import { SeenEvents } from "./seen-events";

export type LiveEvent = {
  seq: number;
  ticketId: string | null;
  ticketNumber: string | null;
  action: string;
  state: string | null;
  version: number | null;
  actorId: string | null;
  actorName: string | null;
  summary: string;
  at: string;
};

function ticketIdOf(pathname: string): string | null {
  const match = /^\/tickets\/([^/]+)/.exec(pathname);
  return match && match[1] !== "new" ? decodeURIComponent(match[1]) : null;
}

export function LiveUpdates({ loadedAt, userId }: { loadedAt: string; userId: string }) {
  const revalidator = useRevalidator();
  const location = useLocation();
  const [connected, setConnected] = useState<boolean | null>(null);
  const socketRef = useRef<Socket | null>(null);
  // The events applied (their highest number: where a reconnect continues); before the first one, the time
  // the page's data was loaded.
  const seen = useRef(new SeenEvents());
  const loadedAtRef = useRef(loadedAt);
  if (loadedAt > loadedAtRef.current) loadedAtRef.current = loadedAt;
  const revalidateRef = useRef(revalidator.revalidate);
  revalidateRef.current = revalidator.revalidate;
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const joined = useRef<string | null>(null);
  // When this tab made the change itself, its page already has the new data
  // (and a revalidation would wipe the action's own message): skip that one.
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const lastOwnSubmit = useRef(0);
  if (navigation.state === "submitting" || fetchers.some((f) => f.state === "submitting")) lastOwnSubmit.current = Date.now();

  useEffect(() => {
    const socket = io({ transports: ["websocket"], reconnectionDelayMax: 5000 });
    socketRef.current = socket;

    const apply = (event: LiveEvent) => {
      if (!seen.current.take(event?.seq)) return; // once only
      window.dispatchEvent(new CustomEvent("as:live-event", { detail: event }));
      if (event.actorId !== userId) {
        liveToast(event.seq, `${event.ticketNumber ?? ""} · ${event.actorName ?? "시스템"}`, event.summary);
      }
      if (event.actorId === userId && Date.now() - lastOwnSubmit.current < 10_000) return;
      // Coalesce bursts into one refresh of the page's data.
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => revalidateRef.current(), 50);
    };

    socket.on("connect", () => {
      setConnected(true);
      if (joined.current) socket.emit("ticket:join", { ticketId: joined.current });
      const since = seen.current.highest > 0 ? { seq: seen.current.highest } : { at: loadedAtRef.current };
      socket.emit("events:since", since, (reply: { ok: boolean; events?: LiveEvent[] }) => {
        if (reply?.ok && reply.events) [...reply.events].sort((a, b) => a.seq - b.seq).forEach(apply);
      });
    });
    socket.on("disconnect", () => setConnected(false));
    socket.on("connect_error", () => setConnected(false));
    socket.on("ticket:event", apply);
    return () => {
      if (pending.current) clearTimeout(pending.current);
      socket.close();
      socketRef.current = null;
    };
  }, [userId]);

  // Join the open ticket's room (the server checks the user may read it).
  useEffect(() => {
    const socket = socketRef.current;
    const ticketId = ticketIdOf(location.pathname);
    if (joined.current && joined.current !== ticketId) socket?.emit("ticket:leave", { ticketId: joined.current });
    joined.current = ticketId;
    if (ticketId && socket?.connected) socket.emit("ticket:join", { ticketId });
  }, [location.pathname]);

  return (
    <span
      className={`live-status ${connected === false ? "off" : ""}`}
      data-testid="live-status"
      data-connected={connected === null ? "pending" : String(connected)}
      role="status"
    >
      {connected === false ? "실시간 연결 끊김 · 다시 연결 중…" : connected ? "● 실시간" : ""}
    </span>
  );
}
