/**
 * Two scenarios side by side: when they pay every debt the same in every month, say why in plain terms,
 * from how they were computed; when they differ only in the order debts are cleared, say why the totals are
 * still equal.
 *
 * Reasons (the UI turns each into a sentence):
 * - "same-settings": the two scenarios have the same strategy and the same use of the room.
 * - the strategy made no difference in either (PlanEvaluation.strategyEffect), preferring the reason of the
 *   scenario that uses the room: "kept-as-buffer", "one-debt", "no-room", "room-covers-all",
 *   "one-open-debt", "no-choice".
 * - "same-order": highest rate first and smallest first sent the room to the same debts in the same order.
 * - "same-payments": any other coincidence (the computation found no simpler reason).
 * - "no-interest" (same totals, different order): no debt in either is charged interest under the plan, so
 *   the order changes when each debt is cleared but not what is paid in all, nor when the last is cleared.
 */
import type { StrategyEffect } from "./payoff";
import type { PlanEvaluation } from "./plan";

type NoEffect = Extract<StrategyEffect, { matters: false }>["reason"];
export type SameResultReason = "same-settings" | NoEffect | "same-order" | "same-payments";
export type ComparisonNote = { kind: "same-result"; reason: SameResultReason } | { kind: "same-totals"; reason: "no-interest" };

function paymentsKey(evaluation: PlanEvaluation): string {
  return JSON.stringify(evaluation.lines.map((line) => [line.debtId, line.schedule.map((row) => [row.dueDate, row.paymentFen])]));
}

export function compareEvaluations(a: PlanEvaluation, b: PlanEvaluation): ComparisonNote | null {
  if (paymentsKey(a) === paymentsKey(b)) {
    if (a.strategy === b.strategy && a.roomUse === b.roomUse) return { kind: "same-result", reason: "same-settings" };
    const noEffect = [a, b]
      .sort((x, y) => Number(x.roomUse === "buffer") - Number(y.roomUse === "buffer"))
      .map((e) => e.strategyEffect)
      .find((effect): effect is Extract<StrategyEffect, { matters: false }> => !effect.matters);
    if (noEffect) return { kind: "same-result", reason: noEffect.reason };
    const pair = [a.strategy, b.strategy].sort().join("+");
    return { kind: "same-result", reason: pair === "avalanche+snowball" ? "same-order" : "same-payments" };
  }
  if (
    a.totalPaidFen === b.totalPaidFen &&
    a.monthsToDebtFree === b.monthsToDebtFree &&
    a.totalInterestFen === 0 &&
    b.totalInterestFen === 0
  ) {
    return { kind: "same-totals", reason: "no-interest" };
  }
  return null;
}
