"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ComponentProps } from "react";
import { figureText, reliefFigures, type Figure } from "@/server/domain/outcome-figures";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
// Drawn with plain elements, on the server's first render too: no chart library to download.
import OutcomeBarChart from "./outcome-bar-chart";

type OutcomeSummary = inferRouterOutputs<AppRouter>["outcomes"]["summary"];

/** Colours with at least 3:1 contrast on white, told apart by the legend and tooltip as well as by hue. */
const PALETTE = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a21caf", "#475569", "#c2410c", "#0f766e"];

/**
 * A chart with its title; the figures are in the tables below it too. A screen reader hears the chart as one
 * image named by its title and its figures in words (in the page's language). The box has a fixed height.
 */
function Chart({
  title,
  summary,
  height = 260,
  ...chart
}: { title: string; summary: string; height?: number } & ComponentProps<typeof OutcomeBarChart>) {
  const common = useTranslations("common");
  return (
    <figure className="flex min-w-0 flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="text-base font-semibold text-slate-900">{title}</figcaption>
      <div
        role="img"
        aria-label={`${title}${common("colon")}${summary}`}
        data-testid="outcome-chart"
        style={{ height }}
        className="min-w-0"
      >
        <OutcomeBarChart {...chart} />
      </div>
    </figure>
  );
}

/**
 * The outcome figures as charts: acceptance by lender and by kind, relief by lender, cases by status at
 * each month's end, and per counselor. Same summary as the tables and the export (one query, one range).
 */
export function OutcomeCharts({ s }: { s: OutcomeSummary }) {
  const t = useTranslations("outcomes");
  const ts = useTranslations("cases.states");
  const common = useTranslations("common");
  const format = useFormatter();
  const clause = common("clauseSeparator");
  const text = (f: Figure) => figureText(f, t);
  const pctLabel = (v: number | null) => text({ unit: "rate", value: v });
  const byLender = s.acceptance.byLender.map((l) => ({ name: l.lenderName, rate: l.rate ?? 0, shown: pctLabel(l.rate) }));
  const byKind = s.acceptance.byKind.map((k) => ({ name: t(`kinds.${k.kind}`), rate: k.rate ?? 0, shown: pctLabel(k.rate) }));
  // A reduction that could not be measured draws no bar (null), rather than a bar of ¥0.00.
  const reliefFigs = s.relief.byLender.map((l) => ({ name: l.lenderName, ...reliefFigures(l) }));
  const relief = reliefFigs.map((r) => ({ name: r.name, waived: r.waived.value, reduction: r.monthlyReduction.value }));
  const statuses = [...new Set(s.casesByMonth.flatMap((m) => Object.keys(m.counts)))].sort();
  const months = s.casesByMonth.map((m) => ({ month: m.month, ...m.counts }));
  const counselors = s.perCounselor.map((c) => ({ name: c.name, clients: c.clients, openCases: c.openCases, agreements: c.agreements }));
  const list = (items: Array<{ name: string; value: string }>) => items.map((i) => `${i.name} ${i.value}`).join(t("report.chartSeparator"));

  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="outcome-charts">
      {byLender.length > 0 && (
        <Chart
          title={`${t("acceptance")} · ${t("byLender")}`}
          summary={list(byLender.map((l) => ({ name: l.name, value: l.shown })))}
          height={Math.max(160, 40 * byLender.length + 60)}
          data={byLender}
          category="name"
          value="rate"
          horizontal
          bars={[{ key: "rate", name: t("rate"), fill: PALETTE[0] }]}
        />
      )}
      {byKind.length > 0 && (
        <Chart
          title={`${t("acceptance")} · ${t("byKind")}`}
          summary={list(byKind.map((k) => ({ name: k.name, value: k.shown })))}
          height={Math.max(160, 40 * byKind.length + 60)}
          data={byKind}
          category="name"
          value="rate"
          horizontal
          bars={[{ key: "rate", name: t("rate"), fill: PALETTE[2] }]}
        />
      )}
      {relief.length > 0 && (
        <Chart
          title={t("relief")}
          summary={list(
            reliefFigs.map((r) => ({
              name: r.name,
              value: `${t("waived")} ${text(r.waived)}${clause}${t("monthlyReduction")} ${text(r.monthlyReduction)}`,
            })),
          )}
          data={relief}
          category="name"
          value="fen"
          legend
          bars={[
            { key: "waived", name: t("waived"), fill: PALETTE[0] },
            { key: "reduction", name: t("monthlyReduction"), fill: PALETTE[1] },
          ]}
        />
      )}
      {statuses.length > 0 && (
        <Chart
          title={t("casesByMonth")}
          summary={s.casesByMonth
            .map(
              (m) =>
                `${m.month}${common("colon")}${format.list(Object.entries(m.counts).map(([k, n]) => `${ts(k as "intake")} ${n}`)) || "—"}`,
            )
            .join(t("report.chartSeparator"))}
          height={300}
          data={months}
          category="month"
          value="count"
          legend
          bars={statuses.map((st, i) => ({ key: st, name: ts(st as "intake"), fill: PALETTE[i % PALETTE.length], stack: "status" }))}
        />
      )}
      {counselors.length > 0 && (
        <Chart
          title={t("perCounselor")}
          summary={list(
            counselors.map((c) => ({
              name: c.name,
              value: [`${t("clients")} ${c.clients}`, `${t("openCases")} ${c.openCases}`, `${t("agreements")} ${c.agreements}`].join(
                clause,
              ),
            })),
          )}
          data={counselors}
          category="name"
          value="count"
          legend
          bars={[
            { key: "clients", name: t("clients"), fill: PALETTE[0] },
            { key: "openCases", name: t("openCases"), fill: PALETTE[1] },
            { key: "agreements", name: t("agreements"), fill: PALETTE[2] },
          ]}
        />
      )}
    </div>
  );
}
