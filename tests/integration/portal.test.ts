import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { addMonths } from "@/server/domain/schedule";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { errorData } from "@/server/trpc/init";
import { createTenant } from "../support/factories";
import { codeOf } from "../support/errors";

/**
 * The client portal through the real procedures: a counselor enters a debt, opens a case, proposes,
 * the lender accepts, and the client then sees the plan in plain figures and reports a payment.
 */
// Due dates lie within five years of today (server/domain/bounds.ts), so they are set from today.
const validUntil = addDays(todayInShanghai(), 60);
const firstDue = addMonths(todayInShanghai(), 2);

describe("client portal", () => {
  it("shows the client only their own lenders, answers, next payment and progress; a reported payment waits for confirmation", async () => {
    const t = await createTenant();
    const empty = await t.as.clientA.portal.overview();
    expect(empty?.lenders).toEqual([]);
    expect(empty?.nextPayment).toBeNull();

    const lenders = await t.as.counselorA.lender.list();
    const lender = lenders.find((l) => !l.archivedAt) ?? lenders[0]!;
    const debt = await t.as.counselorA.debt.create({
      clientId: t.clientA.id,
      lenderId: lender.id,
      originalPrincipalFen: 1_200_000,
      outstandingPrincipalFen: 1_200_000,
      interestFen: 30_000,
      penaltyFen: 20_000,
      feesFen: 0,
      rateValue: "18",
      rateUnit: "annual",
      creditReported: "yes",
      collectionStatus: "in-house",
      cashFlows: [],
    });
    const opened = await t.as.counselorA.case.open({ debtId: debt.id });
    const proposal = await t.as.counselorA.case.createProposal({
      caseId: opened.id,
      channel: "phone",
      validUntil,
      terms: {
        waiver: { penaltyFen: 20_000 },
        instalments: { amountFen: 1_230_000, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: firstDue },
      },
    });
    await t.as.counselorA.case.sendProposal({ caseId: opened.id, proposalId: proposal.id });
    await t.as.counselorA.case.recordResponse({ caseId: opened.id, proposalId: proposal.id, kind: "accepted", receivedOn: "2026-11-20" });

    const view = await t.as.clientA.portal.overview();
    expect(view?.lenders).toHaveLength(1);
    expect(view?.lenders[0]?.latestAnswer?.kind).toBe("accepted");
    expect(view?.nextPayment).toMatchObject({ caseId: opened.id, dueDate: firstDue, remainingFen: 102_500 });
    expect(view?.progress).toEqual({ paidFen: 0, remainingFen: 1_230_000, reliefFen: 20_000 });
    expect(view?.payable.map((p) => p.caseId)).toEqual([opened.id]);

    // The client reports a payment; it is pending until the counselor confirms it.
    await t.as.clientA.payment.record({
      caseId: opened.id,
      amountFen: 102_500,
      paidOn: "2026-11-21",
      method: "alipay",
      idempotencyKey: "portal-test-key-1",
    });
    const pending = await t.as.clientA.portal.overview();
    expect(pending?.lenders[0]?.agreement?.pendingFen).toBe(102_500);
    expect(pending?.progress.paidFen).toBe(0);

    // The same report resent with its key (a double tap, a retry) records nothing more.
    await t.as.clientA.payment.record({
      caseId: opened.id,
      amountFen: 102_500,
      paidOn: "2026-11-21",
      method: "alipay",
      idempotencyKey: "portal-test-key-1",
    });
    expect((await t.as.clientA.portal.overview())?.lenders[0]?.agreement?.pendingFen).toBe(102_500);

    // A bad report, as the portal's server action returns it (errorData): the field that is wrong, by
    // name, with the request id; nothing is recorded.
    const bad = await t.as.clientA.payment
      .record({ caseId: opened.id, amountFen: -1, paidOn: "2026-11-21", method: "alipay", idempotencyKey: "portal-test-key-2" })
      .then(
        () => null,
        (e: unknown) => (e instanceof TRPCError ? errorData(e, "req-portal-1") : null),
      );
    expect(bad).toMatchObject({ messageKey: "invalidInput", requestId: "req-portal-1" });
    expect(Object.keys(bad?.fields ?? {})).toEqual(["amountFen"]);
    expect((await t.as.clientA.portal.overview())?.lenders[0]?.agreement?.pendingFen).toBe(102_500);

    // Another client sees nothing of it; staff get FORBIDDEN on the portal procedure.
    const other = await t.as.clientB.portal.overview();
    expect(other?.lenders).toEqual([]);
    expect(await codeOf(t.as.counselorA.portal.overview())).toBe("FORBIDDEN");
    expect(await codeOf(t.as.anonymous.portal.overview())).toBe("UNAUTHORIZED");
  });
});
