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
 * - The negotiated schedules are what each lender is asked to accept, and the least the plan pays. The room
 *   the affordable amount leaves over them either clears debts earlier in the order of the plan's strategy
 *   ("clear-early") or stays with the client as a buffer ("buffer"); the month-by-month rules, the order of
 *   each strategy and the rounding are in payoff.ts. Each line's schedule is what the plan actually pays.
 * - Debts under an agreement are not planned again: their fixed monthly amounts (commitments) come off the
 *   affordable amount in the months they run, and count towards "over the affordable amount".
 * - A credit-record correction request (征信异议) is a separate proposal with no effect on the money.
 * - No rounding happens here: every figure is an exact sum of schedule rows, which are exact to the fen.
 * - Reasons are codes with parameters; the UI turns them into sentences.
 */
import type { AllocationStrategy } from "./allocation";
import { DomainError } from "./errors";
import { assertFen, sumFen } from "./money";
import {
  agreedInMonth,
  monthIndex,
  monthKey,
  ROOM_USES,
  simulatePayoff,
  strategyEffect,
  validateCommitments,
  type Commitment,
  type RoomUse,
  type StrategyEffect,
} from "./payoff";
import { parseRatePct } from "./rate";
import { buildSchedule, MAX_SCHEDULE_RATE_PCT, parseIsoDate, SCHEDULE_METHODS, type ScheduleMethod, type ScheduleRow } from "./schedule";

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
  /** The first payment due under the plan (0 when nothing is left to pay). */
  monthlyFen: number;
  /** How many monthly payments the plan makes on this debt. */
  months: number;
  /** The payments as the plan makes them: the negotiated schedule, plus any room the strategy gives it. */
  schedule: ScheduleRow[];
  interestFen: number;
  totalPaidFen: number;
  /** The month of the last payment ("YYYY-MM"); null when nothing is left to pay. */
  payoffMonth: string | null;
  /** The last month of the negotiated schedule, for "cleared N months earlier". */
  scheduledPayoffMonth: string | null;
  /** 1 for the debt(s) cleared first; debts cleared in the same month share a place. */
  clearedRank: number | null;
  /** The payments in runs of consecutive months of (almost) the same amount: which months pay how much. */
  runs: PaymentRun[];
};

/** Consecutive months paying lowFen..highFen each (at most a fen apart), totalFen in all. */
export type PaymentRun = { from: string; to: string; months: number; lowFen: number; highFen: number; totalFen: number };

export type PlanReasonCode = "over-affordable" | "no-affordable-income" | "term-over-60" | "priority-over-affordable";
export type PlanReason = { code: PlanReasonCode; params: Record<string, string | number> };

export type PlanEvaluation = {
  lines: PlanLine[];
  strategy: AllocationStrategy;
  roomUse: RoomUse;
  /** Agreed debts, not re-planned: their monthly amounts come off the affordable amount. */
  commitments: Commitment[];
  /** What the commitments take in the start month. */
  agreedMonthlyFen: number;
  /**
   * The least the affordable amount leaves over the negotiated schedules and the commitments in any month
   * the schedules run: what the strategy can put to work, or what is kept as a buffer.
   */
  roomFen: number;
  /** The largest total due on the plan's debts in any one calendar month. */
  monthlyTotalFen: number;
  /** Total due on the plan's debts in the calendar month of the start date. */
  firstMonthTotalFen: number;
  /** Calendar months from the start month to the plan's last payment, both included; 0 when nothing is due. */
  monthsToDebtFree: number;
  /** The same, paying only the negotiated schedules. */
  scheduledMonthsToDebtFree: number;
  amountToRepayFen: number;
  totalPaidFen: number;
  totalInterestFen: number;
  reliefFen: number;
  /** Debt ids in the order they are cleared (the same month: input order). */
  clearingOrder: string[];
  /** Whether the strategy changed anything here, and if not, why. */
  strategyEffect: StrategyEffect;
  feasible: boolean;
  reasons: PlanReason[];
  /** Amount still to repay after each month's payments, from the start month to the last payment. */
  balanceSeries: Array<{ month: string; remainingFen: number }>;
  /** The priority debts (paid their schedule first) and what they take in the start month and at most. */
  priority: { debtIds: string[]; firstMonthFen: number; peakMonthFen: number };
};

function integerInRange(value: number, min: number, max: number, code: string, field: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DomainError(code, `${field} must be a whole number from ${min} to ${max}`, field);
  }
}

type NegotiatedLine = {
  debtId: string;
  amountToRepayFen: number;
  reliefFen: number;
  schedule: ScheduleRow[];
  /** The rate the schedule charges ("0" when interest-free). */
  planRatePct: string;
  termMonths: number;
};

function evaluateLine(debt: PlanDebt, index: number, startDate: string): NegotiatedLine {
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
    schedule,
    planRatePct: method === "interest-free" ? "0" : rate,
    termMonths: schedule.length === 0 ? 0 : deferral + schedule.length,
  };
}

/**
 * Consecutive months paying the same amount, one run each. Amounts a fen apart stay in one run (an
 * interest-free split puts its remainder fen on the first rows, and the room shifts by the same fen), so
 * a run says "¥2,391.65–¥2,391.66 × 8" rather than two runs; its total is exact.
 */
export function paymentRuns(rows: readonly ScheduleRow[]): PaymentRun[] {
  const runs: PaymentRun[] = [];
  let previous = Number.NaN;
  for (const row of rows) {
    const month = monthIndex(row.dueDate);
    const last = runs.at(-1);
    const pay = row.paymentFen;
    if (last && month === previous + 1 && Math.max(last.highFen, pay) - Math.min(last.lowFen, pay) <= 1) {
      last.to = monthKey(month);
      last.months += 1;
      last.lowFen = Math.min(last.lowFen, pay);
      last.highFen = Math.max(last.highFen, pay);
      last.totalFen += pay;
    } else runs.push({ from: monthKey(month), to: monthKey(month), months: 1, lowFen: pay, highFen: pay, totalFen: pay });
    previous = month;
  }
  return runs;
}

function lastMonthOf(rows: readonly ScheduleRow[]): number | null {
  const last = rows.at(-1);
  return last ? monthIndex(last.dueDate) : null;
}

export function evaluatePlan(input: {
  debts: readonly PlanDebt[];
  affordableFen: number;
  startDate: string;
  /** Default pro-rata. */
  strategy?: AllocationStrategy;
  /** Default "buffer": only the negotiated schedules are paid. */
  roomUse?: RoomUse;
  /** The organization's minimum per creditor (pro-rata). Default 0. */
  minPerCreditorFen?: number;
  /** Debts under an agreement; none of them may also be in `debts`. */
  commitments?: readonly Commitment[];
  /** Priority debts, in priority order (debt-priority.ts): paid their schedule first, the room goes to the rest. */
  priorityDebtIds?: readonly string[];
}): PlanEvaluation {
  assertFen(input.affordableFen, "affordableFen");
  parseIsoDate(input.startDate, "startDate");
  const strategy = input.strategy ?? "pro-rata";
  const roomUse = input.roomUse ?? "buffer";
  if (!ROOM_USES.includes(roomUse)) throw new DomainError("invalid_room_use", "unknown use of the room", "roomUse");
  const minPerCreditorFen = input.minPerCreditorFen ?? 0;
  assertFen(minPerCreditorFen, "minPerCreditorFen");
  const commitments = [...(input.commitments ?? [])];
  validateCommitments(commitments);
  const seen = new Set<string>();
  input.debts.forEach((debt, index) => {
    if (seen.has(debt.debtId)) {
      throw new DomainError("duplicate_debt", `debt ${debt.debtId} is listed twice`, `debts.${index}.debtId`);
    }
    seen.add(debt.debtId);
  });
  commitments.forEach((c, i) => {
    if (seen.has(c.debtId)) {
      throw new DomainError("committed_debt_in_plan", `debt ${c.debtId} is agreed and is not planned again`, `commitments.${i}.debtId`);
    }
  });

  const negotiated = input.debts.map((debt, index) => evaluateLine(debt, index, input.startDate));
  const paid = simulatePayoff({
    debts: negotiated.map((line, i) => ({
      id: line.debtId,
      schedule: line.schedule,
      planRatePct: line.planRatePct,
      contractRatePct: input.debts[i]!.annualRatePct,
    })),
    startDate: input.startDate,
    affordableFen: input.affordableFen,
    commitments,
    strategy,
    roomUse,
    minPerCreditorFen,
    priorityIds: new Set(input.priorityDebtIds ?? []),
  });
  const startMonth = monthIndex(input.startDate);
  const priorityIds = (input.priorityDebtIds ?? []).filter((id) => seen.has(id));

  const payoff = paid.rows.map(lastMonthOf);
  const lines: PlanLine[] = negotiated.map((line, i) => {
    const rows = paid.rows[i]!;
    const month = payoff[i]!;
    const scheduledLast = lastMonthOf(line.schedule);
    return {
      debtId: line.debtId,
      amountToRepayFen: line.amountToRepayFen,
      reliefFen: line.reliefFen,
      monthlyFen: rows[0]?.paymentFen ?? 0,
      months: rows.length,
      schedule: rows,
      interestFen: sumFen(rows.map((r) => r.interestFen)),
      totalPaidFen: sumFen(rows.map((r) => r.paymentFen)),
      payoffMonth: month === null ? null : monthKey(month),
      scheduledPayoffMonth: scheduledLast === null ? null : monthKey(scheduledLast),
      clearedRank: month === null ? null : 1 + payoff.filter((m) => m !== null && m < month).length,
      runs: paymentRuns(rows),
    };
  });
  const clearingOrder = lines
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.clearedRank !== null)
    .sort((a, b) => a.line.clearedRank! - b.line.clearedRank! || a.i - b.i)
    .map(({ line }) => line.debtId);

  const dueByMonth = totalsByMonth(
    lines.flatMap((line) => line.schedule),
    "paymentFen",
  );
  const principalByMonth = totalsByMonth(
    lines.flatMap((line) => line.schedule),
    "principalFen",
  );
  const lastMonth = dueByMonth.size === 0 ? startMonth - 1 : Math.max(...dueByMonth.keys());
  const lastAgreedMonth = startMonth + Math.max(0, ...commitments.map((c) => c.monthsLeft)) - 1;
  const monthlyTotalFen = Math.max(0, ...dueByMonth.values());

  // Over the affordable amount: the worst month of the plan's payments and the commitments together.
  let peakMonth = startMonth;
  let peakFen = 0;
  for (let month = startMonth; month <= Math.max(lastMonth, lastAgreedMonth); month += 1) {
    const total = (dueByMonth.get(month) ?? 0) + agreedInMonth(commitments, month - startMonth);
    if (total > peakFen) {
      peakFen = total;
      peakMonth = month;
    }
  }

  // The room: the least the affordable amount leaves over the negotiated schedules while they run.
  const negotiatedByMonth = totalsByMonth(
    negotiated.flatMap((line) => line.schedule),
    "paymentFen",
  );
  const scheduledLastMonth = negotiatedByMonth.size === 0 ? startMonth - 1 : Math.max(...negotiatedByMonth.keys());
  let roomFen = Number.POSITIVE_INFINITY;
  for (let month = startMonth; month <= scheduledLastMonth; month += 1) {
    const left = input.affordableFen - agreedInMonth(commitments, month - startMonth) - (negotiatedByMonth.get(month) ?? 0);
    roomFen = Math.min(roomFen, left);
  }
  roomFen = Number.isFinite(roomFen) ? Math.max(0, roomFen) : 0;

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
  } else if (peakFen > input.affordableFen) {
    reasons.push({ code: "over-affordable", params: { overByFen: peakFen - input.affordableFen, month: monthKey(peakMonth) } });
  }
  const priorityByMonth = totalsByMonth(
    negotiated.filter((l) => priorityIds.includes(l.debtId)).flatMap((l) => l.schedule),
    "paymentFen",
  );
  const priorityPeakFen = Math.max(0, ...priorityByMonth.values());
  if (priorityPeakFen > 0 && priorityPeakFen + agreedInMonth(commitments, 0) > input.affordableFen && input.affordableFen > 0) {
    reasons.push({ code: "priority-over-affordable", params: { priorityFen: priorityPeakFen, affordableFen: input.affordableFen } });
  }
  for (const line of negotiated) {
    if (line.termMonths > MAX_TERM_MONTHS) {
      reasons.push({ code: "term-over-60", params: { debtId: line.debtId, months: line.termMonths } });
    }
  }

  return {
    lines,
    strategy,
    roomUse,
    commitments,
    agreedMonthlyFen: agreedInMonth(commitments, 0),
    roomFen,
    monthlyTotalFen,
    firstMonthTotalFen: dueByMonth.get(startMonth) ?? 0,
    monthsToDebtFree: lastMonth - startMonth + 1,
    scheduledMonthsToDebtFree: scheduledLastMonth - startMonth + 1,
    amountToRepayFen,
    totalPaidFen,
    totalInterestFen: sumFen(lines.map((line) => line.interestFen)),
    reliefFen: sumFen(lines.map((line) => line.reliefFen)),
    clearingOrder,
    strategyEffect: strategyEffect(roomUse, negotiated.filter((l) => l.amountToRepayFen > 0).length, paid.months),
    feasible: reasons.length === 0,
    reasons,
    balanceSeries,
    priority: { debtIds: priorityIds, firstMonthFen: priorityByMonth.get(startMonth) ?? 0, peakMonthFen: priorityPeakFen },
  };
}

function totalsByMonth(rows: readonly ScheduleRow[], part: "paymentFen" | "principalFen"): Map<number, number> {
  const totals = new Map<number, number>();
  for (const row of rows) {
    const month = monthIndex(row.dueDate);
    totals.set(month, sumFen([totals.get(month) ?? 0, row[part]]));
  }
  return totals;
}
