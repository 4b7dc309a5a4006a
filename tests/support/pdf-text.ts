// Reads a PDF's text the way a person's viewer or a search would (unpdf = pdf.js), so tests check what a
// reader can select and copy, not what we meant to draw.
import { extractText, getDocumentProxy } from "unpdf";

export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  return { text, pages: totalPages };
}

/** The names of the fonts a PDF embeds (FontFile2 streams' BaseFont entries), e.g. "ABCDEF+Pretendard-Regular". */
export function embeddedFontNames(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString("latin1");
  return [...raw.matchAll(/\/BaseFont\s*\/([A-Z]{6}\+[\w-]+)/g)].map((m) => m[1]);
}
