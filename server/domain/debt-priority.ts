/**
 * Priority and legal-risk triage before money is shared (issue 15 item 4).
 *
 * Classes, in their default order: secured (a mortgage or car loan: the asset is at stake), under court
 * enforcement (强制执行), a credit card near the 恶意透支 line (the criminal-risk rule in force today: unpaid
 * principal at or above its threshold, more than its months after two valid collection notices at least its
 * days apart), and the others. A debt in two classes takes the earlier one. Within a class, the larger
 * outstanding principal first, then the input order.
 *
 * The counselor may place a debt at a position (1 = first) with a reason; placed debts take their
 * positions (ties: the default order), the rest fill the remaining places in the default order. A placed
 * debt counts as a priority debt whatever its class: placing it is saying so. Priority debts are paid
 * their scheduled payment first in the plan (payoff.ts); the rest is shared by the plan's strategy.
 *
 * The card line counts principal only (the interpretation's 数额 is the overdrawn principal, interest and
 * fees excluded: MARKET.md F1, secondary). Nothing here says a client committed a crime: "over" means the
 * recorded facts meet the rule's figures, for the counselor to act on before it goes further.
 */
import { DomainError } from "./errors";
import { citeOf, rulesInForce, type RuleCite } from "./rules";
import { addMonths } from "./schedule";
import { daysBetween } from "./time";
import type { DebtKind, LicenceType } from "./vocabulary";

export const DEBT_CLASSES = ["secured", "enforcement", "card-criminal-risk", "other"] as const;
export type DebtClass = (typeof DEBT_CLASSES)[number];

export const MAX_PRIORITY_RANK = 50;

export type DebtForTriage = {
  debtId: string;
  debtKind: DebtKind;
  lenderType: LicenceType;
  secured: boolean;
  underEnforcement: boolean;
  outstandingPrincipalFen: number;
  firstNoticeOn: string | null;
  secondNoticeOn: string | null;
  priorityRank: number | null;
  priorityReason: string | null;
};

export type CardRisk = RuleCite & {
  level: "approaching" | "over";
  thresholdFen: number;
  principalFen: number;
  /** Whether the two notices recorded are far enough apart to count. */
  noticesCount: boolean;
  /** The first day the months after the second notice have passed (null without two counting notices). */
  lineDate: string | null;
};

/**
 * Where a card stands against the criminal-risk rule in force today, or null (not a card, no rule, well
 * below). "over": principal at or above the threshold, two counting notices and the months passed;
 * "approaching": principal at or above the rule's warning share of the threshold, or at the threshold
 * without the notices or months yet.
 */
export function cardCriminalRisk(debt: DebtForTriage, today: string): CardRisk | null {
  if (debt.debtKind !== "credit-card") return null;
  const [rule] = rulesInForce("criminal-risk", debt.lenderType, today);
  if (!rule) return null;
  const p = rule.params;
  const principalFen = debt.outstandingPrincipalFen;
  const noticesCount =
    debt.firstNoticeOn !== null &&
    debt.secondNoticeOn !== null &&
    daysBetween(debt.firstNoticeOn, debt.secondNoticeOn) >= p.minDaysBetweenNotices;
  // "超过三个月": the line is crossed the day after three months from the second notice.
  const lineDate = noticesCount ? addDaysAfterMonths(debt.secondNoticeOn!, p.monthsAfterNotices) : null;
  const atThreshold = principalFen >= p.thresholdFen;
  if (atThreshold && lineDate !== null && today >= lineDate) {
    return { ...citeOf(rule), level: "over", thresholdFen: p.thresholdFen, principalFen, noticesCount, lineDate };
  }
  if (atThreshold || principalFen * 100 >= p.thresholdFen * p.warnAtPctOfThreshold) {
    return { ...citeOf(rule), level: "approaching", thresholdFen: p.thresholdFen, principalFen, noticesCount, lineDate };
  }
  return null;
}

function addDaysAfterMonths(date: string, months: number): string {
  const end = addMonths(date, months);
  const [y, m, d] = end.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}

export function debtClass(debt: DebtForTriage, today: string): DebtClass {
  if (debt.secured) return "secured";
  if (debt.underEnforcement) return "enforcement";
  if (cardCriminalRisk(debt, today)) return "card-criminal-risk";
  return "other";
}

export type TriagedDebt = {
  debtId: string;
  debtClass: DebtClass;
  /** 1-based place in the order. */
  position: number;
  priority: boolean;
  /** Set when the counselor placed it: the place asked for and why. */
  override: { rank: number; reason: string } | null;
  cardRisk: CardRisk | null;
};

/** Checks a counselor's placement: a whole number 1..50 with a reason, or neither. Throws with the field. */
export function validatePriorityOverride(rank: number | null, reason: string | null): void {
  if (rank === null) {
    if (reason !== null && reason.trim() !== "")
      throw new DomainError("priority_reason_without_rank", "a reason needs a place", "priorityRank");
    return;
  }
  if (!Number.isInteger(rank) || rank < 1 || rank > MAX_PRIORITY_RANK) {
    throw new DomainError("invalid_priority_rank", `the place must be a whole number from 1 to ${MAX_PRIORITY_RANK}`, "priorityRank");
  }
  if (reason === null || reason.trim() === "")
    throw new DomainError("priority_reason_required", "a place needs a reason", "priorityReason");
}

/** The debts in priority order, each with its class, place and card risk. */
export function priorityOrder(debts: readonly DebtForTriage[], today: string): TriagedDebt[] {
  const described = debts.map((d, index) => {
    const cardRisk = cardCriminalRisk(d, today);
    const cls = d.secured ? "secured" : d.underEnforcement ? "enforcement" : cardRisk ? "card-criminal-risk" : "other";
    return { d, index, cls: cls as DebtClass, cardRisk };
  });
  const byDefault = [...described].sort(
    (a, b) =>
      DEBT_CLASSES.indexOf(a.cls) - DEBT_CLASSES.indexOf(b.cls) ||
      b.d.outstandingPrincipalFen - a.d.outstandingPrincipalFen ||
      a.index - b.index,
  );
  const placed = byDefault.filter((x) => x.d.priorityRank !== null).sort((a, b) => a.d.priorityRank! - b.d.priorityRank!);
  const rest = byDefault.filter((x) => x.d.priorityRank === null);
  const slots: Array<(typeof described)[number] | undefined> = new Array(debts.length).fill(undefined);
  for (const x of placed) {
    // The place asked for, or the next free one after it (two debts asked for the same place, or a place past the end).
    let at = Math.min(x.d.priorityRank!, debts.length) - 1;
    while (at < debts.length && slots[at]) at += 1;
    if (at >= debts.length) at = slots.findIndex((s) => s === undefined);
    slots[at] = x;
  }
  for (const x of rest) slots[slots.findIndex((s) => s === undefined)] = x;
  return slots.map((x, i) => ({
    debtId: x!.d.debtId,
    debtClass: x!.cls,
    position: i + 1,
    priority: x!.cls !== "other" || x!.d.priorityRank !== null,
    override: x!.d.priorityRank !== null ? { rank: x!.d.priorityRank, reason: x!.d.priorityReason ?? "" } : null,
    cardRisk: x!.cardRisk,
  }));
}
