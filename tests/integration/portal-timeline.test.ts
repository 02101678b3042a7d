import { describe, expect, it } from "vitest";
import { createTenant } from "../support/factories";
import { addDays, todayInShanghai } from "@/server/domain/time";

/**
 * The client's timeline through the real procedures: open a case, send a proposal, the lender accepts.
 * Each happening is told once, in the client's words (phrases of portal.event), never as a state name.
 */
describe("the portal's timeline", () => {
  it("tells what happened once per happening, newest first, for the signed-in client only", async () => {
    const t = await createTenant();
    const lender = (await t.as.counselorA.lender.list()).find((l) => !l.archivedAt)!;
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
    const first = await t.as.clientA.portal.overview();
    expect(first?.timeline.map((e) => e.phrase)).toEqual(["status.intake"]);

    const proposal = await t.as.counselorA.case.createProposal({
      caseId: opened.id,
      channel: "phone",
      validUntil: addDays(todayInShanghai(), 30),
      terms: {
        instalments: {
          amountFen: 1_250_000,
          method: "interest-free",
          months: 12,
          annualRatePct: "0",
          firstDueDate: addDays(todayInShanghai(), 31),
        },
      },
    });
    await t.as.counselorA.case.sendProposal({ caseId: opened.id, proposalId: proposal.id });
    // intake → preparing → proposed and "sent" happen in one action: she hears "sent" once.
    const sent = await t.as.clientA.portal.overview();
    expect(sent?.timeline.map((e) => e.phrase)).toEqual(["proposal-sent", "status.intake"]);

    await t.as.counselorA.case.recordResponse({ caseId: opened.id, proposalId: proposal.id, kind: "accepted", receivedOn: "2026-11-20" });
    const view = await t.as.clientA.portal.overview();
    expect(view?.timeline.map((e) => e.phrase)).toEqual(["answer.accepted", "proposal-sent", "status.intake"]);
    expect(view?.timeline.every((e) => e.lenderName === lender.name && /^\d{4}-\d{2}-\d{2}$/.test(e.day))).toBe(true);

    // Another client of the same agency sees none of it.
    expect((await t.as.clientB.portal.overview())?.timeline ?? []).toEqual([]);
  });
});
