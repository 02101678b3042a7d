import { createHash } from "node:crypto";
import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import { atTransactionEnd, withTenant, type Tx } from "@/db/client";
import { auditLog, orgCounters, users } from "@/db/schema";
import { chainHash, verifyChain } from "@/server/domain/hash-chain";
import { groupBy } from "./sql-rows";

export type AuditInput = {
  orgId: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
};

/**
 * Writes that cannot change an outcome figure (services/outcomes.ts reads proposals, responses, agreements,
 * instalments, payments, case states, clients' counselors, debts, lenders and members): the contact log (it
 * moves only the case's own chain head), documents, follow-up tasks, referrals, notifications, budgets, plans
 * and organization settings. Every other write bumps org_counters.outcome_seq, which keys the stored summary.
 */
const OUTCOME_NEUTRAL: ReadonlySet<string> = new Set([
  "contact_entry",
  "document",
  "task",
  "referral",
  "notification",
  "budget",
  "plan",
  "organization",
]);

/**
 * Writes that change only payments, case states and the stored balances: they move the outcome sequence but
 * not the facts sequence, so the proposal and agreement figures (acceptance, relief, time to agreement)
 * stored under it are kept (services/outcomes.ts). Any write not named here, a new kind included, moves both.
 */
const FACTS_KEPT: ReadonlySet<string> = new Set(["payment.record", "payment.confirm", "case.transition"]);

/**
 * How many hash chains an organization's audit trail has (docs/decisions/013-audit-chains.md). Writes about
 * subjects in different chains take different counter rows, so they do not wait for each other; every row
 * of one subject is in one chain, in order (a transaction that writes about several subjects appends them all
 * to its first subject's chain). Changing the number moves future subjects to other chains and
 * leaves every stored chain verifiable.
 */
export const AUDIT_CHAINS = 32;

/** The chain of a subject: the first four bytes of sha256(entity type, entity id), modulo AUDIT_CHAINS. */
export function auditChainOf(entityType: string, entityId: string | null | undefined): number {
  return (
    createHash("sha256")
      .update(`${entityType}\n${entityId ?? ""}`)
      .digest()
      .readUInt32BE(0) % AUDIT_CHAINS
  );
}

/** The chain each open transaction appends to (keyed by the transaction object, forgotten with it). */
const chainOfTx = new WeakMap<object, number>();

/**
 * Appends one audit row in the caller's transaction. The counters row of the chain is that chain's lock:
 * the upsert takes it, so concurrent writers of one subject (or of subjects sharing its chain) append one
 * after another, and writers of other chains do not wait. In a withTenant transaction the rows are appended
 * at its end, just before it commits (db/client.ts atTransactionEnd), all of them with one counters update:
 * the lock is then held for those last statements only, not through the rest of the write's work
 * (docs/decisions/020-case-states-by-day-and-audit-at-the-end.md). The counters live in org_counters,
 * distributed by org_id on Citus with the rest of the organization's rows, so an audited write stays on one
 * node (docs/SCALING.md).
 */
export async function writeAudit(tx: Tx, input: AuditInput): Promise<void> {
  // One chain per transaction (its first audited subject's): a transaction then holds one counters row,
  // never two in an order another transaction could take the other way round (a deadlock).
  let chain = chainOfTx.get(tx);
  if (chain === undefined) {
    chain = auditChainOf(input.entityType, input.entityId);
    chainOfTx.set(tx, chain);
  }
  // The row's time is when the change was made, not when the trail is appended.
  const entry = { input, at: new Date() };
  const pending = pendingOfTx.get(tx);
  if (pending && pending[0]!.input.orgId === input.orgId) {
    pending.push(entry);
    return;
  }
  // (A row about another organization in the same transaction, which no write does today, goes in now.)
  if (pending) return appendAudit(tx, chain, [entry]);
  const list = [entry];
  const txChain = chain;
  if (atTransactionEnd(tx, () => appendAudit(tx, txChain, list))) pendingOfTx.set(tx, list);
  else await appendAudit(tx, chain, list);
}

/** The rows waiting for the end of their transaction, by transaction. */
const pendingOfTx = new WeakMap<object, Array<{ input: AuditInput; at: Date }>>();

/** Appends rows (all of one organization) to one chain: one counters upsert, one insert, one head update. */
async function appendAudit(tx: Tx, chain: number, entries: ReadonlyArray<{ input: AuditInput; at: Date }>) {
  if (pendingOfTx.get(tx) === entries) pendingOfTx.delete(tx);
  if (entries.length === 0) return;
  const orgId = entries[0]!.input.orgId;
  const k = entries.length;
  const outcomes = entries.filter((e) => !OUTCOME_NEUTRAL.has(e.input.entityType));
  const bumpsOutcome = outcomes.length;
  const bumpsFacts = outcomes.filter((e) => !FACTS_KEPT.has(e.input.action)).length;
  const [head] = await tx
    .insert(orgCounters)
    .values({ orgId, chain, auditSeq: k, outcomeSeq: bumpsOutcome, factsSeq: bumpsFacts })
    .onConflictDoUpdate({
      target: [orgCounters.orgId, orgCounters.chain],
      set: {
        auditSeq: sql`${orgCounters.auditSeq} + ${k}`,
        ...(bumpsOutcome ? { outcomeSeq: sql`${orgCounters.outcomeSeq} + ${bumpsOutcome}` } : {}),
        ...(bumpsFacts ? { factsSeq: sql`${orgCounters.factsSeq} + ${bumpsFacts}` } : {}),
      },
    })
    .returning({ seq: orgCounters.auditSeq, prevHash: orgCounters.auditHead });
  if (!head) throw new Error("audit: organization not found");
  // The upsert answered the last of the k places; the rows are the k places before it, in order.
  let prevHash = head.prevHash;
  const rows = entries.map(({ input, at }, i) => {
    const row = {
      orgId: input.orgId,
      chain,
      seq: head.seq - k + 1 + i,
      actorUserId: input.actorUserId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      before: input.before ?? null,
      after: input.after ?? null,
      requestId: input.requestId ?? null,
      at,
    };
    const hash = chainHash(prevHash, auditContent(row));
    const out = { ...row, prevHash, hash };
    prevHash = hash;
    return out;
  });
  await tx.insert(auditLog).values(rows);
  await tx
    .update(orgCounters)
    .set({ auditHead: prevHash })
    .where(and(eq(orgCounters.orgId, orgId), eq(orgCounters.chain, chain)));
}

/**
 * The organization's outcome and facts sequences: the sums of its chains' counters (each write that can
 * change a figure adds one to its chain's), read in one statement. They only grow, so a summary stored under
 * them is exact while they stand (services/outcomes.ts). Null before the organization's first audited write.
 */
export async function outcomeSequence(tx: Tx, orgId: string): Promise<{ outcome: number; facts: number } | null> {
  const [row] = await tx
    .select({
      outcome: sql<string | null>`sum(${orgCounters.outcomeSeq})::text`,
      facts: sql<string | null>`sum(${orgCounters.factsSeq})::text`,
    })
    .from(orgCounters)
    .where(eq(orgCounters.orgId, orgId));
  return row?.outcome == null ? null : { outcome: Number(row.outcome), facts: Number(row.facts) };
}

type AuditRow = typeof auditLog.$inferSelect;

/**
 * What the hash covers: everything but the hashes themselves and the trail's order number `n`. The chain is
 * covered from chain 1 on; chain 0's content is as it was before there were chains, so the rows written then
 * still verify.
 */
function auditContent(row: Omit<AuditRow, "hash" | "prevHash" | "n">) {
  return {
    orgId: row.orgId,
    ...(row.chain ? { chain: row.chain } : {}),
    seq: row.seq,
    actorUserId: row.actorUserId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    at: row.at.toISOString(),
  };
}

/** Verifies each of the organization's chains from its first row; `count` is the rows of all chains. */
export async function verifyAuditChain(tx: Tx, orgId: string) {
  const rows = await tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId)))
    .orderBy(asc(auditLog.chain), asc(auditLog.seq));
  let count = 0;
  for (const chainRows of groupBy(rows, (r) => r.chain).values()) {
    const result = verifyChain(
      chainRows.map((r) => ({
        id: r.chain ? `${r.chain}:${r.seq}` : String(r.seq),
        prevHash: r.prevHash,
        hash: r.hash,
        content: auditContent(r),
      })),
    );
    if (!result.ok) return result;
    count += result.count;
  }
  return { ok: true as const, count };
}

export type AuditFilter = {
  actorUserId?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  /** The order number (`n`) below which to continue (keyset pagination, newest first). */
  cursor?: number | null;
  limit?: number;
};

/** The audit trail for admins, newest first, filtered by actor, entity and Beijing dates. */
export async function listAudit(actor: { orgId: string; userId: string }, filter: AuditFilter) {
  const limit = Math.min(filter.limit ?? 50, 200);
  return withTenant(actor, async (tx) => {
    const rows = await tx
      .select({
        seq: auditLog.n,
        chain: auditLog.chain,
        chainSeq: auditLog.seq,
        at: auditLog.at,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        actorUserId: auditLog.actorUserId,
        actorName: users.name,
        before: auditLog.before,
        after: auditLog.after,
        requestId: auditLog.requestId,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(
        and(
          eq(auditLog.orgId, actor.orgId),
          filter.actorUserId ? eq(auditLog.actorUserId, filter.actorUserId) : undefined,
          filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
          filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
          // Dates are Beijing calendar days: [from 00:00, to+1 00:00) at UTC+8.
          filter.from ? gte(auditLog.at, new Date(`${filter.from}T00:00:00+08:00`)) : undefined,
          filter.to ? lt(auditLog.at, new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000)) : undefined,
          filter.cursor ? lt(auditLog.n, filter.cursor) : undefined,
        ),
      )
      .orderBy(desc(auditLog.n))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    return { rows: page, nextBefore: rows.length > limit ? page[page.length - 1]!.seq : null };
  });
}

export async function verifyOrgAuditChain(actor: { orgId: string; userId: string }) {
  return withTenant(actor, (tx) => verifyAuditChain(tx, actor.orgId));
}
