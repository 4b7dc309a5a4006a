// Streamed exports of the monitor's filtered list: CSV (UTF-8 with BOM, so
// Excel reads Korean) and XLSX (exceljs streaming writer). Rows are read in
// keyset batches (iterateMonitorTickets), never the whole table at once.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Actor } from "~/auth/actor";
import { ROLE_LABELS, STATE_LABELS, SUPPORT_TYPE_LABELS, isSupportType, isTicketState, nextActor, seoulDate } from "~/domain";
import { iterateMonitorTickets, type ListFilters, type ListRow } from "./ticket-list.server";

type Cell = string | number | Date | null;
type Column = { header: string; kind: "text" | "money" | "date"; width: number; value: (r: ListRow) => string | number | null };

export const EXPORT_COLUMNS: Column[] = [
  { header: "과제번호", kind: "text", width: 14, value: (r) => r.number },
  { header: "제목", kind: "text", width: 40, value: (r) => r.title },
  { header: "단계", kind: "text", width: 14, value: (r) => (isTicketState(r.state) ? STATE_LABELS[r.state] : r.state) },
  { header: "다음 조치", kind: "text", width: 10, value: (r) => { const n = isTicketState(r.state) ? nextActor(r.state) : null; return n ? ROLE_LABELS[n] : ""; } },
  { header: "도입기업", kind: "text", width: 20, value: (r) => r.manufacturer.name },
  { header: "공급기업", kind: "text", width: 20, value: (r) => r.supplier.name },
  { header: "AS 유형", kind: "text", width: 24, value: (r) => r.supportTypes.map((s) => (isSupportType(s.type) ? SUPPORT_TYPE_LABELS[s.type] : s.type)).join(", ") },
  { header: "신청일", kind: "date", width: 12, value: (r) => (r.submittedAt ? seoulDate(new Date(r.submittedAt)) : null) },
  { header: "견적금액", kind: "money", width: 14, value: (r) => r.quoteTotal },
  { header: "협약금액", kind: "money", width: 14, value: (r) => r.agreedCost },
  { header: "정부지원금", kind: "money", width: 14, value: (r) => r.subsidy },
  { header: "기업부담금", kind: "money", width: 14, value: (r) => r.companyShare },
  { header: "수행계획서 제출기한", kind: "date", width: 14, value: (r) => r.planDueOn },
  { header: "수정 계획서 제출기한", kind: "date", width: 14, value: (r) => r.revisionDueOn },
  { header: "수행 종료일", kind: "date", width: 12, value: (r) => r.windowEndOn },
];

function csvField(value: string | number | null): string {
  if (value === null) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? "'" : "") + s.replace(/"/g, '""')}"` : s;
}

export function exportFileName(ext: string, today: string) {
  return `AS-tickets-${today}.${ext}`;
}

/** CSV as a byte stream: BOM, Korean header, one line per ticket, amounts as plain numbers. */
export function csvStream(actor: Actor, filters: ListFilters): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = iterateMonitorTickets(actor, filters);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode("\uFEFF" + EXPORT_COLUMNS.map((c) => csvField(c.header)).join(",") + "\r\n"));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      const lines = next.value.map((r) => EXPORT_COLUMNS.map((c) => csvField(c.value(r))).join(",") + "\r\n").join("");
      controller.enqueue(encoder.encode(lines));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

function isoToDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** XLSX through exceljs's streaming writer: rows are committed as they are read. */
export function xlsxStream(actor: Actor, filters: ListFilters): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet("과제 목록", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c, i) => ({
    key: String(i),
    width: c.width,
    style: c.kind === "money" ? { numFmt: "#,##0" } : c.kind === "date" ? { numFmt: "yyyy-mm-dd" } : {},
  }));
  (async () => {
    const header = sheet.addRow(EXPORT_COLUMNS.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for await (const batch of iterateMonitorTickets(actor, filters)) {
      for (const r of batch) {
        const values: Cell[] = EXPORT_COLUMNS.map((c) => {
          const v = c.value(r);
          if (v === null) return null;
          return c.kind === "date" && typeof v === "string" ? isoToDate(v) : v;
        });
        sheet.addRow(values).commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error) => out.destroy(error as Error));
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
