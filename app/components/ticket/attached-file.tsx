// The one file a plan or a quote carries (issue 17): its download link, and the file field that attaches
// or replaces it (the plan form 수행계획서 양식, the signed quote 서명·날인된 견적서).
import { SINGLE_UPLOAD_LIMIT_TEXT } from "~/domain";
import { FileName, type NamedFile } from "~/components/file-name";

export type AttachedFileView = NamedFile & { id: string };

/** A download link to a stored file (served by /files/:id under its access rule). */
export function AttachedFileLink({ file, testId }: { file: AttachedFileView; testId?: string }) {
  return (
    <a href={`/files/${file.id}`} data-testid={testId} download>
      <FileName file={file} />
    </a>
  );
}

/** A single file input with what is attached now (a new file replaces it) and the accepted kinds. */
export function SingleFileField({
  id,
  name,
  label,
  accept,
  kinds,
  current,
}: {
  id: string;
  name: string;
  label: string;
  accept: string;
  kinds: string;
  current: AttachedFileView | null;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label} (선택)</label>
      {current ? (
        <p className="muted">
          첨부됨: <AttachedFileLink file={current} /> — 새 파일을 고르면 바뀝니다.
        </p>
      ) : null}
      <input id={id} name={name} type="file" accept={accept} aria-describedby={`${id}-hint`} />
      <p className="muted" id={`${id}-hint`}>
        {kinds} 파일 하나, {SINGLE_UPLOAD_LIMIT_TEXT} (내용으로 형식을 확인합니다).
      </p>
    </div>
  );
}
