// The monitor's ticket exports, CSV and XLSX, streamed from keyset batches of the filtered
// list. The parts live in app/models/export/: the columns (columns.server.ts), the CSV writer
// (csv.server.ts), the XLSX writer (xlsx.server.ts) and its zip set-up, yazl with Seoul time
// stamps (zip.server.ts). This module gathers what the routes and tests use.
export { EXPORT_COLUMNS, exportFileName, type ExportColumn } from "./export/columns.server";
export { CSV_HEADER, csvBytes, csvField, csvLine, csvStream } from "./export/csv.server";
export { XLSX_PARTS, XLSX_SHEET_NAME, XLSX_SHEET_PATH, excelDay, xlsxRowsBytes, xlsxStream, xlsxStreamOf, xmlText } from "./export/xlsx.server";
export { seoulZipMtime } from "./export/zip.server";
