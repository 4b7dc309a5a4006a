// The one file a plan or a quote may carry (issue 17): the official plan form (수행계획서 양식) of a draft or
// a submitted version, the signed quote (서명·날인된 견적서) of a quote version. Checked by content and saved
// before the step's transaction, removed again when the step is refused; a file a row no longer names is
// released inside the transaction and its bytes removed after the commit (ADR 014). Who may download
// them: file-links.server.ts.
import { prisma } from "~/db.server";
import { DomainError, FILE_KINDS, josa } from "~/domain";
import type { Tx } from "./workflow.server";
import { discardSavedFile, releaseStoredFiles, removeStoredBytes, saveUpload, type SavedFile } from "./files.server";

export type AttachmentRule = { types: readonly string[]; refusal: string };

const { pdf, jpg, png, hwp, hwpx } = FILE_KINDS;

/** The plan form: a scan (PDF, image) or the notice's form filled in (HWP/HWPX, recognised by content). */
export const PLAN_FORM_RULE: AttachmentRule = {
  types: [pdf.type, jpg.type, png.type, hwp.type, hwpx.type],
  refusal: "수행계획서 양식은 PDF, 이미지(JPG, PNG) 또는 한글(HWP, HWPX) 파일만 올릴 수 있습니다.",
};

/** The signed quote: a scan of the stamped paper, PDF or image. */
export const SIGNED_QUOTE_RULE: AttachmentRule = {
  types: [pdf.type, jpg.type, png.type],
  refusal: "서명·날인된 견적서는 PDF 또는 이미지(JPG, PNG) 파일만 올릴 수 있습니다.",
};

/** The one file of a form field, or null when none was chosen; more than one is refused. */
export function singleUpload(form: FormData, field: string, label: string): File | null {
  const files = form.getAll(field).filter((v): v is File => typeof v !== "string" && v.size > 0);
  if (files.length > 1) throw new DomainError("upload_count", `${josa(label, "은", "는")} 파일 하나만 올릴 수 있습니다.`);
  return files[0] ?? null;
}

/** Saves `upload` if any (checked against `rule`), runs `step` with it, and removes the file again if the step throws. */
export async function withOptionalUpload<R>(
  upload: File | null,
  rule: AttachmentRule,
  step: (saved: SavedFile | null) => Promise<R>,
): Promise<R> {
  const saved = upload ? await saveUpload(upload) : null;
  try {
    if (saved && !rule.types.includes(saved.mimeType)) throw new DomainError("upload_type", rule.refusal);
    return await step(saved);
  } catch (error) {
    await discardSavedFile(saved);
    throw error;
  }
}

/** Releases files a row no longer names (inside `tx`); returns a function that removes their bytes once committed. */
export async function releaseReplaced(tx: Tx, fileIds: readonly (string | null | undefined)[]) {
  const paths = await releaseStoredFiles(
    tx,
    fileIds.filter((id): id is string => typeof id === "string"),
  );
  return () => removeStoredBytes(paths);
}

export type AttachedFile = { id: string; originalName: string; mimeType: string };

/** The files `ids` by id, for the pages' links (downloads go through /files/:id and its access rule). */
export async function attachedFiles(ids: readonly (string | null)[]): Promise<Map<string, AttachedFile>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return new Map();
  const files = await prisma.storedFile.findMany({ where: { id: { in: wanted } }, select: { id: true, originalName: true, mimeType: true } });
  return new Map(files.map((f) => [f.id, f]));
}
