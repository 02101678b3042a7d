import { and, desc, eq } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { budgets, organizations } from "@/db/schema";
import { summarizeBudget, type ExpenseCategory, type IncomeKind } from "@/server/domain/budget";
import { DomainError } from "@/server/domain/errors";
import { todayInShanghai } from "@/server/domain/time";
import { fieldError, fromDomainError } from "@/server/errors";
import type { SaveBudgetInput } from "@/server/schemas/assessment";
import { assertClientAccess, type Actor } from "./access";
import { writeAudit } from "./audit";
import { markPlanNeedsReview } from "./plan-review";

const BUDGET_COLUMNS = {
  id: budgets.id,
  effectiveDate: budgets.effectiveDate,
  incomes: budgets.incomes,
  expenses: budgets.expenses,
  dependents: budgets.dependents,
  notes: budgets.notes,
  createdAt: budgets.createdAt,
};

export async function orgBudgetSettings(tx: Tx, orgId: string) {
  const [org] = await tx
    .select({ bufferPct: organizations.bufferPct, minPerCreditorFen: organizations.minPerCreditorFen })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .limit(1);
  return { bufferPct: org?.bufferPct ?? "10", minPerCreditorFen: org?.minPerCreditorFen ?? 0 };
}

type BudgetRow = Awaited<ReturnType<typeof selectBudgets>>[number];

function selectBudgets(tx: Tx, orgId: string, clientId: string, limit: number) {
  return tx
    .select(BUDGET_COLUMNS)
    .from(budgets)
    .where(and(eq(budgets.orgId, orgId), eq(budgets.clientId, clientId)))
    .orderBy(desc(budgets.effectiveDate), desc(budgets.createdAt))
    .limit(limit);
}

function withSummary(row: BudgetRow, bufferPct: string) {
  const summary = summarizeBudget({
    incomes: row.incomes.map((i) => ({ kind: i.kind as IncomeKind, monthlyFen: i.monthlyFen })),
    expenses: row.expenses.map((e) => ({ category: e.category as ExpenseCategory, monthlyFen: e.monthlyFen })),
    bufferPct,
  });
  return { ...row, bufferPct, summary };
}

/** The budget in force (latest effective date, then latest saved) with its summary; null when none yet. */
export async function loadCurrentBudget(tx: Tx, orgId: string, clientId: string) {
  const { bufferPct } = await orgBudgetSettings(tx, orgId);
  const [row] = await selectBudgets(tx, orgId, clientId, 1);
  return row ? withSummary(row, bufferPct) : null;
}

export async function getBudget(actor: Actor, clientId: string) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, clientId);
    return loadCurrentBudget(tx, actor.orgId, clientId);
  });
}

/** Every saved snapshot, newest first, each with its summary at the organization's current buffer. */
export async function budgetHistory(actor: Actor, clientId: string) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, clientId);
    const { bufferPct } = await orgBudgetSettings(tx, actor.orgId);
    const rows = await selectBudgets(tx, actor.orgId, clientId, 100);
    return rows.map((r) => withSummary(r, bufferPct));
  });
}

/** Saves the budget as a new dated snapshot (history is never overwritten) and flags the plan for review. */
export async function saveBudget(actor: Actor, input: SaveBudgetInput) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, input.clientId);
    if (input.effectiveDate > todayInShanghai()) throw fieldError("effectiveDate", "dateInFuture");
    const { bufferPct } = await orgBudgetSettings(tx, actor.orgId);
    let summary;
    try {
      summary = summarizeBudget({ incomes: input.incomes, expenses: input.expenses, bufferPct });
    } catch (err) {
      if (err instanceof DomainError) throw fromDomainError(err);
      throw err;
    }
    const values = {
      orgId: actor.orgId,
      clientId: input.clientId,
      effectiveDate: input.effectiveDate,
      incomes: input.incomes,
      expenses: input.expenses,
      dependents: input.dependents,
      notes: input.notes ?? null,
      createdBy: actor.userId,
    };
    const [row] = await tx.insert(budgets).values(values).returning({ id: budgets.id });
    await markPlanNeedsReview(tx, actor.orgId, input.clientId, "budget-changed");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "budget.save",
      entityType: "budget",
      entityId: row!.id,
      after: { ...values, summary },
      requestId: actor.requestId,
    });
    return { id: row!.id, summary };
  });
}
