import { route } from "@/server/http/route";
import { buildEvidencePack } from "@/server/services/evidence-pack";

export const runtime = "nodejs";

/** The case's evidence pack as a ZIP (index.pdf, evidence.json, the documents, SHA256SUMS); the export is audited. */
export const GET = route<"id">("case.evidencePack", async ({ actor, params }) => {
  const { bytes, filename } = await buildEvidencePack(actor, params.id);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="evidence.zip"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "cache-control": "private, no-store",
    },
  });
});
