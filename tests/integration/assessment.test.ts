import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, withTenant } from "@/db/client";
import { auditLog, budgets, clients, debts, plans, planVersions } from "@/db/schema";
import { addDays, todayInShanghai } from "@/server/domain/time";
import type { CreateDebtInput } from "@/server/schemas/assessment";
import { verifyAuditChain } from "@/server/services/audit";
import { createTenant, type Tenant } from "../support/factories";
import { codeOf, fieldsOf } from "../support/errors";

async function lenderId(t: Tenant, name: string) {
  const list = await t.as.counselorA.lender.list();
  const found = list.find((l) => l.name === name);
  if (!found) throw new Error(`no lender ${name}`);
  return found.id;
}

async function countDebts(orgId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(debts)
    .where(eq(debts.orgId, orgId));
  return row?.n ?? 0;
}

function debtInput(clientId: string, lender: string, over: Partial<CreateDebtInput> = {}): CreateDebtInput {
  return {
    clientId,
    lenderId: lender,
    originalPrincipalFen: 1_000_000,
    outstandingPrincipalFen: 1_000_000,
    interestFen: 20_000,
    penaltyFen: 5_000,
    feesFen: 3_000,
    rateValue: "0.05",
    rateUnit: "daily",
    creditReported: "unknown",
    collectionStatus: "none",
    cashFlows: [],
    ...over,
  };
}

describe("assessment: intake → budget → debts → plan", () => {
  it("runs end to end with exact figures, and a budget or debt change flags the plan for review", async () => {
    const t = await createTenant();
    const c = t.as.counselorA;

    // Intake: national ID and phone are encrypted, the ID is shown masked.
    const { id: clientId } = await c.client.create({
      fullName: "王芳",
      phone: "138 0013 8000",
      nationalId: "11010119850101123x",
      city: "北京",
      householdSize: 3,
      dependents: 1,
      employment: "employed",
      hardshipReason: "illness",
      hardshipNarrative: "住院后收入中断",
      consent: true,
    });
    const client = await c.client.get({ id: clientId });
    expect(client.nationalIdMasked).toBe("110101********123X");
    expect(client.phone).toBe("13800138000");
    expect(client.assignedCounselorId).toBe(t.counselorA.id);
    expect(client.consentAt).toBeInstanceOf(Date);
    expect(JSON.stringify(client)).not.toContain("11010119850101123X");
    const db = await getDb();
    const [stored] = await db
      .select({ enc: clients.nationalIdEnc, phoneEnc: clients.phoneEnc })
      .from(clients)
      .where(and(eq(clients.orgId, t.orgId), eq(clients.id, clientId)));
    expect(stored?.enc).toBeTruthy();
    expect(stored?.enc).not.toContain("110101");
    expect(stored?.phoneEnc).not.toContain("13800138000");
    expect((await c.client.revealNationalId({ id: clientId })).nationalId).toBe("11010119850101123X");
    expect((await c.client.list({ search: "13800138000" })).map((r) => r.id)).toEqual([clientId]);
    // The intake is not consented → refused.
    expect(Object.keys(await fieldsOf(c.client.create({ fullName: "X", consent: false as unknown as true })))).toContain("consent");

    // Budget: 8,000.00 income − 5,000.00 expenses = 3,000.00; 10 % buffer → 2,700.00 affordable.
    const saved = await c.budget.save({
      clientId,
      effectiveDate: "2026-01-01",
      incomes: [{ kind: "salary", monthlyFen: 800_000 }],
      expenses: [
        { category: "housing", monthlyFen: 300_000 },
        { category: "food", monthlyFen: 200_000 },
      ],
      dependents: 1,
    });
    expect(saved.summary).toEqual({
      incomeFen: 800_000,
      expenseFen: 500_000,
      disposableFen: 300_000,
      bufferFen: 30_000,
      affordableFen: 270_000,
    });
    expect((await c.budget.current({ clientId }))?.summary.affordableFen).toBe(270_000);

    // Lenders: the built-in directory, real names, licence types, no invented phone numbers.
    const lenders = await c.lender.list();
    expect(lenders.find((l) => l.name === "招商银行")?.licenceType).toBe("bank");
    expect(lenders.find((l) => l.name === "马上消费金融")?.licenceType).toBe("consumer-finance");
    expect(lenders.every((l) => l.hotline === null)).toBe(true);

    // Debts: a daily quoted rate is stored as quoted and shown as annual (0.05 %/day × 360 = 18 %).
    const cmb = await lenderId(t, "招商银行");
    const ms = await lenderId(t, "马上消费金融");
    const jd = await lenderId(t, "京东金条");
    const overdueSince = addDays(todayInShanghai(), -30);
    const d1 = await c.debt.create(
      debtInput(clientId, ms, {
        overdueSince,
        penaltyRateValue: "0.075",
        penaltyRateUnit: "daily",
        loanDate: "2024-01-01",
        cashFlows: [
          { date: "2024-01-01", amountFen: 1_000_000, direction: "disbursement" },
          { date: "2025-01-01", amountFen: 1_360_000, direction: "repayment" },
        ],
      }),
    );
    await c.debt.create(
      debtInput(clientId, cmb, {
        originalPrincipalFen: 5_000_000,
        outstandingPrincipalFen: 4_000_000,
        interestFen: 120_000,
        penaltyFen: 0,
        feesFen: 0,
        rateValue: "1.5",
        rateUnit: "monthly",
      }),
    );
    await c.debt.create(debtInput(clientId, jd, { rateValue: "14.6", rateUnit: "annual", interestFen: 0, penaltyFen: 0, feesFen: 0 }));

    const { debts: list, totals } = await c.debt.list({ clientId });
    expect(list).toHaveLength(3);
    const first = list.find((d) => d.id === d1.id)!;
    expect(first.rateValue).toBe("0.05");
    expect(first.rateUnit).toBe("daily");
    expect(first.annualRatePct).toBe("18");
    expect(first.balanceFen).toBe(1_028_000);
    expect(first.overdueDays).toBe(30);
    // 1,000,000 fen × 18 % / 360 = 500 fen a day; penalty 27 % / 360 = 750 fen a day.
    expect(first.dailyGrowth).toEqual({ contractFen: 500, penaltyFen: 750, totalFen: 1250 });
    // Repaying 13,600.00 a year after receiving 10,000.00 (366 days) ≈ 35.8 %. A consumer-finance loan of
    // 2024-01-01 is compared with the lines in force for its type that day (server/domain/rules): above the
    // 24 % financial-loan line, not the 36 % cash-loan line; the private-lending 4 × LPR does not apply to it.
    expect(first.irrPct).toBeGreaterThan(35.5);
    expect(first.irrPct).toBeLessThan(36);
    expect(first.rateLines.map((l) => l.ruleId)).toEqual(["rate.financial-loan-24", "rate.cash-loan-36"]);
    expect(first.irrLines).toEqual(["rate.financial-loan-24"]);
    expect(list.find((d) => d.lenderName === "招商银行")?.annualRatePct).toBe("18");
    expect(totals.balanceFen).toBe(1_028_000 + 4_120_000 + 1_000_000);
    expect(totals.principalFen).toBe(6_000_000);
    expect(totals.overdueCount).toBe(1);

    // Plan: two scenarios side by side, nothing saved.
    const ids = list.map((d) => d.id);
    const scenarioA = {
      name: "A",
      startDate: "2026-03-01",
      strategy: "pro-rata" as const,
      roomUse: "buffer" as const,
      lines: ids.map((debtId) => ({
        debtId,
        arrangement: { waivePenalty: true, waiveFees: true, instalment: { method: "interest-free" as const, months: 60 } },
      })),
    };
    const scenarioB = {
      name: "B",
      startDate: "2026-03-01",
      strategy: "avalanche" as const,
      lines: ids.map((debtId) => ({ debtId, arrangement: { instalment: { method: "interest-free" as const, months: 12 } } })),
    };
    const evaluated = await c.plan.evaluate({ clientId, scenarios: [scenarioA, scenarioB] });
    expect(evaluated.affordableFen).toBe(270_000);
    const [a, b] = evaluated.scenarios;
    if (!a?.ok || !b?.ok) throw new Error("scenarios should evaluate");
    expect(a.evaluation.reliefFen).toBe(5_000 + 3_000);
    expect(a.evaluation.totalPaidFen).toBe(totals.balanceFen - 8_000);
    expect(a.evaluation.monthsToDebtFree).toBe(60);
    expect(a.evaluation.feasible).toBe(true);
    expect(b.evaluation.monthsToDebtFree).toBe(12);
    expect(b.evaluation.feasible).toBe(false);
    expect(b.evaluation.reasons[0]?.code).toBe("over-affordable");
    // Kept as a buffer: only the 60 instalments are paid, and what is left each month is the room.
    expect(a.evaluation.roomFen).toBe(270_000 - a.evaluation.monthlyTotalFen);
    expect(a.evaluation.strategyEffect).toEqual({ matters: false, reason: "kept-as-buffer" });
    expect(a.evaluation.lines.map((l) => l.debtId).sort()).toEqual([...ids].sort());
    expect(await db.select().from(plans).where(eq(plans.orgId, t.orgId))).toHaveLength(0);

    const plan = await c.plan.save({ clientId, expectedVersion: 0, scenarios: [scenarioA, scenarioB], chosenScenario: 0 });
    expect(plan.version).toBe(1);
    const got = await c.plan.get({ clientId });
    expect(got?.needsReview).toBe(false);
    expect(got?.evaluation?.totalPaidFen).toBe(a.evaluation.totalPaidFen);
    expect(got?.scenarios).toHaveLength(2);

    // A budget change flags the plan; a new save clears it; a debt change flags it again.
    await c.budget.save({
      clientId,
      effectiveDate: "2026-02-01",
      incomes: [{ kind: "salary", monthlyFen: 900_000 }],
      expenses: [],
      dependents: 1,
    });
    expect((await c.plan.get({ clientId }))?.needsReviewReason).toBe("budget-changed");
    expect((await c.budget.history({ clientId })).map((h) => h.effectiveDate)).toEqual(["2026-02-01", "2026-01-01"]);
    await c.plan.save({ clientId, expectedVersion: 1, scenarios: [scenarioA], chosenScenario: 0 });
    expect((await c.plan.get({ clientId }))?.needsReview).toBe(false);
    const { clientId: _omit, ...changed } = debtInput(clientId, ms, { interestFen: 0 });
    await c.debt.update({ ...changed, id: d1.id, version: 1 });
    const flagged = await c.plan.get({ clientId });
    expect(flagged?.needsReview).toBe(true);
    expect(flagged?.needsReviewReason).toBe("debt-changed");
    expect(await db.select().from(planVersions).where(eq(planVersions.orgId, t.orgId))).toHaveLength(2);

    // Every step is in the audit chain, which still verifies.
    const actions = (await db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.orgId, t.orgId))).map((r) => r.a);
    for (const action of ["client.create", "client.revealNationalId", "budget.save", "debt.create", "debt.update", "plan.save"]) {
      expect(actions).toContain(action);
    }
    expect((await withTenant({ orgId: t.orgId }, (tx) => verifyAuditChain(tx, t.orgId))).ok).toBe(true);
  });

  it("keeps budgets append-only for the app role", async () => {
    const t = await createTenant();
    await t.as.counselorA.budget.save({ clientId: t.clientA.id, effectiveDate: "2026-01-01", incomes: [], expenses: [], dependents: 0 });
    await expect(
      withTenant({ orgId: t.orgId }, (tx) => tx.update(budgets).set({ dependents: 5 }).where(eq(budgets.orgId, t.orgId))),
    ).rejects.toThrow();
  });
});

describe("assessment: concurrent edits", () => {
  it("a plan save from a stale version gets CONFLICT and changes nothing", async () => {
    const t = await createTenant();
    const clientId = t.clientA.id;
    const lender = await lenderId(t, "招联消费金融");
    const debt = await t.as.counselorA.debt.create(debtInput(clientId, lender));
    const scenario = (name: string, months: number) => ({
      name,
      startDate: "2026-03-01",
      strategy: "pro-rata" as const,
      lines: [{ debtId: debt.id, arrangement: { instalment: { method: "equal-principal" as const, months } } }],
    });

    // Two first saves at once: exactly one wins.
    const results = await Promise.allSettled([
      t.as.counselorA.plan.save({ clientId, expectedVersion: 0, scenarios: [scenario("A", 12)], chosenScenario: 0 }),
      t.as.admin.plan.save({ clientId, expectedVersion: 0, scenarios: [scenario("B", 24)], chosenScenario: 0 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.code).toBe("CONFLICT");

    // Both editors loaded version 1; the first save wins, the second is refused.
    await t.as.counselorA.plan.save({ clientId, expectedVersion: 1, scenarios: [scenario("C", 36)], chosenScenario: 0 });
    expect(await codeOf(t.as.admin.plan.save({ clientId, expectedVersion: 1, scenarios: [scenario("D", 48)], chosenScenario: 0 }))).toBe(
      "CONFLICT",
    );
    const plan = await t.as.admin.plan.get({ clientId });
    expect(plan?.version).toBe(2);
    expect(plan?.scenarios[0]?.name).toBe("C");

    // The same for a debt: a stale version is refused.
    const { clientId: _c, ...fields } = debtInput(clientId, lender);
    await t.as.counselorA.debt.update({ ...fields, id: debt.id, version: 1, interestFen: 1 });
    expect(await codeOf(t.as.admin.debt.update({ ...fields, id: debt.id, version: 1, interestFen: 2 }))).toBe("CONFLICT");
    const { debts: list } = await t.as.admin.debt.list({ clientId });
    expect(list[0]?.interestFen).toBe(1);
    expect(list[0]?.version).toBe(2);
  });
});

describe("assessment: bad inputs get a field error and change nothing", () => {
  it.each([
    ["negative fen", { outstandingPrincipalFen: -1 }, "outstandingPrincipalFen"],
    ["fractional fen", { interestFen: 10.5 }, "interestFen"],
    ["a rate that is not a number", { rateValue: "1e3" }, "rateValue"],
    ["a rate out of range (3 %/day = 1080 %/year)", { rateValue: "3", rateUnit: "daily" }, "rateValue"],
    ["an overdue-since date in the future", { overdueSince: addDays(todayInShanghai(), 2) }, "overdueSince"],
    ["an unknown lender", { lenderId: randomUUID() }, "lenderId"],
  ] as Array<[string, Partial<CreateDebtInput>, string]>)("%s", async (_name, over, field) => {
    const t = await createTenant();
    const lender = await lenderId(t, "度小满");
    const before = await countDebts(t.orgId);
    const fields = await fieldsOf(t.as.counselorA.debt.create(debtInput(t.clientA.id, lender, over)));
    expect(Object.keys(fields)).toContain(field);
    expect(await countDebts(t.orgId)).toBe(before);
  });

  it("another organization's lender id is an unknown lender, on create and on update", async () => {
    const t = await createTenant();
    const other = await createTenant("Other agency");
    const foreign = await lenderId(other, "招商银行");
    const own = await lenderId(t, "招商银行");
    expect(foreign).not.toBe(own);
    const fields = await fieldsOf(t.as.counselorA.debt.create(debtInput(t.clientA.id, foreign)));
    expect(fields.lenderId).toEqual(["unknownLender"]);
    expect(await countDebts(t.orgId)).toBe(0);

    const debt = await t.as.counselorA.debt.create(debtInput(t.clientA.id, own));
    const { clientId: _c, ...rest } = debtInput(t.clientA.id, foreign, { interestFen: 999 });
    const updateFields = await fieldsOf(t.as.counselorA.debt.update({ ...rest, id: debt.id, version: 1 }));
    expect(updateFields.lenderId).toEqual(["unknownLender"]);
    const { debts: list } = await t.as.counselorA.debt.list({ clientId: t.clientA.id });
    expect(list[0]?.lenderId).toBe(own);
    expect(list[0]?.interestFen).toBe(20_000);
    expect(list[0]?.version).toBe(1);
  });

  it("several problems at once are all reported", async () => {
    const t = await createTenant();
    const fields = await fieldsOf(
      t.as.counselorA.debt.create(
        debtInput(t.clientA.id, randomUUID(), { rateValue: "90", rateUnit: "monthly", overdueSince: addDays(todayInShanghai(), 1) }),
      ),
    );
    expect(fields).toEqual({ lenderId: ["unknownLender"], rateValue: ["rateOutOfRange"], overdueSince: ["dateInFuture"] });
  });

  it("a budget with negative or fractional amounts, or a plan naming another client's debt, is refused", async () => {
    const t = await createTenant();
    const base = { clientId: t.clientA.id, effectiveDate: "2026-01-01", expenses: [], dependents: 0 };
    expect(Object.keys(await fieldsOf(t.as.counselorA.budget.save({ ...base, incomes: [{ kind: "salary", monthlyFen: -5 }] })))).toContain(
      "incomes.0.monthlyFen",
    );
    expect(Object.keys(await fieldsOf(t.as.counselorA.budget.save({ ...base, incomes: [{ kind: "salary", monthlyFen: 1.5 }] })))).toContain(
      "incomes.0.monthlyFen",
    );
    expect((await t.as.counselorA.budget.history({ clientId: t.clientA.id })).length).toBe(0);

    const lender = await lenderId(t, "分期乐");
    const own = await t.as.counselorA.debt.create(debtInput(t.clientA.id, lender));
    const otherClients = await t.as.counselorB.debt.create(debtInput(t.clientB.id, lender));
    const fields = await fieldsOf(
      t.as.counselorA.plan.save({
        clientId: t.clientA.id,
        expectedVersion: 0,
        scenarios: [
          {
            name: "X",
            startDate: "2026-03-01",
            strategy: "pro-rata",
            lines: [
              { debtId: own.id, arrangement: {} },
              { debtId: otherClients.id, arrangement: {} },
            ],
          },
        ],
        chosenScenario: 0,
      }),
    );
    expect(fields).toEqual({ "scenarios.0.debtId": ["unknownDebt"] });
    expect(await t.as.counselorA.plan.get({ clientId: t.clientA.id })).toBeNull();
  });
});

describe("assessment: who sees a client's data", () => {
  it("counselor B, client B and another organization get NOT_FOUND for counselor A's client", async () => {
    const t = await createTenant();
    const other = await createTenant("Other agency");
    const clientId = t.clientA.id;
    const lender = await lenderId(t, "中国工商银行");
    const debt = await t.as.counselorA.debt.create(debtInput(clientId, lender));
    await t.as.counselorA.budget.save({
      clientId,
      effectiveDate: "2026-01-01",
      incomes: [{ kind: "salary", monthlyFen: 500_000 }],
      expenses: [],
      dependents: 0,
    });
    await t.as.counselorA.plan.save({
      clientId,
      expectedVersion: 0,
      scenarios: [{ name: "A", startDate: "2026-03-01", strategy: "pro-rata", lines: [] }],
      chosenScenario: 0,
    });

    const { clientId: _c, ...fields } = debtInput(clientId, lender);
    for (const caller of [t.as.counselorB, t.as.clientB, other.as.admin, other.as.counselorA]) {
      expect(await codeOf(caller.client.get({ id: clientId }))).toBe("NOT_FOUND");
      expect(await codeOf(caller.debt.list({ clientId }))).toBe("NOT_FOUND");
      expect(await codeOf(caller.budget.current({ clientId }))).toBe("NOT_FOUND");
      expect(await codeOf(caller.plan.get({ clientId }))).toBe("NOT_FOUND");
    }
    for (const caller of [t.as.counselorB, other.as.admin]) {
      expect(await codeOf(caller.debt.update({ ...fields, id: debt.id, version: 1, interestFen: 1 }))).toBe("NOT_FOUND");
      expect(await codeOf(caller.debt.archive({ id: debt.id, version: 1 }))).toBe("NOT_FOUND");
      expect(await codeOf(caller.debt.create(debtInput(clientId, lender)))).toBe("NOT_FOUND");
      expect(await codeOf(caller.client.update({ id: clientId, version: 1, fullName: "改名" }))).toBe("NOT_FOUND");
    }

    // The client themself reads their own, but cannot change it; the admin sees everything.
    expect((await t.as.clientA.debt.list({ clientId })).debts).toHaveLength(1);
    expect(await t.as.clientA.plan.get({ clientId })).not.toBeNull();
    expect(await codeOf(t.as.clientA.debt.create(debtInput(clientId, lender)))).toBe("FORBIDDEN");
    expect(await codeOf(t.as.clientA.client.revealNationalId({ id: clientId }))).toBe("FORBIDDEN");
    expect((await t.as.admin.debt.list({ clientId })).debts).toHaveLength(1);
    expect(await countDebts(t.orgId)).toBe(1);
  });

  it("only an admin manages lenders; a counselor cannot reassign a client", async () => {
    const t = await createTenant();
    expect(await codeOf(t.as.counselorA.lender.create({ name: "某小贷", licenceType: "microloan" }))).toBe("FORBIDDEN");
    const created = await t.as.admin.lender.create({ name: "某小贷", licenceType: "microloan" });
    expect(Object.keys(await fieldsOf(t.as.admin.lender.create({ name: "某小贷", licenceType: "other" })))).toEqual(["name"]);
    await t.as.admin.lender.update({ id: created.id, version: 1, name: "某小额贷款公司", licenceType: "microloan", hotline: "95000" });
    expect(await codeOf(t.as.admin.lender.update({ id: created.id, version: 1, name: "Y", licenceType: "other" }))).toBe("CONFLICT");
    expect((await t.as.counselorA.lender.list()).find((l) => l.id === created.id)?.name).toBe("某小额贷款公司");

    const client = await t.as.counselorA.client.get({ id: t.clientA.id });
    expect(
      await codeOf(
        t.as.counselorA.client.update({
          id: t.clientA.id,
          version: client.version,
          fullName: client.fullName,
          assignedCounselorId: t.counselorB.id,
        }),
      ),
    ).toBe("FORBIDDEN");
    await t.as.admin.client.update({
      id: t.clientA.id,
      version: client.version,
      fullName: client.fullName,
      assignedCounselorId: t.counselorB.id,
    });
    expect(await codeOf(t.as.counselorA.client.get({ id: t.clientA.id }))).toBe("NOT_FOUND");
    expect((await t.as.counselorB.client.get({ id: t.clientA.id })).counselorName).toBe("CounselorB");
  });
});

describe("assessment: demo seed", () => {
  it("gives each demo client (the six with logins and the generated ones) a budget, and 刘洋 her three debts", async () => {
    const { seedDemo } = await import("@/db/seed");
    const db = await getDb();
    await seedDemo(db);
    const rows = await db
      .select({ clientId: debts.clientId, n: sql<number>`count(*)::int` })
      .from(debts)
      .innerJoin(clients, and(eq(clients.orgId, debts.orgId), eq(clients.id, debts.clientId)))
      .where(eq(clients.fullName, "刘洋"))
      .groupBy(debts.clientId);
    expect(rows[0]?.n).toBe(3);
    const [b] = await db
      .select({ n: sql<number>`count(distinct client_id)::int` })
      .from(budgets)
      .where(sql`org_id in (select org_id from clients where full_name = '刘洋')`);
    // Every client of the demo organization has a budget: the six demo logins and the 34 of the history.
    expect(b?.n).toBe(40);
  });
});

describe("assessment: import", () => {
  const header =
    "贷款机构,合同编号,借款日期,实际到手金额,原始本金,剩余本金,利息,罚息,费用违约金,合同利率,利率单位,逾期开始日期,是否上征信,催收状态";
  const csv = (...rows: string[]) => Buffer.from([header, ...rows].join("\n"), "utf8").toString("base64");

  it("shows every row's errors and saves nothing until all rows are right", async () => {
    const t = await createTenant();
    const future = addDays(todayInShanghai(), 3);
    const bad = csv(
      "招商银行,C1,2024-01-01,10000,10000,8000.50,100,20,0,0.05,日,2025-06-01,是,委外",
      "不存在的机构,C2,,,5000,5000,0,0,0,18,年,,否,无",
      `马上消费金融,C3,,,abc,3000,0,0,0,3,日,${future},不清楚,自催`,
    );
    const checked = await t.as.counselorA.debt.import({ clientId: t.clientA.id, fileName: "debts.csv", contentBase64: bad, commit: true });
    expect(checked.saved).toBe(0);
    expect(checked.rows[0]?.fields).toEqual({});
    expect(checked.rows[1]?.fields).toEqual({ lender: ["unknownLender"] });
    expect(Object.keys(checked.rows[2]!.fields).sort()).toEqual(["originalPrincipal"]);
    expect(await countDebts(t.orgId)).toBe(0);

    const rateAndDate = csv(`马上消费金融,C3,,,3000,3000,0,0,0,3,日,${future},不清楚,自催`);
    const second = await t.as.counselorA.debt.import({
      clientId: t.clientA.id,
      fileName: "debts.csv",
      contentBase64: rateAndDate,
      commit: true,
    });
    expect(second.rows[0]?.fields).toEqual({ rateValue: ["rateOutOfRange"], overdueSince: ["dateInFuture"] });
    expect(await countDebts(t.orgId)).toBe(0);

    const good = csv(
      "招商银行,C1,2024-01-01,10000,10000,8000.50,100,20,0,0.05,日,2025-06-01,是,委外",
      "马上消费金融,C3,,,3000,3000,0,0,0,1.5,月,,不清楚,自催",
    );
    const dry = await t.as.counselorA.debt.import({ clientId: t.clientA.id, fileName: "debts.csv", contentBase64: good, commit: false });
    expect(dry.ok).toBe(true);
    expect(await countDebts(t.orgId)).toBe(0);
    const saved = await t.as.counselorA.debt.import({ clientId: t.clientA.id, fileName: "debts.csv", contentBase64: good, commit: true });
    expect(saved.saved).toBe(2);
    const { debts: list } = await t.as.counselorA.debt.list({ clientId: t.clientA.id });
    const byLender = (a: { lenderName: string }, b: { lenderName: string }) =>
      a.lenderName === "招商银行" ? -1 : b.lenderName === "招商银行" ? 1 : 0;
    expect([...list].sort(byLender).map((d) => [d.lenderName, d.outstandingPrincipalFen, d.annualRatePct, d.collectionStatus])).toEqual([
      ["招商银行", 800_050, "18", "outsourced"],
      ["马上消费金融", 300_000, "18", "in-house"],
    ]);
    expect(
      await codeOf(t.as.counselorB.debt.import({ clientId: t.clientA.id, fileName: "debts.csv", contentBase64: good, commit: true })),
    ).toBe("NOT_FOUND");
  });
});
