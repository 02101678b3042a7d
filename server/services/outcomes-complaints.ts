import { and, eq, gte, lte } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { complaints } from "@/db/schema";
import { clockState } from "@/server/domain/complaints";
import { todayInShanghai } from "@/server/domain/time";
import type { Actor } from "./access";

/**
 * Complaints' own outcome figure: of the complaints filed in the period, how many were answered within their
 * clock (with the extensions the institution took), how many late, and how many still open or overdue.
 */
export async function complaintOutcomes(actor: Actor, input: { from?: string; to?: string } = {}, today: string = todayInShanghai()) {
  return withTenant(actor, async (tx) => {
    const rows = await tx
      .select({ channel: complaints.channel, dueOn: complaints.dueOn, answeredOn: complaints.answeredOn, outcome: complaints.outcome })
      .from(complaints)
      .where(
        and(
          eq(complaints.orgId, actor.orgId),
          input.from ? gte(complaints.filedOn, input.from) : undefined,
          input.to ? lte(complaints.filedOn, input.to) : undefined,
        ),
      );
    const figures = { filed: rows.length, answeredInTime: 0, answeredLate: 0, open: 0, overdue: 0, resolved: 0 };
    for (const r of rows) {
      const state = clockState(r.dueOn, r.answeredOn, today);
      if (state === "answered-in-time") figures.answeredInTime += 1;
      else if (state === "answered-late") figures.answeredLate += 1;
      else if (state === "overdue") figures.overdue += 1;
      else figures.open += 1;
      if (r.outcome === "resolved") figures.resolved += 1;
    }
    return figures;
  });
}
