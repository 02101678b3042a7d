import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { getDb, withTenant } from "@/db/client";
import { clients, debts, notifications } from "@/db/schema";
import { verifyAuditChain } from "@/server/services/audit";
import { exportClientData, ERASED_NAME } from "@/server/services/privacy";
import { codeOf } from "../support/errors";
import { createTenant, type Tenant } from "../support/factories";

async function addDebt(t: Tenant) {
  const lenders = await t.as.counselorA.lender.list();
  return t.as.counselorA.debt.create({
    clientId: t.clientA.id,
    lenderId: lenders[0]!.id,
    contractNumber: "HT-2025-0001",
    originalPrincipalFen: 500_000,
    outstandingPrincipalFen: 400_000,
    interestFen: 10_000,
    penaltyFen: 5_000,
    feesFen: 0,
    rateValue: "0.05",
    rateUnit: "daily",
    creditReported: "unknown",
    collectionStatus: "none",
    cashFlows: [],
  });
}

const actorOf = (t: Tenant, who: "clientA" | "clientB" | "counselorA" | "counselorB" | "admin") => {
  const user = { clientA: t.clientUserA, clientB: t.clientUserB, counselorA: t.counselorA, counselorB: t.counselorB, admin: t.admin }[who];
  const role = who.startsWith("client") ? "client" : who === "admin" ? "admin" : "counselor";
  return { orgId: t.orgId, userId: user.id, role } as const;
};

describe("a client's copy of their data (PIPL Art. 45)", () => {
  it("contains their records with personal data readable, and nothing of another client", async () => {
    const t = await createTenant();
    await addDebt(t);
    const db = await getDb();
    await db.insert(notifications).values([
      {
        orgId: t.orgId,
        userId: t.clientUserA.id,
        clientId: t.clientA.id,
        kind: "client-payment-due",
        dedupeKey: "own",
        params: { lenderName: "京东金条", amountFen: 50_000 },
        href: "/portal",
      },
      {
        orgId: t.orgId,
        userId: t.counselorA.id,
        clientId: t.clientA.id,
        kind: "payment-reported",
        dedupeKey: "staff",
        params: { clientName: "staff note" },
        href: "/agenda",
      },
      {
        orgId: t.orgId,
        userId: t.clientUserB.id,
        clientId: t.clientB.id,
        kind: "client-payment-due",
        dedupeKey: "other",
        params: { lenderName: "other client" },
        href: "/portal",
      },
    ]);
    const { zip } = await exportClientData(actorOf(t, "clientA"), null);
    const files = await JSZip.loadAsync(zip);
    const data = JSON.parse(await files.file("data.json")!.async("string"));
    expect(data.client.id).toBe(t.clientA.id);
    expect(data.client.phone).toBe(t.clientA.phone);
    expect(data.client.nationalId).toBe(t.clientA.nationalId);
    expect(data.client.phoneEnc).toBeUndefined();
    expect(data.debts).toHaveLength(1);
    expect(data.debts[0].contractNumber).toBe("HT-2025-0001");
    expect(JSON.stringify(data)).not.toContain(t.clientB.id);
    // Their own notifications, not the staff's about them, nor another client's.
    expect(data.notifications).toEqual([
      expect.objectContaining({ kind: "client-payment-due", params: { lenderName: "京东金条", amountFen: 50_000 } }),
    ]);
    expect(JSON.stringify(data)).not.toContain("staff note");
    expect(JSON.stringify(data)).not.toContain("other client");
  });

  it("refuses another client's data to a client and to a counselor not assigned", async () => {
    const t = await createTenant();
    await expect(exportClientData(actorOf(t, "clientA"), t.clientB.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportClientData(actorOf(t, "counselorB"), t.clientA.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const ok = await exportClientData(actorOf(t, "counselorA"), t.clientA.id);
    expect(ok.zip.byteLength).toBeGreaterThan(100);
  });
});

describe("erasure of a closed client", () => {
  it("removes the identity, keeps the amounts and the audit trail, and ends the client's access", async () => {
    const t = await createTenant();
    const debt = await addDebt(t);
    const detail = await t.as.counselorA.client.get({ id: t.clientA.id });
    expect(await codeOf(t.as.admin.client.erase({ id: t.clientA.id }))).toBe("CONFLICT");

    // An open case blocks closing.
    const opened = await t.as.counselorA.case.open({ debtId: debt.id });
    expect(await codeOf(t.as.counselorA.client.close({ id: t.clientA.id, version: detail.version }))).toBe("CONFLICT");
    await t.as.counselorA.case.transition({
      caseId: opened.id,
      to: "withdrawn",
      reason: "client repaid privately",
      version: opened.version,
    });
    await t.as.counselorA.client.close({ id: t.clientA.id, version: detail.version });

    expect(await codeOf(t.as.counselorA.client.erase({ id: t.clientA.id }))).toBe("FORBIDDEN");
    await t.as.admin.client.erase({ id: t.clientA.id });

    const db = await getDb();
    const [row] = await db
      .select()
      .from(clients)
      .where(and(eq(clients.orgId, t.orgId), eq(clients.id, t.clientA.id)));
    expect(row).toMatchObject({
      fullName: ERASED_NAME,
      phoneEnc: null,
      phoneHash: null,
      nationalIdEnc: null,
      nationalIdMasked: null,
      userId: null,
      status: "erased",
    });
    const [d] = await db
      .select()
      .from(debts)
      .where(and(eq(debts.orgId, t.orgId), eq(debts.id, debt.id)));
    expect(d).toMatchObject({ contractNumber: null, outstandingPrincipalFen: 400_000, interestFen: 10_000 });
    expect(await codeOf(t.as.clientA.portal.overview())).toBe("NOT_FOUND");
    // Client B and the rest of the organization are untouched.
    expect((await t.as.clientB.portal.overview())?.client.fullName).toBe("客户乙");
    const chain = await withTenant({ orgId: t.orgId }, (tx) => verifyAuditChain(tx, t.orgId));
    expect(chain.ok).toBe(true);
  });
});
