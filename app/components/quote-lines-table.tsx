import type { ReactNode } from "react";
import { QUOTE_LINE_KIND_LABELS, formatKRW, isQuoteLineKind } from "~/domain";

export type QuoteLineView = { id: string; kind: string; description: string; quantity: number; unitPrice: number; amount: number };

/** A quote's lines (구분, 내용, 수량, 단가, 금액), as shown on the ticket page and the quote page. */
export function QuoteLinesTable({ lines, footer, version }: { lines: QuoteLineView[]; footer?: ReactNode; version?: number }) {
  return (
    <div className="table-wrap">
      <table className="responsive" data-quote-version={version}>
        <thead>
          <tr>
            <th>구분</th>
            <th>내용</th>
            <th className="num">수량</th>
            <th className="num">단가</th>
            <th className="num">금액</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td data-label="구분">{isQuoteLineKind(l.kind) ? QUOTE_LINE_KIND_LABELS[l.kind] : l.kind}</td>
              <td data-label="내용">{l.description}</td>
              <td className="num" data-label="수량">
                {l.quantity.toLocaleString("ko-KR")}
              </td>
              <td className="num" data-label="단가">
                {formatKRW(l.unitPrice)}
              </td>
              <td className="num" data-label="금액">
                {formatKRW(l.amount)}
              </td>
            </tr>
          ))}
          {footer}
        </tbody>
      </table>
    </div>
  );
}
