/** The rule table and how to ask it which rules apply (types.ts says what a rule is; table.ts holds them). */
import { DomainError } from "../errors";
import type { LicenceType } from "../vocabulary";
import { RULES } from "./table";
import { RULE_KINDS, type Rule, type RuleCite, type RuleKind, type RuleOfKind } from "./types";

export * from "./types";
export { RULES } from "./table";
export { LPR_ONE_YEAR, LPR_SOURCE, LPR_TABLE_REVIEWED_ON, lprOn } from "./lpr";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function appliesTo(rule: Rule, lenderType: LicenceType | "any"): boolean {
  return rule.lenderTypes === "all" || lenderType === "any" || rule.lenderTypes.includes(lenderType);
}

export function inForceOn(rule: Rule, date: string): boolean {
  return rule.effectiveFrom <= date && (rule.effectiveTo === null || date <= rule.effectiveTo);
}

/**
 * The rules of one kind in force on `date` for a lender type ("any": every lender type), in table order.
 * Which date to pass is the rule's `dateBasis`: the loan's origination date for rate lines, the contact's
 * Beijing day for conduct, today for the rest.
 */
export function rulesInForce<K extends RuleKind>(kind: K, lenderType: LicenceType | "any", date: string): RuleOfKind<K>[] {
  if (!RULE_KINDS.includes(kind)) throw new DomainError("invalid_rule_kind", `unknown rule kind ${String(kind)}`, "kind");
  if (!ISO_DATE.test(date)) throw new DomainError("invalid_date", "date must be YYYY-MM-DD", "date");
  return RULES.filter((r): r is RuleOfKind<K> => r.kind === kind && appliesTo(r, lenderType) && inForceOn(r, date));
}

/** One version of a rule, or undefined. */
export function ruleByCite(cite: RuleCite): Rule | undefined {
  return RULES.find((r) => r.id === cite.ruleId && r.version === cite.version);
}

export function citeOf(rule: Rule): RuleCite {
  return { ruleId: rule.id, version: rule.version };
}
