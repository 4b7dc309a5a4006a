// Eligibility facts are captured at submission (issue 13, item 15), against a real, migrated and
// seeded SQLite file: after the company edits its profile, the reviewer and the guards still read
// the application as submitted; the latest submission counts; a ticket submitted before the
// snapshot existed falls back to the current profile.
import "../support/test-db";
import { beforeAll, describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { isDomainError, type DocumentKind } from "~/domain";
import { uploadDocument } from "~/models/documents.server";
import { getCompanyProfile, updateCompanyProfile, type ProfileInput } from "~/models/organization.server";
import { submitApplication } from "~/models/ticket-page.server";
import { getTicketAssessment } from "~/models/ticket.server";
import { returnForCorrection } from "~/models/monitor-steps.server";
import { transitionTicket } from "~/models/workflow.server";
import { getSubmittedApplication } from "~/models/submitted-application.server";
import { applicationFacts, readSubmittedFacts } from "~/models/submitted-facts.server";

const TODAY = "2026-11-27";
let monitor: Actor;
let maker1: Actor;
let maker2: Actor;
let vendor1: Actor;

const byNumber = (number: string) => prisma.ticket.findUniqueOrThrow({ where: { number } });
const pdf = (name: string) => new File([Buffer.from("%PDF-1.4\n%%EOF\n", "latin1")], name, { type: "application/pdf" });

const PROOF: Record<"diffusion" | "self_built", DocumentKind[]> = {
  diffusion: ["sf_completion_report"],
  self_built: ["sf_level_certificate", "sf_build_list"],
};

/** Every document of the basis, issued ten days ago, uploaded through the model; the ticket's new version. */
async function uploadAllDocuments(actor: Actor, ticketId: string, version: number, basis: keyof typeof PROOF): Promise<number> {
  const year = Number(TODAY.slice(0, 4));
  const docs: [DocumentKind, number | null][] = [
    ["application_form", null],
    ["business_registration", null],
    ["national_tax_certificate", null],
    ["local_tax_certificate", null],
    ["info_use_consent", null],
    ["financial_statements", year - 3],
    ["financial_statements", year - 2],
    ["financial_statements", year - 1],
    ...PROOF[basis].map((kind): [DocumentKind, null] => [kind, null]),
  ];
  for (const [kind, fiscalYear] of docs) {
    ({ version } = await uploadDocument(actor, ticketId, version, { kind, fiscalYear, issuedOn: "2026-11-17", file: pdf(`${kind}.pdf`) }));
  }
  return version;
}

/** Saves the actor's company profile with `patch` over what is stored. */
async function editProfile(actor: Actor, patch: Partial<ProfileInput>) {
  const p = (await getCompanyProfile(actor))!;
  const { id: _id, kind: _kind, version, systems: _systems, eligibilityBasis, ...rest } = p;
  const input: ProfileInput = { ...rest, eligibilityBasis: eligibilityBasis as ProfileInput["eligibilityBasis"], ...patch };
  await updateCompanyProfile(actor, version, input);
}

useSeededDatabase(TODAY);
beforeAll(async () => {
  [monitor, maker1, maker2, vendor1] = await Promise.all(
    ["monitor@demo.kr", "maker1@demo.kr", "maker2@demo.kr", "vendor1@demo.kr"].map((email) => actorFor(email)),
  );
});

describe("eligibility facts captured at submission", () => {
  it("the review and the guards read the application as submitted, not the profile edited since", async () => {
    const t = await byNumber("AS-2026-0003"); // 작성중, maker2 (경기도, self_built) × vendor1
    const version = await uploadAllDocuments(maker2, t.id, t.version, "self_built");
    const submitted = await submitApplication(maker2, t.id, version, TODAY);

    // after submitting, the company moves out of the program's region and declares itself closed
    await editProfile(maker2, { region: "서울특별시", address: "서울특별시 중구 세종대로 110", closedOrSuspended: true });

    const assessment = (await getTicketAssessment(monitor, t.id, TODAY))!;
    expect(assessment.eligibility).toEqual({ eligible: true, reasons: [] });
    expect(assessment.context.eligible).toBe(true);
    expect(assessment.applicant).toMatchObject({ region: "경기도", closedOrSuspended: false });

    // the review page's data: the application as submitted, and what changed since
    const application = (await getSubmittedApplication(monitor, t.id, TODAY))!;
    expect(application.captured).toBe(true);
    expect(application.fields.find((f) => f.field === "region")).toEqual({ field: "region", label: "소재지 시·도", value: "경기도" });
    expect(application.changes.map(({ label, before, after }) => `${label}: ${before} → ${after}`)).toEqual([
      "소재지 시·도: 경기도 → 서울특별시",
      "주소: 경기도 시흥시 공단1대로 123 → 서울특별시 중구 세종대로 110",
      "휴업 또는 폐업 중: 아니요 → 예",
    ]);
    expect(application.currentEligibility?.reasons.map((r) => r.code)).toEqual(["outside_region", "closed_or_suspended"]);

    // the guard of 요건검토 통과 uses the submitted facts too (inside its own transaction)
    const started = await transitionTicket(monitor, {
      ticketId: t.id,
      action: "start_review",
      expectedVersion: submitted.version,
      today: TODAY,
    });
    const passed = await transitionTicket(monitor, { ticketId: t.id, action: "pass_review", expectedVersion: started.version, today: TODAY });
    expect(passed.state).toBe("site_evaluation");
  });

  it("a ticket submitted before the snapshot existed falls back to the current profile", async () => {
    const t = await byNumber("AS-2026-0004"); // 신청접수, maker2 — seeded by demo-data without a snapshot
    // maker2's profile was edited by the first test: 서울특별시, closed
    const assessment = (await getTicketAssessment(monitor, t.id, TODAY))!;
    expect(assessment.eligibility.reasons.map((r) => r.code)).toEqual(["outside_region", "closed_or_suspended"]);
    const application = (await getSubmittedApplication(monitor, t.id, TODAY))!;
    expect(application).toMatchObject({ captured: false, changes: [], currentEligibility: null });
    expect(application.fields.find((f) => f.field === "region")?.value).toBe("서울특별시");
  });

  it("a resubmission after a return for correction captures the profile again, and the submit guard reads the current profile", async () => {
    const t = await byNumber("AS-2026-0011"); // 요건검토, maker1 (diffusion) × vendor2, no documents in the seed
    const returned = await returnForCorrection(monitor, { ticketId: t.id, expectedVersion: t.version, today: TODAY, fixList: "서류 보완" });

    // while the application is a draft again, a disqualifying profile blocks the (re)submission
    await editProfile(maker1, { taxDelinquent: true });
    const refused = await submitApplication(maker1, t.id, returned.version, TODAY).catch((e: unknown) => e);
    expect(isDomainError(refused) && refused.reasons.join("\n")).toContain("체납");

    await editProfile(maker1, { taxDelinquent: false, phone: "031-555-0000" });
    const version = await uploadAllDocuments(maker1, t.id, returned.version, "diffusion");
    const first = await submitApplication(maker1, t.id, version, TODAY);
    await editProfile(maker1, { sanctioned: true });
    expect((await getTicketAssessment(monitor, t.id, TODAY))!.eligibility).toEqual({ eligible: true, reasons: [] });

    // returned once more and resubmitted: the latest submission counts
    const started = await transitionTicket(monitor, { ticketId: t.id, action: "start_review", expectedVersion: first.version, today: TODAY });
    const again = await returnForCorrection(monitor, {
      ticketId: t.id,
      expectedVersion: started.version,
      today: TODAY,
      fixList: "전화번호 확인",
    });
    await editProfile(maker1, { sanctioned: false, phone: "031-777-0000" });
    await submitApplication(maker1, t.id, again.version, TODAY);
    const application = (await getSubmittedApplication(monitor, t.id, TODAY))!;
    expect(application.fields.find((f) => f.field === "phone")?.value).toBe("031-777-0000");
    expect(application.changes).toEqual([]);
    expect(application.currentEligibility).toBeNull();
    expect(JSON.parse((await byNumber("AS-2026-0011")).submittedFacts!).applicant.phone).toBe("031-777-0000");
  });

  it("shows the application only to who may read the ticket", async () => {
    const t = await byNumber("AS-2026-0011"); // maker1 × vendor2
    expect(await getSubmittedApplication(vendor1, t.id, TODAY)).toBeNull();
    expect(await getSubmittedApplication(maker2, t.id, TODAY)).toBeNull();
  });

  it("reads the current profile while a draft, the current supplier once another is named, and a damaged snapshot as none", async () => {
    const t = await prisma.ticket.findUniqueOrThrow({
      where: { number: "AS-2026-0011" },
      include: { manufacturer: true, supplier: { select: { id: true, businessNumber: true, name: true } } },
    });
    const captured = readSubmittedFacts(t)!;
    expect(captured.supplier.id).toBe(t.supplierId);
    const changed = { ...t.manufacturer, phone: "010-0000-0000" };
    expect(applicationFacts({ ...t, manufacturer: changed }).applicant.phone).toBe("031-777-0000");
    expect(applicationFacts({ ...t, state: "draft", manufacturer: changed })).toMatchObject({
      applicant: { phone: "010-0000-0000" },
      captured: null,
    });
    const other = { id: "another-supplier", businessNumber: t.manufacturer.businessNumber, name: "다른 공급기업" };
    expect(applicationFacts({ ...t, supplier: other }).supplier).toBe(other);
    for (const damaged of [
      "{",
      JSON.stringify({ ...captured, format: 2 }),
      JSON.stringify({ ...captured, applicant: { ...captured.applicant, region: 1 } }),
    ]) {
      expect(applicationFacts({ ...t, submittedFacts: damaged, manufacturer: changed })).toMatchObject({
        applicant: { phone: "010-0000-0000" },
        captured: null,
      });
    }
  });
});
