/** Multipart upload and download of documents, with the same access rules as the procedures (the service decides). */
import { MAX_UPLOAD_BYTES } from "@/server/domain/file-type";
import { AppError, fieldError } from "@/server/errors";
import { ZDocumentKind } from "@/server/schemas/cases";
import type { Actor } from "@/server/services/access";
import { downloadDocument, uploadDocument } from "@/server/services/documents";
import { queryId, serve, type RouteHandler } from "./serve";

/** Multipart overhead allowed on top of the file itself before the body is refused unread. */
const MULTIPART_SLACK = 64 * 1024;

const tooLarge = () => new AppError("TOO_LARGE", { messageKey: "fileTooLarge", params: { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 } });

/** An optional id among the form's fields; a malformed one is NOT_FOUND (as in the query string). */
function formId(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  if (!value) return undefined;
  const url = new URL("http://form.invalid/");
  url.searchParams.set(name, String(value));
  return queryId(url, name);
}

/** Fields `file`, `kind`, and `caseId` (or `clientId` for a client-level document, or `documentRequestId`). */
export const upload: RouteHandler = async ({ req, actor }) => {
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > MAX_UPLOAD_BYTES + MULTIPART_SLACK) throw tooLarge();
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw fieldError("file", "multipartRequired");
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) throw fieldError("file", "required");
  if (file.size > MAX_UPLOAD_BYTES) throw tooLarge();
  const kind = ZDocumentKind.safeParse(form.get("kind"));
  if (!kind.success) throw fieldError("kind", "invalid_value");
  const caseId = formId(form, "caseId");
  const clientId = formId(form, "clientId");
  const documentRequestId = formId(form, "documentRequestId");
  const result = await uploadDocument(actor, {
    caseId,
    clientId,
    documentRequestId,
    kind: kind.data,
    filename: file instanceof File ? file.name : "document",
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  return Response.json(result, { status: 201 });
};

export const download: RouteHandler<"id"> = async ({ actor, params }) => {
  const doc = await downloadDocument(actor, params.id);
  return new Response(new Uint8Array(doc.bytes), {
    status: 200,
    headers: {
      "content-type": doc.mime,
      "content-length": String(doc.bytes.byteLength),
      "content-disposition": `attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
};

/** The upload as `actor` (what POST /api/documents runs after the session). */
export const handleUpload = (req: Request, actor: Actor) => serve("document.upload", upload, { req, actor });

/** The download as `actor` (what GET /api/documents/[id] runs after the session). */
export const handleDownload = (documentId: string, actor: Actor) =>
  serve("document.read", download, {
    req: new Request(`http://localhost/api/documents/${encodeURIComponent(documentId)}`),
    actor,
    params: { id: documentId },
  });
