import { activeOrgId, sessionUserId } from "@/server/auth/session";
import { errorResponse, handleDownload, httpActor } from "@/server/services/documents";
import { newRequestId } from "@/server/trpc/context";

export const runtime = "nodejs";

/** Download, only for a user allowed to see the document's client. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const requestId = newRequestId();
  try {
    const actor = await httpActor(await sessionUserId(), await activeOrgId(), requestId);
    return handleDownload((await params).id, actor);
  } catch (err) {
    return errorResponse(err, requestId);
  }
}
