import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { annualRateByIrr, annualRateByIrrFlows, linesExceeded, referenceLines } from "../../server/domain/apr";
import { DomainError } from "../../server/domain/errors";

// Second, independent check: the net present value of the flows at the solved rate, computed in decimal
// arithmetic with the closed-form annuity factor rather than the solver's loop.
function annuityNpv(receivedFen: number, paymentFen: number, periods: number, ratePct: number): Decimal {
  const r = new Decimal(ratePct).div(100);
  const factor = new Decimal(1).sub(r.add(1).pow(-periods)).div(r);
  return factor.mul(paymentFen).sub(receivedFen);
}

describe("annualRateByIrr (PBOC 〔2021〕 No. 3)", () => {
  it("borrow 10,000, receive 10,000, repay 12 × 1,000", () => {
    const result = annualRateByIrr({ receivedFen: 1_000_000, paymentsFen: Array(12).fill(100_000), periodsPerYear: 12 });
    expect(result.periodicPct).toBeCloseTo(2.9229, 4);
    expect(result.nominalPct).toBeCloseTo(35.07, 2);
    expect(result.effectivePct).toBeCloseTo(41.3, 2);
    // The NPV at the solved rate is zero (to well under a fen) and changes sign 0.001 pp either side.
    expect(annuityNpv(1_000_000, 100_000, 12, result.periodicPct).abs().toNumber()).toBeLessThan(0.01);
    expect(annuityNpv(1_000_000, 100_000, 12, result.periodicPct - 0.001).toNumber()).toBeGreaterThan(0);
    expect(annuityNpv(1_000_000, 100_000, 12, result.periodicPct + 0.001).toNumber()).toBeLessThan(0);
    // Effective and nominal agree with each other.
    expect(result.effectivePct).toBeCloseTo(((1 + result.nominalPct / 1200) ** 12 - 1) * 100, 8);
    // The "flat" 20 % a lender might advertise for this loan (2,000 on 10,000) is far below its IRR: the
    // point of the announcement.
    expect(linesExceeded(result.nominalPct, referenceLines())).toEqual(["24", "4xLPR"]);
  });

  it("counts fees deducted up front: 9,500 received of 10,000", () => {
    const result = annualRateByIrr({ receivedFen: 950_000, paymentsFen: Array(12).fill(100_000), periodsPerYear: 12 });
    expect(result.periodicPct).toBeCloseTo(3.7909, 3);
    expect(result.nominalPct).toBeCloseTo(45.49, 2);
    expect(result.effectivePct).toBeCloseTo(56.28, 2);
    expect(annuityNpv(950_000, 100_000, 12, result.periodicPct).abs().toNumber()).toBeLessThan(0.01);
    expect(linesExceeded(result.nominalPct, referenceLines())).toEqual(["24", "36", "4xLPR"]);
  });

  it("is exactly zero when the repayments equal what was received", () => {
    expect(annualRateByIrr({ receivedFen: 1_200_000, paymentsFen: Array(12).fill(100_000), periodsPerYear: 12 })).toEqual({
      periodicPct: 0,
      nominalPct: 0,
      effectivePct: 0,
    });
  });

  it("handles irregular equal-period flows: a deferral, then a balloon", () => {
    const payments = [0, 0, 50_000, 50_000, 1_000_000];
    const result = annualRateByIrr({ receivedFen: 1_000_000, paymentsFen: payments, periodsPerYear: 12 });
    const r = new Decimal(result.periodicPct).div(100);
    const npv = payments.reduce((sum, p, k) => sum.add(new Decimal(p).div(r.add(1).pow(k + 1))), new Decimal(-1_000_000));
    expect(npv.abs().toNumber()).toBeLessThan(0.01);
  });

  it("finds a negative rate when less is repaid than received", () => {
    const result = annualRateByIrr({ receivedFen: 1_000_000, paymentsFen: Array(12).fill(80_000), periodsPerYear: 12 });
    expect(result.periodicPct).toBeLessThan(0);
    expect(annuityNpv(1_000_000, 80_000, 12, result.periodicPct).abs().toNumber()).toBeLessThan(0.01);
  });

  it("copes with an extreme loan (100 received, 12 × 1,000 repaid)", () => {
    const result = annualRateByIrr({ receivedFen: 10_000, paymentsFen: Array(12).fill(100_000), periodsPerYear: 12 });
    expect(annuityNpv(10_000, 100_000, 12, result.periodicPct).abs().toNumber()).toBeLessThan(0.01);
  });

  it("rejects invalid input", () => {
    const ok = { receivedFen: 1_000_000, paymentsFen: [100_000], periodsPerYear: 12 };
    expect(() => annualRateByIrr({ ...ok, receivedFen: 0 })).toThrowError(expect.objectContaining({ field: "receivedFen" }));
    expect(() => annualRateByIrr({ ...ok, receivedFen: 10.5 })).toThrow(DomainError);
    expect(() => annualRateByIrr({ ...ok, paymentsFen: [] })).toThrowError(expect.objectContaining({ code: "invalid_payments" }));
    expect(() => annualRateByIrr({ ...ok, paymentsFen: [0, 0] })).toThrowError(expect.objectContaining({ code: "invalid_payments" }));
    expect(() => annualRateByIrr({ ...ok, paymentsFen: [-1] })).toThrow(DomainError);
    expect(() => annualRateByIrr({ ...ok, periodsPerYear: 0 })).toThrowError(expect.objectContaining({ field: "periodsPerYear" }));
  });
});

describe("annualRateByIrrFlows (XIRR, actual/365)", () => {
  it("is 10 % for 10,000 received and 11,000 repaid 365 days later", () => {
    const pct = annualRateByIrrFlows({
      flows: [
        { date: "2025-01-01", amountFen: 1_000_000 },
        { date: "2026-01-01", amountFen: -1_100_000 },
      ],
    });
    expect(pct).toBeCloseTo(10, 8);
  });

  it("agrees with the equal-period IRR for monthly repayments, within the calendar's unevenness", () => {
    const flows = [{ date: "2025-01-01", amountFen: 1_000_000 }];
    for (let month = 2; month <= 13; month += 1) {
      const year = month > 12 ? 2026 : 2025;
      flows.push({ date: `${year}-${String(((month - 1) % 12) + 1).padStart(2, "0")}-01`, amountFen: -100_000 });
    }
    const pct = annualRateByIrrFlows({ flows: [...flows].reverse() }); // order does not matter
    const years = flows.map((f) => (Date.parse(f.date) - Date.parse("2025-01-01")) / 86_400_000 / 365);
    const npv = flows.reduce((sum, f, i) => sum + f.amountFen * (1 + pct / 100) ** -(years[i] ?? 0), 0);
    expect(Math.abs(npv)).toBeLessThan(0.01);
    expect(pct).toBeGreaterThan(40.5);
    expect(pct).toBeLessThan(42);
  });

  it("is 0 when the repayments add up to what was received", () => {
    expect(
      annualRateByIrrFlows({
        flows: [
          { date: "2025-01-01", amountFen: 500 },
          { date: "2025-06-01", amountFen: -500 },
        ],
      }),
    ).toBe(0);
  });

  it("rejects flows without both directions, bad dates and fractional fen", () => {
    expect(() => annualRateByIrrFlows({ flows: [{ date: "2025-01-01", amountFen: 1 }] })).toThrow(DomainError);
    expect(() =>
      annualRateByIrrFlows({
        flows: [
          { date: "2025-01-01", amountFen: 100 },
          { date: "2025-02-01", amountFen: 100 },
        ],
      }),
    ).toThrowError(expect.objectContaining({ code: "invalid_flows" }));
    expect(() =>
      annualRateByIrrFlows({
        flows: [
          { date: "2025-01-01", amountFen: 100 },
          { date: "2025-02-30", amountFen: -100 },
        ],
      }),
    ).toThrowError(expect.objectContaining({ field: "flows.1.date" }));
    expect(() =>
      annualRateByIrrFlows({
        flows: [
          { date: "2025-01-01", amountFen: 100.5 },
          { date: "2025-02-01", amountFen: -100 },
        ],
      }),
    ).toThrowError(expect.objectContaining({ field: "flows.0.amountFen" }));
  });
});

describe("reference lines", () => {
  it("are 24 %, 36 % and 4 × LPR (3.0 % by default)", () => {
    expect(referenceLines()).toEqual([
      { key: "24", pct: 24 },
      { key: "36", pct: 36 },
      { key: "4xLPR", pct: 12 },
    ]);
    expect(referenceLines({ lprPct: "3.85" }).at(-1)).toEqual({ key: "4xLPR", pct: 15.4 });
    expect(() => referenceLines({ lprPct: "x" })).toThrow(DomainError);
  });

  it("report only the lines strictly exceeded", () => {
    const lines = referenceLines();
    expect(linesExceeded(12, lines)).toEqual([]);
    expect(linesExceeded(24, lines)).toEqual(["4xLPR"]);
    expect(linesExceeded(36.01, lines)).toEqual(["24", "36", "4xLPR"]);
    expect(() => linesExceeded(Number.NaN, lines)).toThrow(DomainError);
  });
});
