// The ticket overview (under the ticket layout, which shows the header and posts the
// one-click steps): what to do now, what was applied for, the money, every step's record.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireTicketStep, invariantResponse } from "~/utils/ticket-step.server";
import { getTicketPage } from "~/models/ticket-page.server";
import { overviewFor } from "~/models/expert-access.server";
import { ScreeningFindings } from "~/components/ticket-draft-form";
import { ACTION_PAGES, TicketActions } from "~/components/ticket-actions";
import { PendingBox } from "~/components/pending-box";
import { getTicketPending } from "~/models/pending.server";
import { listTicketPdfs } from "~/models/document-pdf.server";
import { DocumentDownloads } from "~/components/ticket/document-downloads";
import { StepErrorBoundary } from "~/components/error-boundary";
import { DangerZone } from "~/components/ticket-actions";
import { ClosingReason } from "~/components/ticket/closing-reason";
import { ApplicationFacts, DocumentsSummary, MoneyFacts, StepTimeline, SubmitReadiness } from "~/components/ticket/overview-application";
import {
  CostReviewSection,
  ExtensionsSummary,
  HistorySection,
  PlanSection,
  QuotesSection,
  WorkLogsSummary,
} from "~/components/ticket/overview-progress";
import { formatKoreanDateShort, isExpertRole, seoulDate } from "~/domain";
import makerStyles from "~/styles/maker.css?url";
import pendingStyles from "~/styles/pending.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: makerStyles },
  { rel: "stylesheet", href: pendingStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params);
  const [page, pending, pdfs] = await Promise.all([
    getTicketPage(actor, ticketId, today),
    getTicketPending(actor, ticketId, today),
    listTicketPdfs(actor, ticketId),
  ]);
  invariantResponse(page && pending); // not yours and does not exist look the same
  // an assigned expert sees the application and its own step only (ADR 029)
  const { ticket, extras, assessment } = overviewFor(actor.role, page);
  // Before submission the manufacturer sees every piece still missing, from the rules module.
  const readiness =
    actor.role === "manufacturer" && ticket.state === "draft"
      ? {
          eligibility: assessment.eligibility.reasons,
          documents: assessment.checklist.problems.map((p) => ({ key: p.key, label: p.label, message: p.message, clause: p.clause })),
        }
      : null;
  // the 할 일 box shows the actor's pending actions; the role's other steps follow, less prominent
  // (an item's own step and the steps done on the same page are not repeated)
  const covered = new Set(pending.mine.flatMap((item) => [item.action, ...(item.page ? [item.page] : [])]));
  const otherSteps = assessment.actions.filter((a) => !covered.has(a.action) && !covered.has(ACTION_PAGES[a.action] ?? a.action));
  // the figures come scoped by role from the model; an expert's overview shows no plan deadlines (ADR 029)
  const { figures, notice } = page;
  const deadlines = isExpertRole(actor.role) ? [] : page.deadlines;
  return {
    ticket,
    extras,
    today,
    role: actor.role,
    readiness,
    actions: assessment.actions,
    pending,
    otherSteps,
    figures,
    deadlines,
    notice,
    pdfs,
  };
}

export type OverviewData = ReturnType<typeof useLoaderData<typeof loader>>;

const SCREENED_STATES = new Set(["draft", "submitted", "requirement_review"]);

export default function TicketOverview() {
  const data = useLoaderData<typeof loader>();
  const { ticket, extras, role, readiness, actions, pending, otherSteps, today } = data;
  const isDraftOwner = role === "manufacturer" && ticket.state === "draft";
  const lastReview = ticket.state === "draft" ? extras.reviews[0] : undefined;
  return (
    <>
      {isDraftOwner ? (
        <div className="card button-row">
          <Link className="button secondary" to={`/tickets/${ticket.id}/edit`}>
            신청서 수정
          </Link>
          <Link className="button secondary" to={`/tickets/${ticket.id}/documents`}>
            신청서류 올리기
          </Link>
        </div>
      ) : null}

      {lastReview ? (
        <section className="form-error" role="note" data-testid="fix-list">
          <strong>운영기관의 보완 요청</strong> ({formatKoreanDateShort(seoulDate(new Date(lastReview.reviewedAt)))}): 아래를 보완한 뒤 다시
          제출해 주세요.
          {lastReview.fixList ? (
            <ul>
              {lastReview.fixList
                .split("\n")
                .map((line) => line.trim())
                .filter(Boolean)
                .map((line) => (
                  <li key={line}>{line}</li>
                ))}
            </ul>
          ) : null}
          {lastReview.reason ? <p style={{ margin: 0 }}>{lastReview.reason}</p> : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="actions-h">
        <h2 id="actions-h" style={{ marginTop: 0 }}>
          할 일
        </h2>
        <PendingBox
          ticketId={ticket.id}
          version={ticket.version}
          today={today}
          mine={pending.mine}
          waiting={pending.waiting}
          closed={pending.closed}
          steps={actions}
        />
        {otherSteps.length ? (
          <>
            <h3 className="todo-more">그 밖에 할 수 있는 작업</h3>
            <TicketActions
              ticketId={ticket.id}
              version={ticket.version}
              actions={otherSteps}
              linkedPages={pending.mine.flatMap((item) => (item.page ? [item.page] : []))}
            />
          </>
        ) : null}
      </section>

      <ClosingReason data={data} />
      <DangerZone ticketId={ticket.id} actions={actions} />

      {readiness ? <SubmitReadiness data={data} /> : null}

      <div className="grid-2">
        <ApplicationFacts data={data} />
        <MoneyFacts data={data} />
      </div>
      <DocumentDownloads links={data.pdfs} />

      {extras.items.length && SCREENED_STATES.has(ticket.state) ? <ScreeningFindings items={extras.items} /> : null}
      <StepTimeline data={data} />
      <DocumentsSummary data={data} />
      <QuotesSection data={data} />
      <PlanSection data={data} />
      <CostReviewSection data={data} />
      <WorkLogsSummary data={data} />
      <ExtensionsSummary data={data} />
      <HistorySection data={data} />
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
