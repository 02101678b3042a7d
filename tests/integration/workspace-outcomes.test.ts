/**
 * Outcome figures against a small hand-computed fixture, built through the API (proposals, answers,
 * agreements, payments); only the sending instants are moved back in time (see sendBackdated).
 *
 * Timeline (T0 = today − 4 months; F = T0 + 20 days, the first instalment of case 1):
 *   case 1, client A, lender L1, debt D1 (owed 1,100,000; contract 1,200,000 at 12 %/yr over 12 months):
 *     P1 interest-free 12 × 85,000 + waiver 50,000 interest + 30,000 penalty; sent T0, accepted T0+10,
 *     agreed T0+10. Payments: 85,000 on R1 (on time), 85,000 on R2 + 5 days (late); R3 unpaid (missed).
 *   case 2, client A, lender L1, debt D2 (owed 600,000; no contract term):
 *     P2 lump sum, sent T0+2, rejected T0+5; P3 waiver, sent T0+6, counter-offer T0+12 (waiver 40,000
 *     penalty + lump sum after the range) accepted by the client, agreed T0+30.
 *   case 3, client B, lender L2, debt D3 (contract 2,400,000 at 0 % over 20 months = 120,000/month):
 *     P4 interest-free 6 × 100,000 (first due after the range); sent T0+1, accepted T0+3, agreed T0+4.
 *   case 4, client B, lender L2: P5 deferral, sent T0+1, documents requested T0+2, rejected T0+8;
 *     P6 waiver sent, never answered.
 * Range: [T0 − 30 days, R3].
 *
 * Hand computation:
 *   answered = P1 acc, P2 rej, P3 counter, P4 acc, P5 rej → 5, accepted 2, rate 0.4
 *   by lender: L1 3/1, L2 2/1. by kind: interest-free-instalments 2/2, lump-sum 1/0, waiver 1/0, deferral 1/0
 *   fen waived: 80,000 + 40,000 + 0 = 120,000 over 3 agreements
 *   monthly reduction: D1 contractual = 1,200,000 × 0.01 × 1.01^12 / (1.01^12 − 1) = 106,618.55 → 106,619;
 *     agreed 85,000 → 21,619. D3: 120,000 − 100,000 = 20,000. D2 not derivable. Total 41,619 over 2.
 *   days to agreement: case 1 10, case 2 (first proposal T0+2 → T0+30) 28, case 3 3 → [3, 10, 28]:
 *     median 10, p90 = 10 + 0.8 × (28 − 10) = 24.4
 *   adherence: R1, R2, R3 due in range → 3 due, 1 on time
 *   per counselor: A answered 3 accepted 1, 2 agreements, 120,000 waived; B answered 2 accepted 1, 1, 0.
 *   lender history L1: 3 sent/answered, 1 accepted; accepted months median [12] = 12; waiver share median of
 *     80,000/1,100,000 and 40,000/600,000; days to first reply: 10, 3, 6 → 6.
 */
import { eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { orgCounters } from "@/db/schema";
import { addMonths } from "@/server/domain/schedule";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { formatFen } from "@/server/domain/money";
import { figureText, rawValue, reportRows } from "@/server/domain/outcome-figures";
import { outcomeCsv, outcomeRawCsv, outcomeXlsx } from "@/server/services/outcome-export";
import type { OutcomeSummary } from "@/server/services/outcomes";
import { codeOf } from "../support/errors";
import { callerFor, createTenant, createUser, type Tenant } from "../support/factories";
import { createDebtRow, createLender, sendBackdated } from "../support/workspace-fixture";

const session = vi.hoisted(() => ({ userId: null as string | null, orgId: null as string | null }));
vi.mock("@/server/auth/session", () => ({
  sessionUserId: async () => session.userId,
  activeOrgId: async () => session.orgId,
}));

const today = todayInShanghai();
const T0 = addMonths(today, -4);
const F = addDays(T0, 20);
const validUntil = addDays(today, 30);

let t: Tenant;
let L1: string;
let L2: string;
let range: { from: string; to: string };
let summary: OutcomeSummary;
let case1: string;
let due3: string;

beforeAll(async () => {
  t = await createTenant();
  L1 = await createLender(t.orgId, "一号银行");
  L2 = await createLender(t.orgId, "二号消费金融");
  const A = t.as.counselorA;
  const B = t.as.counselorB;
  const D1 = await createDebtRow(t.orgId, t.clientA.id, L1, {
    originalPrincipalFen: 1_200_000,
    outstandingPrincipalFen: 1_000_000,
    interestFen: 50_000,
    penaltyFen: 30_000,
    feesFen: 20_000,
    rate: "12",
    termMonths: 12,
  });
  const D2 = await createDebtRow(t.orgId, t.clientA.id, L1, { outstandingPrincipalFen: 500_000, penaltyFen: 40_000, feesFen: 60_000 });
  const D3 = await createDebtRow(t.orgId, t.clientB.id, L2, {
    originalPrincipalFen: 2_400_000,
    outstandingPrincipalFen: 600_000,
    rate: "0",
    termMonths: 20,
  });
  // The fee P6 asks to waive (terms are checked against the debt).
  const D4 = await createDebtRow(t.orgId, t.clientB.id, L2, { feesFen: 1_000 });

  // Case 1.
  const c1 = (await A.case.open({ debtId: D1 })).id;
  const P1 = await sendBackdated(
    A,
    t.orgId,
    c1,
    {
      waiver: { interestFen: 50_000, penaltyFen: 30_000 },
      instalments: { amountFen: 1_020_000, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: F },
    },
    T0,
    validUntil,
  );
  await A.case.recordResponse({ caseId: c1, proposalId: P1, kind: "accepted", receivedOn: addDays(T0, 10), agreedOn: addDays(T0, 10) });
  const schedule = (await A.payment.schedule({ caseId: c1 }))!;
  const [R1, R2, R3] = schedule.rows.map((r) => r.dueDate);
  expect(schedule.rows[0]!.amountFen).toBe(85_000);
  await A.payment.record({ caseId: c1, amountFen: 85_000, paidOn: R1!, method: "bank-transfer", idempotencyKey: "pay-c1-r1" });
  await A.payment.record({ caseId: c1, amountFen: 85_000, paidOn: addDays(R2!, 5), method: "bank-transfer", idempotencyKey: "pay-c1-r2" });
  range = { from: addDays(T0, -30), to: R3! };
  case1 = c1;
  due3 = R3!;

  // Case 2.
  const c2 = (await A.case.open({ debtId: D2 })).id;
  const P2 = await sendBackdated(A, t.orgId, c2, { lumpSum: { amountFen: 450_000, dueDate: validUntil } }, addDays(T0, 2), validUntil);
  await A.case.recordResponse({ caseId: c2, proposalId: P2, kind: "rejected", receivedOn: addDays(T0, 5), reason: "不同意" });
  const P3 = await sendBackdated(A, t.orgId, c2, { waiver: { penaltyFen: 40_000, feesFen: 10_000 } }, addDays(T0, 6), validUntil);
  const counter = await A.case.recordResponse({
    caseId: c2,
    proposalId: P3,
    kind: "counter-offer",
    receivedOn: addDays(T0, 12),
    terms: { waiver: { penaltyFen: 40_000 }, lumpSum: { amountFen: 560_000, dueDate: addDays(range.to, 10) } },
  });
  await A.case.acceptCounterOffer({ caseId: c2, responseId: counter.id, agreedOn: addDays(T0, 30) });

  // Case 3.
  const c3 = (await B.case.open({ debtId: D3 })).id;
  const P4 = await sendBackdated(
    B,
    t.orgId,
    c3,
    {
      instalments: { amountFen: 600_000, method: "interest-free", months: 6, annualRatePct: "0", firstDueDate: addDays(range.to, 1) },
    },
    addDays(T0, 1),
    validUntil,
  );
  await B.case.recordResponse({ caseId: c3, proposalId: P4, kind: "accepted", receivedOn: addDays(T0, 3), agreedOn: addDays(T0, 4) });

  // Case 4.
  const c4 = (await B.case.open({ debtId: D4 })).id;
  const P5 = await sendBackdated(B, t.orgId, c4, { deferral: { months: 3 } }, addDays(T0, 1), validUntil);
  await B.case.recordResponse({
    caseId: c4,
    proposalId: P5,
    kind: "documents-requested",
    receivedOn: addDays(T0, 2),
    documents: ["income-proof"],
  });
  await B.case.recordResponse({ caseId: c4, proposalId: P5, kind: "rejected", receivedOn: addDays(T0, 8), reason: "材料不足" });
  await sendBackdated(B, t.orgId, c4, { waiver: { feesFen: 1_000 } }, addDays(T0, 9), validUntil);

  summary = await t.as.admin.outcomes.summary(range);
});

describe("outcomes.summary on the hand-computed fixture", () => {
  it("acceptance rate in total, by lender and by proposal kind", () => {
    expect(summary.range).toEqual(range);
    expect(summary.acceptance.total).toEqual({ answered: 5, accepted: 2, rate: 0.4 });
    const byLender = Object.fromEntries(summary.acceptance.byLender.map((l) => [l.lenderId, [l.answered, l.accepted, l.rate]]));
    expect(byLender).toEqual({ [L1]: [3, 1, 1 / 3], [L2]: [2, 1, 0.5] });
    const byKind = Object.fromEntries(summary.acceptance.byKind.map((k) => [k.kind, [k.answered, k.accepted]]));
    expect(byKind).toEqual({ "interest-free-instalments": [2, 2], "lump-sum": [1, 0], waiver: [1, 0], deferral: [1, 0] });
  });

  it("relief: fen waived and monthly payment reduction", () => {
    const { byLender, ...total } = summary.relief;
    expect(total).toEqual({ agreements: 3, waivedFen: 120_000, monthlyReductionFen: 41_619, monthlyReductionAgreements: 2 });
    // L1: cases 1 and 2 (80,000 + 40,000 waived; only case 1's reduction, 21,619, is derivable); L2: case 3 (20,000).
    expect(
      Object.fromEntries(
        byLender.map((l) => [l.lenderId, [l.agreements, l.waivedFen, l.monthlyReductionFen, l.monthlyReductionAgreements]]),
      ),
    ).toEqual({
      [L1]: [2, 120_000, 21_619, 1],
      [L2]: [1, 0, 20_000, 1],
    });
  });

  it("time from first proposal to agreement: median and p90", () => {
    expect(summary.timeToAgreement.agreements).toBe(3);
    expect(summary.timeToAgreement.medianDays).toBe(10);
    expect(summary.timeToAgreement.p90Days).toBeCloseTo(24.4, 10);
  });

  it("repayment adherence: on-time share of instalments due in the range", () => {
    expect(summary.adherence).toEqual({ due: 3, onTime: 1, rate: 1 / 3 });
  });

  it("per counselor", () => {
    const byId = Object.fromEntries(summary.perCounselor.map((c) => [c.counselorId, c]));
    expect(byId[t.counselorA.id]).toMatchObject({
      clients: 1,
      openCases: 2,
      answered: 3,
      accepted: 1,
      acceptanceRate: 1 / 3,
      agreements: 2,
      waivedFen: 120_000,
    });
    expect(byId[t.counselorB.id]).toMatchObject({
      clients: 1,
      openCases: 2,
      answered: 2,
      accepted: 1,
      acceptanceRate: 0.5,
      agreements: 1,
      waivedFen: 0,
    });
  });

  it("cases by status at each month's end (events happen today in this fixture)", async () => {
    expect(summary.casesByMonth.every((m) => Object.keys(m.counts).length === 0)).toBe(true);
    const upToToday = await t.as.admin.outcomes.summary({ from: range.from, to: today });
    const last = upToToday.casesByMonth[upToToday.casesByMonth.length - 1]!;
    expect(last.month).toBe(today.slice(0, 7));
    expect(last.counts).toEqual({ repaying: 1, agreed: 2, proposed: 1 });
  });

  it("an empty range has no rates and no percentiles, not zeros", async () => {
    const empty = await t.as.admin.outcomes.summary({ from: "2020-01-01", to: "2020-01-31" });
    expect(empty.acceptance.total).toEqual({ answered: 0, accepted: 0, rate: null });
    expect(empty.timeToAgreement).toEqual({ agreements: 0, medianDays: null, p90Days: null });
    expect(empty.adherence.rate).toBeNull();
  });

  it("defaults to the last 12 months and refuses a reversed range", async () => {
    const d = await t.as.admin.outcomes.summary({});
    expect(d.range.to).toBe(today);
    expect(d.range.from).toBe(addDays(addMonths(today, -12), 1));
    expect(await codeOf(t.as.admin.outcomes.summary({ from: today, to: addDays(today, -1) }))).toBe("BAD_REQUEST");
  });
});

describe("lender history while drafting", () => {
  it("summarises this organization's proposals to one lender", async () => {
    const h = await t.as.counselorA.outcomes.lenderHistory({ lenderId: L1 });
    expect(h).toMatchObject({
      sent: 3,
      answered: 3,
      accepted: 1,
      acceptanceRate: 1 / 3,
      agreements: 2,
      medianAcceptedMonths: 12,
      medianDaysToAnswer: 6,
    });
    expect(h.medianWaiverShare).toBeCloseTo((80_000 / 1_100_000 + 40_000 / 600_000) / 2, 12);
    expect(h.byKind).toEqual([
      { kind: "interest-free-instalments", sent: 1, answered: 1, accepted: 1, rate: 1 },
      { kind: "lump-sum", sent: 1, answered: 1, accepted: 0, rate: 0 },
      { kind: "waiver", sent: 1, answered: 1, accepted: 0, rate: 0 },
    ]);
    const h2 = await t.as.counselorB.outcomes.lenderHistory({ lenderId: L2 });
    // P6 sent and unanswered; P5's first reply (documents requested) came after 1 day, P4's after 2.
    expect(h2).toMatchObject({ sent: 3, answered: 2, accepted: 1, medianDaysToAnswer: 1.5, medianAcceptedMonths: 6 });
  });

  it("is refused to a client and hides another organization's lender", async () => {
    expect(await codeOf(t.as.clientA.outcomes.lenderHistory({ lenderId: L1 }))).toBe("FORBIDDEN");
    const other = await createTenant("Other");
    expect(await codeOf(other.as.counselorA.outcomes.lenderHistory({ lenderId: L1 }))).toBe("NOT_FOUND");
    expect(await codeOf(other.as.admin.outcomes.lenderHistory({ lenderId: L1 }))).toBe("NOT_FOUND");
  });
});

describe("export", () => {
  const rowsOf = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  function csvValue(csv: string, section: string, group: string, metric: string) {
    const row = rowsOf(csv).find((r) => r[0] === section && r[1] === group && r[2] === metric);
    if (!row) throw new Error(`no CSV row ${section}/${group}/${metric}`);
    return row[3];
  }
  async function sheetOf(bytes: Uint8Array) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: Array<{ labels: string[]; value: unknown; numFmt: string | undefined }> = [];
    sheet.eachRow((row) => {
      rows.push({
        labels: [1, 2, 3].map((n) => String(row.getCell(n).value ?? "")),
        value: row.getCell(4).value,
        numFmt: row.getCell(4).numFmt,
      });
    });
    return { name: sheet.name, header: rows[0]!.labels.concat(String(rows[0]!.value)), rows: rows.slice(1) };
  }
  const cell = (rows: Awaited<ReturnType<typeof sheetOf>>["rows"], section: string, group: string, metric: string) => {
    const row = rows.find((r) => r.labels[0] === section && r.labels[1] === group && r.labels[2] === metric);
    if (!row) throw new Error(`no sheet row ${section}/${group}/${metric}`);
    return row;
  };

  it("the raw CSV keeps machine names and fen, for programs", () => {
    const csv = outcomeRawCsv(summary);
    expect(rowsOf(csv)[0]).toEqual(["section", "group", "metric", "value"]);
    expect(Number(csvValue(csv, "acceptance", "total", "answered"))).toBe(summary.acceptance.total.answered);
    expect(Number(csvValue(csv, "acceptance", "total", "rate"))).toBe(summary.acceptance.total.rate);
    expect(csvValue(csv, "relief", "total", "waivedFen")).toBe("120000");
    expect(csvValue(csv, "relief", "total", "monthlyReductionFen")).toBe("41619");
    expect(Number(csvValue(csv, "time-to-agreement", "total", "p90Days"))).toBe(summary.timeToAgreement.p90Days);
    expect(Number(csvValue(csv, "adherence", "total", "onTime"))).toBe(summary.adherence.onTime);
    // Every row of the report is in the CSV with its raw value.
    expect(
      rowsOf(csv)
        .slice(1)
        .map((r) => r[3]),
    ).toEqual(reportRows(summary).map((r) => String(rawValue(r.figure))));
  });

  it("the CSV reads like the dashboard, in Chinese and in English", () => {
    const zh = outcomeCsv(summary, "zh-CN");
    expect(zh.startsWith("\uFEFF")).toBe(true);
    expect(rowsOf(zh)[0]).toEqual(["部分", "分组", "指标", "数值"]);
    // Money in yuan exactly as the screen's formatter writes it.
    expect(csvValue(zh, "为客户争取到的减免", "合计", "减免金额（利息、罚息、费用）")).toBe(formatFen(summary.relief.waivedFen));
    expect(csvValue(zh, "为客户争取到的减免", "合计", "减免金额（利息、罚息、费用）")).toBe("¥1,200.00");
    expect(csvValue(zh, "为客户争取到的减免", "合计", "每月还款减少")).toBe("¥416.19");
    const lenderName = (id: string) => summary.relief.byLender.find((l) => l.lenderId === id)!.lenderName;
    expect(csvValue(zh, "为客户争取到的减免 · 按贷款机构", lenderName(L1), "每月还款减少")).toBe("¥216.19");
    expect(csvValue(zh, "方案接受率", "合计", "接受率")).toBe("40.0%");
    expect(csvValue(zh, "方案接受率 · 按方案类型", "停息分期", "已答复")).toBe("2");
    expect(csvValue(zh, "从第一次提出方案到达成协议", "合计", "中位数")).toBe("10 天");
    expect(csvValue(zh, "从第一次提出方案到达成协议", "合计", "90% 的协议在多少天内达成")).toBe("24.4 天");
    expect(csvValue(zh, "按时还款比例", "合计", "按时还款比例")).toBe("33.3%");
    expect(csvValue(zh, "时间范围", "", "开始日期")).toBe(range.from);
    // No machine name reaches a person.
    expect(zh).not.toMatch(/waivedFen|acceptance-by|time-to-agreement|\bsection\b/);

    const en = outcomeCsv(summary, "en");
    expect(rowsOf(en)[0]).toEqual(["Section", "Group", "Figure", "Value"]);
    expect(csvValue(en, "Relief obtained", "All", "Waived (interest, penalty, fees)")).toBe("¥1,200.00");
    expect(csvValue(en, "From first proposal to agreement", "All", "Median")).toBe("10 days");
    expect(csvValue(en, "From first proposal to agreement", "All", "Days within which 90% of agreements were reached")).toBe("24.4 days");
    expect(csvValue(en, "Acceptance rate · By proposal kind", "Interest-free instalments", "Answered")).toBe("2");
    // Every figure is the one the dashboard shows (same rules, same formatter).
    expect(
      rowsOf(en)
        .slice(1)
        .map((r) => r[3]),
    ).toEqual(
      reportRows(summary).map((r) =>
        figureText(r.figure, (key, values) => (key === "report.days" ? `${values!.days} ${values!.days === 1 ? "day" : "days"}` : key)),
      ),
    );
  });

  it("Excel: the same rows, yuan and rates as numbers with their format, headers in the reader's language", async () => {
    const zh = await sheetOf(await outcomeXlsx(summary, "zh-CN"));
    expect(zh.name).toBe("工作成效");
    expect(zh.header).toEqual(["部分", "分组", "指标", "数值"]);
    expect(zh.rows).toHaveLength(reportRows(summary).length);
    const waived = cell(zh.rows, "为客户争取到的减免", "合计", "减免金额（利息、罚息、费用）");
    expect(waived.value).toBe(1200);
    expect(waived.numFmt).toContain('"¥"#,##0.00');
    expect(cell(zh.rows, "为客户争取到的减免", "合计", "每月还款减少").value).toBe(416.19);
    const rate = cell(zh.rows, "方案接受率", "合计", "接受率");
    expect(rate).toMatchObject({ value: 0.4, numFmt: "0.0%" });
    const p90 = cell(zh.rows, "从第一次提出方案到达成协议", "合计", "90% 的协议在多少天内达成");
    expect(p90.value).toBe(24.4);
    expect(p90.numFmt).toContain("天");

    const en = await sheetOf(await outcomeXlsx(summary, "en"));
    expect(en.name).toBe("Outcomes");
    expect(en.header).toEqual(["Section", "Group", "Figure", "Value"]);
    const l2 = summary.relief.byLender.find((l) => l.lenderId === L2)!.lenderName;
    expect(cell(en.rows, "Relief obtained · By lender", l2, "Monthly payment reduction").value).toBe(200);
    expect(cell(en.rows, "From first proposal to agreement", "All", "Median").numFmt).toContain("days");
  });

  it("nothing measured reads —, in the CSV and in Excel; the raw CSV leaves it empty", async () => {
    const empty = await t.as.admin.outcomes.summary({ from: "2020-01-01", to: "2020-01-31" });
    const zh = outcomeCsv(empty, "zh-CN");
    expect(csvValue(zh, "为客户争取到的减免", "合计", "减免金额（利息、罚息、费用）")).toBe("—");
    expect(csvValue(zh, "为客户争取到的减免", "合计", "每月还款减少")).toBe("—");
    expect(csvValue(zh, "为客户争取到的减免", "合计", "协议数")).toBe("0");
    expect(csvValue(zh, "从第一次提出方案到达成协议", "合计", "中位数")).toBe("—");
    expect(csvValue(zh, "方案接受率", "合计", "接受率")).toBe("—");
    const sheet = await sheetOf(await outcomeXlsx(empty, "en"));
    expect(cell(sheet.rows, "Relief obtained", "All", "Monthly payment reduction").value).toBe("—");
    const raw = outcomeRawCsv(empty);
    expect(csvValue(raw, "relief", "total", "monthlyReductionFen")).toBe("");
    expect(csvValue(raw, "time-to-agreement", "total", "medianDays")).toBe("");
    expect(csvValue(raw, "relief", "total", "agreements")).toBe("0");
  });

  it("the download route: admin gets the file in the language of the request, others are refused", async () => {
    const { GET } = await import("@/app/api/outcomes/export/route");
    const url = `http://localhost/api/outcomes/export?from=${range.from}&to=${range.to}`;
    session.userId = t.admin.id;
    session.orgId = t.orgId;
    const res = await GET(new Request(url));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain(`outcomes-${range.from}-${range.to}.csv`);
    const csv = await res.text();
    expect(rowsOf(csv)[0]).toEqual(["部分", "分组", "指标", "数值"]);
    expect(csvValue(csv, "为客户争取到的减免", "合计", "减免金额（利息、罚息、费用）")).toBe("¥1,200.00");
    expect(csvValue(csv, "按时还款比例", "合计", "到期的分期")).toBe("3");
    const english = await GET(new Request(url, { headers: { cookie: "NEXT_LOCALE=en" } }));
    expect(rowsOf(await english.text())[0]).toEqual(["Section", "Group", "Figure", "Value"]);
    const raw = await GET(new Request(`${url}&format=csv-raw`, { headers: { cookie: "NEXT_LOCALE=en" } }));
    expect(raw.headers.get("content-disposition")).toContain("-raw.csv");
    const rawCsv = await raw.text();
    expect(Number(csvValue(rawCsv, "relief", "total", "waivedFen"))).toBe(120_000);
    const xlsx = await GET(new Request(`${url}&format=xlsx`, { headers: { cookie: "NEXT_LOCALE=en" } }));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect((await sheetOf(new Uint8Array(await xlsx.arrayBuffer()))).header).toEqual(["Section", "Group", "Figure", "Value"]);
    const bad = await GET(new Request(`${url}&format=pdf`));
    expect(bad.status).toBe(400);

    session.userId = t.counselorA.id;
    expect((await GET(new Request(url))).status).toBe(403);
    session.userId = t.clientUserA.id;
    expect((await GET(new Request(url))).status).toBe(403);
    session.userId = null;
    expect((await GET(new Request(url))).status).toBe(401);
    // An admin of another organization gets their own (empty) figures, never these.
    const other = await createTenant("Other export");
    session.userId = other.admin.id;
    const theirs = await (await GET(new Request(`${url}&format=csv-raw`))).text();
    expect(csvValue(theirs, "relief", "total", "agreements")).toBe("0");
    expect(csvValue(theirs, "relief", "total", "waivedFen")).toBe("");
    // A person with no membership at all.
    const stranger = await createUser("Stranger");
    session.userId = stranger.id;
    expect((await GET(new Request(url))).status).toBe(404);
    expect(await codeOf(callerFor(stranger.id, t.orgId).outcomes.summary({}))).toBe("NOT_FOUND");
  });
});

// Last in the file: it records a payment, which changes the figures the blocks above check.
describe("the summary stays correct right after a write", () => {
  const outcomeSeq = async () => {
    // The organization's sequences: the sums over its audit chains (services/audit.ts).
    const db = await getDb();
    const [row] = await db
      .select({ seq: sql<string>`sum(${orgCounters.outcomeSeq})::text`, audit: sql<string>`sum(${orgCounters.auditSeq})::text` })
      .from(orgCounters)
      .where(eq(orgCounters.orgId, t.orgId));
    return { seq: Number(row!.seq), audit: Number(row!.audit) };
  };

  it("a contact-log entry keeps the stored summary (it changes no figure); a change of members does not", async () => {
    const before = await outcomeSeq();
    await t.as.counselorA.contact.append({
      caseId: case1,
      at: new Date(),
      channel: "phone",
      direction: "outbound",
      party: "lender-staff",
      summary: "问了减免进度",
    });
    const afterContact = await outcomeSeq();
    expect(afterContact.audit).toBe(before.audit + 1);
    expect(afterContact.seq).toBe(before.seq);
    // Members feed the per-counselor figures: setting a role (here to the one it has) counts as such a write.
    await t.as.admin.org.setMemberRole({ userId: t.counselorB.id, role: "counselor" });
    expect((await outcomeSeq()).seq).toBe(before.seq + 1);
  });

  it("a payment is in the very next summary (no stale figures from a stored one)", async () => {
    const first = await t.as.admin.outcomes.summary(range);
    expect(await t.as.admin.outcomes.summary(range)).toEqual(first);
    expect(first.adherence).toEqual({ due: 3, onTime: 1, rate: 1 / 3 });
    // The third instalment, paid on its due date: on time.
    await t.as.counselorA.payment.record({
      caseId: case1,
      amountFen: 85_000,
      paidOn: due3,
      method: "bank-transfer",
      idempotencyKey: "pay-c1-r3",
    });
    const after = await t.as.admin.outcomes.summary(range);
    expect(after.adherence).toEqual({ due: 3, onTime: 2, rate: 2 / 3 });
    // What is owed now is lower by exactly the payment (server/domain/balance.ts); nothing else moved.
    expect(after.balances.owedFen).toBe(first.balances.owedFen - 85_000);
    expect({ ...after, adherence: first.adherence, balances: first.balances }).toEqual(first);
  });
});
