import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { auditLog, organizations } from "@/db/schema";
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
 * Appends one audit row in the caller's transaction. The organization row is the chain's lock: the
 * UPDATE takes it, so concurrent writers of one organization append one after another.
 */
export async function writeAudit(tx: Tx, input: AuditInput): Promise<void> {
  const [head] = await tx
    .update(organizations)
    .set({ auditSeq: sql`${organizations.auditSeq} + 1` })
    .where(eq(organizations.id, input.orgId))
    .returning({ seq: organizations.auditSeq, prevHash: organizations.auditHead });
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
  await tx.update(organizations).set({ auditHead: hash }).where(eq(organizations.id, input.orgId));
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
  const rows = await tx.select().from(auditLog).where(and(eq(auditLog.orgId, orgId))).orderBy(asc(auditLog.seq));
  return verifyChain(
    rows.map((r) => ({ id: String(r.seq), prevHash: r.prevHash, hash: r.hash, content: auditContent(r) })),
  );
}
