import { describe, expect, it } from "vitest";
import { embeddedFontNames, pdfText } from "../../tests/support/pdf-text";
import { facts, heading, paragraph, renderPdf, signatures, table, title } from "./pdf.server";

describe("renderPdf: Korean text, embedded font, selectable text", () => {
  it("writes Korean text a reader can extract, amounts and dates as printed, with the font embedded as a subset", async () => {
    const bytes = await renderPdf({ title: "시험 문서", author: "경기테크노파크" }, (doc) => {
      title(doc, "스마트공장 AS지원사업 협약서", "과제번호 AS-2024-0003");
      heading(doc, "제1조 (목적)");
      paragraph(doc, "정부지원금 12,250,000원, 기업부담금 12,250,000원.");
      facts(doc, [
        ["협약기간", "2024년 3월 4일 ~ 2024년 7월 3일"],
        ["도입기업", "(주)한빛정밀"],
      ]);
      table(
        doc,
        [
          { header: "품목", width: 0.6 },
          { header: "금액", width: 0.4, align: "right" },
        ],
        Array.from({ length: 60 }, (_, i) => [`부품 ${i + 1}`, `${(i + 1) * 10_000}원`]),
      );
      signatures(doc, [["도입기업", "(주)한빛정밀 대표 김한빛"]], "2024년 3월 4일");
    });
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { text, pages } = await pdfText(bytes);
    expect(text).toContain("스마트공장 AS지원사업 협약서");
    expect(text).toContain("정부지원금 12,250,000원");
    expect(text).toContain("2024년 3월 4일 ~ 2024년 7월 3일");
    expect(text).toContain("부품 60");
    expect(text).toContain("(서명 또는 인)");
    expect(pages).toBeGreaterThan(1); // 60 rows do not fit one page: the table breaks onto the next
    expect(text).toContain(`${pages} / ${pages}`);
    expect(embeddedFontNames(bytes).some((name) => name.endsWith("Pretendard-Regular"))).toBe(true);
  });
});
