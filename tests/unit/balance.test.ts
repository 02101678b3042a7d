import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  balanceBasis,
  balanceBeforeAgreement,
  currentAgreement,
  debtDailyGrowth,
  growthOn,
  nextPayment,
  owedOn,
  type AgreementForBalance,
  type BalanceFacts,
  type DebtFigures,
} from "../../server/domain/balance";
import { addDays, shanghaiInstant } from "../../server/domain/time";

/** 京东金条 of the e2e agency: ¥18,000 principal at 0.05 %/day (18 % a year), penalty interest 24 % a year. */
const figures: DebtFigures = {
  outstandingPrincipalFen: 1_800_000,
  interestFen: 120_000,
  penaltyFen: 45_000,
  feesFen: 15_000,
  annualRatePct: "18",
  penaltyAnnualRatePct: "24",
  overdueSince: "2026-09-30",
};
const recordedOn = "2026-12-01";
const recordedAt = shanghaiInstant(recordedOn, 10 * 60);

function facts(over: Partial<BalanceFacts> = {}): BalanceFacts {
  return { archived: false, figures, figuresRecordedAt: recordedAt, agreement: null, ...over };
}

/** 12 instalments of 16,250 on 195,000 after a 45,000 penalty waiver, agreed two days after the figures. */
function agreement(over: Partial<AgreementForBalance> = {}): AgreementForBalance {
  return {
    id: "a1",
    status: "active",
    agreedOn: "2026-12-03",
    createdAt: shanghaiInstant("2026-12-03", 15 * 60),
    terms: { waiver: { penaltyFen: 45_000 }, instalments: { amountFen: 1_935_000 } },
    schedule: Array.from({ length: 12 }, (_, i) => ({ seq: i + 1, dueDate: addDays("2027-01-05", i * 31), amountFen: 161_250 })),
    payments: [],
    ...over,
  };
}

describe("debtDailyGrowth", () => {
  it("is the contract rate on the outstanding principal, plus the penalty rate while overdue", () => {
    // 1,800,000 × 18 % / 360 = 900; × 24 % / 360 = 1,200.
    expect(debtDailyGrowth(figures)).toEqual({ contractFen: 900, penaltyFen: 1_200, totalFen: 2_100 });
    expect(debtDailyGrowth({ ...figures, overdueSince: null })).toEqual({ contractFen: 900, penaltyFen: 0, totalFen: 900 });
    expect(debtDailyGrowth({ ...figures, penaltyAnnualRatePct: null })).toEqual({ contractFen: 900, penaltyFen: 0, totalFen: 900 });
  });
});

describe("balanceBasis: before an agreement", () => {
  it("is the recorded figures plus their daily growth since the day they were recorded", () => {
    const b = balanceBasis(facts());
    expect(b).toMatchObject({
      kind: "estimate",
      baseFen: 1_980_000,
      asOf: recordedOn,
      dailyGrowthFen: 2_100,
      figuresFen: 1_980_000,
      pendingFen: 0,
      reliefFen: 0,
    });
    expect(owedOn(b, recordedOn)).toBe(1_980_000);
    expect(owedOn(b, "2026-12-11")).toBe(1_980_000 + 10 * 2_100);
    expect(growthOn(b, "2026-12-11")).toBe(21_000);
    // A day before the figures (a clock behind) counts no growth, never a negative one.
    expect(owedOn(b, "2026-11-20")).toBe(1_980_000);
  });

  it("counts the day in Beijing: figures recorded at 23:30 Beijing (15:30 UTC) are that day's", () => {
    const b = balanceBasis(facts({ figuresRecordedAt: new Date("2026-12-01T15:30:00Z") }));
    expect(b.asOf).toBe("2026-12-01");
    expect(balanceBasis(facts({ figuresRecordedAt: new Date("2026-12-01T16:30:00Z") })).asOf).toBe("2026-12-02");
  });

  it("an agreement with no money in it (a credit-record correction, a deferral alone) leaves the estimate", () => {
    const b = balanceBasis(facts({ agreement: agreement({ terms: {}, schedule: [] }) }));
    expect(b.kind).toBe("estimate");
    expect(b.baseFen).toBe(1_980_000);
  });

  it("an archived debt owes nothing here", () => {
    const b = balanceBasis(facts({ archived: true, agreement: agreement() }));
    expect(b.kind).toBe("archived");
    expect(owedOn(b, "2030-01-01")).toBe(0);
  });
});

describe("balanceBasis: under an agreement", () => {
  it("is the agreed total minus confirmed payments; a reported payment stands beside it, not subtracted", () => {
    const payments = [
      { id: "p1", amountFen: 161_250, paidOn: "2027-01-04", status: "confirmed" as const },
      { id: "p2", amountFen: 100_000, paidOn: "2027-02-03", status: "reported" as const },
    ];
    const b = balanceBasis(facts({ agreement: agreement({ payments }) }));
    expect(b).toMatchObject({
      kind: "agreed",
      agreementId: "a1",
      agreedTotalFen: 1_935_000,
      paidFen: 161_250,
      pendingFen: 100_000,
      baseFen: 1_935_000 - 161_250,
      dailyGrowthFen: 0,
      waivedFen: 45_000,
      reliefFen: 45_000,
      // The debt as it stood on the agreement day: figures + 2 days of growth.
      beforeAgreementFen: 1_980_000 + 2 * 2_100,
      nextInstalmentFen: 161_250,
      nextDueOn: addDays("2027-01-05", 31),
      instalmentsLeft: 11,
      monthlyFen: 161_250,
    });
    expect(owedOn(b, "2027-06-01")).toBe(1_773_750);
  });

  it("the relief includes what a lump sum leaves out of the figures after the waiver", () => {
    const a = agreement({
      terms: { waiver: { penaltyFen: 45_000 }, lumpSum: { amountFen: 1_500_000 } },
      schedule: [{ seq: 1, dueDate: "2026-12-20", amountFen: 1_500_000 }],
    });
    const b = balanceBasis(facts({ agreement: a }));
    expect(b).toMatchObject({
      kind: "agreed",
      agreedTotalFen: 1_500_000,
      waivedFen: 45_000,
      reliefFen: 480_000,
      monthlyFen: null,
      nextInstalmentFen: 1_500_000,
      instalmentsLeft: 1,
    });
  });

  it("a waiver alone fixes the total at the figures less the waiver", () => {
    const b = balanceBasis(facts({ agreement: agreement({ terms: { waiver: { penaltyFen: 45_000, feesFen: 15_000 } }, schedule: [] }) }));
    expect(b).toMatchObject({ kind: "agreed", agreedTotalFen: 1_920_000, baseFen: 1_920_000, reliefFen: 60_000, monthlyFen: null });
  });

  it("is settled (zero) when completed, or when confirmed payments cover the total", () => {
    expect(balanceBasis(facts({ agreement: agreement({ status: "completed" }) }))).toMatchObject({ kind: "settled", baseFen: 0 });
    const all = [{ id: "p", amountFen: 2_000_000, paidOn: "2027-01-04", status: "confirmed" as const }];
    const b = balanceBasis(facts({ agreement: agreement({ payments: all }) }));
    expect(b).toMatchObject({ kind: "settled", baseFen: 0, paidFen: 2_000_000, nextDueOn: null });
  });

  it("broken: the agreement's remainder stands, without growth, until new figures are recorded after it", () => {
    const paid = [{ id: "p1", amountFen: 161_250, paidOn: "2027-01-04", status: "confirmed" as const }];
    const broken = agreement({ status: "broken", payments: paid });
    const b = balanceBasis(facts({ agreement: broken }));
    expect(b).toMatchObject({ kind: "broken", baseFen: 1_773_750, dailyGrowthFen: 0, nextDueOn: null, monthlyFen: null });
    expect(owedOn(b, "2028-01-01")).toBe(1_773_750);
    // The counselor records the lender's new figures after the breach: those and their growth apply.
    const newFigures = { ...figures, interestFen: 200_000, penaltyFen: 90_000 };
    const again = balanceBasis(facts({ agreement: broken, figures: newFigures, figuresRecordedAt: shanghaiInstant("2027-03-01", 600) }));
    expect(again).toMatchObject({ kind: "estimate", baseFen: 2_105_000, asOf: "2027-03-01", dailyGrowthFen: 2_100, agreementId: "a1" });
  });
});

describe("balanceBasis: a change agreed with the lender", () => {
  // The first agreement (above) had one instalment of 161,250 paid, leaving 1,773,750. The change: 50,000 of
  // interest waived and 1,600,000 in 10 instalments, the paid instalment carried into its schedule.
  const first = agreement({ status: "replaced" });
  const change = agreement({
    id: "a2",
    agreedOn: "2027-02-01",
    createdAt: shanghaiInstant("2027-02-01", 600),
    terms: { waiver: { interestFen: 50_000 }, instalments: { amountFen: 1_600_000 } },
    remainingBeforeFen: 1_773_750,
    replaced: [first],
    schedule: [
      { seq: 1, dueDate: "2027-01-05", amountFen: 161_250 },
      ...Array.from({ length: 10 }, (_, i) => ({ seq: i + 2, dueDate: addDays("2027-03-01", i * 31), amountFen: 160_000 })),
    ],
    payments: [{ id: "p1", amountFen: 161_250, paidOn: "2027-01-04", status: "confirmed" }],
  });

  it("owes the change's schedule less what was paid; relief is the first agreement's plus the change's against the remainder", () => {
    const b = balanceBasis(facts({ agreement: change }));
    expect(b).toMatchObject({
      kind: "agreed",
      agreementId: "a2",
      agreedTotalFen: 161_250 + 1_600_000,
      paidFen: 161_250,
      baseFen: 1_600_000,
      // 45,000 waived by the first agreement, 50,000 by the change.
      waivedFen: 95_000,
      // First: 45,000 waived (it repays all the rest). Change: 50,000 waived + (1,773,750 − 50,000 − 1,600,000).
      reliefFen: 45_000 + 50_000 + 123_750,
      monthlyFen: 160_000,
      instalmentsLeft: 10,
      nextDueOn: "2027-03-01",
    });
    // The balance before the agreement is the first agreement's (the figures and growth to its day).
    expect(b.beforeAgreementFen).toBe(balanceBasis(facts({ agreement: agreement() })).beforeAgreementFen);
  });

  it("measures the change against what remained, not the figures (which would count the paid part as relief)", () => {
    const flat = balanceBasis(facts({ agreement: { ...change, remainingBeforeFen: null, replaced: [] } }));
    expect(flat.reliefFen).toBe(50_000 + (1_980_000 - 50_000 - 1_600_000));
    expect(balanceBasis(facts({ agreement: change })).reliefFen).toBeLessThan(flat.reliefFen);
  });

  it("a broken change keeps its remainder and its chain's relief", () => {
    const b = balanceBasis(facts({ agreement: { ...change, status: "broken" } }));
    expect(b).toMatchObject({ kind: "broken", baseFen: 1_600_000, dailyGrowthFen: 0, reliefFen: 218_750 });
  });
});

describe("currentAgreement and balanceBeforeAgreement", () => {
  it("an active agreement counts; else the latest recorded", () => {
    const old = { id: "old", status: "completed" as const, createdAt: new Date("2026-01-01T00:00:00Z") };
    const broken = { id: "broken", status: "broken" as const, createdAt: new Date("2026-06-01T00:00:00Z") };
    const active = { id: "active", status: "active" as const, createdAt: new Date("2026-03-01T00:00:00Z") };
    expect(currentAgreement([old, broken, active])?.id).toBe("active");
    expect(currentAgreement([old, broken])?.id).toBe("broken");
    expect(currentAgreement([])).toBeNull();
  });

  it("a replaced agreement is never the current one: the change that replaced it is", () => {
    const first = { id: "first", status: "replaced" as const, createdAt: new Date("2026-06-01T00:00:00Z") };
    const change = { id: "change", status: "broken" as const, createdAt: new Date("2026-03-01T00:00:00Z") };
    expect(currentAgreement([first, change])?.id).toBe("change");
    expect(currentAgreement([first, { ...change, status: "active" as const }])?.id).toBe("change");
  });

  it("is the figures plus growth to the agreement day; figures recorded after the agreement are taken as they are", () => {
    expect(balanceBeforeAgreement(facts(), "2026-12-11")).toBe(1_980_000 + 21_000);
    expect(balanceBeforeAgreement(facts(), "2026-12-11", shanghaiInstant("2026-11-30", 600))).toBe(1_980_000);
  });
});

// ---------------------------------------------------------------- properties

const fen = (max = 50_000_000) => fc.integer({ min: 0, max });
const day = fc.integer({ min: 0, max: 3_000 }).map((n) => addDays("2025-01-01", n));
const rate = fc.integer({ min: 0, max: 36_000 }).map((n) => (n / 1000).toString());
const figuresArb = fc.record({
  outstandingPrincipalFen: fen(),
  interestFen: fen(5_000_000),
  penaltyFen: fen(5_000_000),
  feesFen: fen(1_000_000),
  annualRatePct: rate,
  penaltyAnnualRatePct: fc.option(rate, { nil: null }),
  overdueSince: fc.option(day, { nil: null }),
});
const paymentArb = fc.record({
  amountFen: fc.integer({ min: 1, max: 3_000_000 }),
  paidOn: day,
  status: fc.constantFrom("reported" as const, "confirmed" as const),
});
const agreementArb = fc.record({
  status: fc.constantFrom("active" as const, "completed" as const, "broken" as const),
  agreedOn: day,
  rows: fc.array(fc.integer({ min: 1, max: 2_000_000 }), { maxLength: 24 }),
  waiver: fc.option(fen(1_000_000), { nil: undefined }),
  payments: fc.array(paymentArb, { maxLength: 10 }),
});
const factsArb = fc
  .record({
    archived: fc.boolean(),
    figures: figuresArb,
    recordedOn: day,
    agreement: fc.option(agreementArb, { nil: null }),
    agreedLater: fc.boolean(),
  })
  .map(({ archived, figures: f, recordedOn: on, agreement: a, agreedLater }): BalanceFacts => ({
    archived,
    figures: f,
    figuresRecordedAt: shanghaiInstant(on, 600),
    agreement: a
      ? {
          id: "a",
          status: a.status,
          agreedOn: a.agreedOn,
          createdAt: shanghaiInstant(a.agreedOn, agreedLater ? 1_000 : 300),
          terms: {
            ...(a.waiver !== undefined ? { waiver: { penaltyFen: a.waiver } } : {}),
            ...(a.rows.length ? { instalments: { amountFen: a.rows.reduce((s, x) => s + x, 0) } } : {}),
          },
          schedule: a.rows.map((amountFen, i) => ({ seq: i + 1, dueDate: addDays(a.agreedOn, 30 * (i + 1)), amountFen })),
          payments: a.payments.map((p, i) => ({ ...p, id: `p${i}` })),
        }
      : null,
  }));

describe("balance properties", () => {
  it("never negative, a whole number of fen, and exactly base + daily growth × days", () => {
    fc.assert(
      fc.property(factsArb, day, (f, d) => {
        const b = balanceBasis(f);
        const owed = owedOn(b, d);
        expect(Number.isSafeInteger(owed)).toBe(true);
        expect(owed).toBeGreaterThanOrEqual(0);
        expect(owed - b.baseFen).toBe(growthOn(b, d));
        expect(growthOn(b, d) % Math.max(1, b.dailyGrowthFen)).toBe(0);
        for (const v of [b.baseFen, b.dailyGrowthFen, b.paidFen, b.pendingFen, b.reliefFen])
          expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
      }),
    );
  });

  it("growth is monotone in days", () => {
    fc.assert(
      fc.property(factsArb, day, fc.integer({ min: 0, max: 2_000 }), (f, d, more) => {
        const b = balanceBasis(f);
        expect(owedOn(b, addDays(d, more))).toBeGreaterThanOrEqual(owedOn(b, d));
      }),
    );
  });

  it("settled is zero, on every day", () => {
    fc.assert(
      fc.property(factsArb, day, (f, d) => {
        const b = balanceBasis(f);
        if (b.kind === "settled" || b.kind === "archived") expect(owedOn(b, d)).toBe(0);
        if (f.agreement?.status === "completed" && !f.archived && b.kind !== "estimate") expect(b.kind).toBe("settled");
      }),
    );
  });

  it("a confirmed payment only lowers it; a reported one changes nothing but what is pending", () => {
    fc.assert(
      fc.property(factsArb, paymentArb, day, (f, p, d) => {
        if (!f.agreement) return;
        const before = balanceBasis(f);
        const next = (status: "reported" | "confirmed") =>
          balanceBasis({ ...f, agreement: { ...f.agreement!, payments: [...f.agreement!.payments, { ...p, id: "new", status }] } });
        const confirmed = next("confirmed");
        expect(owedOn(confirmed, d)).toBeLessThanOrEqual(owedOn(before, d));
        const reported = next("reported");
        expect(owedOn(reported, d)).toBe(owedOn(before, d));
        expect(reported.pendingFen).toBe(before.kind === "estimate" || before.kind === "archived" ? 0 : before.pendingFen + p.amountFen);
      }),
    );
  });

  it("under an active agreement it is the agreed total less confirmed payments, never below zero", () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const b = balanceBasis(f);
        if (b.kind !== "agreed") return;
        const paid = f.agreement!.payments.filter((p) => p.status === "confirmed").reduce((s, p) => s + p.amountFen, 0);
        expect(b.baseFen).toBe(Math.max(0, b.agreedTotalFen! - paid));
        expect(b.dailyGrowthFen).toBe(0);
      }),
    );
  });
});

describe("nextPayment: her next payment, one rule for every screen", () => {
  it("is what is left on the earliest instalment not fully paid, a missed one first", () => {
    // 12 × 161,250 from 2027-01-05; 100,000 confirmed: the first instalment is short by 61,250.
    const payments = [{ id: "p1", amountFen: 100_000, paidOn: "2027-01-04", status: "confirmed" as const }];
    const b = balanceBasis(facts({ agreement: agreement({ payments }) }));
    expect(b).toMatchObject({ nextDueOn: "2027-01-05", nextInstalmentFen: 61_250, monthlyFen: 161_250, instalmentsLeft: 12 });
    expect(nextPayment([{ ...b, debtId: "d1" }], "2027-01-04")).toEqual({
      debtId: "d1",
      dueDate: "2027-01-05",
      amountFen: 61_250,
      overdue: false,
    });
    // Weeks later, still unpaid: the same instalment, now overdue, before the next one.
    expect(nextPayment([{ ...b, debtId: "d1" }], "2027-01-20")).toEqual({
      debtId: "d1",
      dueDate: "2027-01-05",
      amountFen: 61_250,
      overdue: true,
    });
  });

  it("takes the earliest across debts, the same one whatever the order; none without an agreement in force", () => {
    const base = { kind: "agreed" as const, nextInstalmentFen: 10_000 };
    const list = [
      { ...base, debtId: "b", nextDueOn: "2027-02-01" },
      { ...base, debtId: "a", nextDueOn: "2027-01-15" },
      { ...base, debtId: "c", nextDueOn: "2027-01-15", nextInstalmentFen: 20_000 },
      { kind: "broken" as const, debtId: "z", nextDueOn: "2026-12-01", nextInstalmentFen: 99_999 },
    ];
    expect(nextPayment(list, "2027-01-01")).toEqual({ debtId: "c", dueDate: "2027-01-15", amountFen: 20_000, overdue: false });
    expect(nextPayment([...list].reverse(), "2027-01-01")).toEqual(nextPayment(list, "2027-01-01"));
    expect(nextPayment([{ kind: "estimate" as const, debtId: "e", nextDueOn: null, nextInstalmentFen: null }], "2027-01-01")).toBeNull();
    expect(nextPayment([], "2027-01-01")).toBeNull();
  });
});
