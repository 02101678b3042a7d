import { activeOrgId, sessionUserId } from "@/server/auth/session";
import { can } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";
import { isUuid } from "@/server/schemas/common";
import { errorResponse, httpActor } from "@/server/services/documents";
import { exportClientData } from "@/server/services/privacy";
import { newRequestId } from "@/server/trpc/context";

export const runtime = "nodejs";

/** A client's full copy of their data (JSON + their documents, ZIP); staff may fetch it for a client they see. */
export async function GET(req: Request) {
  const requestId = newRequestId();
  try {
    const actor = await httpActor(await sessionUserId(), await activeOrgId(), requestId);
    if (!can(actor.role, "client.export")) throw new AppError("FORBIDDEN");
    const clientId = new URL(req.url).searchParams.get("clientId");
    if (clientId !== null && !isUuid(clientId)) throw new AppError("NOT_FOUND");
    const { filename, zip } = await exportClientData(actor, clientId);
    return new Response(new Uint8Array(zip), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "private, no-store",
        "x-request-id": requestId,
      },
    });
  } catch (err) {
    return errorResponse(err, requestId);
  }
}
