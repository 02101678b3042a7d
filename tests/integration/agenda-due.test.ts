import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agreements, cases, clients, instalments, payments } from "@/db/schema";
import { applyPayments } from "@/server/domain/repayment";
import { addDays, shanghaiInstant, todayInShanghai } from "@/server/domain/time";
import { AGENDA_DAYS_AHEAD, agendaToday } from "@/server/services/agenda";
import { createTenant, type Tenant } from "../support/factories";
import { createDebtRow, createLender } from "../support/workspace-fixture";

const today = todayInShanghai();

/**
 * The oracle: what the agenda computed before the work moved into SQL — every active agreement the counselor
 * may see, its whole schedule and confirmed payments loaded, the repayment rules (server/domain/repayment.ts)
 * applied in JavaScript, missed = still owed and due before the day, due = still owed and due by the horizon.
 */
async function recomputed(t: Tenant, counselorId: string, day: string) {
  const db = await getDb();
  const active = await db
    .select({ id: agreements.id, caseId: agreements.caseId })
    .from(agreements)
    .innerJoin(cases, and(eq(cases.orgId, t.orgId), eq(cases.id, agreements.caseId)))
    .innerJoin(clients, and(eq(clients.orgId, t.orgId), eq(clients.id, cases.clientId)))
    .where(and(eq(agreements.orgId, t.orgId), eq(agreements.status, "active"), eq(clients.assignedCounselorId, counselorId)));
  const ids = active.map((a) => a.id);
  const rows = ids.length
    ? await db
        .select({
          agreementId: instalments.agreementId,
          seq: instalments.seq,
          dueDate: instalments.dueDate,
          amountFen: instalments.amountFen,
        })
        .from(instalments)
        .where(and(eq(instalments.orgId, t.orgId), inArray(instalments.agreementId, ids)))
    : [];
  const paid = ids.length
    ? await db
        .select({ id: payments.id, agreementId: payments.agreementId, amountFen: payments.amountFen, paidOn: payments.paidOn })
        .from(payments)
        .where(and(eq(payments.orgId, t.orgId), inArray(payments.agreementId, ids), eq(payments.status, "confirmed")))
        .orderBy(asc(payments.paidOn), asc(payments.createdAt), asc(payments.id))
    : [];
  const horizon = addDays(day, AGENDA_DAYS_AHEAD);
  const missed: string[] = [];
  const due: string[] = [];
  for (const a of active) {
    const state = applyPayments(
      rows.filter((r) => r.agreementId === a.id),
      paid.filter((p) => p.agreementId === a.id),
      day,
    );
    for (const r of state.rows) {
      if (r.remainingFen === 0) continue;
      const key = `${a.id}|${r.seq}|${r.dueDate}|${r.amountFen}|${r.remainingFen}`;
      if (r.dueDate < day) missed.push(key);
      else if (r.dueDate <= horizon) due.push(key);
    }
  }
  // The agenda's order: due date, then agreement, then row.
  const order = (a: string, b: string) => {
    const [ia, sa, da] = a.split("|");
    const [ib, sb, db2] = b.split("|");
    return da! < db2! ? -1 : da! > db2! ? 1 : ia! < ib! ? -1 : ia! > ib! ? 1 : Number(sa) - Number(sb);
  };
  return { missed: missed.sort(order), due: due.sort(order) };
}

const keyOf = (i: { agreementId: string; seq: number; dueDate: string; amountFen: number; remainingFen: number }) =>
  `${i.agreementId}|${i.seq}|${i.dueDate}|${i.amountFen}|${i.remainingFen}`;

/** A small deterministic generator (mulberry32), so a failure names its seed and repeats. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe("agenda: instalments still owed, worked out in SQL", () => {
  it("equals a full recomputation by the repayment rules, on any day, with any payments; pages count the rest", async () => {
    const t = await createTenant();
    const L = await createLender(t.orgId, "银行");
    const random = rng(16);
    const agreementCases: string[] = [];
    // Six agreements of counselor A's client (schedules of 3–8 monthly rows, some uneven) and one of B's.
    for (let n = 0; n < 7; n++) {
      const mine = n < 6;
      const caller = mine ? t.as.counselorA : t.as.counselorB;
      const debtId = await createDebtRow(t.orgId, mine ? t.clientA.id : t.clientB.id, L);
      const caseId = (await caller.case.open({ debtId })).id;
      const months = 3 + Math.floor(random() * 6);
      const amountFen = 100_000 + Math.floor(random() * 900) * 100 + (n % 2 ? 7 : 0);
      const terms = {
        instalments: { amountFen, method: "interest-free" as const, months, annualRatePct: "0", firstDueDate: addDays(today, 1 + n * 3) },
      };
      const p = await caller.case.createProposal({ caseId, terms, channel: "app", validUntil: addDays(today, 30) });
      await caller.case.sendProposal({ caseId, proposalId: p.id });
      await caller.case.recordResponse({ caseId, proposalId: p.id, kind: "accepted", receivedOn: today });
      if (mine) agreementCases.push(caseId);
      // Confirmed payments of random amounts (none, part of a row, several rows, more than a row).
      const count = Math.floor(random() * 4);
      for (let k = 0; k < count; k++) {
        await caller.payment.record({
          caseId,
          amountFen: 1_000 + Math.floor(random() * 60_000),
          paidOn: today,
          method: "bank-transfer",
          idempotencyKey: `agenda-due-${n}-${k}`,
        });
      }
    }
    // A payment the client reported and nobody confirmed yet: it pays nothing on the agenda.
    await t.as.clientA.payment.record({
      caseId: agreementCases[0]!,
      amountFen: 500_000,
      paidOn: today,
      method: "bank-transfer",
      idempotencyKey: "agenda-due-reported",
    });
    const actor = { orgId: t.orgId, userId: t.counselorA.id, role: "counselor" as const };

    let seenMissed = 0;
    let seenDue = 0;
    for (const offset of [0, 5, 31, 62, 100, 200, 400]) {
      const day = addDays(today, offset);
      const at = shanghaiInstant(day, 600);
      const oracle = await recomputed(t, t.counselorA.id, day);
      const all = await agendaToday(actor, at);
      expect(all.missedInstalments.map(keyOf), `missed on ${day}`).toEqual(oracle.missed);
      expect(all.instalmentsDue.map(keyOf), `due on ${day}`).toEqual(oracle.due);
      expect(all.counts.missedInstalments).toBe(oracle.missed.length);
      expect(all.counts.instalmentsDue).toBe(oracle.due.length);
      expect(all.missedInstalments.every((i) => agreementCases.includes(i.caseId))).toBe(true);
      seenMissed += oracle.missed.length;
      seenDue += oracle.due.length;

      // A page of two: the first two in the same order, and the whole count.
      const page = await agendaToday(actor, at, { missedInstalments: 2, instalmentsDue: 1 });
      expect(page.missedInstalments.map(keyOf)).toEqual(oracle.missed.slice(0, 2));
      expect(page.instalmentsDue.map(keyOf)).toEqual(oracle.due.slice(0, 1));
      expect(page.counts.missedInstalments).toBe(oracle.missed.length);
      expect(page.counts.instalmentsDue).toBe(oracle.due.length);
    }
    // The days were chosen so that both kinds occur (the comparison is not of empty lists).
    expect(seenMissed).toBeGreaterThan(5);
    expect(seenDue).toBeGreaterThan(2);

    // Paying a row changes the answer as the recomputation does.
    const later = addDays(today, 100);
    const before = await agendaToday(actor, shanghaiInstant(later, 600));
    const first = before.missedInstalments[0]!;
    await t.as.counselorA.payment.record({
      caseId: first.caseId,
      amountFen: first.remainingFen,
      paidOn: today,
      method: "cash",
      idempotencyKey: "agenda-due-topup",
    });
    const after = await agendaToday(actor, shanghaiInstant(later, 600));
    expect(after.missedInstalments.map(keyOf)).toEqual((await recomputed(t, t.counselorA.id, later)).missed);
    expect(after.missedInstalments.map(keyOf)).not.toContain(keyOf(first));
  });

  it("answers each section's first page with its whole count through the API", async () => {
    const t = await createTenant();
    const L = await createLender(t.orgId, "银行");
    const caseIds: string[] = [];
    for (let n = 0; n < 3; n++)
      caseIds.push((await t.as.counselorA.case.open({ debtId: await createDebtRow(t.orgId, t.clientA.id, L) })).id);
    for (const [n, caseId] of caseIds.entries())
      await t.as.counselorA.case.createTask({ caseId, title: `回电 ${n}`, dueOn: addDays(today, -n) });
    const all = await t.as.counselorA.agenda.today();
    expect(all.counts.followUps).toBe(3);
    expect(all.followUps.map((f) => f.title)).toEqual(["回电 2", "回电 1", "回电 0"]);
    const one = await t.as.counselorA.agenda.today({ show: { followUps: 1 } });
    expect(one.followUps.map((f) => f.title)).toEqual(["回电 2"]);
    expect(one.counts.followUps).toBe(3);
    expect((await t.as.counselorB.agenda.today()).counts.followUps).toBe(0);
    await expect(t.as.counselorA.agenda.today({ show: { followUps: 0 } })).rejects.toThrow();
    await expect(t.as.counselorA.agenda.today({ show: { followUps: 201 } })).rejects.toThrow();
  });
});
