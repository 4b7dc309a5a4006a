import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { attachmentDisposition } from "~/domain";
import { findReadableFile, readStoredBytes } from "~/models/files.server";

/**
 * Download of an uploaded file: only for users who may read its ticket; always as an attachment,
 * under a safe name that ends with the type detected on upload (app/domain/file-names.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = z.string().min(1).max(64).safeParse(params.fileId);
  const file = id.success ? await findReadableFile(actor, id.data) : null;
  if (!file) throw new Response("파일을 찾을 수 없습니다.", { status: 404 });
  const bytes = await readStoredBytes(file.storagePath);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": attachmentDisposition(file.originalName, file.mimeType),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`,
    },
  });
}
