import { ZLenderHistory, ZOutcomeRange } from "@/server/schemas/workspace";
import { lenderHistory } from "@/server/services/lender-history";
import { outcomeSummary } from "@/server/services/outcomes";
import { permitted, router } from "../init";

export const outcomesRouter = router({
  /** Admin dashboard figures for a date range (default: the last 12 months). */
  summary: permitted("outcome.read")
    .input(ZOutcomeRange)
    .query(({ ctx, input }) => outcomeSummary(ctx.actor, input)),
  /** This organization's history with one lender, shown while drafting a proposal. */
  lenderHistory: permitted("lender.history")
    .input(ZLenderHistory)
    .query(({ ctx, input }) => lenderHistory(ctx.actor, input)),
});
