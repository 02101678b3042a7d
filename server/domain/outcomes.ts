/**
 * Outcome statistics: pure functions over plain numbers, shared by the admin dashboard, its CSV/Excel export
 * and the lender history shown while drafting a proposal.
 *
 * Definitions (the dashboard's help text and the export say the same):
 * - Percentiles use linear interpolation between closest ranks (Excel PERCENTILE.INC, R type 7): p = 0.5 is
 *   the median (the mean of the two middle values for an even count), p = 0.9 the 90th percentile. An empty
 *   list has no percentile (null), never 0.
 * - Acceptance rate = accepted ÷ answered; null when nothing was answered. A ratio, not rounded here.
 * - Proposal kind: one label per proposal (`proposalKind` in ./terms, with the terms it reads).
 */
import { DomainError } from "./errors";
import type { ProposalKind } from "./terms";

/** The p-quantile (0 ≤ p ≤ 1) by linear interpolation (R-7 / PERCENTILE.INC); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new DomainError("invalid_percentile", "p must be between 0 and 1", "p");
  if (values.some((v) => !Number.isFinite(v))) throw new DomainError("invalid_value", "values must be finite numbers", "values");
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (h - lo);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

export type Rate = { numerator: number; denominator: number; rate: number | null };

export function ratio(numerator: number, denominator: number): Rate {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < 0 || numerator > denominator) {
    throw new DomainError("invalid_ratio", "a ratio needs whole counts with numerator ≤ denominator", "ratio");
  }
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

export type AnsweredProposal = { kind: ProposalKind; groupKey: string; accepted: boolean };

/** Acceptance (accepted ÷ answered) per group key, groups sorted by key; plus the total. */
export function acceptanceBy(items: readonly AnsweredProposal[]): {
  groups: Array<{ key: string; answered: number; accepted: number; rate: number | null }>;
  total: { answered: number; accepted: number; rate: number | null };
} {
  const map = new Map<string, { answered: number; accepted: number }>();
  for (const item of items) {
    const g = map.get(item.groupKey) ?? { answered: 0, accepted: 0 };
    g.answered += 1;
    if (item.accepted) g.accepted += 1;
    map.set(item.groupKey, g);
  }
  const groups = [...map.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({ key, ...g, rate: ratio(g.accepted, g.answered).rate }));
  const answered = items.length;
  const accepted = items.filter((i) => i.accepted).length;
  return { groups, total: { answered, accepted, rate: ratio(accepted, answered).rate } };
}

/**
 * Monthly payment reduction of one agreement: the contractual monthly payment minus the agreed one, never
 * below zero (an agreement that raises the monthly payment, e.g. a shorter settlement, counts as 0 reduction).
 * Null when either side cannot be derived (no contractual term on the debt, or no instalment schedule).
 */
export function monthlyReductionFen(contractualMonthlyFen: number | null, agreedMonthlyFen: number | null): number | null {
  if (contractualMonthlyFen === null || agreedMonthlyFen === null) return null;
  return Math.max(0, contractualMonthlyFen - agreedMonthlyFen);
}

/** "YYYY-MM" months from the month of `from` to the month of `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  if (y * 12 + m > endY * 12 + endM) return out;
  while (y * 12 + m <= endY * 12 + endM) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The last calendar day of a "YYYY-MM" month. */
export function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, "0")}`;
}

/**
 * Cases by status at the end of each month: each case's status is that of its last event on or before the
 * month's end (or `asOf` when earlier). A case with no event by then is not counted.
 */
export function statusByMonth(
  events: ReadonlyArray<{ caseId: string; day: string; seq: number; toStatus: string }>,
  months: readonly string[],
  asOf: string,
): Array<{ month: string; counts: Record<string, number> }> {
  const sorted = [...events].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.seq - b.seq));
  // One pass: months in order, each taking the events up to its end (linear in months + events).
  const last = new Map<string, string>();
  const counts: Record<string, number> = {};
  let next = 0;
  return months.map((month) => {
    const end = monthEnd(month) < asOf ? monthEnd(month) : asOf;
    for (; next < sorted.length && sorted[next]!.day <= end; next++) {
      const e = sorted[next]!;
      const prev = last.get(e.caseId);
      if (prev !== undefined) counts[prev] = counts[prev]! - 1;
      counts[e.toStatus] = (counts[e.toStatus] ?? 0) + 1;
      last.set(e.caseId, e.toStatus);
    }
    return { month, counts: Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)) };
  });
}
