// Column selections several pages read the same way (the ticket page, the step pages, the
// monitor's reviews): one definition, so a new column reaches every page that shows the record.
import type { Prisma } from "~/generated/prisma/client";

/** A quote line as pages show it. */
export const QUOTE_LINE_SELECT = {
  id: true,
  kind: true,
  description: true,
  quantity: true,
  unitPrice: true,
  amount: true,
} satisfies Prisma.QuoteLineSelect;

/** A quote version with its lines in order. */
export const QUOTE_SELECT = {
  id: true,
  version: true,
  total: true,
  note: true,
  createdAt: true,
  lines: { orderBy: { sortOrder: "asc" }, select: QUOTE_LINE_SELECT },
} satisfies Prisma.QuoteSelect;

/** An execution plan version with its review and milestones in order. */
export const PLAN_SELECT = {
  version: true,
  scope: true,
  staff: true,
  dueOn: true,
  isRevision: true,
  late: true,
  reviewStatus: true,
  reviewNote: true,
  submittedAt: true,
  milestones: { orderBy: { sortOrder: "asc" }, select: { id: true, title: true, dueOn: true, deliverable: true } },
} satisfies Prisma.ExecutionPlanSelect;

/** A ticket as lists and headers name it: identity, state and the dates its clock runs on. */
export const TICKET_ROW_SELECT = {
  id: true,
  number: true,
  title: true,
  state: true,
  planDueOn: true,
  revisionDueOn: true,
  windowEndOn: true,
} satisfies Prisma.TicketSelect;

/** What a step page needs of the ticket itself besides its own records (the header is the layout's). */
export const STEP_TICKET_SELECT = { id: true, state: true, version: true } satisfies Prisma.TicketSelect;
