import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { WORK_LOG_STATUS_LABELS, formatKoreanDate, formatKoreanDateShort, isWorkLogStatus, seoulDate } from "~/domain";
import { addFollowUpNote, checkCompletion, getCompletionData, startFollowUp } from "~/models/monitor-steps.server";
import { done, notFound, stepPage, stepRequest } from "~/utils/monitor-route.server";
import { badRequest, failureResponse, fields, parseForm, readForm } from "~/utils/forms.server";
import { FieldError, Reasons, Section, StepHeading, StepMessage, refusalOf, typed, type StepResult, useStepResult } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "완료점검 · 스마트공장 AS 트래커" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, header, today } = await stepPage(request, params);
  const data = await getCompletionData(actor, header.id, today);
  if (!data) notFound();
  return { ticket: header, today, ...data };
}

const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("pass"), version: fields.version, findings: fields.optionalText("점검 의견", 2000) }),
  z.object({ intent: z.literal("fail"), version: fields.version, findings: fields.text("보완 요구 사항", 2000) }),
  z.object({ intent: z.literal("follow_up"), version: fields.version }),
  z.object({ intent: z.literal("note"), version: fields.version, note: fields.text("사후관리 내용", 2000), notedOn: fields.isoDate("기록일") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await stepRequest(request, params);
  const form = await readForm(request);
  const parsed = parseForm(Schema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  const d = parsed.data;
  const base = { ticketId, expectedVersion: d.version, today };
  try {
    switch (d.intent) {
      case "pass":
        await checkCompletion(actor, { ...base, result: "pass", findings: d.findings });
        return done(request, "completion_passed");
      case "fail":
        await checkCompletion(actor, { ...base, result: "fail", findings: d.findings });
        return done(request, "completion_failed");
      case "follow_up":
        await startFollowUp(actor, base);
        return done(request, "follow_up");
      case "note":
        await addFollowUpNote(actor, { ...base, note: d.note, notedOn: d.notedOn });
        return done(request, "follow_up_note");
    }
  } catch (error) {
    return failureResponse(error, form);
  }
}

export default function CompletionCheckPage() {
  const { ticket, today, gaps, logs, reports, checks, notes, actions } = useLoaderData<typeof loader>();
  const result = useStepResult(useActionData<typeof action>());
  const followRefusal = refusalOf(actions, "start_follow_up");
  return (
    <>
      <StepHeading ticket={ticket} title="완료점검" today={today} />
      <StepMessage result={result} />
      <Section title="점검 항목" id="gate-h">
        {gaps.length === 0 ? (
          <p className="ok-text" data-testid="gate-open">
            완료점검에 필요한 작업일지 확인, 증빙, 완료보고서가 모두 갖추어졌습니다.
          </p>
        ) : (
          <ul className="gaps" data-testid="gaps">
            {gaps.map((g) => (
              <li key={g.code} data-code={g.code}>
                {g.message} <span className="muted">({g.clause})</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <div className="grid-2">
        <Section title="작업일지" id="logs-h">
          {logs.length === 0 ? (
            <p className="muted">작업일지가 없습니다.</p>
          ) : (
            <ul>
              {logs.map((l) => (
                <li key={l.id}>
                  {formatKoreanDateShort(l.workedOn)} · {l.description} · <strong>{isWorkLogStatus(l.status) ? WORK_LOG_STATUS_LABELS[l.status] : l.status}</strong>
                  {l.swVersionBefore || l.swVersionAfter ? ` · SW ${l.swVersionBefore ?? "?"} → ${l.swVersionAfter ?? "?"}` : ""}
                  {l.trainingAttendees ? ` · 교육 참석: ${l.trainingAttendees}` : ""}
                  {l.partCount ? ` · 교체 부품 ${l.partCount}건` : ""}
                  {l.attachmentCount ? ` · 첨부 ${l.attachmentCount}건` : ""}
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="완료보고서" id="report-h">
          {reports.length === 0 ? (
            <p className="muted">제출된 완료보고서가 없습니다.</p>
          ) : (
            reports.map((r) => (
              <div key={r.id}>
                <p>
                  {formatKoreanDate(seoulDate(new Date(r.submittedAt)))} 제출 · {r.summary}
                </p>
                <p style={{ whiteSpace: "pre-wrap" }}>{r.results}</p>
                <ul>
                  {r.attachments.map((a) => (
                    <li key={a.id}>
                      <a href={`/files/${a.file.id}`}>{a.file.originalName}</a>
                    </li>
                  ))}
                </ul>
              </div>
            ))
          )}
        </Section>
      </div>
      {ticket.state === "completion_check" ? (
        <Section title="점검 결과" id="result-h">
          <div className="grid-2">
            <Form method="post">
              <input type="hidden" name="intent" value="pass" />
              <input type="hidden" name="version" value={ticket.version} />
              <div className="field">
                <label htmlFor="passFindings">점검 의견 (선택)</label>
                <textarea id="passFindings" name="findings" rows={3} defaultValue={typed(result, "findings")} />
              </div>
              <button type="submit">완료점검 통과</button>
              {gaps.length ? <p className="muted">점검 항목이 모두 갖추어져야 통과할 수 있습니다.</p> : null}
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="fail" />
              <input type="hidden" name="version" value={ticket.version} />
              <div className="field">
                <label htmlFor="failFindings">보완 요구 사항</label>
                <textarea id="failFindings" name="findings" rows={3} />
                <FieldError result={result} name="findings" />
              </div>
              <button type="submit" className="secondary">
                보완 요구(과제수행으로 되돌림)
              </button>
            </Form>
          </div>
        </Section>
      ) : null}
      {checks.length ? (
        <Section title="점검 이력" id="checks-h">
          <ul data-testid="checks">
            {checks.map((c) => (
              <li key={c.id}>
                {formatKoreanDate(c.checkedOn)} · {c.result === "passed" ? "통과" : "보완 요구"}
                {c.findings ? ` · ${c.findings}` : ""}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {ticket.state === "completed" || ticket.state === "follow_up" ? (
        <Section title="사후관리" id="follow-h">
          {ticket.state === "completed" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="follow_up" />
              <input type="hidden" name="version" value={ticket.version} />
              <button type="submit" disabled={Boolean(followRefusal)}>
                사후관리 시작
              </button>
              <Reasons reasons={followRefusal} />
            </Form>
          ) : null}
          <Form method="post" style={{ marginTop: "1rem" }}>
            <input type="hidden" name="intent" value="note" />
            <input type="hidden" name="version" value={ticket.version} />
            <div className="grid-2">
              <div className="field">
                <label htmlFor="note">사후관리 내용</label>
                <textarea id="note" name="note" rows={3} defaultValue={typed(result, "note")} />
                <FieldError result={result} name="note" />
              </div>
              <div className="field">
                <label htmlFor="notedOn">기록일</label>
                <input id="notedOn" name="notedOn" type="date" defaultValue={typed(result, "notedOn", today)} />
                <FieldError result={result} name="notedOn" />
              </div>
            </div>
            <button type="submit" className="secondary">
              사후관리 기록 저장
            </button>
          </Form>
          {notes.length ? (
            <ul data-testid="follow-up-notes">
              {notes.map((n) => (
                <li key={n.id}>
                  {formatKoreanDate(n.notedOn)} · {n.note}
                </li>
              ))}
            </ul>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}
