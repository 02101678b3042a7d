import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { codeOf } from "../support/errors";
import { createTenant } from "../support/factories";
import { createDebtRow, createLender } from "../support/workspace-fixture";

const today = todayInShanghai();

describe("client.activity (the client page's tabs)", () => {
  it("gathers one client's cases, payments, contacts and timeline across cases, and nobody else's", async () => {
    const t = await createTenant();
    const lender = await createLender(t.orgId, "平台");
    const d1 = await createDebtRow(t.orgId, t.clientA.id, lender, { outstandingPrincipalFen: 60_000 });
    const d2 = await createDebtRow(t.orgId, t.clientA.id, lender, { outstandingPrincipalFen: 30_000 });
    const other = await createDebtRow(t.orgId, t.clientB.id, lender);
    const A = t.as.counselorA;
    const c1 = (await A.case.open({ debtId: d1 })).id;
    const c2 = (await A.case.open({ debtId: d2 })).id;
    await t.as.counselorB.case.open({ debtId: other });
    const p = await A.case.createProposal({
      caseId: c1,
      channel: "app",
      validUntil: addDays(today, 10),
      terms: {
        instalments: { amountFen: 60_000, method: "interest-free", months: 3, annualRatePct: "0", firstDueDate: addDays(today, 5) },
      },
    });
    await A.case.sendProposal({ caseId: c1, proposalId: p.id });
    await A.case.recordResponse({ caseId: c1, proposalId: p.id, kind: "accepted", receivedOn: today });
    await A.payment.record({ caseId: c1, amountFen: 20_000, paidOn: today, method: "alipay", idempotencyKey: randomUUID() });
    await t.as.clientA.payment.record({ caseId: c1, amountFen: 5_000, paidOn: today, method: "wechat", idempotencyKey: randomUUID() });
    await A.contact.append({ caseId: c2, at: new Date(), channel: "phone", direction: "inbound", party: "collector", summary: "催收来电" });

    const a = await A.client.activity({ id: t.clientA.id });
    expect(a.cases.map((c) => c.id).sort()).toEqual([c1, c2].sort());
    const first = a.cases.find((c) => c.id === c1)!;
    // Only the confirmed 20,000 counts; the client's 5,000 report waits for confirmation.
    expect(first.repayment).toMatchObject({ totalDueFen: 60_000, totalPaidFen: 20_000, outstandingFen: 40_000 });
    expect(a.cases.find((c) => c.id === c2)!.repayment).toBeNull();
    expect(a.payments.map((x) => [x.amountFen, x.status, x.reportedByRole]).sort()).toEqual([
      [20_000, "confirmed", "counselor"],
      [5_000, "reported", "client"],
    ]);
    expect(a.contacts.map((c) => [c.caseId, c.summary])).toEqual([[c2, "催收来电"]]);
    const kinds = new Set(a.timeline.map((e) => e.kind));
    expect(kinds).toEqual(new Set(["status", "proposal-sent", "answer", "contact"]));
    // Newest first.
    const times = a.timeline.map((e) => e.at.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    expect(await codeOf(t.as.counselorB.client.activity({ id: t.clientA.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.clientA.client.activity({ id: t.clientA.id }))).toBe("FORBIDDEN");
    const b = await createTenant();
    expect(await codeOf(b.as.admin.client.activity({ id: t.clientA.id }))).toBe("NOT_FOUND");
  });
});
