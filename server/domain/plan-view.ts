/**
 * The part of a saved plan that still speaks for someone: the lenders not yet agreed. Once a lender agrees,
 * its agreement's terms replace the plan's line for it (server/domain/balance.ts has the agreed figures), so
 * the plan's own totals no longer describe what the client pays. This recomputes them from the kept lines:
 * the first month's total and the months to debt-free of the kept lines alone, from the plan's start month.
 * When every line is kept, the saved totals are the answer (plans saved before the lines carried their
 * payoff month read the same as before).
 */
import type { PaymentRun } from "./plan";

type SavedLine = {
  debtId: string;
  monthlyFen: number;
  months: number;
  schedule: ReadonlyArray<{ dueDate: string; paymentFen: number }>;
  payoffMonth?: string | null;
  runs?: PaymentRun[];
};
type SavedEvaluation = {
  lines: readonly SavedLine[];
  firstMonthTotalFen: number;
  monthsToDebtFree: number;
  balanceSeries?: ReadonlyArray<{ month: string }>;
};

export type PlannedLine = {
  debtId: string;
  /** The first payment the plan makes on this debt. */
  monthlyFen: number;
  months: number;
  firstDueDate: string | null;
  /** "YYYY-MM" of the last payment, or null when nothing is left to pay. */
  payoffMonth: string | null;
  /**
   * Which months pay how much, as a client reads it: each run of (almost) equal payments with the amount of
   * its first payment, `approx` when its payments differ by a fen of rounding. The first step's amount is
   * the line's first payment.
   */
  steps: Array<{ from: string; to: string; months: number; amountFen: number; approx: boolean }>;
};

export type PlannedPart = {
  lines: PlannedLine[];
  firstMonthTotalFen: number;
  /** The largest total of the kept lines in any one month: above the first month when the plan pays more later. */
  highestMonthFen: number;
  /**
   * Whether some later month pays more than the first by more than rounding (a schedule's last fen: at most
   * one per line), so "about ¥x a month" would not be true.
   */
  rises: boolean;
  monthsToDebtFree: number;
};

const monthOf = (day: string) => day.slice(0, 7);
const monthNumber = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

function lastMonth(line: SavedLine): string | null {
  if (line.payoffMonth !== undefined) return line.payoffMonth;
  const last = line.schedule.at(-1);
  return last ? monthOf(last.dueDate) : null;
}

function runsOf(line: SavedLine): PaymentRun[] {
  if (line.runs) return line.runs;
  const first = line.schedule[0];
  const last = line.schedule.at(-1);
  if (!first || !last) return [];
  const amounts = line.schedule.map((r) => r.paymentFen);
  return [
    {
      from: monthOf(first.dueDate),
      to: monthOf(last.dueDate),
      months: line.schedule.length,
      lowFen: Math.min(...amounts),
      highFen: Math.max(...amounts),
      totalFen: amounts.reduce((s, v) => s + v, 0),
    },
  ];
}

export function plannedPart(evaluation: SavedEvaluation, keep: (debtId: string) => boolean): PlannedPart {
  const kept = evaluation.lines.filter((l) => keep(l.debtId));
  const lines = kept.map((l) => ({
    debtId: l.debtId,
    monthlyFen: l.monthlyFen,
    months: l.months,
    firstDueDate: l.schedule[0]?.dueDate ?? null,
    payoffMonth: lastMonth(l),
    steps: runsOf(l).map((run) => ({
      from: run.from,
      to: run.to,
      months: run.months,
      amountFen: l.schedule.find((r) => monthOf(r.dueDate) === run.from)?.paymentFen ?? run.lowFen,
      approx: run.lowFen !== run.highFen,
    })),
  }));
  const byMonth = new Map<string, number>();
  for (const l of kept) for (const r of l.schedule) byMonth.set(monthOf(r.dueDate), (byMonth.get(monthOf(r.dueDate)) ?? 0) + r.paymentFen);
  const highestMonthFen = Math.max(0, ...byMonth.values());
  const rises = (first: number) => highestMonthFen > first + kept.length;
  if (kept.length === evaluation.lines.length) {
    return {
      lines,
      firstMonthTotalFen: evaluation.firstMonthTotalFen,
      highestMonthFen,
      rises: rises(evaluation.firstMonthTotalFen),
      monthsToDebtFree: evaluation.monthsToDebtFree,
    };
  }
  const firstDue = evaluation.lines.flatMap((l) => l.schedule.map((r) => r.dueDate)).sort()[0];
  const start = evaluation.balanceSeries?.[0]?.month ?? (firstDue ? monthOf(firstDue) : null);
  if (start === null) return { lines, firstMonthTotalFen: 0, highestMonthFen, rises: false, monthsToDebtFree: 0 };
  let firstMonthTotalFen = 0;
  for (const l of kept) for (const r of l.schedule) if (monthOf(r.dueDate) === start) firstMonthTotalFen += r.paymentFen;
  const ends = lines.flatMap((l) => (l.payoffMonth ? [monthNumber(l.payoffMonth)] : []));
  const monthsToDebtFree = ends.length === 0 ? 0 : Math.max(...ends) - monthNumber(start) + 1;
  return { lines, firstMonthTotalFen, highestMonthFen, rises: rises(firstMonthTotalFen), monthsToDebtFree };
}
