/**
 * Credit-record clocks per debt (issue 15 item 5), from the credit-record rules in force today:
 * - when the negative record was reported (recorded by the counselor from the client's report);
 * - when it ages off: the retention rule's years after the debt is settled (《征信业管理条例》 Art. 16: five
 *   years from the end of the adverse act; the article is secondary in MARKET.md C2);
 * - whether the 2026 one-time credit-repair policy may apply (single item at most its amount, overdue within
 *   its years, fully repaid by its date: secondary, MARKET.md F1), as "may apply" / "does not" / "cannot tell";
 * - a dispute (征信异议, Art. 25): answered within the rule's 20 days. Whether those are calendar or working
 *   days the regulation does not say (MARKET.md C2, unverified), so both deadlines are given.
 *
 * None of this "repairs" an accurate record: the policy is automatic and free, and a dispute fixes only errors.
 */
import { addWorkingDays, type Calendar } from "./calendar";
import { citeOf, rulesInForce, type RuleCite } from "./rules";
import { addMonths } from "./schedule";
import { addDays } from "./time";

export type CreditFacts = {
  creditReported: "yes" | "no" | "unknown";
  creditReportedOn: string | null;
  overdueSince: string | null;
  settledOn: string | null;
  /** The item's amount for the repair policy: its original principal. */
  originalPrincipalFen: number;
  creditDisputeFiledOn: string | null;
};

export type RepairVerdict = "may-apply" | "does-not-apply" | "cannot-tell";
export type RepairReason =
  "over-amount" | "overdue-outside-years" | "not-repaid-in-time" | "not-settled" | "no-overdue-date" | "not-reported";

export type CreditClocks = {
  reportedOn: string | null;
  agesOff: (RuleCite & { date: string }) | null;
  repair: (RuleCite & { verdict: RepairVerdict; reasons: RepairReason[]; repaidBy: string; maxItemFen: number }) | null;
  dispute:
    (RuleCite & { filedOn: string; days: number; calendarDue: string; workingDue: string; estimated: boolean; overdue: boolean }) | null;
};

export function creditClocks(facts: CreditFacts, today: string, calendar: Calendar): CreditClocks {
  const [retention] = rulesInForce("credit-record", "any", today);
  const agesOff =
    retention && facts.settledOn && facts.creditReported !== "no"
      ? { ...citeOf(retention), date: addMonths(facts.settledOn, 12 * retention.params.retentionYears) }
      : null;

  const [repairRule] = rulesInForce("credit-repair", "any", today);
  let repair: CreditClocks["repair"] = null;
  if (repairRule && facts.creditReported !== "no") {
    const p = repairRule.params;
    const reasons: RepairReason[] = [];
    let unknown = false;
    if (facts.originalPrincipalFen > p.maxItemFen) reasons.push("over-amount");
    if (facts.overdueSince === null) unknown = true;
    else if (facts.overdueSince < p.overdueFrom || facts.overdueSince > p.overdueTo) reasons.push("overdue-outside-years");
    if (facts.settledOn === null) {
      // Not settled: after the deadline it can no longer qualify; before it, it still could.
      if (today > p.repaidBy) reasons.push("not-settled");
      else unknown = true;
    } else if (facts.settledOn > p.repaidBy) reasons.push("not-repaid-in-time");
    if (facts.creditReported === "unknown") unknown = true;
    const verdict: RepairVerdict = reasons.length > 0 ? "does-not-apply" : unknown ? "cannot-tell" : "may-apply";
    repair = { ...citeOf(repairRule), verdict, reasons, repaidBy: p.repaidBy, maxItemFen: p.maxItemFen };
  }

  const [disputeRule] = rulesInForce("credit-dispute", "any", today);
  let dispute: CreditClocks["dispute"] = null;
  if (disputeRule && facts.creditDisputeFiledOn) {
    const days = disputeRule.params.answerDays;
    const calendarDue = addDays(facts.creditDisputeFiledOn, days);
    const working = addWorkingDays(calendar, facts.creditDisputeFiledOn, days);
    dispute = {
      ...citeOf(disputeRule),
      filedOn: facts.creditDisputeFiledOn,
      days,
      calendarDue,
      workingDue: working.date,
      estimated: working.estimated,
      overdue: today > calendarDue,
    };
  }
  return { reportedOn: facts.creditReportedOn, agesOff, repair, dispute };
}
