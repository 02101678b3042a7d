import { describe, expect, it } from "vitest";
import { evaluatePlan, type PlanDebt } from "@/server/domain/plan";
import { plannedPart } from "@/server/domain/plan-view";

const debt = (id: string, balanceFen: number, annualRatePct: string): PlanDebt => ({
  debtId: id,
  balanceFen,
  principalFen: balanceFen,
  interestFen: 0,
  penaltyFen: 0,
  feesFen: 0,
  annualRatePct,
  arrangement: { instalment: { method: "equal-instalment", months: 12, annualRatePct: "0" } },
});

function evaluation(roomUse: "buffer" | "clear-early") {
  return evaluatePlan({
    debts: [debt("a", 1_200_000, "18"), debt("b", 600_000, "24"), debt("c", 100_001, "12")],
    affordableFen: 300_000,
    startDate: "2027-01-01",
    strategy: "avalanche",
    roomUse,
    minPerCreditorFen: 5_000,
  });
}

describe("plannedPart: the plan for the lenders not yet agreed", () => {
  it("keeps the saved totals when every line is kept", () => {
    const e = evaluation("clear-early");
    const part = plannedPart(e, () => true);
    expect(part.firstMonthTotalFen).toBe(e.firstMonthTotalFen);
    expect(part.monthsToDebtFree).toBe(e.monthsToDebtFree);
    // Using the room, every month pays what she can afford until the end: it does not rise.
    expect(part.highestMonthFen).toBe(e.monthlyTotalFen);
    expect(part.rises).toBe(false);
    expect(part.lines.map((l) => l.debtId)).toEqual(["a", "b", "c"]);
  });

  it("recomputes the first month and the months to debt-free from the kept lines alone", () => {
    const e = evaluation("buffer");
    const part = plannedPart(e, (id) => id !== "a");
    const kept = e.lines.filter((l) => l.debtId !== "a");
    const firstMonth = kept.flatMap((l) => l.schedule.filter((r) => r.dueDate.startsWith("2027-01"))).reduce((s, r) => s + r.paymentFen, 0);
    expect(part.firstMonthTotalFen).toBe(firstMonth);
    expect(part.firstMonthTotalFen).toBeLessThan(e.firstMonthTotalFen);
    // Interest-free over 12 months from January: the kept lines end in December, the same every month.
    expect(part.monthsToDebtFree).toBe(12);
    expect(part.highestMonthFen - part.firstMonthTotalFen).toBeLessThanOrEqual(2);
    expect(part.rises).toBe(false);
    expect(part.lines.map((l) => l.debtId)).toEqual(["b", "c"]);
  });

  it("says when the kept lines pay more in later months (the room the dropped debt had goes to them once it would have cleared)", () => {
    const e = evaluation("clear-early");
    const part = plannedPart(e, (id) => id !== "b");
    expect(part.rises).toBe(true);
    expect(part.highestMonthFen).toBeGreaterThan(part.firstMonthTotalFen + 2);
  });

  it("says each step's amount as its first payment, marked approximate when a fen of rounding varies", () => {
    const e = evaluation("buffer");
    const part = plannedPart(e, () => true);
    const c = part.lines.find((l) => l.debtId === "c")!;
    // ¥1,000.01 over 12 months: one payment carries the odd fen.
    expect(c.steps).toHaveLength(1);
    expect(c.steps[0]).toMatchObject({
      months: 12,
      approx: true,
      amountFen: e.lines.find((l) => l.debtId === "c")!.schedule[0]!.paymentFen,
    });
    for (const l of part.lines) expect(l.steps[0]!.amountFen).toBe(l.monthlyFen);
  });

  it("reads a plan saved before lines had runs or payoff months as one step to the last instalment", () => {
    const schedule = Array.from({ length: 6 }, (_, i) => ({ dueDate: `2027-0${i + 1}-15`, paymentFen: 10_000 }));
    const old = {
      lines: [
        { debtId: "x", monthlyFen: 10_000, months: 6, schedule },
        { debtId: "y", monthlyFen: 5_000, months: 6, schedule },
      ],
      firstMonthTotalFen: 15_000,
      monthsToDebtFree: 6,
    };
    const part = plannedPart(old, (id) => id === "x");
    expect(part.lines[0]).toMatchObject({
      payoffMonth: "2027-06",
      steps: [{ from: "2027-01", to: "2027-06", months: 6, amountFen: 10_000, approx: false }],
    });
    expect(part).toMatchObject({ firstMonthTotalFen: 10_000, monthsToDebtFree: 6 });
  });
});
