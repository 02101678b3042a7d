"use client";

import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import clsx from "clsx";
import { useMemo, useState, type ReactNode } from "react";

/** One column: its header, its cell, and (when it may be sorted by) the value it sorts by. */
export type DataColumn<T> = {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Sorting by this column (a click on its header); null and undefined sort last either way. */
  sortValue?: (row: T) => string | number | null | undefined;
  className?: string;
  headerClassName?: string;
  /** The cell's test id (the same on every row). */
  cellTestId?: string;
  /** The row's header (a `th scope="row"`: the lender a row is about, say). */
  rowHeader?: boolean;
  /** How many columns this cell takes in a row (the columns it covers are left out there); 1 when absent. */
  span?: (row: T) => number;
};

export type DataTableProps<T> = {
  rows: readonly T[];
  columns: ReadonlyArray<DataColumn<T>>;
  rowKey: (row: T) => string;
  /** What stands in place of the table when there are no rows (the page's next step, say). */
  empty?: ReactNode;
  /** Read by screen readers only. */
  caption?: string;
  /** On the table: its minimum width (on a narrow screen the frame scrolls sideways), text size. */
  className?: string;
  headRowClassName?: string;
  rowClassName?: string | ((row: T) => string | undefined);
  bodyClassName?: string;
  /** On the table element. */
  testId?: string;
  bodyTestId?: string;
  rowTestId?: (row: T) => string | undefined;
  initialSort?: { id: string; desc?: boolean };
  /** The bordered white frame around the table (off inside a card that has one). */
  framed?: boolean;
};

/**
 * The one table of the app, over TanStack Table: headers that sort where a column says how, an `empty`
 * state in place of an empty table, and a frame that scrolls sideways on a phone rather than squeezing
 * the columns.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  empty,
  caption,
  className,
  headRowClassName,
  rowClassName,
  bodyClassName,
  testId,
  bodyTestId,
  rowTestId,
  initialSort,
  framed = true,
}: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSort ? [{ id: initialSort.id, desc: initialSort.desc ?? false }] : []);
  const defs = useMemo<Array<ColumnDef<T>>>(
    () =>
      columns.map((c) => ({
        id: c.id,
        accessorFn: (row: T) => c.sortValue?.(row) ?? undefined,
        enableSorting: Boolean(c.sortValue),
        sortUndefined: "last",
        sortDescFirst: false,
        header: () => c.header,
        cell: (info) => c.cell(info.row.original),
      })),
    [columns],
  );
  const table = useReactTable<T>({
    data: rows as T[],
    columns: defs,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => rowKey(row),
  });
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  const byId = new Map(columns.map((c) => [c.id, c]));
  return (
    <div className={clsx("overflow-x-auto", framed && "rounded-xl border border-slate-200 bg-white")}>
      <table
        className={clsx("w-full text-left", !/(^|\s)text-(xs|sm|base)/.test(className ?? "") && "text-sm", className)}
        data-testid={testId}
      >
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className={headRowClassName ?? "border-b border-slate-200"}>
              {group.headers.map((header) => {
                const col = byId.get(header.column.id)!;
                const sorted = header.column.getIsSorted();
                const content = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    className={col.headerClassName ?? "px-3 py-2 font-medium text-slate-700"}
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 font-medium hover:underline"
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        {content}
                        <span aria-hidden="true" className="text-xs text-slate-500">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      content
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className={bodyClassName} data-testid={bodyTestId}>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-testid={rowTestId?.(row.original)}
              className={typeof rowClassName === "function" ? rowClassName(row.original) : rowClassName}
            >
              {spanned(row.getVisibleCells(), (cell) => byId.get(cell.column.id)!.span?.(row.original) ?? 1).map(({ item: cell, span }) => {
                const col = byId.get(cell.column.id)!;
                const Cell = col.rowHeader ? "th" : "td";
                return (
                  <Cell
                    key={cell.id}
                    scope={col.rowHeader ? "row" : undefined}
                    colSpan={span > 1 ? span : undefined}
                    className={col.className ?? "px-3 py-2"}
                    data-testid={col.cellTestId}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The cells a row shows: a cell that spans n columns hides the n − 1 after it. */
function spanned<C>(cells: C[], spanOf: (cell: C) => number): Array<{ item: C; span: number }> {
  const out: Array<{ item: C; span: number }> = [];
  for (let i = 0; i < cells.length;) {
    const span = Math.max(1, Math.min(spanOf(cells[i]!), cells.length - i));
    out.push({ item: cells[i]!, span });
    i += span;
  }
  return out;
}
