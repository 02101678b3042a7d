import { activeOrgId, sessionUserId } from "@/server/auth/session";
import { can } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";
import { isUuid } from "@/server/schemas/common";
import { errorResponse, httpActor } from "@/server/services/documents";
import { renderLetterPdf } from "@/server/services/letters";
import { newRequestId } from "@/server/trpc/context";

export const runtime = "nodejs";

/** The negotiation letter (协商还款申请书) of a case's proposal (?proposalId=…, default the latest) as a PDF. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const requestId = newRequestId();
  try {
    const actor = await httpActor(await sessionUserId(), await activeOrgId(), requestId);
    if (!can(actor.role, "case.read")) throw new AppError("FORBIDDEN");
    const caseId = (await params).id;
    const proposalId = new URL(req.url).searchParams.get("proposalId") ?? undefined;
    if (!isUuid(caseId) || (proposalId !== undefined && !isUuid(proposalId))) throw new AppError("NOT_FOUND");
    const { bytes, filename } = await renderLetterPdf(actor, { caseId, proposalId });
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="letter.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        "cache-control": "private, no-store",
        "x-request-id": requestId,
      },
    });
  } catch (err) {
    return errorResponse(err, requestId);
  }
}
