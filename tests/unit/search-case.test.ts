// The search box ignores case on either database (ADR 041): SQLite's LIKE did it for ASCII, PostgreSQL's
// does not, so "as-" finds the AS- ticket numbers and a lower-cased Latin company name finds the company,
// in the TP's list and in a company's inbox. Runs on SQLite here and on PostgreSQL in `npm run test:postgresql`.
import { describe, expect, it } from "vitest";
import "../support/test-db";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import { listWhere, parseListFilters } from "~/models/ticket-list.server";

useSeededDatabase("2026-11-27");

async function numbersFor(q: string): Promise<string[]> {
  const monitor = await actorFor("monitor@demo.kr");
  const rows = await prisma.ticket.findMany({
    where: listWhere(monitor, parseListFilters(new URLSearchParams({ q }))),
    select: { number: true },
  });
  return rows.map((r) => r.number).sort();
}

describe("search ignores case", () => {
  it("finds the ticket numbers typed in lower case", async () => {
    const upper = await numbersFor("AS-2026-000");
    expect(upper.length).toBeGreaterThan(5);
    expect(await numbersFor("as-2026-000")).toEqual(upper);
  });

  it("finds a Latin-lettered title or company name in either case", async () => {
    const latin = await prisma.ticket.findFirst({ where: { title: { contains: "MES" } }, select: { number: true } });
    expect(latin).not.toBeNull();
    const found = await numbersFor("mes");
    expect(found).toContain(latin!.number);
    expect(found).toEqual(await numbersFor("MES"));
  });
});
