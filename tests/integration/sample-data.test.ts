import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, withTenant } from "@/db/client";
import { organizations } from "@/db/schema";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { verifyAuditChain } from "@/server/services/audit";
import { uploadDocument } from "@/server/services/documents";
import { SAMPLE_CLIENTS } from "@/server/services/sample-data";
import { createTenant, type Tenant } from "../support/factories";

/**
 * "Try with sample data" (decision 019): an admin loads sample clients, works with them, and removes them in
 * one action; every tenant table then holds for the organization exactly the rows it held before the load
 * (the audit log, append-only and hash-chained, keeps its rows and still verifies), and nothing of another
 * organization or of a real client changes.
 */
const today = todayInShanghai();

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

/** Every table with an org_id column (the tenant tables), read from the catalog so a new table is counted too. */
async function tenantTables(): Promise<string[]> {
  const db = await getDb();
  const rows = rowsOf<{ t: string }>(
    await db.execute(
      sql`select c.table_name as t from information_schema.columns c where c.table_schema = 'public' and c.column_name = 'org_id' order by 1`,
    ),
  );
  return rows.map((r) => r.t);
}

/** The organization's rows per tenant table, as the database owner (no row-level security). */
async function counts(orgId: string): Promise<Record<string, number>> {
  const db = await getDb();
  const out: Record<string, number> = {};
  for (const t of await tenantTables()) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from ${sql.identifier(t)} x where x.org_id = ${orgId}`),
    );
    out[t] = row!.n;
  }
  return out;
}

const without = (c: Record<string, number>, ...names: string[]) =>
  Object.fromEntries(Object.entries(c).filter(([k]) => !names.includes(k)));

describe("sample data", () => {
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    a = await createTenant("Sample A");
    b = await createTenant("Sample B");
    // The lender list adds the built-in lenders on first use, as a new agency's first page does.
    await a.as.admin.lender.list({});
    await b.as.admin.lender.list({});
  });

  it("loads a few sample clients, marked, with debts, budgets, cases and a sent proposal", async () => {
    expect(await a.as.admin.sample.status()).toEqual({ clients: 0, isDemo: false });
    // As for a new sign-up, sending is gated on the client's authorisation; sample clients are fictitious, so
    // their proposal goes out without one (a real client's would be refused).
    await a.as.admin.consent.updateSettings({ authorisationRequired: true, signOffRequired: false });
    expect(await a.as.admin.sample.load()).toEqual({ loaded: SAMPLE_CLIENTS });
    const list = (await a.as.admin.client.list({})) as Array<{ id: string; sample: boolean }>;
    expect(list.filter((c) => c.sample)).toHaveLength(SAMPLE_CLIENTS);
    expect(list.filter((c) => !c.sample).map((c) => c.id)).toEqual(expect.arrayContaining([a.clientA.id, a.clientB.id]));
    const after = await counts(a.orgId);
    expect(after.cases).toBeGreaterThanOrEqual(2);
    expect(after.proposals).toBe(1);
    expect(after.budgets).toBeGreaterThanOrEqual(SAMPLE_CLIENTS);
    // A second load is refused, and changes nothing.
    await expect(a.as.admin.sample.load()).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await counts(a.orgId)).toEqual(after);
  });

  it("removes them in one action with everything done with them; the rest of the agency and other agencies are untouched", async () => {
    await a.as.admin.sample.remove();
    await b.as.admin.sample.load();
    const before = await counts(a.orgId);
    const otherBefore = await counts(b.orgId);
    const clientAView = JSON.stringify(await a.as.admin.client.get({ id: a.clientA.id }));

    await a.as.admin.sample.load();
    const samples = ((await a.as.admin.client.list({})) as Array<{ id: string; sample: boolean }>).filter((c) => c.sample);
    // Work with them as a counselor would: answers, an agreement with its schedule, a payment, contacts,
    // documents (a receipt too), follow-ups, a referral, a budget change, a portal invitation.
    // The sample case with the sent proposal.
    let caseId = "";
    let proposal: { id: string } | undefined;
    for (const c of samples)
      for (const k of (await a.as.admin.case.list({ clientId: c.id })) as Array<{ id: string }>) {
        const [p] = (await a.as.admin.case.proposals({ caseId: k.id })) as Array<{ id: string }>;
        if (p) [caseId, proposal] = [k.id, p];
      }
    await a.as.admin.case.recordResponse({ caseId, proposalId: proposal!.id, kind: "accepted", receivedOn: today, agreedOn: today });
    await a.as.admin.payment.record({ caseId, amountFen: 10_000, paidOn: today, method: "bank-transfer", idempotencyKey: randomUUID() });
    await a.as.admin.contact.append({
      caseId,
      at: new Date(),
      channel: "phone",
      direction: "outbound",
      party: "lender-staff",
      summary: "确认协议",
    });
    await a.as.admin.case.createTask({ caseId, title: "回电", dueOn: addDays(today, 2) });
    await a.as.admin.case.createReferral({ caseId, kind: "legal-aid", toName: "法律援助中心" });
    const actor = { orgId: a.orgId, userId: a.admin.id, role: "admin" as const, requestId: "sample-test" };
    await uploadDocument(actor, { caseId, kind: "loan-contract", filename: "合同.png", bytes: PNG });
    await a.as.admin.portalAccess.invite({
      clientId: samples.find((c) => c.id !== a.clientA.id)!.id,
      email: `sample-${randomUUID().slice(0, 8)}@test.example`,
    });
    // The tracks added beside the sample data: a lawsuit and a complaint on the case, a message and an SMS
    // consent for its client (the removal function must reach these tables too).
    const sampleClientId = samples.find((c) => c.id !== a.clientA.id)!.id;
    await a.as.admin.legal.createLawsuit({ caseId, courtName: "杭州市西湖区人民法院", plaintiff: "某消费金融有限公司" });
    await a.as.admin.complaint.file({
      caseId,
      channel: "lender",
      subject: "other",
      details: "样例投诉",
      filedBy: "client",
      filedOn: today,
    });
    await a.as.admin.message.send({ clientId: sampleClientId, body: "样例消息" });
    await a.as.admin.sms.setConsent({ clientId: sampleClientId, given: true, locale: "zh-CN" });
    const loaded = await counts(a.orgId);
    for (const t of [
      "agreements",
      "instalments",
      "payments",
      "contact_entries",
      "tasks",
      "referrals",
      "documents",
      "invitations",
      "debt_balances",
      "lawsuits",
      "complaints",
      "messages",
      "sms_consents",
    ])
      expect(loaded[t], t).toBeGreaterThan(before[t]!);

    expect(await a.as.admin.sample.remove()).toEqual({ removed: SAMPLE_CLIENTS });
    const after = await counts(a.orgId);
    // No row left behind in any tenant table; the audit log only grew (it records the load, the work and the
    // removal), and with it the heads of its chains (org_counters: a row per chain written, decision 013).
    expect(without(without(after, "audit_log"), "org_counters")).toEqual(without(without(before, "audit_log"), "org_counters"));
    expect(after.org_counters).toBeGreaterThanOrEqual(before.org_counters!);
    expect(after.audit_log).toBeGreaterThan(before.audit_log!);
    const db = await getDb();
    await db.transaction(async (tx) => expect((await verifyAuditChain(tx, a.orgId)).ok).toBe(true));
    expect(await a.as.admin.sample.status()).toEqual({ clients: 0, isDemo: false });
    // The real clients are as they were; the other agency's sample clients are still there.
    expect(JSON.stringify(await a.as.admin.client.get({ id: a.clientA.id }))).toEqual(clientAView);
    expect(await counts(b.orgId)).toEqual(otherBefore);
    expect((await b.as.admin.sample.status()).clients).toBe(SAMPLE_CLIENTS);
  });

  it("only an admin may, and not in the demo agency; the database function removes nothing without an organization", async () => {
    await expect(a.as.counselorA.sample.load()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(a.as.clientA.sample.remove()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const db = await getDb();
    await db.update(organizations).set({ isDemo: true }).where(eq(organizations.id, a.orgId));
    try {
      await expect(a.as.admin.sample.load()).rejects.toMatchObject({ code: "CONFLICT" });
    } finally {
      await db.update(organizations).set({ isDemo: false }).where(eq(organizations.id, a.orgId));
    }
    const before = await counts(b.orgId);
    await expect(
      withTenant({ orgId: "00000000-0000-4000-8000-000000000000" }, (tx) => tx.execute(sql`select xs_remove_sample_clients() as n`)),
    ).resolves.toBeDefined();
    await expect(db.transaction((tx) => tx.execute(sql`select xs_remove_sample_clients() as n`))).rejects.toThrow();
    expect(await counts(b.orgId)).toEqual(before);
  });
});

/** A small PNG (8 × 8, grey). */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAAAAADhZOFXAAAAEklEQVR4nGP4z8DAwMDAwAAAGwQB/2Y0s1EAAAAASUVORK5CYII=", "base64");
