import { describe, expect, it } from "vitest";
import { summarizeBudget } from "../../server/domain/budget";
import { DomainError } from "../../server/domain/errors";

describe("summarizeBudget", () => {
  it("works out disposable, buffer and affordable amounts", () => {
    expect(
      summarizeBudget({
        incomes: [
          { kind: "salary", monthlyFen: 650_000 },
          { kind: "family-support", monthlyFen: 50_000 },
        ],
        expenses: [
          { category: "housing", monthlyFen: 180_000 },
          { category: "food", monthlyFen: 120_000 },
          { category: "parents", monthlyFen: 50_000 },
          { category: "insurance", monthlyFen: 33_333 },
        ],
        bufferPct: "10",
      }),
    ).toEqual({
      incomeFen: 700_000,
      expenseFen: 383_333,
      disposableFen: 316_667,
      bufferFen: 31_667, // 31,666.7 fen, half-up
      affordableFen: 285_000,
    });
  });

  it("rounds the buffer half-up", () => {
    const summary = summarizeBudget({ incomes: [{ kind: "salary", monthlyFen: 25 }], expenses: [], bufferPct: "10" });
    expect(summary.bufferFen).toBe(3); // 2.5 → 3
    expect(summary.affordableFen).toBe(22);
    expect(summarizeBudget({ incomes: [{ kind: "salary", monthlyFen: 1001 }], expenses: [], bufferPct: "12.5" }).bufferFen).toBe(125);
  });

  it("keeps no buffer and affords nothing when expenses exceed income", () => {
    expect(
      summarizeBudget({
        incomes: [{ kind: "benefits", monthlyFen: 100_000 }],
        expenses: [{ category: "medical", monthlyFen: 150_000 }],
        bufferPct: "20",
      }),
    ).toEqual({ incomeFen: 100_000, expenseFen: 150_000, disposableFen: -50_000, bufferFen: 0, affordableFen: 0 });
  });

  it("handles an empty budget and a 0 % buffer", () => {
    expect(summarizeBudget({ incomes: [], expenses: [], bufferPct: "0" })).toEqual({
      incomeFen: 0,
      expenseFen: 0,
      disposableFen: 0,
      bufferFen: 0,
      affordableFen: 0,
    });
  });

  it.each([
    [{ incomes: [{ kind: "salary", monthlyFen: -1 }] }, "incomes.0.monthlyFen"],
    [{ incomes: [{ kind: "salary", monthlyFen: 10.5 }] }, "incomes.0.monthlyFen"],
    [{ incomes: [{ kind: "lottery", monthlyFen: 1 }] }, "incomes.0.kind"],
    [
      {
        expenses: [
          { category: "food", monthlyFen: 1 },
          { category: "food", monthlyFen: -3 },
        ],
      },
      "expenses.1.monthlyFen",
    ],
    [{ expenses: [{ category: "gaming", monthlyFen: 1 }] }, "expenses.0.category"],
    [{ bufferPct: "50.01" }, "bufferPct"],
    [{ bufferPct: "-5" }, "bufferPct"],
    [{ bufferPct: "ten" }, "bufferPct"],
  ])("rejects %o", (override, field) => {
    const input = { incomes: [], expenses: [], bufferPct: "10", ...(override as object) };
    expect(() => summarizeBudget(input)).toThrowError(expect.objectContaining({ field }));
    expect(() => summarizeBudget(input)).toThrow(DomainError);
  });

  it("accepts the 50 % upper bound", () => {
    expect(summarizeBudget({ incomes: [{ kind: "other", monthlyFen: 100 }], expenses: [], bufferPct: "50" }).affordableFen).toBe(50);
  });
});
