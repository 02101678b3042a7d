import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, withTenant } from "@/db/client";
import { agreements, instalments, payments } from "@/db/schema";
import { applyPayments } from "@/server/domain/repayment";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { outcomeSequence } from "@/server/services/audit";
import { clearOutcomeCache, outcomeSummary } from "@/server/services/outcomes";
import { createTenant, type Tenant } from "../support/factories";
import { createDebtRow, createLender } from "../support/workspace-fixture";

const today = todayInShanghai();

/**
 * The oracle for adherence: the computation the summary made before it moved into SQL — every schedule row
 * of the agreements with a row due in the range, their confirmed payments, the repayment rules applied in
 * JavaScript; on time = fully paid and every payment that paid into the row dated on or before its due date.
 */
async function adherenceRecomputed(t: Tenant, from: string, to: string) {
  const db = await getDb();
  const lastDue = addDays(today, -1) < to ? addDays(today, -1) : to;
  const ids = (
    await db
      .selectDistinct({ id: instalments.agreementId })
      .from(instalments)
      .innerJoin(agreements, and(eq(agreements.orgId, t.orgId), eq(agreements.id, instalments.agreementId)))
      .where(
        and(
          eq(instalments.orgId, t.orgId),
          ne(agreements.status, "replaced"),
          sql`${instalments.dueDate} >= ${from}`,
          sql`${instalments.dueDate} <= ${lastDue}`,
        ),
      )
  ).map((r) => r.id);
  if (!ids.length) return { due: 0, onTime: 0 };
  const rows = await db
    .select({ agreementId: instalments.agreementId, seq: instalments.seq, dueDate: instalments.dueDate, amountFen: instalments.amountFen })
    .from(instalments)
    .where(and(eq(instalments.orgId, t.orgId), inArray(instalments.agreementId, ids)));
  const paid = await db
    .select({ id: payments.id, agreementId: payments.agreementId, amountFen: payments.amountFen, paidOn: payments.paidOn })
    .from(payments)
    .where(and(eq(payments.orgId, t.orgId), inArray(payments.agreementId, ids), eq(payments.status, "confirmed")))
    .orderBy(asc(payments.paidOn), asc(payments.createdAt), asc(payments.id));
  let due = 0;
  let onTime = 0;
  for (const id of ids) {
    const mine = paid.filter((p) => p.agreementId === id);
    const paidOn = new Map(mine.map((p) => [p.id, p.paidOn]));
    const state = applyPayments(
      rows.filter((r) => r.agreementId === id),
      mine,
      today,
    );
    for (const row of state.rows) {
      if (row.dueDate < from || row.dueDate > lastDue) continue;
      due += 1;
      if (row.remainingFen === 0 && row.allocations.every((a) => (paidOn.get(a.paymentId) ?? "9999-12-31") <= row.dueDate)) onTime += 1;
    }
  }
  return { due, onTime };
}

describe("outcomes kept up to date after a write", () => {
  it("adherence in SQL equals the repayment rules' recomputation; after payments the summary equals a fresh one", async () => {
    const t = await createTenant();
    const db = await getDb();
    const L = await createLender(t.orgId, "银行");
    const admin = { orgId: t.orgId, userId: t.admin.id, role: "admin" as const };
    // Five agreements of 4–6 monthly rows, then moved into the past: their rows fell due over the last months.
    const agreementCases: Array<{ caseId: string; agreementId: string }> = [];
    for (let n = 0; n < 5; n++) {
      const caseId = (await t.as.counselorA.case.open({ debtId: await createDebtRow(t.orgId, t.clientA.id, L) })).id;
      const terms = {
        instalments: {
          amountFen: 60_000 + n * 10_001,
          method: "interest-free" as const,
          months: 4 + (n % 3),
          annualRatePct: "0",
          firstDueDate: addDays(today, 1),
        },
      };
      const p = await t.as.counselorA.case.createProposal({ caseId, terms, channel: "app", validUntil: addDays(today, 30) });
      await t.as.counselorA.case.sendProposal({ caseId, proposalId: p.id });
      await t.as.counselorA.case.recordResponse({ caseId, proposalId: p.id, kind: "accepted", receivedOn: today });
      const [a] = await db
        .select({ id: agreements.id })
        .from(agreements)
        .where(and(eq(agreements.orgId, t.orgId), eq(agreements.caseId, caseId)));
      agreementCases.push({ caseId, agreementId: a!.id });
      await db
        .update(instalments)
        .set({ dueDate: sql`${instalments.dueDate} - ${95 + n * 7}::int` })
        .where(and(eq(instalments.orgId, t.orgId), eq(instalments.agreementId, a!.id)));
    }
    // Payments: on time, late, partial, more than a row, none; their dates set before or after the rows.
    const pay = async (i: number, amountFen: number, daysAgo: number, key: string) => {
      const p = await t.as.counselorA.payment.record({
        caseId: agreementCases[i]!.caseId,
        amountFen,
        paidOn: today,
        method: "bank-transfer",
        idempotencyKey: `outcomes-incremental-${key}`,
      });
      await db
        .update(payments)
        .set({ paidOn: addDays(today, -daysAgo) })
        .where(and(eq(payments.orgId, t.orgId), eq(payments.id, p.id)));
    };
    await pay(0, 15_000, 100, "p0a");
    await pay(0, 15_000, 60, "p0b");
    await pay(1, 40_000, 120, "p1a");
    await pay(2, 5_000, 80, "p2a");
    await pay(2, 80_000, 10, "p2b");
    await pay(3, 200_000, 130, "p3a");

    const range = { from: addDays(today, -200), to: today };
    clearOutcomeCache();
    const first = await outcomeSummary(admin, range);
    const oracle = await adherenceRecomputed(t, range.from, range.to);
    expect(oracle.due).toBeGreaterThan(5);
    expect(oracle.onTime).toBeGreaterThan(0);
    expect(oracle.onTime).toBeLessThan(oracle.due);
    expect({ due: first.adherence.due, onTime: first.adherence.onTime }).toEqual(oracle);

    // Writes after the summary was stored: a payment (the facts sequence stays, the outcome sequence moves),
    // the next summary equals one computed afresh.
    const before = await withTenant(admin, (tx) => outcomeSequence(tx, t.orgId));
    await pay(4, 70_000, 0, "p4a");
    const after = await withTenant(admin, (tx) => outcomeSequence(tx, t.orgId));
    expect(after!.facts).toBe(before!.facts);
    expect(after!.outcome).toBeGreaterThan(before!.outcome);
    const next = await outcomeSummary(admin, range);
    clearOutcomeCache();
    expect(next).toEqual(await outcomeSummary(admin, range));
    expect({ due: next.adherence.due, onTime: next.adherence.onTime }).toEqual(await adherenceRecomputed(t, range.from, range.to));

    // A write of the facts (a new proposal sent and answered): both sequences move, and the next summary is
    // again equal to a fresh one.
    const caseId = (await t.as.counselorA.case.open({ debtId: await createDebtRow(t.orgId, t.clientA.id, L) })).id;
    const p = await t.as.counselorA.case.createProposal({
      caseId,
      terms: { lumpSum: { amountFen: 50_000, dueDate: addDays(today, 20) } },
      channel: "app",
      validUntil: addDays(today, 30),
    });
    await t.as.counselorA.case.sendProposal({ caseId, proposalId: p.id });
    const stored = await outcomeSummary(admin, range);
    await t.as.counselorA.case.recordResponse({ caseId, proposalId: p.id, kind: "accepted", receivedOn: today });
    expect((await withTenant(admin, (tx) => outcomeSequence(tx, t.orgId)))!.facts).toBeGreaterThan(after!.facts);
    const answered = await outcomeSummary(admin, range);
    expect(answered.acceptance.total.answered).toBe(stored.acceptance.total.answered + 1);
    clearOutcomeCache();
    expect(answered).toEqual(await outcomeSummary(admin, range));

    // The first requests after a write, at once: one computation, the same answer for each.
    await pay(4, 1_000, 0, "p4b");
    const together = await Promise.all([outcomeSummary(admin, range), outcomeSummary(admin, range), outcomeSummary(admin, range)]);
    expect(together[1]).toBe(together[0]);
    expect(together[2]).toBe(together[0]);
    clearOutcomeCache();
    expect(together[0]).toEqual(await outcomeSummary(admin, range));
  });
});
