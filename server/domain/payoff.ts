/**
 * Paying a plan month by month: each debt's negotiated schedule is its minimum, and the room left in the
 * affordable amount either clears debts earlier, in the order of the plan's strategy, or is kept as a
 * buffer.
 *
 * Rules:
 * - Months are calendar months counted from the plan's start month. The amount available for the plan in a
 *   month is the affordable amount minus the agreed commitments still running then (a commitment with n
 *   months left runs in the plan's first n months); never below 0.
 * - A debt is open from the month of its first scheduled payment (after any deferral) until it is paid
 *   off. Each open month it accrues interest on its opening balance at its plan rate, by the schedule's
 *   rule (monthInterestFen), and its minimum is that month's scheduled principal plus that interest, never
 *   more than it owes. Paying only the minimums gives back the negotiated schedule row for row; paying more
 *   lowers the balance, so the debt is cleared before its last scheduled month and accrues less interest.
 * - "buffer": only the minimums are paid; what is left each month stays with the client.
 * - "clear-early": the whole amount available is paid, shared by `allocate` with each debt's minimum as
 *   its floor and what it owes as its cap. Avalanche fills the debt with the highest plan rate first (the
 *   contract rate breaks a tie), snowball the smallest balance first, pro-rata shares in proportion to what
 *   each owes with the organization's minimum per creditor. Rounding is allocate's, so every month is exact
 *   to the fen: shares floored, the fen left over handed out by largest remainder (ties: larger balance,
 *   then input order). When the minimums alone do not fit, only they are paid (the plan then says it is
 *   over the affordable amount); when the organization's minimum does not fit, pro-rata goes without it.
 * - Priority debts (secured, under enforcement, a card near the 恶意透支 line, or placed by the counselor;
 *   debt-priority.ts) are paid their scheduled payment and no more while another debt is open: the room
 *   goes to the others by the strategy.
 * - A month in which the strategy cannot change anything is recorded with why: no room left over, only one
 *   debt open, or room for everything still owed. If every month is like that, every strategy gives the
 *   same result, and the plan can say why from the computation.
 */
import { allocate, type AllocationStrategy } from "./allocation";
import { DomainError } from "./errors";
import { assertFen } from "./money";
import { parseRatePct } from "./rate";
import { monthInterestFen, monthlyRateOf, parseIsoDate, type ScheduleRow } from "./schedule";

export const ROOM_USES = ["clear-early", "buffer"] as const;
export type RoomUse = (typeof ROOM_USES)[number];

/** A debt under an agreement: its monthly amount is fixed and only taken off the affordable amount. */
export type Commitment = { debtId: string; monthlyFen: number; monthsLeft: number };

/** At most this many months left on an agreement (60 instalments plus a long deferral). */
export const MAX_COMMITMENT_MONTHS = 120;

export type PayoffDebt = {
  id: string;
  /** The negotiated schedule: what the lender is asked to accept. */
  schedule: readonly ScheduleRow[];
  /** The rate the schedule charges ("0" when interest-free). */
  planRatePct: string;
  /** The loan's contract rate: breaks an avalanche tie between equal plan rates. */
  contractRatePct: string;
};

export type MonthChoice = "buffer" | "no-room" | "one-open" | "covers-all" | "choice";

export type PayoffMonth = { month: string; availableFen: number; paidFen: number; choice: MonthChoice };

export type PayoffResult = {
  /** Per debt, in input order: the rows actually paid, one per open month. */
  rows: ScheduleRow[][];
  /** From the start month to the last payment. */
  months: PayoffMonth[];
};

export function monthIndex(date: string): number {
  const { year, month } = parseIsoDate(date);
  return year * 12 + month - 1;
}

export function monthKey(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String(index - year * 12 + 1).padStart(2, "0")}`;
}

export function validateCommitments(commitments: readonly Commitment[]): void {
  const seen = new Set<string>();
  commitments.forEach((c, i) => {
    if (seen.has(c.debtId)) {
      throw new DomainError("duplicate_debt", `debt ${c.debtId} is committed twice`, `commitments.${i}.debtId`);
    }
    seen.add(c.debtId);
    assertFen(c.monthlyFen, `commitments.${i}.monthlyFen`);
    if (!Number.isInteger(c.monthsLeft) || c.monthsLeft < 0 || c.monthsLeft > MAX_COMMITMENT_MONTHS) {
      throw new DomainError("invalid_months", `months left must be 0 to ${MAX_COMMITMENT_MONTHS}`, `commitments.${i}.monthsLeft`);
    }
  });
}

/** What the agreed commitments take in the plan's month `offset` (0 = the start month). */
export function agreedInMonth(commitments: readonly Commitment[], offset: number): number {
  return commitments.reduce((sum, c) => sum + (offset < c.monthsLeft ? c.monthlyFen : 0), 0);
}

type Open = { index: number; interestFen: number; owedFen: number; minimumFen: number; dueDate: string };

export function simulatePayoff(input: {
  debts: readonly PayoffDebt[];
  startDate: string;
  affordableFen: number;
  commitments: readonly Commitment[];
  strategy: AllocationStrategy;
  roomUse: RoomUse;
  minPerCreditorFen: number;
  /** Debts paid their schedule first, before the room is shared (server/domain/debt-priority.ts). */
  priorityIds?: ReadonlySet<string>;
}): PayoffResult {
  const startMonth = monthIndex(input.startDate);
  const byMonth = input.debts.map((d) => new Map(d.schedule.map((row) => [monthIndex(row.dueDate), row])));
  const rates = input.debts.map((d, i) => monthlyRateOf(parseRatePct(d.planRatePct, `debts.${i}.planRatePct`)));
  const balances = input.debts.map((d) => d.schedule.reduce((sum, row) => sum + row.principalFen, 0));
  const firstMonth = input.debts.map((d) => (d.schedule[0] ? monthIndex(d.schedule[0].dueDate) : Infinity));
  const lastMonth = Math.max(startMonth - 1, ...input.debts.flatMap((d) => d.schedule.map((row) => monthIndex(row.dueDate))));
  const rows: ScheduleRow[][] = input.debts.map(() => []);
  const months: PayoffMonth[] = [];

  for (let month = startMonth; month <= lastMonth && balances.some((b) => b > 0); month += 1) {
    const open: Open[] = [];
    input.debts.forEach((_, index) => {
      if (balances[index]! <= 0 || month < firstMonth[index]!) return;
      const row = byMonth[index]!.get(month);
      // Paying at least the scheduled principal keeps the balance at or below the schedule's, so an open
      // debt always has a row this month (its last row takes whatever the schedule still had).
      if (!row) throw new Error(`payoff: debt ${index} open in ${monthKey(month)} without a scheduled row`);
      const interestFen = monthInterestFen(balances[index]!, rates[index]!);
      const owedFen = balances[index]! + interestFen;
      open.push({ index, interestFen, owedFen, minimumFen: Math.min(row.principalFen + interestFen, owedFen), dueDate: row.dueDate });
    });

    const availableFen = Math.max(0, input.affordableFen - agreedInMonth(input.commitments, month - startMonth));
    const minimumsFen = open.reduce((sum, o) => sum + o.minimumFen, 0);
    const pay = open.map((o) => o.minimumFen);
    // Priority debts get their scheduled (contractual or agreed) payment first; the room is shared among
    // the others by the strategy, or among the priority debts when no other debt is open.
    const priority = input.priorityIds ?? new Set<string>();
    const others = open.map((o, i) => ({ o, i })).filter(({ o }) => !priority.has(input.debts[o.index]!.id));
    const pool = others.length > 0 ? others : open.map((o, i) => ({ o, i }));
    const reservedFen = minimumsFen - pool.reduce((sum, { o }) => sum + o.minimumFen, 0);
    let choice: MonthChoice;
    if (input.roomUse === "buffer") choice = "buffer";
    else if (open.length === 0 || minimumsFen >= availableFen) choice = "no-room";
    else {
      const roomToCap = pool.reduce((sum, { o }) => sum + o.owedFen - o.minimumFen, 0);
      choice = pool.length === 1 ? "one-open" : availableFen - minimumsFen >= roomToCap ? "covers-all" : "choice";
      const share = (minimumFen: number) =>
        allocate({
          availableFen: availableFen - reservedFen,
          debts: pool.map(({ o }) => ({
            id: String(o.index),
            balanceFen: o.owedFen,
            floorFen: o.minimumFen,
            annualRatePct: input.debts[o.index]!.planRatePct,
            contractRatePct: input.debts[o.index]!.contractRatePct,
          })),
          basis: "balance",
          minimumFen,
          strategy: input.strategy,
        });
      let result = share(input.strategy === "pro-rata" ? input.minPerCreditorFen : 0);
      if (!result.ok) result = share(0);
      if (result.ok) result.allocations.forEach((a, k) => (pay[pool[k]!.i] = a.amountFen));
    }

    open.forEach((o, i) => {
      const paymentFen = pay[i]!;
      const principalFen = paymentFen - o.interestFen;
      balances[o.index] = balances[o.index]! - principalFen;
      rows[o.index]!.push({
        seq: rows[o.index]!.length + 1,
        dueDate: o.dueDate,
        paymentFen,
        principalFen,
        interestFen: o.interestFen,
        balanceFen: balances[o.index]!,
      });
    });
    months.push({ month: monthKey(month), availableFen, paidFen: pay.reduce((a, b) => a + b, 0), choice });
  }
  return { rows, months };
}

export type StrategyEffect =
  | { matters: true }
  | { matters: false; reason: "kept-as-buffer" | "one-debt" | "no-room" | "room-covers-all" | "one-open-debt" | "no-choice" };

/**
 * Whether the plan's strategy changed anything, and if not, why, from the months as paid. `debtsToRepay`
 * is how many debts had anything left to repay.
 */
export function strategyEffect(roomUse: RoomUse, debtsToRepay: number, months: readonly PayoffMonth[]): StrategyEffect {
  if (roomUse === "buffer") return { matters: false, reason: "kept-as-buffer" };
  if (debtsToRepay <= 1) return { matters: false, reason: "one-debt" };
  if (months.some((m) => m.choice === "choice")) return { matters: true };
  const withRoom = months.filter((m) => m.choice !== "no-room");
  if (withRoom.length === 0) return { matters: false, reason: "no-room" };
  if (withRoom.every((m) => m.choice === "covers-all")) return { matters: false, reason: "room-covers-all" };
  if (withRoom.every((m) => m.choice === "one-open")) return { matters: false, reason: "one-open-debt" };
  return { matters: false, reason: "no-choice" };
}
