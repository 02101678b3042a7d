import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createTenant } from "../support/factories";

const HEADER = [
  "贷款机构",
  "合同编号",
  "借款日期",
  "实际到手金额",
  "原始本金",
  "剩余本金",
  "利息",
  "罚息",
  "费用违约金",
  "合同利率",
  "利率单位",
  "逾期开始日期",
  "是否上征信",
  "催收状态",
];

async function workbook(rows: Array<Array<string | number>>): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("debts");
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer()).toString("base64");
}

describe("importing debts from an Excel workbook", () => {
  it("reads the template's columns from .xlsx, reports row errors before saving, and saves all rows at once", async () => {
    const t = await createTenant();
    const bad = await workbook([["不存在的平台", "X1", "2024-01-01", 1000, 1000, 1000, 0, 0, 0, "0.05", "日", "2025-06-01", "是", "委外"]]);
    const checked = await t.as.counselorA.debt.import({ clientId: t.clientA.id, fileName: "debts.xlsx", contentBase64: bad, commit: true });
    expect(checked.ok).toBe(false);
    expect((await t.as.counselorA.debt.list({ clientId: t.clientA.id })).debts).toHaveLength(0);

    const good = await workbook([
      ["招商银行", "E1", "2024-01-01", 10000, 10000, "8000.50", 100, 20, 0, "0.05", "日", "2025-06-01", "是", "委外"],
      ["马上消费金融", "E2", "", "", 3000, 3000, 0, 0, 0, "1.5", "月", "", "不清楚", "自催"],
    ]);
    const saved = await t.as.counselorA.debt.import({ clientId: t.clientA.id, fileName: "debts.xlsx", contentBase64: good, commit: true });
    expect(saved.saved).toBe(2);
    const { debts } = await t.as.counselorA.debt.list({ clientId: t.clientA.id });
    expect(debts.map((d) => [d.contractNumber, d.outstandingPrincipalFen, d.annualRatePct]).sort()).toEqual([
      ["E1", 800_050, "18"],
      ["E2", 300_000, "18"],
    ]);
  });
});
