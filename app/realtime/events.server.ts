// Domain events: one per committed change, persisted as an AuditEvent row in
// the same transaction, handed to the realtime hub only after the commit.
// Routes, models and components never call socket.io themselves.

/** What a browser may learn about a change (small: ids, state, a Korean sentence). */
export type DomainEvent = {
  seq: number;
  ticketId: string | null;
  ticketNumber: string | null;
  action: string;
  state: string | null;
  version: number | null;
  actorName: string | null;
  summary: string;
  at: string;
  /** Organisations whose members may read the ticket (decided by the server). */
  audience: string[];
};

type Publisher = (event: DomainEvent) => void;

// The hub lives in the server bundle and the routes in the Remix build: both
// reach the one publisher through globalThis.
const registry = globalThis as unknown as { __asTrackerPublisher?: Publisher };

export function registerPublisher(publisher: Publisher | undefined): void {
  registry.__asTrackerPublisher = publisher;
}

/** Call after the transaction has committed; never throws into the caller. */
export function publishCommitted(events: readonly DomainEvent[]): void {
  const publisher = registry.__asTrackerPublisher;
  if (!publisher) return;
  for (const event of events) {
    try {
      publisher(event);
    } catch (error) {
      console.error("publishing a domain event failed", error);
    }
  }
}
