import type { Program } from "~/generated/prisma/client";
import type { ProgramParams } from "~/domain";

/** The rule parameters of a program row, as the rules module takes them. */
export function paramsOf(program: Program): Required<ProgramParams> {
  return {
    subsidyRateBp: program.subsidyRateBp,
    subsidyCap: program.subsidyCap,
    baseMonths: program.baseMonths,
    maxExtensionMonths: program.maxExtensionMonths,
    planDueDays: program.planDueDays,
    revisionDueDays: program.revisionDueDays,
    passMark: program.passMark,
    capacity: program.capacity,
    subsidyBudget: program.subsidyBudget,
    documentValidityMonths: program.documentValidityMonths,
    region: program.region,
    localProgramSinceYear: program.localProgramSinceYear,
  };
}
