// Test-only setup (ADR 028 specs): a site evaluation sheet and a supplier's quote written straight into
// the e2e server's SQLite file, as the evaluator and the supplier would have left them. The points are
// the notice's score sheet (app/domain/evaluation.ts): 우수/양호/보통/다소미흡/미흡 = 15/12/9/6/3 (10/8/6/4/2
// for the follow-up plan); every suitability check holds.
import crypto from "node:crypto";
import { db, seoulToday, ticket } from "./fixtures";

const id = () => `fx${crypto.randomUUID().replace(/-/g, "").slice(0, 22)}`;
const stamp = () => new Date().toISOString().replace("Z", "+00:00");

const ITEMS = [
  "period_adequacy",
  "management_will",
  "followup_plan",
  "staff_capability",
  "data_capability",
  "kpi_management",
  "improvement_effect",
] as const;
const CHECKS = ["scope_program", "scope_self_built", "accepts_verified_amount", "raises_utilization", "warranty_expired", "cannot_self_service"];
const POINTS = { excellent: [15, 10], good: [12, 8], fair: [9, 6], weak: [6, 4], poor: [3, 2] } as const;

function monitorId(): string {
  return (db().prepare(`SELECT id FROM User WHERE email = 'monitor@demo.kr'`).get() as { id: string }).id;
}

function bump(ticketId: string, patch = "") {
  db().prepare(`UPDATE Ticket SET version = version + 1, updatedAt = ?${patch} WHERE id = ?`).run(stamp(), ticketId);
}

/**
 * A complete sheet with every item at `grade`, submitted (locked, with its score) unless `submitted` is false; returns the total.
 * Submitted by the TP itself, so it stands confirmed (ADR 030: selection reads only a confirmed sheet).
 */
export function addEvaluation(number: string, grade: keyof typeof POINTS, opts: { submitted?: boolean } = {}): number {
  const t = ticket(number);
  const evaluationId = id();
  const points = ITEMS.map((item) => POINTS[grade][item === "followup_plan" ? 1 : 0]);
  const total = points.reduce((a, b) => a + b, 0);
  const submitted = opts.submitted ?? true;
  db().transaction(() => {
    db()
      .prepare(
        `INSERT INTO SiteEvaluation (id, ticketId, evaluatorName, evaluatedOn, bonusPoints, totalScore, passed, submittedAt, enteredById,
           submittedById, submittedByRole, confirmedAt, confirmedById, version, updatedAt)
         VALUES (?, ?, '김평가', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      )
      .run(
        evaluationId,
        t.id,
        seoulToday(),
        submitted ? total : 0,
        submitted && total >= 60 ? 1 : 0,
        submitted ? stamp() : null,
        monitorId(),
        submitted ? monitorId() : null,
        submitted ? "monitor" : null,
        submitted ? stamp() : null,
        submitted ? monitorId() : null,
        stamp(),
      );
    ITEMS.forEach((item, i) =>
      db()
        .prepare(`INSERT INTO SiteEvaluationScore (evaluationId, itemKey, grade, points) VALUES (?, ?, ?, ?)`)
        .run(evaluationId, item, grade, points[i]),
    );
    for (const check of CHECKS)
      db().prepare(`INSERT INTO SiteEvaluationCheck (evaluationId, checkKey, holds) VALUES (?, ?, 1)`).run(evaluationId, check);
  })();
  bump(t.id);
  return total;
}

/** The supplier's quote (one version, one line of `total`) without moving the ticket's state. */
export function addQuote(number: string, total: number) {
  const t = ticket(number);
  const vendor = (db().prepare(`SELECT id FROM User WHERE organizationId = ? LIMIT 1`).get(t.supplierId) as { id: string }).id;
  const quoteId = id();
  db().transaction(() => {
    db()
      .prepare(`INSERT INTO Quote (id, ticketId, version, total, createdById, createdAt) VALUES (?, ?, 1, ?, ?, ?)`)
      .run(quoteId, t.id, total, vendor, stamp());
    db()
      .prepare(
        `INSERT INTO QuoteLine (id, quoteId, kind, description, quantity, unitPrice, amount, sortOrder) VALUES (?, ?, 'software', 'MES 버전업', 1, ?, ?, 0)`,
      )
      .run(id(), quoteId, total, total);
  })();
  db().prepare(`UPDATE Ticket SET quoteTotal = ? WHERE id = ?`).run(total, t.id);
  bump(t.id);
}
