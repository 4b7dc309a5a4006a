// The notice's forms as PDFs (issue 17 item 2, ADR 036), against the seeded demo: the text a reader extracts holds
// the company's data from the profile and the ticket, and the forms' fixed wording; only the ticket's parties (and
// the program's TP, and a manufacturer of its region for the program's forms) receive them.
import "../support/test-db";
import { beforeAll, describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { embeddedFontNames, pdfText } from "../support/pdf-text";
import { prisma } from "~/db.server";
import { formatBusinessNumber } from "~/domain";
import { programFormData, ticketFormData } from "~/models/form-templates.server";
import { renderApplicationForm } from "~/pdf/forms/application-form.server";
import { renderInfoUseConsent } from "~/pdf/forms/info-use-consent.server";

useSeededDatabase();

/** pdf.js breaks lines inside table cells: compare without whitespace. */
const squash = (s: string) => s.replace(/\s+/g, "");

let ticketId: string;
let programId: string;
let t: Awaited<ReturnType<typeof loadTicket>>;

function loadTicket(number: string) {
  return prisma.ticket.findUniqueOrThrow({
    where: { number },
    include: { manufacturer: true, supplier: true, items: { orderBy: { sortOrder: "asc" } }, program: true },
  });
}

beforeAll(async () => {
  t = await loadTicket("AS-2026-0004"); // 신청접수 — maker2 × vendor2
  ticketId = t.id;
  programId = t.programId;
});

describe("AS지원사업 신청서 filled from a ticket", () => {
  it("prints the manufacturer's profile, the request, its items and the supplier, and the form's own wording", async () => {
    const data = await ticketFormData(await actorFor("maker2@demo.kr"), ticketId);
    expect(data).not.toBeNull();
    const bytes = await renderApplicationForm(data!);
    const { text } = await pdfText(bytes);
    const flat = squash(text);
    for (const expected of [
      t.manufacturer.name,
      formatBusinessNumber(t.manufacturer.businessNumber),
      t.manufacturer.representative!,
      t.manufacturer.address,
      t.title,
      t.items[0].description,
      t.supplier.name,
      formatBusinessNumber(t.supplier.businessNumber),
      "AS-2026-0004",
      // the form's fixed wording
      "스마트공장 AS지원사업 신청서",
      "1. 신청기업 현황",
      "2. 신청자격 (해당 항목에 ■ 표시)",
      "스마트공장 보급확산 사업에 참여하여 사업을 완료한 중소 제조기업",
      "업종 / 주생산품",
      "상시근로자 수",
      "위와 같이 2026년도 스마트공장 AS지원사업에 신청하며, 이 신청서와 제출 서류의 내용이 사실과 다름없음을 확인합니다.",
      "(서명 또는 인)",
      `${t.program.noticeNumber}`,
    ])
      expect(flat, expected).toContain(squash(expected));
    // the signing person's own contacts: the manufacturer's user filling it in
    expect(flat).toContain("maker2@demo.kr");
    expect(embeddedFontNames(bytes).some((name) => name.endsWith("Pretendard-Regular"))).toBe(true);
  });

  it("ticks the profile's eligibility basis and nothing it does not know", async () => {
    const data = (await ticketFormData(await actorFor("maker2@demo.kr"), ticketId))!;
    const { text } = await pdfText(await renderApplicationForm(data));
    const ticked = squash(text).match(/■[①②③]/g) ?? [];
    const expected = { diffusion: "■①", self_built: "■②", local_program: "■③" }[t.manufacturer.eligibilityBasis as string];
    expect(ticked).toEqual(expected ? [expected] : []);
    expect(squash(text)).toContain(squash("□ 공급기업으로부터 유무상 하자보수를 받지 않는 기업임을 확인합니다"));
  });
});

describe("정보 활용 동의서 filled from a ticket", () => {
  it("names the company, the ticket's supplier among the recipients, and states what the law asks a consent to state", async () => {
    const data = (await ticketFormData(await actorFor("monitor@demo.kr"), ticketId))!;
    const { text } = await pdfText(await renderInfoUseConsent(data));
    const flat = squash(text);
    for (const expected of [
      "중소기업 지원사업 통합관리시스템 정보 활용 동의서",
      t.manufacturer.name,
      formatBusinessNumber(t.manufacturer.businessNumber),
      `과제의 공급기업(${t.supplier.name})`,
      "1. 개인(기업)정보의 수집·이용 (「개인정보 보호법」 제15조)",
      "2. 개인(기업)정보의 제3자 제공 (「개인정보 보호법」 제17조)",
      "위 동의를 거부할 권리가 있습니다. 다만 동의하지 않으면 지원사업의 신청·선정·지원이 제한될 수 있습니다.",
      "□ 동의함",
      "□ 동의하지 않음",
      "본인은 위 내용을 충분히 읽고 이해하였으며, 위와 같이 동의 여부를 표시합니다.",
      `${t.program.noticeNumber}`,
    ])
      expect(flat, expected).toContain(squash(expected));
    // the TP is named with the particle its name takes (…센터는 / …센터가), never "은(는)"
    expect(text).not.toMatch(/\((?:은|는|이|가)\)/);
    // the TP's download has no manufacturer's person in it: the 담당자 line is left to write on
    expect(flat).not.toContain("maker2@demo.kr");
  });
});

describe("who receives a ticket's forms", () => {
  it("the ticket's manufacturer, its supplier and the TP; another company and an assigned expert get nothing (404)", async () => {
    expect(await ticketFormData(await actorFor("maker2@demo.kr"), ticketId)).not.toBeNull();
    expect(await ticketFormData(await actorFor("vendor2@demo.kr"), ticketId)).not.toBeNull();
    expect(await ticketFormData(await actorFor("monitor@demo.kr"), ticketId)).not.toBeNull();
    expect(await ticketFormData(await actorFor("maker1@demo.kr"), ticketId)).toBeNull();
    expect(await ticketFormData(await actorFor("vendor1@demo.kr"), ticketId)).toBeNull();
    // the evaluator's own assigned ticket: the forms are the companies' and the TP's, not an expert's page
    const assigned = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0005" } });
    expect(await ticketFormData(await actorFor("evaluator@demo.kr"), assigned.id)).toBeNull();
    expect(await ticketFormData(await actorFor("maker2@demo.kr"), "no-such-ticket")).toBeNull();
  });

  it("a draft is its manufacturer's only", async () => {
    const draft = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0003" } }); // 작성중 — maker2 × vendor1
    expect(await ticketFormData(await actorFor("maker2@demo.kr"), draft.id)).not.toBeNull();
    expect(await ticketFormData(await actorFor("vendor1@demo.kr"), draft.id)).toBeNull();
    expect(await ticketFormData(await actorFor("monitor@demo.kr"), draft.id)).toBeNull();
  });
});

describe("a program's forms (program page, new application)", () => {
  it("the TP's are blank; a manufacturer's carry its own company", async () => {
    const blank = (await programFormData(await actorFor("monitor@demo.kr"), programId))!;
    expect(blank.company).toBeNull();
    const blankText = squash((await pdfText(await renderApplicationForm(blank))).text);
    expect(blankText).toContain(squash("스마트공장 AS지원사업 신청서"));
    expect(blankText).not.toContain(squash(t.manufacturer.name));

    const own = (await programFormData(await actorFor("maker2@demo.kr"), programId))!;
    const ownText = squash((await pdfText(await renderApplicationForm(own))).text);
    expect(ownText).toContain(squash(t.manufacturer.name));
    expect(ownText).toContain(formatBusinessNumber(t.manufacturer.businessNumber));
    // no ticket yet: no title, no items, no supplier chosen — the rows are left to write on
    expect(ownText).toContain(squash("공급기업명 공급기업 사업자등록번호 공급기업 대표자 / 연락처"));
    expect(ownText).not.toContain(squash(t.title));
  });

  it("a supplier, an expert, another Technopark and a manufacturer of another region get nothing", async () => {
    expect(await programFormData(await actorFor("vendor1@demo.kr"), programId)).toBeNull();
    expect(await programFormData(await actorFor("evaluator@demo.kr"), programId)).toBeNull();
    const other = await prisma.organization.create({
      data: { kind: "technopark", name: "충북테크노파크", businessNumber: "3018212345", address: "충청북도 청주시", region: "충청북도" },
    });
    const program = await prisma.program.findUniqueOrThrow({ where: { id: programId } });
    const { id: _id, createdAt: _c, updatedAt: _u, ...params } = program;
    const foreign = await prisma.program.create({
      data: { ...params, name: "충북 AS지원사업", noticeNumber: "충북 공고 제1호", technoparkId: other.id, region: "충청북도" },
    });
    expect(await programFormData(await actorFor("monitor@demo.kr"), foreign.id)).toBeNull();
    expect(await programFormData(await actorFor("maker1@demo.kr"), foreign.id)).toBeNull();
  });
});
