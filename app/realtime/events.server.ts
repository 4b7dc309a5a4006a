import { invalidateAggregates } from "~/models/aggregate-cache.server";

// Domain events: one per committed change, persisted as an AuditEvent row in
// the same transaction, handed to the realtime hub only after the commit.
// Routes, models and components never call socket.io themselves.

/** What a browser may learn about a change (small: ids, state, a Korean sentence). */
export type DomainEvent = {
  seq: number;
  ticketId: string | null;
  ticketNumber: string | null;
  programId: string | null;
  action: string;
  state: string | null;
  version: number | null;
  actorId: string | null;
  actorName: string | null;
  summary: string;
  at: string;
  /** Organisations whose members may read the ticket (decided by the server). */
  audience: string[];
};

/** The part of an event that goes over the wire (the audience stays on the server). */
export type LiveEvent = Omit<DomainEvent, "audience">;

type Hub = {
  publish: (event: DomainEvent) => void;
  /** Disconnects the sockets of a session that was signed out or revoked. */
  endSession: (sessionId: string) => void;
};

// The hub lives in the server bundle and the routes in the Remix build: both
// reach the one hub through globalThis.
const registry = globalThis as unknown as { __asTrackerHub?: Hub };

export function registerHub(hub: Hub | undefined): void {
  registry.__asTrackerHub = hub;
}

/** Test seam and the hub's own registration: receive every published event. */
export function registerPublisher(publish: ((event: DomainEvent) => void) | undefined): void {
  registry.__asTrackerHub = publish ? { publish, endSession: () => {} } : undefined;
}

/** Call after the transaction has committed; never throws into the caller. */
export function publishCommitted(events: readonly DomainEvent[]): void {
  if (events.length) invalidateAggregates(); // dashboards recount from here on
  const hub = registry.__asTrackerHub;
  if (!hub) return;
  for (const event of events) {
    try {
      hub.publish(event);
    } catch (error) {
      console.error("publishing a domain event failed", error);
    }
  }
}

export function endLiveSession(sessionId: string): void {
  try {
    registry.__asTrackerHub?.endSession(sessionId);
  } catch (error) {
    console.error("ending live sockets failed", error);
  }
}
