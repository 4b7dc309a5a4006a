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

/** Whose live access changed: one user's, or every member's of one organisation. */
export type AccessChange = { userId: string } | { organizationId: string };

type Hub = {
  publish: (event: DomainEvent) => void;
  /** Disconnects the sockets of a session that was signed out or revoked. */
  endSession: (sessionId: string) => void;
  /** Takes the sockets concerned out of every room at once, then re-reads their access: re-roomed, or disconnected. */
  recheckAccess: (change: AccessChange) => void;
};

// The hub lives in the server bundle and the routes in the Remix build: both
// reach the one hub through globalThis.
const registry = globalThis as unknown as { __asTrackerHub?: Hub };

export function registerHub(hub: Hub | undefined): void {
  registry.__asTrackerHub = hub;
}

/** Test seam and the hub's own registration: receive every published event. */
export function registerPublisher(publish: ((event: DomainEvent) => void) | undefined): void {
  registry.__asTrackerHub = publish ? { publish, endSession: () => {}, recheckAccess: () => {} } : undefined;
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

function recheck(change: AccessChange): void {
  try {
    registry.__asTrackerHub?.recheckAccess(change);
  } catch (error) {
    console.error("re-checking live access failed", error);
  }
}

/**
 * A user's access changed (left or moved organisation, another role, deactivated): call after
 * the commit. From this moment the user's sockets receive nothing; then each is re-roomed by
 * its session's actor as read from the database, or disconnected when the session no longer
 * yields one. The periodic sweep catches changes made without this call, within its interval.
 */
export function endUserAccess(userId: string): void {
  recheck({ userId });
}

/** The same for every member of an organisation (e.g. deactivated): call after the commit. */
export function endOrganizationAccess(organizationId: string): void {
  recheck({ organizationId });
}
