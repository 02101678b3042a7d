import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { lawsuits, mediations } from "@/db/schema";
import { legalOutcomes } from "@/server/domain/outcomes-legal";
import { shanghaiDate } from "@/server/domain/time";

/** The court and mediation figures of an organization for a range (services/outcomes.ts calls it). */
export async function legalOutcomeFigures(tx: Tx, orgId: string, range: { from: string; to: string }) {
  const suits = await tx
    .select({ outcome: lawsuits.outcome, outcomeOn: lawsuits.outcomeOn, createdAt: lawsuits.createdAt })
    .from(lawsuits)
    .where(eq(lawsuits.orgId, orgId));
  const meds = await tx
    .select({
      status: mediations.status,
      startedOn: mediations.startedOn,
      endedOn: mediations.endedOn,
      judiciallyConfirmed: mediations.judiciallyConfirmed,
    })
    .from(mediations)
    .where(and(eq(mediations.orgId, orgId)));
  return legalOutcomes(
    range,
    suits.map((s) => ({ outcome: s.outcome, outcomeOn: s.outcomeOn, createdDay: shanghaiDate(s.createdAt) })),
    meds,
  );
}
