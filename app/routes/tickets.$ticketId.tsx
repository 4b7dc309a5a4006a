// The ticket's layout route: every page of one ticket (the overview and each
// step) opens here. The loader checks the scope once (a foreign and a missing
// ticket are the same 404) and loads the header every page shows; each step is
// a child route that loads only its own data and keeps this header on its own
// errors (StepErrorBoundary). The one-click workflow steps post here.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useActionData, useLoaderData, useMatches } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { DueBadge, StateBadge } from "~/components/badges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/step-form";
import { SIMPLE_ACTIONS } from "~/components/ticket-actions";
import {
  SUPPORT_TYPE_LABELS,
  isAction,
  isExpertRole,
  type Action,
  type Role,
  isSupportType,
  isTicketState,
  seoulDate,
  workLogsVisible,
} from "~/domain";
import { getTicketPage, headerOfPage } from "~/models/ticket-page.server";
import { getTicketHeader } from "~/models/ticket.server";
import { getTicketPending } from "~/models/pending.server";
import { NextParties } from "~/components/pending-box";
import { assigneeControlData } from "~/models/assignee.server";
import { AssigneeControl } from "~/components/ticket/assignee-control";
import { takeOneClickStep } from "~/models/one-click-steps.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireExpertPage, ticketStepAction } from "~/utils/ticket-step.server";
import { mayOpenTicketPage } from "~/domain/expert-access";
import type { StepReply } from "~/utils/step-reply";

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = ParamsSchema.safeParse(params);
  // Not yours and does not exist look the same: 404, never 403 and never the data.
  const today = seoulDate(new Date());
  // an assigned expert opens only its step's pages, and declares no conflict of interest first (ADR 029)
  if (parsed.success) await requireExpertPage(actor, request, parsed.data.ticketId);
  const ticket = !parsed.success
    ? null
    : isOverview(request, parsed.data.ticketId)
      ? await getTicketPage(actor, parsed.data.ticketId, today).then((page) => (page ? headerOfPage(page.ticket) : null))
      : await getTicketHeader(actor, parsed.data.ticketId);
  invariantResponse(ticket);
  // whose turn, from the one rule the overview's 할 일, the homes and the reminders read
  const [pending, assignee] = await Promise.all([getTicketPending(actor, ticket.id, today), assigneeControlData(actor, ticket.id, today)]);
  invariantResponse(pending && assignee);
  return { ticket, today, role: actor.role, next: pending.next, assignee };
}

/**
 * The overview (the index child) loads the whole ticket in one scoped query in this same request:
 * its header comes from there instead of a second query (getTicketPage is memoised per request).
 */
function isOverview(request: Request, ticketId: string): boolean {
  const path = new URL(request.url).pathname.replace(/\.data$/, "").replace(/\/$/, "");
  return path === `/tickets/${ticketId}`;
}

/** A child route names its step for the page heading and title: `export const handle = { step: "견적서" }`. */
export type StepHandle = { step?: string };

function stepOf(matches: { handle?: unknown }[]): string | null {
  for (let i = matches.length - 1; i >= 0; i--) {
    const step = (matches[i].handle as StepHandle | undefined)?.step;
    if (step) return step;
  }
  return null;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const step = stepOf(matches);
  const what = data ? `${data.ticket.number} ${data.ticket.title}` : "과제";
  return [{ title: `${step ? `${step} · ` : ""}${what} · 스마트공장 AS 트래커` }];
};

const TransitionSchema = z.object({
  intent: z.literal("transition"),
  action: z.custom<Action>((a) => typeof a === "string" && isAction(a) && SIMPLE_ACTIONS.includes(a), "이 화면에서 할 수 없는 작업입니다."),
  version: fields.version,
});

const DONE: Partial<Record<Action, string>> = {
  submit: "신청서를 제출했습니다. 운영기관의 요건검토를 기다립니다.",
};

/** The one-click workflow steps (submit, start review, accept plan, start work …; withdrawal has its own confirmation page). */
export const action = ticketStepAction({
  schema: TransitionSchema,
  // each through the model that takes it (a plan accepted here is recorded as accepted, as on its page)
  run: ({ actor, ticketId, today, value }) => takeOneClickStep(actor, value.action, { ticketId, expectedVersion: value.version, today }),
  done: (_result, { ticketId, value }) => ({ message: DONE[value.action] ?? "처리되었습니다.", to: `/tickets/${ticketId}` }),
});

type Tab = { to: string; label: string; end?: boolean };

/** The pages of the ticket the role may open (an expert: its step's only, app/domain/expert-access.ts). */
function tabsOf(ticket: { id: string; state: string }, role: Role): Tab[] {
  const base = `/tickets/${ticket.id}`;
  return allTabsOf(ticket, role).filter((tab) => mayOpenTicketPage(role, tab.to.slice(base.length + 1)));
}

const SETTLEMENT_TAB_STATES: readonly string[] = ["settlement", "completed", "follow_up"];
const MONEY_TAB_STATES: readonly string[] = ["agreed", "funded", "in_progress", "completion_check", ...SETTLEMENT_TAB_STATES];
const AGREEMENT_TAB_STATES: readonly string[] = ["cost_review", ...MONEY_TAB_STATES];

function allTabsOf(ticket: { id: string; state: string }, role: Role): Tab[] {
  const base = `/tickets/${ticket.id}`;
  const tabs: Tab[] = [
    { to: base, label: "개요", end: true },
    { to: `${base}/documents`, label: "신청서류" },
  ];
  if (ticket.state !== "draft") {
    tabs.push({ to: `${base}/quote`, label: "견적" }, { to: `${base}/plan`, label: "수행계획서" });
    if (isTicketState(ticket.state) && workLogsVisible(ticket.state)) tabs.push({ to: `${base}/work-logs`, label: "작업일지" });
    // after selection (issue 16): the agreement from its draft on, the money and the changes after it, the settlement
    if (AGREEMENT_TAB_STATES.includes(ticket.state)) tabs.push({ to: `${base}/agreement`, label: "협약" });
    if (MONEY_TAB_STATES.includes(ticket.state))
      tabs.push({ to: `${base}/payment`, label: "사업비" }, { to: `${base}/changes`, label: "사업변경" });
    if (SETTLEMENT_TAB_STATES.includes(ticket.state)) tabs.push({ to: `${base}/settlement`, label: "정산" });
    tabs.push({ to: `${base}/questions`, label: "문의" });
    if (role === "monitor") tabs.push({ to: `${base}/experts`, label: "외부전문가" });
    // the expert's own step page (the TP reaches these from its actions)
    if (isExpertRole(role)) tabs.push({ to: `${base}/evaluation`, label: "현장평가" }, { to: `${base}/cost-review`, label: "원가적정성 검토" });
  }
  return tabs;
}

export default function TicketLayout() {
  const { ticket, today, role, next, assignee } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const step = stepOf(useMatches());
  const types = ticket.supportTypes.map((s) => (isSupportType(s.type) ? SUPPORT_TYPE_LABELS[s.type] : s.type)).join(", ");
  return (
    <>
      <p className="muted no-print">
        <Link to="/tickets">← 목록</Link> · {ticket.program.name}
      </p>
      <h1>
        {step ? `${step} · ` : ""}
        {ticket.number} {ticket.title}
      </h1>
      <div className="card ticket-head">
        <StateBadge state={ticket.state} />
        <DueBadge
          state={ticket.state}
          planDueOn={ticket.planDueOn}
          revisionDueOn={ticket.revisionDueOn}
          windowEndOn={ticket.windowEndOn}
          today={today}
        />
        <NextParties next={next} role={role} />
        {/* the Technopark's officer in charge: monitors take or hand it over here; the companies see the name */}
        {/* (the 담당자 page shows the control itself, with its refusals) */}
        {(role === "monitor" || assignee.assignee) && step !== "담당자" ? <AssigneeControl {...assignee} /> : null}
        <span className="muted">
          도입기업 {ticket.manufacturer.name} · 공급기업 {ticket.supplier.name}
          {types ? ` · ${types}` : ""}
        </span>
      </div>
      <nav className="ticket-tabs no-print" aria-label="과제 메뉴" data-testid="ticket-pages">
        {tabsOf(ticket, role).map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end} prefetch="intent">
            {tab.label}
          </NavLink>
        ))}
      </nav>
      {failure && "result" in failure ? <TransitionFailure reply={failure} /> : null}
      <Outlet />
    </>
  );
}

/** A refused one-click step (the ticket moved on, a rule says no): shown above the page, focused. */
function TransitionFailure({ reply }: { reply: StepReply }) {
  const errors = Object.values(reply.result.error ?? {}).flatMap((e) => e ?? []);
  return <ErrorSummary id="transition-error" errors={errors} reply={reply} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary level={1} back={{ to: "/tickets", label: "과제 목록으로" }} />;
}
