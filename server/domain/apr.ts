/**
 * Annualised cost of a loan by internal rate of return (IRR), as PBOC Announcement 〔2021〕 No. 3 requires
 * lenders to disclose it: the rate that makes the amount actually received equal to the present value of all
 * repayments, interest and directly related fees included.
 *
 * Rounding rules: none on money. Cash-flow sums are exact integers of fen; only the rate itself is a binary
 * float, found by bisection to well under 1e-10 per period, which is far inside the 0.01 percentage point
 * the UI shows. Results are returned unrounded; round at display.
 *
 * The reference lines (24 %, 36 %, 4 × one-year LPR) are shown beside a computed rate as negotiation context
 * only. Whether a rate is lawful depends on the kind of lender, the contract and the court; this module never
 * says a loan is illegal, only that its computed rate is above a line.
 */
import { DomainError } from "./errors";
import { assertFen, sumFen } from "./money";
import { parseIsoDate } from "./schedule";
import { parseRatePct } from "./rate";

export type IrrResult = {
  /** IRR per period, in percent. */
  periodicPct: number;
  /** Periodic IRR × periods per year (the simple annualisation most lenders print as 年化利率). */
  nominalPct: number;
  /** (1 + IRR)^periods − 1: the compounded annual rate. */
  effectivePct: number;
};

export type CashFlow = { date: string; amountFen: number };

const DAYS_PER_YEAR_FOR_XIRR = 365;
const TOLERANCE = 1e-13;
const MAX_ITERATIONS = 400;

// Candidate bracket ends, from 0 outwards: down towards −100 % and up to a periodic rate of 4^10 (≈ 10^8 %),
// beyond any real loan. Past them we report that no rate was found.
const UPPER_ENDS = Array.from({ length: 11 }, (_, i) => (i === 0 ? 0 : 4 ** (i - 1)));
const LOWER_ENDS = [0, -0.5, ...Array.from({ length: 9 }, (_, i) => -1 + 10 ** -(i + 1))];

/**
 * Root of the net present value as a function of the rate, by bisection inside the first bracket (nearest to
 * 0) where it changes sign. Bisection rather than Newton: it cannot diverge on the steep curves of tiny
 * receipts with large repayments. Non-finite values at extreme rates are skipped.
 */
function solveRate(npv: (rate: number) => number, field: string): number {
  const at = (rate: number) => ({ rate, value: npv(rate) });
  const brackets: Array<[number, number]> = [];
  for (let i = 1; i < Math.max(UPPER_ENDS.length, LOWER_ENDS.length); i += 1) {
    const up = [UPPER_ENDS[i - 1], UPPER_ENDS[i]];
    const down = [LOWER_ENDS[i], LOWER_ENDS[i - 1]];
    if (up[0] !== undefined && up[1] !== undefined) brackets.push([up[0], up[1]]);
    if (down[0] !== undefined && down[1] !== undefined) brackets.push([down[0], down[1]]);
  }
  for (const [a, b] of brackets) {
    let low = at(a);
    let high = at(b);
    if (!Number.isFinite(low.value) || !Number.isFinite(high.value)) continue;
    if (low.value === 0) return low.rate;
    if (high.value === 0) return high.rate;
    if (Math.sign(low.value) === Math.sign(high.value)) continue;
    for (let i = 0; i < MAX_ITERATIONS && high.rate - low.rate > TOLERANCE; i += 1) {
      const mid = at((low.rate + high.rate) / 2);
      if (mid.value === 0) return mid.rate;
      if (Math.sign(mid.value) === Math.sign(low.value)) low = mid;
      else high = mid;
    }
    return (low.rate + high.rate) / 2;
  }
  throw new DomainError("irr_not_found", "no rate of return makes these cash flows balance", field);
}

/**
 * IRR of a loan repaid in equal periods: `receivedFen` at time 0 (what reached the borrower, fees deducted up
 * front already taken off), then `paymentsFen[k]` at the end of period k + 1 (fees charged per period added).
 */
export function annualRateByIrr(input: { receivedFen: number; paymentsFen: readonly number[]; periodsPerYear: number }): IrrResult {
  const { receivedFen, paymentsFen, periodsPerYear } = input;
  assertFen(receivedFen, "receivedFen", { allowZero: false });
  if (!Array.isArray(paymentsFen) || paymentsFen.length === 0) {
    throw new DomainError("invalid_payments", "at least one repayment is needed", "paymentsFen");
  }
  paymentsFen.forEach((payment) => assertFen(payment, "paymentsFen"));
  const totalFen = sumFen(paymentsFen);
  if (totalFen === 0) {
    throw new DomainError("invalid_payments", "the repayments must not all be zero", "paymentsFen");
  }
  if (!Number.isInteger(periodsPerYear) || periodsPerYear < 1 || periodsPerYear > 366) {
    throw new DomainError("invalid_periods_per_year", "periods per year must be a whole number from 1 to 366", "periodsPerYear");
  }

  // Repaying exactly what was received costs nothing; skip the solver so the answer is exactly 0.
  const periodic =
    totalFen === receivedFen
      ? 0
      : solveRate((rate) => {
          let value = -receivedFen;
          let discount = 1;
          for (const payment of paymentsFen) {
            discount /= 1 + rate;
            // Skip zero payments: near −100 % the discount factor overflows and 0 × ∞ would be NaN.
            if (payment !== 0) value += payment * discount;
          }
          return value;
        }, "paymentsFen");

  return {
    periodicPct: periodic * 100,
    nominalPct: periodic * periodsPerYear * 100,
    effectivePct: (Math.pow(1 + periodic, periodsPerYear) - 1) * 100,
  };
}

function dayNumber(date: string, field: string): number {
  const { year, month, day } = parseIsoDate(date, field);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/**
 * XIRR of dated cash flows (actual/365), from the borrower's side: the amount received is positive, every
 * repayment negative. Returns the effective annual rate in percent.
 */
export function annualRateByIrrFlows(input: { flows: readonly CashFlow[] }): number {
  const { flows } = input;
  if (!Array.isArray(flows) || flows.length < 2) {
    throw new DomainError("invalid_flows", "at least two cash flows are needed", "flows");
  }
  const points = flows.map((flow, index) => {
    assertFen(flow.amountFen, `flows.${index}.amountFen`, { allowNegative: true });
    return { day: dayNumber(flow.date, `flows.${index}.date`), amountFen: flow.amountFen };
  });
  if (!points.some((p) => p.amountFen > 0) || !points.some((p) => p.amountFen < 0)) {
    throw new DomainError("invalid_flows", "the flows need money received (positive) and repaid (negative)", "flows");
  }
  const firstDay = Math.min(...points.map((p) => p.day));
  const timed = points.map((p) => ({ years: (p.day - firstDay) / DAYS_PER_YEAR_FOR_XIRR, amountFen: p.amountFen }));
  if (sumFen(points.map((p) => p.amountFen)) === 0) return 0;
  const rate = solveRate((r) => timed.reduce((value, p) => value + p.amountFen * Math.pow(1 + r, -p.years), 0), "flows");
  return rate * 100;
}

export type ReferenceLineKey = "24" | "36" | "4xLPR";
export type ReferenceLine = { key: ReferenceLineKey; pct: number };

/**
 * 24 % and 36 % are the lines long used in private-lending cases and regulatory guidance; 4 × the one-year
 * LPR is the private-lending ceiling of 法释〔2020〕17号. `lprPct` defaults to 3.0 %, the one-year LPR since
 * May 2025; pass the current figure.
 */
export function referenceLines(input: { lprPct?: string } = {}): ReferenceLine[] {
  const lpr = parseRatePct(input.lprPct ?? "3.0", "lprPct");
  return [
    { key: "24", pct: 24 },
    { key: "36", pct: 36 },
    { key: "4xLPR", pct: lpr.mul(4).toNumber() },
  ];
}

/** Keys of the lines the computed annual rate is strictly above. A comparison, not a legal finding. */
export function linesExceeded(annualPct: number, lines: readonly ReferenceLine[]): ReferenceLineKey[] {
  if (!Number.isFinite(annualPct)) {
    throw new DomainError("invalid_rate", "the annual rate must be a finite number", "annualPct");
  }
  return lines.filter((line) => annualPct > line.pct).map((line) => line.key);
}
