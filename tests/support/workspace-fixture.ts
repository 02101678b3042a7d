import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { debts, lenders, proposals } from "@/db/schema";
import type { ProposalTermsInput } from "@/server/schemas/cases";
import { addDays, shanghaiInstant } from "@/server/domain/time";
import { refreshBalances } from "@/server/services/balances";
import type { Tenant } from "./factories";

export async function createLender(orgId: string, name: string) {
  const db = await getDb();
  const id = randomUUID();
  await db.insert(lenders).values({ orgId, id, name: `${name} ${id.slice(0, 6)}`, licenceType: "consumer-finance" });
  return id;
}

export async function createDebtRow(
  orgId: string,
  clientId: string,
  lenderId: string,
  opts: Partial<{
    originalPrincipalFen: number;
    outstandingPrincipalFen: number;
    interestFen: number;
    penaltyFen: number;
    feesFen: number;
    rate: string;
    termMonths: number | null;
    overdueSince: string | null;
  }> = {},
) {
  const db = await getDb();
  const id = randomUUID();
  await db.insert(debts).values({
    orgId,
    id,
    clientId,
    lenderId,
    originalPrincipalFen: opts.originalPrincipalFen ?? 1_000_000,
    outstandingPrincipalFen: opts.outstandingPrincipalFen ?? 1_000_000,
    interestFen: opts.interestFen ?? 0,
    penaltyFen: opts.penaltyFen ?? 0,
    feesFen: opts.feesFen ?? 0,
    rateValue: opts.rate ?? "12",
    rateUnit: "annual",
    annualRatePct: opts.rate ?? "12",
    termMonths: opts.termMonths ?? null,
    overdueSince: opts.overdueSince ?? null,
  });
  // Written directly, so its balance basis too (the services write it with every debt write).
  await refreshBalances(db as unknown as Tx, orgId, [id]);
  return id;
}

type Caller = Tenant["as"]["counselorA"];

/**
 * Drafts and sends a proposal through the API, then moves its sending back to `sentOn` (10:00 Beijing):
 * the service stamps "now", and outcome figures need a known history. Returns the proposal id.
 */
export async function sendBackdated(
  caller: Caller,
  orgId: string,
  caseId: string,
  terms: ProposalTermsInput,
  sentOn: string,
  validUntil: string,
) {
  const p = await caller.case.createProposal({ caseId, terms, channel: "app", validUntil });
  await caller.case.sendProposal({ caseId, proposalId: p.id });
  const db = await getDb();
  await db
    .update(proposals)
    .set({ sentAt: shanghaiInstant(sentOn, 600) })
    .where(and(eq(proposals.orgId, orgId), eq(proposals.id, p.id)));
  return p.id;
}

export const plus = addDays;
