// The monitor's exports against a real, migrated and seeded SQLite file: the fast row
// reader (one joined $queryRaw per keyset batch, its WHERE translated from listWhere)
// returns exactly the rows of the Prisma reader, in the same order, for every actor and
// filter; the CSV bytes and the XLSX (our sheet writer in yazl's zip) hold what the columns
// say, the same rows both; the zip's entries carry Seoul time stamps and valid CRCs; and a
// large workbook streams (read ahead only as far as the reader takes it).
import v8 from "node:v8";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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
  XLSX_PARTS,
  XLSX_SHEET_NAME,
  XLSX_SHEET_PATH,
  csvBytes,
  csvField,
  csvLine,
  csvStream,
  excelDay,
  seoulZipMtime,
  xlsxStream,
  xlsxStreamOf,
  xmlText,
} from "~/models/monitor-export.server";
import { xlsxCrcThroughZlib } from "~/models/export/xlsx.server";
import { FORMULA_START } from "~/models/export/csv.server";

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
  await removeTestDatabase();
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
    expect(whereSql({ title: { contains: "x", mode: "default" } })).toBeNull();
    expect(whereSql({ title: { equals: "x", mode: "insensitive" } })).toBeNull(); // only beside contains
    expect(whereSql({ submittedAt: { not: new Date() } })).toBeNull(); // nullable: Prisma's `not` semantics
    expect(whereSql({ items: { some: {} } })).toBeNull();
    expect(whereSql({ AND: [{ state: "agreed" }, { program: { year: 2024 } }] })).toBeNull();
    expect(whereSql({ state: 3 })).toBeNull();
    expect(whereSql({ OR: [] })?.sql).toBe("1=0");
    expect(whereSql({ id: { in: [] } })?.sql).toBe("1=0");
    expect(whereSql({ AND: [] })?.sql).toBe("1=1");
  });

  it("reads PostgreSQL's case-insensitive search (containsText) as ILIKE, and plain contains as LIKE", () => {
    expect(whereSql({ title: { contains: "x", mode: "insensitive" } })?.sql).toBe(`t."title" ILIKE ('%' || ? || '%')`);
    expect(whereSql({ title: { contains: "x" } })?.sql).toBe(`t."title" LIKE ('%' || ? || '%')`);
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

  it("defuses every character a spreadsheet starts a formula with: = + - @, TAB, CR, NUL and their compatibility forms", () => {
    // OWASP's list (= + - @ TAB CR) and ASVS's NUL, plus every character that Unicode's NFKC folds
    // to = + - @ (full-width ＝＋－＠, small ﹦﹢﹣﹫, super- and subscript ⁺⁼₊₌…): Excel in Korean
    // and Japanese locales reads the full-width forms as the ASCII ones.
    const starts = ["\t", "\r", "\0"];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (code < 0xd800 || code > 0xdfff) if ("=+-@".includes(c.normalize("NFKC")[0])) starts.push(c);
    }
    expect(starts).toEqual(expect.arrayContaining(["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "⁺"]));
    for (const start of starts) {
      const value = `${start}HYPERLINK("http://x.invalid/?"&A1,"열기")`;
      expect(csvField(value), JSON.stringify(start)).toBe(`"'${value.replace(/"/g, '""')}"`);
    }
    // what does not start a formula stays as it was
    expect(csvField("a\tb")).toBe("a\tb");
    expect(csvField("가=1")).toBe("가=1");
    expect(csvField("'인용")).toBe("'인용");
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

  it("ends with the settlement's figures (실제 사업비, 정산 정부지원금, 반환액), by both readers", async () => {
    expect(CSV_HEADER.trimEnd().split(",").slice(-3)).toEqual(["실제 사업비", "정산 정부지원금", "반환액"]);
    const settled = await prisma.ticket.findFirstOrThrow({ where: { agreedCost: { not: null } }, select: { id: true, number: true } });
    await prisma.ticket.update({
      where: { id: settled.id },
      data: { actualCost: 26_000_001, settledSubsidy: 13_000_000, refundDue: 1_000_000 },
    });
    try {
      for (const fast of [true, false]) {
        const row = (await collect(monitor, filters(""), { fast })).find((r) => r.number === settled.number)!;
        expect(csvLine(row).trimEnd().split(",").slice(-3)).toEqual(["26000001", "13000000", "1000000"]);
      }
    } finally {
      await prisma.ticket.update({ where: { id: settled.id }, data: { actualCost: null, settledSubsidy: null, refundDue: null } });
    }
  });

  it("a filtered export holds only the filtered tickets", async () => {
    const body = (await bytesOf(csvStream(monitor, filters("state=agreed")))).toString("utf8");
    const lines = body
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toHaveLength(1 + (await prisma.ticket.count({ where: { state: "agreed" } })));
  });
});

/** A text as a spreadsheet reads it back: no control characters, line breaks as \n. */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const readBack = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/\r\n?/g, "\n");

describe("XLSX", () => {
  it("escapes XML and drops what XML cannot hold", () => {
    expect(xmlText('a<b>&"c"')).toBe("a&lt;b&gt;&amp;&quot;c&quot;");
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

  it("writes text that looks like a formula as text: an inline string, never a formula cell", async () => {
    const row = (await collect(monitor, filters("")))[0];
    const titles = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1", "＝1+1", "＋1", "－1", "＠SUM(A1)", "=cmd|' /C calc'!A0"];
    const batch = titles.map((title, i) => ({ ...row, number: `AS-X-${i}`, title }));
    const file = await bytesOf(
      xlsxStreamOf(
        (async function* () {
          yield batch;
        })(),
      ),
    );
    const sheetXml = zipEntries(file)
      .find((e) => e.name === XLSX_SHEET_PATH)!
      .data.toString("utf8");
    expect(sheetXml).not.toMatch(/<f[ >]/); // SpreadsheetML has a formula only in an <f> element
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(XLSX_SHEET_NAME)!;
    titles.forEach((title, i) => {
      const cell = sheet.getRow(i + 2).getCell(2);
      expect(cell.type, JSON.stringify(title)).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(readBack(title));
    });
  });

  it("a filtered workbook holds only the filtered tickets", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(xlsxStream(monitor, filters("state=agreed")))) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet(XLSX_SHEET_NAME)!.actualRowCount).toBe(1 + (await prisma.ticket.count({ where: { state: "agreed" } })));
  });
});

// ─── The zip, read by hand: every entry's DOS time stamp, extra fields and CRC ──────────

type ZipEntryInfo = { name: string; dosDate: number; dosTime: number; extraIds: number[]; crc: number; data: Buffer };

/** The entries of a zip through its central directory (no zip64: these files are small). */
function zipEntries(file: Buffer): ZipEntryInfo[] {
  const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = file.readUInt16LE(eocd + 10);
  let at = file.readUInt32LE(eocd + 16);
  const entries: ZipEntryInfo[] = [];
  for (let i = 0; i < count; i++) {
    expect(file.readUInt32LE(at)).toBe(0x02014b50);
    const method = file.readUInt16LE(at + 10);
    const [dosTime, dosDate, crc, compressed] = [
      file.readUInt16LE(at + 12),
      file.readUInt16LE(at + 14),
      file.readUInt32LE(at + 16),
      file.readUInt32LE(at + 20),
    ];
    const [nameLength, extraLength, commentLength] = [file.readUInt16LE(at + 28), file.readUInt16LE(at + 30), file.readUInt16LE(at + 32)];
    const local = file.readUInt32LE(at + 42);
    const name = file.toString("utf8", at + 46, at + 46 + nameLength);
    const extraIds: number[] = [];
    for (let e = at + 46 + nameLength; e < at + 46 + nameLength + extraLength; e += 4 + file.readUInt16LE(e + 2))
      extraIds.push(file.readUInt16LE(e));
    // the local header says the same time
    expect(file.readUInt32LE(local)).toBe(0x04034b50);
    expect([file.readUInt16LE(local + 10), file.readUInt16LE(local + 12)], name).toEqual([dosTime, dosDate]);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const raw = file.subarray(start, start + compressed);
    entries.push({ name, dosDate, dosTime, extraIds, crc, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A DOS date and time as "YYYY-MM-DD HH:MM:SS" (wall clock, no zone). */
function dosWallClock(date: number, time: number): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${1980 + (date >> 9)}-${p((date >> 5) & 15)}-${p(date & 31)} ${p(time >> 11)}:${p((time >> 5) & 63)}:${p((time & 31) * 2)}`;
}

/** The Seoul wall clock of an instant, to the even second below (DOS time's resolution). */
function seoulWallClock(instant: Date): string {
  const s = new Date(instant.getTime() + 9 * 3_600_000);
  s.setUTCSeconds(s.getUTCSeconds() & ~1, 0);
  return s.toISOString().slice(0, 19).replace("T", " ");
}

async function withTimeZone<T>(zone: string, run: () => Promise<T>): Promise<T> {
  const saved = process.env.TZ;
  process.env.TZ = zone; // Node applies it to Date's local fields at once
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

/** RFC 4180 fields of the CSV body (BOM and header included). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

describe("XLSX and CSV", () => {
  it("hold the same rows: every CSV field is the workbook's cell", async () => {
    const f = filters("");
    const csv = parseCsv((await bytesOf(csvStream(monitor, f))).toString("utf8").replace(/^\uFEFF/, ""));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(xlsxStream(monitor, f))) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(XLSX_SHEET_NAME)!;
    expect(csv.length).toBeGreaterThan(40);
    expect(sheet.actualRowCount).toBe(csv.length);
    csv.forEach((fields, r) => {
      expect(fields).toHaveLength(EXPORT_COLUMNS.length);
      const row = sheet.getRow(r + 1);
      fields.forEach((field, c) => {
        const v = row.getCell(c + 1).value;
        const cell = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
        // the CSV defuses formulas with a leading ', and a spreadsheet keeps no control characters
        const csvValue = readBack(field.startsWith("'") && FORMULA_START.test(field.slice(1)) ? field.slice(1) : field);
        expect(cell, `row ${r + 1} ${EXPORT_COLUMNS[c].header}`).toBe(csvValue);
      });
    });
  });
});

describe("XLSX zip (yazl)", () => {
  it("stamps every entry with the Seoul wall-clock time, whatever the server's time zone", async () => {
    const now = new Date("2026-11-27T15:30:11Z"); // already the 28th in Seoul
    for (const zone of ["UTC", "America/Los_Angeles", "Asia/Seoul", "Europe/Berlin"]) {
      const file = await withTimeZone(zone, () => bytesOf(xlsxStream(monitor, filters("state=agreed"), { now })));
      const entries = zipEntries(file);
      expect(entries.map((e) => e.name)).toEqual([...Object.keys(XLSX_PARTS), XLSX_SHEET_PATH]);
      for (const e of entries) {
        expect(dosWallClock(e.dosDate, e.dosTime), `${zone} ${e.name}`).toBe("2026-11-28 00:30:10");
        // no Info-ZIP UTC stamp (0x5455) that a reader would prefer and show 9 hours off
        expect(e.extraIds, e.name).not.toContain(0x5455);
      }
    }
    expect(await withTimeZone("UTC", async () => seoulZipMtime(now).getHours())).toBe(0);
  });

  it("stamps a Seoul time that the server's zone skips (its spring-forward hour) as it is", async () => {
    // 02:30 on the day the clocks go forward does not exist in Los Angeles, Berlin or New York;
    // in Seoul it is an ordinary time, and the archive must say so
    const cases = [
      { zone: "America/Los_Angeles", now: "2026-03-07T17:30:11Z", seoul: "2026-03-08 02:30:10" },
      { zone: "America/New_York", now: "2026-03-07T17:30:11Z", seoul: "2026-03-08 02:30:10" },
      { zone: "Europe/Berlin", now: "2026-03-28T17:30:11Z", seoul: "2026-03-29 02:30:10" },
    ];
    for (const { zone, now, seoul } of cases) {
      const file = await withTimeZone(zone, () => bytesOf(xlsxStream(monitor, filters("state=agreed"), { now: new Date(now) })));
      for (const e of zipEntries(file)) expect(dosWallClock(e.dosDate, e.dosTime), `${zone} ${e.name}`).toBe(seoul);
    }
  });

  it("stamps now by default, and every entry's CRC is right", async () => {
    const before = new Date();
    const entries = zipEntries(await bytesOf(xlsxStream(monitor, filters(""))));
    const after = new Date();
    for (const e of entries) {
      expect([seoulWallClock(before), seoulWallClock(after)], e.name).toContain(dosWallClock(e.dosDate, e.dosTime));
      expect(e.crc, e.name).toBe(zlib.crc32(e.data));
    }
    expect(entries.find((e) => e.name === "xl/workbook.xml")!.data.toString("utf8")).toBe(XLSX_PARTS["xl/workbook.xml"]);
    expect(xlsxCrcThroughZlib()).toBe(true);
  });
});

describe("export memory", () => {
  it("changes no V8 flag while an export runs, ends, fails or is cancelled (issue 13, item 9)", async () => {
    // V8 flags are meant to be set before the isolate starts; changing them later is unsupported
    // (docs/decisions/016): the server gets its memory settings on its command line instead.
    const setFlags = vi.spyOn(v8, "setFlagsFromString").mockImplementation(() => {});
    try {
      await bytesOf(csvStream(monitor, filters("")));
      await bytesOf(xlsxStream(monitor, filters("")));
      for (const stream of [csvStream(monitor, filters("")), xlsxStream(monitor, filters(""))]) {
        const reader = stream.getReader();
        await reader.read();
        await reader.cancel();
      }
      const failingRead: AsyncIterable<ExportRow[]> = { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error("읽기 실패")) }) };
      await expect(bytesOf(xlsxStreamOf(failingRead))).rejects.toThrow("읽기 실패");
      expect(setFlags).not.toHaveBeenCalled();
    } finally {
      setFlags.mockRestore();
    }
  });
});

describe("a large XLSX export", () => {
  const template: ExportRow = {
    number: "AS-2026-00001",
    title: "스마트공장 설비 유지보수 & MES 연동 <긴급>",
    state: "in_progress",
    submittedAt: new Date("2026-03-02T01:00:00Z"),
    planDueOn: "2026-03-20",
    revisionDueOn: null,
    planDeadlines: "",
    windowEndOn: "2026-09-30",
    quoteTotal: 28_000_000,
    agreedCost: 25_000_000,
    subsidy: 12_500_000,
    companyShare: 12_500_000,
    actualCost: null,
    settledSubsidy: null,
    refundDue: null,
    manufacturerName: "도입기업 주식회사",
    supplierName: "공급기업 테크",
    supportTypes: ["hw_repair", "sw_upgrade"],
    nextParties: "공급기업 · 도입기업",
  };
  const BATCH = 500;

  /** `count` batches of synthetic rows, counting how many were made and whether the reader ended them. */
  function batches(count: number, failAfter = Infinity) {
    const progress = { produced: 0, ended: false };
    const iterable = (async function* () {
      try {
        for (let b = 0; b < count; b++) {
          if (b === failAfter) throw new Error("the database went away");
          progress.produced++;
          yield Array.from({ length: BATCH }, (_, i) => ({ ...template, number: `AS-2026-${String(b * BATCH + i).padStart(6, "0")}` }));
        }
      } finally {
        progress.ended = true;
      }
    })();
    return { iterable, progress };
  }

  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 10));
  };

  it("reads rows only as fast as the download takes them, and all of them in the end", async () => {
    const { iterable, progress } = batches(200); // 100,000 rows, about 65 MB of sheet XML
    const reader = xlsxStreamOf(iterable).getReader();
    const chunks: Buffer[] = [Buffer.from((await reader.read()).value!)];
    await settle(); // a reader that does not read: the sheet must not run ahead
    expect(progress.produced).toBeLessThanOrEqual(12); // a batch or two in each stage of the pipe (≈ 4 of 65 MB)
    let maxAhead = 0;
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      received += value.byteLength;
      // deflate makes about 1 byte of zip from 7 of sheet (≈ 47 compressed bytes a row)
      maxAhead = Math.max(maxAhead, progress.produced - received / (47 * BATCH));
    }
    expect(progress).toEqual({ produced: 200, ended: true });
    expect(maxAhead).toBeLessThan(20); // never the whole sheet ahead of the download
    const sheet = zipEntries(Buffer.concat(chunks)).find((e) => e.name === XLSX_SHEET_PATH)!;
    expect(sheet.data.length).toBeGreaterThan(60_000_000);
    expect(sheet.crc).toBe(zlib.crc32(sheet.data));
    const text = sheet.data.toString("utf8");
    expect(text.split("</row>").length - 1).toBe(1 + 200 * BATCH);
    expect(text).toContain('<row r="100001"><c r="A100001" t="inlineStr"><is><t>AS-2026-099999</t>');
    expect(text.endsWith("</sheetData></worksheet>")).toBe(true);
  }, 60_000);

  it("stops reading when the download is cancelled", async () => {
    const { iterable, progress } = batches(200);
    const reader = xlsxStreamOf(iterable).getReader();
    while (progress.produced < 2) await reader.read(); // the fixed parts come first, then the sheet
    await reader.cancel();
    await settle();
    expect(progress.ended).toBe(true);
    expect(progress.produced).toBeLessThan(10);
  });

  it("fails the download when a batch cannot be read", async () => {
    const { iterable, progress } = batches(200, 3);
    await expect(bytesOf(xlsxStreamOf(iterable))).rejects.toThrow("the database went away");
    expect(progress).toEqual({ produced: 3, ended: true });
  });
});
