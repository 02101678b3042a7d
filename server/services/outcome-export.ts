import ExcelJS from "exceljs";
import Papa from "papaparse";
import { outcomeRows, type OutcomeSummary } from "./outcomes";

const COLUMNS = ["section", "group", "metric", "value"] as const;

/** The summary as CSV (UTF-8 with BOM so spreadsheet programs read Chinese names correctly). */
export function outcomeCsv(summary: OutcomeSummary): string {
  const rows = outcomeRows(summary).map((r) => [r.section, r.group, r.metric, r.value ?? ""]);
  return "\uFEFF" + Papa.unparse({ fields: [...COLUMNS], data: rows }, { newline: "\r\n", escapeFormulae: true });
}

/** The same rows as one Excel sheet; numbers stay numbers. */
export async function outcomeXlsx(summary: OutcomeSummary): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("outcomes");
  sheet.columns = COLUMNS.map((key) => ({ header: key, key, width: key === "group" ? 28 : 22 }));
  for (const r of outcomeRows(summary)) sheet.addRow({ ...r, value: r.value ?? "" });
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
