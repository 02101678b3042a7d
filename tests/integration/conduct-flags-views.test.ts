import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { contactEntries } from "@/db/schema";
import { createTenant } from "../support/factories";

const call = (caseId: string, at: string, summary: string) => ({
  caseId,
  at: new Date(at),
  channel: "phone" as const,
  direction: "inbound" as const,
  party: "collector" as const,
  connected: true,
  summary,
});

describe("conduct flags, wherever they are shown", () => {
  it("the client file shows each entry's flags as the case's log recomputes them, with their rule and version", async () => {
    const t = await createTenant();
    const c = t.as.counselorA;
    const lender = await t.as.admin.lender.create({ name: "某助贷平台", licenceType: "loan-facilitation" });
    const { id: debtId } = await c.debt.create({
      clientId: t.clientA.id,
      lenderId: lender.id,
      originalPrincipalFen: 1_000_000,
      outstandingPrincipalFen: 1_000_000,
      rateValue: "18",
      rateUnit: "annual",
      cashFlows: [],
    });
    const { id: caseId } = await c.case.open({ debtId });
    // Three connected calls on one Beijing day (10:00, 11:00, 12:00): within GB/T 45251-2025's three a day.
    for (const [at, summary] of [
      ["2026-03-02T02:00:00Z", "10点来电"],
      ["2026-03-02T03:00:00Z", "11点来电"],
      ["2026-03-02T04:00:00Z", "12点来电"],
    ] as const)
      expect((await c.contact.append(call(caseId, at, summary))).conductFlags).toEqual([]);
    // A 09:00 call of the same day, logged afterwards: now the 12:00 call is the fourth of the day.
    await c.contact.append(call(caseId, "2026-03-02T01:00:00Z", "9点来电"));

    const log = await c.contact.list({ caseId });
    const noon = log.find((e) => e.summary === "12点来电")!;
    expect(noon.conductFlags).toEqual([{ flag: "over-connected-calls", ruleId: "conduct.gbt-45251", version: 1 }]);
    // What was stored when the 12:00 call was logged had no flag: a view reading the stored flags would differ.
    const db = await getDb();
    const [stored] = await db
      .select({ flags: contactEntries.conductFlags })
      .from(contactEntries)
      .where(and(eq(contactEntries.orgId, t.orgId), eq(contactEntries.id, noon.id)));
    expect(stored!.flags).toEqual([]);

    const activity = await c.client.activity({ id: t.clientA.id });
    expect(Object.fromEntries(activity.contacts.map((e) => [e.summary, e.conductFlags]))).toEqual(
      Object.fromEntries(log.map((e) => [e.summary, e.conductFlags])),
    );
  });
});
