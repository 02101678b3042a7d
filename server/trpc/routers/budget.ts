import { z } from "zod";
import { ZSaveBudgetInput } from "@/server/schemas/assessment";
import { zId } from "@/server/schemas/common";
import { budgetHistory, getBudget, saveBudget } from "@/server/services/budget";
import { permitted, router } from "../init";

export const budgetRouter = router({
  /** The budget in force with its summary (affordable amount after the organization's buffer), or null. */
  current: permitted("budget.read")
    .input(z.strictObject({ clientId: zId }))
    .query(({ ctx, input }) => getBudget(ctx.actor, input.clientId)),
  history: permitted("budget.read")
    .input(z.strictObject({ clientId: zId }))
    .query(({ ctx, input }) => budgetHistory(ctx.actor, input.clientId)),
  save: permitted("budget.manage")
    .input(ZSaveBudgetInput)
    .mutation(({ ctx, input }) => saveBudget(ctx.actor, input)),
});
