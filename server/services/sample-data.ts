/**
 * "Try with sample data" (issue 12, decision 019): an admin of a new agency loads a few sample clients — the
 * demo story's people (db/demo/story.ts), written now through the same intake, debts, budget, case and
 * proposal services — marked `sample`, and removes them again in one action with every row they touched
 * (xs_remove_sample_clients, migration 0023; 0029 covers the newer tables). Not in the demo agency, which is all sample.
 */
import { and, eq, sql } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { createStoryClient } from "@/db/demo/history";
import { demoStory } from "@/db/demo/story";
import { clients, documents, lenders, organizations } from "@/db/schema";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { AppError } from "@/server/errors";
import { fileStorage } from "@/server/storage";
import type { Actor } from "./access";
import { writeAudit } from "./audit";
import { openCase } from "./cases";
import { ensureBuiltinLenders } from "./lenders";
import { createProposal, sendProposal } from "./proposals";

/** How many sample clients a load writes. */
export const SAMPLE_CLIENTS = 3;

export async function sampleStatus(actor: Actor): Promise<{ clients: number; isDemo: boolean }> {
  return withTenant(actor, async (tx) => {
    const [org] = await tx.select({ isDemo: organizations.isDemo }).from(organizations).where(eq(organizations.id, actor.orgId));
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.sample, true)));
    return { clients: row?.n ?? 0, isDemo: org?.isDemo ?? false };
  });
}

export async function loadSampleClients(actor: Actor): Promise<{ loaded: number }> {
  const status = await sampleStatus(actor);
  if (status.isDemo) throw new AppError("CONFLICT", { messageKey: "sampleInDemo" });
  if (status.clients > 0) throw new AppError("CONFLICT", { messageKey: "sampleLoaded" });
  // The built-in lenders, as the lender list adds them on first use (they stay when the samples go).
  const lenderRows = await withTenant(actor, async (tx) => {
    await ensureBuiltinLenders(tx, actor.orgId);
    return tx.select({ id: lenders.id, key: lenders.builtinKey }).from(lenders).where(eq(lenders.orgId, actor.orgId));
  });
  const lenderIds = new Map(lenderRows.map((l) => [l.key ?? "", l.id]));
  const today = todayInShanghai();
  const story = demoStory(today).clients.slice(0, SAMPLE_CLIENTS);
  const marked = (id: string) =>
    withTenant(actor, async (tx) => {
      await tx
        .update(clients)
        .set({ sample: true })
        .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, id)));
    });
  for (const [i, person] of story.entries()) {
    // Marked as soon as the file exists, so a load that fails half-way is removed like a whole one.
    const { debtIds } = await createStoryClient(actor, { ...person, since: today }, lenderIds, marked);
    if (i === SAMPLE_CLIENTS - 1) continue;
    const opened = await openCase(actor, { debtId: debtIds[0]! });
    if (i === 0) {
      const debt = person.debts[0]!;
      const proposal = await createProposal(actor, {
        caseId: opened.id,
        terms: {
          waiver: { penaltyFen: debt.penaltyFen },
          instalments: {
            amountFen: debt.outstandingFen + debt.interestFen,
            method: "interest-free",
            months: 24,
            annualRatePct: "0",
            firstDueDate: addDays(today, 30),
          },
        },
        channel: "app",
        validUntil: addDays(today, 30),
      });
      await sendProposal(actor, { caseId: opened.id, proposalId: proposal.id });
    }
  }
  await withTenant(actor, (tx) =>
    writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "sample.load",
      entityType: "client",
      after: { clients: story.length },
      requestId: actor.requestId,
    }),
  );
  return { loaded: story.length };
}

/** Removes every sample client and all they touched; the files' bytes go after the commit. */
export async function removeSampleClients(actor: Actor): Promise<{ removed: number }> {
  const { removed, keys } = await withTenant(actor, async (tx) => {
    const files = await tx
      .select({ key: documents.storageKey })
      .from(documents)
      .innerJoin(clients, and(eq(clients.orgId, documents.orgId), eq(clients.id, documents.clientId)))
      .where(and(eq(documents.orgId, actor.orgId), eq(clients.orgId, actor.orgId), eq(clients.sample, true)));
    const result = await tx.execute<{ n: number }>(sql`select xs_remove_sample_clients() as n`);
    const rows = (Array.isArray(result) ? result : (result as { rows: Array<{ n: number }> }).rows) as Array<{ n: number }>;
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0)
      await writeAudit(tx, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: "sample.remove",
        entityType: "client",
        after: { clients: n, documents: files.length },
        requestId: actor.requestId,
      });
    return { removed: n, keys: files.map((f) => f.key) };
  });
  const storage = fileStorage();
  for (const key of keys) await storage.remove(key);
  return { removed };
}
