import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../server/domain/errors";
import { evaluatePlan, type PlanDebt } from "../../server/domain/plan";
import { scheduleTotals, SCHEDULE_METHODS } from "../../server/domain/schedule";

const card: PlanDebt = {
  debtId: "card",
  balanceFen: 2_160_000,
  principalFen: 2_000_000,
  interestFen: 100_000,
  penaltyFen: 50_000,
  feesFen: 10_000,
  annualRatePct: "18",
  // 停息挂账 with penalty and fees waived, over 36 months.
  arrangement: { waivePenalty: true, waiveFees: true, instalment: { method: "interest-free", months: 36 } },
};
const app: PlanDebt = {
  debtId: "app",
  balanceFen: 550_000,
  principalFen: 500_000,
  interestFen: 20_000,
  penaltyFen: 30_000,
  feesFen: 0,
  annualRatePct: "35.9",
  // Principal only, in one payment after a 3-month deferral.
  arrangement: { waiveInterest: true, waivePenalty: true, deferralMonths: 3 },
};
const bank: PlanDebt = {
  debtId: "bank",
  balanceFen: 1_200_000,
  principalFen: 1_200_000,
  interestFen: 0,
  penaltyFen: 0,
  feesFen: 0,
  annualRatePct: "4.35",
  arrangement: { instalment: { method: "equal-instalment", months: 24 }, creditCorrection: true },
};

describe("evaluatePlan", () => {
  const plan = evaluatePlan({ debts: [card, app, bank], affordableFen: 300_000, startDate: "2026-03-15" });
  const [cardLine, appLine, bankLine] = plan.lines;

  it("applies waivers and reports the relief", () => {
    expect(cardLine).toMatchObject({ debtId: "card", amountToRepayFen: 2_100_000, reliefFen: 60_000, months: 36 });
    expect(appLine).toMatchObject({ debtId: "app", amountToRepayFen: 500_000, reliefFen: 50_000, months: 1, monthlyFen: 500_000 });
    expect(bankLine).toMatchObject({ amountToRepayFen: 1_200_000, reliefFen: 0, months: 24 });
    expect(plan.reliefFen).toBe(110_000);
    expect(plan.amountToRepayFen).toBe(3_800_000);
  });

  it("builds each line's schedule from the start date, shifted by any deferral", () => {
    // 2,100,000 / 36 = 58,333.33…: the 12 remainder fen go on the first 12 rows.
    expect(cardLine?.monthlyFen).toBe(58_334);
    expect(cardLine?.schedule[12]?.paymentFen).toBe(58_333);
    expect(cardLine?.schedule.at(-1)?.dueDate).toBe("2029-02-15");
    expect(appLine?.schedule).toEqual([
      { seq: 1, dueDate: "2026-06-15", paymentFen: 500_000, principalFen: 500_000, interestFen: 0, balanceFen: 0 },
    ]);
    // No rate on the arrangement: the equal instalment keeps the contract rate.
    expect(bankLine?.schedule[0]?.interestFen).toBe(4_350); // 1,200,000 × 4.35 % / 12
  });

  it("takes the peak month as the monthly total and flags it over the affordable amount", () => {
    const bankMonthly = bankLine?.monthlyFen ?? 0;
    expect(plan.firstMonthTotalFen).toBe(58_334 + bankMonthly);
    expect(plan.monthlyTotalFen).toBe(58_334 + 500_000 + bankMonthly);
    expect(plan.feasible).toBe(false);
    expect(plan.reasons).toEqual([{ code: "over-affordable", params: { overByFen: plan.monthlyTotalFen - 300_000, month: "2026-06" } }]);
  });

  it("totals what is paid and how long it takes", () => {
    const bankTotal = scheduleTotals(bankLine?.schedule ?? []).paymentFen;
    expect(plan.totalPaidFen).toBe(2_100_000 + 500_000 + bankTotal);
    expect(plan.monthsToDebtFree).toBe(36);
  });

  it("gives a month-by-month remaining balance for the chart", () => {
    expect(plan.balanceSeries).toHaveLength(36);
    expect(plan.balanceSeries[0]).toEqual({
      month: "2026-03",
      remainingFen: 3_800_000 - 58_334 - (bankLine?.schedule[0]?.principalFen ?? 0),
    });
    const may = plan.balanceSeries[2]?.remainingFen ?? 0;
    const june = plan.balanceSeries[3];
    expect(june?.month).toBe("2026-06");
    expect(may - (june?.remainingFen ?? 0)).toBe(500_000 + 58_334 + (bankLine?.schedule[3]?.principalFen ?? 0));
    expect(plan.balanceSeries.at(-1)).toEqual({ month: "2029-02", remainingFen: 0 });
  });

  it("is feasible when the peak fits", () => {
    const fits = evaluatePlan({ debts: [card, bank], affordableFen: 200_000, startDate: "2026-03-15" });
    expect(fits.feasible).toBe(true);
    expect(fits.reasons).toEqual([]);
  });

  it("says when there is no affordable income", () => {
    const none = evaluatePlan({ debts: [card], affordableFen: 0, startDate: "2026-03-15" });
    expect(none.reasons).toEqual([{ code: "no-affordable-income", params: {} }]);
  });

  it("flags a term over 60 months counting the deferral", () => {
    const long = evaluatePlan({
      debts: [{ ...card, arrangement: { instalment: { method: "interest-free", months: 60 }, deferralMonths: 6 } }],
      affordableFen: 10_000_000,
      startDate: "2026-01-31",
    });
    expect(long.reasons).toEqual([{ code: "term-over-60", params: { debtId: "card", months: 66 } }]);
    expect(long.monthsToDebtFree).toBe(66);
    expect(long.lines[0]?.schedule[0]?.dueDate).toBe("2026-07-31");
  });

  it("handles an empty plan and a fully paid debt", () => {
    const empty = evaluatePlan({ debts: [], affordableFen: 0, startDate: "2026-01-01" });
    expect(empty).toMatchObject({ monthlyTotalFen: 0, monthsToDebtFree: 0, totalPaidFen: 0, feasible: true, balanceSeries: [] });
    const zero = { ...bank, balanceFen: 0, principalFen: 0 };
    expect(evaluatePlan({ debts: [zero], affordableFen: 0, startDate: "2026-01-01" }).lines[0]).toMatchObject({
      amountToRepayFen: 0,
      months: 0,
      monthlyFen: 0,
      schedule: [],
    });
  });

  it.each([
    [{ balanceFen: 2_160_001 }, "debts.0.balanceFen"],
    [{ feesFen: -1 }, "debts.0.feesFen"],
    [{ annualRatePct: "x" }, "debts.0.annualRatePct"],
    [{ arrangement: { instalment: { method: "interest-free", months: 61 } } }, "debts.0.arrangement.instalment.months"],
    [{ arrangement: { instalment: { method: "weekly", months: 6 } } }, "debts.0.arrangement.instalment.method"],
    [{ arrangement: { deferralMonths: 25 } }, "debts.0.arrangement.deferralMonths"],
    [{ annualRatePct: "120", arrangement: { instalment: { method: "equal-principal", months: 6 } } }, "debts.0.annualRatePct"],
    [
      { arrangement: { instalment: { method: "equal-principal", months: 6, annualRatePct: "100.5" } } },
      "debts.0.arrangement.instalment.annualRatePct",
    ],
  ])("rejects %o", (override, field) => {
    const run = () => evaluatePlan({ debts: [{ ...card, ...(override as object) }], affordableFen: 0, startDate: "2026-01-01" });
    expect(run).toThrowError(expect.objectContaining({ field }));
    expect(run).toThrow(DomainError);
  });

  it("rejects a duplicate debt, a bad start date and a bad affordable amount", () => {
    expect(() => evaluatePlan({ debts: [card, card], affordableFen: 0, startDate: "2026-01-01" })).toThrowError(
      expect.objectContaining({ code: "duplicate_debt" }),
    );
    expect(() => evaluatePlan({ debts: [], affordableFen: 0, startDate: "2026-13-01" })).toThrowError(
      expect.objectContaining({ field: "startDate" }),
    );
    expect(() => evaluatePlan({ debts: [], affordableFen: -1, startDate: "2026-01-01" })).toThrowError(
      expect.objectContaining({ code: "invalid_affordable", field: "affordableFen" }),
    );
  });

  it("keeps its totals consistent for any arrangement", () => {
    const debt = fc
      .record({
        principalFen: fc.integer({ min: 0, max: 10_000_000 }),
        interestFen: fc.integer({ min: 0, max: 1_000_000 }),
        penaltyFen: fc.integer({ min: 0, max: 1_000_000 }),
        feesFen: fc.integer({ min: 0, max: 100_000 }),
        waive: fc.record({ waiveInterest: fc.boolean(), waivePenalty: fc.boolean(), waiveFees: fc.boolean() }),
        instalment: fc.option(fc.record({ method: fc.constantFrom(...SCHEDULE_METHODS), months: fc.integer({ min: 1, max: 60 }) }), {
          nil: undefined,
        }),
        deferralMonths: fc.integer({ min: 0, max: 24 }),
      })
      .map((d) => ({
        debtId: "",
        balanceFen: d.principalFen + d.interestFen + d.penaltyFen + d.feesFen,
        principalFen: d.principalFen,
        interestFen: d.interestFen,
        penaltyFen: d.penaltyFen,
        feesFen: d.feesFen,
        annualRatePct: "24",
        arrangement: { ...d.waive, instalment: d.instalment, deferralMonths: d.deferralMonths },
      }));
    fc.assert(
      fc.property(fc.array(debt, { maxLength: 6 }), fc.integer({ min: 0, max: 1_000_000 }), (debts, affordableFen) => {
        const plan = evaluatePlan({
          debts: debts.map((d, i) => ({ ...d, debtId: `d${i}` })),
          affordableFen,
          startDate: "2026-01-31",
        });
        const lineTotals = plan.lines.map((line) => scheduleTotals(line.schedule));
        expect(plan.totalPaidFen).toBe(lineTotals.reduce((sum, t) => sum + t.paymentFen, 0));
        plan.lines.forEach((line, i) => {
          expect(lineTotals[i]?.principalFen).toBe(line.amountToRepayFen);
          expect(line.amountToRepayFen + line.reliefFen).toBe(debts[i]?.balanceFen);
        });
        expect(plan.monthlyTotalFen).toBeGreaterThanOrEqual(plan.firstMonthTotalFen);
        expect(plan.balanceSeries).toHaveLength(plan.monthsToDebtFree);
        if (plan.balanceSeries.length > 0) expect(plan.balanceSeries.at(-1)?.remainingFen).toBe(0);
        plan.balanceSeries.forEach((point, i) => {
          expect(point.remainingFen).toBeLessThanOrEqual(plan.balanceSeries[i - 1]?.remainingFen ?? plan.amountToRepayFen);
        });
        expect(plan.feasible).toBe(plan.reasons.length === 0);
        if (plan.monthlyTotalFen <= affordableFen) expect(plan.reasons.some((r) => r.code === "over-affordable")).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
