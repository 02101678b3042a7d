/**
 * Instalment schedules: 等额本息 (equal instalment), 等额本金 (equal principal) and 停息挂账 (interest-free split).
 *
 * Rounding rules (every row satisfies payment = principal + interest, the principal parts add up exactly to
 * the principal, and the balance after the last row is 0):
 * - Monthly rate = annual % / 100 / 12. Each row's interest = remaining balance × monthly rate, rounded
 *   half-up to the fen.
 * - Equal instalment: the annuity payment P·r·(1+r)^n / ((1+r)^n − 1) rounded half-up to the fen; each row's
 *   principal = payment − interest. The last row pays the whole remaining balance plus its interest, so it
 *   absorbs the rounding difference (a few fen either way). At rate 0 it is the interest-free split below.
 *   The rounding error compounds at the loan rate, so for tiny principals over decades at high rates the
 *   balance can reach 0 before the last row (the rows after it are then 0) or leave a larger last row; a row
 *   is never negative.
 * - Equal principal: principal part = floor(principal / months) on every row; the remainder (< months fen)
 *   goes on the last row, which is where the calculators also put the "odd" amount.
 * - Interest-free: principal / months, floor; the remainder fen go one each onto the FIRST rows, so no row
 *   differs from another by more than 1 fen and the debt is paid down slightly faster. The rate is ignored.
 * - Due dates: row k is due (grace + k − 1) months after firstDueDate, always counted from firstDueDate's own
 *   day; when that day does not exist in the month (31st in April, 29–31 in February) the month's last day
 *   is used, so 01-31 → 02-28 → 03-31 rather than drifting to the 28th.
 * - Grace (deferral): nothing is charged and nothing is due during the grace months; the whole schedule is
 *   shifted N months later and no rows are emitted for the grace months.
 */
import { DomainError } from "./errors";
import { Dec, toFen } from "./decimal";
import { assertFen, sumFen } from "./money";
import { MONTHS_PER_YEAR, parseRatePct } from "./rate";

export const SCHEDULE_METHODS = ["equal-instalment", "equal-principal", "interest-free"] as const;
export type ScheduleMethod = (typeof SCHEDULE_METHODS)[number];

export const MAX_SCHEDULE_MONTHS = 360;
export const MAX_SCHEDULE_RATE_PCT = 100;
export const MAX_GRACE_MONTHS = 120;

export type ScheduleInput = {
  principalFen: number;
  annualRatePct: string;
  months: number;
  method: ScheduleMethod;
  firstDueDate: string;
  graceMonths?: number;
};

export type ScheduleRow = {
  seq: number;
  dueDate: string;
  paymentFen: number;
  principalFen: number;
  interestFen: number;
  /** Principal still owed after this row is paid. */
  balanceFen: number;
};

export type ScheduleTotals = { paymentFen: number; principalFen: number; interestFen: number };

// ---- calendar days as "YYYY-MM-DD" strings, computed in UTC so the host time zone never shifts a day ----

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(value: string, field = "date"): { year: number; month: number; day: number } {
  const match = typeof value === "string" ? ISO_DATE.exec(value) : null;
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return { year, month, day };
    }
  }
  throw new DomainError("invalid_date", `${field} must be a real date as YYYY-MM-DD`, field);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** Adds calendar months, clamping to the last day of the target month (01-31 + 1 month → 02-28/29). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(targetDay, 2)}`;
}

// ---- the schedule ----

function validate(input: ScheduleInput): { rate: Dec; grace: number } {
  assertFen(input.principalFen, "principalFen", { allowZero: false });
  if (!Number.isInteger(input.months) || input.months < 1 || input.months > MAX_SCHEDULE_MONTHS) {
    throw new DomainError("invalid_months", `months must be a whole number from 1 to ${MAX_SCHEDULE_MONTHS}`, "months");
  }
  if (!SCHEDULE_METHODS.includes(input.method)) {
    throw new DomainError("invalid_method", "unknown repayment method", "method");
  }
  const rate = parseRatePct(input.annualRatePct, "annualRatePct");
  if (rate.gt(MAX_SCHEDULE_RATE_PCT)) {
    throw new DomainError("invalid_rate", `a schedule's rate must be at most ${MAX_SCHEDULE_RATE_PCT} %`, "annualRatePct");
  }
  parseIsoDate(input.firstDueDate, "firstDueDate");
  const grace = input.graceMonths ?? 0;
  if (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_MONTHS) {
    throw new DomainError("invalid_grace_months", `grace months must be 0 to ${MAX_GRACE_MONTHS}`, "graceMonths");
  }
  return { rate, grace };
}

/** Principal part of each row for the two methods with a fixed principal split. */
function principalParts(principalFen: number, months: number, remainderOn: "first" | "last"): number[] {
  const remainder = principalFen % months;
  const base = (principalFen - remainder) / months;
  return Array.from({ length: months }, (_, i) => {
    if (remainderOn === "last") return i === months - 1 ? base + remainder : base;
    return i < remainder ? base + 1 : base;
  });
}

/** The monthly rate of an annual percentage: annual % / 100 / 12. */
export function monthlyRateOf(annualRatePct: Dec): Dec {
  return annualRatePct.div(100).div(MONTHS_PER_YEAR);
}

/** One month's interest on a balance: balance × monthly rate, half-up to the fen (every schedule's rule). */
export function monthInterestFen(balanceFen: number, monthlyRate: Dec): number {
  return toFen(new Dec(balanceFen).mul(monthlyRate));
}

export function buildSchedule(input: ScheduleInput): ScheduleRow[] {
  const { rate, grace } = validate(input);
  const { principalFen, months } = input;
  const monthlyRate = monthlyRateOf(rate);
  const method = input.method === "equal-instalment" && rate.isZero() ? "interest-free" : input.method;

  let fixedParts: number[] | null = null;
  let annuityFen = 0;
  if (method === "interest-free") fixedParts = principalParts(principalFen, months, "first");
  else if (method === "equal-principal") fixedParts = principalParts(principalFen, months, "last");
  else {
    const growth = monthlyRate.add(1).pow(months);
    annuityFen = toFen(new Dec(principalFen).mul(monthlyRate).mul(growth).div(growth.sub(1)));
  }

  const rows: ScheduleRow[] = [];
  let balance = principalFen;
  for (let i = 0; i < months; i += 1) {
    const interestFen = method === "interest-free" ? 0 : monthInterestFen(balance, monthlyRate);
    let principalPart: number;
    if (i === months - 1) principalPart = balance;
    else if (fixedParts) principalPart = fixedParts[i] ?? 0;
    // Cannot go below 0 (the annuity exceeds the first month's interest and interest only falls) nor above
    // the balance in practice; clamp anyway so a pathological input can never produce a negative row.
    else principalPart = Math.min(balance, Math.max(0, annuityFen - interestFen));
    balance -= principalPart;
    rows.push({
      seq: i + 1,
      dueDate: addMonths(input.firstDueDate, grace + i),
      paymentFen: principalPart + interestFen,
      principalFen: principalPart,
      interestFen,
      balanceFen: balance,
    });
  }
  return rows;
}

export function scheduleTotals(rows: readonly ScheduleRow[]): ScheduleTotals {
  return {
    paymentFen: sumFen(rows.map((row) => row.paymentFen)),
    principalFen: sumFen(rows.map((row) => row.principalFen)),
    interestFen: sumFen(rows.map((row) => row.interestFen)),
  };
}
