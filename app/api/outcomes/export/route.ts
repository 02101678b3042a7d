import { activeOrgId, sessionUserId } from "@/server/auth/session";
import { can } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";
import { ZOutcomeRange } from "@/server/schemas/workspace";
import { errorResponse, httpActor } from "@/server/services/documents";
import { outcomeCsv, outcomeXlsx } from "@/server/services/outcome-export";
import { outcomeSummary } from "@/server/services/outcomes";
import { newRequestId } from "@/server/trpc/context";

export const runtime = "nodejs";

/**
 * GET /api/outcomes/export?from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv|xlsx — the outcomes summary as a file
 * (admin). Written from the very object outcomes.summary returns, so the figures are the dashboard's.
 */
export async function GET(req: Request) {
  const requestId = newRequestId();
  try {
    const actor = await httpActor(await sessionUserId(), await activeOrgId(), requestId);
    return await exportResponse(actor, new URL(req.url).searchParams);
  } catch (err) {
    return errorResponse(err, requestId);
  }
}

async function exportResponse(actor: Awaited<ReturnType<typeof httpActor>>, params: URLSearchParams) {
  if (!can(actor.role, "outcome.read")) throw new AppError("FORBIDDEN");
  const format = params.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") throw new AppError("INVALID_INPUT", { fields: { format: ["invalid_value"] } });
  const parsed = ZOutcomeRange.safeParse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
  if (!parsed.success) throw new AppError("INVALID_INPUT", { fields: { range: ["invalid_value"] } });
  const summary = await outcomeSummary(actor, parsed.data);
  const name = `outcomes-${summary.range.from}-${summary.range.to}`;
  const headers = {
    "cache-control": "private, no-store",
    "x-request-id": actor.requestId ?? "",
  };
  if (format === "csv") {
    return new Response(outcomeCsv(summary), {
      headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}.csv"` },
    });
  }
  return new Response(await outcomeXlsx(summary), {
    headers: {
      ...headers,
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}
