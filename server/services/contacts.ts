import { and, asc, eq, inArray } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { cases, contactEntries, debts, lenders, type ContactChannel, type ContactParty } from "@/db/schema";
import type { LicenceType } from "@/server/domain/vocabulary";
import { flagAll, type ConductFlag, type ContactForConduct } from "@/server/domain/collection-conduct";
import { chainHash, verifyChain } from "@/server/domain/hash-chain";
import { fieldError } from "@/server/errors";
import type { Actor } from "./access";
import { writeAudit } from "./audit";
import { domain, loadCase } from "./cases";
import { assertClientDocuments } from "./document-refs";

type EntryRow = typeof contactEntries.$inferSelect;

/** What an entry's hash covers: everything but the two hashes, optional fields as null. */
export function contactContent(e: Omit<EntryRow, "hash" | "prevHash" | "orgId">) {
  return {
    id: e.id,
    caseId: e.caseId,
    seq: e.seq,
    at: e.at.toISOString(),
    channel: e.channel,
    direction: e.direction,
    party: e.party,
    connected: e.connected ?? null,
    thirdPartyContacted: e.thirdPartyContacted ?? null,
    summary: e.summary,
    correctsEntryId: e.correctsEntryId ?? null,
    attachmentDocumentIds: e.attachmentDocumentIds,
    conductFlags: e.conductFlags,
    recordedBy: e.recordedBy,
    recordedAt: e.recordedAt.toISOString(),
  };
}

function forConduct(
  e: Pick<EntryRow, "id" | "at" | "direction" | "party" | "channel" | "connected" | "thirdPartyContacted">,
): ContactForConduct {
  return {
    id: e.id,
    at: e.at,
    direction: e.direction,
    party: e.party,
    channel: e.channel,
    connected: e.connected ?? undefined,
    thirdPartyContacted: e.thirdPartyContacted ?? undefined,
  };
}

/** The licence type of the case's lender: which conduct rules apply to its collectors. */
async function caseLenderType(tx: Tx, orgId: string, debtId: string): Promise<LicenceType | "any"> {
  const [row] = await tx
    .select({ licenceType: lenders.licenceType })
    .from(debts)
    .innerJoin(lenders, and(eq(lenders.orgId, orgId), eq(lenders.id, debts.lenderId)))
    .where(and(eq(debts.orgId, orgId), eq(debts.id, debtId)))
    .limit(1);
  return row?.licenceType ?? "any";
}

export type AppendContactInput = {
  caseId: string;
  at: Date;
  channel: ContactChannel;
  direction: "inbound" | "outbound";
  party: ContactParty;
  connected?: boolean;
  thirdPartyContacted?: boolean;
  summary: string;
  correctsEntryId?: string;
  attachmentDocumentIds?: string[];
};

/**
 * Appends one entry to the case's contact log. The case row is locked, so appends to one case run one after
 * another and each links to the one before. Conduct flags (each citing its rule, server/domain/rules) are
 * computed against the case's other entries and stored in the hashed content.
 */
export async function appendContact(actor: Actor, input: AppendContactInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    if (input.at.getTime() > Date.now() + 5 * 60_000) throw fieldError("at", "dateInFuture");
    const existing = await tx
      .select()
      .from(contactEntries)
      .where(and(eq(contactEntries.orgId, actor.orgId), eq(contactEntries.caseId, c.id)))
      .orderBy(asc(contactEntries.seq));
    if (input.correctsEntryId && !existing.some((e) => e.id === input.correctsEntryId)) {
      throw fieldError("correctsEntryId", "entryNotFound");
    }
    const attachments = await assertClientDocuments(tx, actor, c.clientId, input.attachmentDocumentIds, "attachmentDocumentIds");
    const id = crypto.randomUUID();
    const draft = {
      id,
      caseId: c.id,
      seq: c.contactSeq + 1,
      at: input.at,
      channel: input.channel,
      direction: input.direction,
      party: input.party,
      connected: input.connected ?? null,
      thirdPartyContacted: input.thirdPartyContacted ?? null,
      summary: input.summary,
      correctsEntryId: input.correctsEntryId ?? null,
      attachmentDocumentIds: attachments,
      recordedBy: actor.userId,
      recordedAt: new Date(),
    };
    const lenderType = await caseLenderType(tx, actor.orgId, c.debtId);
    const flags = domain(() => flagAll([...existing.map(forConduct), forConduct(draft)], lenderType)).get(id) ?? [];
    const entry = { ...draft, conductFlags: flags };
    const hash = domain(() => chainHash(c.contactHead, contactContent(entry)));
    await tx.insert(contactEntries).values({ ...entry, orgId: actor.orgId, prevHash: c.contactHead, hash });
    await tx
      .update(cases)
      .set({ contactSeq: entry.seq, contactHead: hash })
      .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, c.id)));
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "contact.append",
      entityType: "contact_entry",
      entityId: id,
      after: { caseId: c.id, seq: entry.seq, hash, conductFlags: flags, correctsEntryId: entry.correctsEntryId },
      requestId: actor.requestId,
    });
    return { id, seq: entry.seq, hash, conductFlags: flags };
  });
}

/**
 * Each entry's conduct flags, recomputed over its case's whole log under the rules for the case's lender type:
 * what every view of a flag shows (the case's log, the client file), so an entry logged later for an earlier
 * hour is counted the same everywhere. Runs in the caller's transaction.
 */
export async function conductFlagsOfCases(tx: Tx, orgId: string, caseIds: readonly string[]): Promise<Map<string, ConductFlag[]>> {
  const result = new Map<string, ConductFlag[]>();
  if (caseIds.length === 0) return result;
  const rows = await tx
    .select({
      id: contactEntries.id,
      caseId: contactEntries.caseId,
      at: contactEntries.at,
      direction: contactEntries.direction,
      party: contactEntries.party,
      channel: contactEntries.channel,
      connected: contactEntries.connected,
      thirdPartyContacted: contactEntries.thirdPartyContacted,
      licenceType: lenders.licenceType,
    })
    .from(contactEntries)
    .innerJoin(cases, and(eq(cases.orgId, orgId), eq(cases.id, contactEntries.caseId)))
    .innerJoin(debts, and(eq(debts.orgId, orgId), eq(debts.id, cases.debtId)))
    .innerJoin(lenders, and(eq(lenders.orgId, orgId), eq(lenders.id, debts.lenderId)))
    .where(and(eq(contactEntries.orgId, orgId), inArray(contactEntries.caseId, [...caseIds])))
    .orderBy(asc(contactEntries.caseId), asc(contactEntries.seq));
  const byCase = new Map<string, typeof rows>();
  for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r]);
  for (const entries of byCase.values()) {
    for (const [id, flags] of flagAll(entries.map(forConduct), entries[0]!.licenceType)) result.set(id, flags);
  }
  return result;
}

/** The log, in order, with each entry's flags recomputed over the whole log and the entries correcting it. */
export async function listContacts(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const rows = await tx
      .select()
      .from(contactEntries)
      .where(and(eq(contactEntries.orgId, actor.orgId), eq(contactEntries.caseId, c.id)))
      .orderBy(asc(contactEntries.seq));
    const flags = await conductFlagsOfCases(tx, actor.orgId, [c.id]);
    return rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      at: r.at,
      channel: r.channel,
      direction: r.direction,
      party: r.party,
      connected: r.connected,
      thirdPartyContacted: r.thirdPartyContacted,
      summary: r.summary,
      correctsEntryId: r.correctsEntryId,
      correctedBy: rows.filter((o) => o.correctsEntryId === r.id).map((o) => o.id),
      attachmentDocumentIds: r.attachmentDocumentIds,
      conductFlags: flags.get(r.id) ?? [],
      recordedAt: r.recordedAt,
      hash: r.hash,
    }));
  });
}

/**
 * Recomputes the chain. An edited entry is "hash-mismatch" at itself, a deleted or moved one "prev-mismatch"
 * after the gap, and a removed tail "head-mismatch" (the case row keeps the last hash).
 */
export async function verifyContacts(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const rows = await tx
      .select()
      .from(contactEntries)
      .where(and(eq(contactEntries.orgId, actor.orgId), eq(contactEntries.caseId, c.id)))
      .orderBy(asc(contactEntries.seq));
    const result = verifyChain(rows.map((r) => ({ id: r.id, prevHash: r.prevHash, hash: r.hash, content: contactContent(r) })));
    if (!result.ok) {
      const broken = rows.find((r) => r.id === result.brokenAt);
      return { ok: false as const, count: rows.length, brokenAt: result.brokenAt, brokenSeq: broken?.seq ?? null, reason: result.reason };
    }
    const last = rows.at(-1);
    if ((last?.hash ?? null) !== c.contactHead || rows.length !== c.contactSeq) {
      return {
        ok: false as const,
        count: rows.length,
        brokenAt: last?.id ?? null,
        brokenSeq: last?.seq ?? null,
        reason: "head-mismatch" as const,
      };
    }
    return { ok: true as const, count: rows.length, head: c.contactHead };
  });
}
