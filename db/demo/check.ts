/**
 * The rules an organization's data keeps when the app wrote it — checked the same way on the demo seed and on
 * the bench dataset (tests/integration/data-rules.test.ts), so neither generator can drift from the app:
 * every case's contact log is hash-chained as services/contacts.ts appends it, with the case holding its head;
 * every agreement's instalments are the schedule its terms make (server/domain/terms.ts); every stored debt
 * balance is what services/balances.ts computes from the facts now; the audit chain verifies. Returns the
 * problems found (none: valid). Runs in a transaction as the database owner; every query names the organization.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { agreements, auditLog, cases, contactEntries, debtBalances, instalments } from "@/db/schema";
import { verifyChain } from "@/server/domain/hash-chain";
import { scheduleFromTerms, type Terms } from "@/server/domain/terms";
import { verifyAuditChain } from "@/server/services/audit";
import { basisRow, computeBalances } from "@/server/services/balances";
import { contactContent } from "@/server/services/contacts";

export type DataCheck = {
  problems: string[];
  counts: { cases: number; contacts: number; agreements: number; balances: number; audit: number };
};

export async function checkOrganizationData(tx: Tx, orgId: string): Promise<DataCheck> {
  const problems: string[] = [];
  const caseRows = await tx
    .select({ id: cases.id, seq: cases.contactSeq, head: cases.contactHead })
    .from(cases)
    .where(eq(cases.orgId, orgId));
  const entries = await tx
    .select()
    .from(contactEntries)
    .where(eq(contactEntries.orgId, orgId))
    .orderBy(asc(contactEntries.caseId), asc(contactEntries.seq));
  const byCase = new Map<string, typeof entries>();
  for (const e of entries) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  for (const c of caseRows) {
    const log = byCase.get(c.id) ?? [];
    const v = verifyChain(log.map((e) => ({ id: e.id, prevHash: e.prevHash, hash: e.hash, content: contactContent(e) })));
    if (!v.ok) problems.push(`case ${c.id}: contact chain ${v.reason} at ${v.brokenAt}`);
    if ((log.at(-1)?.hash ?? null) !== c.head) problems.push(`case ${c.id}: contact head is not the last entry's hash`);
    if (log.length !== c.seq) problems.push(`case ${c.id}: contact_seq ${c.seq} for ${log.length} entries`);
  }

  const agreementRows = await tx
    .select({ id: agreements.id, terms: agreements.terms })
    .from(agreements)
    .where(and(eq(agreements.orgId, orgId), isNull(agreements.replacesAgreementId)));
  const rows = await tx
    .select({ agreementId: instalments.agreementId, seq: instalments.seq, dueDate: instalments.dueDate, amountFen: instalments.amountFen })
    .from(instalments)
    .where(eq(instalments.orgId, orgId))
    .orderBy(asc(instalments.agreementId), asc(instalments.seq));
  const byAgreement = new Map<string, typeof rows>();
  for (const r of rows) byAgreement.set(r.agreementId, [...(byAgreement.get(r.agreementId) ?? []), r]);
  for (const a of agreementRows) {
    const want = scheduleFromTerms(a.terms as Terms).map((r) => `${r.seq} ${r.dueDate} ${r.paymentFen}`);
    const got = (byAgreement.get(a.id) ?? []).map((r) => `${r.seq} ${r.dueDate} ${r.amountFen}`);
    if (want.join("|") !== got.join("|")) problems.push(`agreement ${a.id}: instalments are not the schedule of its terms`);
  }

  const stored = await tx.select().from(debtBalances).where(eq(debtBalances.orgId, orgId));
  const computed = new Map(
    (
      await computeBalances(
        tx,
        orgId,
        stored.map((s) => s.debtId),
      )
    ).map((c) => [c.debtId, basisRow(orgId, c.debtId, c.clientId, c.basis)]),
  );
  for (const s of stored) {
    const want = computed.get(s.debtId);
    if (!want) {
      problems.push(`debt ${s.debtId}: a stored balance without its debt`);
      continue;
    }
    for (const [k, v] of Object.entries(want)) {
      const have = (s as Record<string, unknown>)[k];
      if (String(have ?? null) !== String(v ?? null))
        problems.push(`debt ${s.debtId}: balance ${k} stored ${String(have)}, computed ${String(v)}`);
    }
  }

  const [anyAudit] = await tx.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.orgId, orgId)).limit(1);
  let audit = 0;
  if (anyAudit) {
    const v = await verifyAuditChain(tx, orgId);
    if (!v.ok) problems.push(`audit chain ${v.reason} at ${v.brokenAt}`);
    else audit = v.count;
  }
  return {
    problems,
    counts: { cases: caseRows.length, contacts: entries.length, agreements: agreementRows.length, balances: stored.length, audit },
  };
}
