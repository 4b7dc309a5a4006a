// The file input of a question's message (ask and reply) and the files a message carries. The accept
// list is a hint for the picker; the server checks each file by its content (app/models/files.server.ts).
import { UPLOAD_LIMITS_TEXT } from "~/domain";
import { QUESTION_LIMITS } from "~/domain/questions";
import { FileName, type NamedFile } from "~/components/file-name";

/** The field name the route reads the files of a message from. */
export const QUESTION_FILES_FIELD = "attachments";

/** What the server accepts (from the loader: app/models/files.server.ts says it once). */
export type AcceptedFiles = { label: string; extensions: string };

export function QuestionFilesField({ id, accepted }: { id: string; accepted: AcceptedFiles }) {
  return (
    <div className="field">
      <label htmlFor={id}>첨부 파일 (선택, {QUESTION_LIMITS.attachments}개까지)</label>
      <input id={id} name={QUESTION_FILES_FIELD} type="file" accept={accepted.extensions} multiple aria-describedby={`${id}-hint`} />
      <p className="muted hint" id={`${id}-hint`}>
        {accepted.label} · {UPLOAD_LIMITS_TEXT}
      </p>
    </div>
  );
}

export type MessageFile = { id: string; file: NamedFile & { id: string; size: number } };

export function MessageFiles({ attachments }: { attachments: MessageFile[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="message-files" aria-label="첨부 파일">
      {attachments.map((a) => (
        <li key={a.id}>
          <a href={`/files/${a.file.id}`} data-file-id={a.file.id}>
            <FileName file={a.file} />
          </a>{" "}
          <span className="muted">({Math.max(1, Math.round(a.file.size / 1024)).toLocaleString("ko-KR")}KB)</span>
        </li>
      ))}
    </ul>
  );
}
