// Demo data (데모 전용): a Gyeonggi program of the demo's own year, one Technopark, three
// manufacturers, two suppliers (and a third awaiting the Technopark's approval), nine demo users —
// each its organisation's admin, address confirmed — and fourteen tickets, at least one on every step
// of the notice (ADR 040: the story, step by step, is in the README). Every date, the companies'
// profile years included, is relative to `today` (Asia/Seoul) through the demo's calendar, so the story
// agrees with itself on any seeding day and the "due within 7 days" ticket stays due soon. Used by
// prisma/seed.ts and by tests that need a realistic database.
import { prisma } from "~/db.server";
import { hashPassword } from "~/auth/session.server";
import { demoAccount } from "~/utils/demo-accounts";
import { buildAgreementDraft } from "~/models/agreement-draft.server";
import { saveUpload } from "~/models/files.server";
import { demoProgramOpensOn, demoProgramYear, demoTicketNumber } from "./demo-calendar";
import { prepareDemoSample, seedApplicationDocuments } from "./demo-documents";
import {
  GRADED_ITEM_KEYS,
  GYEONGGI_2024_PARAMS,
  STATE_LABELS,
  SUITABILITY_CHECK_KEYS,
  gradePoints,
  scoreEvaluation,
  addDays,
  agreementAmounts,
  executionWindow,
  type AgreementAmounts,
  type EligibilityBasis,
  isValidBusinessNumber,
  quoteTotal,
  type IsoDate,
  type SupportType,
  type TicketState,
} from "~/domain";

export const DEMO_PASSWORD = "demo1234!";

/** The demo's proof files (transfer receipts, a tax invoice): one small PDF. */
const DEMO_PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** A Seoul calendar date at 10:00 KST as an instant. */
function at(date: IsoDate, hour = 10): Date {
  return new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+09:00`);
}

function brn(formatted: string): string {
  if (!isValidBusinessNumber(formatted)) throw new Error(`seed: invalid 사업자등록번호 ${formatted}`);
  return formatted.replace(/-/g, "");
}

type Ids = Record<string, string>;

export async function seedDemoData(today: IsoDate) {
  // the documents' sample page renders while the password hashes
  const [passwordHash] = await Promise.all([hashPassword(DEMO_PASSWORD), prepareDemoSample()]);
  const p = GYEONGGI_2024_PARAMS;
  // The program's year and the companies' history before it: the 2024 notice's figures, moved to the demo's year.
  const year = demoProgramYear(today);
  const opensOn = demoProgramOpensOn(today);
  // organisations and people registered a fortnight before the notice opened, before anything they did
  const registeredAt = at(addDays(opensOn, -14));
  // the supplier awaiting the Technopark's approval registered two days ago
  const awaitingSince = at(addDays(today, -2));

  return prisma.$transaction(
    async (tx) => {
      const tp = await tx.organization.create({
        data: {
          createdAt: registeredAt,
          kind: "technopark",
          name: "경기테크노파크 경기스마트제조혁신센터",
          businessNumber: brn("134-81-44727"),
          representative: "경기테크노파크 원장",
          address: "경기도 안산시 상록구 해안로 705",
          region: "경기도",
          phone: "031-500-3100",
        },
      });
      const program = await tx.program.create({
        data: {
          name: `${year}년 스마트공장 AS지원사업 (경기)`,
          year,
          noticeNumber: `경기테크노파크 공고 제${year}-5호`,
          technoparkId: tp.id,
          subsidyRateBp: p.subsidyRateBp,
          subsidyCap: p.subsidyCap,
          subsidyBudget: p.subsidyBudget,
          capacity: p.capacity,
          baseMonths: p.baseMonths,
          maxExtensionMonths: p.maxExtensionMonths,
          planDueDays: p.planDueDays,
          revisionDueDays: p.revisionDueDays,
          passMark: p.passMark,
          documentValidityMonths: p.documentValidityMonths,
          region: p.region,
          // the 2024 notice recognised local programs from 2023: the year before the program's
          localProgramSinceYear: year - 1,
          intakeOpensOn: opensOn,
          intakeClosesOn: null,
        },
      });

      const supplier1 = await tx.organization.create({
        data: {
          createdAt: registeredAt,
          kind: "supplier",
          name: "(주)스마트팩토리솔루션",
          businessNumber: brn("124-81-12344"),
          representative: "정민호",
          address: "경기도 성남시 분당구 판교로 242",
          region: "경기도",
          phone: "031-701-2200",
        },
      });
      const supplier2 = await tx.organization.create({
        data: {
          createdAt: registeredAt,
          kind: "supplier",
          name: "(주)넥스트엠이에스",
          businessNumber: brn("214-87-05513"),
          representative: "한지수",
          address: "서울특별시 구로구 디지털로 288",
          region: "서울특별시",
          phone: "02-2108-4500",
        },
      });

      const maker1 = await tx.organization.create({
        data: {
          createdAt: registeredAt,
          kind: "manufacturer",
          name: "(주)한빛정밀",
          businessNumber: brn("135-86-20475"),
          representative: "김성호",
          address: "경기도 화성시 향남읍 제약공단2길 45",
          region: "경기도",
          phone: "031-352-1180",
          eligibilityBasis: "diffusion",
          diffusionCompletionYear: year - 2,
          // the supplier's free year of warranty ran out the year before the program (공고 3.: not within it)
          freeWarrantyEndsOn: `${year - 1}-06-30`,
          promisingSmeCertified: true,
          promisingSmeCertNumber: `경기-${year - 1}-0412`,
          systems: {
            create: [
              {
                kind: "MES",
                name: "한빛 생산관리 MES",
                vendorName: supplier1.name,
                buildYear: year - 2,
                hardware: {
                  create: [
                    { name: "설비 데이터 수집기", model: "DCU-200", serialNumber: `DCU200-${String(year - 2).slice(2)}-0087` },
                    { name: "바코드 스캐너(작업장)", model: "BS-90", serialNumber: "BS90-1123" },
                  ],
                },
              },
              { kind: "POP", name: "작업실적 POP 단말", vendorName: supplier2.name, buildYear: year - 2 },
            ],
          },
        },
        include: { systems: true },
      });
      const maker2 = await tx.organization.create({
        data: {
          createdAt: registeredAt,
          kind: "manufacturer",
          name: "대성플라스틱(주)",
          businessNumber: brn("125-86-33110"),
          representative: "이영숙",
          address: "경기도 시흥시 공단1대로 123",
          region: "경기도",
          phone: "031-498-7700",
          eligibilityBasis: "self_built",
          levelCertificateNumber: `수준확인-${year - 2}-1587`,
          freeWarrantyEndsOn: `${year - 1}-01-31`,
          systems: {
            create: [
              { kind: "ERP", name: "자체구축 ERP", vendorName: "자체구축", buildYear: year - 2 },
              {
                kind: "MES",
                name: "사출 MES",
                vendorName: supplier2.name,
                buildYear: year - 2,
                hardware: { create: [{ name: "사출기 PLC 인터페이스", model: "PLC-IF3" }] },
              },
            ],
          },
        },
        include: { systems: true },
      });
      const maker3 = await tx.organization.create({
        data: {
          createdAt: registeredAt,
          kind: "manufacturer",
          name: "(주)미래식품",
          businessNumber: brn("136-81-60290"),
          representative: "박준영",
          address: "경기도 평택시 포승읍 평택항로 156",
          region: "경기도",
          phone: "031-683-5100",
          eligibilityBasis: "local_program",
          localProgramYear: year - 1,
          systems: {
            create: [
              { kind: "MES", name: "식품 이력관리 MES", vendorName: supplier1.name, buildYear: year - 1 },
              { kind: "WMS", name: "냉장 창고관리", vendorName: supplier2.name, buildYear: year - 1 },
            ],
          },
        },
        include: { systems: true },
      });

      // A supplier that registered and awaits the Technopark's approval: try the approval with it.
      const supplier3 = await tx.organization.create({
        data: {
          createdAt: awaitingSince,
          kind: "supplier",
          name: "(주)한빛오토메이션",
          businessNumber: brn("131-86-40218"),
          representative: "오세훈",
          address: "경기도 수원시 영통구 광교로 156",
          region: "경기도",
          phone: "031-888-4100",
          status: "pending",
        },
      });

      // The external evaluator and the cost-accounting agency the Technopark registered (ADR 029).
      const expertOrg = (kind: "evaluator" | "cost_agency", name: string, businessNumber: string, address: string) =>
        tx.organization.create({
          data: {
            kind,
            name,
            businessNumber: brn(businessNumber),
            address,
            region: "경기도",
            createdAt: at(addDays(today, -60)),
            statusChangedAt: at(addDays(today, -60)),
          },
        });
      const evaluatorOrg = await expertOrg("evaluator", "한국스마트제조평가원", "214-82-37515", "경기도 성남시 분당구 판교로 289");
      const costOrg = await expertOrg("cost_agency", "한빛원가계산센터", "105-86-40621", "경기도 수원시 팔달구 효원로 241");

      // Each demo person is the only member, so the admin (관리자), of their organisation; their address counts as confirmed.
      // registered (and address confirmed) before the story: with their organisation, the experts' with theirs
      const user = (email: string, organizationId: string, since = registeredAt) => {
        const { name, role } = demoAccount(email);
        return tx.user.create({
          data: { email, name, role, organizationId, passwordHash, isAdmin: true, emailVerifiedAt: since, createdAt: since },
        });
      };
      const users: Ids = {};
      users.maker1 = (await user("maker1@demo.kr", maker1.id)).id;
      users.maker2 = (await user("maker2@demo.kr", maker2.id)).id;
      users.maker3 = (await user("maker3@demo.kr", maker3.id)).id;
      users.vendor1 = (await user("vendor1@demo.kr", supplier1.id)).id;
      users.vendor2 = (await user("vendor2@demo.kr", supplier2.id)).id;
      users.vendor3 = (await user("vendor3@demo.kr", supplier3.id, awaitingSince)).id;
      users.monitor = (await user("monitor@demo.kr", tp.id)).id;
      users.evaluator = (await user("evaluator@demo.kr", evaluatorOrg.id, at(addDays(today, -60)))).id;
      users.cost = (await user("cost@demo.kr", costOrg.id, at(addDays(today, -60)))).id;

      const makerUser: Record<string, string> = { [maker1.id]: users.maker1, [maker2.id]: users.maker2, [maker3.id]: users.maker3 };
      const vendorUser: Record<string, string> = { [supplier1.id]: users.vendor1, [supplier2.id]: users.vendor2 };

      // The path each ticket took, with who moved it and how many days before today.
      type Step = { to: TicketState; daysAgo: number };
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
        "settlement",
        "completed",
        "follow_up",
      ];
      const who: Record<TicketState, "maker" | "vendor" | "monitor"> = {
        draft: "maker",
        submitted: "maker",
        requirement_review: "monitor",
        site_evaluation: "monitor",
        selected: "monitor",
        not_selected: "monitor",
        plan_submitted: "vendor",
        cost_review: "monitor",
        plan_revision: "monitor",
        agreed: "monitor",
        funded: "monitor",
        in_progress: "vendor",
        completion_check: "vendor",
        settlement: "maker",
        completed: "monitor",
        follow_up: "monitor",
        rejected: "monitor",
        withdrawn: "maker",
        cancelled: "monitor",
      };

      // issue 16: a proof file (a one-page PDF) stored as an upload would be, for the demo's money records
      async function demoFile(name: string, uploadedById: string): Promise<string> {
        const saved = await saveUpload(new File([DEMO_PDF], name, { type: "application/pdf" }));
        return (await tx.storedFile.create({ data: { ...saved, uploadedById } })).id;
      }

      // A ticket past 지급 완료: the payee account, the company share deposited and confirmed, the subsidy paid as 선금 and 잔금.
      async function demoFunding(ticketId: string, amounts: AgreementAmounts, start: IsoDate, holder: string, makerUserId: string) {
        await tx.agreement.update({
          where: { ticketId },
          data: { payeeBank: "IBK기업은행", payeeAccount: "123-456789-01-011", payeeHolder: holder },
        });
        await tx.shareDeposit.create({
          data: {
            ticketId,
            amount: amounts.companyShare,
            depositedOn: addDays(start, 2),
            proofFileId: await demoFile("기업부담금_이체확인증.pdf", makerUserId),
            recordedById: makerUserId,
            recordedAt: at(addDays(start, 2)),
            status: "confirmed",
            decidedById: users.monitor,
            decidedAt: at(addDays(start, 3)),
          },
        });
        const advance = Math.floor(amounts.subsidy / 2);
        const parts = [
          { kind: "advance", amount: advance, day: 4, note: "정부지원금 선금" },
          { kind: "balance", amount: amounts.subsidy - advance, day: 5, note: "정부지원금 잔금" },
        ];
        for (const part of parts) {
          await tx.payment.create({
            data: {
              ticketId,
              kind: part.kind,
              amount: part.amount,
              paidOn: addDays(start, part.day),
              note: part.note,
              evidenceFileId: await demoFile(`정부지원금_${part.note.slice(-2)}_이체확인증.pdf`, users.monitor),
              recordedById: users.monitor,
            },
          });
        }
      }

      // A completed ticket: its settlement confirmed at the agreed cost (nothing to return), with a tax invoice.
      async function demoSettlement(ticketId: string, amounts: AgreementAmounts, on: IsoDate, makerUserId: string) {
        const settlement = await tx.settlement.create({
          data: {
            ticketId,
            actualCost: amounts.agreedCost,
            subsidy: amounts.subsidy,
            refundDue: 0,
            status: "confirmed",
            submittedById: makerUserId,
            submittedAt: at(on),
            decidedById: users.monitor,
            decidedAt: at(addDays(on, 2)),
          },
        });
        await tx.settlementEvidence.create({
          data: {
            settlementId: settlement.id,
            ticketId,
            kind: "tax_invoice",
            fileId: await demoFile("세금계산서.pdf", makerUserId),
            amount: amounts.agreedCost,
            issuedOn: on,
            uploadedById: makerUserId,
          },
        });
        await tx.ticket.update({
          where: { id: ticketId },
          data: { actualCost: amounts.agreedCost, settledSubsidy: amounts.subsidy, refundDue: 0 },
        });
      }

      // 협약 (ADR 031): the draft drawn from the data, both companies' consents to its text a day apart, the agreement
      // concluded from it on its start day with its version 1 (the shape the app writes when the TP concludes).
      async function demoPassingEvaluation(
        ticketId: string,
        on: IsoDate,
        maker: { eligibilityBasis: string | null; promisingSmeCertified: boolean },
      ) {
        const grades = Object.fromEntries(GRADED_ITEM_KEYS.map((key) => [key, "good" as const]));
        const checks = Object.fromEntries(SUITABILITY_CHECK_KEYS.map((key) => [key, true]));
        const basis = maker.eligibilityBasis as EligibilityBasis;
        const result = scoreEvaluation({ basis, grades, checks, certificateAttachedAtApplication: maker.promisingSmeCertified }, p);
        if (!result.passed) throw new Error("seed: a selected demo ticket needs a passing sheet");
        await tx.siteEvaluation.create({
          data: {
            ticketId,
            evaluatorName: "박평가",
            evaluatedOn: on,
            bonusPoints: result.bonus,
            totalScore: result.total,
            passed: true,
            submittedAt: at(on, 16),
            enteredById: users.monitor,
            // the TP evaluated itself: its own sheet stands confirmed (ADR 030)
            submittedById: users.monitor,
            submittedByRole: "monitor",
            confirmedAt: at(on, 16),
            confirmedById: users.monitor,
            note: "신청 항목이 스마트공장 활용도 제고에 해당하고, 도입기업의 운영 의지가 확인됨",
            scores: { create: GRADED_ITEM_KEYS.map((key) => ({ itemKey: key, grade: "good", points: gradePoints(key, "good") })) },
            checks: { create: SUITABILITY_CHECK_KEYS.map((key) => ({ checkKey: key, holds: true })) },
          },
        });
      }

      async function demoCompletion(ticketId: string, reportedOn: IsoDate, checkedOn: IsoDate | null, vendorUserId: string, outcome: string) {
        await tx.completionReport.create({
          data: {
            ticketId,
            summary: `협약한 수리·개선 작업을 모두 마쳤습니다: ${outcome}.`,
            results: "작업일지의 작업을 완료했고, 작업자 교육과 시운전까지 마쳤습니다.",
            authorId: vendorUserId,
            submittedAt: at(reportedOn, 15),
          },
        });
        if (checkedOn) {
          await tx.completionCheck.create({
            data: {
              ticketId,
              result: "passed",
              findings: "현장 확인 결과 협약 내용대로 완료됨",
              checkedOn,
              checkerId: users.monitor,
              createdAt: at(checkedOn, 11),
            },
          });
        }
      }

      async function demoAgreement(ticketId: string, start: IsoDate, amounts: AgreementAmounts, makerUserId: string, vendorUserId: string) {
        const built = await buildAgreementDraft(tx, ticketId, start, p);
        if (!built) throw new Error("seed: an agreed ticket needs its confirmed cost review");
        const draft = await tx.agreementDraft.create({
          data: {
            ticketId,
            startOn: start,
            baseEndOn: built.terms.window.baseEndOn,
            agreedCost: amounts.agreedCost,
            subsidy: amounts.subsidy,
            companyShare: amounts.companyShare,
            text: built.text,
            textHash: built.textHash,
            preparedById: users.monitor,
            preparedAt: at(addDays(start, -3)),
          },
        });
        const people = [
          { party: "manufacturer", userId: makerUserId, day: -2, ip: "203.0.113.21" },
          { party: "supplier", userId: vendorUserId, day: -1, ip: "198.51.100.34" },
        ];
        for (const person of people) {
          const { name } = await tx.user.findUniqueOrThrow({ where: { id: person.userId }, select: { name: true } });
          await tx.agreementConsent.create({
            data: {
              draftId: draft.id,
              ticketId,
              party: person.party,
              userId: person.userId,
              name,
              textHash: built.textHash,
              text: built.text,
              ipAddress: person.ip,
              userAgent: "Mozilla/5.0 (데모 데이터)",
              consentedAt: at(addDays(start, person.day), 15),
            },
          });
        }
        const window = built.terms.window;
        const agreement = await tx.agreement.create({
          data: {
            ticketId,
            startOn: start,
            baseEndOn: window.baseEndOn,
            endOn: window.baseEndOn,
            agreedCost: amounts.agreedCost,
            subsidy: amounts.subsidy,
            companyShare: amounts.companyShare,
            signedById: users.monitor,
            signedAt: at(start),
            draftId: draft.id,
          },
        });
        await tx.agreementVersion.create({
          data: {
            agreementId: agreement.id,
            ticketId,
            version: 1,
            startOn: start,
            endOn: window.baseEndOn,
            agreedCost: amounts.agreedCost,
            subsidy: amounts.subsidy,
            companyShare: amounts.companyShare,
            quoteVersion: 1,
            planVersion: 1,
            summary: "협약 체결",
            createdById: users.monitor,
            createdAt: at(start),
          },
        });
      }

      let serial = 0;
      async function ticket(spec: {
        maker: typeof maker1;
        supplierId: string;
        systemIndex: number;
        title: string;
        problem: string;
        desiredOutcome: string;
        types: SupportType[];
        /** Each requested item with its own support type (one of `types`): "작업자 교육" is never "HW 부품 수리". */
        items: [string, SupportType][];
        steps: Step[];
        quote?: { kind: string; description: string; quantity: number; unitPrice: number }[];
        verified?: number;
        agreementDaysAgo?: number;
        /** false: a draft still without its documents (the demo's 0003, where a visitor tries the upload). */
        documents?: false;
      }) {
        serial += 1;
        const number = demoTicketNumber(serial, today);
        const last = spec.steps[spec.steps.length - 1];
        const dateOf = (state: TicketState) => {
          const step = spec.steps.find((s) => s.to === state);
          return step ? addDays(today, -step.daysAgo) : null;
        };
        const selectionNoticeOn = dateOf("selected");
        const total = spec.quote ? quoteTotal(spec.quote) : null;
        const costReviewOn = dateOf("cost_review") ? addDays(dateOf("cost_review")!, 3) : null;
        const hasCostResult = spec.verified != null && PATH.indexOf(last.to) >= PATH.indexOf("agreed");
        const amounts = total != null ? agreementAmounts({ quoteTotal: total, verifiedAmount: hasCostResult ? spec.verified! : null }, p) : null;
        const agreementStart = spec.agreementDaysAgo != null ? addDays(today, -spec.agreementDaysAgo) : null;
        const windowEnd = agreementStart ? executionWindow(agreementStart, 0, p).endOn : null;

        const created = await tx.ticket.create({
          data: {
            number,
            programId: program.id,
            manufacturerId: spec.maker.id,
            supplierId: spec.supplierId,
            targetSystemId: spec.maker.systems[spec.systemIndex]?.id,
            title: spec.title,
            problem: spec.problem,
            desiredOutcome: spec.desiredOutcome,
            state: last.to,
            version: spec.steps.length,
            submittedAt: dateOf("submitted") ? at(dateOf("submitted")!) : null,
            selectionNoticeOn,
            planDueOn: selectionNoticeOn ? addDays(selectionNoticeOn, p.planDueDays) : null,
            windowEndOn: windowEnd,
            quoteTotal: total,
            agreedCost: agreementStart ? amounts?.agreedCost : null,
            subsidy: agreementStart ? amounts?.subsidy : null,
            companyShare: agreementStart ? amounts?.companyShare : null,
            stateChangedAt: at(addDays(today, -last.daysAgo)),
            createdAt: at(addDays(today, -spec.steps[0].daysAgo), 9),
            supportTypes: { create: spec.types.map((type) => ({ type })) },
            items: { create: spec.items.map(([description, supportType], i) => ({ description, supportType, sortOrder: i })) },
          },
        });

        // the application's documents, attached before the submission (a draft: ready to submit today)
        if (spec.documents !== false) {
          await seedApplicationDocuments(tx, {
            ticketId: created.id,
            basis: spec.maker.eligibilityBasis as EligibilityBasis,
            promisingSme: spec.maker.promisingSmeCertified,
            appliedOn: dateOf("submitted") ?? today,
            uploadedById: makerUser[spec.maker.id],
          });
        }

        // audit trail: one event per step
        let from: TicketState | null = null;
        let version = 0;
        for (const step of spec.steps) {
          version += 1;
          const role = who[step.to];
          const actorId = role === "maker" ? makerUser[spec.maker.id] : role === "vendor" ? vendorUser[spec.supplierId] : users.monitor;
          await tx.auditEvent.create({
            data: {
              ticketId: created.id,
              programId: program.id,
              actorId,
              action: step.to === "draft" ? "ticket.create" : "ticket.transition",
              fromState: from,
              toState: step.to,
              ticketVersion: version,
              summary: step.to === "draft" ? "AS 신청서를 작성했습니다." : `${STATE_LABELS[step.to]} 단계로 변경되었습니다.`,
              createdAt: at(addDays(today, -step.daysAgo)),
            },
          });
          from = step.to;
        }

        if (spec.quote) {
          await tx.quote.create({
            data: {
              ticketId: created.id,
              version: 1,
              total: total!,
              createdById: vendorUser[spec.supplierId],
              createdAt: at(addDays(today, -spec.steps[1].daysAgo)),
              lines: {
                create: spec.quote.map((line, i) => ({ ...line, amount: line.quantity * line.unitPrice, sortOrder: i })),
              },
            },
          });
        }
        if (dateOf("plan_submitted") && selectionNoticeOn) {
          await tx.executionPlan.create({
            data: {
              ticketId: created.id,
              version: 1,
              scope: spec.desiredOutcome,
              staff: "PM 1명, 엔지니어 2명",
              dueOn: addDays(selectionNoticeOn, p.planDueDays),
              reviewStatus: PATH.indexOf(last.to) > PATH.indexOf("plan_submitted") ? "accepted" : "pending",
              submittedById: vendorUser[spec.supplierId],
              submittedAt: at(dateOf("plan_submitted")!),
              milestones: {
                create: [
                  { title: "현장 진단", dueOn: addDays(dateOf("plan_submitted")!, 20), deliverable: "진단 보고서", sortOrder: 0 },
                  { title: "수리·개선 작업", dueOn: addDays(dateOf("plan_submitted")!, 60), deliverable: "작업일지", sortOrder: 1 },
                  { title: "교육 및 완료보고", dueOn: addDays(dateOf("plan_submitted")!, 100), deliverable: "완료보고서", sortOrder: 2 },
                ],
              },
            },
          });
        }
        if (hasCostResult && costReviewOn) {
          const quote = await tx.quote.findFirstOrThrow({ where: { ticketId: created.id }, select: { id: true } });
          await tx.costReview.create({
            data: {
              ticketId: created.id,
              quoteId: quote.id,
              quoteTotal: total!,
              verifiedAmount: spec.verified!,
              resultOn: costReviewOn,
              reviewerId: users.monitor,
              note: spec.verified! < total! ? "부품 단가 조정 (원가계산기관 검증)" : "견적 금액 적정",
            },
          });
        }
        // a selected ticket was selected on a confirmed, passing sheet (the demo's 미선정 0009 has its own, failing one)
        const evaluatedFrom = dateOf("site_evaluation");
        if (evaluatedFrom && selectionNoticeOn) await demoPassingEvaluation(created.id, addDays(evaluatedFrom, 1), spec.maker);
        // past 완료점검: the supplier's completion report, and the TP's passing check when the ticket went on to 정산
        const reportedOn = dateOf("completion_check");
        if (reportedOn) await demoCompletion(created.id, reportedOn, dateOf("settlement"), vendorUser[spec.supplierId], spec.desiredOutcome);
        if (agreementStart && amounts && windowEnd) {
          await demoAgreement(created.id, agreementStart, amounts, makerUser[spec.maker.id], vendorUser[spec.supplierId]);
          if (PATH.indexOf(last.to) >= PATH.indexOf("funded")) {
            await demoFunding(created.id, amounts, agreementStart, spec.maker.name, makerUser[spec.maker.id]);
          }
          if (PATH.indexOf(last.to) >= PATH.indexOf("completed")) {
            await demoSettlement(created.id, amounts, dateOf("settlement") ?? addDays(today, -last.daysAgo), makerUser[spec.maker.id]);
          }
        }
        return created;
      }

      const D = (to: TicketState, daysAgo: number): Step => ({ to, daysAgo });

      // 1. 과제수행 중 (작업일지 포함) — maker1 × vendor1
      const t1 = await ticket({
        maker: maker1,
        supplierId: supplier1.id,
        systemIndex: 0,
        title: "MES 설비 데이터 수집기 교체 및 수집 항목 추가",
        problem: "프레스 3호기 데이터 수집기(DCU-200)의 통신 모듈 고장으로 가동 데이터가 MES에 누락됩니다.",
        desiredOutcome: "수집기 통신 모듈 교체, 온도·압력 수집 항목 추가, 작업자 교육",
        types: ["hw_repair", "util_program", "util_user_support"],
        items: [
          ["DCU-200 통신 모듈 교체", "hw_repair"],
          ["온도·압력 센서 수집 항목 추가", "util_program"],
          ["작업자 MES 사용 교육", "util_user_support"],
        ],
        steps: [
          D("draft", 130),
          D("submitted", 128),
          D("requirement_review", 125),
          D("site_evaluation", 118),
          D("selected", 110),
          D("plan_submitted", 100),
          D("cost_review", 95),
          D("agreed", 45),
          D("funded", 40),
          D("in_progress", 38),
        ],
        quote: [
          { kind: "hw_part", description: "DCU-200 통신 모듈", quantity: 2, unitPrice: 2_750_000 },
          { kind: "labour", description: "수집 항목 추가 개발", quantity: 1, unitPrice: 11_000_000 },
          { kind: "training", description: "작업자 교육 (2회)", quantity: 2, unitPrice: 1_000_000 },
        ],
        verified: 17_600_000,
        agreementDaysAgo: 45,
      });
      await tx.workLog.createMany({
        data: [
          {
            ticketId: t1.id,
            authorId: users.vendor1,
            workedOn: addDays(today, -30),
            minutes: 360,
            description: "현장 진단 및 고장 통신 모듈 확인",
            status: "confirmed",
            confirmedById: users.maker1,
            confirmedAt: at(addDays(today, -29)),
          },
          {
            ticketId: t1.id,
            authorId: users.vendor1,
            workedOn: addDays(today, -21),
            minutes: 480,
            description: "통신 모듈 2식 교체, 수집 정상 확인",
            status: "confirmed",
            confirmedById: users.maker1,
            confirmedAt: at(addDays(today, -20)),
          },
          {
            ticketId: t1.id,
            authorId: users.vendor1,
            workedOn: addDays(today, -6),
            minutes: 420,
            description: "온도·압력 수집 항목 추가 개발 및 시험",
            status: "submitted",
          },
        ],
      });

      // 2. 지원결정: 수행계획서 기한 5일 남음 — maker1 × vendor2
      await ticket({
        maker: maker1,
        supplierId: supplier2.id,
        systemIndex: 1,
        title: "POP 단말 실적 입력 화면 개선",
        problem: "POP 단말의 실적 입력 화면이 느리고 불량 유형 코드가 부족합니다.",
        desiredOutcome: "입력 화면 개선, 불량 코드 12종 추가",
        types: ["util_program"],
        items: [
          ["POP 실적 입력 UI 변경", "util_program"],
          ["불량 유형 코드 추가", "util_program"],
        ],
        steps: [D("draft", 40), D("submitted", 38), D("requirement_review", 30), D("site_evaluation", 20), D("selected", 9)],
        quote: [{ kind: "sw", description: "POP 화면 개선 개발", quantity: 1, unitPrice: 9_800_000 }],
      });

      // 3. 작성중 (공급기업·운영기관에는 보이지 않음) — maker2 × vendor1
      await ticket({
        maker: maker2,
        supplierId: supplier1.id,
        systemIndex: 0,
        title: "ERP 재고 데이터 정비 및 일괄 등록",
        problem: "품목·재고 기준정보가 실제와 달라 재고 수불이 맞지 않습니다.",
        desiredOutcome: "기준정보 검증·보정, 품목 2,000건 일괄 등록",
        types: ["util_data"],
        items: [
          ["품목 기준정보 검증 및 보정", "util_data"],
          ["재고 수불 데이터 일괄 등록", "util_data"],
        ],
        steps: [D("draft", 2)],
        documents: false,
      });

      // 4. 신청접수 — maker2 × vendor2
      await ticket({
        maker: maker2,
        supplierId: supplier2.id,
        systemIndex: 1,
        title: "사출 MES 버전 업그레이드",
        problem: "MES 3.2 버전의 보안 취약점과 보고서 오류가 있습니다.",
        desiredOutcome: "MES 4.0 버전업, 생산 보고서 모듈 추가",
        types: ["sw_upgrade"],
        items: [
          ["MES 4.0 버전업", "sw_upgrade"],
          ["생산 보고서 모듈 추가", "sw_upgrade"],
        ],
        steps: [D("draft", 6), D("submitted", 4)],
      });

      // 5. 현장평가 — maker3 × vendor1
      const t5 = await ticket({
        maker: maker3,
        supplierId: supplier1.id,
        systemIndex: 0,
        title: "식품 이력관리 MES 라벨 발행 오류 수정",
        problem: "이력 라벨 발행 시 로트 번호가 중복 발행됩니다.",
        desiredOutcome: "로트 채번 로직 수정, 라벨 재발행 기능",
        types: ["util_program"],
        items: [
          ["로트 채번 로직 수정", "util_program"],
          ["라벨 재발행 기능 추가", "util_program"],
        ],
        steps: [D("draft", 25), D("submitted", 24), D("requirement_review", 18), D("site_evaluation", 10)],
      });

      // 6. 원가적정성 검토 — maker3 × vendor2
      const t6 = await ticket({
        maker: maker3,
        supplierId: supplier2.id,
        systemIndex: 1,
        title: "냉장 창고 온도 센서 교체 및 WMS 연동",
        problem: "냉장 창고 온도 센서 4개가 오작동해 WMS 재고 온도 이력이 끊깁니다.",
        desiredOutcome: "센서 교체와 WMS 연동 복구, 경보 기능 추가",
        types: ["hw_repair", "util_maintenance"],
        items: [
          ["온도 센서 4개 교체", "hw_repair"],
          ["WMS 온도 이력 연동 복구", "util_maintenance"],
        ],
        steps: [
          D("draft", 70),
          D("submitted", 68),
          D("requirement_review", 60),
          D("site_evaluation", 52),
          D("selected", 45),
          D("plan_submitted", 35),
          D("cost_review", 20),
        ],
        quote: [
          { kind: "hw_part", description: "냉장용 온도 센서", quantity: 4, unitPrice: 1_500_000 },
          { kind: "labour", description: "WMS 연동 및 경보 개발", quantity: 1, unitPrice: 28_000_000 },
        ],
      });

      // 7. 완료 — maker1 × vendor1 (지난 과제)
      await ticket({
        maker: maker1,
        supplierId: supplier1.id,
        systemIndex: 0,
        title: "MES 작업지시 화면 오류 수정 및 사용자 교육",
        problem: "작업지시 출력 시 공정 순서가 뒤바뀌어 표시됩니다.",
        desiredOutcome: "공정 순서 오류 수정, 신규 작업자 교육",
        types: ["util_program", "util_user_support"],
        items: [
          ["작업지시 화면 오류 수정", "util_program"],
          ["신규 작업자 교육", "util_user_support"],
        ],
        steps: [
          D("draft", 330),
          D("submitted", 328),
          D("requirement_review", 320),
          D("site_evaluation", 312),
          D("selected", 305),
          D("plan_submitted", 295),
          D("cost_review", 290),
          D("agreed", 270),
          D("funded", 265),
          D("in_progress", 262),
          D("completion_check", 150),
          D("settlement", 145),
          D("completed", 140),
        ],
        quote: [
          { kind: "sw", description: "작업지시 화면 수정", quantity: 1, unitPrice: 7_000_000 },
          { kind: "training", description: "작업자 교육", quantity: 1, unitPrice: 1_000_000 },
        ],
        verified: 8_000_000,
        agreementDaysAgo: 270,
      });

      // 8. 협약체결 (원가검증으로 감액) — maker2 × vendor2
      await ticket({
        maker: maker2,
        supplierId: supplier2.id,
        systemIndex: 1,
        title: "사출기 PLC 인터페이스 보드 수리",
        problem: "사출기 7대 중 2대의 PLC 인터페이스 보드 고장으로 실적이 수기로 입력됩니다.",
        desiredOutcome: "인터페이스 보드 수리·교체, 실적 자동 수집 복구",
        types: ["hw_repair"],
        items: [
          ["PLC 인터페이스 보드 2식 교체", "hw_repair"],
          ["교체 보드 연동 시험 및 실적 자동 수집 복구", "hw_repair"],
        ],
        steps: [
          D("draft", 90),
          D("submitted", 88),
          D("requirement_review", 80),
          D("site_evaluation", 72),
          D("selected", 65),
          D("plan_submitted", 55),
          D("cost_review", 40),
          D("agreed", 3),
        ],
        quote: [
          { kind: "hw_part", description: "PLC 인터페이스 보드", quantity: 2, unitPrice: 9_000_000 },
          { kind: "labour", description: "설치 및 연동 시험", quantity: 1, unitPrice: 12_000_000 },
        ],
        verified: 28_000_000,
        agreementDaysAgo: 3,
      });

      // 9. 미선정 — maker3 × vendor1: a failing site evaluation and the Technopark's reason
      const t9 = await ticket({
        maker: maker3,
        supplierId: supplier1.id,
        systemIndex: 0,
        title: "사무실 PC 및 모니터 교체",
        problem: "사무실 PC가 노후되었습니다.",
        desiredOutcome: "PC 5대, 모니터 5대 교체",
        types: ["hw_upgrade"],
        items: [
          ["사무용 PC 5대", "hw_upgrade"],
          ["모니터 5대", "hw_upgrade"],
        ],
        steps: [D("draft", 60), D("submitted", 58), D("requirement_review", 50), D("site_evaluation", 42), D("not_selected", 35)],
      });
      {
        const grades = Object.fromEntries(GRADED_ITEM_KEYS.map((key) => [key, "weak" as const]));
        const checks = Object.fromEntries(SUITABILITY_CHECK_KEYS.map((key) => [key, key !== "raises_utilization"]));
        const result = scoreEvaluation({ basis: "diffusion", grades, checks, certificateAttachedAtApplication: false }, p);
        await tx.siteEvaluation.create({
          data: {
            ticketId: t9.id,
            evaluatorName: "박평가",
            evaluatedOn: addDays(today, -38),
            totalScore: result.total,
            passed: result.passed,
            submittedAt: at(addDays(today, -38), 16),
            enteredById: users.monitor,
            // the TP evaluated itself (before evaluators had accounts): its own sheet stands confirmed (ADR 030)
            submittedById: users.monitor,
            submittedByRole: "monitor",
            confirmedAt: at(addDays(today, -38), 16),
            confirmedById: users.monitor,
            note: "사무용 PC·모니터 교체 위주로 공장 설비 활용도 제고 효과가 확인되지 않음",
            scores: { create: GRADED_ITEM_KEYS.map((key) => ({ itemKey: key, grade: "weak", points: gradePoints(key, "weak") })) },
            checks: { create: SUITABILITY_CHECK_KEYS.map((key) => ({ checkKey: key, holds: checks[key] })) },
          },
        });
        await tx.ticket.update({
          where: { id: t9.id },
          data: {
            notSelectedReason: `현장평가 ${result.total}점으로 합격 기준(${p.passMark}점)에 미달하고, 신청 항목(사무용 PC·모니터)이 스마트공장 활용도 제고에 해당하지 않습니다.`,
          },
        });
      }

      // 10. 수행계획서 제출 — maker2 × vendor1
      await ticket({
        maker: maker2,
        supplierId: supplier1.id,
        systemIndex: 0,
        title: "ERP-MES 생산계획 연동 개선",
        problem: "ERP 생산계획이 MES로 넘어가지 않아 이중 입력하고 있습니다.",
        desiredOutcome: "생산계획 자동 연동, 연동 오류 알림",
        types: ["util_program"],
        items: [["ERP-MES 생산계획 인터페이스 개발", "util_program"]],
        steps: [
          D("draft", 35),
          D("submitted", 33),
          D("requirement_review", 27),
          D("site_evaluation", 21),
          D("selected", 14),
          D("plan_submitted", 4),
        ],
        quote: [{ kind: "sw", description: "인터페이스 개발", quantity: 1, unitPrice: 14_000_000 }],
      });

      // 11. 요건검토 — maker1 × vendor2
      await ticket({
        maker: maker1,
        supplierId: supplier2.id,
        systemIndex: 1,
        title: "POP 단말 바코드 인식 오류 해결",
        problem: "POP 단말 3대에서 바코드 인식이 자주 실패합니다.",
        desiredOutcome: "단말 스캐너 모듈 점검·교체, 인식률 99% 이상",
        types: ["util_user_support"],
        items: [["POP 단말 스캐너 모듈 점검 및 교체", "util_user_support"]],
        steps: [D("draft", 8), D("submitted", 7), D("requirement_review", 5)],
      });

      // 12. 작성중, 제출 준비 완료 (서류 모두 첨부) — maker3 × vendor1: the notice's ① as a company meets it
      await ticket({
        maker: maker3,
        supplierId: supplier1.id,
        systemIndex: 1,
        title: "냉장 창고 재고 실사 데이터 보정",
        problem: "냉장 창고관리(WMS) 재고와 실사 재고가 맞지 않아 출고 오류가 납니다.",
        desiredOutcome: "재고 기준정보 보정, 실사 데이터 일괄 반영",
        types: ["util_data"],
        items: [
          ["WMS 재고 기준정보 보정", "util_data"],
          ["실사 재고 일괄 반영", "util_data"],
        ],
        steps: [D("draft", 3)],
      });

      // 13. 사업비 지급 완료, 착수 대기 — maker3 × vendor2: the company's share confirmed, the subsidy paid in two parts
      await ticket({
        maker: maker3,
        supplierId: supplier2.id,
        systemIndex: 0,
        title: "이력관리 MES 바코드 프린터 헤드 교체 및 출력 양식 개선",
        problem: "포장 라인 라벨 프린터 헤드 마모로 이력 바코드가 읽히지 않고, 출력 양식에 유통기한이 빠져 있습니다.",
        desiredOutcome: "프린터 헤드 교체, 이력 라벨 양식에 유통기한 추가, 포장 작업자 교육",
        types: ["hw_repair", "util_program", "util_user_support"],
        items: [
          ["라벨 프린터 헤드 교체", "hw_repair"],
          ["이력 라벨 출력 양식 개선", "util_program"],
          ["포장 작업자 사용 교육", "util_user_support"],
        ],
        steps: [
          D("draft", 100),
          D("submitted", 98),
          D("requirement_review", 92),
          D("site_evaluation", 85),
          D("selected", 78),
          D("plan_submitted", 70),
          D("cost_review", 62),
          D("agreed", 12),
          D("funded", 6),
        ],
        quote: [
          { kind: "hw_part", description: "라벨 프린터 헤드 부품", quantity: 2, unitPrice: 1_800_000 },
          { kind: "sw", description: "이력 라벨 출력 양식 개발", quantity: 1, unitPrice: 6_400_000 },
          { kind: "training", description: "포장 작업자 교육", quantity: 1, unitPrice: 800_000 },
        ],
        verified: 10_800_000,
        agreementDaysAgo: 12,
      });

      // 14. 사후관리 — maker2 × vendor2: a past ticket, settled, whose follow-up the TP records (the notice's ⑫)
      await ticket({
        maker: maker2,
        supplierId: supplier2.id,
        systemIndex: 1,
        title: "사출 MES 설비 알람 이력 기능 추가",
        problem: "사출기 알람이 MES에 남지 않아 정지 원인을 분석할 수 없습니다.",
        desiredOutcome: "알람 이력 수집·조회 기능 추가, 작업자 교육",
        types: ["sw_upgrade", "util_user_support"],
        items: [
          ["알람 이력 수집·조회 모듈 추가", "sw_upgrade"],
          ["설비 담당자 교육", "util_user_support"],
        ],
        steps: [
          D("draft", 320),
          D("submitted", 318),
          D("requirement_review", 311),
          D("site_evaluation", 303),
          D("selected", 296),
          D("plan_submitted", 286),
          D("cost_review", 280),
          D("agreed", 262),
          D("funded", 256),
          D("in_progress", 254),
          D("completion_check", 145),
          D("settlement", 141),
          D("completed", 135),
          D("follow_up", 100),
        ],
        quote: [
          { kind: "sw", description: "알람 이력 모듈 개발", quantity: 1, unitPrice: 12_000_000 },
          { kind: "training", description: "설비 담당자 교육", quantity: 1, unitPrice: 1_000_000 },
        ],
        verified: 13_000_000,
        agreementDaysAgo: 262,
      });

      // The TP assigned the evaluator to the 현장평가 ticket (5) and the agency to the 원가적정성 검토 ticket (6),
      // not to the other tickets they could take (11 in 요건검토; 2 and 10 after selection). Neither has
      // declared yet: whoever tries the demo as evaluator@ or cost@ meets the 이해충돌 declaration first.
      await tx.ticketAssignment.createMany({
        data: [
          {
            ticketId: t5.id,
            organizationId: evaluatorOrg.id,
            userId: users.evaluator,
            role: "evaluator",
            assignedById: users.monitor,
            assignedAt: at(addDays(today, -9)),
          },
          {
            ticketId: t6.id,
            organizationId: costOrg.id,
            userId: users.cost,
            role: "cost_agency",
            assignedById: users.monitor,
            assignedAt: at(addDays(today, -19)),
          },
        ],
      });

      return { program: program.id, tickets: serial };
    },
    { timeout: 60_000 },
  );
}
