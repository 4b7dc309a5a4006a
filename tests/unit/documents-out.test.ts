// Documents out (issue 17, item 1; ADR 035): each PDF rendered from the seeded demo (a real, migrated SQLite
// file) and read back as a person's viewer reads it (pdf.js text extraction): the figures the page shows,
// Korean dates, the parties' names, the embedded Korean font; and the readers' scope (null when the actor
// may not download it, a Korean `missing` when the document does not exist yet).
import "../support/test-db";
import { beforeAll, describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { embeddedFontNames, pdfText } from "../support/pdf-text";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { formatKRW, formatKoreanDate, seoulDate } from "~/domain";
import { getAgreementPage } from "~/models/agreement.server";
import { getDocumentsPage } from "~/models/documents.server";
import { listTicketPdfs, readAgreementPdf, readApplicationPdf, readCompletionPdf, readEvaluationPdf } from "~/models/document-pdf.server";
import { renderAgreementPdf } from "~/pdf/agreement-pdf.server";
import { renderCompletionPdf } from "~/pdf/completion-report-pdf.server";
import { renderEvaluationPdf } from "~/pdf/evaluation-sheet-pdf.server";
import { renderApplicationPdf } from "~/pdf/application-summary-pdf.server";

const TODAY = "2026-11-27";
useSeededDatabase(TODAY);

const as: Record<string, Actor> = {};
const ids: Record<string, string> = {};
/** pdf.js puts a line break or spaces where a line wraps: compare the text with its whitespace removed. */
const squeeze = (s: string) => s.replace(/\s+/g, "");

beforeAll(async () => {
  for (const who of ["maker1", "maker2", "maker3", "vendor1", "monitor", "evaluator", "cost"]) as[who] = await actorFor(`${who}@demo.kr`);
  for (const t of await prisma.ticket.findMany({ select: { id: true, number: true } })) ids[t.number.slice(-4)] = t.id;
});

async function textOf(bytes: Buffer) {
  const fonts = embeddedFontNames(bytes);
  expect(fonts.some((name) => name.endsWith("Pretendard-Regular"))).toBe(true);
  const { text } = await pdfText(bytes);
  return { text, flat: squeeze(text) };
}

describe("협약서 (PDF)", () => {
  it("prints the concluded agreement's exact text, the figures of the agreement page, the consents and the parties", async () => {
    const read = await readAgreementPdf(as.maker1, ids["0001"], TODAY);
    const page = await getAgreementPage(as.maker1, ids["0001"], TODAY);
    const shown = page!.agreement!;
    const { text, flat } = await textOf(await renderAgreementPdf(read!.data!, TODAY));
    expect(text).toContain("스마트공장 AS지원사업 협약서");
    expect(text).toContain("AS-2026-0001");
    expect(text).toContain(`정부지원금`);
    expect(text).toContain(formatKRW(shown.subsidy)); // 8,800,000원, as the agreement page shows it
    expect(text).toContain(formatKRW(shown.companyShare));
    expect(text).toContain(formatKRW(shown.agreedCost));
    expect(formatKRW(shown.subsidy)).toBe("8,800,000원");
    expect(text).toContain(`${formatKoreanDate(shown.startOn)} ~ ${formatKoreanDate(shown.endOn)}`);
    expect(text).toContain(`체결일`);
    expect(text).toContain(formatKoreanDate(seoulDate(shown.signedAt))); // 2026년 10월 13일
    // the exact text consented to, line for line (wrapping aside)
    for (const line of page!.draft!.text.split("\n").filter((l) => l.trim())) expect(flat).toContain(squeeze(line));
    expect(text).toContain(page!.draft!.textHash);
    expect(text).toContain("(주)한빛정밀");
    expect(text).toContain("(주)스마트팩토리솔루션");
    expect(text).toContain("김민준");
    expect(text).toContain("정하늘");
    expect(text).toContain("(서명 또는 인)");
    expect(text).not.toContain("초안");
  });

  it("says 변경 n차 with the current figures once a change was approved", async () => {
    const agreement = await prisma.agreement.findUniqueOrThrow({ where: { ticketId: ids["0007"] } });
    await prisma.agreementVersion.create({
      data: {
        agreementId: agreement.id,
        ticketId: ids["0007"],
        version: 2,
        startOn: agreement.startOn,
        endOn: agreement.endOn,
        agreedCost: 9_000_000,
        subsidy: 4_500_000,
        companyShare: 4_500_000,
        summary: "사업비 변경 승인",
        createdById: agreement.signedById,
      },
    });
    await prisma.agreement.update({
      where: { id: agreement.id },
      data: { agreedCost: 9_000_000, subsidy: 4_500_000, companyShare: 4_500_000, currentVersion: 2 },
    });
    const { text } = await textOf(await renderAgreementPdf((await readAgreementPdf(as.monitor, ids["0007"], TODAY))!.data!, TODAY));
    expect(text).toContain("변경 1차");
    expect(text).toContain("사업비 변경 승인");
    expect(text).toContain("4,500,000원");
    expect(text).toContain("9,000,000원");
  });

  it("is for the two companies and the TP of the ticket only", async () => {
    expect(await readAgreementPdf(as.maker2, ids["0001"], TODAY)).toBeNull(); // another ticket's party
    expect(await readAgreementPdf(as.evaluator, ids["0005"], TODAY)).toBeNull();
    expect(await readAgreementPdf(as.cost, ids["0006"], TODAY)).toBeNull();
    expect((await readAgreementPdf(as.maker1, ids["0002"], TODAY))?.missing).toMatch(/협약안이 작성되지 않아/);
  });

  it("marks a draft 초안 (동의 전) until both consented, then 초안 (체결 전)", async () => {
    // 0008's agreement taken back to its draft (both companies consented): not concluded yet
    await prisma.agreement.delete({ where: { ticketId: ids["0008"] } });
    const consented = await readAgreementPdf(as.maker2, ids["0008"], TODAY);
    expect((await textOf(await renderAgreementPdf(consented!.data!, TODAY))).text).toContain("초안 (체결 전)");
    await prisma.agreementConsent.updateMany({ where: { ticketId: ids["0008"], party: "supplier" }, data: { clearedAt: new Date() } });
    const draft = await readAgreementPdf(as.maker2, ids["0008"], TODAY);
    const { text } = await textOf(await renderAgreementPdf(draft!.data!, TODAY));
    expect(text).toContain("초안 (동의 전)");
    expect(text).toContain("취소됨 (협약안 변경)");
    expect(text).not.toContain("(서명 또는 인)");
    expect(await listTicketPdfs(as.maker2, ids["0008"])).toContainEqual(
      expect.objectContaining({ doc: "agreement", label: "협약서 초안 (PDF)" }),
    );
  });
});

describe("완료보고서 (PDF)", () => {
  it("prints the latest report, the work logs summed up, the period and the figures", async () => {
    expect((await readCompletionPdf(as.vendor1, ids["0001"], TODAY))?.missing).toMatch(/완료 보고가 없어/);
    expect(await listTicketPdfs(as.vendor1, ids["0001"])).not.toContainEqual(expect.objectContaining({ doc: "completion" }));
    const vendor = await prisma.user.findUniqueOrThrow({ where: { email: "vendor1@demo.kr" } });
    await prisma.completionReport.create({
      data: {
        ticketId: ids["0001"],
        summary: "통신 모듈 교체와 수집 항목 추가 개발을 마쳤습니다.",
        results: "데이터 누락률 12% → 0.3%",
        authorId: vendor.id,
        submittedAt: new Date("2026-11-26T05:30:00Z"),
      },
    });
    const read = await readCompletionPdf(as.maker1, ids["0001"], TODAY);
    const logs = read!.data!.workLogs;
    const { text, flat } = await textOf(await renderCompletionPdf(read!.data!, TODAY));
    expect(text).toContain("스마트공장 AS지원사업 완료보고서");
    expect(flat).toContain(squeeze("통신 모듈 교체와 수집 항목 추가 개발을 마쳤습니다."));
    expect(text).toContain("데이터 누락률 12% → 0.3%");
    expect(text).toContain("2026년 11월 26일 14:30"); // submitted at, Seoul time
    expect(text).toContain(`작업일지 ${logs.length}건`);
    expect(logs.length).toBeGreaterThan(0); // the demo's 0001 has its work logs
    expect(text).toContain(formatKoreanDate(logs[0].workedOn));
    expect(text).toContain("8,800,000원");
    expect(text).toContain("17,600,000원");
    expect(text).toContain("정하늘");
    expect(await readCompletionPdf(as.maker2, ids["0001"], TODAY)).toBeNull();
    expect(await readCompletionPdf(as.evaluator, ids["0005"], TODAY)).toBeNull();
    expect(await listTicketPdfs(as.monitor, ids["0001"])).toContainEqual(
      expect.objectContaining({ doc: "completion", label: "완료보고서 (PDF)" }),
    );
  });
});

describe("현장평가표 (PDF)", () => {
  it("prints every item's grade and points, the total against the pass mark, the checks, the evaluator and the date", async () => {
    const read = await readEvaluationPdf(as.monitor, ids["0009"], TODAY);
    const { result, passMark } = read!.data!;
    const { text, flat } = await textOf(await renderEvaluationPdf(read!.data!, TODAY));
    expect(text).toContain("스마트공장 AS지원사업 현장평가표");
    expect(text).toContain(`${result.total}점 / 105점`);
    // the rules' total on this read is the total stored when the sheet was submitted
    expect(result.total).toBe((await prisma.siteEvaluation.findUniqueOrThrow({ where: { ticketId: ids["0009"] } })).totalScore);
    expect(text).toContain(`${passMark}점 이상`);
    for (const item of result.items) expect(flat).toContain(squeeze(`${item.label}${item.gradeLabel}${item.points}점`));
    expect(text).toContain(result.resultLabel);
    expect(text).toContain("박평가");
    expect(text).toContain("2026년 10월 20일");
    expect(text).toContain("확인 완료");
  });

  it("is the TP's and the assigned evaluator's: never the companies', never another ticket's evaluator's", async () => {
    expect(await readEvaluationPdf(as.maker3, ids["0009"], TODAY)).toBeNull();
    expect(await readEvaluationPdf(as.evaluator, ids["0009"], TODAY)).toBeNull();
    expect((await readEvaluationPdf(as.evaluator, ids["0005"], TODAY))?.missing).toMatch(/현장평가표가 없어/);
    const evaluator = await prisma.user.findUniqueOrThrow({ where: { email: "evaluator@demo.kr" } });
    await prisma.siteEvaluation.create({
      data: { ticketId: ids["0005"], evaluatorName: "김평가", evaluatedOn: "2026-11-26", enteredById: evaluator.id },
    });
    const read = await readEvaluationPdf(as.evaluator, ids["0005"], TODAY);
    const { text } = await textOf(await renderEvaluationPdf(read!.data!, TODAY));
    expect(text).toContain("작성중 (제출 전)");
    expect(text).toContain("김평가");
    expect(text).toContain("2026년 11월 26일");
    expect((await listTicketPdfs(as.evaluator, ids["0005"])).map((l) => l.doc)).toEqual(["evaluation", "application"]);
    expect(await listTicketPdfs(as.maker3, ids["0005"])).not.toContainEqual(expect.objectContaining({ doc: "evaluation" }));
  });
});

describe("신청서 요약 (PDF)", () => {
  it("prints the application as submitted: date, company facts, requested items, documents and their state", async () => {
    const read = await readApplicationPdf(as.maker2, ids["0004"], TODAY);
    const data = read!.data!;
    const { text, flat } = await textOf(await renderApplicationPdf(data, TODAY));
    expect(text).toContain("스마트공장 AS지원사업 신청서 요약");
    expect(text).toContain("AS-2026-0004");
    expect(text).toContain("2026년 11월 23일"); // submitted
    expect(text).toContain("대성플라스틱(주)");
    expect(text).toContain("(주)넥스트엠이에스");
    for (const f of data.application.fields) expect(flat).toContain(squeeze(`${f.label}`));
    expect(data.items.length).toBeGreaterThan(0);
    for (const item of data.items) expect(flat).toContain(squeeze(item.description));
    const page = await getDocumentsPage(as.maker2, ids["0004"], TODAY);
    for (const d of page!.documents) expect(flat).toContain(squeeze(d.label));
    for (const p of page!.checklist.problems) expect(flat).toContain(squeeze(p.label));
  });

  it("is for the companies, the TP and the ticket's assigned evaluator; not the cost agency; only once submitted", async () => {
    expect(await readApplicationPdf(as.maker1, ids["0004"], TODAY)).toBeNull();
    expect(await readApplicationPdf(as.evaluator, ids["0004"], TODAY)).toBeNull();
    expect(await readApplicationPdf(as.cost, ids["0006"], TODAY)).toBeNull();
    expect((await readApplicationPdf(as.evaluator, ids["0005"], TODAY))?.data).toBeTruthy();
    expect((await readApplicationPdf(as.maker2, ids["0003"], TODAY))?.missing).toMatch(/아직 제출되지 않은 신청서/);
    expect(await listTicketPdfs(as.cost, ids["0006"])).toEqual([]);
  });
});
