import type { Tx } from "@/db/client";
import type { Commitment } from "@/server/domain/payoff";
import { todayInShanghai } from "@/server/domain/time";
import type { Actor } from "./access";
import { agreedMonthlyByDebt } from "./balances";

/**
 * The client's debts under an active instalment agreement, each with its agreed monthly amount and how many
 * instalments are still unpaid (missed ones included): the plan does not plan these debts again, it takes
 * their amounts off what the client can afford. The figures are the balance module's (agreedMonthlyByDebt),
 * the same the portal shows beside the plan.
 */
export async function agreedCommitments(tx: Tx, actor: Actor, clientId: string): Promise<Commitment[]> {
  const agreed = await agreedMonthlyByDebt(tx, actor.orgId, clientId, todayInShanghai());
  return [...agreed].flatMap(([debtId, a]) =>
    a.instalmentsLeft > 0 ? [{ debtId, monthlyFen: a.monthlyFen, monthsLeft: a.instalmentsLeft }] : [],
  );
}
