import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { lenders } from "@/db/schema";
import { acceptanceBy, median } from "@/server/domain/outcomes";
import { daysBetween } from "@/server/domain/time";
import { AppError } from "@/server/errors";
import type { Actor } from "./access";
import { agreementFacts, proposalFacts } from "./outcomes";

/**
 * This organization's history with one lender, for a counselor drafting a proposal (all time): proposals
 * sent by kind with their answers, acceptance rate, the median months of accepted instalment agreements, the
 * median waiver share (fen waived ÷ what the debt came to on the agreement day, server/domain/balance.ts) and the
 * median days from sending to the
 * lender's first reply of any kind.
 */
export async function lenderHistory(actor: Actor, input: { lenderId: string }) {
  return withTenant(actor, async (tx) => {
    const [lender] = await tx
      .select({ id: lenders.id, name: lenders.name })
      .from(lenders)
      .where(and(eq(lenders.orgId, actor.orgId), eq(lenders.id, input.lenderId)))
      .limit(1);
    if (!lender) throw new AppError("NOT_FOUND");
    const facts = await proposalFacts(tx, actor.orgId, lender.id);
    const answeredFacts = facts.filter((f) => f.decisive);
    const acc = acceptanceBy(answeredFacts.map((f) => ({ kind: f.kind, groupKey: f.kind, accepted: f.decisive!.kind === "accepted" })));
    const byKind = [...new Set(facts.map((f) => f.kind))].sort().map((kind) => {
      const g = acc.groups.find((x) => x.key === kind);
      return {
        kind,
        sent: facts.filter((f) => f.kind === kind).length,
        answered: g?.answered ?? 0,
        accepted: g?.accepted ?? 0,
        rate: g?.rate ?? null,
      };
    });
    const agreed = await agreementFacts(tx, actor.orgId, { lenderId: lender.id });
    const months = agreed.flatMap((a) => (a.terms.instalments ? [a.terms.instalments.months] : []));
    const shares = agreed.flatMap((a) => (a.beforeAgreementFen > 0 ? [a.waivedFen / a.beforeAgreementFen] : []));
    const replyDays = facts.flatMap((f) => (f.sentDay && f.firstReplyOn ? [daysBetween(f.sentDay, f.firstReplyOn)] : []));
    return {
      lender,
      sent: facts.length,
      answered: acc.total.answered,
      accepted: acc.total.accepted,
      acceptanceRate: acc.total.rate,
      byKind,
      agreements: agreed.length,
      medianAcceptedMonths: median(months),
      medianWaiverShare: median(shares),
      medianDaysToAnswer: median(replyDays),
    };
  });
}
