import { upload } from "@/server/http/documents";
import { route } from "@/server/http/route";

export const runtime = "nodejs";

/** Multipart upload: fields `file`, `kind`, and `caseId` (or `clientId` for a client-level document). */
export const POST = route("document.upload", upload);
