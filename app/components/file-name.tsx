// A stored file's name as people read it on a page: the name it downloads under (app/domain/file-names),
// so bidi controls or a misleading extension in what was uploaded cannot make the link say otherwise.
import { downloadName } from "~/domain";

export type NamedFile = { originalName: string; mimeType: string };

export function FileName({ file }: { file: NamedFile }) {
  return <bdi>{downloadName(file.originalName, file.mimeType)}</bdi>;
}
