// 요건검토's read-only facts: the eligibility verdict, the document checklist, the files
// submitted and the earlier review results.
import {
  DOCUMENT_KIND_LABELS,
  REQUIREMENT_REVIEW_RESULT_LABELS,
  formatKoreanDateShort,
  isDocumentKind,
  isRequirementReviewResult,
  seoulDate,
} from "~/domain";
import { Section } from "~/components/monitor/step";
import { FileName } from "~/components/file-name";

type Props = {
  eligibility: { eligible: boolean; reasons: { code: string; message: string; clause: string }[] };
  checklist: { items: { no: number | string; key: string; label: string; required: boolean; status: string; message: string }[] };
  documents: {
    id: string;
    kind: string;
    fiscalYear: number | null;
    issuedOn: string | null;
    attachedAtApplication: boolean;
    file: { id: string; originalName: string; mimeType: string };
  }[];
  reviews: { id: string; result: string; fixList: string | null; reason: string | null; reviewedAt: Date | string }[];
};

export function ReviewFacts({ eligibility, checklist, documents, reviews }: Props) {
  return (
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
        <div className="table-wrap" tabIndex={0} role="region" aria-label="제출 서류 점검">
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
                {d.fiscalYear ? ` (${d.fiscalYear}년)` : ""}
                {d.issuedOn ? ` · 발행일 ${formatKoreanDateShort(d.issuedOn)}` : ""} ·{" "}
                <a href={`/files/${d.file.id}`}>
                  <FileName file={d.file} />
                </a>
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
  );
}
