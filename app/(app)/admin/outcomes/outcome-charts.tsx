"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatFen } from "@/server/domain/money";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type OutcomeSummary = inferRouterOutputs<AppRouter>["outcomes"]["summary"];

/** Colours with at least 3:1 contrast on white, told apart by the legend and tooltip as well as by hue. */
const PALETTE = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a21caf", "#475569", "#c2410c", "#0f766e"];

const pctTick = (v: number) => `${Math.round(v * 100)}%`;
const pctLabel = (v: unknown) => (typeof v === "number" ? `${(v * 100).toFixed(1)}%` : "—");

/** A chart with its title; the figures are in the tables below it too (screen readers read those). */
function Chart({ title, summary, children, height = 260 }: { title: string; summary: string; children: ReactNode; height?: number }) {
  return (
    <figure className="flex min-w-0 flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="text-base font-semibold text-slate-900">{title}</figcaption>
      <div role="img" aria-label={summary} style={{ height }} className="min-w-0">
        <ResponsiveContainer width="100%" height="100%">
          {children as React.ReactElement}
        </ResponsiveContainer>
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
  const byLender = s.acceptance.byLender.map((l) => ({ name: l.lenderName, rate: l.rate ?? 0, answered: l.answered }));
  const byKind = s.acceptance.byKind.map((k) => ({ name: t(`kinds.${k.kind}`), rate: k.rate ?? 0, answered: k.answered }));
  const relief = s.relief.byLender.map((l) => ({ name: l.lenderName, waived: l.waivedFen, reduction: l.monthlyReductionFen }));
  const statuses = [...new Set(s.casesByMonth.flatMap((m) => Object.keys(m.counts)))].sort();
  const months = s.casesByMonth.map((m) => ({ month: m.month, ...m.counts }));
  const counselors = s.perCounselor.map((c) => ({ name: c.name, clients: c.clients, openCases: c.openCases, agreements: c.agreements }));
  const list = (items: Array<{ name: string; value: string }>) => items.map((i) => `${i.name} ${i.value}`).join("，");

  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="outcome-charts">
      {byLender.length > 0 && (
        <Chart
          title={`${t("acceptance")} · ${t("byLender")}`}
          summary={list(byLender.map((l) => ({ name: l.name, value: pctLabel(l.rate) })))}
          height={Math.max(160, 40 * byLender.length + 60)}
        >
          <BarChart data={byLender} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 1]} tickFormatter={pctTick} />
            <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => pctLabel(v)} />
            <Bar dataKey="rate" name={t("rate")} fill={PALETTE[0]} isAnimationActive={false} />
          </BarChart>
        </Chart>
      )}
      {byKind.length > 0 && (
        <Chart
          title={`${t("acceptance")} · ${t("byKind")}`}
          summary={list(byKind.map((k) => ({ name: k.name, value: pctLabel(k.rate) })))}
          height={Math.max(160, 40 * byKind.length + 60)}
        >
          <BarChart data={byKind} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 1]} tickFormatter={pctTick} />
            <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => pctLabel(v)} />
            <Bar dataKey="rate" name={t("rate")} fill={PALETTE[2]} isAnimationActive={false} />
          </BarChart>
        </Chart>
      )}
      {relief.length > 0 && (
        <Chart
          title={t("relief")}
          summary={list(relief.map((r) => ({ name: r.name, value: `${t("waived")} ${formatFen(r.waived)}，${t("monthlyReduction")} ${formatFen(r.reduction)}` })))}
        >
          <BarChart data={relief} margin={{ left: 16, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
            <YAxis tickFormatter={(v: number) => formatFen(v).replace(/\.00$/, "")} width={90} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => (typeof v === "number" ? formatFen(v) : String(v))} />
            <Legend />
            <Bar dataKey="waived" name={t("waived")} fill={PALETTE[0]} isAnimationActive={false} />
            <Bar dataKey="reduction" name={t("monthlyReduction")} fill={PALETTE[1]} isAnimationActive={false} />
          </BarChart>
        </Chart>
      )}
      {statuses.length > 0 && (
        <Chart
          title={t("casesByMonth")}
          summary={s.casesByMonth
            .map((m) => `${m.month}：${Object.entries(m.counts).map(([k, n]) => `${ts(k as "intake")} ${n}`).join("、") || "—"}`)
            .join("；")}
          height={300}
        >
          <BarChart data={months} margin={{ left: 0, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip />
            <Legend />
            {statuses.map((st, i) => (
              <Bar key={st} dataKey={st} name={ts(st as "intake")} stackId="status" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </Chart>
      )}
      {counselors.length > 0 && (
        <Chart
          title={t("perCounselor")}
          summary={list(counselors.map((c) => ({ name: c.name, value: `${t("clients")} ${c.clients}，${t("openCases")} ${c.openCases}，${t("agreements")} ${c.agreements}` })))}
        >
          <BarChart data={counselors} margin={{ left: 0, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip />
            <Legend />
            <Bar dataKey="clients" name={t("clients")} fill={PALETTE[0]} isAnimationActive={false} />
            <Bar dataKey="openCases" name={t("openCases")} fill={PALETTE[1]} isAnimationActive={false} />
            <Bar dataKey="agreements" name={t("agreements")} fill={PALETTE[2]} isAnimationActive={false} />
          </BarChart>
        </Chart>
      )}
    </div>
  );
}
