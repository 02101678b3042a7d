import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { auditLog, orgCounters, users } from "@/db/schema";
import { chainHash, verifyChain } from "@/server/domain/hash-chain";

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
 * Appends one audit row in the caller's transaction. The organization's counters row is the chain's lock:
 * the upsert takes it, so concurrent writers of one organization append one after another. The counters
 * live in org_counters, distributed by org_id on Citus with the rest of the organization's rows, so an
 * audited write stays on one node (docs/SCALING.md).
 */
export async function writeAudit(tx: Tx, input: AuditInput): Promise<void> {
  const bumpsOutcome = !OUTCOME_NEUTRAL.has(input.entityType);
  const [head] = await tx
    .insert(orgCounters)
    .values({ orgId: input.orgId, auditSeq: 1, outcomeSeq: bumpsOutcome ? 1 : 0 })
    .onConflictDoUpdate({
      target: orgCounters.orgId,
      set: {
        auditSeq: sql`${orgCounters.auditSeq} + 1`,
        ...(bumpsOutcome ? { outcomeSeq: sql`${orgCounters.outcomeSeq} + 1` } : {}),
      },
    })
    .returning({ seq: orgCounters.auditSeq, prevHash: orgCounters.auditHead });
  if (!head) throw new Error("audit: organization not found");
  const at = new Date();
  const row = {
    orgId: input.orgId,
    seq: head.seq,
    actorUserId: input.actorUserId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    requestId: input.requestId ?? null,
    at,
  };
  const hash = chainHash(head.prevHash, auditContent(row));
  await tx.insert(auditLog).values({ ...row, prevHash: head.prevHash, hash });
  await tx.update(orgCounters).set({ auditHead: hash }).where(eq(orgCounters.orgId, input.orgId));
}

type AuditRow = typeof auditLog.$inferSelect;

/** What the hash covers: everything but the hashes themselves. */
function auditContent(row: Omit<AuditRow, "hash" | "prevHash">) {
  return {
    orgId: row.orgId,
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

export async function verifyAuditChain(tx: Tx, orgId: string) {
  const rows = await tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId)))
    .orderBy(asc(auditLog.seq));
  return verifyChain(rows.map((r) => ({ id: String(r.seq), prevHash: r.prevHash, hash: r.hash, content: auditContent(r) })));
}

export type AuditFilter = {
  actorUserId?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  /** The seq below which to continue (keyset pagination, newest first). */
  cursor?: number | null;
  limit?: number;
};

/** The audit trail for admins, newest first, filtered by actor, entity and Beijing dates. */
export async function listAudit(actor: { orgId: string; userId: string }, filter: AuditFilter) {
  const limit = Math.min(filter.limit ?? 50, 200);
  return withTenant(actor, async (tx) => {
    const rows = await tx
      .select({
        seq: auditLog.seq,
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
          filter.cursor ? lt(auditLog.seq, filter.cursor) : undefined,
        ),
      )
      .orderBy(desc(auditLog.seq))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    return { rows: page, nextBefore: rows.length > limit ? page[page.length - 1]!.seq : null };
  });
}

export async function verifyOrgAuditChain(actor: { orgId: string; userId: string }) {
  return withTenant(actor, (tx) => verifyAuditChain(tx, actor.orgId));
}
