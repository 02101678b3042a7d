import { and, asc, eq, isNull } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { BUILTIN_LENDERS } from "@/db/lenders-builtin";
import { lenders } from "@/db/schema";
import { AppError, fieldError } from "@/server/errors";
import type { LenderInput, UpdateLenderInput } from "@/server/schemas/assessment";
import type { Actor } from "./access";
import { writeAudit } from "./audit";

/**
 * Adds the built-in lenders an organization does not have yet (by key; a name the organization already
 * uses is left alone). Idempotent; runs in the caller's transaction.
 */
export async function ensureBuiltinLenders(tx: Tx, orgId: string): Promise<void> {
  const existing = await tx.select({ key: lenders.builtinKey }).from(lenders).where(eq(lenders.orgId, orgId));
  const have = new Set(existing.map((r) => r.key));
  const missing = BUILTIN_LENDERS.filter((b) => !have.has(b.key));
  if (missing.length === 0) return;
  await tx
    .insert(lenders)
    .values(missing.map((b) => ({ orgId, name: b.name, legalName: b.legalName ?? null, licenceType: b.licenceType, builtinKey: b.key })))
    .onConflictDoNothing();
}

const LENDER_COLUMNS = {
  id: lenders.id,
  name: lenders.name,
  legalName: lenders.legalName,
  licenceType: lenders.licenceType,
  hotline: lenders.hotline,
  notes: lenders.notes,
  builtin: lenders.builtinKey,
  archivedAt: lenders.archivedAt,
  version: lenders.version,
};

/** The organization's lenders (the built-in list is added on first use). */
export async function listLenders(actor: Actor, opts: { includeArchived?: boolean } = {}) {
  return withTenant(actor, async (tx) => {
    const [any] = await tx.select({ id: lenders.id }).from(lenders).where(eq(lenders.orgId, actor.orgId)).limit(1);
    if (!any) await ensureBuiltinLenders(tx, actor.orgId);
    const rows = await tx
      .select(LENDER_COLUMNS)
      .from(lenders)
      .where(and(eq(lenders.orgId, actor.orgId), opts.includeArchived ? undefined : isNull(lenders.archivedAt)))
      .orderBy(asc(lenders.licenceType), asc(lenders.name));
    return rows.map(({ builtin, ...r }) => ({ ...r, builtin: builtin !== null }));
  });
}

async function assertNameFree(tx: Tx, orgId: string, name: string, exceptId?: string) {
  const [row] = await tx
    .select({ id: lenders.id })
    .from(lenders)
    .where(and(eq(lenders.orgId, orgId), eq(lenders.name, name)))
    .limit(1);
  if (row && row.id !== exceptId) throw fieldError("name", "lenderNameTaken");
}

export async function createLender(actor: Actor, input: LenderInput) {
  return withTenant(actor, async (tx) => {
    await assertNameFree(tx, actor.orgId, input.name);
    const values = {
      orgId: actor.orgId,
      name: input.name,
      legalName: input.legalName ?? null,
      licenceType: input.licenceType,
      hotline: input.hotline ?? null,
      notes: input.notes ?? null,
    };
    const [row] = await tx.insert(lenders).values(values).returning({ id: lenders.id });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "lender.create",
      entityType: "lender",
      entityId: row!.id,
      after: values,
      requestId: actor.requestId,
    });
    return { id: row!.id };
  });
}

export async function updateLender(actor: Actor, input: UpdateLenderInput) {
  return withTenant(actor, async (tx) => {
    const [before] = await tx
      .select(LENDER_COLUMNS)
      .from(lenders)
      .where(and(eq(lenders.orgId, actor.orgId), eq(lenders.id, input.id)))
      .limit(1);
    if (!before) throw new AppError("NOT_FOUND");
    await assertNameFree(tx, actor.orgId, input.name, input.id);
    const changes = {
      name: input.name,
      legalName: input.legalName ?? null,
      licenceType: input.licenceType,
      hotline: input.hotline ?? null,
      notes: input.notes ?? null,
    };
    const updated = await tx
      .update(lenders)
      .set({ ...changes, version: input.version + 1, updatedAt: new Date() })
      .where(and(eq(lenders.orgId, actor.orgId), eq(lenders.id, input.id), eq(lenders.version, input.version)))
      .returning({ version: lenders.version });
    if (updated.length === 0) throw new AppError("CONFLICT");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "lender.update",
      entityType: "lender",
      entityId: input.id,
      before,
      after: changes,
      requestId: actor.requestId,
    });
    return { id: input.id, version: updated[0]!.version };
  });
}

/** Hides a lender from pickers; debts that name it keep it. */
export async function setLenderArchived(actor: Actor, input: { id: string; archived: boolean }) {
  return withTenant(actor, async (tx) => {
    const updated = await tx
      .update(lenders)
      .set({ archivedAt: input.archived ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(lenders.orgId, actor.orgId), eq(lenders.id, input.id)))
      .returning({ id: lenders.id, version: lenders.version });
    if (updated.length === 0) throw new AppError("NOT_FOUND");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: input.archived ? "lender.archive" : "lender.restore",
      entityType: "lender",
      entityId: input.id,
      requestId: actor.requestId,
    });
    return updated[0]!;
  });
}
