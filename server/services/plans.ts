import { and, eq } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { plans, planVersions, users } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import type { Commitment, RoomUse } from "@/server/domain/payoff";
import { evaluatePlan, type PlanDebt, type PlanEvaluation } from "@/server/domain/plan";
import { compareEvaluations, type ComparisonNote } from "@/server/domain/plan-compare";
import { AppError, fieldError } from "@/server/errors";
import type { EvaluatePlanInput, SavePlanInput, ScenarioInput } from "@/server/schemas/assessment";
import { assertClientAccess, type Actor } from "./access";
import { agreedCommitments } from "./agreed-commitments";
import { writeAudit } from "./audit";
import { loadCurrentBudget, orgBudgetSettings } from "./budget";
import { priorityOrder } from "@/server/domain/debt-priority";
import { todayInShanghai } from "@/server/domain/time";
import { loadClientDebts, type DebtView } from "./debts";

export type ScenarioResult =
  | { ok: true; name: string; evaluation: PlanEvaluation }
  | { ok: false; name: string; code: string; field: string | null; debtId: string | null };

type Context = {
  debts: DebtView[];
  affordableFen: number;
  hasBudget: boolean;
  minPerCreditorFen: number;
  commitments: Commitment[];
  /** Priority debts in priority order (server/domain/debt-priority.ts). */
  priorityDebtIds: string[];
};

async function loadContext(tx: Tx, actor: Actor, clientId: string): Promise<Context> {
  const [debtList, budget, settings, commitments] = await Promise.all([
    loadClientDebts(tx, actor.orgId, clientId),
    loadCurrentBudget(tx, actor.orgId, clientId),
    orgBudgetSettings(tx, actor.orgId),
    agreedCommitments(tx, actor, clientId),
  ]);
  return {
    debts: debtList,
    affordableFen: budget?.summary.affordableFen ?? 0,
    hasBudget: budget !== null,
    minPerCreditorFen: settings.minPerCreditorFen,
    commitments,
    priorityDebtIds: priorityOrder(
      debtList.map((d) => ({ ...d, debtId: d.id, lenderType: d.licenceType })),
      todayInShanghai(),
    )
      .filter((o) => o.priority)
      .map((o) => o.debtId),
  };
}

/**
 * Evaluates one scenario against the client's current debts, budget and agreements. Every current debt
 * not under an agreement is in the plan; a debt the scenario has no line for is paid in one lump on the
 * start date, and a line for an agreed debt is set aside (its agreed amount stands). A line naming a debt
 * the client does not have is refused. Domain problems come back as a result, not an exception, so the
 * three scenarios can be shown side by side whatever state each is in.
 */
function evaluateScenario(ctx: Context, scenario: ScenarioInput): ScenarioResult {
  const byId = new Map(ctx.debts.map((d) => [d.id, d]));
  const seen = new Set<string>();
  for (const line of scenario.lines) {
    if (!byId.has(line.debtId) || seen.has(line.debtId)) {
      return { ok: false, name: scenario.name, code: "unknownDebt", field: "debtId", debtId: line.debtId };
    }
    seen.add(line.debtId);
  }
  const agreed = new Set(ctx.commitments.map((c) => c.debtId));
  const arrangements = new Map(scenario.lines.map((l) => [l.debtId, l.arrangement]));
  const planDebts: PlanDebt[] = ctx.debts
    .filter((d) => !agreed.has(d.id))
    .map((d) => ({
      debtId: d.id,
      balanceFen: d.balanceFen,
      principalFen: d.outstandingPrincipalFen,
      interestFen: d.interestFen,
      penaltyFen: d.penaltyFen,
      feesFen: d.feesFen,
      annualRatePct: d.annualRatePct,
      arrangement: arrangements.get(d.id) ?? {},
    }));
  try {
    const evaluation = evaluatePlan({
      debts: planDebts,
      affordableFen: ctx.affordableFen,
      startDate: scenario.startDate,
      strategy: scenario.strategy,
      roomUse: scenario.roomUse,
      priorityDebtIds: ctx.priorityDebtIds.filter((id) => !agreed.has(id)),
      minPerCreditorFen: ctx.minPerCreditorFen,
      commitments: ctx.commitments.filter((c) => byId.has(c.debtId)),
    });
    return { ok: true, name: scenario.name, evaluation };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const match = /^debts\.(\d+)\.(.*)$/.exec(err.field ?? "");
    const debtId = match ? (planDebts[Number(match[1])]?.debtId ?? null) : null;
    return { ok: false, name: scenario.name, code: err.code, field: match ? match[2]! : (err.field ?? null), debtId };
  }
}

/** Each pair of scenarios that pay the same, or differ only in order, with why (scenario indexes). */
function comparePairs(results: readonly ScenarioResult[]) {
  const notes: Array<{ a: number; b: number; note: ComparisonNote }> = [];
  results.forEach((x, a) =>
    results.forEach((y, b) => {
      if (b <= a || !x.ok || !y.ok) return;
      const note = compareEvaluations(x.evaluation, y.evaluation);
      if (note) notes.push({ a, b, note });
    }),
  );
  return notes;
}

/** Works out up to three scenarios side by side; nothing is saved. */
export async function evaluateScenarios(actor: Actor, input: EvaluatePlanInput) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, input.clientId);
    const ctx = await loadContext(tx, actor, input.clientId);
    const scenarios = input.scenarios.map((s) => evaluateScenario(ctx, s));
    return {
      affordableFen: ctx.affordableFen,
      hasBudget: ctx.hasBudget,
      minPerCreditorFen: ctx.minPerCreditorFen,
      commitments: ctx.commitments,
      scenarios,
      comparisons: comparePairs(scenarios),
    };
  });
}

const PLAN_COLUMNS = {
  id: plans.id,
  clientId: plans.clientId,
  version: plans.version,
  scenarios: plans.scenarios,
  chosenScenario: plans.chosenScenario,
  evaluation: plans.evaluation,
  budgetId: plans.budgetId,
  status: plans.status,
  needsReview: plans.needsReview,
  needsReviewReason: plans.needsReviewReason,
  savedAt: plans.savedAt,
  savedBy: plans.savedBy,
  savedByName: users.name,
};

/** The client's saved plan, or null. */
export async function getPlan(actor: Actor, clientId: string) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, clientId);
    const [row] = await tx
      .select(PLAN_COLUMNS)
      .from(plans)
      .leftJoin(users, eq(users.id, plans.savedBy))
      .where(and(eq(plans.orgId, actor.orgId), eq(plans.clientId, clientId)))
      .limit(1);
    if (!row) return null;
    return {
      ...row,
      // Plans saved before the room could be used paid only the negotiated instalments.
      scenarios: (row.scenarios as Array<Omit<ScenarioInput, "roomUse"> & { roomUse?: RoomUse }>).map((s) => ({
        ...s,
        roomUse: s.roomUse ?? "buffer",
      })) as ScenarioInput[],
      evaluation: row.evaluation as PlanEvaluation | null,
    };
  });
}

/**
 * Saves the scenarios with one chosen as the client's plan. `expectedVersion` is the version the editor
 * loaded (0: there was none); if someone saved in between, CONFLICT — never a silent overwrite. The chosen
 * scenario is evaluated again here, on the current debts and budget, and stored with the plan.
 */
export async function savePlan(actor: Actor, input: SavePlanInput) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, input.clientId);
    const chosen = input.scenarios[input.chosenScenario];
    if (!chosen) throw fieldError("chosenScenario", "invalidChoice");
    const ctx = await loadContext(tx, actor, input.clientId);
    if (ctx.debts.length === 0) throw fieldError("scenarios", "noDebts");
    const result = evaluateScenario(ctx, chosen);
    if (!result.ok) {
      throw new AppError("INVALID_INPUT", {
        messageKey: "invalidInput",
        fields: { [`scenarios.${input.chosenScenario}${result.field ? `.${result.field}` : ""}`]: [result.code] },
        params: result.debtId ? { debtId: result.debtId } : undefined,
      });
    }
    const budget = await loadCurrentBudget(tx, actor.orgId, input.clientId);
    const now = new Date();
    const content = {
      scenarios: input.scenarios,
      chosenScenario: input.chosenScenario,
      evaluation: result.evaluation,
      budgetId: budget?.id ?? null,
      needsReview: false,
      needsReviewReason: null,
      savedBy: actor.userId,
      savedAt: now,
      status: "active" as const,
    };

    let planId: string;
    let version: number;
    if (input.expectedVersion === 0) {
      const inserted = await tx
        .insert(plans)
        .values({ orgId: actor.orgId, clientId: input.clientId, version: 1, createdBy: actor.userId, ...content })
        .onConflictDoNothing()
        .returning({ id: plans.id, version: plans.version });
      if (inserted.length === 0) throw new AppError("CONFLICT");
      planId = inserted[0]!.id;
      version = 1;
    } else {
      const updated = await tx
        .update(plans)
        .set({ ...content, version: input.expectedVersion + 1 })
        .where(and(eq(plans.orgId, actor.orgId), eq(plans.clientId, input.clientId), eq(plans.version, input.expectedVersion)))
        .returning({ id: plans.id, version: plans.version });
      if (updated.length === 0) throw new AppError("CONFLICT");
      planId = updated[0]!.id;
      version = updated[0]!.version;
    }
    await tx.insert(planVersions).values({
      orgId: actor.orgId,
      planId,
      version,
      scenarios: input.scenarios,
      chosenScenario: input.chosenScenario,
      evaluation: result.evaluation,
      budgetId: content.budgetId,
      savedBy: actor.userId,
      savedAt: now,
    });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "plan.save",
      entityType: "plan",
      entityId: planId,
      after: {
        version,
        chosenScenario: input.chosenScenario,
        scenarios: input.scenarios,
        monthlyTotalFen: result.evaluation.monthlyTotalFen,
        totalPaidFen: result.evaluation.totalPaidFen,
        reliefFen: result.evaluation.reliefFen,
        feasible: result.evaluation.feasible,
      },
      requestId: actor.requestId,
    });
    return { id: planId, version, feasible: result.evaluation.feasible };
  });
}
