import { activeOrgId, sessionUserId } from "@/server/auth/session";
import { can } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";
import { isUuid } from "@/server/schemas/common";
import { errorResponse, httpActor } from "@/server/services/documents";
import { agreementIcs } from "@/server/services/letters";
import { newRequestId } from "@/server/trpc/context";

export const runtime = "nodejs";

/** The agreement's due dates as an .ics calendar file. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const requestId = newRequestId();
  try {
    const actor = await httpActor(await sessionUserId(), await activeOrgId(), requestId);
    if (!can(actor.role, "payment.read")) throw new AppError("FORBIDDEN");
    const caseId = (await params).id;
    if (!isUuid(caseId)) throw new AppError("NOT_FOUND");
    const { ics, filename } = await agreementIcs(actor, caseId);
    return new Response(ics, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="schedule.ics"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        "cache-control": "private, no-store",
        "x-request-id": requestId,
      },
    });
  } catch (err) {
    return errorResponse(err, requestId);
  }
}
