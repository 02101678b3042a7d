import { describe, expect, it } from "vitest";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { createTenant } from "../support/factories";

describe("a first proposal drafted from the saved plan", () => {
  it("carries the plan's waiver and instalment terms for the case's debt", async () => {
    const t = await createTenant();
    const lenders = await t.as.counselorA.lender.list();
    const debt = await t.as.counselorA.debt.create({
      clientId: t.clientA.id,
      lenderId: lenders[0]!.id,
      originalPrincipalFen: 1_000_000,
      outstandingPrincipalFen: 900_000,
      interestFen: 40_000,
      penaltyFen: 25_000,
      feesFen: 5_000,
      rateValue: "18",
      rateUnit: "annual",
      creditReported: "yes",
      collectionStatus: "in-house",
      cashFlows: [],
    });
    const opened = await t.as.counselorA.case.open({ debtId: debt.id });
    expect(await t.as.counselorA.case.draftFromPlan({ caseId: opened.id })).toBeNull();

    await t.as.counselorA.budget.save({
      clientId: t.clientA.id,
      effectiveDate: "2026-11-01",
      incomes: [{ kind: "salary", monthlyFen: 800_000 }],
      expenses: [{ category: "housing", monthlyFen: 300_000 }],
      dependents: 0,
    });
    await t.as.counselorA.plan.save({
      clientId: t.clientA.id,
      expectedVersion: 0,
      chosenScenario: 0,
      scenarios: [
        {
          name: "停息 24 期",
          startDate: "2026-12-01",
          strategy: "pro-rata",
          lines: [
            { debtId: debt.id, arrangement: { waivePenalty: true, waiveFees: true, instalment: { method: "interest-free", months: 24 } } },
          ],
        },
      ],
    });

    const draft = await t.as.counselorA.case.draftFromPlan({ caseId: opened.id });
    expect(draft).toEqual({
      waiver: { penaltyFen: 25_000, feesFen: 5_000 },
      instalments: { amountFen: 940_000, method: "interest-free", months: 24, annualRatePct: "0", firstDueDate: "2026-12-01" },
    });
    // The draft is a valid proposal as it stands.
    const p = await t.as.counselorA.case.createProposal({
      caseId: opened.id,
      channel: "app",
      validUntil: addDays(todayInShanghai(), 30),
      terms: draft!,
    });
    expect(p.id).toBeTruthy();
  });
});
