import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type Tx } from "@/db/client";
import { debtBalances, debts } from "@/db/schema";
import { owedOn } from "@/server/domain/balance";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { backfillDebtBalances, basisRow, computeBalances, loadBalanceFacts, owedSql, refreshBalances } from "@/server/services/balances";
import { clearOutcomeCache } from "@/server/services/outcomes";
import { selectRows } from "@/server/services/sql-rows";
import { createTenant, type Tenant } from "../support/factories";

const today = todayInShanghai();
const owner = async () => (await getDb()) as unknown as Tx;

/** The stored basis of the org's debts equals a fresh computation from the facts, field by field. */
async function expectStoredIsFresh(orgId: string) {
  const db = await owner();
  const ids = (await db.select({ id: debts.id }).from(debts).where(eq(debts.orgId, orgId))).map((r) => r.id);
  const fresh = (await computeBalances(db, orgId, ids)).map((c) => basisRow(orgId, c.debtId, c.clientId, c.basis));
  const stored = await db
    .select()
    .from(debtBalances)
    .where(and(eq(debtBalances.orgId, orgId), inArray(debtBalances.debtId, ids)));
  const byId = new Map(stored.map(({ computedAt: _c, ...r }) => [r.debtId, r]));
  expect(stored).toHaveLength(ids.length);
  for (const f of fresh) expect(byId.get(f.debtId), `debt ${f.debtId}`).toEqual(f);
}

type Screens = {
  overview: number;
  debtsTab: number[];
  caseloadCounselor: number;
  caseloadAdmin: number;
  portal: number;
  outcomes: number;
  cases: Record<string, number>;
};

/** The figure owed as each screen's procedure returns it for client A. */
async function screens(t: Tenant, caseIds: string[]): Promise<Screens> {
  const list = await t.as.counselorA.debt.list({ clientId: t.clientA.id });
  const row = async (who: "counselorA" | "admin") =>
    (await t.as[who].caseload.list({ search: "客户甲" })).rows.find((r) => r.clientId === t.clientA.id)!.totalOwedFen;
  const cases: Record<string, number> = {};
  for (const id of caseIds) cases[id] = (await t.as.counselorA.case.get({ caseId: id })).balance.owedFen;
  return {
    overview: list.totals.balance.owedFen,
    debtsTab: list.debts.map((d) => d.balance.owedFen),
    caseloadCounselor: await row("counselorA"),
    caseloadAdmin: await row("admin"),
    portal: (await t.as.clientA.portal.overview())!.owedFen,
    outcomes: (await t.as.admin.outcomes.summary({})).balances.owedFen,
    cases,
  };
}

/** Every screen shows `owed` for the client, and each case page its debt's own figure from the debts tab. */
async function expectEverywhere(t: Tenant, owed: number, caseDebts: Record<string, string> = {}) {
  await expectStoredIsFresh(t.orgId);
  const s = await screens(t, Object.keys(caseDebts));
  expect({
    overview: s.overview,
    caseloadCounselor: s.caseloadCounselor,
    caseloadAdmin: s.caseloadAdmin,
    portal: s.portal,
    outcomes: s.outcomes,
  }).toEqual({
    overview: owed,
    caseloadCounselor: owed,
    caseloadAdmin: owed,
    portal: owed,
    // Client B owes nothing: the organization's total is client A's.
    outcomes: owed,
  });
  expect(s.debtsTab.reduce((a, b) => a + b, 0)).toBe(owed);
  const list = await t.as.counselorA.debt.list({ clientId: t.clientA.id });
  for (const [caseId, debtId] of Object.entries(caseDebts)) {
    expect(s.cases[caseId]).toBe(list.debts.find((d) => d.id === debtId)!.balance.owedFen);
  }
  return list;
}

async function lenderId(t: Tenant) {
  const lenders = await t.as.counselorA.lender.list();
  return lenders.find((l) => !l.archivedAt)!.id;
}

const debtFields = (lender: string, over: Record<string, unknown> = {}) => ({
  lenderId: lender,
  originalPrincipalFen: 1_800_000,
  outstandingPrincipalFen: 1_800_000,
  interestFen: 120_000,
  penaltyFen: 45_000,
  feesFen: 15_000,
  rateValue: "0.05",
  rateUnit: "daily" as const,
  penaltyRateValue: "24",
  penaltyRateUnit: "annual" as const,
  overdueSince: addDays(today, -62),
  creditReported: "yes" as const,
  collectionStatus: "in-house" as const,
  cashFlows: [],
  ...over,
});
const debtInput = (t: Tenant, lender: string, over: Record<string, unknown> = {}) => ({
  clientId: t.clientA.id,
  ...debtFields(lender, over),
});

describe("one balance per debt, the same on every screen", () => {
  it("after intake, growth, an edit, an agreement, a reported and a confirmed payment, completion, a change, a breach and new figures", async () => {
    const t = await createTenant();
    const L = await lenderId(t);
    const db = await owner();

    // Intake: two debts, recorded today (no growth yet).
    const a = (await t.as.counselorA.debt.create(debtInput(t, L))).id;
    const b = (
      await t.as.counselorA.debt.create(
        debtInput(t, L, {
          outstandingPrincipalFen: 900_000,
          originalPrincipalFen: 900_000,
          interestFen: 40_000,
          penaltyFen: 0,
          feesFen: 0,
          rateValue: "18",
          rateUnit: "annual",
          penaltyRateValue: undefined,
          penaltyRateUnit: undefined,
        }),
      )
    ).id;
    await expectEverywhere(t, 1_980_000 + 940_000);

    // The figures of A were recorded 10 days ago: 10 days of its daily growth (900 contract + 1,200 penalty).
    await db
      .update(debts)
      .set({ figuresRecordedAt: sql`now() - interval '10 days'` })
      .where(and(eq(debts.orgId, t.orgId), eq(debts.id, a)));
    await refreshBalances(db, t.orgId, [a]);
    // Written behind the services' back: the stored outcome summary does not know.
    clearOutcomeCache();
    let list = await expectEverywhere(t, 1_980_000 + 21_000 + 940_000);
    const balA = list.debts.find((d) => d.id === a)!.balance;
    expect(balA).toMatchObject({ kind: "estimate", dailyGrowthFen: 2_100, growthFen: 21_000, growthDays: 10, asOf: addDays(today, -10) });
    expect(list.totals.balance).toMatchObject({ growthFen: 21_000, growthSince: addDays(today, -10) });

    // Debt edit: new amounts on B are new figures, recorded today.
    const bRow = list.debts.find((d) => d.id === b)!;
    await t.as.counselorA.debt.update({
      ...debtFields(L, {
        outstandingPrincipalFen: 900_000,
        originalPrincipalFen: 900_000,
        interestFen: 50_000,
        penaltyFen: 0,
        feesFen: 0,
        rateValue: "18",
        rateUnit: "annual",
        penaltyRateValue: undefined,
        penaltyRateUnit: undefined,
      }),
      id: b,
      version: bRow.version,
    });
    await expectEverywhere(t, 2_001_000 + 950_000);

    // Agreement on A: the penalty and fees waived, 12 instalments of the rest, the first due in 3 days.
    const caseA = (await t.as.counselorA.case.open({ debtId: a })).id;
    const terms = {
      waiver: { penaltyFen: 45_000, feesFen: 15_000 },
      instalments: {
        amountFen: 1_920_000,
        method: "interest-free" as const,
        months: 12,
        annualRatePct: "0",
        firstDueDate: addDays(today, 3),
      },
    };
    const p = await t.as.counselorA.case.createProposal({ caseId: caseA, terms, channel: "app", validUntil: addDays(today, 30) });
    await t.as.counselorA.case.sendProposal({ caseId: caseA, proposalId: p.id });
    await t.as.counselorA.case.recordResponse({ caseId: caseA, proposalId: p.id, kind: "accepted", receivedOn: today });
    list = await expectEverywhere(t, 1_920_000 + 950_000, { [caseA]: a });
    expect(list.debts.find((d) => d.id === a)!.balance).toMatchObject({
      kind: "agreed",
      agreedTotalFen: 1_920_000,
      reliefFen: 60_000,
      beforeAgreementFen: 2_001_000,
      monthlyFen: 160_000,
      instalmentsLeft: 12,
      nextDueOn: addDays(today, 3),
    });
    const summary = await t.as.admin.outcomes.summary({});
    expect(summary.balances).toEqual({ owedFen: 2_870_000, underAgreementsFen: 1_920_000, activeAgreements: 1 });
    // The agenda: the instalment due in 3 days carries its debt's figure.
    const agenda = await t.as.counselorA.agenda.today();
    expect(agenda.instalmentsDue.find((i) => i.caseId === caseA)?.owedFen).toBe(1_920_000);

    // The client reports a payment on her phone: pending beside the figure, nothing subtracted.
    const reported = await t.as.clientA.payment.record({
      caseId: caseA,
      amountFen: 160_000,
      paidOn: today,
      method: "alipay",
      idempotencyKey: "balance-journey-1",
    });
    list = await expectEverywhere(t, 1_920_000 + 950_000, { [caseA]: a });
    expect(list.debts.find((d) => d.id === a)!.balance).toMatchObject({ pendingFen: 160_000, paidFen: 0 });
    expect((await t.as.clientA.portal.overview())!.owed.pendingFen).toBe(160_000);
    expect((await t.as.counselorA.agenda.today()).reportedPayments.find((r) => r.paymentId === reported.id)?.owedFen).toBe(1_920_000);

    // The counselor confirms it: exactly that much lower.
    await t.as.counselorA.payment.confirm({ caseId: caseA, paymentId: reported.id });
    list = await expectEverywhere(t, 1_920_000 - 160_000 + 950_000, { [caseA]: a });
    expect(list.debts.find((d) => d.id === a)!.balance).toMatchObject({
      pendingFen: 0,
      paidFen: 160_000,
      instalmentsLeft: 11,
      monthlyFen: 160_000,
    });

    // Completion: the rest paid by the counselor; the case completes and the debt is settled (zero).
    await t.as.counselorA.payment.record({
      caseId: caseA,
      amountFen: 1_760_000,
      paidOn: today,
      method: "bank-transfer",
      idempotencyKey: "balance-journey-2",
    });
    expect((await t.as.counselorA.case.get({ caseId: caseA })).status).toBe("completed");
    list = await expectEverywhere(t, 950_000, { [caseA]: a });
    expect(list.debts.find((d) => d.id === a)!.balance).toMatchObject({ kind: "settled", owedFen: 0 });

    // On B: an agreement, one payment, a change agreed with the lender, another payment, then a breach.
    const caseB = (await t.as.counselorA.case.open({ debtId: b })).id;
    const pb = await t.as.counselorA.case.createProposal({
      caseId: caseB,
      channel: "phone",
      validUntil: addDays(today, 30),
      terms: {
        instalments: { amountFen: 900_000, method: "interest-free", months: 6, annualRatePct: "0", firstDueDate: addDays(today, 20) },
      },
    });
    await t.as.counselorA.case.sendProposal({ caseId: caseB, proposalId: pb.id });
    await t.as.counselorA.case.recordResponse({ caseId: caseB, proposalId: pb.id, kind: "accepted", receivedOn: today });
    // Relief: the lender agreed to 900,000 of the 950,000 recorded.
    list = await expectEverywhere(t, 900_000, { [caseA]: a, [caseB]: b });
    expect(list.debts.find((d) => d.id === b)!.balance).toMatchObject({ kind: "agreed", reliefFen: 50_000 });
    await t.as.counselorA.payment.record({
      caseId: caseB,
      amountFen: 150_000,
      paidOn: today,
      method: "alipay",
      idempotencyKey: "balance-journey-3",
    });
    expect((await t.as.counselorA.case.get({ caseId: caseB })).status).toBe("repaying");
    list = await expectEverywhere(t, 750_000, { [caseA]: a, [caseB]: b });

    // A change agreed with the lender for what remains (750,000): 20,000 of interest waived, 10 × 70,000. Its
    // relief is measured against that remainder (20,000 waived + 30,000 below it after the waiver) and added
    // to the first agreement's 50,000; measured against the figures it would read 250,000. The paid 150,000
    // stays paid (carried into the new schedule).
    const before = await t.as.counselorA.case.negotiation({ caseId: caseB });
    const changed = await t.as.counselorA.case.changeAgreement({
      caseId: caseB,
      agreementId: before.agreement!.id,
      version: before.agreement!.version,
      effectiveFrom: today,
      terms: {
        waiver: { interestFen: 20_000 },
        instalments: { amountFen: 700_000, method: "interest-free", months: 10, annualRatePct: "0", firstDueDate: addDays(today, 30) },
      },
    });
    list = await expectEverywhere(t, 700_000, { [caseA]: a, [caseB]: b });
    expect(list.debts.find((d) => d.id === b)!.balance).toMatchObject({
      kind: "agreed",
      agreementId: changed.agreementId,
      agreedTotalFen: 850_000,
      paidFen: 150_000,
      waivedFen: 20_000,
      reliefFen: 100_000,
      beforeAgreementFen: 950_000,
      monthlyFen: 70_000,
      instalmentsLeft: 10,
      nextDueOn: addDays(today, 30),
    });
    const portalB = (await t.as.clientA.portal.overview())!.lenders.find((l) => l.debtId === b)!;
    expect(portalB.balance).toMatchObject({ kind: "agreed", reliefFen: 100_000, owedFen: 700_000 });
    expect(portalB.agreement).toMatchObject({ totalDueFen: 850_000, totalPaidFen: 150_000, outstandingFen: 700_000 });
    // The outcomes count negotiated agreements: the change is not a third one.
    expect((await t.as.admin.outcomes.summary({})).relief.agreements).toBe(2);
    expect((await t.as.admin.outcomes.summary({})).balances).toMatchObject({ underAgreementsFen: 700_000, activeAgreements: 1 });

    // One instalment paid under the change, then a breach recorded: the remainder stands, no growth.
    await t.as.counselorA.payment.record({
      caseId: caseB,
      amountFen: 70_000,
      paidOn: today,
      method: "alipay",
      idempotencyKey: "balance-journey-5",
    });
    list = await expectEverywhere(t, 630_000, { [caseA]: a, [caseB]: b });
    const cb = await t.as.counselorA.case.get({ caseId: caseB });
    expect(cb.status).toBe("repaying");
    // Leaving the agreement is a breach, recorded as one: a plain move is refused and changes nothing.
    await expect(
      t.as.counselorA.case.transition({ caseId: caseB, to: "negotiating", reason: "missed two instalments", version: cb.version }),
    ).rejects.toThrow();
    const inForce = (await t.as.counselorA.case.negotiation({ caseId: caseB })).agreement!;
    await t.as.counselorA.case.recordBreach({
      caseId: caseB,
      agreementId: inForce.id,
      version: inForce.version,
      brokenOn: today,
      reason: "missed two instalments",
      to: "negotiating",
    });
    expect((await t.as.counselorA.case.get({ caseId: caseB })).status).toBe("negotiating");
    list = await expectEverywhere(t, 630_000, { [caseA]: a, [caseB]: b });
    expect(list.debts.find((d) => d.id === b)!.balance).toMatchObject({
      kind: "broken",
      owedFen: 630_000,
      dailyGrowthFen: 0,
      reliefFen: 100_000,
    });
    // A broken agreement takes no more payments.
    await expect(
      t.as.counselorA.payment.record({
        caseId: caseB,
        amountFen: 100,
        paidOn: today,
        method: "alipay",
        idempotencyKey: "balance-journey-4",
      }),
    ).rejects.toThrow();

    // The counselor records the lender's new figures: those and their growth apply again.
    const bNow = list.debts.find((d) => d.id === b)!;
    await t.as.counselorA.debt.update({
      ...debtFields(L, {
        outstandingPrincipalFen: 750_000,
        originalPrincipalFen: 900_000,
        interestFen: 30_000,
        penaltyFen: 20_000,
        feesFen: 0,
        rateValue: "18",
        rateUnit: "annual",
        penaltyRateValue: undefined,
        penaltyRateUnit: undefined,
      }),
      id: b,
      version: bNow.version,
    });
    list = await expectEverywhere(t, 800_000, { [caseA]: a, [caseB]: b });
    expect(list.debts.find((d) => d.id === b)!.balance).toMatchObject({ kind: "estimate", asOf: today, dailyGrowthFen: 375 });

    // Archived: the debt leaves every total.
    await t.as.counselorA.debt.archive({
      id: b,
      version: (await t.as.counselorA.debt.list({ clientId: t.clientA.id })).debts.find((d) => d.id === b)!.version,
    });
    await expectEverywhere(t, 0, { [caseA]: a });
  });

  it("the SQL figure (caseload, outcomes) equals owedOn on any day, growth included", async () => {
    const t = await createTenant();
    const L = await lenderId(t);
    const db = await owner();
    const id = (await t.as.counselorA.debt.create(debtInput(t, L))).id;
    await db
      .update(debts)
      .set({ figuresRecordedAt: sql`now() - interval '40 days'` })
      .where(and(eq(debts.orgId, t.orgId), eq(debts.id, id)));
    const [basis] = await computeBalances(db, t.orgId, [id]);
    await refreshBalances(db, t.orgId, [id]);
    for (const day of [addDays(today, -60), today, addDays(today, 1), addDays(today, 365), addDays(today, 3650)]) {
      const [row] = await selectRows<{ owed: string }>(
        db,
        sql`select ${owedSql("b", day)}::text as owed from debt_balances b where b.org_id = ${t.orgId} and b.debt_id = ${id}`,
      );
      expect(Number(row!.owed), day).toBe(owedOn(basis!.basis, day));
    }
  });

  it("reads the facts of any number of debts in a fixed number of statements", async () => {
    const t = await createTenant();
    const L = await lenderId(t);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await t.as.counselorA.debt.create(debtInput(t, L, { interestFen: i * 1000 }))).id);
    const c = (await t.as.counselorA.case.open({ debtId: ids[0]! })).id;
    const p = await t.as.counselorA.case.createProposal({
      caseId: c,
      channel: "app",
      validUntil: addDays(today, 30),
      terms: {
        instalments: { amountFen: 1_000_000, method: "interest-free", months: 4, annualRatePct: "0", firstDueDate: addDays(today, 10) },
      },
    });
    await t.as.counselorA.case.sendProposal({ caseId: c, proposalId: p.id });
    await t.as.counselorA.case.recordResponse({ caseId: c, proposalId: p.id, kind: "accepted", receivedOn: today });
    const db = await owner();
    const counting = (counter: { n: number }) =>
      new Proxy(db, {
        get(target, key, receiver) {
          const v = Reflect.get(target, key, receiver);
          if (key === "select" || key === "execute")
            return (...args: unknown[]) => (counter.n++, (v as (...a: unknown[]) => unknown).apply(target, args));
          return typeof v === "function" ? v.bind(target) : v;
        },
      }) as Tx;
    const one = { n: 0 };
    await loadBalanceFacts(counting(one), t.orgId, ids.slice(0, 1));
    const six = { n: 0 };
    const facts = await loadBalanceFacts(counting(six), t.orgId, ids);
    expect(facts).toHaveLength(6);
    expect(one.n).toBe(4);
    expect(six.n).toBe(4);
  });

  it("writes the missing basis of existing debts at migrate time, the same as the services write it", async () => {
    const t = await createTenant();
    const L = await lenderId(t);
    const db = await owner();
    const ids = [
      (await t.as.counselorA.debt.create(debtInput(t, L))).id,
      (await t.as.counselorA.debt.create(debtInput(t, L, { feesFen: 0 }))).id,
    ];
    const before = await db.select().from(debtBalances).where(eq(debtBalances.orgId, t.orgId));
    await db.delete(debtBalances).where(eq(debtBalances.orgId, t.orgId));
    // Meanwhile every screen still shows the figure (computed on read).
    expect((await t.as.counselorA.debt.list({ clientId: t.clientA.id })).totals.balance.owedFen).toBe(1_980_000 * 2 - 15_000);
    expect(await backfillDebtBalances(await getDb())).toBeGreaterThanOrEqual(2);
    const after = await db.select().from(debtBalances).where(eq(debtBalances.orgId, t.orgId));
    const strip = (rows: typeof before) => rows.map(({ computedAt: _c, ...r }) => r).sort((x, y) => (x.debtId < y.debtId ? -1 : 1));
    expect(strip(after)).toEqual(strip(before));
    expect(after.map((r) => r.debtId).sort()).toEqual([...ids].sort());
    expect(await backfillDebtBalances(await getDb())).toBe(0);
  });

  it("the portal's plan: an agreed lender's own terms, the plan only for the others, the monthly total of both", async () => {
    const t = await createTenant();
    const L = await lenderId(t);
    const ids = [
      (await t.as.counselorA.debt.create(debtInput(t, L))).id,
      (
        await t.as.counselorA.debt.create(
          debtInput(t, L, {
            outstandingPrincipalFen: 3_200_000,
            originalPrincipalFen: 3_200_000,
            interestFen: 210_000,
            penaltyFen: 80_000,
            feesFen: 30_000,
          }),
        )
      ).id,
      (
        await t.as.counselorA.debt.create(
          debtInput(t, L, {
            outstandingPrincipalFen: 900_000,
            originalPrincipalFen: 900_000,
            interestFen: 40_000,
            penaltyFen: 0,
            feesFen: 0,
          }),
        )
      ).id,
    ];
    await t.as.counselorA.plan.save({
      clientId: t.clientA.id,
      expectedVersion: 0,
      chosenScenario: 0,
      scenarios: [
        {
          name: "方案",
          startDate: addDays(today, 10),
          strategy: "pro-rata",
          lines: ids.map((debtId) => ({
            debtId,
            arrangement: { waivePenalty: true, instalment: { method: "interest-free" as const, months: 36 } },
          })),
        },
      ],
    });
    const planned = (await t.as.clientA.portal.overview())!;
    expect(planned.plan!.lines.map((l) => l.debtId)).toEqual(ids);
    expect(planned.monthly).toMatchObject({
      agreedCount: 0,
      plannedCount: 3,
      totalFen: planned.plan!.lines.reduce((s, l) => s + l.monthlyFen, 0),
    });

    // The first lender agrees to other terms than the plan's: 6 × 320,000 after waiving penalty and fees.
    const c = (await t.as.counselorA.case.open({ debtId: ids[0]! })).id;
    const p = await t.as.counselorA.case.createProposal({
      caseId: c,
      channel: "app",
      validUntil: addDays(today, 30),
      terms: {
        waiver: { penaltyFen: 45_000, feesFen: 15_000 },
        instalments: { amountFen: 1_920_000, method: "interest-free", months: 6, annualRatePct: "0", firstDueDate: addDays(today, 5) },
      },
    });
    await t.as.counselorA.case.sendProposal({ caseId: c, proposalId: p.id });
    await t.as.counselorA.case.recordResponse({ caseId: c, proposalId: p.id, kind: "accepted", receivedOn: today });
    const view = (await t.as.clientA.portal.overview())!;
    expect(view.plan!.lines.map((l) => l.debtId)).toEqual(ids.slice(1));
    const agreed = view.lenders.find((l) => l.debtId === ids[0])!.balance;
    expect(agreed).toMatchObject({
      kind: "agreed",
      monthlyFen: 320_000,
      nextInstalmentFen: 320_000,
      instalmentsLeft: 6,
      nextDueOn: addDays(today, 5),
      reliefFen: 60_000,
    });
    const plannedFen = view.plan!.lines.reduce((s, l) => s + l.monthlyFen, 0);
    expect(view.monthly).toEqual({ totalFen: 320_000 + plannedFen, agreedFen: 320_000, agreedCount: 1, plannedFen, plannedCount: 2 });
    // The same agreed monthly amount is the fact the plan builder reads for its fixed commitments.
    const { agreedMonthlyByDebt } = await import("@/server/services/balances");
    expect(Object.fromEntries(await agreedMonthlyByDebt(await owner(), t.orgId, t.clientA.id, today))).toEqual({
      [ids[0]!]: { monthlyFen: 320_000, instalmentsLeft: 6, nextDueOn: addDays(today, 5) },
    });
  });
});
