// `npm run seed:scale -- --tickets 100000 [--seed 42] [--database-url file:./data/scale.db]`
//
// Fills a SEPARATE database with program-scale data for benchmarks: 20
// programs of one Technopark, tickets/10 organisations, tickets/2 users, the tickets spread over
// every state with quotes, cost reviews, agreements, ten work logs per ticket
// on average and an audit trail. Deterministic for a given --seed. Writes with
// prepared statements in large transactions (a seeding tool, not app code);
// amounts and windows still come from the rules module.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import bcrypt from "bcryptjs";
import {
  GYEONGGI_2024_PARAMS,
  TICKET_STATES,
  SUPPORT_TYPES,
  addDays,
  agreementAmounts,
  executionWindow,
  expectedSubsidy,
  type TicketState,
} from "~/domain";
import { applyMigrations } from "./db/lib/apply.mjs";
import { projectRoot, resolveDatabaseFile } from "./db/lib/paths.mjs";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

const TICKETS = Number(arg("tickets", "100000"));
const SEED = Number(arg("seed", "42"));
const file = resolveDatabaseFile(arg("database-url", "file:./data/scale.db"), projectRoot);
if (!Number.isInteger(TICKETS) || TICKETS < 100) throw new Error("--tickets must be an integer ≥ 100");

// mulberry32: small, fast, deterministic
let state = SEED >>> 0;
function rnd(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

let counter = 0;
const id = (prefix: string) => `${prefix}${(counter++).toString(36).padStart(10, "0")}`;
const stamp = (date: string, hour = 10) => `${date}T${String(hour).padStart(2, "0")}:00:00.000+00:00`;

function progress(label: string, done: number, total: number) {
  if (done !== total && done % Math.max(1, Math.floor(total / 50)) !== 0) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(
    `\r${label.padEnd(14)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done.toLocaleString("en")}/${total.toLocaleString("en")}`,
  );
  if (done === total) process.stdout.write("\n");
}

// Where each state sits on the path (later states imply the earlier records).
const PATH: TicketState[] = [
  "draft",
  "submitted",
  "requirement_review",
  "site_evaluation",
  "selected",
  "plan_submitted",
  "cost_review",
  "agreed",
  "funded",
  "in_progress",
  "completion_check",
  "completed",
  "follow_up",
];
const STATE_WEIGHTS: [TicketState, number][] = [
  ["draft", 4],
  ["submitted", 6],
  ["requirement_review", 6],
  ["site_evaluation", 6],
  ["selected", 6],
  ["plan_submitted", 5],
  ["cost_review", 5],
  ["plan_revision", 2],
  ["agreed", 4],
  ["funded", 4],
  ["in_progress", 18],
  ["completion_check", 6],
  ["completed", 14],
  ["follow_up", 6],
  ["rejected", 2],
  ["not_selected", 3],
  ["withdrawn", 2],
  ["cancelled", 1],
];
const totalWeight = STATE_WEIGHTS.reduce((a, [, w]) => a + w, 0);
function randomState(): TicketState {
  let r = rnd() * totalWeight;
  for (const [s, w] of STATE_WEIGHTS) if ((r -= w) < 0) return s;
  return "in_progress";
}
const depth = (s: TicketState) => {
  const i = PATH.indexOf(s);
  if (i >= 0) return i;
  return { plan_revision: PATH.indexOf("cost_review"), rejected: 2, not_selected: 3, withdrawn: 1, cancelled: 5 }[s as "rejected"] ?? 1;
};

const REGIONS = [
  "경기도",
  "서울특별시",
  "인천광역시",
  "충청북도",
  "충청남도",
  "전라북도",
  "경상남도",
  "경상북도",
  "강원특별자치도",
  "대전광역시",
];
const NAMES = ["한빛", "대성", "미래", "세진", "동양", "태광", "신영", "삼호", "우진", "정우", "제일", "한국", "성원", "화신", "금성"];
const KINDS = ["정밀", "플라스틱", "식품", "금속", "전자", "화학", "기계", "섬유", "테크", "산업"];

function main() {
  const started = Date.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  applyMigrations({ databaseFile: file, migrationsDir: path.join(projectRoot, "prisma", "migrations"), log: () => {} });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF"); // bulk load only; the app runs with FULL
  db.pragma("foreign_keys = ON");
  const now = stamp("2026-11-27");
  const passwordHash = bcrypt.hashSync("demo1234!", 10);

  const insert = {
    org: db.prepare(
      `INSERT INTO Organization (id, kind, name, businessNumber, address, region, eligibilityBasis, diffusionCompletionYear, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    user: db.prepare(
      `INSERT INTO User (id, email, name, passwordHash, role, organizationId, createdAt, updatedAt, emailVerifiedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    program: db.prepare(
      `INSERT INTO Program (id, name, year, noticeNumber, technoparkId, subsidyRateBp, subsidyCap, subsidyBudget, capacity, baseMonths, maxExtensionMonths, planDueDays, revisionDueDays, passMark, documentValidityMonths, region, localProgramSinceYear, intakeOpensOn, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    ticket: db.prepare(
      `INSERT INTO Ticket (id, number, programId, manufacturerId, supplierId, title, problem, desiredOutcome, state, version, submittedAt, selectionNoticeOn, planDueOn, windowEndOn, quoteTotal, agreedCost, subsidy, companyShare, stateChangedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    supportType: db.prepare(`INSERT INTO TicketSupportType (ticketId, type) VALUES (?, ?)`),
    quote: db.prepare(`INSERT INTO Quote (id, ticketId, version, total, createdById, createdAt) VALUES (?, ?, 1, ?, ?, ?)`),
    quoteLine: db.prepare(
      `INSERT INTO QuoteLine (id, quoteId, kind, description, quantity, unitPrice, amount, sortOrder) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    costReview: db.prepare(
      `INSERT INTO CostReview (id, ticketId, quoteId, quoteTotal, verifiedAmount, resultOn, reviewerId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    agreement: db.prepare(
      `INSERT INTO Agreement (id, ticketId, startOn, baseEndOn, endOn, agreedCost, subsidy, companyShare, signedById, signedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    workLog: db.prepare(
      `INSERT INTO WorkLog (id, ticketId, authorId, workedOn, minutes, description, status, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    audit: db.prepare(
      `INSERT INTO AuditEvent (ticketId, programId, actorId, action, fromState, toState, ticketVersion, summary, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };

  // Organisations: 10 Technoparks, suppliers (14 %), manufacturers (the rest).
  const orgCount = Math.max(30, Math.round(TICKETS / 10));
  const technoparks: string[] = [];
  const suppliers: string[] = [];
  const manufacturers: string[] = [];
  const usersByOrg = new Map<string, string[]>();
  let brn = 1_000_000;
  const nextBrn = () => {
    // a 9-digit body with the official check digit
    const body = String(1_000_000_00 + brn++).slice(-9);
    const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
    const d = [...body].map(Number);
    const sum = d.reduce((a, x, i) => a + x * w[i], 0) + Math.floor((d[8] * 5) / 10);
    return body + String((10 - (sum % 10)) % 10);
  };
  const userCount = Math.max(orgCount, Math.round(TICKETS / 2));
  db.transaction(() => {
    for (let i = 0; i < orgCount; i++) {
      const kind = i < 10 ? "technopark" : i < 10 + Math.round(orgCount * 0.14) ? "supplier" : "manufacturer";
      const orgId = id("o");
      const region = kind === "technopark" ? REGIONS[i] : pick(REGIONS);
      const name = kind === "technopark" ? `${region} 테크노파크` : `${pick(NAMES)}${pick(KINDS)}${kind === "supplier" ? "솔루션" : ""} ${i}`;
      insert.org.run(
        orgId,
        kind,
        name,
        nextBrn(),
        `${region} 산업로 ${i}`,
        region,
        kind === "manufacturer" ? "diffusion" : null,
        kind === "manufacturer" ? 2021 : null,
        now,
        now,
      );
      (kind === "technopark" ? technoparks : kind === "supplier" ? suppliers : manufacturers).push(orgId);
      usersByOrg.set(orgId, []);
      progress("organisations", i + 1, orgCount);
    }
    const orgs = [...usersByOrg.keys()];
    for (let i = 0; i < userCount; i++) {
      const orgId = orgs[i % orgs.length];
      const role = technoparks.includes(orgId) ? "monitor" : suppliers.includes(orgId) ? "supplier" : "manufacturer";
      const userId = id("u");
      insert.user.run(userId, `user${i}@scale.test`, `사용자${i}`, passwordHash, role, orgId, now, now, now); // address confirmed (ADR 020)
      usersByOrg.get(orgId)!.push(userId);
      progress("users", i + 1, userCount);
    }
  })();

  // Programs: 20 calls for applications (2007–2026) of the first Technopark,
  // so its monitor sees every ticket: the worst case for the monitor's pages.
  // The other Technoparks exist (organisations, users) with no programs.
  const programs: { id: string; tp: string; year: number }[] = [];
  db.transaction(() => {
    for (let k = 0; k < 20; k++) {
      const year = 2007 + k;
      const p = GYEONGGI_2024_PARAMS;
      const programId = id("p");
      insert.program.run(
        programId,
        `${year}년 스마트공장 AS지원사업 (${REGIONS[0]})`,
        year,
        `공고 제${year}-5호`,
        technoparks[0],
        p.subsidyRateBp,
        p.subsidyCap,
        100_000 * p.subsidyCap,
        100_000,
        p.baseMonths,
        p.maxExtensionMonths,
        p.planDueDays,
        p.revisionDueDays,
        p.passMark,
        p.documentValidityMonths,
        REGIONS[0],
        p.localProgramSinceYear,
        `${year}-01-15`,
        now,
        now,
      );
      programs.push({ id: programId, tp: technoparks[0], year });
    }
  })();

  // Tickets and everything they imply.
  const params = GYEONGGI_2024_PARAMS;
  let workLogs = 0;
  let audits = 0;
  const BATCH = 5000;
  for (let start = 0; start < TICKETS; start += BATCH) {
    db.transaction(() => {
      for (let n = start; n < Math.min(TICKETS, start + BATCH); n++) {
        const program = programs[n % programs.length];
        const maker = pick(manufacturers);
        const supplier = pick(suppliers);
        const monitorUser = usersByOrg.get(program.tp)![0];
        const makerUser = usersByOrg.get(maker)![0] ?? monitorUser;
        const supplierUser = usersByOrg.get(supplier)![0] ?? monitorUser;
        const s = randomState();
        const d = depth(s);
        const created = addDays(`${program.year}-01-20`, int(0, 300));
        const ticketId = id("t");
        const lines = [
          { quantity: int(1, 4), unitPrice: int(5, 40) * 100_000 },
          { quantity: 1, unitPrice: int(20, 200) * 100_000 },
        ];
        const quoteTotal = d >= 1 ? lines.reduce((a, l) => a + l.quantity * l.unitPrice, 0) : null;
        const verified =
          quoteTotal && d >= PATH.indexOf("agreed") ? Math.min(quoteTotal, Math.round((quoteTotal * (0.85 + rnd() * 0.2)) / 1000) * 1000) : null;
        const selection = d >= PATH.indexOf("selected") ? addDays(created, 40) : null;
        const start_ = d >= PATH.indexOf("agreed") ? addDays(created, 90) : null;
        const window = start_ ? executionWindow(start_, 0, params) : null;
        const amounts = quoteTotal && verified != null ? agreementAmounts({ quoteTotal, verifiedAmount: verified }, params) : null;
        insert.ticket.run(
          ticketId,
          `AS-${program.year}-${String(n + 1).padStart(6, "0")}`,
          program.id,
          maker,
          supplier,
          `${pick(["MES", "ERP", "POP", "WMS"])} ${pick(["데이터 수집기 교체", "화면 개선", "버전 업그레이드", "바코드 오류 해결", "센서 교체"])} ${n}`,
          "설비 데이터가 누락됩니다.",
          "수집 복구와 작업자 교육",
          s,
          d + 1,
          d >= 1 ? stamp(addDays(created, 2)) : null,
          selection,
          selection ? addDays(selection, params.planDueDays) : null,
          window?.endOn ?? null,
          quoteTotal,
          amounts?.agreedCost ?? null,
          amounts?.subsidy ?? (quoteTotal && d >= 4 ? expectedSubsidy(quoteTotal, params) : null),
          amounts?.companyShare ?? null,
          stamp(addDays(created, d * 10)),
          stamp(created),
          stamp(addDays(created, d * 10)),
        );
        insert.supportType.run(ticketId, pick(SUPPORT_TYPES));
        if (quoteTotal) {
          const quoteId = id("q");
          insert.quote.run(quoteId, ticketId, quoteTotal, supplierUser, stamp(addDays(created, 5)));
          lines.forEach((l, i) =>
            insert.quoteLine.run(
              id("l"),
              quoteId,
              i === 0 ? "hw_part" : "labour",
              i === 0 ? "부품" : "개발",
              l.quantity,
              l.unitPrice,
              l.quantity * l.unitPrice,
              i,
            ),
          );
          if (verified != null)
            insert.costReview.run(
              id("c"),
              ticketId,
              quoteId,
              quoteTotal,
              verified,
              addDays(created, 80),
              monitorUser,
              stamp(addDays(created, 80)),
            );
        }
        if (start_ && window && amounts) {
          insert.agreement.run(
            id("a"),
            ticketId,
            start_,
            window.endOn,
            window.endOn,
            amounts.agreedCost,
            amounts.subsidy,
            amounts.companyShare,
            monitorUser,
            stamp(start_),
          );
        }
        if (d >= PATH.indexOf("in_progress") && start_) {
          const count = int(15, 35);
          for (let k = 0; k < count; k++) {
            const done = d > PATH.indexOf("in_progress") || k < count - 2;
            insert.workLog.run(
              id("w"),
              ticketId,
              supplierUser,
              addDays(start_, k * 3),
              int(2, 8) * 60,
              `작업 ${k + 1}: 점검 및 조치`,
              done ? "confirmed" : "submitted",
              stamp(addDays(start_, k * 3)),
              stamp(addDays(start_, k * 3)),
            );
            workLogs++;
          }
        }
        let from: string | null = null;
        const path_ = PATH.slice(0, Math.min(d, PATH.length - 1) + 1);
        if (!PATH.includes(s)) path_.push(s);
        path_.forEach((to, v) => {
          insert.audit.run(
            ticketId,
            program.id,
            v === 0 || to === "submitted" || to === "withdrawn" ? makerUser : monitorUser,
            v === 0 ? "ticket.create" : "ticket.transition",
            from,
            to,
            v + 1,
            `${to} 단계로 변경되었습니다.`,
            stamp(addDays(created, v * 10)),
          );
          from = to;
          audits++;
        });
        progress("tickets", n + 1, TICKETS);
      }
    })();
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.exec("ANALYZE");
  db.close();
  console.log(
    JSON.stringify({
      database: file,
      seed: SEED,
      programs: programs.length,
      organisations: orgCount,
      users: userCount,
      tickets: TICKETS,
      workLogs,
      auditEvents: audits,
      states: TICKET_STATES.length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    }),
  );
}

main();
