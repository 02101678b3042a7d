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
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { organizations } from "@/db/schema";
import { addMonths } from "@/server/domain/schedule";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { outcomeCsv, outcomeXlsx } from "@/server/services/outcome-export";
import { outcomeRows, type OutcomeSummary } from "@/server/services/outcomes";
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
  const D3 = await createDebtRow(t.orgId, t.clientB.id, L2, { originalPrincipalFen: 2_400_000, outstandingPrincipalFen: 600_000, rate: "0", termMonths: 20 });
  const D4 = await createDebtRow(t.orgId, t.clientB.id, L2);

  // Case 1.
  const c1 = (await A.case.open({ debtId: D1 })).id;
  const P1 = await sendBackdated(A, t.orgId, c1, {
    waiver: { interestFen: 50_000, penaltyFen: 30_000 },
    instalments: { amountFen: 1_020_000, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: F },
  }, T0, validUntil);
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
  const P4 = await sendBackdated(B, t.orgId, c3, {
    instalments: { amountFen: 600_000, method: "interest-free", months: 6, annualRatePct: "0", firstDueDate: addDays(range.to, 1) },
  }, addDays(T0, 1), validUntil);
  await B.case.recordResponse({ caseId: c3, proposalId: P4, kind: "accepted", receivedOn: addDays(T0, 3), agreedOn: addDays(T0, 4) });

  // Case 4.
  const c4 = (await B.case.open({ debtId: D4 })).id;
  const P5 = await sendBackdated(B, t.orgId, c4, { deferral: { months: 3 } }, addDays(T0, 1), validUntil);
  await B.case.recordResponse({ caseId: c4, proposalId: P5, kind: "documents-requested", receivedOn: addDays(T0, 2), documents: ["income-proof"] });
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
    expect(Object.fromEntries(byLender.map((l) => [l.lenderId, [l.agreements, l.waivedFen, l.monthlyReductionFen]]))).toEqual({
      [L1]: [2, 120_000, 21_619],
      [L2]: [1, 0, 20_000],
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
    expect(byId[t.counselorA.id]).toMatchObject({ clients: 1, openCases: 2, answered: 3, accepted: 1, acceptanceRate: 1 / 3, agreements: 2, waivedFen: 120_000 });
    expect(byId[t.counselorB.id]).toMatchObject({ clients: 1, openCases: 2, answered: 2, accepted: 1, acceptanceRate: 0.5, agreements: 1, waivedFen: 0 });
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
    expect(h).toMatchObject({ sent: 3, answered: 3, accepted: 1, acceptanceRate: 1 / 3, agreements: 2, medianAcceptedMonths: 12, medianDaysToAnswer: 6 });
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
  function csvValue(csv: string, section: string, group: string, metric: string) {
    const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
    const row = parsed.data.find((r) => r[0] === section && r[1] === group && r[2] === metric);
    if (!row) throw new Error(`no CSV row ${section}/${group}/${metric}`);
    return row[3];
  }

  it("CSV totals equal the summary", () => {
    const csv = outcomeCsv(summary);
    expect(Number(csvValue(csv, "acceptance", "total", "answered"))).toBe(summary.acceptance.total.answered);
    expect(Number(csvValue(csv, "acceptance", "total", "rate"))).toBe(summary.acceptance.total.rate);
    expect(Number(csvValue(csv, "relief", "total", "waivedFen"))).toBe(summary.relief.waivedFen);
    expect(Number(csvValue(csv, "relief", "total", "monthlyReductionFen"))).toBe(summary.relief.monthlyReductionFen);
    expect(Number(csvValue(csv, "time-to-agreement", "total", "p90Days"))).toBe(summary.timeToAgreement.p90Days);
    expect(Number(csvValue(csv, "adherence", "total", "onTime"))).toBe(summary.adherence.onTime);
    // Every row of the table is in the CSV with the same value.
    const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data.slice(1);
    expect(parsed.map((r) => r[3])).toEqual(outcomeRows(summary).map((r) => (r.value === null ? "" : String(r.value))));
  });

  it("Excel holds the same rows", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await outcomeXlsx(summary)).buffer as ArrayBuffer);
    const sheet = book.getWorksheet("outcomes")!;
    const values: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) values.push(row.getCell(4).value);
    });
    expect(values).toEqual(outcomeRows(summary).map((r) => r.value ?? ""));
  });

  it("the download route: admin gets the CSV of the summary, others are refused", async () => {
    const { GET } = await import("@/app/api/outcomes/export/route");
    const url = `http://localhost/api/outcomes/export?from=${range.from}&to=${range.to}`;
    session.userId = t.admin.id;
    session.orgId = t.orgId;
    const res = await GET(new Request(url));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const csv = await res.text();
    expect(Number(csvValue(csv, "relief", "total", "waivedFen"))).toBe(120_000);
    expect(Number(csvValue(csv, "adherence", "total", "due"))).toBe(3);
    const xlsx = await GET(new Request(`${url}&format=xlsx`));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");

    session.userId = t.counselorA.id;
    expect((await GET(new Request(url))).status).toBe(403);
    session.userId = t.clientUserA.id;
    expect((await GET(new Request(url))).status).toBe(403);
    session.userId = null;
    expect((await GET(new Request(url))).status).toBe(401);
    // An admin of another organization gets their own (empty) figures, never these.
    const other = await createTenant("Other export");
    session.userId = other.admin.id;
    const theirs = await (await GET(new Request(url))).text();
    expect(Number(csvValue(theirs, "relief", "total", "waivedFen"))).toBe(0);
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
    const db = await getDb();
    const [row] = await db.select({ seq: organizations.outcomeSeq, audit: organizations.auditSeq }).from(organizations).where(eq(organizations.id, t.orgId));
    return row!;
  };

  it("a contact-log entry keeps the stored summary (it changes no figure); a change of members does not", async () => {
    const before = await outcomeSeq();
    await t.as.counselorA.contact.append({ caseId: case1, at: new Date(), channel: "phone", direction: "outbound", party: "lender-staff", summary: "问了减免进度" });
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
    await t.as.counselorA.payment.record({ caseId: case1, amountFen: 85_000, paidOn: due3, method: "bank-transfer", idempotencyKey: "pay-c1-r3" });
    const after = await t.as.admin.outcomes.summary(range);
    expect(after.adherence).toEqual({ due: 3, onTime: 2, rate: 2 / 3 });
    // What is owed now is lower by exactly the payment (server/domain/balance.ts); nothing else moved.
    expect(after.balances.owedFen).toBe(first.balances.owedFen - 85_000);
    expect({ ...after, adherence: first.adherence, balances: first.balances }).toEqual(first);
  });
});
