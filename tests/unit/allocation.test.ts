import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, type AllocationInput } from "../../server/domain/allocation";
import { DomainError } from "../../server/domain/errors";

function amounts(input: AllocationInput): number[] {
  const result = allocate(input);
  if (!result.ok) throw new Error("expected a feasible allocation");
  return result.allocations.map((a) => a.amountFen);
}

describe("pro-rata", () => {
  // StepChange's own example (stepchange.org/clients/dmp-payment-calculation.aspx): a £15 DMP payment,
  // a card with a £25 contractual payment and a loan with £50 → £5 and £10.
  it("shares by contractual payment as StepChange does", () => {
    const result = allocate({
      availableFen: 1500,
      debts: [
        { id: "card", balanceFen: 100_000, contractualFen: 2500 },
        { id: "loan", balanceFen: 700_000, contractualFen: 5000 },
      ],
      basis: "contractual",
      minimumFen: 500,
      strategy: "pro-rata",
    });
    expect(result).toEqual({
      ok: true,
      allocations: [
        { id: "card", amountFen: 500 },
        { id: "loan", amountFen: 1000 },
      ],
      unallocatedFen: 0,
    });
  });

  it("shares by balance, exact to the fen by largest remainder", () => {
    // 1,000 / 3 each: 333.33… → one extra fen, to the largest balance on a tie of remainders.
    expect(
      amounts({
        availableFen: 100_000,
        debts: [
          { id: "a", balanceFen: 1_000_000 },
          { id: "b", balanceFen: 1_000_000 },
          { id: "c", balanceFen: 1_000_000 },
        ],
        basis: "balance",
        minimumFen: 0,
        strategy: "pro-rata",
      }),
    ).toEqual([33_334, 33_333, 33_333]);
    // Equal remainders, different balances are impossible with the balance basis, so test ties on the
    // contractual basis: the larger balance wins, then input order.
    expect(
      amounts({
        availableFen: 2,
        debts: [
          { id: "a", balanceFen: 500, contractualFen: 1 },
          { id: "b", balanceFen: 900, contractualFen: 1 },
          { id: "c", balanceFen: 900, contractualFen: 1 },
        ],
        basis: "contractual",
        minimumFen: 0,
        strategy: "pro-rata",
      }),
    ).toEqual([0, 1, 1]);
  });

  it("raises a small share to the minimum and re-shares the rest", () => {
    // 1,000 yuan on 10,000 / 190,000 / 800,000: the first would get 10 yuan, is raised to 50, and the other
    // two share the remaining 950 yuan 19:80.
    expect(
      amounts({
        availableFen: 100_000,
        debts: [
          { id: "small", balanceFen: 1_000_000 },
          { id: "mid", balanceFen: 19_000_000 },
          { id: "big", balanceFen: 80_000_000 },
        ],
        basis: "balance",
        minimumFen: 5_000,
        strategy: "pro-rata",
      }),
    ).toEqual([5_000, 18_232, 76_768]);
  });

  it("caps at the balance and reports what nobody can take", () => {
    const result = allocate({
      availableFen: 100_000,
      debts: [
        { id: "a", balanceFen: 1_000 },
        { id: "b", balanceFen: 20_000 },
      ],
      basis: "balance",
      minimumFen: 5_000,
      strategy: "pro-rata",
    });
    expect(result).toEqual({
      ok: true,
      allocations: [
        { id: "a", amountFen: 1_000 },
        { id: "b", amountFen: 20_000 },
      ],
      unallocatedFen: 79_000,
    });
  });

  it("gives a capped debt's excess to the others", () => {
    // By contractual payment the first would get half, more than it owes.
    expect(
      amounts({
        availableFen: 10_000,
        debts: [
          { id: "a", balanceFen: 2_000, contractualFen: 5_000 },
          { id: "b", balanceFen: 500_000, contractualFen: 3_000 },
          { id: "c", balanceFen: 500_000, contractualFen: 2_000 },
        ],
        basis: "contractual",
        minimumFen: 0,
        strategy: "pro-rata",
      }),
    ).toEqual([2_000, 4_800, 3_200]);
  });

  it("is infeasible when the minimums alone exceed the amount", () => {
    expect(
      allocate({
        availableFen: 1_000,
        debts: [
          { id: "a", balanceFen: 100_000 },
          { id: "b", balanceFen: 100_000 },
          { id: "c", balanceFen: 300 },
        ],
        basis: "balance",
        minimumFen: 500,
        strategy: "pro-rata",
      }),
    ).toEqual({ ok: false, reason: "minimums-exceed-available", requiredFen: 1_300, availableFen: 1_000 });
  });

  it("gives a debt with a contractual payment of 0 only its minimum", () => {
    expect(
      amounts({
        availableFen: 10_000,
        debts: [
          { id: "a", balanceFen: 50_000, contractualFen: 0 },
          { id: "b", balanceFen: 50_000, contractualFen: 1_000 },
        ],
        basis: "contractual",
        minimumFen: 500,
        strategy: "pro-rata",
      }),
    ).toEqual([500, 9_500]);
  });
});

describe("avalanche and snowball", () => {
  const debts = [
    { id: "card", balanceFen: 300_000, annualRatePct: "18" },
    { id: "app", balanceFen: 50_000, annualRatePct: "35.9" },
    { id: "bank", balanceFen: 20_000, annualRatePct: "4.35" },
    { id: "friend", balanceFen: 100_000 },
  ];

  it("avalanche pays the highest rate first, unknown rates last", () => {
    expect(amounts({ availableFen: 100_000, debts, basis: "balance", minimumFen: 1_000, strategy: "avalanche" })).toEqual([
      48_000, 50_000, 1_000, 1_000,
    ]); // 1,000 each, then 490 yuan to "app", the last 470 to "card"
  });

  it("snowball pays the smallest balance first", () => {
    expect(amounts({ availableFen: 100_000, debts, basis: "balance", minimumFen: 1_000, strategy: "snowball" })).toEqual([
      1_000, 50_000, 20_000, 29_000,
    ]);
  });

  it("report the leftover when every debt is paid off", () => {
    const result = allocate({ availableFen: 600_000, debts, basis: "balance", minimumFen: 1_000, strategy: "avalanche" });
    expect(result).toMatchObject({ ok: true, unallocatedFen: 600_000 - 470_000 });
  });
});

describe("validation", () => {
  const base: AllocationInput = {
    availableFen: 1_000,
    debts: [{ id: "a", balanceFen: 1_000, contractualFen: 100 }],
    basis: "balance",
    minimumFen: 0,
    strategy: "pro-rata",
  };
  it.each([
    [{ availableFen: -1 }, "availableFen"],
    [{ availableFen: 1.5 }, "availableFen"],
    [{ minimumFen: -1 }, "minimumFen"],
    [{ strategy: "random" }, "strategy"],
    [{ basis: "age" }, "basis"],
    [{ debts: [{ id: "a", balanceFen: -1 }] }, "debts.0.balanceFen"],
    [
      {
        debts: [
          { id: "a", balanceFen: 1 },
          { id: "a", balanceFen: 2 },
        ],
      },
      "debts.1.id",
    ],
    [{ basis: "contractual", debts: [{ id: "a", balanceFen: 1 }] }, "debts.0.contractualFen"],
    [{ debts: [{ id: "a", balanceFen: 1, annualRatePct: "abc" }] }, "debts.0.annualRatePct"],
    [{ debts: [{ id: "a", balanceFen: 1, contractRatePct: "-1" }] }, "debts.0.contractRatePct"],
    [{ debts: [{ id: "a", balanceFen: 1, floorFen: -1 }] }, "debts.0.floorFen"],
  ])("rejects %o", (override, field) => {
    expect(() => allocate({ ...base, ...(override as object) })).toThrowError(expect.objectContaining({ field }));
    expect(() => allocate({ ...base, ...(override as object) })).toThrow(DomainError);
  });
});

describe("properties", () => {
  const input = fc.record({
    availableFen: fc.integer({ min: 0, max: 10_000_000 }),
    minimumFen: fc.integer({ min: 0, max: 10_000 }),
    basis: fc.constantFrom("balance" as const, "contractual" as const),
    strategy: fc.constantFrom("pro-rata" as const, "avalanche" as const, "snowball" as const),
    debts: fc
      .array(
        fc.record({
          balanceFen: fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 100_000_000 })),
          contractualFen: fc.integer({ min: 0, max: 1_000_000 }),
          annualRatePct: fc.option(
            fc.integer({ min: 0, max: 36_000 }).map((bp) => (bp / 100).toFixed(2)),
            { nil: undefined },
          ),
        }),
        { maxLength: 12 },
      )
      .map((debts) => debts.map((debt, i) => ({ id: `d${i}`, ...debt }))),
  });

  it("sum exactly, stay within [min(minimum, balance), balance], in input order, deterministically", () => {
    fc.assert(
      fc.property(input, (args) => {
        const result = allocate(args);
        expect(allocate(args)).toEqual(result);
        const required = args.debts.reduce((sum, d) => sum + Math.min(args.minimumFen, d.balanceFen), 0);
        if (!result.ok) {
          expect(required).toBeGreaterThan(args.availableFen);
          expect(result.requiredFen).toBe(required);
          return;
        }
        expect(required).toBeLessThanOrEqual(args.availableFen);
        expect(result.allocations.map((a) => a.id)).toEqual(args.debts.map((d) => d.id));
        const total = result.allocations.reduce((sum, a) => sum + a.amountFen, 0);
        expect(total + result.unallocatedFen).toBe(args.availableFen);
        expect(result.unallocatedFen).toBeGreaterThanOrEqual(0);
        result.allocations.forEach((a, i) => {
          const debt = args.debts[i];
          if (!debt) throw new Error("missing debt");
          expect(Number.isSafeInteger(a.amountFen)).toBe(true);
          expect(a.amountFen).toBeGreaterThanOrEqual(Math.min(args.minimumFen, debt.balanceFen));
          expect(a.amountFen).toBeLessThanOrEqual(debt.balanceFen);
        });
        // Money is only left over when nobody can take more.
        if (result.unallocatedFen > 0) {
          result.allocations.forEach((a, i) => {
            const debt = args.debts[i];
            const stuckAtFloor = args.strategy === "pro-rata" && args.basis === "contractual" && debt?.contractualFen === 0;
            if (!stuckAtFloor) expect(a.amountFen).toBe(debt?.balanceFen);
          });
        }
      }),
      { numRuns: 500 },
    );
  });

  it("pro-rata shares above the floor and below the cap are proportional to the weight, to within a fen", () => {
    fc.assert(
      fc.property(input, (args) => {
        const result = allocate({ ...args, strategy: "pro-rata" });
        if (!result.ok) return;
        const weight = (i: number) => {
          const debt = args.debts[i];
          return args.basis === "balance" ? (debt?.balanceFen ?? 0) : (debt?.contractualFen ?? 0);
        };
        const free = result.allocations
          .map((a, i) => ({ a: a.amountFen, w: weight(i), debt: args.debts[i] }))
          .filter(({ a, w, debt }) => debt && w > 0 && a > Math.min(args.minimumFen, debt.balanceFen) && a < debt.balanceFen);
        for (const x of free) {
          for (const y of free) {
            // a_x / w_x ≈ a_y / w_y, with up to one fen of rounding on each side.
            expect((x.a - 1) * y.w).toBeLessThanOrEqual((y.a + 1) * x.w);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("a debt's own floor and the avalanche tie-break (used month by month by a plan)", () => {
  it("gives every debt at least its own floor, then shares the rest by the strategy", () => {
    const debts = [
      { id: "a", balanceFen: 100_000, floorFen: 30_000, annualRatePct: "0", contractRatePct: "18" },
      { id: "b", balanceFen: 300_000, floorFen: 10_000, annualRatePct: "0", contractRatePct: "24" },
    ];
    // Avalanche: equal plan rates, so the contract rate decides: b first.
    expect(amounts({ availableFen: 60_000, debts, basis: "balance", minimumFen: 0, strategy: "avalanche" })).toEqual([30_000, 30_000]);
    // Snowball: the smaller balance first.
    expect(amounts({ availableFen: 60_000, debts, basis: "balance", minimumFen: 0, strategy: "snowball" })).toEqual([50_000, 10_000]);
    // Pro-rata 1:3 would give a 15,000, below its floor: it gets 30,000 and b the rest.
    expect(amounts({ availableFen: 60_000, debts, basis: "balance", minimumFen: 0, strategy: "pro-rata" })).toEqual([30_000, 30_000]);
    // A common minimum above a debt's own floor wins; neither is ever more than the balance.
    expect(
      amounts({
        availableFen: 60_000,
        debts: [{ id: "c", balanceFen: 4_000, floorFen: 1_000 }, ...debts],
        basis: "balance",
        minimumFen: 5_000,
        strategy: "pro-rata",
      })[0],
    ).toBe(4_000);
  });

  it("holds for any floors: exact sums, floors met, caps kept, infeasible only when the floors do not fit", () => {
    const debt = fc.record({
      balanceFen: fc.integer({ min: 0, max: 1_000_000 }),
      floorFen: fc.integer({ min: 0, max: 200_000 }),
      annualRatePct: fc.constantFrom("0", "12", "24"),
      contractRatePct: fc.constantFrom("10", "18", "36"),
    });
    fc.assert(
      fc.property(
        fc.array(debt, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom("pro-rata" as const, "avalanche" as const, "snowball" as const),
        (list, availableFen, minimumFen, strategy) => {
          const debts = list.map((d, i) => ({ ...d, id: `d${i}` }));
          const floors = debts.map((d) => Math.min(Math.max(minimumFen, d.floorFen), d.balanceFen));
          const result = allocate({ availableFen, debts, basis: "balance", minimumFen, strategy });
          const required = floors.reduce((a, b) => a + b, 0);
          if (!result.ok) {
            expect(result.requiredFen).toBe(required);
            expect(required).toBeGreaterThan(availableFen);
            return;
          }
          const given = result.allocations.map((a) => a.amountFen);
          given.forEach((g, i) => {
            expect(g).toBeGreaterThanOrEqual(floors[i]!);
            expect(g).toBeLessThanOrEqual(debts[i]!.balanceFen);
          });
          const capacity = debts.reduce((s, d) => s + d.balanceFen, 0);
          expect(given.reduce((a, b) => a + b, 0) + result.unallocatedFen).toBe(availableFen);
          expect(result.unallocatedFen).toBe(Math.max(0, availableFen - capacity));
        },
      ),
      { numRuns: 300 },
    );
  });
});
