/**
 * Payments against an agreed schedule.
 *
 * Rules:
 * - Payments are applied in the order they were paid (paid-on date, then the order given) to the instalments
 *   in schedule order: each payment first tops up the earliest row not yet fully paid, the rest flows on.
 * - A row is "paid" when it has received its whole amount, "partial" when it has received some, and
 *   otherwise "missed" once its due date is before `today` (Beijing day), else "due" (the earliest unpaid row
 *   not yet late) or "upcoming".
 * - A partial row whose due date has passed is also `overdue`.
 * - Money beyond the last row is `overpaidFen` (the lender owes it back or it is set against fees; the
 *   counselor decides).
 */
import { DomainError } from "./errors";
import { assertFen } from "./money";

export type InstalmentRow = { seq: number; dueDate: string; amountFen: number };
export type PaymentForAllocation = { id: string; amountFen: number; paidOn: string };

export type InstalmentStatus = "paid" | "partial" | "missed" | "due" | "upcoming";

export type InstalmentState = InstalmentRow & {
  paidFen: number;
  remainingFen: number;
  status: InstalmentStatus;
  overdue: boolean;
  /** Which payments paid into this row, and how much each. */
  allocations: Array<{ paymentId: string; amountFen: number }>;
};

export type RepaymentState = {
  rows: InstalmentState[];
  totalDueFen: number;
  totalPaidFen: number;
  outstandingFen: number;
  overpaidFen: number;
  missedCount: number;
  /** Sum still owed on rows whose due date has passed. */
  arrearsFen: number;
  nextDue: { seq: number; dueDate: string; remainingFen: number } | null;
  complete: boolean;
};

export function applyPayments(
  schedule: readonly InstalmentRow[],
  payments: readonly PaymentForAllocation[],
  today: string,
): RepaymentState {
  schedule.forEach((row, i) => assertFen(row.amountFen, `schedule.${i}.amountFen`));
  payments.forEach((p, i) => {
    assertFen(p.amountFen, `payments.${i}.amountFen`, { allowZero: false });
  });
  const rows = [...schedule].sort((a, b) => a.seq - b.seq);
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.seq === rows[i - 1]!.seq) throw new DomainError("duplicate_seq", "instalment seq repeated", "schedule");
  }
  const ordered = payments
    .map((p, index) => ({ p, index }))
    .sort((a, b) => (a.p.paidOn < b.p.paidOn ? -1 : a.p.paidOn > b.p.paidOn ? 1 : a.index - b.index))
    .map(({ p }) => p);

  const paid = rows.map(() => 0);
  const allocations: Array<Array<{ paymentId: string; amountFen: number }>> = rows.map(() => []);
  let overpaidFen = 0;
  let cursor = 0;
  for (const payment of ordered) {
    let left = payment.amountFen;
    while (left > 0 && cursor < rows.length) {
      const room = rows[cursor]!.amountFen - paid[cursor]!;
      if (room <= 0) {
        cursor += 1;
        continue;
      }
      const take = Math.min(room, left);
      paid[cursor] = paid[cursor]! + take;
      allocations[cursor]!.push({ paymentId: payment.id, amountFen: take });
      left -= take;
    }
    overpaidFen += left;
  }

  let nextDue: RepaymentState["nextDue"] = null;
  let dueAssigned = false;
  const states: InstalmentState[] = rows.map((row, i) => {
    const paidFen = paid[i]!;
    const remainingFen = row.amountFen - paidFen;
    const late = row.dueDate < today;
    let status: InstalmentStatus;
    if (remainingFen === 0) status = "paid";
    else if (paidFen > 0) status = "partial";
    else if (late) status = "missed";
    else if (!dueAssigned) status = "due";
    else status = "upcoming";
    if (remainingFen > 0 && !late && !dueAssigned) {
      dueAssigned = true;
      nextDue = { seq: row.seq, dueDate: row.dueDate, remainingFen };
    }
    return { ...row, paidFen, remainingFen, status, overdue: remainingFen > 0 && late, allocations: allocations[i]! };
  });
  const totalDueFen = rows.reduce((s, r) => s + r.amountFen, 0);
  const totalPaidFen = ordered.reduce((s, p) => s + p.amountFen, 0);
  const outstandingFen = states.reduce((s, r) => s + r.remainingFen, 0);
  return {
    rows: states,
    totalDueFen,
    totalPaidFen,
    outstandingFen,
    overpaidFen,
    missedCount: states.filter((r) => r.status === "missed").length,
    arrearsFen: states.filter((r) => r.overdue).reduce((s, r) => s + r.remainingFen, 0),
    nextDue,
    complete: rows.length > 0 && outstandingFen === 0,
  };
}
