import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balanceChartRows } from "../../app/(app)/clients/_components/chart-data";
import type { AllocationStrategy } from "../../server/domain/allocation";
import { DomainError } from "../../server/domain/errors";
import type { Commitment, RoomUse } from "../../server/domain/payoff";
import { evaluatePlan, type PlanDebt, type PlanEvaluation } from "../../server/domain/plan";
import { compareEvaluations } from "../../server/domain/plan-compare";
import { buildSchedule, SCHEDULE_METHODS } from "../../server/domain/schedule";

const STRATEGIES: AllocationStrategy[] = ["avalanche", "snowball", "pro-rata"];

// The new agency's client (e2e/agency.ts): penalty and fees waived, 36 interest-free instalments each.
// Contract rates: 0.05 %/day = 18.25 %, 18 %, 0.04 %/day = 14.6 %. Affordable ¥3,420.00 a month.
const interestFree36 = { waivePenalty: true, waiveFees: true, instalment: { method: "interest-free" as const, months: 36 } };
const jd: PlanDebt = {
  debtId: "jd",
  balanceFen: 1_980_000,
  principalFen: 1_800_000,
  interestFen: 120_000,
  penaltyFen: 45_000,
  feesFen: 15_000,
  annualRatePct: "18.25",
  arrangement: interestFree36,
};
const cmb: PlanDebt = {
  debtId: "cmb",
  balanceFen: 3_520_000,
  principalFen: 3_200_000,
  interestFen: 210_000,
  penaltyFen: 80_000,
  feesFen: 30_000,
  annualRatePct: "18",
  arrangement: interestFree36,
};
const hb: PlanDebt = {
  debtId: "hb",
  balanceFen: 940_000,
  principalFen: 900_000,
  interestFen: 40_000,
  penaltyFen: 0,
  feesFen: 0,
  annualRatePct: "14.6",
  arrangement: interestFree36,
};
const AFFORDABLE = 342_000;
const START = "2027-01-01";

function plan(strategy: AllocationStrategy, roomUse: RoomUse, over: Partial<Parameters<typeof evaluatePlan>[0]> = {}) {
  return evaluatePlan({
    debts: [jd, cmb, hb],
    affordableFen: AFFORDABLE,
    startDate: START,
    strategy,
    roomUse,
    minPerCreditorFen: 5_000,
    ...over,
  });
}

const line = (e: PlanEvaluation, id: string) => e.lines.find((l) => l.debtId === id)!;
const paidIn = (e: PlanEvaluation, month: string) =>
  e.lines
    .flatMap((l) => l.schedule)
    .filter((r) => r.dueDate.startsWith(month))
    .reduce((s, r) => s + r.paymentFen, 0);

describe("the room over the negotiated instalments", () => {
  it("kept as a buffer: exactly the negotiated schedules, and the room shown", () => {
    const kept = plan("avalanche", "buffer");
    for (const [debt, l] of [
      [jd, line(kept, "jd")],
      [cmb, line(kept, "cmb")],
      [hb, line(kept, "hb")],
    ] as const) {
      const negotiated = buildSchedule({
        principalFen: debt.balanceFen - debt.penaltyFen - debt.feesFen,
        annualRatePct: "0",
        months: 36,
        method: "interest-free",
        firstDueDate: START,
      });
      expect(l.schedule).toEqual(negotiated);
      expect(l.payoffMonth).toBe("2029-12");
      expect(l.scheduledPayoffMonth).toBe("2029-12");
    }
    // 19,200 + 34,100 + 9,400 = 62,700 over 36 months: ¥1,741.67 the first months (remainder fen first).
    expect(kept.firstMonthTotalFen).toBe(53_334 + 94_723 + 26_112);
    expect(kept.roomFen).toBe(AFFORDABLE - kept.monthlyTotalFen);
    expect(kept.monthsToDebtFree).toBe(36);
    expect(kept.scheduledMonthsToDebtFree).toBe(36);
    expect(kept.strategyEffect).toEqual({ matters: false, reason: "kept-as-buffer" });
  });

  it("put to work: every month pays the whole affordable amount until the last, and debts clear earlier", () => {
    for (const strategy of STRATEGIES) {
      const early = plan(strategy, "clear-early");
      expect(early.firstMonthTotalFen).toBe(AFFORDABLE);
      expect(early.amountToRepayFen).toBe(6_270_000);
      expect(early.totalPaidFen).toBe(6_270_000);
      expect(early.totalInterestFen).toBe(0);
      // 62,700 / 3,420 = 18.33…: 18 full months and a last, smaller one.
      expect(early.monthsToDebtFree).toBe(19);
      early.balanceSeries.slice(0, 18).forEach((p) => expect(paidIn(early, p.month)).toBe(AFFORDABLE));
      expect(paidIn(early, "2028-07")).toBe(6_270_000 - 18 * AFFORDABLE);
      expect(early.balanceSeries.at(-1)).toEqual({ month: "2028-07", remainingFen: 0 });
      expect(early.strategyEffect).toEqual({ matters: true });
    }
  });

  it("goes to the debts in each strategy's order", () => {
    const avalanche = plan("avalanche", "clear-early");
    const snowball = plan("snowball", "clear-early");
    const proRata = plan("pro-rata", "clear-early");
    // Highest rate first: 京东 18.25 %, 招商 18 %, 花呗 14.6 % (plan rates are all 0; the contract rate decides).
    expect(avalanche.clearingOrder).toEqual(["jd", "cmb", "hb"]);
    // Smallest first: 花呗 9,400, 京东 19,200, 招商 34,100.
    expect(snowball.clearingOrder).toEqual(["hb", "jd", "cmb"]);
    // In the first month, avalanche gives 京东 everything above the other two's instalments.
    expect(line(avalanche, "jd").schedule[0]?.paymentFen).toBe(AFFORDABLE - 94_723 - 26_112);
    expect(line(avalanche, "cmb").schedule[0]?.paymentFen).toBe(94_723);
    expect(line(snowball, "hb").schedule[0]?.paymentFen).toBe(AFFORDABLE - 53_334 - 94_723);
    // Pro-rata shares in proportion to what each owes: 3,420 × 19,200 / 62,700 = 1,047.27 (floor + remainder).
    const first = proRata.lines.map((l) => l.schedule[0]!.paymentFen);
    expect(first.reduce((a, b) => a + b, 0)).toBe(AFFORDABLE);
    expect(first).toEqual([104_727, 186_000, 51_273]);
    // Shared in proportion, the three clear within a month of each other.
    const months = proRata.lines.map((l) => l.payoffMonth);
    expect(new Set(months).size).toBeLessThanOrEqual(2);
    expect(line(avalanche, "jd").payoffMonth).not.toBe(line(snowball, "jd").payoffMonth);
    // Its months in runs: ¥2,211.65 while the others' instalments carry their remainder fen, a fen more after.
    expect(line(avalanche, "jd").runs[0]).toMatchObject({ from: "2027-01", lowFen: 221_165, highFen: 221_166 });
    // They differ, and the comparison says why their totals are still the same.
    expect(compareEvaluations(avalanche, snowball)).toEqual({ kind: "same-totals", reason: "no-interest" });
  });

  it("with interest, highest rate first pays the least interest and clearing early pays less than the schedule", () => {
    const charged = (d: PlanDebt, rate: string): PlanDebt => ({
      ...d,
      arrangement: { instalment: { method: "equal-instalment", months: 36, annualRatePct: rate } },
    });
    const debts = [charged(jd, "18"), charged(cmb, "6"), charged(hb, "12")];
    const run = (strategy: AllocationStrategy, roomUse: RoomUse) =>
      evaluatePlan({ debts, affordableFen: 300_000, startDate: START, strategy, roomUse });
    const kept = run("avalanche", "buffer");
    const results = STRATEGIES.map((s) => run(s, "clear-early"));
    const [avalanche, snowball, proRata] = results as [PlanEvaluation, PlanEvaluation, PlanEvaluation];
    expect(avalanche.clearingOrder[0]).toBe("jd");
    expect(snowball.clearingOrder[0]).toBe("hb");
    expect(avalanche.totalInterestFen).toBeLessThan(snowball.totalInterestFen);
    expect(avalanche.totalInterestFen).toBeLessThan(proRata.totalInterestFen);
    for (const r of results) {
      expect(r.totalInterestFen).toBeLessThan(kept.totalInterestFen);
      expect(r.monthsToDebtFree).toBeLessThan(kept.monthsToDebtFree);
      expect(r.totalPaidFen).toBe(r.amountToRepayFen + r.totalInterestFen);
    }
    expect(compareEvaluations(avalanche, snowball)).toBeNull();
  });

  it("gives pro-rata's minimum per creditor to every open debt", () => {
    // 花呗 owes little; with a large minimum it gets at least that much while it is open.
    const early = plan("pro-rata", "clear-early", { minPerCreditorFen: 60_000 });
    for (const row of line(early, "hb").schedule)
      expect(row.paymentFen).toBeGreaterThanOrEqual(Math.min(60_000, row.paymentFen + row.balanceFen));
    expect(line(early, "hb").schedule[0]?.paymentFen).toBe(60_000);
  });
});

describe("agreed debts: fixed commitments", () => {
  const agreedCmb: Commitment = { debtId: "cmb", monthlyFen: 100_000, monthsLeft: 5 };

  it("come off the affordable amount in the months they run, and are not planned again", () => {
    const early = evaluatePlan({
      debts: [jd, hb],
      affordableFen: AFFORDABLE,
      startDate: START,
      strategy: "avalanche",
      roomUse: "clear-early",
      commitments: [agreedCmb],
    });
    expect(early.lines.map((l) => l.debtId)).toEqual(["jd", "hb"]);
    expect(early.commitments).toEqual([agreedCmb]);
    expect(early.agreedMonthlyFen).toBe(100_000);
    expect(early.firstMonthTotalFen).toBe(AFFORDABLE - 100_000);
    for (const month of ["2027-01", "2027-05"]) expect(paidIn(early, month)).toBe(AFFORDABLE - 100_000);
    expect(paidIn(early, "2027-06")).toBe(AFFORDABLE);
    expect(early.feasible).toBe(true);

    const kept = evaluatePlan({
      debts: [jd, hb],
      affordableFen: AFFORDABLE,
      startDate: START,
      roomUse: "buffer",
      commitments: [agreedCmb],
    });
    expect(kept.roomFen).toBe(AFFORDABLE - 100_000 - kept.firstMonthTotalFen);
  });

  it("count towards being over the affordable amount", () => {
    const tight = evaluatePlan({
      debts: [jd],
      affordableFen: 100_000,
      startDate: START,
      commitments: [{ debtId: "cmb", monthlyFen: 90_000, monthsLeft: 3 }],
    });
    expect(tight.reasons).toEqual([{ code: "over-affordable", params: { overByFen: 90_000 + 53_334 - 100_000, month: "2027-01" } }]);
    expect(tight.roomFen).toBe(0);
  });

  it("are refused when the debt is also in the plan, listed twice or out of range", () => {
    const run = (commitments: Commitment[]) => () => evaluatePlan({ debts: [jd], affordableFen: 0, startDate: START, commitments });
    expect(run([{ debtId: "jd", monthlyFen: 1, monthsLeft: 1 }])).toThrowError(expect.objectContaining({ code: "committed_debt_in_plan" }));
    expect(run([agreedCmb, agreedCmb])).toThrowError(expect.objectContaining({ code: "duplicate_debt" }));
    expect(run([{ ...agreedCmb, monthlyFen: -1 }])).toThrowError(expect.objectContaining({ field: "commitments.0.monthlyFen" }));
    expect(run([{ ...agreedCmb, monthsLeft: 1.5 }])).toThrow(DomainError);
  });
});

describe("when strategies give the same result, the reason comes from the computation", () => {
  const same = (a: PlanEvaluation, b: PlanEvaluation) => compareEvaluations(a, b);

  it("no room: the instalments take all the affordable amount", () => {
    // ¥3,600 and ¥7,200 over 36 months: ¥100 + ¥200 every month, and ¥300 is all the client can afford.
    const even = (d: PlanDebt, fen: number): PlanDebt => ({
      ...d,
      balanceFen: fen,
      principalFen: fen,
      interestFen: 0,
      penaltyFen: 0,
      feesFen: 0,
    });
    const debts = [even(jd, 360_000), even(hb, 720_000)];
    const [a, s] = (["avalanche", "snowball"] as const).map((st) => plan(st, "clear-early", { debts, affordableFen: 30_000 }));
    expect(a!.roomFen).toBe(0);
    expect(a!.strategyEffect).toEqual({ matters: false, reason: "no-room" });
    expect(same(a!, s!)).toEqual({ kind: "same-result", reason: "no-room" });
  });

  it("one debt, kept as a buffer, room for everything, one open debt at a time", () => {
    const one = (st: AllocationStrategy) =>
      evaluatePlan({ debts: [jd], affordableFen: AFFORDABLE, startDate: START, strategy: st, roomUse: "clear-early" });
    expect(same(one("avalanche"), one("pro-rata"))).toEqual({ kind: "same-result", reason: "one-debt" });
    expect(same(plan("avalanche", "buffer"), plan("snowball", "buffer"))).toEqual({ kind: "same-result", reason: "kept-as-buffer" });
    const rich = (st: AllocationStrategy) => plan(st, "clear-early", { affordableFen: 10_000_000 });
    expect(rich("snowball").monthsToDebtFree).toBe(1);
    expect(same(rich("snowball"), rich("pro-rata"))).toEqual({ kind: "same-result", reason: "room-covers-all" });
    // 京东 is paid off within the first months; 花呗 is deferred for 12 months: never two open at once.
    const apart = (st: AllocationStrategy) =>
      evaluatePlan({
        debts: [
          { ...jd, arrangement: { ...interestFree36, instalment: { method: "interest-free", months: 6 } } },
          { ...hb, arrangement: { ...interestFree36, deferralMonths: 12 } },
        ],
        affordableFen: AFFORDABLE,
        startDate: START,
        strategy: st,
        roomUse: "clear-early",
      });
    expect(apart("avalanche").strategyEffect).toEqual({ matters: false, reason: "one-open-debt" });
    expect(same(apart("avalanche"), apart("snowball"))).toEqual({ kind: "same-result", reason: "one-open-debt" });
  });

  it("the same order: the highest rate is also the smallest debt", () => {
    const debts = [
      { ...hb, annualRatePct: "30" },
      { ...jd, annualRatePct: "20" },
      { ...cmb, annualRatePct: "10" },
    ];
    const [a, s] = (["avalanche", "snowball"] as const).map((st) =>
      evaluatePlan({ debts, affordableFen: AFFORDABLE, startDate: START, strategy: st, roomUse: "clear-early" }),
    );
    expect(a!.strategyEffect).toEqual({ matters: true });
    expect(same(a!, s!)).toEqual({ kind: "same-result", reason: "same-order" });
    expect(same(a!, a!)).toEqual({ kind: "same-result", reason: "same-settings" });
  });
});

describe("the balance chart", () => {
  it("follows each scenario's schedule to 0 on its last month", () => {
    // The scenarios: 36 and 24 months from 2027-01.
    const months = (n: number): PlanDebt[] =>
      [jd, cmb, hb].map((d) => ({ ...d, arrangement: { ...interestFree36, instalment: { method: "interest-free", months: n } } }));
    const a = evaluatePlan({ debts: months(36), affordableFen: AFFORDABLE, startDate: START, roomUse: "buffer" });
    const b = evaluatePlan({ debts: months(24), affordableFen: AFFORDABLE, startDate: START, roomUse: "buffer" });
    const c = plan("snowball", "clear-early");
    const rows = balanceChartRows([
      { key: "s0", points: a.balanceSeries },
      { key: "s1", points: b.balanceSeries },
      { key: "s2", points: c.balanceSeries },
    ]);
    expect(rows[0]?.month).toBe("2027-01");
    for (const [key, e, last] of [
      ["s0", a, "2029-12"],
      ["s1", b, "2028-12"],
      ["s2", c, "2028-07"],
    ] as const) {
      const withKey = rows.filter((r) => key in r);
      expect(withKey).toHaveLength(e.monthsToDebtFree);
      expect(withKey.at(-1)).toMatchObject({ month: last, [key]: 0 });
      expect(withKey[0]?.[key]).toBe(e.amountToRepayFen - e.lines.reduce((s, l) => s + (l.schedule[0]?.principalFen ?? 0), 0));
    }
    expect(rows.map((r) => r.month)).toEqual([...rows.map((r) => r.month)].sort());
  });
});

describe("properties of any plan", () => {
  const debt = fc
    .record({
      principalFen: fc.integer({ min: 0, max: 5_000_000 }),
      interestFen: fc.integer({ min: 0, max: 500_000 }),
      waiveInterest: fc.boolean(),
      rate: fc.constantFrom("0", "7.2", "18", "24", "35.9"),
      instalment: fc.option(fc.record({ method: fc.constantFrom(...SCHEDULE_METHODS), months: fc.integer({ min: 1, max: 60 }) }), {
        nil: undefined,
      }),
      deferralMonths: fc.integer({ min: 0, max: 6 }),
    })
    .map((d): Omit<PlanDebt, "debtId"> => ({
      balanceFen: d.principalFen + d.interestFen,
      principalFen: d.principalFen,
      interestFen: d.interestFen,
      penaltyFen: 0,
      feesFen: 0,
      annualRatePct: d.rate,
      arrangement: { waiveInterest: d.waiveInterest, instalment: d.instalment, deferralMonths: d.deferralMonths },
    }));
  const input = fc.record({
    debts: fc.array(debt, { minLength: 0, maxLength: 5 }).map((ds) => ds.map((d, i) => ({ ...d, debtId: `d${i}` }))),
    affordableFen: fc.integer({ min: 0, max: 2_000_000 }),
    strategy: fc.constantFrom(...STRATEGIES),
    minPerCreditorFen: fc.integer({ min: 0, max: 20_000 }),
    commitment: fc.option(fc.record({ monthlyFen: fc.integer({ min: 0, max: 300_000 }), monthsLeft: fc.integer({ min: 0, max: 40 }) }), {
      nil: undefined,
    }),
  });
  const evaluate = evaluatePlan;

  it("every debt reaches 0, sums are exact, payoff months and totals match the schedule, strategies only ever help", () => {
    fc.assert(
      fc.property(input, (i) => {
        const commitments = i.commitment ? [{ debtId: "agreed", ...i.commitment }] : [];
        const base = {
          debts: i.debts,
          affordableFen: i.affordableFen,
          startDate: "2026-01-31",
          strategy: i.strategy,
          minPerCreditorFen: i.minPerCreditorFen,
          commitments,
        };
        const early = evaluate({ ...base, roomUse: "clear-early" });
        const kept = evaluate({ ...base, roomUse: "buffer" });
        for (const e of [early, kept]) {
          expect(e.totalPaidFen).toBe(e.lines.reduce((s, l) => s + l.totalPaidFen, 0));
          e.lines.forEach((l) => {
            expect(l.schedule.reduce((s, r) => s + r.principalFen, 0)).toBe(l.amountToRepayFen);
            expect(l.schedule.at(-1)?.balanceFen ?? 0).toBe(0);
            l.schedule.forEach((r) => {
              expect(Number.isSafeInteger(r.paymentFen) && r.paymentFen >= 0).toBe(true);
              expect(r.paymentFen).toBe(r.principalFen + r.interestFen);
            });
            expect(l.totalPaidFen).toBe(l.schedule.reduce((s, r) => s + r.paymentFen, 0));
            expect(l.interestFen).toBe(l.schedule.reduce((s, r) => s + r.interestFen, 0));
            expect(l.payoffMonth).toBe(l.schedule.at(-1)?.dueDate.slice(0, 7) ?? null);
            // Runs cover every payment in order, each month once, a fen apart at most, totals exact.
            let k = 0;
            for (const run of l.runs) {
              const covered = l.schedule.slice(k, k + run.months);
              k += run.months;
              expect(covered[0]?.dueDate.slice(0, 7)).toBe(run.from);
              expect(covered.at(-1)?.dueDate.slice(0, 7)).toBe(run.to);
              expect(covered.reduce((sum, r) => sum + r.paymentFen, 0)).toBe(run.totalFen);
              covered.forEach((r) => expect(r.paymentFen >= run.lowFen && r.paymentFen <= run.highFen).toBe(true));
              expect(run.highFen - run.lowFen).toBeLessThanOrEqual(1);
            }
            expect(k).toBe(l.schedule.length);
          });
          const ranked = e.lines.filter((l) => l.payoffMonth !== null);
          expect(e.clearingOrder).toHaveLength(ranked.length);
          const order = e.clearingOrder.map((id) => e.lines.find((l) => l.debtId === id)!.payoffMonth!);
          expect(order).toEqual([...order].sort());
          expect(e.balanceSeries).toHaveLength(e.monthsToDebtFree);
          if (e.balanceSeries.length > 0) expect(e.balanceSeries.at(-1)?.remainingFen).toBe(0);
          expect(e.amountToRepayFen).toBe(kept.amountToRepayFen);
        }
        // Paying more never costs more interest nor takes longer, debt by debt.
        expect(early.monthsToDebtFree).toBeLessThanOrEqual(kept.monthsToDebtFree);
        early.lines.forEach((l, n) => {
          const k = kept.lines[n]!;
          expect(l.interestFen).toBeLessThanOrEqual(k.interestFen);
          if (l.payoffMonth && k.payoffMonth) expect(l.payoffMonth <= k.payoffMonth).toBe(true);
        });
        // Using the room: a month pays less than is available only when it clears every debt open in it.
        if (early.feasible) {
          for (const point of early.balanceSeries) {
            const offset = early.balanceSeries.indexOf(point);
            const available = Math.max(
              0,
              i.affordableFen - (commitments[0] && offset < commitments[0].monthsLeft ? commitments[0].monthlyFen : 0),
            );
            const rows = early.lines.flatMap((l) => l.schedule).filter((r) => r.dueDate.startsWith(point.month));
            const paid = rows.reduce((s, r) => s + r.paymentFen, 0);
            expect(paid).toBeLessThanOrEqual(available);
            if (paid < available) expect(rows.every((r) => r.balanceFen === 0)).toBe(true);
          }
        }
        // "The strategy makes no difference" is true: the other strategies pay exactly the same.
        if (!early.strategyEffect.matters) {
          for (const other of STRATEGIES) {
            const o = evaluate({ ...base, strategy: other, roomUse: "clear-early" });
            expect(o.lines.map((l) => l.schedule)).toEqual(early.lines.map((l) => l.schedule));
            expect(compareEvaluations(early, o)?.kind).toBe("same-result");
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("avalanche and snowball give the room to one debt at a time, in their order", () => {
    // Interest-free, no deferral: each month's minimum is the negotiated instalment (or what is left).
    const flat = fc
      .array(
        fc.record({
          amountFen: fc.integer({ min: 1, max: 3_000_000 }),
          months: fc.integer({ min: 1, max: 36 }),
          rate: fc.constantFrom("10", "18", "24"),
        }),
        { minLength: 2, maxLength: 5 },
      )
      .map((ds) =>
        ds.map((d, i): PlanDebt => ({
          debtId: `d${i}`,
          balanceFen: d.amountFen,
          principalFen: d.amountFen,
          interestFen: 0,
          penaltyFen: 0,
          feesFen: 0,
          annualRatePct: d.rate,
          arrangement: { instalment: { method: "interest-free", months: d.months } },
        })),
      );
    fc.assert(
      fc.property(
        flat,
        fc.integer({ min: 0, max: 1_500_000 }),
        fc.constantFrom("avalanche" as const, "snowball" as const),
        (debts, affordableFen, strategy) => {
          const e = evaluatePlan({ debts, affordableFen, startDate: START, strategy, roomUse: "clear-early" });
          const negotiated = debts.map((d) =>
            buildSchedule({
              principalFen: d.balanceFen,
              annualRatePct: "0",
              months: d.arrangement.instalment!.months,
              method: "interest-free",
              firstDueDate: START,
            }),
          );
          const rowsByMonth = e.lines.map((l) => new Map(l.schedule.map((r) => [r.dueDate, r])));
          for (const point of e.balanceSeries) {
            const date = `${point.month}-01`;
            const open = debts
              .map((d, n) => {
                const row = rowsByMonth[n]!.get(date);
                if (!row) return null;
                const opening = row.balanceFen + row.principalFen;
                const minimum = Math.min(negotiated[n]!.find((r) => r.dueDate === date)?.paymentFen ?? 0, opening);
                return { n, rate: Number(d.annualRatePct), opening, extra: row.paymentFen - minimum, cleared: row.balanceFen === 0 };
              })
              .filter((x) => x !== null);
            open.sort((a, b) => (strategy === "avalanche" ? b.rate - a.rate : a.opening - b.opening) || a.n - b.n);
            // Whoever gets extra, every debt before it in the order was cleared that month.
            open.forEach((o, k) => {
              if (o.extra > 0) open.slice(0, k).forEach((before) => expect(before.cleared).toBe(true));
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
