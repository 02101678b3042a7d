/**
 * The monthly budget: incomes minus fixed expenses gives the disposable income; the agency's safety buffer
 * (a percent of it) is kept back for the unexpected, and the rest is what the client can afford to offer.
 *
 * Rounding rule: buffer = disposable × pct / 100, half-up to the fen; 0 when disposable ≤ 0 (there is
 * nothing to keep back). Every other figure is an exact integer sum.
 */
import { EXPENSE_CATEGORIES, INCOME_KINDS, type ExpenseCategory, type IncomeKind } from "./budget-kinds";
import { DomainError } from "./errors";
import { Dec, toFen } from "./decimal";
import { assertFen, sumFen } from "./money";
import { parseRatePct } from "./rate";

// The kinds live in ./budget-kinds so that pages can list them without loading the decimal library.
export { EXPENSE_CATEGORIES, INCOME_KINDS, type ExpenseCategory, type IncomeKind };

export const MAX_BUFFER_PCT = 50;

export type BudgetInput = {
  incomes: ReadonlyArray<{ kind: IncomeKind; monthlyFen: number }>;
  expenses: ReadonlyArray<{ category: ExpenseCategory; monthlyFen: number }>;
  bufferPct: string;
};

export type BudgetSummary = {
  incomeFen: number;
  expenseFen: number;
  /** Income − expenses; negative when the client is short every month. */
  disposableFen: number;
  bufferFen: number;
  affordableFen: number;
};

function parseBufferPct(value: string): Dec {
  try {
    return parseRatePct(value, "bufferPct");
  } catch {
    throw new DomainError("invalid_buffer_pct", `the buffer must be a percent from 0 to ${MAX_BUFFER_PCT}`, "bufferPct");
  }
}

export function summarizeBudget(input: BudgetInput): BudgetSummary {
  input.incomes.forEach((income, index) => {
    if (!(INCOME_KINDS as readonly string[]).includes(income.kind)) {
      throw new DomainError("invalid_income_kind", "unknown kind of income", `incomes.${index}.kind`);
    }
    assertFen(income.monthlyFen, `incomes.${index}.monthlyFen`);
  });
  input.expenses.forEach((expense, index) => {
    if (!(EXPENSE_CATEGORIES as readonly string[]).includes(expense.category)) {
      throw new DomainError("invalid_expense_category", "unknown expense category", `expenses.${index}.category`);
    }
    assertFen(expense.monthlyFen, `expenses.${index}.monthlyFen`);
  });
  const pct = parseBufferPct(input.bufferPct);
  if (pct.gt(MAX_BUFFER_PCT)) {
    throw new DomainError("invalid_buffer_pct", `the buffer must be 0 to ${MAX_BUFFER_PCT} %`, "bufferPct");
  }

  const incomeFen = sumFen(input.incomes.map((i) => i.monthlyFen));
  const expenseFen = sumFen(input.expenses.map((e) => e.monthlyFen));
  const disposableFen = incomeFen - expenseFen;
  const bufferFen = disposableFen > 0 ? toFen(new Dec(disposableFen).mul(pct).div(100)) : 0;
  return {
    incomeFen,
    expenseFen,
    disposableFen,
    bufferFen,
    affordableFen: Math.max(0, disposableFen - bufferFen),
  };
}
