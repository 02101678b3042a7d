import { route } from "@/server/http/route";
import { agreementIcs } from "@/server/services/letters";

export const runtime = "nodejs";

/** The agreement's due dates as an .ics calendar file. */
export const GET = route<"id">("payment.read", async ({ actor, params }) => {
  const { ics, filename } = await agreementIcs(actor, params.id);
  return new Response(ics, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="schedule.ics"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "cache-control": "private, no-store",
    },
  });
});
