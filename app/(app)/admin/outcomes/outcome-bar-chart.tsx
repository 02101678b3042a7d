"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatFen } from "@/server/domain/money";

export type BarSpec = { key: string; name: string; fill?: string; stack?: string };
/** What the numbers are: a rate 0–1, an amount in fen, or a count. */
export type ValueKind = "rate" | "fen" | "count";

const pctTick = (v: number) => `${Math.round(v * 100)}%`;
const pctLabel = (v: unknown) => (typeof v === "number" ? `${(v * 100).toFixed(1)}%` : "—");

/**
 * One bar chart of the outcomes dashboard. Its own module so that recharts (about 125 kB compressed) is
 * downloaded only when a chart is drawn: outcome-charts.tsx loads it with next/dynamic.
 */
export default function OutcomeBarChart({
  data,
  category,
  bars,
  value,
  horizontal = false,
  legend = false,
}: {
  data: Array<Record<string, string | number | null>>;
  category: string;
  bars: BarSpec[];
  value: ValueKind;
  /** Bars that grow to the right, one row per category (long lender names stay readable). */
  horizontal?: boolean;
  legend?: boolean;
}) {
  const tooltip =
    value === "rate"
      ? (v: unknown) => pctLabel(v)
      : value === "fen"
        ? (v: unknown) => (typeof v === "number" ? formatFen(v) : "—")
        : undefined;
  const valueAxis =
    value === "rate"
      ? { domain: [0, 1] as [number, number], tickFormatter: pctTick }
      : value === "fen"
        ? { tickFormatter: (v: number) => formatFen(v).replace(/\.00$/, ""), width: 90, tick: { fontSize: 12 } }
        : { allowDecimals: false, width: 40 };
  return (
    <ResponsiveContainer width="100%" height="100%">
      {horizontal ? (
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" {...valueAxis} />
          <YAxis type="category" dataKey={category} width={110} tick={{ fontSize: 12 }} />
          <Tooltip formatter={tooltip} />
          {legend && <Legend />}
          {bars.map((b) => (
            <Bar key={b.key} dataKey={b.key} name={b.name} fill={b.fill} stackId={b.stack} isAnimationActive={false} />
          ))}
        </BarChart>
      ) : (
        <BarChart data={data} margin={{ left: value === "fen" ? 16 : 0, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey={category} tick={{ fontSize: 12 }} interval={category === "month" ? undefined : 0} />
          <YAxis {...valueAxis} />
          <Tooltip formatter={tooltip} />
          {legend && <Legend />}
          {bars.map((b) => (
            <Bar key={b.key} dataKey={b.key} name={b.name} fill={b.fill} stackId={b.stack} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}
