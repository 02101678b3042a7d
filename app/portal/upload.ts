"use client";

/** Uploads one file to the documents endpoint; returns its id, or the server's error key. */
export async function uploadFile(file: File, fields: { kind: string; caseId?: string; clientId?: string; documentRequestId?: string }) {
  const body = new FormData();
  body.set("file", file);
  body.set("kind", fields.kind);
  if (fields.caseId) body.set("caseId", fields.caseId);
  if (fields.clientId) body.set("clientId", fields.clientId);
  if (fields.documentRequestId) body.set("documentRequestId", fields.documentRequestId);
  const res = await fetch("/api/documents", { method: "POST", body });
  const json = (await res.json().catch(() => ({}))) as { id?: string; error?: { messageKey?: string; requestId?: string } };
  if (!res.ok || !json.id)
    return { ok: false as const, messageKey: json.error?.messageKey ?? "internal", requestId: json.error?.requestId };
  return { ok: true as const, id: json.id };
}
