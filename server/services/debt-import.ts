import ExcelJS from "exceljs";
import Papa from "papaparse";
import { z } from "zod";
import { and, eq, isNull } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { lenders } from "@/db/schema";
import { parseYuan } from "@/server/domain/money";
import { AppError } from "@/server/errors";
import { ZDebtFields, type DebtFields } from "@/server/schemas/assessment";
import { zId, zRequiredLine } from "@/server/schemas/common";
import { assertClientAccess, type Actor } from "./access";
import { insertDebt } from "./debts";
import { ensureBuiltinLenders } from "./lenders";
import { markPlanNeedsReview } from "./plan-review";

/**
 * Import of a client's debts from a CSV or Excel sheet (first sheet), one debt per row. The header row
 * names the columns, in Chinese (the template's) or by the field names. Every row is checked first; if any
 * row has a problem nothing is saved and each row's problems are returned.
 */
export const IMPORT_COLUMNS = [
  ["lender", "贷款机构"],
  ["contractNumber", "合同编号"],
  ["loanDate", "借款日期"],
  ["received", "实际到手金额"],
  ["originalPrincipal", "原始本金"],
  ["outstandingPrincipal", "剩余本金"],
  ["interest", "利息"],
  ["penalty", "罚息"],
  ["fees", "费用违约金"],
  ["rate", "合同利率"],
  ["rateUnit", "利率单位"],
  ["overdueSince", "逾期开始日期"],
  ["creditReported", "是否上征信"],
  ["collectionStatus", "催收状态"],
] as const;

export const MAX_IMPORT_BYTES = 1_000_000;
export const MAX_IMPORT_ROWS = 200;

const UNIT_WORDS: Record<string, string> = {
  年: "annual",
  年利率: "annual",
  月: "monthly",
  月利率: "monthly",
  日: "daily",
  日利率: "daily",
};
const YES_NO: Record<string, string> = { 是: "yes", 否: "no", 不清楚: "unknown", 未知: "unknown" };
const COLLECTION_WORDS: Record<string, string> = {
  无: "none",
  自催: "in-house",
  机构自催: "in-house",
  委外: "outsourced",
  委外催收: "outsourced",
  律师函: "legal-letter",
  诉讼: "lawsuit",
  已起诉: "lawsuit",
  其他: "other",
};

export const ZImportInput = z.strictObject({
  clientId: zId,
  fileName: zRequiredLine(200),
  /** The file's bytes, base64. */
  contentBase64: z
    .string()
    .max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: "importUnreadable" }),
  commit: z.boolean(),
});
export type ImportInput = z.infer<typeof ZImportInput>;

type Raw = Record<string, string>;

function normaliseHeader(h: string): string | null {
  const s = h.trim();
  for (const [key, zh] of IMPORT_COLUMNS) if (s === key || s === zh) return key;
  return null;
}

async function readRows(input: ImportInput): Promise<Raw[]> {
  const bytes = Buffer.from(input.contentBase64, "base64");
  if (bytes.length > MAX_IMPORT_BYTES) throw new AppError("TOO_LARGE");
  const name = input.fileName.toLowerCase();
  let table: string[][];
  if (name.endsWith(".xlsx")) {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new AppError("UNSUPPORTED", { messageKey: "importUnreadable" });
    }
    const sheet = book.worksheets[0];
    table = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= IMPORT_COLUMNS.length + 5; c += 1) {
        const v = row.getCell(c).value;
        cells.push(
          v === null || v === undefined
            ? ""
            : v instanceof Date
              ? v.toISOString().slice(0, 10)
              : typeof v === "object" && "text" in v
                ? String((v as { text: unknown }).text)
                : typeof v === "object" && "result" in v
                  ? String((v as { result: unknown }).result ?? "")
                  : String(v),
        );
      }
      table.push(cells);
    });
  } else if (name.endsWith(".csv") || name.endsWith(".txt")) {
    const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
    table = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" }).data;
  } else {
    throw new AppError("UNSUPPORTED", { messageKey: "importUnsupported" });
  }
  const [header, ...body] = table;
  if (!header) return [];
  const keys = header.map((h) => normaliseHeader(String(h ?? "")));
  if (!keys.includes("lender")) throw new AppError("INVALID_INPUT", { messageKey: "importNoHeader", fields: { file: ["importNoHeader"] } });
  if (body.length > MAX_IMPORT_ROWS) throw new AppError("TOO_LARGE");
  return body.map((cells) => {
    const raw: Raw = {};
    keys.forEach((k, i) => {
      if (k) raw[k] = String(cells[i] ?? "").trim();
    });
    return raw;
  });
}

export type ImportRowResult = { row: number; lender: string; fields: Record<string, string[]> };

/**
 * Checks (commit = false) or saves (commit = true) the rows. Row numbers count the header as row 1, as a
 * spreadsheet shows them.
 */
export async function importDebts(actor: Actor, input: ImportInput) {
  const rows = await readRows(input);
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, input.clientId);
    await ensureBuiltinLenders(tx, actor.orgId);
    const lenderRows = await tx
      .select({ id: lenders.id, name: lenders.name, legalName: lenders.legalName })
      .from(lenders)
      .where(and(eq(lenders.orgId, actor.orgId), isNull(lenders.archivedAt)));
    const results: ImportRowResult[] = [];
    const valid: Array<{ data: DebtFields; result: ImportRowResult }> = [];
    for (const [index, raw] of rows.entries()) {
      const fields: Record<string, string[]> = {};
      const add = (f: string, k: string) => (fields[f] ??= []).push(k);
      const money = (key: string, required: boolean): number | undefined => {
        const text = (raw[key] ?? "").replace(/[,，\s¥￥]/g, "");
        if (text === "") {
          if (required) add(key, "required");
          return required ? 0 : undefined;
        }
        try {
          return parseYuan(text);
        } catch {
          add(key, "badAmount");
          return 0;
        }
      };
      const lender = lenderRows.find((l) => l.name === raw.lender || (l.legalName && l.legalName === raw.lender));
      if (!lender) add("lender", "unknownLender");
      const candidate = {
        lenderId: lender?.id ?? "00000000-0000-4000-8000-000000000000",
        contractNumber: raw.contractNumber || undefined,
        loanDate: raw.loanDate || undefined,
        receivedFen: money("received", false),
        originalPrincipalFen: money("originalPrincipal", true) ?? 0,
        outstandingPrincipalFen: money("outstandingPrincipal", true) ?? 0,
        interestFen: money("interest", false) ?? 0,
        penaltyFen: money("penalty", false) ?? 0,
        feesFen: money("fees", false) ?? 0,
        rateValue: raw.rate ?? "",
        rateUnit: UNIT_WORDS[raw.rateUnit ?? ""] ?? (raw.rateUnit || "annual"),
        overdueSince: raw.overdueSince || undefined,
        creditReported: YES_NO[raw.creditReported ?? ""] ?? (raw.creditReported || "unknown"),
        collectionStatus: COLLECTION_WORDS[raw.collectionStatus ?? ""] ?? (raw.collectionStatus || "none"),
        cashFlows: [],
      };
      const parsed = ZDebtFields.safeParse(candidate);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          add(String(issue.path[0] ?? "_"), issue.message && !issue.message.includes(" ") ? issue.message : issue.code);
      }
      const result = { row: index + 2, lender: raw.lender ?? "", fields };
      results.push(result);
      if (parsed.success && Object.keys(fields).length === 0) valid.push({ data: parsed.data, result });
    }
    // The rules zod cannot see (dates in the future, rate range) run in a savepoint per row that is always
    // rolled back, so the check never leaves anything behind.
    for (const { data, result } of valid) {
      try {
        await tx.transaction(async (sp) => {
          await insertDebt(sp, actor, input.clientId, data);
          throw new RollbackProbe();
        });
      } catch (err) {
        if (err instanceof RollbackProbe) continue;
        if (err instanceof AppError && err.fields) Object.assign(result.fields, err.fields);
        else throw err;
      }
    }
    const failed = results.filter((r) => Object.keys(r.fields).length > 0);
    if (!input.commit || failed.length > 0 || results.length === 0) {
      return { saved: 0, rows: results, ok: failed.length === 0 && results.length > 0 };
    }
    for (const { data } of valid) await insertDebt(tx, actor, input.clientId, data);
    await markPlanNeedsReview(tx, actor.orgId, input.clientId, "debt-changed");
    return { saved: valid.length, rows: results, ok: true };
  });
}

class RollbackProbe extends Error {}
