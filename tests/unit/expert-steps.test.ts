// The experts' steps and the TP's confirmation of each (issue 16, ADR 030) on the real, migrated and
// seeded SQLite file: the external evaluator's sheet waits for the TP (selection refused meanwhile),
// is sent back or confirmed (the evaluator's assignment and access end); the agency's cost review with
// its report waits for the TP (the ticket's figures unchanged), is returned or confirmed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { addDays, type ExpertRole } from "~/domain";
import {
  confirmCostReview,
  confirmEvaluation,
  getCostReviewData,
  getEvaluationData,
  recordCostReviewWithUpload,
  returnCostReview,
  returnEvaluation,
  saveEvaluationDraft,
  submitEvaluation,
  type SheetInput,
} from "~/models/expert-steps.server";
import { decideSupport } from "~/models/monitor-steps.server";
import { getTicketAssessment } from "~/models/ticket.server";
import { completeSheet } from "../support/sheets";

const TODAY = "2026-11-27";
let monitor: Actor;

const byNumber = (number: string) => prisma.ticket.findUniqueOrThrow({ where: { number } });

async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({
    data: { id: `x-${email}-${Math.random()}`.padEnd(43, "x").slice(0, 43), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
  });
  return (await actorFromSessionId(session.id))!;
}

/** An expert's organisation and person (as H1's invitation would leave them), assigned to `numbers` when given. */
async function expert(role: ExpertRole, key: string, name: string, numbers: string[]): Promise<Actor> {
  const org = await prisma.organization.create({
    data: {
      kind: role,
      name: `${name} 소속`,
      businessNumber: `99${Math.floor(Math.random() * 1e8)}`.padEnd(10, "0"),
      address: "수원시",
      region: "경기도",
    },
  });
  const email = `${key}@expert.test`;
  const user = await prisma.user.create({
    data: { email, name, passwordHash: "x", role, organizationId: org.id, emailVerifiedAt: new Date() },
  });
  for (const number of numbers) {
    const t = await byNumber(number);
    await prisma.ticketAssignment.create({
      data: { ticketId: t.id, organizationId: org.id, userId: user.id, role, assignedById: monitor.userId, conflictDeclaredAt: new Date() },
    });
  }
  return actorFor(email);
}

const sheet = (grade: "fair" | "good" = "fair"): SheetInput => completeSheet("이평가", TODAY, grade, "현장 확인");

const step = async (number: string) => {
  const t = await byNumber(number);
  return { ticketId: t.id, expectedVersion: t.version, today: TODAY };
};

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  monitor = await actorFor("monitor@demo.kr");
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("the external evaluator's sheet (외부전문가)", () => {
  const N = "AS-2026-0005"; // 현장평가
  let evaluator: Actor;
  beforeAll(async () => {
    evaluator = await expert("evaluator", "eval-a", "이평가", [N]);
  });

  it("is filled by the assigned evaluator, whose name is the sheet's default; submitted, it awaits the TP and selection is refused", async () => {
    const page = await getEvaluationData(evaluator, (await byNumber(N)).id, TODAY);
    expect(page?.defaultEvaluatorName).toBe("이평가");
    expect(page?.evaluator).toMatchObject({ person: "이평가", open: true });
    // the evaluator's page carries nothing of the quote
    expect(Object.keys(page!)).not.toContain("quote");

    await saveEvaluationDraft(evaluator, { ...(await step(N)), sheet: sheet() });
    await submitEvaluation(evaluator, { ...(await step(N)), sheet: sheet() });
    const ev = await prisma.siteEvaluation.findUniqueOrThrow({ where: { ticketId: (await byNumber(N)).id } });
    expect(ev).toMatchObject({ submittedByRole: "evaluator", submittedById: evaluator.userId, confirmedAt: null, passed: true, totalScore: 60 });

    const assessment = await getTicketAssessment(monitor, ev.ticketId, TODAY);
    expect(assessment?.context).toMatchObject({ evaluationAwaitingConfirmation: true, evaluationPassed: false });
    await expect(decideSupport(monitor, { ...(await step(N)), decision: "select" })).rejects.toThrow(
      "외부전문가가 제출한 평가표를 먼저 확인하세요.",
    );
    // locked for the evaluator while it waits; only the TP confirms or sends back
    await expect(saveEvaluationDraft(evaluator, { ...(await step(N)), sheet: sheet("good") })).rejects.toThrow(
      "제출된 현장평가표는 수정할 수 없습니다.",
    );
    await expect(confirmEvaluation(evaluator, await step(N))).rejects.toThrow();
    await expect(returnEvaluation(evaluator, { ...(await step(N)), reason: "스스로" })).rejects.toThrow();
    expect((await prisma.siteEvaluation.findUniqueOrThrow({ where: { id: ev.id } })).confirmedAt).toBeNull();
  });

  it("sent back by the TP with a reason: unlocked for the evaluator, who is told why and submits again", async () => {
    await expect(returnEvaluation(monitor, { ...(await step(N)), reason: "   " })).rejects.toThrow("보완 요청 사유를 입력해 주세요.");
    await returnEvaluation(monitor, { ...(await step(N)), reason: "평가일을 방문일로 고쳐 주세요." });
    const t = await byNumber(N);
    const ev = await prisma.siteEvaluation.findUniqueOrThrow({ where: { ticketId: t.id } });
    expect(ev).toMatchObject({ submittedAt: null, confirmedAt: null, submittedByRole: null });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { ticketId: t.id }, orderBy: { seq: "desc" } });
    expect(audit).toMatchObject({ action: "evaluation.return", actorId: monitor.userId });
    expect(JSON.parse(audit.data!)).toEqual({ reason: "평가일을 방문일로 고쳐 주세요." });
    // the evaluator is notified, as the one whose turn it is
    const bell = await prisma.notification.findFirstOrThrow({ where: { userId: evaluator.userId, eventSeq: audit.seq } });
    expect(bell.kind).toBe("my_turn");
    const page = await getEvaluationData(evaluator, t.id, TODAY);
    expect(page?.returned?.reason).toBe("평가일을 방문일로 고쳐 주세요.");
    // nothing to send back now
    await expect(returnEvaluation(monitor, { ...(await step(N)), reason: "다시" })).rejects.toThrow("보완을 요청할 평가표가 없습니다");
    await submitEvaluation(evaluator, { ...(await step(N)), sheet: { ...sheet(), evaluatedOn: addDays(TODAY, -1) } });
    expect((await getEvaluationData(evaluator, t.id, TODAY))?.returned).toBeNull();
  });

  it("confirmed by the TP: selection may read it, and the evaluator's assignment (and its access) ends", async () => {
    const t = await byNumber(N);
    await confirmEvaluation(monitor, await step(N));
    const ev = await prisma.siteEvaluation.findUniqueOrThrow({ where: { ticketId: t.id } });
    expect(ev.confirmedById).toBe(monitor.userId);
    expect(ev.confirmedAt).not.toBeNull();
    const assignment = await prisma.ticketAssignment.findFirstOrThrow({ where: { ticketId: t.id, role: "evaluator" } });
    expect(assignment).toMatchObject({ endReason: "step_closed" });
    expect(assignment.endedAt).not.toBeNull();
    expect(await getEvaluationData(evaluator, t.id, TODAY)).toBeNull();
    // confirmed once: a second confirmation is refused by the guard
    await expect(confirmEvaluation(monitor, await step(N))).rejects.toThrow("확인할 외부전문가 평가표가 없습니다.");
    const assessment = await getTicketAssessment(monitor, t.id, TODAY);
    expect(assessment?.context).toMatchObject({ evaluationAwaitingConfirmation: false, evaluationPassed: true });
    const page = await getEvaluationData(monitor, t.id, TODAY);
    expect(page?.sheet).toMatchObject({ submittedByRole: "evaluator", submittedByName: "이평가", confirmedByName: monitor.name });
  });

  it("an evaluator reads only the tickets assigned to it: another ticket is not found, and its sheet cannot be written", async () => {
    const other = await expert("evaluator", "eval-b", "최평가", []);
    const t = await byNumber("AS-2026-0004");
    expect(await getEvaluationData(other, t.id, TODAY)).toBeNull();
    await expect(saveEvaluationDraft(other, { ...(await step("AS-2026-0004")), sheet: sheet() })).rejects.toThrow();
  });
});

describe("the TP's own sheet", () => {
  it("stands confirmed at once (the notice lets the TP take part) and closes the evaluator's step", async () => {
    const N = "AS-2026-0004";
    const t = await byNumber(N);
    await prisma.ticket.update({ where: { id: t.id }, data: { state: "site_evaluation" } });
    await expert("evaluator", "eval-c", "정평가", [N]);
    await submitEvaluation(monitor, { ...(await step(N)), sheet: sheet() });
    const ev = await prisma.siteEvaluation.findUniqueOrThrow({ where: { ticketId: t.id } });
    expect(ev).toMatchObject({ submittedByRole: "monitor", confirmedById: monitor.userId });
    const assignment = await prisma.ticketAssignment.findFirstOrThrow({ where: { ticketId: t.id, role: "evaluator" } });
    expect(assignment.endReason).toBe("step_closed");
  });
});

const PDF = () => new File([new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")], "원가계산 보고서.pdf");
const DOCX = () => new File([new TextEncoder().encode("PK\u0003\u0004....word/document.xml....")], "보고서.docx");

describe("the cost-accounting agency's review (원가계산기관)", () => {
  const N = "AS-2026-0006"; // 원가적정성 검토
  let agency: Actor;
  beforeAll(async () => {
    agency = await expert("cost_agency", "cost-a", "한원가", [N]);
  });
  const linesOf = async () =>
    prisma.quoteLine.findMany({ where: { quote: { ticketId: (await byNumber(N)).id } }, orderBy: { sortOrder: "asc" } });

  async function agencyReview(upload: File | null, cut: number, planChangeRequired = false) {
    const lines = await linesOf();
    const amounts = Object.fromEntries(lines.map((l, i) => [l.id, i === 0 ? l.amount - cut : l.amount]));
    const verifiedAmount = Object.values(amounts).reduce((a, b) => a + b, 0);
    await recordCostReviewWithUpload(agency, {
      ...(await step(N)),
      verifiedAmount,
      lineAmounts: amounts,
      note: "부품 단가 조정",
      resultOn: addDays(TODAY, -3),
      planChangeRequired,
      upload,
    });
    return verifiedAmount;
  }

  it("needs its report, a PDF or an image; a refused upload leaves no file behind", async () => {
    const files = await prisma.storedFile.count();
    await expect(agencyReview(null, 1_000_000)).rejects.toThrow("원가계산 결과 보고서(PDF 또는 이미지 파일)를 첨부해 주세요.");
    await expect(agencyReview(DOCX(), 1_000_000)).rejects.toThrow("PDF 또는 이미지(JPG, PNG) 파일만");
    expect(await prisma.storedFile.count()).toBe(files);
    expect(await prisma.costReview.count({ where: { ticketId: (await byNumber(N)).id } })).toBe(0);
  });

  it("submitted with line amounts and its report: awaits the TP, the ticket's figures do not move, and the agency sees no evaluation", async () => {
    const before = await byNumber(N);
    const verified = await agencyReview(PDF(), 1_000_000, true);
    const review = await prisma.costReview.findFirstOrThrow({ where: { ticketId: before.id } });
    expect(review).toMatchObject({
      status: "submitted",
      reviewerRole: "cost_agency",
      verifiedAmount: verified,
      revisionDueOn: null,
      confirmedAt: null,
    });
    expect(review.reportFileId).not.toBeNull();
    const lines = await linesOf();
    expect(lines[0].verifiedAmount).toBe(lines[0].amount - 1_000_000);
    const after = await byNumber(N);
    expect({ revisionDueOn: after.revisionDueOn, agreedCost: after.agreedCost, subsidy: after.subsidy }).toEqual({
      revisionDueOn: before.revisionDueOn,
      agreedCost: before.agreedCost,
      subsidy: before.subsidy,
    });
    const assessment = await getTicketAssessment(monitor, before.id, TODAY);
    expect(assessment?.context).toMatchObject({ costReviewAwaitingConfirmation: true, hasCostReview: false });
    const page = await getCostReviewData(agency, before.id, TODAY);
    expect(page?.awaiting?.verifiedAmount).toBe(verified);
    expect(page?.confirmed).toBeNull();
    expect(Object.keys(page!).filter((k) => /evaluation|sheet/i.test(k))).toEqual([]);
    // a second review while one awaits the TP is refused; the agency cannot confirm its own
    await expect(agencyReview(PDF(), 0)).rejects.toThrow("원가계산기관이 입력한 검토 결과를 운영기관이 확인하기 전입니다.");
    await expect(confirmCostReview(agency, await step(N))).rejects.toThrow();
  });

  it("returned by the TP with a reason: the agency enters a new one", async () => {
    await returnCostReview(monitor, { ...(await step(N)), reason: "보고서의 인건비 산정 근거를 보완해 주세요." });
    const t = await byNumber(N);
    const returned = await prisma.costReview.findFirstOrThrow({ where: { ticketId: t.id } });
    expect(returned).toMatchObject({ status: "returned", decisionNote: "보고서의 인건비 산정 근거를 보완해 주세요." });
    await expect(returnCostReview(monitor, { ...(await step(N)), reason: "다시" })).rejects.toThrow(
      "확인할 원가계산기관의 검토 결과가 없습니다.",
    );
    expect((await getCostReviewData(agency, t.id, TODAY))?.returned?.decisionNote).toBe("보고서의 인건비 산정 근거를 보완해 주세요.");
    await agencyReview(PDF(), 2_000_000, true);
    expect(await prisma.costReview.count({ where: { ticketId: t.id } })).toBe(2);
  });

  it("confirmed by the TP: in effect as the TP's own review (the plan deadline from the day of confirmation), and the agency's step ends", async () => {
    const t = await byNumber(N);
    const confirmDay = addDays(TODAY, 1);
    await confirmCostReview(monitor, { ...(await step(N)), today: confirmDay });
    const review = await prisma.costReview.findFirstOrThrow({ where: { ticketId: t.id }, orderBy: { createdAt: "desc" } });
    expect(review).toMatchObject({ status: "confirmed", confirmedById: monitor.userId, revisionDueOn: addDays(confirmDay, 10) });
    expect((await byNumber(N)).revisionDueOn).toBe(addDays(confirmDay, 10));
    const assessment = await getTicketAssessment(monitor, t.id, TODAY);
    expect(assessment?.context).toMatchObject({ costReviewAwaitingConfirmation: false, hasCostReview: true });
    const assignment = await prisma.ticketAssignment.findFirstOrThrow({ where: { ticketId: t.id, role: "cost_agency" } });
    expect(assignment.endReason).toBe("step_closed");
    expect(await getCostReviewData(agency, t.id, TODAY)).toBeNull();
    const page = await getCostReviewData(monitor, t.id, TODAY);
    expect(page?.confirmed?.verifiedAmount).toBe(review.verifiedAmount);
    expect(page?.amounts?.agreedCost).toBe(review.verifiedAmount);
  });
});
