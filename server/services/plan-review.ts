import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { plans } from "@/db/schema";

export type ReviewReason = "budget-changed" | "debt-changed" | "agreement-changed";

/**
 * Flags the client's saved plan (if any) as needing review, in the caller's transaction: its numbers were
 * worked out on a budget, debts or agreements that have since changed (an agreement made, changed or broken
 * changes what the plan can count on: its instalments come off what she can afford). The next save clears
 * the flag.
 */
export async function markPlanNeedsReview(tx: Tx, orgId: string, clientId: string, reason: ReviewReason) {
  await tx
    .update(plans)
    .set({ needsReview: true, needsReviewReason: reason })
    .where(and(eq(plans.orgId, orgId), eq(plans.clientId, clientId)));
}
