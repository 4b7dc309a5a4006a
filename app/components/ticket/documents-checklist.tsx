// The read-only parts of the 신청서류 page: whether the application can be submitted (with the
// submit button, which posts to the ticket's layout route) and the checklist of documents — the ONE
// list of the documents still missing (issue 17: the readiness box listed them a second time above
// it), with the notice's form beside the slots that have one.
import { Form, Link } from "@remix-run/react";
import type { DocumentsPage } from "~/models/documents.server";
import { FormTemplateLink } from "~/components/form-template-link";

const STATUS_LABELS = { ok: "충족", missing: "미제출", expired: "유효기간 경과" } as const;

export function SubmitReadiness({
  ticket,
  checklist,
  eligibility,
  canSubmit,
}: Pick<DocumentsPage, "ticket" | "checklist" | "eligibility" | "canSubmit">) {
  return (
    <section className="card" aria-labelledby="ready-h" data-testid="submit-readiness">
      <h2 id="ready-h" style={{ marginTop: 0 }}>
        제출 전 확인
      </h2>
      {eligibility.eligible && checklist.complete ? (
        <p className="verdict-ok">신청자격과 제출 서류가 모두 갖추어졌습니다.</p>
      ) : (
        <>
          <p className="verdict-no">아래 사항이 해결되어야 제출할 수 있습니다.</p>
          <ul className="reason-list" data-testid="missing">
            {eligibility.reasons.map((r) => (
              <li key={`e-${r.code}`}>
                {r.message} <Link to="/profile">기업 정보 수정</Link>
                <div className="muted clause">{r.clause}</div>
              </li>
            ))}
            {checklist.problems.length > 0 ? (
              // which ones: the checklist below says it, once
              <li key="documents">
                제출 서류 {checklist.problems.length}건이 갖추어지지 않았습니다. <a href="#checklist-h">제출 서류 목록</a>에서 ‘미제출’·‘유효기간
                경과’로 표시된 서류를 올려 주세요.
              </li>
            ) : null}
          </ul>
        </>
      )}
      {ticket.state === "draft" && canSubmit ? (
        <Form
          method="post"
          action={`/tickets/${ticket.id}`}
          onSubmit={(e) => !window.confirm("신청서를 제출하면 운영기관의 요건검토가 시작됩니다. 제출하시겠습니까?") && e.preventDefault()}
        >
          <input type="hidden" name="intent" value="transition" />
          <input type="hidden" name="action" value="submit" />
          <input type="hidden" name="version" value={ticket.version} />
          <button type="submit">신청서 제출</button>
        </Form>
      ) : null}
    </section>
  );
}

export function DocumentsChecklist({
  checklist,
  ticketId,
  canEdit,
}: Pick<DocumentsPage, "checklist" | "canEdit"> & {
  ticketId: string;
}) {
  return (
    <section className="card" aria-labelledby="checklist-h">
      <h2 id="checklist-h" style={{ marginTop: 0 }}>
        제출 서류 목록
      </h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="제출 서류 목록 표">
        <table className="responsive" data-testid="checklist">
          <thead>
            <tr>
              <th>번호</th>
              <th>서류</th>
              <th>구분</th>
              <th>상태</th>
              <th>설명</th>
            </tr>
          </thead>
          <tbody>
            {checklist.items.map((item) => (
              <tr key={`${item.no}-${item.key}`} data-kind={item.key} data-status={item.status}>
                <td data-label="번호">{item.no}</td>
                <td data-label="서류">
                  {item.label}
                  {/* the notice's form for this slot, pre-filled with the company's data (issue 17 item 2) */}
                  {canEdit ? <FormTemplateLink ticketId={ticketId} kind={item.key} /> : null}
                </td>
                <td data-label="구분">{item.required ? "필수" : "해당 시"}</td>
                <td data-label="상태">
                  {item.required || item.status === "ok" ? (
                    <span className={`status-${item.status}`}>{STATUS_LABELS[item.status]}</span>
                  ) : (
                    // an optional document not sent is no fault: not in the colour of a missing one
                    <span className="muted">선택</span>
                  )}
                </td>
                <td data-label="설명">
                  {item.message}
                  <div className="muted clause">{item.clause}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
