// The uploaded documents of a ticket (read-only table). While drafting, each row carries a
// delete button: a submit button of the page's delete form (its value is the document id).
// The issue date is shown only where it exists: the 3-month certificates (ADR 037).
import { formatKoreanDateShort, josa } from "~/domain";
import type { DocumentsPage } from "~/models/documents.server";
import { FileName } from "~/components/file-name";

/** A file size as people read it beside a file name ("1.2MB", "34KB"). */
export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`;
}

type Doc = DocumentsPage["documents"][number];

export function DocumentsTable({
  documents,
  deleteName,
}: {
  documents: Doc[];
  /** the delete form's field name, when deleting is allowed */ deleteName?: string;
}) {
  if (documents.length === 0) return <p className="muted">아직 올린 서류가 없습니다.</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="올린 서류">
      <table className="responsive" data-testid="documents">
        <thead>
          <tr>
            <th>서류</th>
            <th>발행일·유효기간</th>
            <th>파일</th>
            {deleteName ? <th>삭제</th> : null}
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id} data-document-kind={d.kind}>
              <td data-label="서류">
                {d.label}
                {d.fiscalYear ? ` (${d.fiscalYear}년)` : ""}
                {d.attachedAtApplication ? <span className="muted"> · 신청 시 첨부</span> : null}
              </td>
              <td data-label="발행일·유효기간">
                {d.issuedOn ? <>발행일 {formatKoreanDateShort(d.issuedOn)} · </> : null}
                {d.validUntil ? (
                  <span className={d.validity === "valid" ? "status-ok" : "status-expired"}>
                    {formatKoreanDateShort(d.validUntil)}까지{" "}
                    {d.validity === "valid" ? "유효" : d.validity === "expired" ? "(만료)" : "(발행일 확인 필요)"}
                  </span>
                ) : (
                  <span className="muted">해당 없음</span>
                )}
              </td>
              <td data-label="파일">
                <a href={`/files/${d.file.id}`} download>
                  <FileName file={d.file} />
                </a>{" "}
                <span className="muted">({sizeLabel(d.file.size)})</span>
              </td>
              {deleteName ? (
                <td data-label="삭제">
                  <button
                    type="submit"
                    name={deleteName}
                    value={d.id}
                    className="secondary"
                    aria-label={`${d.label} 삭제`}
                    onClick={(e) => !window.confirm(`${josa(d.label, "을", "를")} 삭제하시겠습니까?`) && e.preventDefault()}
                  >
                    삭제
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
