"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatFen } from "@/server/domain/money";

/**
 * The remaining balance of each scenario over time. Its own module so that recharts (about 125 kB
 * compressed) is downloaded only when a chart is drawn: plan-builder.tsx loads it with next/dynamic.
 *
 * Drawn whole at once, without recharts' entrance animation: the animation reveals each line over 1.5 s,
 * so for that time (and in any screenshot or printout taken then) every line stopped part-way through its
 * plan, far above zero, though its data ran to 0 on its last month. Straight segments between months, as
 * the balance falls by each month's payments (a smoothed curve would dip and bend between them).
 */
export default function BalanceChart({
  data,
  lines,
}: {
  data: Array<Record<string, number | string>>;
  /** `dash`: a stroke-dasharray, so lines that run together (two scenarios paying the same each month) stay visible. */
  lines: Array<{ key: string; name: string; color: string; dash?: string }>;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ left: 8, right: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" fontSize={12} />
        <YAxis fontSize={12} width={70} tickFormatter={(v: number) => formatFen(Math.round(v / 100) * 100).replace(/\.00$/, "")} />
        <Tooltip formatter={(v) => formatFen(Number(v))} />
        <Legend />
        {lines.map((l) => (
          <Line
            key={l.key}
            type="linear"
            dataKey={l.key}
            name={l.name}
            stroke={l.color}
            strokeDasharray={l.dash}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
