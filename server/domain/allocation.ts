/**
 * Sharing the affordable monthly amount among a client's debts.
 *
 * Pro-rata follows UK debt-advice practice: StepChange Debt Charity shares a DMP payment among creditors in
 * proportion to their contractual payments, and no creditor gets less than £5 a month
 * (https://www.stepchange.org/clients/creditor-dmp-payments.aspx and .../dmp-payment-calculation.aspx).
 * Here the basis is either the balance or the contractual payment, and the minimum is `minimumFen`.
 *
 * Rules:
 * - Each debt's floor is min(max(minimum, its own floorFen), balance) and its cap is its balance. A debt's
 *   own floor is what it must get whatever the strategy (in a plan: the instalment its arrangement asks for
 *   that month). If the floors alone exceed the amount available, the result is infeasible.
 * - Pro-rata: every debt gets clamp(λ × weight, floor, cap) for the one λ that makes the shares add up to the
 *   amount available. That is the fixed point of "share, raise small shares to the minimum, cap at the
 *   balance, re-share the rest" and it is computed exactly: λ is a fraction of two integers, found between
 *   consecutive breakpoints floor/weight and cap/weight, all compared by cross-multiplying integers.
 * - A debt whose weight is 0 (contractual payment 0) gets only its floor.
 * - If every debt is at its cap (weight-0 debts: at their floor), what is left is reported as `unallocatedFen`.
 * - Rounding: each uncapped share is floored to the fen; the fen left over are handed out one each by the
 *   largest-remainder method (ties: larger balance, then input order). The amounts add up exactly to
 *   available − unallocated.
 * - Avalanche (highest rate first; unknown rate last; equal rates: the higher contractRatePct first) and
 *   snowball (smallest balance first): every debt gets its floor, then the rest fills one debt at a time up
 *   to its balance, remaining ties in input order. Snowball is
 *   offered for comparison; creditors see smallest-first as unfair.
 * - Output is in input order.
 */
import { DomainError } from "./errors";
import { Dec } from "./decimal";
import { assertFen } from "./money";
import { parseRatePct } from "./rate";

export type AllocationStrategy = "pro-rata" | "avalanche" | "snowball";
export type AllocationBasis = "balance" | "contractual";

export type AllocationDebt = {
  id: string;
  balanceFen: number;
  contractualFen?: number;
  annualRatePct?: string;
  /** Avalanche only: breaks a tie on annualRatePct (in a plan, the loan's contract rate). */
  contractRatePct?: string;
  /** This debt's own minimum, above the common one (see the rules). */
  floorFen?: number;
};

export type AllocationInput = {
  availableFen: number;
  debts: readonly AllocationDebt[];
  basis: AllocationBasis;
  minimumFen: number;
  strategy: AllocationStrategy;
};

export type AllocationResult =
  | { ok: true; allocations: Array<{ id: string; amountFen: number }>; unallocatedFen: number }
  | { ok: false; reason: "minimums-exceed-available"; requiredFen: number; availableFen: number };

type Prepared = { index: number; id: string; balance: number; weight: number; floor: number; cap: number };

function prepare(input: AllocationInput): Prepared[] {
  assertFen(input.availableFen, "availableFen");
  assertFen(input.minimumFen, "minimumFen");
  if (!["pro-rata", "avalanche", "snowball"].includes(input.strategy)) {
    throw new DomainError("invalid_strategy", "unknown allocation strategy", "strategy");
  }
  if (input.basis !== "balance" && input.basis !== "contractual") {
    throw new DomainError("invalid_basis", "basis must be balance or contractual", "basis");
  }
  const seen = new Set<string>();
  return input.debts.map((debt, index) => {
    if (seen.has(debt.id)) {
      throw new DomainError("duplicate_debt", `debt ${debt.id} is listed twice`, `debts.${index}.id`);
    }
    seen.add(debt.id);
    assertFen(debt.balanceFen, `debts.${index}.balanceFen`);
    let weight = debt.balanceFen;
    if (input.basis === "contractual") {
      if (debt.contractualFen === undefined) {
        throw new DomainError("missing_contractual", "the contractual payment is needed for this basis", `debts.${index}.contractualFen`);
      }
      assertFen(debt.contractualFen, `debts.${index}.contractualFen`);
      weight = debt.contractualFen;
    }
    if (debt.annualRatePct !== undefined) parseRatePct(debt.annualRatePct, `debts.${index}.annualRatePct`);
    if (debt.contractRatePct !== undefined) parseRatePct(debt.contractRatePct, `debts.${index}.contractRatePct`);
    if (debt.floorFen !== undefined) assertFen(debt.floorFen, `debts.${index}.floorFen`);
    const floor = Math.min(Math.max(input.minimumFen, debt.floorFen ?? 0), debt.balanceFen);
    return { index, id: debt.id, balance: debt.balanceFen, weight, floor, cap: debt.balanceFen };
  });
}

// A breakpoint λ = num/den with den > 0.
type Fraction = { num: number; den: number };
const cmp = (a: Fraction, b: Fraction) => new Dec(a.num).mul(b.den).cmp(new Dec(b.num).mul(a.den));

/** Sum of clamp(λ·w, floor, cap) scaled by λ's denominator, so it is an exact integer. */
function scaledTotal(debts: readonly Prepared[], lambda: Fraction): Dec {
  return debts.reduce((total, d) => {
    const share = Dec.max(new Dec(d.floor).mul(lambda.den), Dec.min(new Dec(d.cap).mul(lambda.den), new Dec(lambda.num).mul(d.weight)));
    return total.add(share);
  }, new Dec(0));
}

function proRata(debts: readonly Prepared[], target: number): number[] {
  const amounts = debts.map((d) => d.floor);
  const floorsTotal = amounts.reduce((a, b) => a + b, 0);
  const movable = debts.filter((d) => d.weight > 0 && d.cap > d.floor);
  if (floorsTotal === target || movable.length === 0) return amounts;

  const breakpoints = movable
    .flatMap((d) => [
      { num: d.floor, den: d.weight },
      { num: d.cap, den: d.weight },
    ])
    .sort(cmp);
  // The first breakpoint at which the clamped shares reach the target; λ lies between it and the one before.
  let upper: Fraction | undefined;
  let lower: Fraction = { num: 0, den: 1 };
  for (const point of breakpoints) {
    if (scaledTotal(debts, point).gte(new Dec(target).mul(point.den))) {
      upper = point;
      break;
    }
    lower = point;
  }
  if (!upper) throw new Error("allocation: target above the sum of caps"); // callers cap the target first

  // Inside (lower, upper] a debt is at its cap if cap/w ≤ lower, at its floor if floor/w ≥ upper, else free.
  let rest = new Dec(target);
  let freeWeight = new Dec(0);
  const free: Prepared[] = [];
  for (const d of debts) {
    if (d.weight === 0 || d.cap === d.floor) rest = rest.sub(d.floor);
    else if (cmp({ num: d.cap, den: d.weight }, lower) <= 0) {
      amounts[d.index] = d.cap;
      rest = rest.sub(d.cap);
    } else if (cmp({ num: d.floor, den: d.weight }, upper) >= 0) rest = rest.sub(d.floor);
    else {
      free.push(d);
      freeWeight = freeWeight.add(d.weight);
    }
  }

  // λ = rest / freeWeight exactly: share = w·rest / freeWeight, floor and remainder in integers.
  const remainders: Array<{ debt: Prepared; remainder: Dec }> = [];
  let given = new Dec(0);
  for (const d of free) {
    const scaled = rest.mul(d.weight);
    const whole = scaled.divToInt(freeWeight);
    amounts[d.index] = whole.toNumber();
    given = given.add(whole);
    remainders.push({ debt: d, remainder: scaled.sub(whole.mul(freeWeight)) });
  }
  let leftover = rest.sub(given).toNumber();
  remainders.sort((a, b) => b.remainder.cmp(a.remainder) || b.debt.balance - a.debt.balance || a.debt.index - b.debt.index);
  for (const { debt } of remainders) {
    if (leftover <= 0) break;
    amounts[debt.index] = (amounts[debt.index] ?? 0) + 1;
    leftover -= 1;
  }
  return amounts;
}

function rateOf(rate: string | undefined): Dec | null {
  return rate === undefined ? null : new Dec(rate.trim());
}

/** Higher known rate first, unknown last; 0 when neither decides. */
function byRateDesc(a: string | undefined, b: string | undefined): number {
  const ra = rateOf(a);
  const rb = rateOf(b);
  if (ra && rb) return rb.cmp(ra);
  if (ra) return -1;
  if (rb) return 1;
  return 0;
}

function payoffOrder(input: AllocationInput, debts: readonly Prepared[]): Prepared[] {
  const ordered = [...debts];
  if (input.strategy === "snowball") {
    ordered.sort((a, b) => a.balance - b.balance || a.index - b.index);
  } else {
    ordered.sort((a, b) => {
      const da = input.debts[a.index] as AllocationDebt;
      const db = input.debts[b.index] as AllocationDebt;
      return byRateDesc(da.annualRatePct, db.annualRatePct) || byRateDesc(da.contractRatePct, db.contractRatePct) || a.index - b.index;
    });
  }
  return ordered;
}

export function allocate(input: AllocationInput): AllocationResult {
  const debts = prepare(input);
  const requiredFen = debts.reduce((sum, d) => sum + d.floor, 0);
  if (requiredFen > input.availableFen) {
    return { ok: false, reason: "minimums-exceed-available", requiredFen, availableFen: input.availableFen };
  }
  // Pro-rata cannot raise a weight-0 debt above its floor, so its room does not count there.
  const capacity = debts.reduce((sum, d) => sum + (input.strategy === "pro-rata" && d.weight === 0 ? d.floor : d.cap), 0);
  const target = Math.min(input.availableFen, capacity);

  let amounts: number[];
  if (input.strategy === "pro-rata") amounts = proRata(debts, target);
  else {
    amounts = debts.map((d) => d.floor);
    let rest = target - requiredFen;
    for (const d of payoffOrder(input, debts)) {
      const extra = Math.min(rest, d.cap - d.floor);
      amounts[d.index] = d.floor + extra;
      rest -= extra;
    }
  }
  return {
    ok: true,
    allocations: debts.map((d) => ({ id: d.id, amountFen: amounts[d.index] ?? 0 })),
    unallocatedFen: input.availableFen - target,
  };
}
