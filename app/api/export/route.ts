import { route } from "@/server/http/route";
import { queryId } from "@/server/http/serve";
import { exportClientData } from "@/server/services/privacy";

export const runtime = "nodejs";

/** A client's full copy of their data (JSON + their documents, ZIP); staff may fetch it for a client they see. */
export const GET = route("client.export", async ({ actor, url }) => {
  const { filename, zip } = await exportClientData(actor, queryId(url, "clientId") ?? null);
  return new Response(new Uint8Array(zip), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
});
