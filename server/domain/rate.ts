/**
 * Interest rates are decimal strings in percent ("4.90" = 4.90 %), never binary floats.
 *
 * Rounding rules of this module:
 * - Converting a quoted rate to an annual one is exact (×12 or ×360 never adds decimals), so no rounding.
 * - `dailyGrowthFen` rounds the day's interest half-up to the fen.
 */
import { DomainError } from "./errors";
import { Dec, toFen } from "./decimal";
import { assertFen } from "./money";

export type RateUnit = "annual" | "monthly" | "daily";
export const RATE_UNITS: readonly RateUnit[] = ["annual", "monthly", "daily"];

export const MONTHS_PER_YEAR = 12;
/**
 * Chinese lenders quote a daily rate (日利率, e.g. "日息万五" = 0.05 %/day) on a 360-day year: the PBOC rules on
 * interest calculation (《人民币利率管理规定》) convert annual ↔ monthly ↔ daily with 12 and 360, and banks and
 * loan apps follow them. Using 365 here would overstate the annual rate a platform has agreed to.
 */
export const DAYS_PER_YEAR_FOR_DAILY_RATE = 360;

export const MAX_ANNUAL_RATE_PCT = 1000;
export const MAX_RATE_DECIMALS = 6;

const RATE_PATTERN = /^\d+(?:\.\d+)?$/;

/** Parses a non-negative percent string; refuses signs, exponents and more than six decimals. */
export function parseRatePct(value: string, field = "annualRatePct"): Dec {
  const trimmed = typeof value === "string" ? value.trim() : "";
  if (!RATE_PATTERN.test(trimmed)) {
    throw new DomainError("invalid_rate", `${field} must be a non-negative decimal number`, field);
  }
  const rate = new Dec(trimmed);
  if (rate.decimalPlaces() > MAX_RATE_DECIMALS) {
    throw new DomainError("invalid_rate", `${field} has more than ${MAX_RATE_DECIMALS} decimals`, field);
  }
  return rate;
}

/** Valid annual rate: 0 ≤ rate ≤ 1000 %, at most six decimals. */
export function validateRatePct(value: string, field = "annualRatePct"): void {
  const rate = parseRatePct(value, field);
  if (rate.gt(MAX_ANNUAL_RATE_PCT)) {
    throw new DomainError("invalid_rate", `${field} must be at most ${MAX_ANNUAL_RATE_PCT} %`, field);
  }
}

/** The annual percent of a rate as quoted in the contract, as an exact decimal string ("0.05" daily → "18"). */
export function toAnnualPct(value: string, unit: RateUnit): string {
  const rate = parseRatePct(value, "rate");
  const factor = unit === "annual" ? 1 : unit === "monthly" ? MONTHS_PER_YEAR : unit === "daily" ? DAYS_PER_YEAR_FOR_DAILY_RATE : null;
  if (factor === null) {
    throw new DomainError("invalid_rate_unit", "rate unit must be annual, monthly or daily", "unit");
  }
  const annual = rate.mul(factor);
  if (annual.gt(MAX_ANNUAL_RATE_PCT)) {
    throw new DomainError("invalid_rate", `the annual rate must be at most ${MAX_ANNUAL_RATE_PCT} %`, "rate");
  }
  return annual.toFixed();
}

/** How much a debt grows in one day at its contract rate: balance × annual / 100 / 360, half-up to the fen. */
export function dailyGrowthFen(input: { balanceFen: number; annualRatePct: string }): number {
  assertFen(input.balanceFen, "balanceFen");
  validateRatePct(input.annualRatePct);
  const rate = new Dec(input.annualRatePct.trim());
  return toFen(new Dec(input.balanceFen).mul(rate).div(100).div(DAYS_PER_YEAR_FOR_DAILY_RATE));
}
