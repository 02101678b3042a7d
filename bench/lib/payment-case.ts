/**
 * The database the write scripts (durability.ts, two-servers.ts) start from: a fresh database, migrated and
 * seeded with the demo, plus one agreed case of a counselor's client with a long interest-free schedule, so
 * payments can be written against it for as long as a script runs. Made through the app's own services.
 */
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";

export async function preparePaymentCase(adminUrl: string, dbName: string, dbUrl: string, counselorEmail: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  process.env.DATABASE_URL = dbUrl;
  const schema = await import("@/db/schema");
  const { setDb, closeDb } = await import("@/db/client");
  const { runMigrations } = await import("@/db/migrate");
  const { seedDemo } = await import("@/db/seed");
  const client = postgres(dbUrl, { max: 2, onnotice: () => {} });
  const db = drizzle(client, { schema, casing: "snake_case" });
  setDb(db as never, () => client.end(), "postgres");
  await runMigrations(db as never);
  await seedDemo(db as never);
  const [counselor] = await db.select().from(schema.users).where(eq(schema.users.email, counselorEmail));
  const [member] = await db.select().from(schema.memberships).where(eq(schema.memberships.userId, counselor!.id));
  const actor = { orgId: member!.orgId, userId: counselor!.id, role: "counselor" as const };
  const [client1] = await db
    .select()
    .from(schema.clients)
    .where(and(eq(schema.clients.orgId, actor.orgId), eq(schema.clients.assignedCounselorId, actor.userId)))
    .limit(1);
  const { listLenders } = await import("@/server/services/lenders");
  const { createDebt } = await import("@/server/services/debts");
  const { openCase } = await import("@/server/services/cases");
  const { createProposal, sendProposal, recordResponse } = await import("@/server/services/proposals");
  const lenders = await listLenders(actor);
  const debt = await createDebt(actor, {
    clientId: client1!.id,
    lenderId: lenders[0]!.id,
    originalPrincipalFen: 10_000_000,
    outstandingPrincipalFen: 10_000_000,
    interestFen: 0,
    penaltyFen: 0,
    feesFen: 0,
    rateValue: "0",
    rateUnit: "annual",
    creditReported: "unknown",
    collectionStatus: "none",
    cashFlows: [],
  } as never);
  const c = await openCase(actor, { debtId: debt.id });
  const p = await createProposal(actor, {
    caseId: c.id,
    channel: "phone",
    validUntil: "2099-12-31",
    terms: { instalments: { amountFen: 10_000_000, method: "interest-free", months: 60, annualRatePct: "0", firstDueDate: "2099-01-01" } },
  });
  await sendProposal(actor, { caseId: c.id, proposalId: p.id });
  // A lender's answer: the notifications run tells the counselor and the client (and e-mails them).
  await recordResponse(actor, { caseId: c.id, proposalId: p.id, kind: "accepted", receivedOn: "2026-11-01" } as never);
  await closeDb();
  return { actor, caseId: c.id };
}
