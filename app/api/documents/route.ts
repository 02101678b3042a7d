import { activeOrgId, sessionUserId } from "@/server/auth/session";
import { errorResponse, handleUpload, httpActor } from "@/server/services/documents";
import { newRequestId } from "@/server/trpc/context";

export const runtime = "nodejs";

/** Multipart upload: fields `file`, `kind`, and `caseId` (or `clientId` for a client-level document). */
export async function POST(req: Request) {
  const requestId = newRequestId();
  let actor;
  try {
    actor = await httpActor(await sessionUserId(), await activeOrgId(), requestId);
  } catch (err) {
    return errorResponse(err, requestId);
  }
  return handleUpload(req, actor);
}
