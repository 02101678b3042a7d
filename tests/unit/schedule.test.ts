import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../server/domain/errors";
import { addMonths, buildSchedule, SCHEDULE_METHODS, scheduleTotals, type ScheduleRow } from "../../server/domain/schedule";

const loan = { principalFen: 10_000_000, annualRatePct: "4.90", months: 120, firstDueDate: "2026-01-15" } as const;

describe("equal instalment (等额本息)", () => {
  // The classic commercial-housing-loan example at the PBOC benchmark rate of 4.90 % (in force from
  // 2015-10-24), as shown by the common 房贷计算器: 100,000 yuan over 10 years → 1,055.77 a month, first month
  // 408.33 interest and 647.44 principal.
  it("reproduces 100,000 at 4.90 % over 120 months", () => {
    const rows = buildSchedule({ ...loan, method: "equal-instalment" });
    expect(rows[0]).toEqual({
      seq: 1,
      dueDate: "2026-01-15",
      paymentFen: 105577,
      principalFen: 64744,
      interestFen: 40833,
      balanceFen: 9935256,
    });
    expect(rows.slice(0, -1).every((row) => row.paymentFen === 105577)).toBe(true);
    const last = rows.at(-1);
    expect(last?.balanceFen).toBe(0);
    // The last row absorbs the rounding of the 119 before it: a few fen off the regular payment.
    expect(Math.abs((last?.paymentFen ?? 0) - 105577)).toBeLessThan(120);
  });

  // Same calculators: 1,000,000 over 30 years at 4.90 % → 5,307.27 a month, first interest 4,083.33.
  it("reproduces 1,000,000 at 4.90 % over 360 months", () => {
    const rows = buildSchedule({ ...loan, principalFen: 100_000_000, months: 360, method: "equal-instalment" });
    expect(rows[0]?.paymentFen).toBe(530727);
    expect(rows[0]?.interestFen).toBe(408333);
    expect(rows[0]?.principalFen).toBe(122394);
    expect(rows).toHaveLength(360);
  });

  it("is an even split when the rate is 0", () => {
    const rows = buildSchedule({
      principalFen: 1000,
      annualRatePct: "0",
      months: 3,
      method: "equal-instalment",
      firstDueDate: "2026-01-01",
    });
    expect(rows.map((row) => row.paymentFen)).toEqual([334, 333, 333]);
    expect(rows.every((row) => row.interestFen === 0)).toBe(true);
  });
});

describe("equal principal (等额本金)", () => {
  // Same loan. The calculators print the first payment as 1,241.67 because they add the unrounded parts
  // (833.333… + 408.333… = 1,241.666…). Our rows must add up to the fen, so the parts are rounded first:
  // 833.33 + 408.33 = 1,241.66, and the 40 fen left by flooring 100,000 / 120 are paid on the last row.
  it("reproduces the first month of 100,000 at 4.90 % over 120 months", () => {
    const rows = buildSchedule({ ...loan, method: "equal-principal" });
    expect(rows[0]).toMatchObject({ principalFen: 83333, interestFen: 40833, paymentFen: 124166 });
    // Each month the interest falls by 833.33 × 0.049 / 12 ≈ 3.40 yuan, as the calculators show.
    expect((rows[0]?.interestFen ?? 0) - (rows[1]?.interestFen ?? 0)).toBe(340);
    expect(rows.slice(0, -1).every((row) => row.principalFen === 83333)).toBe(true);
    expect(rows.at(-1)?.principalFen).toBe(83333 + 40);
  });
});

describe("interest-free (停息挂账)", () => {
  it("splits evenly, the remainder fen on the first rows, with no interest whatever the rate", () => {
    const rows = buildSchedule({ principalFen: 1003, annualRatePct: "18", months: 4, method: "interest-free", firstDueDate: "2026-03-10" });
    expect(rows.map((row) => row.paymentFen)).toEqual([251, 251, 251, 250]);
    expect(rows.map((row) => row.interestFen)).toEqual([0, 0, 0, 0]);
    expect(rows.map((row) => row.balanceFen)).toEqual([752, 501, 250, 0]);
  });
});

describe("due dates", () => {
  it("use the month's last day when the day does not exist, without drifting", () => {
    const rows = buildSchedule({ principalFen: 4000, annualRatePct: "0", months: 4, method: "interest-free", firstDueDate: "2027-01-31" });
    expect(rows.map((row) => row.dueDate)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
  });

  it("shift by the grace months, with nothing charged during grace", () => {
    const plain = buildSchedule({ ...loan, method: "equal-instalment" });
    const deferred = buildSchedule({ ...loan, method: "equal-instalment", graceMonths: 3 });
    expect(deferred[0]?.dueDate).toBe("2026-04-15");
    expect(deferred).toHaveLength(120);
    expect(deferred.map(({ dueDate: _d, ...rest }) => rest)).toEqual(plain.map(({ dueDate: _d, ...rest }) => rest));
  });
});

describe("validation", () => {
  const base = { ...loan, method: "equal-instalment" as const };
  it("gives stable codes with the field name", () => {
    expect(() => buildSchedule({ ...base, principalFen: 0 })).toThrowError(
      expect.objectContaining({ code: "invalid_principal", field: "principalFen" }),
    );
    expect(() => buildSchedule({ ...base, annualRatePct: "101" })).toThrowError(
      expect.objectContaining({ code: "invalid_rate", field: "annualRatePct" }),
    );
  });
  it.each([
    [{ principalFen: 0 }, "principalFen"],
    [{ principalFen: -5 }, "principalFen"],
    [{ principalFen: 10.5 }, "principalFen"],
    [{ months: 0 }, "months"],
    [{ months: 361 }, "months"],
    [{ months: 1.5 }, "months"],
    [{ annualRatePct: "100.01" }, "annualRatePct"],
    [{ annualRatePct: "-1" }, "annualRatePct"],
    [{ method: "balloon" }, "method"],
    [{ firstDueDate: "2026-02-30" }, "firstDueDate"],
    [{ firstDueDate: "2026/01/01" }, "firstDueDate"],
    [{ graceMonths: -1 }, "graceMonths"],
  ])("rejects %o", (override, field) => {
    expect(() => buildSchedule({ ...base, ...(override as object) })).toThrowError(expect.objectContaining({ field }));
    expect(() => buildSchedule({ ...base, ...(override as object) })).toThrow(DomainError);
  });
});

describe("properties", () => {
  const input = fc.record({
    principalFen: fc.integer({ min: 1, max: 1_000_000_000_00 }),
    annualRatePct: fc.integer({ min: 0, max: 100_000_000 }).map((micro) => (micro / 1_000_000).toFixed(6)),
    months: fc.integer({ min: 1, max: 360 }),
    method: fc.constantFrom(...SCHEDULE_METHODS),
    firstDueDate: fc.oneof(
      fc
        .record({
          year: fc.integer({ min: 2000, max: 2060 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
        })
        .map(({ year, month, day }) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`),
      // Month ends, where the clamping to the last day matters.
      fc.constantFrom("2026-01-31", "2028-02-29", "2026-08-31", "2026-12-31", "2026-03-30"),
    ),
    graceMonths: fc.integer({ min: 0, max: 24 }),
  });

  function check(rows: ScheduleRow[], principalFen: number, months: number): void {
    expect(rows).toHaveLength(months);
    expect(scheduleTotals(rows).principalFen).toBe(principalFen);
    expect(rows.at(-1)?.balanceFen).toBe(0);
    let previousBalance = principalFen;
    let previousDate = "";
    rows.forEach((row, i) => {
      expect(row.seq).toBe(i + 1);
      expect(row.paymentFen).toBe(row.principalFen + row.interestFen);
      for (const value of [row.paymentFen, row.principalFen, row.interestFen, row.balanceFen]) {
        expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
      }
      expect(row.balanceFen).toBe(previousBalance - row.principalFen);
      expect(row.balanceFen).toBeLessThanOrEqual(previousBalance);
      expect(row.dueDate > previousDate).toBe(true);
      previousBalance = row.balanceFen;
      previousDate = row.dueDate;
    });
  }

  it("hold for every method, rate and term", () => {
    fc.assert(
      fc.property(input, (args) => check(buildSchedule(args), args.principalFen, args.months)),
      { numRuns: 300 },
    );
  });

  it("the balance strictly decreases when every principal part is positive", () => {
    fc.assert(
      fc.property(input, (args) => {
        const rows = buildSchedule({ ...args, principalFen: args.principalFen + args.months * 100 });
        if (args.method !== "equal-instalment") {
          rows.reduce((previous, row) => {
            expect(row.balanceFen).toBeLessThan(previous);
            return row.balanceFen;
          }, Number.MAX_SAFE_INTEGER);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("an equal instalment is the same on every row but the last (at rate 0: within 1 fen)", () => {
    fc.assert(
      fc.property(input, (args) => {
        // Rounding the annuity to the fen shifts the balance by up to 0.5 fen a month, compounded at the loan
        // rate; over 60 months at ≤ 100 % that is at most ~7 yuan, so with ≥ 100 yuan of principal a month the
        // balance cannot run out before the last row. (Over 30 years at high rates it can: see schedule.ts.)
        const months = Math.min(args.months, 60);
        const rows = buildSchedule({ ...args, months, principalFen: args.principalFen + months * 10_000, method: "equal-instalment" });
        const regular = rows.slice(0, -1).map((row) => row.paymentFen);
        // At rate 0 it is the even split, whose remainder fen make the first rows 1 fen larger.
        if (Number(args.annualRatePct) === 0) expect(Math.max(...regular) - Math.min(...regular)).toBeLessThanOrEqual(1);
        else expect(new Set(regular).size).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });
});
