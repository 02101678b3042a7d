/**
 * The balance chart's rows: one row per calendar month that any scenario covers, with each scenario's
 * remaining balance under its own key. A scenario's points are its plan's balanceSeries unchanged, so its
 * line ends on its last month at 0; months outside a scenario's plan have no value for it (no line there).
 */
export type BalancePoint = { month: string; remainingFen: number };
export type ChartRow = { month: string } & Record<string, number | string>;

export function balanceChartRows(series: ReadonlyArray<{ key: string; points: readonly BalancePoint[] }>): ChartRow[] {
  const rows = new Map<string, ChartRow>();
  for (const { key, points } of series) {
    for (const p of points) {
      const row = rows.get(p.month) ?? { month: p.month };
      row[key] = p.remainingFen;
      rows.set(p.month, row);
    }
  }
  return [...rows.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}
