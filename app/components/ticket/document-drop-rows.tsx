// The upload form with JavaScript (ADR 037): files dropped on the zone (or chosen with its input) are
// listed, each with its kind — preselected when the file's name plainly says it, and then marked as a
// guess to check — and the fiscal year or the issue date only where that kind asks for one. Each row
// carries its file in a hidden input of the row's name, so the form posts exactly what the rows
// without JavaScript post, to the same action. A refused upload keeps the list (files, kinds, dates).
import { useEffect, useRef, useState } from "react";
import { UPLOAD_LIMITS, type DocumentKind } from "~/domain";
import { DOCUMENT_UPLOAD_LIMIT, guessDocumentKind, isCertificateKind } from "~/domain/document-upload";
import { RowField, errorOf, type KindOption, type UploadForm } from "./document-upload-fields";
import { sizeLabel } from "./documents-table";

type Item = { key: number; file: File; kind: DocumentKind | ""; guessed: DocumentKind | null; fiscalYear: string; issuedOn: string };

const MB = 1024 * 1024;

let nextKey = 0;
function itemOf(file: File): Item {
  const guess = guessDocumentKind(file.name);
  return {
    key: nextKey++,
    file,
    kind: guess?.kind ?? "",
    guessed: guess?.kind ?? null,
    fiscalYear: guess?.fiscalYear ? String(guess.fiscalYear) : "",
    issuedOn: "",
  };
}

/** The row's file, in an input of the row's name (a browser posts a file only from a file input). */
function CarriedFile({ name, file }: { name: string; file: File }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const transfer = new DataTransfer();
    transfer.items.add(file);
    if (ref.current) ref.current.files = transfer.files;
  }, [file]);
  return <input ref={ref} type="file" name={name} hidden tabIndex={-1} aria-hidden="true" />;
}

/**
 * Files dropped anywhere on the page join the list: a file dropped beside the zone would otherwise make
 * the browser open it and leave the page, losing the list. (The zone only shows where to drop.)
 */
function usePageDrop(add: (files: FileList) => void, setOver: (over: boolean) => void) {
  const latest = useRef(add);
  latest.current = add;
  useEffect(() => {
    const carriesFiles = (e: globalThis.DragEvent) => Boolean(e.dataTransfer?.types.includes("Files"));
    const over = (e: globalThis.DragEvent) => {
      if (carriesFiles(e)) e.preventDefault();
    };
    const dropped = (e: globalThis.DragEvent) => {
      if (!carriesFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      setOver(false);
      latest.current(e.dataTransfer.files);
    };
    window.addEventListener("dragover", over);
    window.addEventListener("drop", dropped);
    return () => {
      window.removeEventListener("dragover", over);
      window.removeEventListener("drop", dropped);
    };
  }, [setOver]);
}

export function DropRows({ form, options, accept }: { form: UploadForm; options: KindOption[]; accept: string }) {
  const [items, setItems] = useState<Item[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const add = (files: FileList | null) => {
    const chosen = [...(files ?? [])];
    const room = DOCUMENT_UPLOAD_LIMIT - items.length;
    const left = chosen.length - Math.max(0, room);
    setNotice(
      left > 0
        ? `한 번에 ${DOCUMENT_UPLOAD_LIMIT}개까지 올릴 수 있어 ${left}개는 넣지 않았습니다. 이번 파일을 올린 뒤 나머지를 올려 주세요.`
        : null,
    );
    setItems((current) => [...current, ...chosen.slice(0, Math.max(0, room)).map(itemOf)]);
  };
  const change = (key: number, patch: Partial<Item>) => setItems((current) => current.map((it) => (it.key === key ? { ...it, ...patch } : it)));
  usePageDrop(add, setOver);
  return (
    <div className="doc-drop">
      <div
        className={`drop-zone${over ? " drop-over" : ""}`}
        data-testid="drop-zone"
        onDragEnter={() => setOver(true)}
        onDragLeave={() => setOver(false)}
      >
        <p>여기에 파일을 끌어다 놓거나, 아래에서 골라 주세요. 여러 개를 한꺼번에 올릴 수 있습니다.</p>
        <label htmlFor="drop-input">올릴 파일 선택 (여러 개)</label>
        <input
          id="drop-input"
          type="file"
          multiple
          accept={accept}
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = "";
          }}
        />
      </div>
      {notice ? (
        <p className="form-error" role="status">
          {notice}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ol className="doc-list" data-testid="upload-list" aria-label="올릴 서류">
          {items.map((item, i) => (
            <DropRow
              key={item.key}
              form={form}
              i={i}
              item={item}
              options={options}
              onChange={(patch) => change(item.key, patch)}
              onRemove={() => setItems((current) => current.filter((it) => it.key !== item.key))}
            />
          ))}
        </ol>
      ) : (
        <p className="muted">아직 고른 파일이 없습니다.</p>
      )}
    </div>
  );
}

type DropRowProps = {
  form: UploadForm;
  i: number;
  item: Item;
  options: KindOption[];
  onChange: (patch: Partial<Item>) => void;
  onRemove: () => void;
};

function DropRow({ form, i, item, options, onChange, onRemove }: DropRowProps) {
  const name = (field: string) => `rows[${i}].${field}`;
  const quoted = `‘${item.file.name}’`;
  const tooLarge = item.file.size > UPLOAD_LIMITS.fileBytes;
  return (
    <li className="doc-item" data-file={item.file.name} data-kind={item.kind}>
      <p className="doc-file">
        <bdi>{item.file.name}</bdi> <span className="muted">({sizeLabel(item.file.size)})</span>
        {tooLarge ? <span className="status-expired"> · {UPLOAD_LIMITS.fileBytes / MB}MB 초과</span> : null}{" "}
        <button type="button" className="secondary" onClick={onRemove} aria-label={`${quoted} 빼기`}>
          빼기
        </button>
      </p>
      <CarriedFile name={name("file")} file={item.file} />
      {errorOf(form, name("file")) ? <p className="field-error">{errorOf(form, name("file"))}</p> : null}
      <div className="inline-fields">
        <RowField form={form} name={name("kind")} label={`${quoted} 서류 종류`}>
          <select value={item.kind} onChange={(e) => onChange({ kind: e.currentTarget.value as DocumentKind | "" })}>
            <option value="">선택하세요</option>
            {options.map((o) => (
              <option key={o.kind} value={o.kind}>
                {o.label}
              </option>
            ))}
          </select>
        </RowField>
        {item.kind === "financial_statements" ? (
          <RowField form={form} name={name("fiscalYear")} label={`${quoted} 회계연도`}>
            <input
              inputMode="numeric"
              autoComplete="off"
              value={item.fiscalYear}
              onChange={(e) => onChange({ fiscalYear: e.currentTarget.value })}
            />
          </RowField>
        ) : null}
        {item.kind && isCertificateKind(item.kind) ? (
          <RowField form={form} name={name("issuedOn")} label={`${quoted} 발행일`}>
            <input type="date" value={item.issuedOn} onChange={(e) => onChange({ issuedOn: e.currentTarget.value })} />
          </RowField>
        ) : null}
      </div>
      {item.guessed && item.kind === item.guessed ? (
        <p className="muted hint" data-testid="kind-guess">
          서류 종류는 파일 이름을 보고 골라 두었습니다. 맞는지 확인해 주세요.
        </p>
      ) : null}
    </li>
  );
}
