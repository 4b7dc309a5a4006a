// The monitor's exports against a real, migrated and seeded SQLite file: the fast row
// reader (one joined $queryRaw per keyset batch, its WHERE translated from listWhere)
// returns exactly the rows of the Prisma reader, in the same order, for every actor and
// filter; the CSV bytes and the hand-written XLSX hold what the columns say.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import ExcelJS from "exceljs";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { SUPPORT_TYPES, TICKET_STATES } from "~/domain";
import { listWhere, parseListFilters, type ListFilters } from "~/models/ticket-list.server";
import { iterateExportRows, whereSql, type ExportRow } from "~/models/export-rows.server";
import {
  CSV_HEADER,
  EXPORT_COLUMNS,
  XLSX_SHEET_NAME,
  csvBytes,
  csvField,
  csvLine,
  csvStream,
  excelDay,
  xlsxStream,
  xmlText,
} from "~/models/monitor-export.server";

const TODAY = "2026-11-27";
let monitor: Actor;
let maker1: Actor;
let vendor1: Actor;
let programId: string;
let companies: { id: string; name: string; kind: string }[];

async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({
    data: { id: `x-${email}-${Math.random()}`.padEnd(43, "x").slice(0, 43), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
  });
  const actor = await actorFromSessionId(session.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

// Titles a CSV or an XML writer can get wrong, and LIKE wildcards for the search filter.
const AWKWARD_TITLES = [
  '쉼표, 그리고 "따옴표"',
  "=SUM(A1:A9) 수식처럼 보이는 제목",
  "-5 마이너스로 시작",
  "+82 국가번호",
  "@멘션",
  "줄\n바꿈\r\n있음",
  " 앞뒤 공백 ",
  "<b>태그</b> & 앰퍼샌드",
  "제어\u0001문자\u001f",
  "100% 달성_언더스코어",
  "MES Upgrade (mixed Case)",
  "mes upgrade (lower case)",
];

async function addTickets() {
  const program = await prisma.program.findFirstOrThrow();
  programId = program.id;
  const makers = await prisma.organization.findMany({ where: { kind: "manufacturer" }, orderBy: { name: "asc" } });
  const suppliers = await prisma.organization.findMany({ where: { kind: "supplier" }, orderBy: { name: "asc" } });
  companies = [...makers, ...suppliers].map((o) => ({ id: o.id, name: o.name, kind: o.kind }));
  for (let i = 0; i < 48; i++) {
    const state = TICKET_STATES[(i + 1) % TICKET_STATES.length]; // a draft or two among them, none of the awkward titles
    const submitted = i % 5 === 0 ? null : new Date(Date.UTC(2026, i % 12, 1 + (i % 27), (i * 7) % 24, 30));
    await prisma.ticket.create({
      data: {
        number: `AS-2025-${String(i + 1).padStart(4, "0")}`,
        programId,
        manufacturerId: makers[i % makers.length].id,
        supplierId: suppliers[i % suppliers.length].id,
        title: i < AWKWARD_TITLES.length ? AWKWARD_TITLES[i] : `추가 과제 ${i}`,
        problem: "문제",
        desiredOutcome: "목표",
        state,
        submittedAt: submitted,
        createdAt: new Date(Date.UTC(2025, (i * 5) % 12, 1 + (i % 28), 3)),
        planDueOn: i % 3 === 0 ? `2026-${String((i % 12) + 1).padStart(2, "0")}-15` : null,
        revisionDueOn: i % 4 === 0 ? "2026-12-31" : null,
        windowEndOn: i % 2 === 0 ? "2027-05-31" : null,
        quoteTotal: i % 3 === 1 ? null : 1_000_000 * (i + 1),
        agreedCost: i % 2 ? 900_000 * i : null,
        subsidy: i % 2 ? 450_000 * i : null,
        companyShare: i % 2 ? 450_000 * i : null,
        supportTypes: { create: SUPPORT_TYPES.filter((_, k) => (i >> k) % 2 === 1 && k < 4 + (i % 4)).map((type) => ({ type })) },
      },
    });
  }
}

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  monitor = await actorFor("monitor@demo.kr");
  maker1 = await actorFor("maker1@demo.kr");
  vendor1 = await actorFor("vendor1@demo.kr");
  await addTickets();
});

afterAll(async () => {
  await closeDatabase();
  removeTestDatabase();
});

async function collect(actor: Actor, filters: ListFilters, options: { batchSize?: number; fast?: boolean } = {}): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  for await (const batch of iterateExportRows(actor, filters, options)) {
    if (options.batchSize) expect(batch.length).toBeLessThanOrEqual(options.batchSize);
    rows.push(...batch);
  }
  return rows;
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    chunks.push(Buffer.from(value));
  }
}

const filters = (query: string) => parseListFilters(new URLSearchParams(query));

describe("export rows", () => {
  it("the fast reader gives the Prisma reader's rows, in its order, for every actor and filter", async () => {
    const makerName = companies.find((c) => c.kind === "manufacturer")!.name;
    const supplierName = companies.find((c) => c.kind === "supplier")!.name;
    const queries = [
      "",
      "state=agreed",
      "state=draft",
      `programId=${programId}`,
      "programId=nope",
      `manufacturerId=${companies.find((c) => c.kind === "manufacturer")!.id}`,
      `supplierId=${companies.find((c) => c.kind === "supplier")!.id}`,
      ...SUPPORT_TYPES.map((t) => `supportType=${t}`),
      "from=2026-03-01",
      "to=2026-06-30",
      "from=2026-03-01&to=2026-06-30",
      "dateField=createdAt&from=2025-04-01&to=2025-09-30",
      "q=따옴표",
      "q=%",
      "q=_",
      "q=100%",
      "q=AS-2025",
      "q=mes upgrade",
      "q=MES",
      `q=${encodeURIComponent(makerName.slice(0, 3))}`,
      `q=${encodeURIComponent(supplierName.slice(-3))}`,
      `state=in_progress&supportType=hw_repair&q=과제&from=2026-01-01`,
    ];
    const unknownRole = { ...monitor, role: "auditor" } as unknown as Actor;
    const monitorWithoutPrograms = { ...monitor, programIds: undefined };
    for (const actor of [monitor, monitorWithoutPrograms, maker1, vendor1, unknownRole]) {
      for (const query of queries) {
        const f = filters(query);
        expect(whereSql(listWhere(actor, f)), `${actor.role} ${query}: translated`).not.toBeNull();
        const slow = await collect(actor, f, { fast: false });
        const fast = await collect(actor, f);
        expect(fast, `${actor.role} ${query}`).toEqual(slow);
      }
    }
    // and the rows are the list's: scoped (no draft for a monitor), newest number first
    const all = await collect(monitor, filters(""));
    const expected = await prisma.ticket.findMany({ where: { state: { not: "draft" } }, orderBy: { number: "desc" }, select: { number: true } });
    expect(all.map((r) => r.number)).toEqual(expected.map((t) => t.number));
    expect(await collect(unknownRole, filters(""))).toEqual([]);
  });

  it("agrees with the Prisma reader on random filter combinations", async () => {
    const makerIds = companies.filter((c) => c.kind === "manufacturer").map((c) => c.id);
    const supplierIds = companies.filter((c) => c.kind === "supplier").map((c) => c.id);
    const date = fc.integer({ min: 0, max: 800 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const query = fc.record(
      {
        state: fc.constantFrom(...TICKET_STATES),
        supportType: fc.constantFrom(...SUPPORT_TYPES),
        manufacturerId: fc.constantFrom(...makerIds),
        supplierId: fc.constantFrom(...supplierIds),
        dateField: fc.constantFrom("submittedAt", "createdAt"),
        from: date,
        to: date,
        q: fc.constantFrom("과제", "AS", "%", "_", "e", "E", "정밀", "테크", " "),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom(monitor, maker1, vendor1), async (q, actor) => {
        const f = filters(new URLSearchParams(q as Record<string, string>).toString());
        expect(await collect(actor, f)).toEqual(await collect(actor, f, { fast: false }));
      }),
      { numRuns: 60 },
    );
  });

  it("reads in keyset batches without gaps or repeats", async () => {
    const whole = await collect(monitor, filters(""));
    expect(whole.length).toBeGreaterThan(40);
    expect(await collect(monitor, filters(""), { batchSize: 7 })).toEqual(whole);
    expect(await collect(monitor, filters(""), { batchSize: 1 })).toEqual(whole);
    expect(await collect(monitor, filters(""), { batchSize: whole.length })).toEqual(whole);
  });

  it("falls back to the Prisma reader for a where it does not know", async () => {
    expect(whereSql({ NOT: { state: "draft" } })).toBeNull();
    expect(whereSql({ title: { contains: "x", mode: "insensitive" } })).toBeNull();
    expect(whereSql({ submittedAt: { not: new Date() } })).toBeNull(); // nullable: Prisma's `not` semantics
    expect(whereSql({ items: { some: {} } })).toBeNull();
    expect(whereSql({ AND: [{ state: "agreed" }, { program: { year: 2024 } }] })).toBeNull();
    expect(whereSql({ state: 3 })).toBeNull();
    expect(whereSql({ OR: [] })?.sql).toBe("1=0");
    expect(whereSql({ id: { in: [] } })?.sql).toBe("1=0");
    expect(whereSql({ AND: [] })?.sql).toBe("1=1");
  });
});

describe("CSV", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(28_000_000)).toBe("28000000");
    expect(csvField(-5)).toBe(`"'-5"`);
    expect(csvField("평범한 제목")).toBe("평범한 제목");
    expect(csvField('쉼표, 그리고 "따옴표"')).toBe('"쉼표, 그리고 ""따옴표"""');
    expect(csvField("=SUM(A1)")).toBe(`"'=SUM(A1)"`);
    expect(csvField("@x")).toBe(`"'@x"`);
    expect(csvField("줄\n바꿈")).toBe('"줄\n바꿈"');
  });

  it("streams BOM, Korean header and one line per ticket, byte for byte what csvLine gives", async () => {
    const f = filters("");
    const rows = await collect(monitor, f, { fast: false });
    const body = await bytesOf(csvStream(monitor, f));
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString("utf8")).toBe(CSV_HEADER + rows.map(csvLine).join(""));
    expect(csvBytes(rows).toString("utf8")).toBe(rows.map(csvLine).join(""));
    expect(CSV_HEADER.slice(1, 11)).toBe("과제번호,제목,단계");
    const line = csvLine(rows.find((r) => r.title === '쉼표, 그리고 "따옴표"')!);
    expect(line).toContain('"쉼표, 그리고 ""따옴표"""');
    const agreed = rows.find((r) => r.agreedCost !== null)!;
    expect(csvLine(agreed).split(",")).toContain(String(agreed.agreedCost));
  });

  it("a filtered export holds only the filtered tickets", async () => {
    const body = (await bytesOf(csvStream(monitor, filters("state=agreed")))).toString("utf8");
    const lines = body.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + (await prisma.ticket.count({ where: { state: "agreed" } })));
  });
});

/** A text as a spreadsheet reads it back: no control characters, line breaks as \n. */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const readBack = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/\r\n?/g, "\n");

describe("XLSX", () => {
  it("escapes XML and drops what XML cannot hold", () => {
    expect(xmlText("a<b>&\"c\"")).toBe("a&lt;b&gt;&amp;&quot;c&quot;");
    expect(xmlText("제어\u0001문자\u001f\t탭")).toBe("제어문자\t탭");
    expect(xmlText("줄\r\n바꿈\r끝\n")).toBe("줄\n바꿈\n끝\n");
    expect(excelDay("1970-01-01")).toBe(25_569);
    expect(excelDay("2027-05-31")).toBe(46_538);
  });

  it("is a workbook exceljs reads back: header, every row, numbers, dates, formats, frozen header", async () => {
    const f = filters("");
    const rows = await collect(monitor, f, { fast: false });
    const file = await bytesOf(xlsxStream(monitor, f));
    expect(file.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(XLSX_SHEET_NAME)!;
    expect(sheet.actualRowCount).toBe(rows.length + 1);
    expect(sheet.getRow(1).values).toEqual([undefined, ...EXPORT_COLUMNS.map((c) => c.header)]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.columns.map((c) => c.width)).toEqual(EXPORT_COLUMNS.map((c) => c.width));
    rows.forEach((r, i) => {
      const row = sheet.getRow(i + 2);
      EXPORT_COLUMNS.forEach((column, c) => {
        const cell = row.getCell(c + 1);
        const v = column.value(r);
        const where = `${r.number} ${column.header}`;
        if (v === null || v === "") expect(cell.value ?? null, where).toBeNull();
        else if (column.kind === "money") {
          expect(cell.value, where).toBe(v);
          expect(cell.numFmt, where).toBe("#,##0");
        } else if (column.kind === "date") {
          expect(cell.value, where).toBeInstanceOf(Date);
          expect((cell.value as Date).toISOString().slice(0, 10), where).toBe(v);
          expect(cell.numFmt, where).toBe("yyyy-mm-dd");
        } else expect(cell.value, where).toBe(readBack(String(v)));
      });
    });
  });

  it("a filtered workbook holds only the filtered tickets", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(xlsxStream(monitor, filters("state=agreed")))) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet(XLSX_SHEET_NAME)!.actualRowCount).toBe(1 + (await prisma.ticket.count({ where: { state: "agreed" } })));
  });
});
