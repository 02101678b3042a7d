import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { plans } from "@/db/schema";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { createTenant, type Tenant } from "../support/factories";

async function debt(t: Tenant, lenderName: string, principalFen: number, rate: string) {
  const lenders = await t.as.counselorA.lender.list();
  const lender = lenders.find((l) => l.name === lenderName)!;
  return t.as.counselorA.debt.create({
    clientId: t.clientA.id,
    lenderId: lender.id,
    originalPrincipalFen: principalFen,
    outstandingPrincipalFen: principalFen,
    interestFen: 0,
    penaltyFen: 0,
    feesFen: 0,
    rateValue: rate,
    rateUnit: "annual",
    creditReported: "yes",
    collectionStatus: "in-house",
    cashFlows: [],
  });
}

const instalments = (months: number) => ({ instalment: { method: "interest-free" as const, months } });

type Evaluated = Awaited<ReturnType<Tenant["as"]["counselorA"]["plan"]["evaluate"]>>;
type Evaluation = Extract<Evaluated["scenarios"][number], { ok: true }>["evaluation"];

function ok(r: Evaluated["scenarios"][number]): Evaluation {
  if (!r.ok) throw new Error(`scenario ${r.name}: ${r.code}`);
  return r.evaluation;
}

const paidIn = (e: Evaluation, month: string) =>
  e.lines
    .flatMap((l) => l.schedule)
    .filter((r) => r.dueDate.startsWith(month))
    .reduce((sum, r) => sum + r.paymentFen, 0);

describe("plan service: strategies, the room and agreed debts", () => {
  it("evaluates and saves scenarios that use the room or keep it, with an agreed debt taken off the affordable amount", async () => {
    const t = await createTenant();
    const c = t.as.counselorA;
    const jd = await debt(t, "京东金条", 1_800_000, "18.25");
    const cmb = await debt(t, "招商银行", 1_800_000, "18");
    const hb = await debt(t, "蚂蚁花呗/借呗", 900_000, "14.6");
    // ¥8,000 in, ¥4,000 out, the agency's 10 % buffer: ¥3,600.00 a month for repayments.
    await c.budget.save({
      clientId: t.clientA.id,
      effectiveDate: "2026-01-01",
      incomes: [{ kind: "salary", monthlyFen: 800_000 }],
      expenses: [{ category: "housing", monthlyFen: 400_000 }],
      dependents: 0,
    });

    // 招商 agrees to 12 interest-free instalments of ¥1,500.00.
    const opened = await c.case.open({ debtId: cmb.id });
    const proposal = await c.case.createProposal({
      caseId: opened.id,
      channel: "phone",
      validUntil: addDays(todayInShanghai(), 30),
      terms: { instalments: { amountFen: 1_800_000, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: "2027-01-15" } },
    });
    await c.case.sendProposal({ caseId: opened.id, proposalId: proposal.id });
    await c.case.recordResponse({ caseId: opened.id, proposalId: proposal.id, kind: "accepted", receivedOn: "2026-11-20" });

    const scenario = (name: string, strategy: "avalanche" | "snowball" | "pro-rata", roomUse: "clear-early" | "buffer") => ({
      name,
      startDate: "2027-01-01",
      strategy,
      roomUse,
      // The agreed debt's line is set aside: its agreement stands.
      lines: [jd, cmb, hb].map((d) => ({ debtId: d.id, arrangement: instalments(36) })),
    });
    const scenarios = [
      scenario("A", "avalanche", "clear-early"),
      scenario("S", "snowball", "clear-early"),
      scenario("P", "pro-rata", "buffer"),
    ];
    const evaluated = await c.plan.evaluate({ clientId: t.clientA.id, scenarios });
    expect(evaluated.affordableFen).toBe(360_000);
    const [a, s, p] = evaluated.scenarios.map(ok) as [Evaluation, Evaluation, Evaluation];
    expect(evaluated.commitments).toEqual([{ debtId: cmb.id, monthlyFen: 150_000, monthsLeft: 12 }]);

    for (const e of [a, s, p]) {
      expect(e.lines.map((l) => l.debtId)).toEqual([jd.id, hb.id]);
      expect(e.agreedMonthlyFen).toBe(150_000);
      expect(e.commitments).toEqual(evaluated.commitments);
    }
    // Using the room: ¥2,100.00 a month while the agreement runs (12 months, ¥25,200.00), the last ¥1,800.00 after.
    expect(a.firstMonthTotalFen).toBe(210_000);
    expect(paidIn(a, "2027-12")).toBe(210_000);
    expect(paidIn(a, "2028-01")).toBe(2_700_000 - 12 * 210_000);
    expect(a.monthsToDebtFree).toBe(13);
    expect(a.feasible).toBe(true);
    expect(a.clearingOrder).toEqual([jd.id, hb.id]);
    expect(s.clearingOrder).toEqual([hb.id, jd.id]);
    expect(a.strategyEffect).toEqual({ matters: true });
    // Kept as a buffer: only the instalments (¥500.00 + ¥250.00); ¥1,350.00 of the ¥2,100.00 stays with her.
    expect(p.firstMonthTotalFen).toBe(75_000);
    expect(p.roomFen).toBe(210_000 - 75_000);
    expect(p.feasible).toBe(true);
    expect(p.monthsToDebtFree).toBe(36);
    expect(p.strategyEffect).toEqual({ matters: false, reason: "kept-as-buffer" });
    expect(evaluated.comparisons).toEqual([{ a: 0, b: 1, note: { kind: "same-totals", reason: "no-interest" } }]);

    // Saved with the buffer scenario chosen: the choice and the commitments are kept with the plan.
    const saved = await c.plan.save({ clientId: t.clientA.id, expectedVersion: 0, scenarios, chosenScenario: 2 });
    expect(saved.feasible).toBe(true);
    const got = await c.plan.get({ clientId: t.clientA.id });
    expect(got?.scenarios.map((x) => x.roomUse)).toEqual(["clear-early", "clear-early", "buffer"]);
    expect(got?.evaluation).toMatchObject({
      roomUse: "buffer",
      strategy: "pro-rata",
      firstMonthTotalFen: 75_000,
      commitments: evaluated.commitments,
    });
    const portal = await t.as.clientA.portal.overview();
    expect(portal?.plan).toMatchObject({ firstMonthTotalFen: 75_000, monthsToDebtFree: 36 });
    expect(portal?.plan?.lines.map((l) => l.lenderName)).toEqual(["京东金条", "蚂蚁花呗/借呗"]);

    // A confirmed payment leaves 11 instalments on the agreement.
    await c.payment.record({
      caseId: opened.id,
      amountFen: 150_000,
      paidOn: todayInShanghai(),
      method: "bank-transfer",
      idempotencyKey: "plan-strategy-1",
    });
    const again = await c.plan.evaluate({ clientId: t.clientA.id, scenarios: [scenarios[0]!] });
    expect(again.commitments).toEqual([{ debtId: cmb.id, monthlyFen: 150_000, monthsLeft: 11 }]);
    const first = again.scenarios[0];
    if (!first?.ok) throw new Error("should evaluate");
    expect(paidIn(first.evaluation, "2027-11")).toBe(210_000);
    expect(paidIn(first.evaluation, "2027-12")).toBe(360_000);
  });

  it("reads a plan saved before the room could be used as keeping it (what it paid)", async () => {
    const t = await createTenant();
    const d = await debt(t, "京东金条", 1_200_000, "18");
    const old = {
      name: "旧方案",
      startDate: "2027-01-01",
      strategy: "pro-rata" as const,
      roomUse: "buffer" as const,
      lines: [{ debtId: d.id, arrangement: instalments(12) }],
    };
    await t.as.counselorA.plan.save({ clientId: t.clientA.id, expectedVersion: 0, scenarios: [old], chosenScenario: 0 });
    const db = await getDb();
    const { roomUse: _dropped, ...withoutChoice } = old;
    await db
      .update(plans)
      .set({ scenarios: [withoutChoice] })
      .where(and(eq(plans.orgId, t.orgId), eq(plans.clientId, t.clientA.id)));
    const got = await t.as.counselorA.plan.get({ clientId: t.clientA.id });
    expect(got?.scenarios[0]?.roomUse).toBe("buffer");
  });

  it("refuses an unknown use of the room, and a scenario without one uses it", async () => {
    const t = await createTenant();
    const d = await debt(t, "京东金条", 1_200_000, "18");
    const base = {
      name: "x",
      startDate: "2027-01-01",
      strategy: "pro-rata" as const,
      lines: [{ debtId: d.id, arrangement: instalments(12) }],
    };
    await expect(
      t.as.counselorA.plan.evaluate({ clientId: t.clientA.id, scenarios: [{ ...base, roomUse: "spend" as never }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const r = await t.as.counselorA.plan.evaluate({ clientId: t.clientA.id, scenarios: [base as never] });
    expect(r.scenarios[0]?.ok && r.scenarios[0].evaluation.roomUse).toBe("clear-early");
  });
});
