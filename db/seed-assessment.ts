import { BUILTIN_LENDERS } from "./lenders-builtin";
import type { Tx } from "./client";
import { budgets, debtCashFlows, debts, lenders } from "./schema";
import { toAnnualPct } from "@/server/domain/rate";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { refreshBalances } from "@/server/services/balances";
import type { DebtStory as DemoStoryDebt } from "./demo/story";

type DemoDebt = {
  lender: string;
  principal: number;
  outstanding: number;
  interest: number;
  penalty: number;
  fees: number;
  rate: string;
  unit: "annual" | "monthly" | "daily";
  /** Days ago the client fell behind; null = not overdue. */
  overdueDays: number | null;
  reported: "yes" | "no" | "unknown";
  collection: "none" | "in-house" | "outsourced" | "legal-letter" | "lawsuit" | "other";
};

type DemoBudget = {
  incomes: Array<[string, number]>;
  expenses: Array<[string, number]>;
  dependents: number;
};

const Y = 100; // fen per yuan

/** Fictional figures, in yuan, for the six demo clients in seed order. */
const DEMO: Array<{ budget: DemoBudget; debts: DemoDebt[] }> = [
  {
    budget: {
      incomes: [
        ["benefits", 1800],
        ["family-support", 1500],
      ],
      expenses: [
        ["housing", 1200],
        ["food", 900],
        ["utilities", 200],
        ["transport", 150],
      ],
      dependents: 1,
    },
    debts: [
      {
        lender: "cmb",
        principal: 50000,
        outstanding: 42000,
        interest: 3100,
        penalty: 900,
        fees: 300,
        rate: "0.05",
        unit: "daily",
        overdueDays: 95,
        reported: "yes",
        collection: "outsourced",
      },
      {
        lender: "huabei-jiebei",
        principal: 20000,
        outstanding: 16500,
        interest: 700,
        penalty: 240,
        fees: 0,
        rate: "0.04",
        unit: "daily",
        overdueDays: 60,
        reported: "yes",
        collection: "in-house",
      },
      {
        lender: "jd-jintiao",
        principal: 15000,
        outstanding: 12000,
        interest: 500,
        penalty: 180,
        fees: 120,
        rate: "23.4",
        unit: "annual",
        overdueDays: 40,
        reported: "unknown",
        collection: "in-house",
      },
    ],
  },
  {
    budget: {
      incomes: [["salary", 6500]],
      expenses: [
        ["housing", 2200],
        ["food", 1200],
        ["medical", 900],
        ["insurance", 450],
        ["utilities", 250],
      ],
      dependents: 1,
    },
    debts: [
      {
        lender: "icbc",
        principal: 80000,
        outstanding: 73000,
        interest: 4200,
        penalty: 1300,
        fees: 0,
        rate: "1.5",
        unit: "monthly",
        overdueDays: 120,
        reported: "yes",
        collection: "legal-letter",
      },
      {
        lender: "zhaolian",
        principal: 30000,
        outstanding: 24000,
        interest: 1100,
        penalty: 400,
        fees: 200,
        rate: "0.06",
        unit: "daily",
        overdueDays: 75,
        reported: "yes",
        collection: "outsourced",
      },
    ],
  },
  {
    budget: {
      incomes: [
        ["business", 5000],
        ["other", 800],
      ],
      expenses: [
        ["housing", 1800],
        ["food", 1100],
        ["education", 800],
        ["transport", 300],
      ],
      dependents: 2,
    },
    debts: [
      {
        lender: "ccb",
        principal: 120000,
        outstanding: 110000,
        interest: 6600,
        penalty: 2100,
        fees: 0,
        rate: "4.35",
        unit: "annual",
        overdueDays: 150,
        reported: "yes",
        collection: "lawsuit",
      },
      {
        lender: "weilidai",
        principal: 40000,
        outstanding: 33000,
        interest: 1500,
        penalty: 500,
        fees: 0,
        rate: "0.045",
        unit: "daily",
        overdueDays: 90,
        reported: "yes",
        collection: "in-house",
      },
      {
        lender: "duxiaoman",
        principal: 25000,
        outstanding: 21000,
        interest: 900,
        penalty: 350,
        fees: 150,
        rate: "0.065",
        unit: "daily",
        overdueDays: 80,
        reported: "unknown",
        collection: "outsourced",
      },
      {
        lender: "fenqile",
        principal: 8000,
        outstanding: 6200,
        interest: 260,
        penalty: 90,
        fees: 80,
        rate: "2",
        unit: "monthly",
        overdueDays: 45,
        reported: "no",
        collection: "in-house",
      },
    ],
  },
  {
    budget: {
      incomes: [["salary", 4800]],
      expenses: [
        ["housing", 1500],
        ["food", 1000],
        ["parents", 600],
        ["transport", 200],
      ],
      dependents: 1,
    },
    debts: [
      {
        lender: "mashang",
        principal: 30000,
        outstanding: 26000,
        interest: 1300,
        penalty: 420,
        fees: 260,
        rate: "0.05",
        unit: "daily",
        overdueDays: 70,
        reported: "yes",
        collection: "outsourced",
      },
      {
        lender: "meituan",
        principal: 10000,
        outstanding: 8200,
        interest: 310,
        penalty: 95,
        fees: 0,
        rate: "18",
        unit: "annual",
        overdueDays: 35,
        reported: "unknown",
        collection: "in-house",
      },
    ],
  },
  {
    budget: {
      incomes: [["salary", 7200]],
      expenses: [
        ["housing", 2600],
        ["food", 1300],
        ["utilities", 300],
        ["transport", 400],
        ["other", 300],
      ],
      dependents: 0,
    },
    debts: [
      {
        lender: "cib",
        principal: 60000,
        outstanding: 55000,
        interest: 3300,
        penalty: 1100,
        fees: 0,
        rate: "0.05",
        unit: "daily",
        overdueDays: 110,
        reported: "yes",
        collection: "outsourced",
      },
      {
        lender: "360-jietiao",
        principal: 20000,
        outstanding: 17000,
        interest: 800,
        penalty: 300,
        fees: 200,
        rate: "0.065",
        unit: "daily",
        overdueDays: 65,
        reported: "yes",
        collection: "in-house",
      },
      {
        lender: "anyihua",
        principal: 15000,
        outstanding: 13500,
        interest: 600,
        penalty: 200,
        fees: 100,
        rate: "0.06",
        unit: "daily",
        overdueDays: 50,
        reported: "unknown",
        collection: "in-house",
      },
      {
        lender: "paipaidai",
        principal: 6000,
        outstanding: 5000,
        interest: 210,
        penalty: 60,
        fees: 50,
        rate: "1.98",
        unit: "monthly",
        overdueDays: null,
        reported: "no",
        collection: "none",
      },
    ],
  },
  {
    budget: {
      incomes: [["salary", 5200]],
      expenses: [
        ["housing", 1900],
        ["food", 1000],
        ["education", 500],
        ["insurance", 300],
      ],
      dependents: 1,
    },
    debts: [
      {
        lender: "pingan",
        principal: 45000,
        outstanding: 40000,
        interest: 2400,
        penalty: 700,
        fees: 0,
        rate: "0.05",
        unit: "daily",
        overdueDays: 85,
        reported: "yes",
        collection: "outsourced",
      },
      {
        lender: "homecredit",
        principal: 12000,
        outstanding: 9800,
        interest: 420,
        penalty: 150,
        fees: 90,
        rate: "2.2",
        unit: "monthly",
        overdueDays: 55,
        reported: "yes",
        collection: "in-house",
      },
    ],
  },
];

/**
 * The demo organization's lender directory (the built-in list) and, for each demo client, a budget and
 * a few debts (with a disbursement cash flow, so the IRR shows) and their balances. Runs in seedDemo's
 * transaction as owner.
 */
export async function seedDemoAssessment(
  tx: Tx,
  orgId: string,
  clientRows: ReadonlyArray<{ id: string; assignedCounselorId: string | null }>,
  today: string = todayInShanghai(),
): Promise<Array<{ debtIds: string[]; debts: DemoStoryDebt[] }>> {
  const inserted = await tx
    .insert(lenders)
    .values(
      BUILTIN_LENDERS.map((b) => ({
        orgId,
        name: b.name,
        legalName: b.legalName ?? null,
        licenceType: b.licenceType,
        builtinKey: b.key,
      })),
    )
    .returning({ id: lenders.id, key: lenders.builtinKey });
  const lenderByKey = new Map(inserted.map((l) => [l.key, l.id]));
  const debtIds: string[] = [];
  const out: Array<{ debtIds: string[]; debts: DemoStoryDebt[] }> = [];

  for (const [index, client] of clientRows.entries()) {
    const demo = DEMO[index];
    const mine: { debtIds: string[]; debts: DemoStoryDebt[] } = {
      debtIds: [],
      debts: [],
    };
    out.push(mine);
    if (!demo) continue;
    await tx.insert(budgets).values({
      orgId,
      clientId: client.id,
      effectiveDate: addDays(today, -7),
      incomes: demo.budget.incomes.map(([kind, yuan]) => ({
        kind,
        monthlyFen: yuan * Y,
      })),
      expenses: demo.budget.expenses.map(([category, yuan]) => ({
        category,
        monthlyFen: yuan * Y,
      })),
      dependents: demo.budget.dependents,
      createdBy: client.assignedCounselorId,
    });
    for (const [n, d] of demo.debts.entries()) {
      const lenderId = lenderByKey.get(d.lender);
      if (!lenderId) throw new Error(`seed: no built-in lender ${d.lender}`);
      const loanDate = addDays(today, -(400 + n * 30));
      const [row] = await tx
        .insert(debts)
        .values({
          orgId,
          clientId: client.id,
          lenderId,
          contractNumber: `DEMO-${index + 1}-${n + 1}`,
          loanDate,
          receivedFen: d.principal * Y,
          originalPrincipalFen: d.principal * Y,
          outstandingPrincipalFen: d.outstanding * Y,
          interestFen: d.interest * Y,
          penaltyFen: d.penalty * Y,
          feesFen: d.fees * Y,
          rateValue: d.rate,
          rateUnit: d.unit,
          annualRatePct: toAnnualPct(d.rate, d.unit),
          overdueSince: d.overdueDays === null ? null : addDays(today, -d.overdueDays),
          creditReported: d.reported,
          collectionStatus: d.collection,
          createdBy: client.assignedCounselorId,
        })
        .returning({ id: debts.id });
      await tx.insert(debtCashFlows).values({
        orgId,
        debtId: row!.id,
        flowDate: loanDate,
        amountFen: d.principal * Y,
        direction: "disbursement",
      });
      debtIds.push(row!.id);
      mine.debtIds.push(row!.id);
      mine.debts.push({
        lenderKey: d.lender,
        principalFen: d.principal * Y,
        outstandingFen: d.outstanding * Y,
        interestFen: d.interest * Y,
        penaltyFen: d.penalty * Y,
        feesFen: d.fees * Y,
        rate: d.rate,
        unit: d.unit === "monthly" ? "annual" : d.unit,
        loanDate,
        overdueSince: d.overdueDays === null ? null : addDays(today, -d.overdueDays),
        reported: d.reported,
        collection: d.collection === "other" ? "in-house" : d.collection,
      });
    }
  }
  // Each debt's balance basis, through the same function as the app's writes.
  await refreshBalances(tx, orgId, debtIds);
  return out;
}
