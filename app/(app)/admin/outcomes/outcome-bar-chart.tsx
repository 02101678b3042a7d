import { formatFen } from "@/server/domain/money";

export type BarSpec = { key: string; name: string; fill?: string; stack?: string };
/** What the numbers are: a rate 0–1, an amount in fen, or a count. */
export type ValueKind = "rate" | "fen" | "count";

const DEFAULT_FILL = "#1d4ed8";

function label(value: ValueKind, v: number | null): string {
  if (v === null) return "—";
  if (value === "rate") return `${(v * 100).toFixed(1)}%`;
  if (value === "fen") return formatFen(v);
  return String(v);
}

function tick(value: ValueKind, v: number): string {
  if (value === "rate") return `${Math.round(v * 100)}%`;
  if (value === "fen") return formatFen(v).replace(/\.00$/, "");
  return String(Math.round(v));
}

/** A round upper bound for the value axis and its ticks (0 and four steps up to it). */
function axis(value: ValueKind, max: number): number[] {
  if (value === "rate") return [0, 0.25, 0.5, 0.75, 1];
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const steps = value === "count" ? Math.max(1, Math.round(step)) : step;
  return Array.from({ length: Math.ceil(max / steps) + 1 }, (_, i) => i * steps);
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * One bar chart of the outcomes dashboard, drawn with plain elements (no chart library, so the page's
 * JavaScript stays small): bars growing to the right (one row per category) or up (one column per category,
 * bars side by side or stacked). Each bar's value is in its tooltip; the figures are in the tables below the
 * charts and in the chart's accessible name.
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
  const stacked = bars.some((b) => b.stack);
  const totals = data.map((d) =>
    stacked ? bars.reduce((s, b) => s + Math.max(0, num(d[b.key]) ?? 0), 0) : Math.max(0, ...bars.map((b) => num(d[b.key]) ?? 0)),
  );
  const ticks = axis(value, Math.max(0, ...totals));
  const top = ticks[ticks.length - 1]! || 1;
  const pct = (v: number) => `${(Math.max(0, v) / top) * 100}%`;
  const title = (d: Record<string, string | number | null>, b: BarSpec) =>
    `${String(d[category] ?? "")} · ${b.name}: ${label(value, num(d[b.key]))}`;

  const legendRow = legend && (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700">
      {bars.map((b) => (
        <li key={b.key} className="flex items-center gap-1">
          <span className="inline-block size-3 rounded-sm" style={{ background: b.fill ?? DEFAULT_FILL }} />
          {b.name}
        </li>
      ))}
    </ul>
  );

  if (horizontal) {
    return (
      <div className="flex h-full flex-col gap-2 overflow-hidden text-xs text-slate-700">
        {legendRow}
        <div className="flex flex-1 flex-col justify-around gap-1">
          {data.map((d, i) => (
            <div key={i} className="grid grid-cols-[minmax(0,7rem)_1fr] items-center gap-2">
              <span className="truncate text-right" title={String(d[category] ?? "")}>
                {String(d[category] ?? "")}
              </span>
              <div className="flex flex-col gap-0.5">
                {bars.map((b) => {
                  const v = num(d[b.key]);
                  return (
                    <div key={b.key} className="flex items-center gap-1" title={title(d, b)}>
                      <div
                        className="h-4 rounded-r-sm"
                        style={{ width: pct(v ?? 0), background: b.fill ?? DEFAULT_FILL, minWidth: v ? 2 : 0 }}
                      />
                      <span className="shrink-0 tabular-nums">{label(value, v)}</span>
                    </div>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      </div>
    );
  }

  return (
    <div className="flex h-full flex-col gap-2 text-xs text-slate-700">
      {legendRow}
      <div className="flex min-h-0 flex-1 gap-1">
        {/* The value axis: tick labels from the top down. */}
        <div className="flex flex-col-reverse justify-between pb-5 text-right tabular-nums text-slate-500">
          {ticks.map((v) => (
            <span key={v} className="leading-none">
              {tick(value, v)}
            </span>
          ))}
        </div>
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="relative flex min-h-0 flex-1 items-end gap-1 border-b border-l border-slate-300">
            {ticks.slice(1).map((v) => (
              <div
                key={v}
                className="pointer-events-none absolute inset-x-0 border-t border-dashed border-slate-200"
                style={{ bottom: pct(v) }}
              />
            ))}
            {data.map((d, i) => (
              <div
                key={i}
                className={`relative flex h-full min-w-0 flex-1 ${stacked ? "flex-col-reverse" : "items-end justify-center gap-px"}`}
              >
                {bars.map((b) => {
                  const v = num(d[b.key]);
                  if (v === null || v <= 0) return null;
                  return (
                    <div
                      key={b.key}
                      title={title(d, b)}
                      className={stacked ? "w-full" : "min-w-0 flex-1 rounded-t-sm"}
                      style={{ height: pct(v), background: b.fill ?? DEFAULT_FILL, maxWidth: stacked ? undefined : "2.5rem" }}
                    />
                  );
                })}
              </div>
            ))}
          </div>
          {/* Category labels; a month shows as its two digits (the full month is in the tooltip). */}
          <div className="flex gap-1 pt-1">
            {data.map((d, i) => (
              <span key={i} className="min-w-0 flex-1 truncate text-center" title={String(d[category] ?? "")}>
                {category === "month" ? String(d[category] ?? "").slice(5) : String(d[category] ?? "")}
              </span>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
