// Every change to a ticket goes through here: one transaction that finds the
// ticket within the actor's scope, checks the version the user saw, asks the
// rules module whether the step is allowed, writes the change, bumps the
// version and records an audit event; the domain event is published only
// after the commit.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  ACTION_LABELS,
  DomainError,
  STATE_LABELS,
  assertTransition,
  isExpertRole,
  isTicketState,
  seoulDate,
  type Action,
  type IsoDate,
  type TicketContext,
  type TicketState,
} from "~/domain";
import { expertSeesAudit } from "~/domain/expert-access";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.server";
import { visibleTicket } from "./ticket.server";
import { TICKET_FACTS_INCLUDE, assessTicket, type TicketAssessment, type TicketFacts } from "./ticket-context.server";
import { publishCommitted, type DomainEvent } from "~/realtime/events.server";
import { captureSubmittedFacts } from "./submitted-facts.server";
import { notifyTicketChange } from "./notification-mail.server";
import type { Turn } from "~/domain/notifications";
import { log } from "~/utils/log.server";

function logged(event: DomainEvent, fromState: string | null): void {
  log.info({
    kind: "audit",
    seq: event.seq,
    action: event.action,
    ticketId: event.ticketId,
    actorId: event.actorId,
    fromState,
    toState: event.state,
    version: event.version,
  });
}

export type Tx = Prisma.TransactionClient;

export type ChangeResult = { ticketId: string; state: string; version: number; seq: number };

type ApplyResult = {
  /** Korean sentence for the timeline and the toast. */
  summary?: string;
  /** Extra ticket columns to write with the state and version. */
  ticketPatch?: Omit<Prisma.TicketUncheckedUpdateManyInput, "state" | "version">;
  data?: unknown;
  /** Only these people get the bell (a change addressed to someone, e.g. the officer put in charge); default: everyone else who may read the ticket. */
  notify?: readonly string[];
  /** Whose turn the change makes it, when its action alone cannot say (a question's addressee): the notifications' kind. */
  turn?: Turn;
};

/**
 * Organisations whose members may read the ticket (mirrors ticketScope): the two companies, the Technopark,
 * and the evaluator's or agency's organisation while its assignment is open (`experts`).
 */
export function audienceOf(
  ticket: { state: string; manufacturerId: string; supplierId: string; program: { technoparkId: string } },
  experts: readonly string[] = [],
): string[] {
  return ticket.state === "draft"
    ? [ticket.manufacturerId]
    : [ticket.manufacturerId, ticket.supplierId, ticket.program.technoparkId, ...experts.filter((id) => id !== ticket.program.technoparkId)];
}

/**
 * The organisations assigned to the ticket whose assignment is open after this change (read in the change's
 * transaction) and whose step the change is: an expert hears of its own step only (expertSeesAudit), never of
 * the payments or questions of a ticket it happens to be assigned to.
 */
async function openExperts(tx: Tx, ticketId: string, action: string): Promise<string[]> {
  const rows = await tx.ticketAssignment.findMany({ where: { ticketId, endedAt: null }, select: { organizationId: true, role: true } });
  return [...new Set(rows.filter((r) => isExpertRole(r.role) && expertSeesAudit(r.role, action)).map((r) => r.organizationId))];
}

async function loadFacts(tx: Tx, actor: Actor, ticketId: string): Promise<TicketFacts> {
  const facts = await tx.ticket.findFirst({ where: visibleTicket(actor, ticketId), include: TICKET_FACTS_INCLUDE });
  if (!facts) throw new NotFoundError();
  return facts;
}

/** Writes the ticket's new state and version if it still has the version the change was based on. */
async function commitChange(
  tx: Tx,
  actor: Actor,
  facts: TicketFacts,
  opts: {
    expectedVersion: number;
    nextState: string;
    action: string;
    summary: string;
    patch?: ApplyResult["ticketPatch"];
    data?: unknown;
    notify?: ApplyResult["notify"];
    turn?: Turn;
  },
): Promise<{ result: ChangeResult; event: DomainEvent }> {
  const now = new Date();
  const changed = opts.nextState !== facts.state;
  const updated = await tx.ticket.updateMany({
    where: { id: facts.id, version: opts.expectedVersion },
    data: {
      ...opts.patch,
      state: opts.nextState,
      version: { increment: 1 },
      ...(changed ? { stateChangedAt: now } : {}),
    },
  });
  if (updated.count !== 1) throw new ConflictError();
  return recordChange(tx, actor, facts, { ...opts, fromState: facts.state, version: opts.expectedVersion + 1, at: now });
}

/**
 * The trail of a committed change, in its transaction: the audit event, a bell notification for
 * everyone else who may read the ticket, and the domain event to publish after the commit.
 */
async function recordChange(
  tx: Tx,
  actor: Actor,
  facts: TicketFacts,
  opts: {
    fromState: string | null;
    nextState: string;
    version: number;
    action: string;
    summary: string;
    data?: unknown;
    at: Date;
    notify?: ApplyResult["notify"];
    turn?: Turn;
  },
): Promise<{ result: ChangeResult; event: DomainEvent }> {
  const { at: now, version } = opts;
  const audit = await tx.auditEvent.create({
    data: {
      ticketId: facts.id,
      programId: facts.programId,
      actorId: actor.userId,
      action: opts.action,
      fromState: opts.fromState,
      toState: opts.nextState,
      ticketVersion: version,
      summary: opts.summary,
      data: opts.data === undefined ? null : JSON.stringify(opts.data),
      createdAt: now,
    },
  });
  const audience = audienceOf(
    { state: opts.nextState, manufacturerId: facts.manufacturerId, supplierId: facts.supplierId, program: facts.program },
    await openExperts(tx, facts.id, opts.action),
  );
  // A notification for everyone else who may read the ticket (the bell), by its kind; mail for those
  // who want it at once goes into the outbox of this same transaction (notification-mail.server.ts).
  await notifyTicketChange(tx, {
    actor: { userId: actor.userId, name: actor.name },
    ticket: facts,
    audience,
    recipients: opts.notify,
    seq: audit.seq,
    action: opts.action,
    summary: opts.summary,
    at: now,
    turn: opts.turn,
  });
  const event: DomainEvent = {
    seq: audit.seq,
    ticketId: facts.id,
    ticketNumber: facts.number,
    programId: facts.programId,
    action: opts.action,
    state: opts.nextState,
    version,
    actorId: actor.userId,
    actorName: actor.name,
    summary: opts.summary,
    at: now.toISOString(),
    audience,
  };
  return { result: { ticketId: facts.id, state: opts.nextState, version, seq: audit.seq }, event };
}

/**
 * A workflow step (the state machine decides). `apply` writes the step's own
 * records inside the same transaction; `context` overrides facts that come
 * from the request (e.g. the months asked for in an extension).
 */
export async function transitionTicket(
  actor: Actor,
  opts: {
    ticketId: string;
    action: Action;
    expectedVersion: number;
    today?: IsoDate;
    context?: Partial<TicketContext>;
    /** Writes that the guards must see (e.g. a plan attached before submit_plan). */
    prepare?: (tx: Tx, facts: TicketFacts) => Promise<void>;
    apply?: (tx: Tx, facts: TicketFacts, next: TicketState, assessment: TicketAssessment) => Promise<ApplyResult | void>;
  },
): Promise<ChangeResult> {
  const today = opts.today ?? seoulDate(new Date());
  let fromState: string | null = null;
  const { result, event } = await prisma.$transaction(async (tx) => {
    let facts = await loadFacts(tx, actor, opts.ticketId);
    if (facts.version !== opts.expectedVersion) throw new ConflictError();
    if (opts.prepare) {
      await opts.prepare(tx, facts);
      facts = await loadFacts(tx, actor, opts.ticketId);
    }
    fromState = facts.state;
    const assessment = await assessTicket(tx, facts, today);
    if (!isTicketState(facts.state)) throw new Error(`unknown ticket state ${facts.state}`);
    const next = assertTransition(facts.state, opts.action, actor.role, { ...assessment.context, ...opts.context }, assessment.params);
    const applied = (await opts.apply?.(tx, facts, next, assessment)) ?? {};
    // every (re)submission captures the application as submitted: the rules read it from now on (ADR 018)
    if (opts.action === "submit") await captureSubmittedFacts(tx, facts);
    const summary =
      applied.summary ??
      (next === facts.state ? `${ACTION_LABELS[opts.action]}` : `${ACTION_LABELS[opts.action]}: ${STATE_LABELS[next]} 단계로 변경되었습니다.`);
    return commitChange(tx, actor, facts, {
      expectedVersion: opts.expectedVersion,
      nextState: next,
      action: `ticket.${opts.action}`,
      summary,
      patch: applied.ticketPatch,
      data: applied.data,
    });
  });
  publishCommitted([event]);
  logged(event, fromState);
  return result;
}

/**
 * A change that is not a workflow step (a quote revision, a work log, an
 * upload): the caller names who may make it and in which states; the ticket's
 * version still moves so every open page learns of it.
 */
export async function changeTicket(
  actor: Actor,
  opts: {
    ticketId: string;
    action: string;
    /** When given, the save is refused if the ticket changed since the form was loaded. */
    expectedVersion?: number;
    roles: readonly Actor["role"][];
    states?: readonly TicketState[];
    /** Korean reason shown when the state does not allow the change. */
    stateMessage?: string;
    today?: IsoDate;
    apply: (tx: Tx, facts: TicketFacts) => Promise<ApplyResult & { summary: string }>;
  },
): Promise<ChangeResult> {
  let fromState: string | null = null;
  const { result, event } = await prisma.$transaction(async (tx) => {
    const facts = await loadFacts(tx, actor, opts.ticketId);
    if (opts.expectedVersion !== undefined && facts.version !== opts.expectedVersion) throw new ConflictError();
    if (!opts.roles.includes(actor.role)) throw new ForbiddenError();
    if (opts.states && !(isTicketState(facts.state) && opts.states.includes(facts.state))) {
      throw new DomainError(
        "state_not_allowed",
        opts.stateMessage ?? `현재 단계(${isTicketState(facts.state) ? STATE_LABELS[facts.state] : facts.state})에서는 할 수 없는 작업입니다.`,
      );
    }
    fromState = facts.state;
    const applied = await opts.apply(tx, facts);
    return commitChange(tx, actor, facts, {
      expectedVersion: facts.version,
      nextState: facts.state,
      action: opts.action,
      summary: applied.summary,
      patch: applied.ticketPatch,
      data: applied.data,
      notify: applied.notify,
      turn: applied.turn,
    });
  });
  publishCommitted([event]);
  logged(event, fromState);
  return result;
}

/**
 * A new ticket (a draft). `create` writes the ticket and its own records inside the transaction
 * and names the ticket; the trail is the one every other change leaves (audit event, bell
 * notifications, and after the commit the live event, which also empties the aggregate cache).
 */
export async function createTicket(
  actor: Actor,
  opts: { action: string; create: (tx: Tx) => Promise<{ ticketId: string; summary: string; data?: unknown }> },
): Promise<ChangeResult> {
  const { result, event } = await prisma.$transaction(async (tx) => {
    const created = await opts.create(tx);
    const facts = await loadFacts(tx, actor, created.ticketId);
    return recordChange(tx, actor, facts, {
      fromState: null,
      nextState: facts.state,
      version: facts.version,
      action: opts.action,
      summary: created.summary,
      data: created.data,
      at: new Date(),
    });
  });
  publishCommitted([event]);
  logged(event, null);
  return result;
}
