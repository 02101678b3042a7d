import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, withTenant } from "@/db/client";
import { auditLog, orgCounters } from "@/db/schema";
import { AUDIT_CHAINS, auditChainOf, outcomeSequence, verifyAuditChain, writeAudit } from "@/server/services/audit";
import { createTenant } from "../support/factories";

const write = (orgId: string, entityType: string, entityId: string) =>
  withTenant({ orgId }, (tx) =>
    writeAudit(tx, { orgId, actorUserId: null, action: `${entityType}.test`, entityType, entityId, after: { entityId } }),
  );

describe("audit chains (one per bucket of subjects)", () => {
  it("spreads subjects over chains, numbers each chain from 1, orders the trail by n, and verifies every chain", async () => {
    const t = await createTenant();
    const db = await getDb();
    const subjects: string[] = Array.from({ length: 40 }, () => randomUUID());
    for (const id of subjects) await write(t.orgId, "payment", id);
    // The same subject again: its own chain, later in it.
    await write(t.orgId, "payment", subjects[0]!);

    const rows = await db
      .select({ chain: auditLog.chain, seq: auditLog.seq, n: auditLog.n, entityId: auditLog.entityId })
      .from(auditLog)
      .where(eq(auditLog.orgId, t.orgId))
      .orderBy(asc(auditLog.n));
    const mine = rows.filter((r) => r.entityId && subjects.includes(r.entityId));
    expect(mine).toHaveLength(41);
    // The order of writing is the order of n.
    expect(mine.map((r) => r.entityId)).toEqual([...subjects, subjects[0]]);
    // Each row is in its subject's chain; 40 random subjects land in more than one of the 32 chains.
    for (const r of mine) expect(r.chain).toBe(auditChainOf("payment", r.entityId));
    expect(new Set(mine.map((r) => r.chain)).size).toBeGreaterThan(1);
    expect(Math.max(...mine.map((r) => r.chain))).toBeLessThan(AUDIT_CHAINS);
    const again = mine.filter((r) => r.entityId === subjects[0]);
    expect(again[1]!.chain).toBe(again[0]!.chain);
    expect(again[1]!.seq).toBeGreaterThan(again[0]!.seq);
    // Each chain is numbered 1, 2, 3… with no gap, and its counters row holds its length.
    const counters = await db.select().from(orgCounters).where(eq(orgCounters.orgId, t.orgId));
    for (const c of counters) {
      const seqs = rows.filter((r) => r.chain === c.chain).map((r) => r.seq);
      expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: c.auditSeq }, (_, i) => i + 1));
    }
    expect(await withTenant({ orgId: t.orgId }, (tx) => verifyAuditChain(tx, t.orgId))).toEqual({ ok: true, count: rows.length });
  });

  it("finds a change to a row of any chain, naming the chain and the place", async () => {
    const t = await createTenant();
    const db = await getDb();
    // Subjects until one lands outside chain 0.
    let id = randomUUID();
    while (auditChainOf("payment", id) === 0) id = randomUUID();
    await write(t.orgId, "payment", id);
    await write(t.orgId, "payment", id);
    const chain = auditChainOf("payment", id);
    expect((await withTenant({ orgId: t.orgId }, (tx) => verifyAuditChain(tx, t.orgId))).ok).toBe(true);
    await db
      .update(auditLog)
      .set({ after: { entityId: "changed" } })
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.chain, chain), eq(auditLog.seq, 1)));
    expect(await withTenant({ orgId: t.orgId }, (tx) => verifyAuditChain(tx, t.orgId))).toEqual({
      ok: false,
      brokenAt: `${chain}:1`,
      reason: "hash-mismatch",
    });
  });

  it("puts a transaction's rows in its first subject's chain, and counts the outcome and facts sequences over all chains", async () => {
    const t = await createTenant();
    const db = await getDb();
    const seqs = () => withTenant({ orgId: t.orgId }, (tx) => outcomeSequence(tx, t.orgId));
    const seq0 = (await seqs()) ?? { outcome: 0, facts: 0 };
    let first = randomUUID();
    let second = randomUUID();
    while (auditChainOf("payment", first) === auditChainOf("case", second)) second = randomUUID();
    await withTenant({ orgId: t.orgId }, async (tx) => {
      await writeAudit(tx, { orgId: t.orgId, actorUserId: null, action: "payment.record", entityType: "payment", entityId: first });
      await writeAudit(tx, { orgId: t.orgId, actorUserId: null, action: "case.status", entityType: "case", entityId: second });
      // Outcome-neutral (a contact-log entry): in the chain, not in the outcome sequence.
      await writeAudit(tx, { orgId: t.orgId, actorUserId: null, action: "contact.append", entityType: "contact_entry", entityId: second });
    });
    const rows = await db
      .select({ chain: auditLog.chain, entityId: auditLog.entityId })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), sql`${auditLog.entityId} in (${first}, ${second})`));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.chain))).toEqual(new Set([auditChainOf("payment", first)]));
    // A payment moves the outcome sequence but keeps the facts (proposals, agreements); the case's other
    // action moves both.
    expect(await seqs()).toEqual({ outcome: seq0.outcome + 2, facts: seq0.facts + 1 });
    first = randomUUID();
    await write(t.orgId, "payment", first);
    expect(await seqs()).toEqual({ outcome: seq0.outcome + 3, facts: seq0.facts + 2 });
    expect((await withTenant({ orgId: t.orgId }, (tx) => verifyAuditChain(tx, t.orgId))).ok).toBe(true);
  });

  it("appends a transaction's rows at its end, in the order written, and none when it rolls back", async () => {
    const t = await createTenant();
    const db = await getDb();
    const subject = randomUUID();
    const chain = auditChainOf("payment", subject);
    const counters = async () =>
      (
        await db
          .select()
          .from(orgCounters)
          .where(and(eq(orgCounters.orgId, t.orgId), eq(orgCounters.chain, chain)))
      )[0]?.auditSeq ?? 0;
    const before = await counters();
    const seen = await withTenant({ orgId: t.orgId }, async (tx) => {
      for (const step of ["a", "b", "c"])
        await writeAudit(tx, { orgId: t.orgId, actorUserId: null, action: `payment.${step}`, entityType: "payment", entityId: subject });
      // Nothing is taken yet: the chain's counters row is neither locked nor moved while the write goes on.
      const [mid] = await tx
        .select({ seq: orgCounters.auditSeq })
        .from(orgCounters)
        .where(and(eq(orgCounters.orgId, t.orgId), eq(orgCounters.chain, chain)));
      const rowsNow = await tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.entityId, subject)));
      return { seq: mid?.seq ?? 0, rows: rowsNow.length };
    });
    expect(seen).toEqual({ seq: before, rows: 0 });
    const rows = await db
      .select({ action: auditLog.action, seq: auditLog.seq, chain: auditLog.chain })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.entityId, subject)))
      .orderBy(asc(auditLog.n));
    expect(rows).toEqual(["a", "b", "c"].map((s, i) => ({ action: `payment.${s}`, seq: before + 1 + i, chain })));
    expect(await counters()).toBe(before + 3);

    // A write that fails after auditing leaves no row and does not move the chain.
    await expect(
      withTenant({ orgId: t.orgId }, async (tx) => {
        await writeAudit(tx, { orgId: t.orgId, actorUserId: null, action: "payment.lost", entityType: "payment", entityId: subject });
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await counters()).toBe(before + 3);
    expect((await withTenant({ orgId: t.orgId }, (tx) => verifyAuditChain(tx, t.orgId))).ok).toBe(true);
  });

  it("keeps every chain whole under concurrent writers of one organization (no row lost, none twice)", async () => {
    const t = await createTenant();
    const db = await getDb();
    const subjects: string[] = Array.from({ length: 12 }, () => randomUUID());
    // 48 transactions at once: four about each subject, in parallel (on PostgreSQL they run concurrently).
    await Promise.all(subjects.flatMap((id) => Array.from({ length: 4 }, () => write(t.orgId, "payment", id))));
    const rows = await db
      .select({ chain: auditLog.chain, seq: auditLog.seq, entityId: auditLog.entityId })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), sql`${auditLog.entityType} = 'payment'`));
    expect(rows).toHaveLength(48);
    expect(new Set(rows.map((r) => `${r.chain}:${r.seq}`)).size).toBe(48);
    for (const id of subjects) expect(rows.filter((r) => r.entityId === id)).toHaveLength(4);
    const verified = await withTenant({ orgId: t.orgId }, (tx) => verifyAuditChain(tx, t.orgId));
    expect(verified.ok).toBe(true);
  });
});
