/**
 * The rules the product checks against, as dated data with their source (issue 15, decision 012).
 *
 * A rule is one version of one requirement: an id that stays the same across versions, a version number, the
 * lender types it applies to, the days it is in force (from, to, both included; `to` null = open), which day
 * decides whether it applies (the loan's origination date for a rate line, the contact's day for conduct,
 * today for the others), its source and its parameters. `confidence` says how far the figure was checked:
 * "verified" against the cited source, "secondary" from a repost or summary of it, "unverified" from memory
 * or a single weak trace; the admin page shows it beside each rule. Words for a rule (its title, note) are in
 * messages/<locale>/rules.json under the rule's id; the data here carries no sentences.
 */
import type { LicenceType } from "../vocabulary";

export const RULE_KINDS = [
  "rate-line",
  "conduct",
  "term-limit",
  "criminal-risk",
  "credit-record",
  "credit-dispute",
  "credit-repair",
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const CONFIDENCES = ["verified", "secondary", "unverified"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export type RuleSource = {
  /** The document's number or name as issued ("GB/T 45251-2025", "金规〔2025〕9号"). */
  document: string;
  issuer: string;
  /** Date issued (or reported, when only a report was found): YYYY-MM-DD. */
  date: string;
  /** Where it was read; null when none was recorded. */
  url: string | null;
  confidence: Confidence;
  /** Where a secondary report of it was read, as cited in the market notes (MARKET.md). */
  reportedIn?: string;
};

/** Which day decides whether a rule applies. */
export type RuleDateBasis = "loan-date" | "event-date" | "today";

type RuleBase<K extends RuleKind, P> = {
  id: string;
  version: number;
  kind: K;
  /** "all" or the lender licence types it covers. */
  lenderTypes: "all" | readonly LicenceType[];
  effectiveFrom: string;
  effectiveTo: string | null;
  dateBasis: RuleDateBasis;
  source: RuleSource;
  params: P;
};

export type RateLineParams =
  /** A fixed line in percent a year. `includesFees`: the line counts these fees in the cost (a comprehensive cost). */
  | { form: "fixed"; pct: string; includesFees: boolean; band?: "upper" | "lower" }
  /** A multiple of the one-year LPR on the loan's origination date. */
  | { form: "lpr-multiple"; multiple: string; includesFees: boolean };

export type ConductParams = {
  /** Beijing minutes of day; contact in [quietFrom, 24:00) ∪ [0, quietUntil) is flagged. */
  quietFromMinute?: number;
  quietUntilMinute?: number;
  /** Connected (effective) calls to the debtor per Beijing day. */
  maxConnectedCallsPerDay?: number;
  /** Call attempts that were not answered, per Beijing day. */
  maxUnansweredCallsPerDay?: number;
  /** Third parties may be contacted only when the debtor cannot be reached, and never told of the debt. */
  thirdPartyOnlyIfUnreachable?: boolean;
  /** Collection calls must be recorded. */
  recordingRequired?: boolean;
};

export type TermLimitParams = { debtKind: "credit-card"; maxMonths: number };

export type CriminalRiskParams = {
  /** Unpaid principal at or above which the conduct can be criminal. */
  thresholdFen: number;
  /** Months unpaid after the second notice. */
  monthsAfterNotices: number;
  /** Valid collection notices, and the least days between them. */
  notices: number;
  minDaysBetweenNotices: number;
  /** The product's own early-warning level (a product choice, not law): a share of the threshold, in percent. */
  warnAtPctOfThreshold: number;
};

export type CreditRecordParams = { retentionYears: number };
export type CreditDisputeParams = { answerDays: number };
export type CreditRepairParams = { maxItemFen: number; overdueFrom: string; overdueTo: string; repaidBy: string };

export type RateLineRule = RuleBase<"rate-line", RateLineParams>;
export type ConductRule = RuleBase<"conduct", ConductParams>;
export type TermLimitRule = RuleBase<"term-limit", TermLimitParams>;
export type CriminalRiskRule = RuleBase<"criminal-risk", CriminalRiskParams>;
export type CreditRecordRule = RuleBase<"credit-record", CreditRecordParams>;
export type CreditDisputeRule = RuleBase<"credit-dispute", CreditDisputeParams>;
export type CreditRepairRule = RuleBase<"credit-repair", CreditRepairParams>;

export type Rule = RateLineRule | ConductRule | TermLimitRule | CriminalRiskRule | CreditRecordRule | CreditDisputeRule | CreditRepairRule;
export type RuleOfKind<K extends RuleKind> = Extract<Rule, { kind: K }>;

/** How a result names the rule it came from: enough to find it in the table and on the admin page. */
export type RuleCite = { ruleId: string; version: number };
