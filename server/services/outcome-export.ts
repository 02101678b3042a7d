import ExcelJS from "exceljs";
import { createTranslator } from "next-intl";
import Papa from "papaparse";
import casesEn from "@/messages/en/cases.json";
import legalEn from "@/messages/en/legal.json";
import workspaceEn from "@/messages/en/workspace.json";
import casesZh from "@/messages/zh-CN/cases.json";
import legalZh from "@/messages/zh-CN/legal.json";
import workspaceZh from "@/messages/zh-CN/workspace.json";
import { DASH, figureText, rawValue, reportRows, rowLabels, type Figure, type ReportRow } from "@/server/domain/outcome-figures";
import { fenToYuanString, type Locale } from "@/server/domain/money";
import type { OutcomeSummary } from "./outcomes";

// UTF-8 with a BOM, so spreadsheet programs read Chinese names correctly.
const BOM = "\uFEFF";
const RAW_COLUMNS = ["section", "group", "metric", "value"] as const;

/** The report's words in one language: the dashboard's own messages. */
function wordsFor(locale: Locale) {
  const en = locale === "en";
  // The court and mediation rows' words (outcomes.legal) live in legal.json, merged into the same namespace.
  const area = en ? workspaceEn : workspaceZh;
  const legal = en ? legalEn : legalZh;
  const messages = { ...area, outcomes: { ...area.outcomes, ...legal.outcomes } };
  const t = createTranslator({ locale, messages, namespace: "outcomes" });
  const states = createTranslator({ locale, messages: en ? casesEn : casesZh, namespace: "cases.states" });
  return {
    t: (key: string, values?: Record<string, string | number>) => t(key as "title", values),
    state: (s: string) => states(s as "intake"),
  };
}

function labelledRows(summary: OutcomeSummary, locale: Locale) {
  const { t, state } = wordsFor(locale);
  const header = [t("report.headers.section"), t("report.headers.group"), t("report.headers.metric"), t("report.headers.value")];
  const rows = reportRows(summary).map((row) => ({ row, labels: rowLabels(row, t, state) }));
  return { t, header, rows };
}

/**
 * The summary as a person reads it: headers, sections and metrics in the reader's language, every value as
 * the dashboard shows it (¥1,234.56, 40.0%, 12 天, — when not measured).
 */
export function outcomeCsv(summary: OutcomeSummary, locale: Locale): string {
  const { t, header, rows } = labelledRows(summary, locale);
  const data = rows.map(({ row, labels }) => [labels.section, labels.group, labels.metric, figureText(row.figure, t)]);
  return BOM + Papa.unparse({ fields: header, data }, { newline: "\r\n", escapeFormulae: true });
}

/**
 * The same rows for a program: machine names (section, group, metric, value), money in fen, rates as
 * fractions, days as numbers, an empty value where nothing could be measured.
 */
export function outcomeRawCsv(summary: OutcomeSummary): string {
  const data = reportRows(summary).map((row) => [row.section, rawGroup(row), row.metric, rawValue(row.figure)]);
  return BOM + Papa.unparse({ fields: [...RAW_COLUMNS], data }, { newline: "\r\n", escapeFormulae: true });
}

function rawGroup(row: ReportRow): string {
  switch (row.group.kind) {
    case "none":
      return "";
    case "total":
      return "total";
    case "name":
      return row.group.name;
    case "proposal-kind":
      return row.group.key;
  }
}

/** An Excel cell for a figure: numbers stay numbers, shown with the dashboard's unit by a number format. */
function excelCell(f: Figure, daysFormat: string): { value: number | string; numFmt?: string } {
  if (f.value === null) return { value: DASH };
  switch (f.unit) {
    case "fen":
      return { value: Number(fenToYuanString(f.value)), numFmt: '"¥"#,##0.00;-"¥"#,##0.00' };
    case "rate":
      return { value: f.value, numFmt: "0.0%" };
    case "days":
      return { value: Math.round(f.value * 10) / 10, numFmt: daysFormat };
    case "count":
      return { value: f.value, numFmt: "0" };
    case "day":
      return { value: f.value };
  }
}

/** The readable report as one Excel sheet: yuan, percentages and days are numbers with their format. */
export async function outcomeXlsx(summary: OutcomeSummary, locale: Locale): Promise<Uint8Array<ArrayBuffer>> {
  const { t, header, rows } = labelledRows(summary, locale);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(t("title"));
  sheet.columns = header.map((h, i) => ({ header: h, width: [30, 28, 30, 18][i] }));
  sheet.getRow(1).font = { bold: true };
  const daysFormat = t("report.daysNumberFormat");
  for (const { row, labels } of rows) {
    const added = sheet.addRow([labels.section, labels.group, labels.metric]);
    const cell = excelCell(row.figure, daysFormat);
    const target = added.getCell(4);
    target.value = cell.value;
    if (cell.numFmt) target.numFmt = cell.numFmt;
    if (cell.value === DASH) target.alignment = { horizontal: "right" };
  }
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
