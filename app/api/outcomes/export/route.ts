import { NextRequest } from "next/server";
import { LOCALE_COOKIE, toLocale } from "@/app/_i18n/config";
import { AppError } from "@/server/errors";
import type { Locale } from "@/server/domain/money";
import { ZOutcomeRange } from "@/server/schemas/workspace";
import { route } from "@/server/http/route";
import type { Actor } from "@/server/services/access";
import { outcomeCsv, outcomeRawCsv, outcomeXlsx } from "@/server/services/outcome-export";
import { outcomeSummary } from "@/server/services/outcomes";

export const runtime = "nodejs";

/**
 * GET /api/outcomes/export?from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv|xlsx|csv-raw — the outcomes summary as a
 * file (admin). Written from the very object outcomes.summary returns, so the figures are the dashboard's.
 * csv and xlsx read as the dashboard does, in the language of the request (the language cookie); csv-raw
 * is for programs: machine names, money in fen.
 */
export const GET = route("outcome.read", async ({ req, actor, url }) =>
  exportResponse(actor, url.searchParams, toLocale(new NextRequest(req).cookies.get(LOCALE_COOKIE)?.value)),
);

const FORMATS = ["csv", "xlsx", "csv-raw"] as const;

async function exportResponse(actor: Actor, params: URLSearchParams, locale: Locale) {
  const format = FORMATS.find((f) => f === (params.get("format") ?? "csv"));
  if (!format) throw new AppError("INVALID_INPUT", { fields: { format: ["invalid_value"] } });
  const parsed = ZOutcomeRange.safeParse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
  if (!parsed.success) throw new AppError("INVALID_INPUT", { fields: { range: ["invalid_value"] } });
  const summary = await outcomeSummary(actor, parsed.data);
  const name = `outcomes-${summary.range.from}-${summary.range.to}`;
  const headers = { "cache-control": "private, no-store" };
  if (format !== "xlsx") {
    const raw = format === "csv-raw";
    return new Response(raw ? outcomeRawCsv(summary) : outcomeCsv(summary, locale), {
      headers: {
        ...headers,
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${raw ? `${name}-raw` : name}.csv"`,
      },
    });
  }
  return new Response(await outcomeXlsx(summary, locale), {
    headers: {
      ...headers,
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}
