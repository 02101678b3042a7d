import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { clients, documents, type DocumentKind } from "@/db/schema";
import { MAX_UPLOAD_BYTES, sniffFileType, type SniffResult } from "@/server/domain/file-type";
import { AppError, fieldError } from "@/server/errors";
import { fileStorage } from "@/server/storage";
import { assertClientAccess, clientVisibility, type Actor } from "./access";
import { writeAudit } from "./audit";
import { loadCase } from "./cases";
import { documentRequestsFor, loadOpenRequest, requestsAnsweredBy, resolveByUpload } from "./document-requests";

export type UploadInput = {
  caseId?: string;
  clientId?: string;
  /** The lender's request this file answers (the portal's upload button for it): its case and kind. */
  documentRequestId?: string;
  kind: DocumentKind;
  filename: string;
  bytes: Uint8Array;
};

/** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // The last 200 characters counted by code point, so an emoji is never cut in half (a lone surrogate
  // fails in the audit's JSON and in the download's Content-Disposition).
  // eslint-disable-next-line no-control-regex
  const cleaned = Array.from(base.replace(/[\u0000-\u001f\u007f-\u009f"]/g, "").trim())
    .slice(-200)
    .join("");
  return cleaned || "document";
}

/**
 * Stores an uploaded file: at most 20 MB (TOO_LARGE), of a type recognised from its bytes (UNSUPPORTED
 * otherwise), for a case or a client the actor may see. The bytes are written before the row, so a
 * committed row always has its file.
 */
export async function uploadDocument(actor: Actor, input: UploadInput) {
  const type = checkUpload(input);
  if (!input.caseId && !input.clientId && !input.documentRequestId) throw fieldError("caseId", "required");
  return withTenant(actor, (tx) => storeDocument(tx, actor, input, type));
}

/** The checks every file passes before anything is stored: size (TOO_LARGE), not empty, a type recognised from its bytes. */
export function checkUpload(input: { bytes: Uint8Array }): SniffResult {
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw new AppError("TOO_LARGE", { messageKey: "fileTooLarge", params: { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 } });
  }
  if (input.bytes.byteLength === 0) throw fieldError("file", "fileEmpty");
  const type = sniffFileType(input.bytes);
  if (!type) throw new AppError("UNSUPPORTED", { messageKey: "fileTypeNotAccepted" });
  return type;
}

/**
 * Stores a checked file (checkUpload) as a document inside the caller's transaction: the same rows, request
 * matching and audit as an upload (a file sent in a message becomes a document this way).
 */
export async function storeDocument(tx: Tx, actor: Actor, input: UploadInput, type: SniffResult) {
  let clientId: string;
  let caseId: string | null = null;
  if (input.documentRequestId) {
    const r = await loadOpenRequest(tx, actor, input.documentRequestId);
    if ((input.caseId && input.caseId !== r.caseId) || (input.clientId && input.clientId !== r.clientId)) throw new AppError("NOT_FOUND");
    if (input.kind !== r.kind) throw fieldError("kind", "kindNotRequested");
    clientId = r.clientId;
    caseId = r.caseId;
  } else if (input.caseId) {
    const c = await loadCase(tx, actor, input.caseId);
    if (input.clientId && input.clientId !== c.clientId) throw new AppError("NOT_FOUND");
    clientId = c.clientId;
    caseId = c.id;
  } else {
    clientId = (await assertClientAccess(tx, actor, input.clientId!)).id;
  }
  // The lender's requests this file answers (the named one among them) are resolved with it.
  const answers = await requestsAnsweredBy(tx, actor, { clientId, caseId, kind: input.kind });
  const id = randomUUID();
  const storageKey = `${actor.orgId}/${id}`;
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  await fileStorage().put(storageKey, input.bytes);
  const row = {
    orgId: actor.orgId,
    id,
    clientId,
    caseId,
    kind: input.kind,
    filename: cleanFilename(input.filename),
    mime: type.mime,
    sizeBytes: input.bytes.byteLength,
    sha256,
    storageKey,
    requested: answers.length > 0,
    uploadedBy: actor.userId,
  };
  await tx.insert(documents).values(row);
  const resolved = await resolveByUpload(tx, actor, answers, id);
  await writeAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: "document.upload",
    entityType: "document",
    entityId: id,
    after: {
      clientId,
      caseId,
      kind: row.kind,
      filename: row.filename,
      mime: row.mime,
      sizeBytes: row.sizeBytes,
      sha256,
      resolvedRequests: resolved,
    },
    requestId: actor.requestId,
  });
  return {
    id,
    kind: row.kind,
    filename: row.filename,
    mime: row.mime,
    sizeBytes: row.sizeBytes,
    sha256,
    requested: row.requested,
    resolvedRequests: resolved,
  };
}

/** A document and its bytes, for a user allowed to see its client; NOT_FOUND otherwise. */
export async function downloadDocument(actor: Actor, documentId: string) {
  const row = await withTenant(actor, async (tx) => {
    const [doc] = await tx
      .select({
        id: documents.id,
        filename: documents.filename,
        mime: documents.mime,
        sizeBytes: documents.sizeBytes,
        sha256: documents.sha256,
        storageKey: documents.storageKey,
      })
      .from(documents)
      .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, documents.clientId)))
      .where(and(eq(documents.orgId, actor.orgId), eq(documents.id, documentId), clientVisibility(actor)))
      .limit(1);
    if (!doc) throw new AppError("NOT_FOUND");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "document.download",
      entityType: "document",
      entityId: doc.id,
      requestId: actor.requestId,
    });
    return doc;
  });
  const bytes = await fileStorage().get(row.storageKey);
  if (!bytes) throw new AppError("NOT_FOUND", { messageKey: "fileMissing" });
  return { ...row, bytes };
}

/** The case's documents and its client's client-level ones (ID, income proof…). */
export async function listDocuments(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    return tx
      .select({
        id: documents.id,
        caseId: documents.caseId,
        kind: documents.kind,
        filename: documents.filename,
        mime: documents.mime,
        sizeBytes: documents.sizeBytes,
        sha256: documents.sha256,
        requested: documents.requested,
        createdAt: documents.createdAt,
      })
      .from(documents)
      .where(
        and(eq(documents.orgId, actor.orgId), eq(documents.clientId, c.clientId), or(eq(documents.caseId, c.id), isNull(documents.caseId))),
      )
      .orderBy(asc(documents.createdAt), asc(documents.id));
  });
}

/** What every negotiation needs, plus the hardship proof that fits the client's reason. */
const BASE_CHECKLIST: DocumentKind[] = ["loan-contract", "overdue-notice", "income-proof", "id"];

/**
 * Per-case checklist: each needed kind, whether one is on file, and the lender's request for it on this case
 * (the latest, still needed or resolved). A kind is missing while none is on file or its request is still
 * needed (the lender asked again for what was on file).
 */
export async function documentChecklist(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const [client] = await tx
      .select({ reason: clients.hardshipReason })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, c.clientId)))
      .limit(1);
    const needed = new Set<DocumentKind>(BASE_CHECKLIST);
    if (client?.reason === "unemployment") needed.add("unemployment-proof");
    if (client?.reason === "illness") needed.add("medical-proof");
    const requests = await documentRequestsFor(tx, actor, { caseId: c.id });
    // Oldest first: the last one per kind is the latest, and an open one outranks a resolved one.
    const latest = new Map<DocumentKind, (typeof requests)[number]>();
    for (const r of requests) {
      const seen = latest.get(r.kind);
      if (!seen || seen.resolvedAt || !r.resolvedAt) latest.set(r.kind, r);
      needed.add(r.kind);
    }
    const onFile = await tx
      .select({ kind: documents.kind })
      .from(documents)
      .where(
        and(eq(documents.orgId, actor.orgId), eq(documents.clientId, c.clientId), or(eq(documents.caseId, c.id), isNull(documents.caseId))),
      );
    const present = new Set(onFile.map((d) => d.kind));
    const items = [...needed].map((kind) => {
      const r = latest.get(kind);
      return {
        kind,
        present: present.has(kind),
        requested: Boolean(r && !r.resolvedAt),
        request: r
          ? {
              id: r.id,
              requestedOn: r.requestedOn,
              resolvedAt: r.resolvedAt,
              resolution: r.resolution,
              resolvedByDocumentId: r.resolvedByDocumentId,
              resolvedByFilename: r.resolvedByFilename,
              resolvedByName: r.resolvedByName,
              note: r.note,
            }
          : null,
      };
    });
    return { items, missing: items.filter((i) => !i.present || i.requested).map((i) => i.kind) };
  });
}
