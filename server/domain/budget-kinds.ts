/** The kinds of income and expense a budget has: the vocabulary alone, for pages and schemas. */
export const INCOME_KINDS = ["salary", "business", "benefits", "family-support", "other"] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

/**
 * housing = rent or mortgage; insurance = insurance and social insurance; parents = support of parents.
 */
export const EXPENSE_CATEGORIES = [
  "housing",
  "food",
  "utilities",
  "transport",
  "education",
  "medical",
  "insurance",
  "parents",
  "other",
] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];
