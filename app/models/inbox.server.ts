// The supplier's inbox (할 일): the tickets that name the supplier, grouped by
// what the supplier must do next. One list query and one count of disputed
// work logs for those tickets, grouped in memory; the deadlines come from the
// ticket's denormalised columns and D-days from app/domain. No relation
// `_count` in the select: Prisma renders it as a GROUP BY over the whole child
// table (1M work logs at scale), see docs/decisions/009.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { CLOSED_STATES, canEditQuote, dDay, deadlineOf, isTicketState, type IsoDate, type TicketState, type WorkLogStatus } from "~/domain";
import { ticketScope } from "./ticket.server";
import { TICKET_ROW_SELECT } from "./selects.server";

export const INBOX_GROUPS = ["quote", "plan", "revision", "start", "work", "waiting", "closed"] as const;
export type InboxGroupKey = (typeof INBOX_GROUPS)[number];

export const INBOX_GROUP_LABELS: Readonly<Record<InboxGroupKey, { title: string; hint: string }>> = {
  quote: { title: "견적 작성 필요", hint: "견적이 아직 없는 신청 과제입니다. 견적서를 작성해 주세요." },
  plan: { title: "수행계획서 제출", hint: "지원결정된 과제입니다. 선정 통보 후 기한 안에 수행계획서를 제출해 주세요." },
  revision: { title: "수행계획서 보완", hint: "원가적정성 검토 또는 운영기관 검토에서 보완이 요청되었습니다." },
  start: { title: "과제 착수", hint: "사업비가 지급되었습니다. 과제를 착수해 주세요." },
  work: { title: "작업일지·완료보고", hint: "수행 중인 과제입니다. 작업일지를 쓰고, 확인이 끝나면 완료 보고를 해 주세요." },
  waiting: { title: "기다리는 중", hint: "운영기관 또는 도입기업의 처리를 기다리고 있습니다." },
  closed: { title: "종료", hint: "완료·사후관리 또는 종료된 과제입니다." },
};

const FINISHED: readonly TicketState[] = ["completed", "follow_up", ...CLOSED_STATES];

export const INBOX_SELECT = {
  ...TICKET_ROW_SELECT,
  quoteTotal: true,
  updatedAt: true,
  manufacturer: { select: { name: true } },
} satisfies Prisma.TicketSelect;

/** A ticket of the inbox and how many of its work logs the manufacturer disputed. */
export type InboxRow = Prisma.TicketGetPayload<{ select: typeof INBOX_SELECT }> & { disputedLogs: number };

/**
 * The group a ticket belongs to, from its state and whether a quote exists (`quoteTotal` is the
 * latest quote's total, written with every quote version, so null means no quote yet).
 */
export function inboxGroupOf(row: { state: string; quoteTotal: number | null }): InboxGroupKey {
  const state = row.state;
  if (!isTicketState(state)) return "waiting";
  if (state === "selected") return "plan";
  if (state === "plan_revision") return "revision";
  if (state === "funded") return "start";
  if (state === "in_progress") return "work";
  if (FINISHED.includes(state)) return "closed";
  // selected and plan_revision, where a quote may still be written, went to plan / revision above.
  if (canEditQuote(state) && row.quoteTotal === null) return "quote";
  return "waiting";
}

export type InboxGroup = { key: InboxGroupKey; title: string; hint: string; rows: (InboxRow & { dueDays: number | null })[] };

/** Groups rows in INBOX_GROUPS order; inside a group the nearest deadline first, then the latest change. */
export function groupInbox(rows: readonly InboxRow[], today: IsoDate): InboxGroup[] {
  const groups = new Map<InboxGroupKey, InboxGroup>(INBOX_GROUPS.map((key) => [key, { key, ...INBOX_GROUP_LABELS[key], rows: [] }]));
  for (const row of rows) {
    // The deadline that matters for sorting (plan due, revision due, window end): the domain's clocks.
    const due = deadlineOf(row);
    groups.get(inboxGroupOf(row))!.rows.push({ ...row, dueDays: due ? dDay(due.on, today).days : null });
  }
  for (const group of groups.values()) {
    group.rows.sort((a, b) => {
      if (a.dueDays !== null && b.dueDays !== null && a.dueDays !== b.dueDays) return a.dueDays - b.dueDays;
      if (a.dueDays !== null && b.dueDays === null) return -1;
      if (a.dueDays === null && b.dueDays !== null) return 1;
      return new Date(b.updatedAt).getTime() - new Date(a.updatedAt).getTime();
    });
  }
  return [...groups.values()];
}

/** The supplier's tickets (scoped), optionally searched by manufacturer name, title or number. */
export async function listInbox(actor: Actor, opts: { q?: string; today: IsoDate }) {
  const and: Prisma.TicketWhereInput[] = [ticketScope(actor)];
  if (opts.q) {
    and.push({ OR: [{ title: { contains: opts.q } }, { number: { contains: opts.q } }, { manufacturer: { name: { contains: opts.q } } }] });
  }
  const tickets = await prisma.ticket.findMany({
    where: { AND: and },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 500,
    select: INBOX_SELECT,
  });
  const disputed = tickets.length
    ? await prisma.workLog.groupBy({
        by: ["ticketId"],
        where: { ticketId: { in: tickets.map((t) => t.id) }, status: "disputed" satisfies WorkLogStatus },
        _count: { _all: true },
      })
    : [];
  const disputedBy = new Map(disputed.map((d) => [d.ticketId, d._count._all]));
  const rows = tickets.map((t) => ({ ...t, disputedLogs: disputedBy.get(t.id) ?? 0 }));
  return { groups: groupInbox(rows, opts.today), total: rows.length };
}
