// Program settings (사업 설정): only the programs of the monitor's own
// Technopark; parameters validated by the rules module; Program.version for
// optimistic locking; an AuditEvent in the same transaction.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, TP_TARGET_DEFAULTS, TP_TARGET_LABELS, assertValidParams, type IsoDate, type TpTargets, josa } from "~/domain";
import { ConflictError, NotFoundError } from "./errors.server";
import { paramsOf } from "./program.server";

export type ProgramSettingsInput = {
  name: string;
  year: number;
  noticeNumber: string;
  subsidyRateBp: number;
  subsidyCap: number;
  subsidyBudget: number;
  capacity: number;
  baseMonths: number;
  maxExtensionMonths: number;
  planDueDays: number;
  revisionDueDays: number;
  passMark: number;
  documentValidityMonths: number;
  region: string;
  localProgramSinceYear: number;
  intakeOpensOn: IsoDate;
  intakeClosesOn: IsoDate | null;
} & Partial<TpTargets>; // targets left out stay as they are

/** The Technopark's own service targets (ADR 027): whole days, at least one, at most a quarter. */
export const TP_TARGET_BOUNDS = { min: 1, max: 90 } as const;
const TP_TARGET_KEYS = Object.keys(TP_TARGET_DEFAULTS) as (keyof TpTargets)[];

function assertValidTargets(input: Partial<TpTargets>) {
  for (const key of TP_TARGET_KEYS) {
    const days = input[key];
    if (days !== undefined && (!Number.isInteger(days) || days < TP_TARGET_BOUNDS.min || days > TP_TARGET_BOUNDS.max)) {
      throw new DomainError(
        "tp_target_range",
        `${josa(TP_TARGET_LABELS[key], "은", "는")} ${TP_TARGET_BOUNDS.min}일에서 ${TP_TARGET_BOUNDS.max}일 사이의 정수로 입력해 주세요.`,
      );
    }
  }
}

function targetsOf(program: TpTargets): TpTargets {
  return Object.fromEntries(TP_TARGET_KEYS.map((key) => [key, program[key]])) as unknown as TpTargets;
}

function ownProgramsWhere(actor: Actor) {
  return { technoparkId: actor.role === "monitor" ? actor.organizationId : "" };
}

export async function listPrograms(actor: Actor) {
  return prisma.program.findMany({
    where: ownProgramsWhere(actor),
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      year: true,
      noticeNumber: true,
      capacity: true,
      subsidyRateBp: true,
      subsidyCap: true,
      subsidyBudget: true,
      intakeOpensOn: true,
      intakeClosesOn: true,
      _count: { select: { tickets: true } },
    },
  });
}

export async function getProgram(actor: Actor, programId: string) {
  return prisma.program.findFirst({ where: { id: programId, ...ownProgramsWhere(actor) } });
}

function validate(input: ProgramSettingsInput) {
  const {
    name: _n,
    year: _y,
    noticeNumber: _no,
    intakeOpensOn,
    intakeClosesOn,
    reviewTargetDays,
    evaluationTargetDays,
    planReviewTargetDays,
    paymentTargetDays,
    completionCheckTargetDays,
    ...params
  } = input;
  assertValidParams(params);
  assertValidTargets({ reviewTargetDays, evaluationTargetDays, planReviewTargetDays, paymentTargetDays, completionCheckTargetDays });
  if (intakeClosesOn && intakeClosesOn < intakeOpensOn) {
    throw new DomainError("intake_dates", "접수 마감일은 접수 시작일 이후여야 합니다.");
  }
}

function summaryOfChanges(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) if (before[key] !== after[key]) changes[key] = [before[key] ?? null, after[key]];
  return changes;
}

export async function updateProgram(actor: Actor, programId: string, expectedVersion: number, input: ProgramSettingsInput) {
  validate(input);
  return prisma.$transaction(async (tx) => {
    const before = await tx.program.findFirst({ where: { id: programId, ...ownProgramsWhere(actor) } });
    if (!before) throw new NotFoundError("사업을 찾을 수 없습니다.");
    if (before.version !== expectedVersion) throw new ConflictError();
    const duplicate = await tx.program.findFirst({
      where: { technoparkId: before.technoparkId, noticeNumber: input.noticeNumber, id: { not: programId } },
      select: { id: true },
    });
    if (duplicate) throw new DomainError("notice_number_taken", "같은 공고번호의 사업이 이미 있습니다.");
    const updated = await tx.program.updateMany({
      where: { id: programId, version: expectedVersion },
      data: { ...input, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new ConflictError();
    const changes = summaryOfChanges(before as unknown as Record<string, unknown>, input as unknown as Record<string, unknown>);
    await tx.auditEvent.create({
      data: {
        programId,
        actorId: actor.userId,
        action: "program.update",
        summary: `사업 설정을 변경했습니다 (${Object.keys(changes).length}개 항목).`,
        data: JSON.stringify(changes),
      },
    });
    return { id: programId, version: expectedVersion + 1, changes };
  });
}

/** A new program (another year or notice) with the parameters of an existing one. */
export async function copyProgram(
  actor: Actor,
  sourceId: string,
  input: { name: string; year: number; noticeNumber: string; intakeOpensOn: IsoDate },
) {
  return prisma.$transaction(async (tx) => {
    const source = await tx.program.findFirst({ where: { id: sourceId, ...ownProgramsWhere(actor) } });
    if (!source) throw new NotFoundError("사업을 찾을 수 없습니다.");
    const duplicate = await tx.program.findFirst({
      where: { technoparkId: source.technoparkId, noticeNumber: input.noticeNumber },
      select: { id: true },
    });
    if (duplicate) throw new DomainError("notice_number_taken", "같은 공고번호의 사업이 이미 있습니다.");
    const params = paramsOf(source);
    assertValidParams(params);
    const created = await tx.program.create({
      data: {
        ...params,
        // the Technopark's service targets carry over with the rules
        ...targetsOf(source),
        technoparkId: source.technoparkId,
        name: input.name,
        year: input.year,
        noticeNumber: input.noticeNumber,
        intakeOpensOn: input.intakeOpensOn,
        intakeClosesOn: null,
      },
      select: { id: true },
    });
    await tx.auditEvent.create({
      data: {
        programId: created.id,
        actorId: actor.userId,
        action: "program.create",
        summary: `'${source.name}'의 설정을 복사해 새 사업을 만들었습니다.`,
        data: JSON.stringify({ sourceId }),
      },
    });
    return created;
  });
}

export async function programHistory(actor: Actor, programId: string) {
  return prisma.auditEvent.findMany({
    where: { programId, ticketId: null, program: ownProgramsWhere(actor) },
    orderBy: { seq: "desc" },
    take: 20,
    select: { seq: true, summary: true, createdAt: true, actor: { select: { name: true } } },
  });
}
