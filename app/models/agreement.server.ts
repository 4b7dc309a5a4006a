// 협약 (the three-party agreement, ADR 031): the TP prepares the draft from the data, the manufacturer and
// the supplier each consent to its exact text, the TP concludes once both have. Every step goes through the
// workflow core (one transaction, the version check, the state machine's guards, the audit, notifications);
// the rules (terms, text, dates, which changes clear a consent) are app/domain/agreement.ts.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  DomainError,
  ROLE_LABELS,
  agreementAmounts,
  assertAgreementStart,
  consentReset,
  consentsOf,
  describeAmounts,
  formatKoreanDate,
  isCompanyRole,
  josa,
  seoulDate,
  type CompanyRole,
  type IsoDate,
  type ProgramParams,
} from "~/domain";
import { ConflictError, NotFoundError } from "./errors.server";
import { getTicketAssessment, visibleTicket } from "./ticket.server";
import { transitionTicket, type Tx } from "./workflow.server";
import type { StepInput } from "./monitor-steps.server";
import { buildAgreementDraft, type AgreementDraftBuilt } from "./agreement-draft.server";
import { getTicketFigures } from "./ticket-figures.server";

/**
 * Writes `built` as the ticket's draft (one per ticket) and clears the consents it voids (consentReset):
 * the number of consents cleared and what changed, for the summary the parties are notified with.
 */
async function writeDraft(tx: Tx, actor: Actor, ticketId: string, built: AgreementDraftBuilt, startReason: string | null) {
  const { amounts, window } = built.terms;
  const terms = {
    startOn: window.startOn,
    baseEndOn: window.baseEndOn,
    agreedCost: amounts.agreedCost,
    subsidy: amounts.subsidy,
    companyShare: amounts.companyShare,
    textHash: built.textHash,
  };
  const previous = await tx.agreementDraft.findUnique({ where: { ticketId } });
  const reset = consentReset(previous, terms);
  const data = { ...terms, startReason, text: built.text, preparedById: actor.userId, preparedAt: new Date() };
  const draft = previous
    ? await tx.agreementDraft.update({ where: { id: previous.id }, data: { ...data, version: { increment: 1 } } })
    : await tx.agreementDraft.create({ data: { ticketId, ...data } });
  const cleared = reset.clear
    ? (await tx.agreementConsent.updateMany({ where: { draftId: draft.id, clearedAt: null }, data: { clearedAt: new Date() } })).count
    : 0;
  return { draft, reset, cleared, first: previous === null };
}

/** The sentence the two companies are notified with when their consents were cleared. */
function consentsClearedNote(changes: readonly string[], cleared: number): string {
  return cleared > 0
    ? ` 협약안의 ${josa(changes.join(", "), "이", "가")} 바뀌어 이전 동의 ${cleared}건이 취소되었습니다. 도입기업과 공급기업은 바뀐 협약안을 읽고 다시 동의해 주세요.`
    : "";
}

// ─── Reading ────────────────────────────────────────────────────────────────

/** The agreement page: the draft with its consents, or the concluded agreement; the date rules' figures; the actions. */
export async function getAgreementPage(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const { facts, params } = assessment;
  const [review, draft, agreement, figures] = await Promise.all([
    prisma.costReview.findFirst({
      where: { ticketId },
      orderBy: { createdAt: "desc" },
      select: { quoteTotal: true, verifiedAmount: true, resultOn: true, status: true },
    }),
    prisma.agreementDraft.findUnique({
      where: { ticketId },
      select: {
        startOn: true,
        startReason: true,
        baseEndOn: true,
        agreedCost: true,
        subsidy: true,
        companyShare: true,
        text: true,
        textHash: true,
        preparedAt: true,
        version: true,
        consents: {
          orderBy: { consentedAt: "asc" },
          select: { id: true, party: true, name: true, textHash: true, consentedAt: true, clearedAt: true, ipAddress: true, userAgent: true },
        },
      },
    }),
    prisma.agreement.findUnique({
      where: { ticketId },
      select: {
        startOn: true,
        startReason: true,
        baseEndOn: true,
        endOn: true,
        extensionMonths: true,
        agreedCost: true,
        subsidy: true,
        companyShare: true,
        signedAt: true,
        draftId: true,
      },
    }),
    // the ticket's figures as every page shows them (ADR 039): before, this page read the confirmed review only
    // and showed "—" where the ticket page showed the quote's 34,000,000원
    getTicketFigures(prisma, ticketId, params),
  ]);
  const confirmed = review?.status === "confirmed" ? review : null;
  // a draft the data no longer gives (a new cost review since): the TP prepares it again before anyone consents or concludes
  const current = draft && !agreement ? await buildAgreementDraft(prisma, ticketId, draft.startOn, params) : null;
  // the address and browser of a consent are the TP's record, not shown to the other company
  const consents = (draft?.consents ?? []).map((c) => (actor.role === "monitor" ? c : { ...c, ipAddress: null, userAgent: null }));
  return {
    params,
    role: actor.role,
    selectionNoticeOn: facts.selectionNoticeOn,
    review: confirmed,
    figures,
    amounts: confirmed ? agreementAmounts({ quoteTotal: confirmed.quoteTotal, verifiedAmount: confirmed.verifiedAmount }, params) : null,
    draft: draft ? { ...draft, consents, outdated: current !== null && current.textHash !== draft.textHash } : null,
    live: draft ? consentsOf(consents, draft.textHash) : null,
    agreement,
    actions: assessment.actions,
    version: facts.version,
  };
}

// ─── Steps ──────────────────────────────────────────────────────────────────

/**
 * 협약안 작성 (the TP): the draft from the data with the start date (and the reason when it lies before today).
 * Preparing it again with other terms clears the consents given so far; the same terms keep them.
 */
export async function prepareAgreement(actor: Actor, input: StepInput & { startOn: IsoDate; startReason: string | null }) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "prepare_agreement",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts, _next, assessment) => {
      const start = assertAgreementStart(
        { startOn: input.startOn, today: input.today, selectionNoticeOn: facts.selectionNoticeOn, reason: input.startReason },
        assessment.params,
      );
      const built = await buildAgreementDraft(tx, facts.id, input.startOn, assessment.params);
      if (!built) throw new DomainError("no_cost_review", "확인된 원가적정성 검토 결과가 없어 협약안을 작성할 수 없습니다.");
      const { reset, cleared, first } = await writeDraft(tx, actor, facts.id, built, start.startReason);
      const period = `사업기간 ${formatKoreanDate(start.window.startOn)} ~ ${formatKoreanDate(start.window.baseEndOn)}`;
      const head = first
        ? "협약안을 작성했습니다"
        : reset.clear
          ? "협약안을 다시 작성했습니다"
          : "협약안을 다시 작성했습니다 (협약 내용 변경 없음, 동의 유지)";
      return {
        summary: `${head}: ${period}, ${describeAmounts(built.terms.amounts)}.${consentsClearedNote(reset.changes, cleared)}`,
        data: { startOn: start.window.startOn, baseEndOn: start.window.baseEndOn, textHash: built.textHash, changes: reset.changes, cleared },
      };
    },
  });
}

/**
 * After a cost review is confirmed (by the TP, or entered by the TP itself): the draft, if there is one, is
 * drawn again from the data with its start date; a change of its terms clears the consents. Call it inside
 * the step's transaction; it returns the sentence to add to the step's summary ("" when nothing changed).
 */
export async function refreshAgreementDraft(tx: Tx, actor: Actor, ticketId: string, params: ProgramParams): Promise<string> {
  const existing = await tx.agreementDraft.findUnique({ where: { ticketId }, select: { startOn: true, startReason: true, textHash: true } });
  if (!existing) return "";
  const built = await buildAgreementDraft(tx, ticketId, existing.startOn, params);
  if (!built || built.textHash === existing.textHash) return "";
  const { reset, cleared } = await writeDraft(tx, actor, ticketId, built, existing.startReason);
  return ` 협약안을 새 검토 결과로 고쳤습니다.${consentsClearedNote(reset.changes, cleared)}`;
}

/** The draft as the data gives it now must be the one stored, or the text read is not the agreement's. */
async function assertDraftCurrent(tx: Tx, ticketId: string, draft: { startOn: IsoDate; textHash: string }, params: ProgramParams) {
  const built = await buildAgreementDraft(tx, ticketId, draft.startOn, params);
  if (!built || built.textHash !== draft.textHash) {
    throw new DomainError(
      "agreement_draft_outdated",
      "협약안을 작성한 뒤 원가적정성 검토 결과 등 협약 내용이 바뀌었습니다. 운영기관(TP)이 협약안을 다시 작성해야 합니다.",
    );
  }
}

const STALE_TEXT = "협약안이 바뀌었습니다. 화면에 새로 표시된 협약안을 읽고 다시 동의해 주세요.";

/**
 * 협약 동의 (the manufacturer, the supplier): one person of the company consents to the exact text it read
 * (`textHash`, from the form): who, when, from which address and browser, and the text itself are kept.
 * Pinned to the text, not the ticket's version: the other company's consent in the meantime changes nothing
 * of what this one agrees to; a text that changed is refused (409) so the person reads the new one.
 */
export async function consentAgreement(
  actor: Actor,
  input: { ticketId: string; today: IsoDate; textHash: string; ipAddress: string | null; userAgent: string | null },
) {
  const ticket = await prisma.ticket.findFirst({ where: visibleTicket(actor, input.ticketId), select: { version: true } });
  if (!ticket) throw new NotFoundError();
  const party: CompanyRole | null = isCompanyRole(actor.role) ? actor.role : null;
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "consent_agreement",
    expectedVersion: ticket.version,
    today: input.today,
    apply: async (tx, facts, _next, assessment) => {
      // the state machine lets only the two companies consent
      if (!party) throw new DomainError("not_a_party", "도입기업과 공급기업만 협약안에 동의할 수 있습니다.");
      const draft = await tx.agreementDraft.findUnique({ where: { ticketId: facts.id }, include: { consents: { where: { clearedAt: null } } } });
      if (!draft || draft.textHash !== input.textHash) throw new ConflictError(STALE_TEXT);
      await assertDraftCurrent(tx, facts.id, draft, assessment.params);
      const mine = consentsOf(draft.consents, draft.textHash)[party];
      if (mine) {
        const on = formatKoreanDate(seoulDate(mine.consentedAt));
        throw new DomainError("already_consented", `${josa(ROLE_LABELS[party], "은", "는")} 이미 협약안에 동의했습니다 (${mine.name}, ${on}).`);
      }
      await tx.agreementConsent.create({
        data: {
          draftId: draft.id,
          ticketId: facts.id,
          party,
          userId: actor.userId,
          name: actor.name,
          textHash: draft.textHash,
          text: draft.text,
          ipAddress: input.ipAddress,
          userAgent: input.userAgent,
        },
      });
      const other: CompanyRole = party === "manufacturer" ? "supplier" : "manufacturer";
      const next = consentsOf(draft.consents, draft.textHash)[other]
        ? " 두 기업이 모두 동의했습니다. 운영기관(TP)이 협약을 체결할 수 있습니다."
        : ` ${ROLE_LABELS[other]}의 동의를 기다립니다.`;
      return {
        summary: `${ROLE_LABELS[party]} ${actor.name}님이 협약안에 동의했습니다.${next}`,
        data: { party, textHash: draft.textHash },
      };
    },
  });
}

/**
 * 협약 체결 (the TP), once both companies consented to the current draft: the agreement is created from the
 * draft (figures, period, start reason) with its version 1. The date rules are checked again on the day of
 * conclusion (a draft prepared days ago may now start before today without a stated reason).
 */
export async function signAgreement(actor: Actor, input: StepInput) {
  return transitionTicket(actor, {
    ticketId: input.ticketId,
    action: "sign_agreement",
    expectedVersion: input.expectedVersion,
    today: input.today,
    apply: async (tx, facts, _next, assessment) => {
      const draft = await tx.agreementDraft.findUnique({ where: { ticketId: facts.id }, include: { consents: { where: { clearedAt: null } } } });
      if (!draft) throw new DomainError("no_agreement_draft", "협약안이 아직 작성되지 않았습니다.");
      const consents = consentsOf(draft.consents, draft.textHash);
      if (!consents.manufacturer || !consents.supplier) {
        const missing = consents.waitingFor.map((p) => ROLE_LABELS[p]).join("과 ");
        throw new DomainError("consent_missing", `${missing}의 협약 동의가 필요합니다.`);
      }
      await assertDraftCurrent(tx, facts.id, draft, assessment.params);
      const start = concludableStart(draft, facts.selectionNoticeOn, input.today, assessment.params);
      const { window } = start;
      const agreement = await tx.agreement.create({
        data: {
          ticketId: facts.id,
          startOn: window.startOn,
          baseEndOn: window.baseEndOn,
          endOn: window.baseEndOn,
          extensionMonths: 0,
          agreedCost: draft.agreedCost,
          subsidy: draft.subsidy,
          companyShare: draft.companyShare,
          signedById: actor.userId,
          startReason: draft.startReason,
          draftId: draft.id,
        },
      });
      const [quote, plan] = await Promise.all([
        tx.quote.findFirst({ where: { ticketId: facts.id }, orderBy: { version: "desc" }, select: { version: true } }),
        tx.executionPlan.findFirst({ where: { ticketId: facts.id }, orderBy: { version: "desc" }, select: { version: true } }),
      ]);
      const amounts = { agreedCost: draft.agreedCost, subsidy: draft.subsidy, companyShare: draft.companyShare, provisional: false };
      await tx.agreementVersion.create({
        data: {
          agreementId: agreement.id,
          ticketId: facts.id,
          version: 1,
          startOn: window.startOn,
          endOn: window.baseEndOn,
          extensionMonths: 0,
          agreedCost: draft.agreedCost,
          subsidy: draft.subsidy,
          companyShare: draft.companyShare,
          quoteVersion: quote?.version ?? null,
          planVersion: plan?.version ?? null,
          summary: `협약 체결 (도입기업 ${consents.manufacturer.name}, 공급기업 ${consents.supplier.name} 동의)`,
          createdById: actor.userId,
        },
      });
      return {
        summary:
          `협약을 체결했습니다: 사업기간 ${formatKoreanDate(window.startOn)} ~ ${formatKoreanDate(window.baseEndOn)}, ${describeAmounts(amounts)}. ` +
          `동의: 도입기업 ${consents.manufacturer.name}, 공급기업 ${consents.supplier.name}.`,
        ticketPatch: { agreedCost: draft.agreedCost, subsidy: draft.subsidy, companyShare: draft.companyShare, windowEndOn: window.baseEndOn },
        data: { ...amounts, startOn: window.startOn, endOn: window.baseEndOn, draftId: draft.id, textHash: draft.textHash },
      };
    },
  });
}

/** The draft's start date checked on the day of conclusion; refused with what to do (prepare it again). */
function concludableStart(
  draft: { startOn: IsoDate; startReason: string | null },
  selectionNoticeOn: IsoDate | null,
  today: IsoDate,
  params: ProgramParams,
) {
  try {
    return assertAgreementStart({ startOn: draft.startOn, today, selectionNoticeOn, reason: draft.startReason }, params);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(
      error.code,
      "협약안의 사업 시작일로는 오늘 협약할 수 없습니다. 사업 시작일(또는 그 사유)을 고쳐 협약안을 다시 작성해 주세요.",
      error.reasons,
    );
  }
}
