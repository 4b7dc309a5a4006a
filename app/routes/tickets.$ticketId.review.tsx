import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DOCUMENT_KIND_LABELS, REQUIREMENT_REVIEW_RESULT_LABELS, formatKoreanDateShort, isDocumentKind, isRequirementReviewResult, seoulDate } from "~/domain";
import { getReviewData, rejectApplication, returnForCorrection } from "~/models/monitor-steps.server";
import { done, notFound, stepPage, stepRequest } from "~/utils/monitor-route.server";
import { badRequest, failureResponse, fields, parseForm, readForm } from "~/utils/forms.server";
import { FieldError, Reasons, Section, StepHeading, StepMessage, refusalOf, typed, type StepResult, useStepResult } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "요건검토 · 스마트공장 AS 트래커" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, header, today } = await stepPage(request, params);
  const data = await getReviewData(actor, header.id, today);
  if (!data) notFound();
  return { ticket: header, today, ...data };
}

const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("return"), version: fields.version, fixList: fields.text("보완 요청 사항", 4000) }),
  z.object({ intent: z.literal("reject"), version: fields.version, reason: fields.text("반려 사유", 2000) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await stepRequest(request, params);
  const form = await readForm(request);
  const parsed = parseForm(Schema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  const input = parsed.data;
  try {
    if (input.intent === "return") {
      await returnForCorrection(actor, { ticketId, expectedVersion: input.version, today, fixList: input.fixList });
      return redirect(`/dashboard?notice=returned`);
    }
    await rejectApplication(actor, { ticketId, expectedVersion: input.version, today, reason: input.reason });
    return done(request, "rejected");
  } catch (error) {
    return failureResponse(error, form);
  }
}

export default function ReviewPage() {
  const { ticket, today, eligibility, checklist, documents, reviews, actions } = useLoaderData<typeof loader>();
  const result = useStepResult(useActionData<typeof action>());
  const returnRefusal = refusalOf(actions, "return_for_correction");
  const rejectRefusal = refusalOf(actions, "reject");
  const passRefusal = refusalOf(actions, "pass_review");
  return (
    <>
      <StepHeading ticket={ticket} title="요건검토" today={today} />
      <StepMessage result={result} />
      <div className="grid-2">
        <Section title="신청자격 확인" id="elig-h">
          <p data-testid="eligibility" className={eligibility.eligible ? "ok-text" : "result-fail"}>
            {eligibility.eligible ? "신청자격 요건을 충족합니다." : "신청자격 요건을 충족하지 않습니다."}
          </p>
          {eligibility.reasons.length ? (
            <ul className="reasons">
              {eligibility.reasons.map((r) => (
                <li key={r.code}>
                  {r.message} <span className="muted">({r.clause})</span>
                </li>
              ))}
            </ul>
          ) : null}
          <h3>제출 서류 점검</h3>
          <div className="table-wrap">
            <table className="responsive" data-testid="checklist">
              <thead>
                <tr>
                  <th>번호</th>
                  <th>서류</th>
                  <th>상태</th>
                </tr>
              </thead>
              <tbody>
                {checklist.items.map((item) => (
                  <tr key={`${item.no}-${item.key}`}>
                    <td data-label="번호">{item.no}</td>
                    <td data-label="서류">
                      {item.label}
                      {item.required ? "" : " (선택)"}
                    </td>
                    <td data-label="상태" className={item.status === "ok" ? "ok-text" : item.required ? "result-fail" : "muted"}>
                      {item.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
        <Section title="제출된 파일" id="files-h">
          {documents.length === 0 ? (
            <p className="muted">제출된 서류가 없습니다.</p>
          ) : (
            <ul data-testid="documents">
              {documents.map((d) => (
                <li key={d.id}>
                  {isDocumentKind(d.kind) ? DOCUMENT_KIND_LABELS[d.kind] : d.kind}
                  {d.fiscalYear ? ` (${d.fiscalYear}년)` : ""} · 발행일 {formatKoreanDateShort(d.issuedOn)} ·{" "}
                  <a href={`/files/${d.file.id}`}>{d.file.originalName}</a>
                  {d.attachedAtApplication ? "" : <span className="muted"> (신청 후 제출)</span>}
                </li>
              ))}
            </ul>
          )}
          {reviews.length ? (
            <>
              <h3>이전 검토 결과</h3>
              <ul>
                {reviews.map((r) => (
                  <li key={r.id}>
                    {formatKoreanDateShort(seoulDate(new Date(r.reviewedAt)))} ·{" "}
                    {REQUIREMENT_REVIEW_RESULT_LABELS[isRequirementReviewResult(r.result) ? r.result : "passed"]}
                    {r.fixList ? <pre style={{ whiteSpace: "pre-wrap", margin: 0 }}>{r.fixList}</pre> : null}
                    {r.reason ? ` · ${r.reason}` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Section>
      </div>
      <Section title="검토 결과" id="decide-h">
        <p className="muted">
          요건검토 통과는 과제 화면의 ‘요건검토 통과’ 버튼으로 처리합니다.
          {passRefusal ? " 현재 통과할 수 없습니다:" : ""}
        </p>
        <Reasons reasons={passRefusal} />
        <div className="grid-2">
          <Form method="post">
            <input type="hidden" name="intent" value="return" />
            <input type="hidden" name="version" value={ticket.version} />
            <div className="field">
              <label htmlFor="fixList">보완 요청 사항 (한 줄에 하나)</label>
              <textarea id="fixList" name="fixList" rows={5} defaultValue={typed(result, "fixList")} aria-describedby="fixList-error" />
              <FieldError result={result} name="fixList" />
            </div>
            <button type="submit" disabled={Boolean(returnRefusal)}>
              보완 요청(작성중으로 되돌림)
            </button>
            <Reasons reasons={returnRefusal} />
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="reject" />
            <input type="hidden" name="version" value={ticket.version} />
            <div className="field">
              <label htmlFor="reason">반려 사유</label>
              <textarea id="reason" name="reason" rows={5} defaultValue={typed(result, "reason")} aria-describedby="reason-error" />
              <FieldError result={result} name="reason" />
            </div>
            <button type="submit" className="secondary" disabled={Boolean(rejectRefusal)}>
              반려
            </button>
            <Reasons reasons={rejectRefusal} />
          </Form>
        </div>
      </Section>
    </>
  );
}
