import { describe, expect, it } from "vitest";
import type { Actor } from "~/auth/actor";
import { mayStay, roomsOf, sameAccess, ticketRoom, ticketsIn } from "./rooms";

const vendor: Actor = {
  userId: "u1",
  name: "정하늘",
  email: "vendor1@demo.kr",
  role: "supplier",
  organizationId: "s1",
  organizationName: "(주)스마트팩토리솔루션",
  organizationKind: "supplier",
};
const monitor: Actor = { ...vendor, userId: "u9", role: "monitor", organizationId: "tp", programIds: ["p2", "p1"] };

describe("rooms", () => {
  it("a socket joins its user's and organisation's rooms, a monitor also its programs'", () => {
    expect(roomsOf(vendor)).toEqual(["user:u1", "org:s1"]);
    expect(roomsOf(monitor)).toEqual(["user:u9", "org:tp", "program:p2", "program:p1"]);
  });

  it("ticketsIn names the tickets among a socket's rooms", () => {
    expect(ticketsIn(["abc123", "user:u1", ticketRoom("t1"), "org:s1", ticketRoom("t2")])).toEqual(["t1", "t2"]);
    expect(ticketsIn(new Set(["user:u1"]))).toEqual([]);
  });

  it("sameAccess: another organisation, role or program set moves the socket; a new name does not", () => {
    expect(sameAccess(vendor, { ...vendor, name: "새 이름", organizationName: "새 회사명" })).toBe(true);
    expect(sameAccess(vendor, { ...vendor, organizationId: "s2" })).toBe(false);
    expect(sameAccess(vendor, { ...vendor, role: "manufacturer" })).toBe(false);
    expect(sameAccess(vendor, { ...vendor, userId: "u2" })).toBe(false);
    expect(sameAccess(monitor, { ...monitor, programIds: ["p1", "p2"] })).toBe(true);
    expect(sameAccess(monitor, { ...monitor, programIds: ["p1", "p2", "p3"] })).toBe(false);
    expect(sameAccess(monitor, { ...monitor, programIds: undefined })).toBe(false);
  });

  it("mayStay: only members of an organisation in the event's audience", () => {
    expect(mayStay(vendor, ["m1", "s1", "tp"])).toBe(true);
    expect(mayStay(vendor, ["m1", "s2", "tp"])).toBe(false);
    expect(mayStay(monitor, ["m1", "s2", "tp"])).toBe(true);
    expect(mayStay(monitor, ["m1"])).toBe(false);
  });
});
