import { route } from "@/server/http/route";
import { queryId } from "@/server/http/serve";
import { renderLetterPdf } from "@/server/services/letters";

export const runtime = "nodejs";

/** The negotiation letter (协商还款申请书) of a case's proposal (?proposalId=…, default the latest) as a PDF. */
export const GET = route<"id">("case.read", async ({ actor, params, url }) => {
  const { bytes, filename } = await renderLetterPdf(actor, { caseId: params.id, proposalId: queryId(url, "proposalId") });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="letter.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "cache-control": "private, no-store",
    },
  });
});
