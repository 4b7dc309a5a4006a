import { describe, expect, it } from "vitest";
import { cachedAggregate, invalidateAggregates } from "~/models/aggregate-cache.server";
import { publishCommitted, type DomainEvent } from "~/realtime/events.server";

const event: DomainEvent = {
  seq: 1,
  ticketId: "t",
  ticketNumber: "AS-1",
  programId: "p",
  action: "ticket.submit",
  state: "submitted",
  version: 2,
  actorId: "u",
  actorName: "n",
  summary: "s",
  at: new Date().toISOString(),
  audience: [],
};

describe("dashboard aggregate cache", () => {
  it("serves a cached value until a committed change invalidates it", async () => {
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cachedAggregate("k", compute)).toBe(1);
    expect(await cachedAggregate("k", compute)).toBe(1);
    publishCommitted([event]); // what every workflow change does after its commit
    expect(await cachedAggregate("k", compute)).toBe(2);
  });

  it("does not keep a value computed while a change was committed", async () => {
    let computed = 0;
    const slow = async () => {
      computed += 1;
      invalidateAggregates(); // a commit lands mid-computation
      return computed;
    };
    await cachedAggregate("race", slow);
    await cachedAggregate("race", slow);
    expect(computed).toBe(2);
  });
});
