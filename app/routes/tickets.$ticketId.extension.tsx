import { requireVisibleTicket } from "~/models/ticket.server";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { getExtensionPage, requestExtension } from "~/models/extension-request.server";
import { badRequest, failureResponse, fields, parseForm, type FormFailure, readForm } from "~/utils/forms.server";
import { EXTENSION_REQUEST_STATUS_LABELS, STATE_LABELS, formatKoreanDate, formatKoreanDateShort, isExtensionRequestStatus, isTicketState, seoulDate } from "~/domain";
import { StateBadge } from "~/components/badges";
import makerStyles from "~/styles/maker.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.ticket.number} 사업기간 연장 신청 · 스마트공장 AS 트래커` : "사업기간 연장 신청 · 스마트공장 AS 트래커" },
];

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = ParamsSchema.safeParse(params);
  const page = parsed.success ? await getExtensionPage(actor, parsed.data.ticketId) : null;
  if (!page) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  return { ...page, role: actor.role };
}

const ExtensionSchema = z.object({
  version: fields.version,
  // The limit is the program's (params.maxExtensionMonths): the rules module (checkExtension, the
  // request_extension guard) refuses a larger number, with its reason.
  months: z.coerce.number({ error: "연장 기간을 선택해 주세요." }).int("연장은 개월 단위로 신청합니다.").min(1, "연장 기간을 선택해 주세요."),
  reason: fields.text("연장 사유", 2000),
});

type Result = { ok: true; message: string } | FormFailure;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsedParams = ParamsSchema.safeParse(params);
  if (!parsedParams.success) throw new Response("과제를 찾을 수 없습니다.", { status: 404 });
  await requireVisibleTicket(actor, parsedParams.data.ticketId); // foreign → 404 before the form is read
  const form = await readForm(request);
  const parsed = parseForm(ExtensionSchema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  try {
    await requestExtension(actor, {
      ticketId: parsedParams.data.ticketId,
      expectedVersion: parsed.data.version,
      months: parsed.data.months,
      reason: parsed.data.reason,
      today: seoulDate(new Date()),
    });
    return { ok: true, message: `사업기간 ${parsed.data.months}개월 연장을 신청했습니다. 운영기관의 승인을 기다립니다.` } satisfies Result;
  } catch (error) {
    return failureResponse(error, form);
  }
}


export default function ExtensionPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const failure = result && !result.ok ? result : undefined;
  const { ticket } = page;
  const canRequest = page.role === "manufacturer" && ticket.state === "in_progress";
  const chosen = failure?.values?.months ?? "";
  return (
    <>
      <p className="muted">
        <Link to={`/tickets/${ticket.id}`}>← {ticket.number}</Link>
      </p>
      <h1>
        {ticket.number} 사업기간 연장 신청 <StateBadge state={ticket.state} />
      </h1>
      <p className="muted">{ticket.title}</p>

      <section className="card" aria-labelledby="window-h">
        <h2 id="window-h" style={{ marginTop: 0 }}>
          수행기간
        </h2>
        <dl className="facts" data-testid="window">
          <dt>현재 종료일</dt>
          <dd data-testid="current-end">{page.currentEndOn ? formatKoreanDate(page.currentEndOn) : "협약 전"}</dd>
          <dt>승인된 연장</dt>
          <dd>
            {page.monthsExtended}개월 / 최대 {page.maxExtensionMonths}개월 (최대 사업기간 {page.maxTotalMonths}개월)
          </dd>
          {page.maxEndOn ? (
            <>
              <dt>최대 연장 시 종료일</dt>
              <dd>{formatKoreanDate(page.maxEndOn)}</dd>
            </>
          ) : null}
        </dl>
        <ul className="reason-list" data-testid="options">
          {page.options.map((o) => (
            <li key={o.months}>
              {o.months}개월 연장 시: {o.allowed && o.newEndOn ? <strong>{formatKoreanDate(o.newEndOn)}까지</strong> : <span className="status-missing">{o.reasons.join(" ")}</span>}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="request-h">
        <h2 id="request-h" style={{ marginTop: 0 }}>
          연장 신청
        </h2>
        {result?.ok ? (
          <p className="toast-ok" role="status">
            {result.message}
          </p>
        ) : null}
        {failure?.formError ? (
          <div className="form-error" role="alert">
            {failure.formError}
          </div>
        ) : null}
        {page.pending ? (
          <p className="muted" data-testid="pending">
            처리 중인 연장 신청: {page.pending.months}개월 ({formatKoreanDateShort(seoulDate(new Date(page.pending.requestedAt)))} 신청
            {page.pending.newEndOn ? `, 승인 시 ${formatKoreanDate(page.pending.newEndOn)}까지` : ""})
          </p>
        ) : null}
        {canRequest ? (
          <Form method="post" noValidate aria-label="연장 신청">
            <input type="hidden" name="version" value={ticket.version} />
            <div className="field">
              <label htmlFor="months">연장 기간</label>
              <select id="months" name="months" defaultValue={chosen}>
                <option value="">선택하세요</option>
                {page.options.map((o) => (
                  <option key={o.months} value={o.months}>
                    {o.months}개월{o.newEndOn ? ` (${formatKoreanDateShort(o.newEndOn)}까지)` : ""}
                  </option>
                ))}
              </select>
              {failure?.fieldErrors?.months ? <p className="field-error">{failure.fieldErrors.months}</p> : null}
            </div>
            <div className="field">
              <label htmlFor="reason">연장 사유</label>
              <textarea id="reason" name="reason" rows={4} defaultValue={failure?.values?.reason ?? ""} />
              {failure?.fieldErrors?.reason ? <p className="field-error">{failure.fieldErrors.reason}</p> : null}
            </div>
            <button type="submit">연장 신청</button>
          </Form>
        ) : (
          <p className="muted">
            연장 신청은 도입기업이 과제수행 단계에서 할 수 있습니다 (현재: {isTicketState(ticket.state) ? STATE_LABELS[ticket.state] : ticket.state}).
          </p>
        )}
      </section>

      {ticket.extensions.length ? (
        <section className="card" aria-labelledby="history-h">
          <h2 id="history-h" style={{ marginTop: 0 }}>
            연장 신청 이력
          </h2>
          <div className="table-wrap">
            <table className="responsive">
              <thead>
                <tr>
                  <th>신청일</th>
                  <th>기간</th>
                  <th>사유</th>
                  <th>결과</th>
                </tr>
              </thead>
              <tbody>
                {ticket.extensions.map((e) => (
                  <tr key={e.id}>
                    <td data-label="신청일">{formatKoreanDateShort(seoulDate(new Date(e.requestedAt)))}</td>
                    <td data-label="기간">{e.months}개월</td>
                    <td data-label="사유">{e.reason}</td>
                    <td data-label="결과">
                      {isExtensionRequestStatus(e.status) ? EXTENSION_REQUEST_STATUS_LABELS[e.status] : e.status}
                      {e.decisionNote ? ` · ${e.decisionNote}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
