import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { cases } from "@/db/schema";
import type { Commitment } from "@/server/domain/payoff";
import type { Actor } from "./access";
import { currentAgreement, repaymentState } from "./payments";

/**
 * The client's debts under an active agreement, each with its agreed monthly amount (the largest instalment
 * still unpaid) and how many instalments are still unpaid (missed ones included): the plan does not plan
 * these debts again, it takes their amounts off what the client can afford. The plan reads agreements
 * through this one function only.
 */
export async function agreedCommitments(tx: Tx, actor: Actor, clientId: string): Promise<Commitment[]> {
  const rows = await tx
    .select({ id: cases.id, debtId: cases.debtId })
    .from(cases)
    .where(and(eq(cases.orgId, actor.orgId), eq(cases.clientId, clientId)));
  const commitments = new Map<string, Commitment>();
  for (const row of rows) {
    if (commitments.has(row.debtId)) continue;
    const agreement = await currentAgreement(tx, actor, row.id);
    if (agreement?.status !== "active") continue;
    const unpaid = (await repaymentState(tx, actor, agreement.id)).rows.filter((r) => r.remainingFen > 0);
    if (unpaid.length === 0) continue;
    commitments.set(row.debtId, {
      debtId: row.debtId,
      monthlyFen: Math.max(...unpaid.map((r) => r.amountFen)),
      monthsLeft: unpaid.length,
    });
  }
  return [...commitments.values()];
}
