import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import JSZip from "jszip";
import { withTenant } from "@/db/client";
import {
  authorisations,
  signOffs,
  agreements,
  budgets,
  caseEvents,
  cases,
  clients,
  debtCashFlows,
  debts,
  documents,
  instalments,
  memberships,
  messages,
  notifications,
  payments,
  plans,
  planVersions,
  proposalResponses,
  proposals,
  referrals,
  lawsuits,
  lawsuitHearings,
  mediations,
  mediationSessions,
  complaints,
  smsConsents,
  smsMessages,
} from "@/db/schema";
import { isAtRest } from "@/server/domain/case-state";
import { decrypt } from "@/server/crypto";
import { AppError, fieldError } from "@/server/errors";
import { fileStorage } from "@/server/storage";
import { assertClientAccess, type Actor } from "./access";
import { writeAudit } from "./audit";
import { messagesForExport } from "./messages";

/** The client record of the signed-in client, or the one named (staff). */
async function subject(tx: Parameters<Parameters<typeof withTenant>[1]>[0], actor: Actor, clientId: string | null) {
  if (actor.role === "client") {
    const [own] = await tx
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.userId, actor.userId)))
      .limit(1);
    if (!own || (clientId && clientId !== own.id)) throw new AppError("NOT_FOUND");
    return own.id;
  }
  if (!clientId) throw fieldError("clientId", "required");
  return (await assertClientAccess(tx, actor, clientId)).id;
}

/**
 * Everything the organization holds about one client (PIPL Art. 45: the right to a copy), as a ZIP:
 * data.json with the records, and the uploaded files under documents/. Personal data is decrypted for
 * the copy. The staff-only contact log is not part of the client's copy; it is kept as evidence by the
 * agency and shown to the client on request through their counselor.
 */
export async function exportClientData(actor: Actor, clientId: string | null): Promise<{ filename: string; zip: Uint8Array }> {
  const { data, files } = await withTenant(actor, async (tx) => {
    const id = await subject(tx, actor, clientId);
    const org = actor.orgId;
    const [client] = await tx
      .select()
      .from(clients)
      .where(and(eq(clients.orgId, org), eq(clients.id, id)));
    if (!client) throw new AppError("NOT_FOUND");
    const debtRows = await tx
      .select()
      .from(debts)
      .where(and(eq(debts.orgId, org), eq(debts.clientId, id)));
    const debtIds = debtRows.map((d) => d.id);
    const caseRows = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, org), eq(cases.clientId, id)));
    const caseIds = caseRows.map((c) => c.id);
    const byCase = <T>(rows: Promise<T[]>) => (caseIds.length ? rows : Promise.resolve([] as T[]));
    const agreementRows = await byCase(
      tx
        .select()
        .from(agreements)
        .where(and(eq(agreements.orgId, org), inArray(agreements.caseId, caseIds))),
    );
    const agreementIds = agreementRows.map((a) => a.id);
    const docRows = await tx
      .select({
        id: documents.id,
        caseId: documents.caseId,
        kind: documents.kind,
        filename: documents.filename,
        mime: documents.mime,
        sizeBytes: documents.sizeBytes,
        sha256: documents.sha256,
        storageKey: documents.storageKey,
        createdAt: documents.createdAt,
      })
      .from(documents)
      .where(and(eq(documents.orgId, org), eq(documents.clientId, id)));
    const planRows = await tx
      .select()
      .from(plans)
      .where(and(eq(plans.orgId, org), eq(plans.clientId, id)));
    const { phoneEnc, nationalIdEnc, phoneHash: _hash, ...rest } = client;
    return {
      data: {
        exportedAt: new Date().toISOString(),
        client: {
          ...rest,
          phone: phoneEnc ? decrypt(phoneEnc) : null,
          nationalId: nationalIdEnc ? decrypt(nationalIdEnc) : null,
        },
        debts: debtRows,
        debtCashFlows: debtIds.length
          ? await tx
              .select()
              .from(debtCashFlows)
              .where(and(eq(debtCashFlows.orgId, org), inArray(debtCashFlows.debtId, debtIds)))
          : [],
        budgets: await tx
          .select()
          .from(budgets)
          .where(and(eq(budgets.orgId, org), eq(budgets.clientId, id)))
          .orderBy(asc(budgets.createdAt)),
        plans: planRows,
        planVersions: planRows.length
          ? await tx
              .select()
              .from(planVersions)
              .where(
                and(
                  eq(planVersions.orgId, org),
                  inArray(
                    planVersions.planId,
                    planRows.map((p) => p.id),
                  ),
                ),
              )
          : [],
        cases: caseRows,
        caseEvents: await byCase(
          tx
            .select()
            .from(caseEvents)
            .where(and(eq(caseEvents.orgId, org), inArray(caseEvents.caseId, caseIds))),
        ),
        proposals: await byCase(
          tx
            .select()
            .from(proposals)
            .where(and(eq(proposals.orgId, org), inArray(proposals.caseId, caseIds))),
        ),
        responses: await byCase(
          tx
            .select()
            .from(proposalResponses)
            .where(and(eq(proposalResponses.orgId, org), inArray(proposalResponses.caseId, caseIds))),
        ),
        agreements: agreementRows,
        instalments: agreementIds.length
          ? await tx
              .select()
              .from(instalments)
              .where(and(eq(instalments.orgId, org), inArray(instalments.agreementId, agreementIds)))
          : [],
        payments: await byCase(
          tx
            .select()
            .from(payments)
            .where(and(eq(payments.orgId, org), inArray(payments.caseId, caseIds))),
        ),
        referrals: await byCase(
          tx
            .select()
            .from(referrals)
            .where(and(eq(referrals.orgId, org), inArray(referrals.caseId, caseIds))),
        ),
        // The court and mediation track (issue 14): lawsuits with hearings, mediations with sessions.
        lawsuits: await byCase(
          tx
            .select()
            .from(lawsuits)
            .where(and(eq(lawsuits.orgId, org), inArray(lawsuits.caseId, caseIds))),
        ),
        lawsuitHearings: await byCase(
          tx
            .select()
            .from(lawsuitHearings)
            .where(and(eq(lawsuitHearings.orgId, org), inArray(lawsuitHearings.caseId, caseIds))),
        ),
        mediations: await byCase(
          tx
            .select()
            .from(mediations)
            .where(and(eq(mediations.orgId, org), inArray(mediations.caseId, caseIds))),
        ),
        mediationSessions: await byCase(
          tx
            .select()
            .from(mediationSessions)
            .where(and(eq(mediationSessions.orgId, org), inArray(mediationSessions.caseId, caseIds))),
        ),
        complaints: await byCase(
          tx
            .select()
            .from(complaints)
            .where(and(eq(complaints.orgId, org), inArray(complaints.caseId, caseIds))),
        ),
        documents: docRows.map(({ storageKey: _key, ...d }) => d),
        // Her authorisations (授权委托书) and what she was asked to confirm; the PDFs are under documents/.
        authorisations: await tx
          .select()
          .from(authorisations)
          .where(and(eq(authorisations.orgId, org), eq(authorisations.clientId, id)))
          .orderBy(asc(authorisations.createdAt)),
        signOffs: await tx
          .select()
          .from(signOffs)
          .where(and(eq(signOffs.orgId, org), eq(signOffs.clientId, id)))
          .orderBy(asc(signOffs.createdAt)),
        // What the app told the client themself (staff notifications about them are the agency's work notes).
        notifications: client.userId
          ? await tx
              .select({
                kind: notifications.kind,
                params: notifications.params,
                href: notifications.href,
                createdAt: notifications.createdAt,
                readAt: notifications.readAt,
                emailedAt: notifications.emailedAt,
              })
              .from(notifications)
              .where(and(eq(notifications.orgId, org), eq(notifications.userId, client.userId)))
              .orderBy(asc(notifications.createdAt))
          : [],
        // The thread with her counselors (decision 015), her SMS consents and the SMS sent to her.
        messages: await messagesForExport(tx, org, id),
        smsConsents: await tx
          .select({
            given: smsConsents.given,
            wording: smsConsents.wording,
            wordingVersion: smsConsents.wordingVersion,
            via: smsConsents.via,
            at: smsConsents.at,
          })
          .from(smsConsents)
          .where(and(eq(smsConsents.orgId, org), eq(smsConsents.clientId, id)))
          .orderBy(asc(smsConsents.at)),
        sms: await tx
          .select({
            purpose: smsMessages.purpose,
            state: smsMessages.state,
            phoneLast4: smsMessages.phoneLast4,
            sentAt: smsMessages.sentAt,
            deliveredAt: smsMessages.deliveredAt,
            createdAt: smsMessages.createdAt,
          })
          .from(smsMessages)
          .where(and(eq(smsMessages.orgId, org), eq(smsMessages.clientId, id)))
          .orderBy(asc(smsMessages.createdAt)),
      },
      files: docRows,
    };
  });
  const zip = new JSZip();
  zip.file(
    "data.json",
    JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2),
  );
  const storage = fileStorage();
  for (const f of files) {
    const bytes = await storage.get(f.storageKey);
    if (bytes) zip.file(`documents/${f.id}-${f.filename.replace(/[\\/]/g, "_")}`, bytes);
  }
  await withTenant(actor, (tx) =>
    writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "client.export",
      entityType: "client",
      entityId: data.client.id,
      requestId: actor.requestId,
    }),
  );
  return { filename: `xieshang-export-${data.client.id}.zip`, zip: await zip.generateAsync({ type: "uint8array" }) };
}

/** A client's file is closed when every case has ended; their data is kept until erased. */
export async function closeClient(actor: Actor, input: { clientId: string; version: number }) {
  return withTenant(actor, async (tx) => {
    const c = await assertClientAccess(tx, actor, input.clientId);
    if (c.status !== "active") throw new AppError("CONFLICT", { messageKey: "clientNotActive" });
    const open = await tx
      .select({ status: cases.status })
      .from(cases)
      .where(and(eq(cases.orgId, actor.orgId), eq(cases.clientId, c.id)));
    if (open.some((r) => !isAtRest(r.status))) {
      throw new AppError("CONFLICT", { messageKey: "clientHasOpenCases" });
    }
    const [row] = await tx
      .update(clients)
      .set({ status: "closed", version: sql`${clients.version} + 1`, updatedAt: new Date() })
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, c.id), eq(clients.version, input.version)))
      .returning({ id: clients.id, version: clients.version });
    if (!row) throw new AppError("CONFLICT");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "client.close",
      entityType: "client",
      entityId: c.id,
      requestId: actor.requestId,
    });
    return row;
  });
}

export const ERASED_NAME = "已删除的客户";
/** What an erased client's messages say instead of her words. */
export const ERASED_WORDS = "（已删除）";

/**
 * Erasure of a closed client (PIPL Art. 47): their identity is removed — name, phone, national ID,
 * city, story, contract numbers, notes, file contents — and their login in this organization ends. The
 * amounts, dates and outcomes stay, unlinked from the person, so the agency's aggregate outcomes and the
 * audit trail (which records that the erasure happened) remain true.
 */
export async function eraseClient(actor: Actor, input: { clientId: string }) {
  const removed = await withTenant(actor, async (tx) => {
    const c = await assertClientAccess(tx, actor, input.clientId);
    if (c.status !== "closed") throw new AppError("CONFLICT", { messageKey: "clientNotClosed" });
    await tx
      .update(clients)
      .set({
        fullName: ERASED_NAME,
        phoneEnc: null,
        phoneHash: null,
        phoneLast4: null,
        nationalIdEnc: null,
        nationalIdMasked: null,
        city: null,
        hardshipNarrative: null,
        employment: null,
        userId: null,
        status: "erased",
        version: sql`${clients.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, c.id)));
    await tx
      .update(debts)
      .set({ contractNumber: null, notes: null })
      .where(and(eq(debts.orgId, actor.orgId), eq(debts.clientId, c.id)));
    const docs = await tx
      .update(documents)
      .set({ filename: "erased" })
      .where(and(eq(documents.orgId, actor.orgId), eq(documents.clientId, c.id)))
      .returning({ storageKey: documents.storageKey });
    // Her typed name and her comments go; the records of what was signed and confirmed (hashes, times) stay.
    await tx
      .update(authorisations)
      .set({ typedName: null, revokeReason: null })
      .where(and(eq(authorisations.orgId, actor.orgId), eq(authorisations.clientId, c.id)));
    await tx
      .update(signOffs)
      .set({ lines: [], comment: null })
      .where(and(eq(signOffs.orgId, actor.orgId), eq(signOffs.clientId, c.id)));
    // Notifications about the client name them: the words go, the (read) rows stay.
    await tx
      .update(notifications)
      .set({ params: { clientName: ERASED_NAME } })
      .where(and(eq(notifications.orgId, actor.orgId), eq(notifications.clientId, c.id)));
    // The thread's words go (the rows stay, as with notifications); the files went with the documents above.
    await tx
      .update(messages)
      .set({ body: "" })
      .where(and(eq(messages.orgId, actor.orgId), eq(messages.clientId, c.id), isNotNull(messages.documentId)));
    await tx
      .update(messages)
      .set({ body: ERASED_WORDS })
      .where(and(eq(messages.orgId, actor.orgId), eq(messages.clientId, c.id), isNull(messages.documentId)));
    if (c.userId) {
      await tx
        .update(memberships)
        .set({ deactivatedAt: new Date() })
        .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, c.userId), isNull(memberships.deactivatedAt)));
    }
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "client.erase",
      entityType: "client",
      entityId: c.id,
      after: { documentsRemoved: docs.length },
      requestId: actor.requestId,
    });
    return docs.map((d) => d.storageKey);
  });
  // File bytes go after the commit: a failure here leaves orphaned bytes, never a row without its file.
  const storage = fileStorage();
  for (const key of removed) await storage.remove(key);
  return { clientId: input.clientId, documentsRemoved: removed.length };
}
