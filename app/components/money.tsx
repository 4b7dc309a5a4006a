// Pieces the payment (사업비 지급) and settlement (정산) pages share: a required proof file field and a
// link to download a stored file (through /files/:id and its access rule).
import { Link } from "@remix-run/react";
import { UPLOAD_LIMITS_TEXT } from "~/domain";

export function ProofFileField({ id, name, label }: { id: string; name: string; label: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="file" required accept=".pdf,.jpg,.jpeg,.png,.hwp,.hwpx,.xlsx,.docx" aria-describedby={`${id}-hint`} />
      <p className="muted" id={`${id}-hint`}>
        PDF, JPG, PNG, HWP/HWPX, XLSX, DOCX · {UPLOAD_LIMITS_TEXT} (내용으로 형식을 확인합니다).
      </p>
    </div>
  );
}

export function FileLink({ id, name }: { id: string | null; name: string | null }) {
  if (!id) return <span className="muted">증빙 없음</span>;
  return (
    <Link to={`/files/${id}`} reloadDocument>
      {name ?? "첨부 파일"}
    </Link>
  );
}
