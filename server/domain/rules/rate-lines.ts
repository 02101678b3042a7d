/**
 * The rate lines that applied to a loan: the rate-line rules in force on its origination date for its
 * lender's licence type, each with its figure (a 4 × LPR line takes the one-year LPR of that date).
 *
 * A line is context for negotiation, never a verdict: whether a rate is lawful depends on the lender, the
 * contract and the court. Results say "above the line that applied", no more. Without a loan date no line
 * can be chosen, and none is: the caller asks for the date instead of comparing against today's lines.
 */
import { Dec } from "../decimal";
import { DomainError } from "../errors";
import type { LicenceType } from "../vocabulary";
import { citeOf, lprOn, rulesInForce, type RateLineRule, type RuleCite, type RuleSource } from "./index";

export type RateLine = RuleCite & {
  /** The line in percent a year, exact ("12", "15.4"). */
  pct: string;
  includesFees: boolean;
  /** Where the line comes from (document, issuer, date, link, how far it was checked): cited wherever it is shown. */
  source: RuleSource;
  /** For an LPR line: the LPR used and the day it was announced; `lprCurrent` false = past the table's review. */
  lpr?: { pct: string; from: string; current: boolean };
};

export type RateLineSet = { loanDate: string | null; lines: RateLine[]; missing: "loan-date" | null };

function lineOf(rule: RateLineRule, loanDate: string): RateLine | null {
  const p = rule.params;
  if (p.form === "fixed") return { ...citeOf(rule), pct: new Dec(p.pct).toFixed(), includesFees: p.includesFees, source: rule.source };
  const lpr = lprOn(loanDate);
  // Before the LPR reform there is no one-year LPR to multiply; no LPR rule starts before it.
  if (!lpr) return null;
  return {
    ...citeOf(rule),
    pct: new Dec(lpr.oneYearPct).mul(p.multiple).toFixed(),
    includesFees: p.includesFees,
    source: rule.source,
    lpr: { pct: new Dec(lpr.oneYearPct).toFixed(), from: lpr.from, current: lpr.current },
  };
}

/** The lines for a loan of `lenderType` made on `loanDate`, lowest first. */
export function rateLinesFor(input: { lenderType: LicenceType; loanDate: string | null }): RateLineSet {
  if (input.loanDate === null) return { loanDate: null, lines: [], missing: "loan-date" };
  const lines = rulesInForce("rate-line", input.lenderType, input.loanDate)
    .map((rule) => lineOf(rule, input.loanDate!))
    .filter((line): line is RateLine => line !== null)
    .sort((a, b) => new Dec(a.pct).cmp(b.pct) || a.ruleId.localeCompare(b.ruleId));
  return { loanDate: input.loanDate, lines, missing: null };
}

export type RateLineComparison = RateLine & { contractAbove: boolean; irrAbove: boolean | null };

/**
 * Each line with whether the contract's annual rate and the IRR (null: not computed) are strictly above it.
 * The contract rate is exact; the IRR is a float, compared as is (a rate equal to a line is not above it).
 */
export function compareWithLines(
  lines: readonly RateLine[],
  rates: { contractAnnualPct: string; irrPct: number | null },
): RateLineComparison[] {
  const contract = new Dec(rates.contractAnnualPct);
  if (rates.irrPct !== null && !Number.isFinite(rates.irrPct)) {
    throw new DomainError("invalid_rate", "the annual rate must be a finite number", "irrPct");
  }
  return lines.map((line) => ({
    ...line,
    contractAbove: contract.gt(line.pct),
    irrAbove: rates.irrPct === null ? null : rates.irrPct > Number(line.pct),
  }));
}
