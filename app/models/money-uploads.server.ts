// The one file a step of the money after the agreement carries (a transfer proof, a payment's evidence, a
// tax invoice): required, checked by content and saved before the step's transaction, removed again when
// the step is refused — and the names shown next to the rows (their tables name the file by id only).
import { prisma } from "~/db.server";
import { DomainError } from "~/domain";
import { discardSavedFile, saveUpload, type SavedFile } from "./files.server";

/** A file field's value as a File, or null when nothing was chosen. */
export function uploadedFile(value: FormDataEntryValue | null): File | null {
  return value !== null && typeof value !== "string" && value.size > 0 ? value : null;
}

/** Saves `upload` (required: `label` names it in the refusal), runs `step` with it, and removes the file if the step throws. */
export async function withSavedUpload<R>(upload: File | null, label: string, step: (saved: SavedFile) => Promise<R>): Promise<R> {
  if (!upload) throw new DomainError("upload_required", `${label} 파일을 첨부해 주세요.`);
  const saved = await saveUpload(upload);
  try {
    return await step(saved);
  } catch (error) {
    await discardSavedFile(saved);
    throw error;
  }
}

/** The original names of the stored files `ids` (for the lists; download goes through /files/:id and its access rule). */
export async function fileNamesOf(ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return new Map();
  const files = await prisma.storedFile.findMany({ where: { id: { in: wanted } }, select: { id: true, originalName: true } });
  return new Map(files.map((f) => [f.id, f.originalName]));
}
