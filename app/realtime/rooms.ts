// The live hub's rooms as pure rules: which rooms an actor's socket belongs in, and when a
// change of the actor (another organisation, role or set of programs) must move it.
import type { Actor } from "~/auth/actor";

export const userRoom = (id: string) => `user:${id}`;
export const orgRoom = (id: string) => `org:${id}`;
export const programRoom = (id: string) => `program:${id}`;
export const ticketRoom = (id: string) => `ticket:${id}`;

const TICKET_ROOM_PREFIX = ticketRoom("");

/** The rooms a socket joins at connect: its user, its organisation, and a monitor's programs. */
export function roomsOf(actor: Actor): string[] {
  return [userRoom(actor.userId), orgRoom(actor.organizationId), ...(actor.programIds ?? []).map(programRoom)];
}

/** The tickets whose rooms are among `rooms`. */
export function ticketsIn(rooms: Iterable<string>): string[] {
  return [...rooms].filter((room) => room.startsWith(TICKET_ROOM_PREFIX)).map((room) => room.slice(TICKET_ROOM_PREFIX.length));
}

/** Whether two reads of a session's actor give the same access (a changed name alone moves nothing). */
export function sameAccess(a: Actor, b: Actor): boolean {
  const programs = (actor: Actor) => [...(actor.programIds ?? [])].sort().join(",");
  return a.userId === b.userId && a.organizationId === b.organizationId && a.role === b.role && programs(a) === programs(b);
}

/**
 * Whether a socket may stay in a ticket's room after an event of that ticket: its organisation
 * is among the event's audience (the organisations that may read the ticket as committed).
 */
export function mayStay(actor: Actor, audience: readonly string[]): boolean {
  return audience.includes(actor.organizationId);
}
