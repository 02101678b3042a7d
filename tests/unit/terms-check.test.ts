import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths } from "../../server/domain/schedule";
import { basisForChange, basisFromFigures, checkTerms, type TermsBasis } from "../../server/domain/terms-check";
import type { Terms } from "../../server/domain/terms";

const today = "2026-12-15";
/** ¥11,000.00 principal, ¥500.00 interest, ¥250.00 penalty interest, ¥250.00 fees: ¥12,000.00 in all. */
const debt = { outstandingPrincipalFen: 1_100_000, interestFen: 50_000, penaltyFen: 25_000, feesFen: 25_000 };
const basis = basisFromFigures(debt);
const instalments = (amountFen: number, extra: Partial<NonNullable<Terms["instalments"]>> = {}): Terms["instalments"] => ({
  amountFen,
  method: "interest-free",
  months: 12,
  annualRatePct: "0",
  firstDueDate: addMonths(today, 1),
  ...extra,
});

describe("terms against the debt", () => {
  it("a basis from the figures is the figures and their total", () => {
    expect(basis).toEqual({ interestFen: 50_000, penaltyFen: 25_000, feesFen: 25_000, balanceFen: 1_200_000 });
  });

  it("consistent terms pass without a word", () => {
    const terms: Terms = { waiver: { penaltyFen: 25_000, feesFen: 25_000 }, instalments: instalments(1_150_000) };
    expect(checkTerms(terms, basis, today)).toEqual({ errors: [], warnings: [] });
  });

  it("a fee waived and still inside the instalment amount is an error on the amount, naming the fee", () => {
    const terms: Terms = { waiver: { feesFen: 25_000 }, instalments: instalments(1_200_000) };
    const { errors } = checkTerms(terms, basis, today);
    expect(errors).toEqual([
      {
        field: "instalments.amountFen",
        code: "repayChargesWaived",
        params: { kind: "instalments", amountFen: 1_200_000, remainingFen: 1_175_000, excessFen: 25_000, parts: ["fees"] },
      },
    ]);
  });

  it("names the smallest set of waived parts that the excess is made of, or none when no set adds up", () => {
    const terms: Terms = { waiver: { interestFen: 50_000, penaltyFen: 25_000, feesFen: 25_000 }, instalments: instalments(1_150_000) };
    const both = checkTerms(terms, basis, today).errors[0];
    expect(both?.code).toBe("repayChargesWaived");
    // 50,000 over: the interest alone (not penalty + fees, which also add up to it but are two parts).
    expect(both?.params).toMatchObject({ excessFen: 50_000, parts: ["interest"] });
    const odd = checkTerms({ ...terms, instalments: instalments(1_110_000) }, basis, today).errors[0];
    expect(odd?.params).toMatchObject({ excessFen: 10_000, parts: [] });
  });

  it("a waiver of a part beyond what is owed of it is an error on that part", () => {
    const { errors } = checkTerms({ waiver: { penaltyFen: 30_000 } }, basis, today);
    expect(errors).toEqual([
      { field: "waiver.penaltyFen", code: "waiverOverPart", params: { part: "penalty", waivedFen: 30_000, owedFen: 25_000 } },
    ]);
  });

  it("a waiver over its part is reported once, on the waiver, not again on an amount that fits the rest", () => {
    const terms: Terms = { waiver: { penaltyFen: 25_000, feesFen: 40_000 }, instalments: instalments(1_150_000) };
    expect(checkTerms(terms, basis, today).errors.map((e) => [e.field, e.code])).toEqual([["waiver.feesFen", "waiverOverPart"]]);
  });

  it("an amount to repay above the whole balance is an error, for instalments and a lump sum alike", () => {
    expect(checkTerms({ instalments: instalments(1_300_000) }, basis, today).errors).toEqual([
      {
        field: "instalments.amountFen",
        code: "repayOverBalance",
        params: { kind: "instalments", amountFen: 1_300_000, balanceFen: 1_200_000 },
      },
    ]);
    expect(checkTerms({ lumpSum: { amountFen: 1_250_000, dueDate: addMonths(today, 1) } }, basis, today).errors[0]).toMatchObject({
      field: "lumpSum.amountFen",
      code: "repayOverBalance",
    });
  });

  it("repaying less than what remains after the waiver is a warning with the difference (a further waiver in effect)", () => {
    const { errors, warnings } = checkTerms(
      { waiver: { penaltyFen: 25_000 }, lumpSum: { amountFen: 900_000, dueDate: addMonths(today, 1) } },
      basis,
      today,
    );
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      {
        field: "lumpSum.amountFen",
        code: "repayLessThanRemaining",
        params: { kind: "lumpSum", amountFen: 900_000, remainingFen: 1_175_000, differenceFen: 275_000 },
      },
    ]);
  });

  it("instalments with interest say how much more they repay", () => {
    const { warnings } = checkTerms(
      { instalments: instalments(1_200_000, { method: "equal-instalment", annualRatePct: "6" }) },
      basis,
      today,
    );
    expect(warnings).toHaveLength(1);
    const w = warnings[0]!;
    expect(w.code).toBe("instalmentsInterest");
    if (w.code !== "instalmentsInterest") return;
    expect(w.params.totalFen).toBe(w.params.amountFen + w.params.interestFen);
    expect(w.params.interestFen).toBeGreaterThan(0);
  });

  it("a deferral whose months are already inside the first due date is a warning with the date the schedule would really start", () => {
    const terms: Terms = { deferral: { months: 3 }, instalments: instalments(1_200_000, { firstDueDate: addMonths(today, 3) }) };
    expect(checkTerms(terms, basis, today).warnings).toEqual([
      {
        field: "instalments.firstDueDate",
        code: "deferralCountedTwice",
        params: { months: 3, firstDueDate: addMonths(today, 3), effectiveDate: addMonths(today, 6) },
      },
    ]);
    // First due date a month ahead: the schedule starts four months ahead, as meant.
    expect(checkTerms({ ...terms, instalments: instalments(1_200_000) }, basis, today).warnings).toEqual([]);
  });

  it("a lump sum inside the deferral and dates already past are warnings", () => {
    const during = checkTerms(
      { deferral: { months: 6 }, lumpSum: { amountFen: 1_200_000, dueDate: addMonths(today, 2) } },
      basis,
      today,
    ).warnings;
    expect(during.map((w) => w.code)).toEqual(["lumpSumDuringDeferral"]);
    const past = checkTerms({ instalments: instalments(1_200_000, { firstDueDate: "2026-11-01" }) }, basis, today).warnings;
    expect(past).toEqual([{ field: "instalments.firstDueDate", code: "dateInPast", params: { date: "2026-11-01" } }]);
  });

  it("a change is checked against what remains, and a part waived by the agreement cannot be waived again", () => {
    const change = basisForChange(debt, { waiver: { feesFen: 25_000 } }, 600_000);
    expect(change).toEqual({ interestFen: 50_000, penaltyFen: 25_000, feesFen: 0, balanceFen: 600_000 });
    expect(checkTerms({ waiver: { feesFen: 10_000 } }, change, today).errors[0]).toMatchObject({
      field: "waiver.feesFen",
      code: "waiverOverPart",
    });
    expect(checkTerms({ instalments: instalments(700_000) }, change, today).errors[0]).toMatchObject({ code: "repayOverBalance" });
    expect(checkTerms({ instalments: instalments(600_000) }, change, today)).toEqual({ errors: [], warnings: [] });
  });
});

describe("terms against the debt (properties)", () => {
  const figures = fc.record({
    outstandingPrincipalFen: fc.integer({ min: 1, max: 100_000_000 }),
    interestFen: fc.integer({ min: 0, max: 10_000_000 }),
    penaltyFen: fc.integer({ min: 0, max: 10_000_000 }),
    feesFen: fc.integer({ min: 0, max: 10_000_000 }),
  });
  /** A waiver within each part (each part: nothing, part of it or all of it). */
  const withinWaiver = (b: TermsBasis) =>
    fc.record({
      interestFen: fc.integer({ min: 0, max: b.interestFen }),
      penaltyFen: fc.integer({ min: 0, max: b.penaltyFen }),
      feesFen: fc.integer({ min: 0, max: b.feesFen }),
    });
  const waived = (w: { interestFen: number; penaltyFen: number; feesFen: number }) => w.interestFen + w.penaltyFen + w.feesFen;

  it("repaying exactly what remains after a waiver within the parts is never an error nor a warning", () => {
    fc.assert(
      fc.property(
        figures.chain((f) => fc.tuple(fc.constant(basisFromFigures(f)), withinWaiver(basisFromFigures(f)))),
        ([b, w]) => {
          const amountFen = b.balanceFen - waived(w);
          fc.pre(amountFen > 0);
          expect(checkTerms({ waiver: w, instalments: instalments(amountFen) }, b, today)).toEqual({ errors: [], warnings: [] });
        },
      ),
    );
  });

  it("repaying more than what remains is always an error on the amount; less, always a warning with the exact difference", () => {
    fc.assert(
      fc.property(
        figures.chain((f) =>
          fc.tuple(fc.constant(basisFromFigures(f)), withinWaiver(basisFromFigures(f)), fc.integer({ min: 1, max: 1_000_000 })),
        ),
        fc.boolean(),
        ([b, w, delta], more) => {
          const remaining = b.balanceFen - waived(w);
          const amountFen = more ? remaining + delta : remaining - delta;
          fc.pre(amountFen > 0);
          const { errors, warnings } = checkTerms({ waiver: w, lumpSum: { amountFen, dueDate: addMonths(today, 1) } }, b, today);
          if (more) {
            expect(errors.map((e) => [e.field, e.code])).toEqual([
              ["lumpSum.amountFen", amountFen > b.balanceFen ? "repayOverBalance" : "repayChargesWaived"],
            ]);
          } else {
            expect(errors).toEqual([]);
            expect(warnings).toEqual([
              {
                field: "lumpSum.amountFen",
                code: "repayLessThanRemaining",
                params: { kind: "lumpSum", amountFen, remainingFen: remaining, differenceFen: delta },
              },
            ]);
          }
        },
      ),
    );
  });

  it("the parts named for a waived part charged again add up to the excess", () => {
    fc.assert(
      fc.property(figures, fc.subarray(["interestFen", "penaltyFen", "feesFen"] as const, { minLength: 1 }), (f, charged) => {
        const b = basisFromFigures(f);
        const w = { interestFen: b.interestFen, penaltyFen: b.penaltyFen, feesFen: b.feesFen };
        const excess = charged.reduce((s, k) => s + w[k], 0);
        fc.pre(excess > 0);
        const amountFen = b.balanceFen - waived(w) + excess;
        const [e] = checkTerms({ waiver: w, instalments: instalments(amountFen) }, b, today).errors;
        expect(e?.code).toBe("repayChargesWaived");
        if (e?.code !== "repayChargesWaived") return;
        expect(e.params.parts.length).toBeGreaterThan(0);
        expect(e.params.parts.reduce((s, p) => s + w[`${p}Fen`], 0)).toBe(excess);
      }),
    );
  });
});
