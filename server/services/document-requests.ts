import { and, asc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { cases, clients, debts, documentRequests, documents, lenders, notifications, users, type DocumentKind } from "@/db/schema";
import { answerNotificationKeys } from "@/server/domain/notification-rules";
import type { RequestResolution } from "@/server/domain/vocabulary";
import { AppError, fieldError } from "@/server/errors";
import { clientVisibility, type Actor } from "./access";
import { writeAudit } from "./audit";

/**
 * A lender's request for a document, resolved once: made with the documents-requested answer, resolved by
 * the upload that satisfies it or by a counselor. What is "still needed" for a client, a case or a
 * counselor's caseload is `documentRequestsFor(..., { open: true })`, the one query the portal, the case
 * checklist, the agenda and the notifications read.
 */

export type RequestScope = { caseId?: string; clientId?: string; open?: boolean };

export type DocumentRequestRow = Awaited<ReturnType<typeof documentRequestsFor>>[number];

/**
 * The requests the actor may see (an admin: the organization's; a counselor: their clients'; a client:
 * their own), of one case or client when given, only those still needed with `open`; oldest first.
 */
export async function documentRequestsFor(tx: Tx, actor: Actor, scope: RequestScope = {}) {
  const where: Array<SQL | undefined> = [eq(documentRequests.orgId, actor.orgId), clientVisibility(actor)];
  if (scope.caseId) where.push(eq(documentRequests.caseId, scope.caseId));
  if (scope.clientId) where.push(eq(documentRequests.clientId, scope.clientId));
  if (scope.open) where.push(isNull(documentRequests.resolvedAt));
  return tx
    .select({
      id: documentRequests.id,
      caseId: documentRequests.caseId,
      clientId: documentRequests.clientId,
      clientName: clients.fullName,
      lenderName: lenders.name,
      responseId: documentRequests.responseId,
      kind: documentRequests.kind,
      requestedOn: documentRequests.requestedOn,
      resolvedAt: documentRequests.resolvedAt,
      resolution: documentRequests.resolution,
      resolvedByDocumentId: documentRequests.resolvedByDocumentId,
      resolvedByFilename: documents.filename,
      resolvedByName: users.name,
      note: documentRequests.note,
    })
    .from(documentRequests)
    .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, documentRequests.clientId)))
    .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, documentRequests.caseId)))
    .innerJoin(debts, and(eq(debts.orgId, actor.orgId), eq(debts.id, cases.debtId)))
    .innerJoin(lenders, and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debts.lenderId)))
    .leftJoin(documents, and(eq(documents.orgId, actor.orgId), eq(documents.id, documentRequests.resolvedByDocumentId)))
    .leftJoin(users, eq(users.id, documentRequests.resolvedBy))
    .where(and(...where))
    .orderBy(asc(documentRequests.requestedOn), asc(documentRequests.createdAt), asc(documentRequests.kind));
}

/**
 * Makes the requests of a documents-requested answer, in the answer's transaction: one per kind, except a
 * kind this case is already asked for and has not resolved (the lender repeating itself adds nothing).
 */
export async function createRequests(
  tx: Tx,
  actor: Actor,
  input: { caseId: string; clientId: string; responseId: string; kinds: DocumentKind[]; requestedOn: string },
) {
  const already = await tx
    .select({ kind: documentRequests.kind })
    .from(documentRequests)
    .where(and(eq(documentRequests.orgId, actor.orgId), eq(documentRequests.caseId, input.caseId), isNull(documentRequests.resolvedAt)));
  const open = new Set(already.map((r) => r.kind));
  const kinds = [...new Set(input.kinds)].filter((k) => !open.has(k));
  if (kinds.length === 0) return [];
  const made = await tx
    .insert(documentRequests)
    .values(
      kinds.map((kind) => ({
        orgId: actor.orgId,
        caseId: input.caseId,
        clientId: input.clientId,
        responseId: input.responseId,
        kind,
        requestedOn: input.requestedOn,
      })),
    )
    .returning({ id: documentRequests.id, kind: documentRequests.kind });
  await writeAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: "document_request.create",
    entityType: "document_request",
    entityId: input.responseId,
    after: { caseId: input.caseId, responseId: input.responseId, requests: made },
    requestId: actor.requestId,
  });
  return made;
}

type Resolution = { resolution: RequestResolution; documentId: string | null; note: string | null };

/** Resolves open requests (by id, of this organization) and audits each; returns the ids it resolved. */
async function resolve(tx: Tx, actor: Actor, ids: string[], how: Resolution): Promise<string[]> {
  if (ids.length === 0) return [];
  const at = new Date();
  const done = await tx
    .update(documentRequests)
    .set({ resolvedAt: at, resolution: how.resolution, resolvedByDocumentId: how.documentId, resolvedBy: actor.userId, note: how.note })
    .where(and(eq(documentRequests.orgId, actor.orgId), inArray(documentRequests.id, ids), isNull(documentRequests.resolvedAt)))
    .returning({ id: documentRequests.id, responseId: documentRequests.responseId, kind: documentRequests.kind });
  for (const r of done) {
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "document_request.resolve",
      entityType: "document_request",
      entityId: r.id,
      before: { resolvedAt: null },
      after: { kind: r.kind, resolution: how.resolution, documentId: how.documentId, note: how.note },
      requestId: actor.requestId,
    });
  }
  await resolveNotifications(tx, actor.orgId, [...new Set(done.map((r) => r.responseId))], at);
  return done.map((r) => r.id);
}

/**
 * The notifications of an answer ("documents:<answer>" for staff, "client-documents:<answer>" for the client)
 * are done once none of the answer's requests is still needed: marked resolved and read, never made again
 * (their keys stay taken) and never e-mailed.
 */
async function resolveNotifications(tx: Tx, orgId: string, responseIds: string[], at: Date) {
  if (responseIds.length === 0) return;
  const stillOpen = await tx
    .select({ responseId: documentRequests.responseId })
    .from(documentRequests)
    .where(and(eq(documentRequests.orgId, orgId), inArray(documentRequests.responseId, responseIds), isNull(documentRequests.resolvedAt)));
  const open = new Set(stillOpen.map((r) => r.responseId));
  const done = responseIds.filter((id) => !open.has(id));
  if (done.length === 0) return;
  const keys = done.flatMap((id) => [answerNotificationKeys.staff(id), answerNotificationKeys.client(id)]);
  await tx
    .update(notifications)
    .set({ resolvedAt: at, readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.orgId, orgId), inArray(notifications.dedupeKey, keys), isNull(notifications.resolvedAt)));
}

/**
 * The open requests a new document answers. A document of a case answers that case's open request for its
 * kind; a client-level document (no case) answers every open request of its kind for that client. Never
 * another client's or organization's.
 */
export async function requestsAnsweredBy(tx: Tx, actor: Actor, doc: { clientId: string; caseId: string | null; kind: DocumentKind }) {
  const rows = await tx
    .select({ id: documentRequests.id })
    .from(documentRequests)
    .where(
      and(
        eq(documentRequests.orgId, actor.orgId),
        eq(documentRequests.clientId, doc.clientId),
        eq(documentRequests.kind, doc.kind),
        doc.caseId ? eq(documentRequests.caseId, doc.caseId) : undefined,
        isNull(documentRequests.resolvedAt),
      ),
    );
  return rows.map((r) => r.id);
}

/** In the upload's transaction, once the document row exists: its requests are resolved by it. */
export async function resolveByUpload(tx: Tx, actor: Actor, requestIds: string[], documentId: string) {
  return resolve(tx, actor, requestIds, { resolution: "uploaded", documentId, note: null });
}

/**
 * The open request an upload names (the portal's upload button sends it): visible to the actor and still
 * needed, else NOT_FOUND, or a field error when it was already resolved.
 */
export async function loadOpenRequest(tx: Tx, actor: Actor, documentRequestId: string) {
  const [row] = await tx
    .select({
      id: documentRequests.id,
      caseId: documentRequests.caseId,
      clientId: documentRequests.clientId,
      kind: documentRequests.kind,
      resolvedAt: documentRequests.resolvedAt,
    })
    .from(documentRequests)
    .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, documentRequests.clientId)))
    .where(and(eq(documentRequests.orgId, actor.orgId), eq(documentRequests.id, documentRequestId), clientVisibility(actor)))
    .limit(1)
    // Two uploads for one request run one after the other: the second finds it resolved.
    .for("update", { of: documentRequests });
  if (!row) throw new AppError("NOT_FOUND");
  if (row.resolvedAt) throw fieldError("documentRequestId", "requestAlreadyResolved");
  return row;
}

export type ResolveRequestInput =
  | { documentRequestId: string; resolution: "on-file"; documentId: string; reason: string }
  | { documentRequestId: string; resolution: "not-needed"; reason: string };

/**
 * A counselor resolves a request without a new upload: a document already on file answers it (one of this
 * client's, on this case or client-level), or it is not needed after all; either way with a reason.
 */
export async function resolveRequest(actor: Actor, input: ResolveRequestInput) {
  return withTenant(actor, async (tx) => {
    const request = await loadOpenRequest(tx, actor, input.documentRequestId);
    let documentId: string | null = null;
    if (input.resolution === "on-file") {
      const [doc] = await tx
        .select({ id: documents.id })
        .from(documents)
        .where(
          and(
            eq(documents.orgId, actor.orgId),
            eq(documents.id, input.documentId),
            eq(documents.clientId, request.clientId),
            or(eq(documents.caseId, request.caseId), isNull(documents.caseId)),
          ),
        )
        .limit(1);
      if (!doc) throw fieldError("documentId", "documentNotFound");
      documentId = doc.id;
    }
    const [id] = await resolve(tx, actor, [request.id], { resolution: input.resolution, documentId, note: input.reason });
    if (!id) throw fieldError("documentRequestId", "requestAlreadyResolved");
    return { id, resolution: input.resolution };
  });
}
