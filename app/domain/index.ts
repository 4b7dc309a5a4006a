/**
 * app/domain: the rules of the Smart Factory AS Support program (스마트공장 AS지원사업) as one
 * pure module: no I/O, no clock (callers pass `today`), every figure from ProgramParams.
 * Import from "~/domain".
 */
export * from "./errors";
export * from "./params";
export * from "./labels";
export * from "./notice";
export * from "./format";
export * from "./percent";
export * from "./limits";
export * from "./file-names";
export * from "./dates";
export * from "./money";
export * from "./settlement";
export * from "./schedule";
export * from "./eligibility";
export * from "./documents";
export * from "./screening";
export * from "./evaluation";
export * from "./workflow";
export * from "./completion";
export * from "./closing";
export * from "./pending";
export * from "./changes";
export * from "./agreement";
