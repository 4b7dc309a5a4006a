// Test-only setup for the monitor spec: writes what other roles would have
// done (documents, a quote and plan, work logs, an extension request) straight
// into the e2e server's SQLite file (data/e2e-<port>/e2e.db), and reads counts
// back to compare with the pages. better-sqlite3 only: no app code involved.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { instanceDir } from "./instance";
import { onPostgres, ticketOnPostgres } from "./postgres-fixtures";
import { CERTIFICATE_KINDS } from "../../app/domain/documents";

/** The data folder of the server this spec file runs against. */
export function e2eDir(): string {
  return instanceDir();
}

const handles = new Map<string, Database.Database>();
export function db(): Database.Database {
  const file = path.join(e2eDir(), "e2e.db");
  let handle = handles.get(file);
  if (!handle) {
    handle = new Database(file);
    handle.pragma("journal_mode = WAL");
    handle.pragma("busy_timeout = 5000");
    handle.pragma("foreign_keys = ON");
    handles.set(file, handle);
  }
  return handle;
}

const id = () => `fx${crypto.randomUUID().replace(/-/g, "").slice(0, 22)}`;
/** Prisma's SQLite DateTime text format. */
const stamp = (d = new Date()) => d.toISOString().replace("Z", "+00:00");

/** Seoul calendar date of an instant, 'YYYY-MM-DD'. */
export function seoulToday(d = new Date()): string {
  return new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}
export function addDaysIso(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

type TicketRow = {
  id: string;
  number: string;
  state: string;
  version: number;
  manufacturerId: string;
  supplierId: string;
  programId: string;
  submittedAt: string | null;
};

export function ticket(number: string): TicketRow {
  // the specs that run on PostgreSQL too (playwright.config.ts) read their tickets there
  const row = onPostgres()
    ? ticketOnPostgres<TicketRow>(number)
    : (db()
        .prepare(`SELECT id, number, state, version, manufacturerId, supplierId, programId, submittedAt FROM Ticket WHERE number = ?`)
        .get(number) as TicketRow | undefined);
  if (!row) throw new Error(`fixture: no ticket ${number}`);
  return row;
}

function userOf(orgId: string): string {
  return (db().prepare(`SELECT id FROM User WHERE organizationId = ? LIMIT 1`).get(orgId) as { id: string }).id;
}

/** Moves a ticket as another role would (state, version + 1, an audit line). */
export function setState(number: string, state: string, patch: Record<string, string | number | null> = {}) {
  const t = ticket(number);
  const cols = Object.keys(patch);
  db()
    .prepare(
      `UPDATE Ticket SET state = ?, version = version + 1, updatedAt = ?, stateChangedAt = ?${cols.map((c) => `, ${c} = @${c}`).join("")} WHERE id = @id`,
    )
    .run(state, stamp(), stamp(), { ...patch, id: t.id });
  db()
    .prepare(
      `INSERT INTO AuditEvent (ticketId, programId, action, fromState, toState, ticketVersion, summary, createdAt) VALUES (?, ?, 'fixture', ?, ?, ?, ?, ?)`,
    )
    .run(t.id, t.programId, t.state, state, t.version + 1, `(테스트 준비) ${state}`, stamp());
}

function bumpVersion(ticketId: string) {
  db().prepare(`UPDATE Ticket SET version = version + 1, updatedAt = ? WHERE id = ?`).run(stamp(), ticketId);
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

function storedFile(uploaderId: string, name: string): string {
  const fileId = id();
  const rel = path.join("files", `${fileId}.pdf`);
  fs.mkdirSync(path.join(e2eDir(), "files"), { recursive: true });
  fs.writeFileSync(path.join(e2eDir(), rel), PDF);
  db()
    .prepare(
      `INSERT INTO StoredFile (id, sha256, size, mimeType, originalName, storagePath, uploadedById, createdAt) VALUES (?, ?, ?, 'application/pdf', ?, ?, ?, ?)`,
    )
    .run(fileId, crypto.createHash("sha256").update(PDF).digest("hex"), PDF.byteLength, name, rel, uploaderId, stamp());
  return fileId;
}

/**
 * The complete application documents of the manufacturer's basis, attached at application,
 * issued 10 days before submission; with `certificate` also the promising-SME certificate.
 */
export function addApplicationDocuments(number: string, opts: { certificate?: boolean } = {}) {
  const t = ticket(number);
  const basis = (db().prepare(`SELECT eligibilityBasis FROM Organization WHERE id = ?`).get(t.manufacturerId) as { eligibilityBasis: string })
    .eligibilityBasis;
  const applied = t.submittedAt ? seoulToday(new Date(t.submittedAt)) : seoulToday();
  const year = Number(applied.slice(0, 4));
  const issued = addDaysIso(applied, -10);
  const proof: Record<string, string[]> = {
    diffusion: ["sf_completion_report"],
    self_built: ["sf_level_certificate", "sf_build_list"],
    local_program: ["local_completion_confirmation", "local_completion_report"],
  };
  const docs: { kind: string; fiscalYear: number | null }[] = [
    { kind: "application_form", fiscalYear: null },
    { kind: "business_registration", fiscalYear: null },
    { kind: "national_tax_certificate", fiscalYear: null },
    { kind: "local_tax_certificate", fiscalYear: null },
    { kind: "info_use_consent", fiscalYear: null },
    { kind: "financial_statements", fiscalYear: year - 3 },
    { kind: "financial_statements", fiscalYear: year - 2 },
    { kind: "financial_statements", fiscalYear: year - 1 },
    ...proof[basis].map((kind) => ({ kind, fiscalYear: null })),
    ...(opts.certificate ? [{ kind: "promising_sme_certificate", fiscalYear: null }] : []),
  ];
  const maker = userOf(t.manufacturerId);
  const insert = db().prepare(
    `INSERT INTO ApplicationDocument (id, ticketId, kind, fiscalYear, issuedOn, fileId, attachedAtApplication, uploadedById, createdAt) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  db().transaction(() => {
    for (const d of docs)
      insert.run(
        id(),
        t.id,
        d.kind,
        d.fiscalYear,
        // the issue date only where a validity rule reads it (the 3-month certificates), as an upload stores it
        (CERTIFICATE_KINDS as readonly string[]).includes(d.kind) ? issued : null,
        storedFile(maker, `${d.kind}${d.fiscalYear ? `-${d.fiscalYear}` : ""}.pdf`),
        maker,
        stamp(),
      );
  })();
}

/** The supplier's quote (one version) and execution plan, then 수행계획서 제출. */
export function submitQuoteAndPlan(number: string, lines: { description: string; kind: string; quantity: number; unitPrice: number }[]) {
  const t = ticket(number);
  const vendor = userOf(t.supplierId);
  const total = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const quoteId = id();
  const planId = id();
  const due = (db().prepare(`SELECT planDueOn FROM Ticket WHERE id = ?`).get(t.id) as { planDueOn: string }).planDueOn;
  db().transaction(() => {
    db()
      .prepare(`INSERT INTO Quote (id, ticketId, version, total, createdById, createdAt) VALUES (?, ?, 1, ?, ?, ?)`)
      .run(quoteId, t.id, total, vendor, stamp());
    lines.forEach((l, i) =>
      db()
        .prepare(
          `INSERT INTO QuoteLine (id, quoteId, kind, description, quantity, unitPrice, amount, sortOrder) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id(), quoteId, l.kind, l.description, l.quantity, l.unitPrice, l.quantity * l.unitPrice, i),
    );
    db()
      .prepare(
        `INSERT INTO ExecutionPlan (id, ticketId, version, scope, staff, dueOn, submittedById, submittedAt) VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
      )
      .run(planId, t.id, "MES 4.0 버전업 및 생산 보고서 모듈 개발", "PM 1명, 개발자 2명", due, vendor, stamp());
    db()
      .prepare(`INSERT INTO PlanMilestone (id, planId, title, dueOn, deliverable, sortOrder) VALUES (?, ?, '버전업 설치', ?, '설치 확인서', 0)`)
      .run(id(), planId, addDaysIso(due, 30));
  })();
  setState(number, "plan_submitted", { quoteTotal: total });
}

export function requestExtension(number: string, months: number, reason = "설비 입고 지연") {
  const t = ticket(number);
  db()
    .prepare(
      // proposed by the manufacturer and already confirmed by the supplier (issue 16): it awaits the TP
      `INSERT INTO ExtensionRequest (id, ticketId, months, reason, status, requestedByRole, requestedById, requestedAt, counterpartId, counterpartAt)
       VALUES (?, ?, ?, ?, 'pending', 'manufacturer', ?, ?, ?, ?)`,
    )
    .run(id(), t.id, months, reason, userOf(t.manufacturerId), stamp(), userOf(t.supplierId), stamp());
  bumpVersion(t.id);
}

export function addWorkLog(number: string, opts: { status: "submitted" | "confirmed"; swBefore?: string; swAfter?: string }): string {
  const t = ticket(number);
  const logId = id();
  db()
    .prepare(
      `INSERT INTO WorkLog (id, ticketId, authorId, workedOn, minutes, description, status, swVersionBefore, swVersionAfter, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, 240, ?, ?, ?, ?, 1, ?, ?)`,
    )
    .run(
      logId,
      t.id,
      userOf(t.supplierId),
      seoulToday(),
      opts.swAfter ? "MES 4.0 설치" : "보고서 모듈 시험",
      opts.status,
      opts.swBefore ?? null,
      opts.swAfter ?? null,
      stamp(),
      stamp(),
    );
  bumpVersion(t.id);
  return logId;
}

export function confirmWorkLog(logId: string) {
  const log = db().prepare(`SELECT ticketId FROM WorkLog WHERE id = ?`).get(logId) as { ticketId: string };
  db()
    .prepare(`UPDATE WorkLog SET status = 'confirmed', confirmedAt = ?, version = version + 1, updatedAt = ? WHERE id = ?`)
    .run(stamp(), stamp(), logId);
  bumpVersion(log.ticketId);
}

export function addCompletionReport(number: string) {
  const t = ticket(number);
  db()
    .prepare(
      `INSERT INTO CompletionReport (id, ticketId, summary, results, authorId, submittedAt) VALUES (?, ?, 'MES 4.0 버전업 완료', '보고서 모듈 가동 확인', ?, ?)`,
    )
    .run(id(), t.id, userOf(t.supplierId), stamp());
}

/** A new submitted ticket like `like` (same companies and program) for steps that close or hide a ticket. */
export function cloneSubmittedTicket(
  like: string,
  number: string,
  title: string,
  state = "submitted",
  patch: Record<string, string | number | null> = {},
): string {
  const t = ticket(like);
  const newId = id();
  db()
    .prepare(
      `INSERT INTO Ticket (id, number, programId, manufacturerId, supplierId, title, problem, desiredOutcome, state, version, submittedAt, stateChangedAt, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, '테스트 과제', '테스트', ?, 1, ?, ?, ?, ?)`,
    )
    .run(newId, number, t.programId, t.manufacturerId, t.supplierId, title, state, stamp(), stamp(), stamp(), stamp());
  db().prepare(`INSERT INTO TicketSupportType (ticketId, type) VALUES (?, 'sw_upgrade')`).run(newId);
  const cols = Object.keys(patch);
  if (cols.length)
    db()
      .prepare(`UPDATE Ticket SET ${cols.map((c) => `${c} = @${c}`).join(", ")} WHERE id = @id`)
      .run({ ...patch, id: newId });
  if (AGREED_STATES.includes(state))
    addAgreement(newId, typeof patch.windowEndOn === "string" ? patch.windowEndOn : addDaysIso(seoulToday(), 90));
  return newId;
}

/** States after 협약체결: a ticket there has an agreement (work-log dates must lie within its period). */
const AGREED_STATES = ["agreed", "funded", "in_progress", "completion_check", "settlement", "completed", "follow_up"];

/** An agreement that began 30 days ago and ends on `endOn`, signed by the demo monitor. */
function addAgreement(ticketId: string, endOn: string) {
  const monitor = (db().prepare(`SELECT id FROM User WHERE email = 'monitor@demo.kr'`).get() as { id: string }).id;
  db()
    .prepare(
      `INSERT INTO Agreement (id, ticketId, startOn, baseEndOn, endOn, extensionMonths, agreedCost, subsidy, companyShare, signedById, signedAt)
       VALUES (?, ?, ?, ?, ?, 0, 10000000, 5000000, 5000000, ?, ?)`,
    )
    .run(id(), ticketId, addDaysIso(seoulToday(), -30), endOn, endOn, monitor, stamp());
}

/** Non-draft tickets per state of the monitor's Technopark (what the dashboard must show). */
export function countsByState(): Record<string, number> {
  const rows = db()
    .prepare(
      `SELECT t.state AS state, COUNT(*) AS n FROM Ticket t JOIN Program p ON p.id = t.programId JOIN User u ON u.organizationId = p.technoparkId
       WHERE u.email = 'monitor@demo.kr' AND t.state <> 'draft' GROUP BY t.state`,
    )
    .all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export function setCapacity(capacity: number) {
  db().prepare(`UPDATE Program SET capacity = ?, version = version + 1, updatedAt = ?`).run(capacity, stamp());
}

/** Removes a ticket made by cloneSubmittedTicket (its reviews and audit lines cascade). */
export function deleteTicket(number: string) {
  db().transaction(() => {
    db().prepare(`DELETE FROM CostReview WHERE ticketId IN (SELECT id FROM Ticket WHERE number = ?)`).run(number);
    db().prepare(`DELETE FROM Ticket WHERE number = ?`).run(number);
  })();
}
