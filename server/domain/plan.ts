/**
 * A repayment plan across all of a client's debts: one negotiated arrangement per debt, evaluated against the
 * affordable monthly amount.
 *
 * Rules:
 * - Amount to repay = balance − the parts waived (interest, penalty interest, fees). The waived parts are
 *   the relief. Principal is never waived here; a discounted lump sum is negotiated as a waiver of the rest.
 * - With an instalment arrangement the amount to repay becomes the principal of a schedule (buildSchedule)
 *   at the arrangement's rate; absent, the rate is 0 for interest-free and the debt's contract rate
 *   otherwise, since a 再分期 usually keeps charging it on the whole amount re-instalmented.
 * - Without one, the amount is paid in one lump on the start date.
 * - A deferral shifts the first payment by that many months (schedule grace: nothing charged, nothing due).
 * - The plan's start date is the first due date of every line; payments are grouped by calendar month of
 *   their due date. The monthly total is the peak month, because the client must be able to pay every month,
 *   not just the first.
 * - A credit-record correction request (征信异议) is a separate proposal with no effect on the money.
 * - No rounding happens here: every figure is an exact sum of schedule rows, which are exact to the fen.
 * - Reasons are codes with parameters; the UI turns them into sentences.
 */
import { DomainError } from "./errors";
import { assertFen, sumFen } from "./money";
import { parseRatePct } from "./rate";
import {
  buildSchedule,
  MAX_SCHEDULE_RATE_PCT,
  parseIsoDate,
  SCHEDULE_METHODS,
  type ScheduleMethod,
  type ScheduleRow,
} from "./schedule";

export const MAX_INSTALMENT_MONTHS = 60;
export const MAX_DEFERRAL_MONTHS = 24;
/** Art. 70 of the 2011 credit-card rules caps a personalised instalment agreement at 5 years. */
export const MAX_TERM_MONTHS = 60;

export type Arrangement = {
  waiveInterest?: boolean;
  waivePenalty?: boolean;
  waiveFees?: boolean;
  instalment?: { method: ScheduleMethod; months: number; annualRatePct?: string };
  deferralMonths?: number;
  creditCorrection?: boolean;
};

export type PlanDebt = {
  debtId: string;
  /** Outstanding principal + interest + penalty + fees. */
  balanceFen: number;
  principalFen: number;
  interestFen: number;
  penaltyFen: number;
  feesFen: number;
  annualRatePct: string;
  arrangement: Arrangement;
};

export type PlanLine = {
  debtId: string;
  amountToRepayFen: number;
  reliefFen: number;
  /** The first payment due under the arrangement (0 when nothing is left to pay). */
  monthlyFen: number;
  months: number;
  schedule: ScheduleRow[];
};

export type PlanReasonCode = "over-affordable" | "no-affordable-income" | "term-over-60";
export type PlanReason = { code: PlanReasonCode; params: Record<string, string | number> };

export type PlanEvaluation = {
  lines: PlanLine[];
  /** The largest total due in any one calendar month. */
  monthlyTotalFen: number;
  /** Total due in the calendar month of the start date. */
  firstMonthTotalFen: number;
  /** Calendar months from the start month to the last payment, both included; 0 when nothing is due. */
  monthsToDebtFree: number;
  amountToRepayFen: number;
  totalPaidFen: number;
  reliefFen: number;
  feasible: boolean;
  reasons: PlanReason[];
  /** Amount still to repay after each month's payments, from the start month to the last payment. */
  balanceSeries: Array<{ month: string; remainingFen: number }>;
};

function monthIndex(date: string): number {
  const { year, month } = parseIsoDate(date);
  return year * 12 + month - 1;
}

function monthKey(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String(index - year * 12 + 1).padStart(2, "0")}`;
}

function integerInRange(value: number, min: number, max: number, code: string, field: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DomainError(code, `${field} must be a whole number from ${min} to ${max}`, field);
  }
}

function evaluateLine(debt: PlanDebt, index: number, startDate: string): PlanLine & { termMonths: number } {
  const at = (name: string) => `debts.${index}.${name}`;
  for (const part of ["balanceFen", "principalFen", "interestFen", "penaltyFen", "feesFen"] as const) {
    assertFen(debt[part], at(part));
  }
  const partsTotal = sumFen([debt.principalFen, debt.interestFen, debt.penaltyFen, debt.feesFen]);
  if (partsTotal !== debt.balanceFen) {
    throw new DomainError("balance_mismatch", "the balance must equal principal + interest + penalty + fees", at("balanceFen"));
  }
  parseRatePct(debt.annualRatePct, at("annualRatePct"));

  const { arrangement } = debt;
  const deferral = arrangement.deferralMonths ?? 0;
  integerInRange(deferral, 0, MAX_DEFERRAL_MONTHS, "invalid_deferral_months", at("arrangement.deferralMonths"));

  const reliefFen = sumFen([
    arrangement.waiveInterest ? debt.interestFen : 0,
    arrangement.waivePenalty ? debt.penaltyFen : 0,
    arrangement.waiveFees ? debt.feesFen : 0,
  ]);
  const amountToRepayFen = debt.balanceFen - reliefFen;

  const { instalment } = arrangement;
  let method: ScheduleMethod = "interest-free";
  let months = 1;
  let rate = "0";
  if (instalment) {
    if (!SCHEDULE_METHODS.includes(instalment.method)) {
      throw new DomainError("invalid_method", "unknown repayment method", at("arrangement.instalment.method"));
    }
    integerInRange(instalment.months, 1, MAX_INSTALMENT_MONTHS, "invalid_months", at("arrangement.instalment.months"));
    method = instalment.method;
    months = instalment.months;
    const rateField = instalment.annualRatePct === undefined ? at("annualRatePct") : at("arrangement.instalment.annualRatePct");
    rate = instalment.annualRatePct ?? (method === "interest-free" ? "0" : debt.annualRatePct);
    if (parseRatePct(rate, rateField).gt(MAX_SCHEDULE_RATE_PCT)) {
      throw new DomainError("invalid_rate", `an instalment rate must be at most ${MAX_SCHEDULE_RATE_PCT} %`, rateField);
    }
  }

  const schedule =
    amountToRepayFen === 0
      ? []
      : buildSchedule({
          principalFen: amountToRepayFen,
          annualRatePct: rate,
          months,
          method,
          firstDueDate: startDate,
          graceMonths: deferral,
        });
  return {
    debtId: debt.debtId,
    amountToRepayFen,
    reliefFen,
    monthlyFen: schedule[0]?.paymentFen ?? 0,
    months: schedule.length,
    schedule,
    termMonths: schedule.length === 0 ? 0 : deferral + schedule.length,
  };
}

export function evaluatePlan(input: {
  debts: readonly PlanDebt[];
  affordableFen: number;
  startDate: string;
}): PlanEvaluation {
  assertFen(input.affordableFen, "affordableFen");
  parseIsoDate(input.startDate, "startDate");
  const seen = new Set<string>();
  input.debts.forEach((debt, index) => {
    if (seen.has(debt.debtId)) {
      throw new DomainError("duplicate_debt", `debt ${debt.debtId} is listed twice`, `debts.${index}.debtId`);
    }
    seen.add(debt.debtId);
  });

  const evaluated = input.debts.map((debt, index) => evaluateLine(debt, index, input.startDate));
  const lines: PlanLine[] = evaluated.map(({ termMonths: _termMonths, ...line }) => line);

  const startMonth = monthIndex(input.startDate);
  const dueByMonth = new Map<number, number>();
  const principalByMonth = new Map<number, number>();
  for (const row of lines.flatMap((line) => line.schedule)) {
    const month = monthIndex(row.dueDate);
    dueByMonth.set(month, sumFen([dueByMonth.get(month) ?? 0, row.paymentFen]));
    principalByMonth.set(month, sumFen([principalByMonth.get(month) ?? 0, row.principalFen]));
  }
  const lastMonth = dueByMonth.size === 0 ? startMonth - 1 : Math.max(...dueByMonth.keys());

  let peakMonth = startMonth;
  let monthlyTotalFen = 0;
  for (const [month, total] of [...dueByMonth].sort((a, b) => a[0] - b[0])) {
    if (total > monthlyTotalFen) {
      monthlyTotalFen = total;
      peakMonth = month;
    }
  }

  const amountToRepayFen = sumFen(lines.map((line) => line.amountToRepayFen));
  const balanceSeries: PlanEvaluation["balanceSeries"] = [];
  let remainingFen = amountToRepayFen;
  for (let month = startMonth; month <= lastMonth; month += 1) {
    remainingFen -= principalByMonth.get(month) ?? 0;
    balanceSeries.push({ month: monthKey(month), remainingFen });
  }

  const totalPaidFen = sumFen([...dueByMonth.values()]);
  const reasons: PlanReason[] = [];
  if (totalPaidFen > 0 && input.affordableFen === 0) {
    reasons.push({ code: "no-affordable-income", params: {} });
  } else if (monthlyTotalFen > input.affordableFen) {
    reasons.push({
      code: "over-affordable",
      params: { overByFen: monthlyTotalFen - input.affordableFen, month: monthKey(peakMonth) },
    });
  }
  for (const line of evaluated) {
    if (line.termMonths > MAX_TERM_MONTHS) {
      reasons.push({ code: "term-over-60", params: { debtId: line.debtId, months: line.termMonths } });
    }
  }

  return {
    lines,
    monthlyTotalFen,
    firstMonthTotalFen: dueByMonth.get(startMonth) ?? 0,
    monthsToDebtFree: lastMonth - startMonth + 1,
    amountToRepayFen,
    totalPaidFen,
    reliefFen: sumFen(lines.map((line) => line.reliefFen)),
    feasible: reasons.length === 0,
    reasons,
    balanceSeries,
  };
}
