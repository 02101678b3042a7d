import { z } from "zod";
import { ZEvaluatePlanInput, ZSavePlanInput } from "@/server/schemas/assessment";
import { zId } from "@/server/schemas/common";
import { evaluateScenarios, getPlan, savePlan } from "@/server/services/plans";
import { permitted, router } from "../init";

export const planRouter = router({
  get: permitted("plan.read")
    .input(z.strictObject({ clientId: zId }))
    .query(({ ctx, input }) => getPlan(ctx.actor, input.clientId)),
  /** Up to three scenarios worked out side by side; nothing saved. A query-like mutation (large input). */
  evaluate: permitted("plan.manage")
    .input(ZEvaluatePlanInput)
    .mutation(({ ctx, input }) => evaluateScenarios(ctx.actor, input)),
  save: permitted("plan.manage")
    .input(ZSavePlanInput)
    .mutation(({ ctx, input }) => savePlan(ctx.actor, input)),
});
