import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type DataColumn } from "@/app/_components/data-table";

type Row = { id: string; name: string; owedFen: number | null };
const rows: Row[] = [
  { id: "a", name: "王", owedFen: 500 },
  { id: "b", name: "李", owedFen: null },
  { id: "c", name: "张", owedFen: 20_000 },
];
const columns: Array<DataColumn<Row>> = [
  { id: "name", header: "客户", cell: (r) => r.name },
  { id: "owed", header: "欠款", cell: (r) => String(r.owedFen ?? "—"), sortValue: (r) => r.owedFen, cellTestId: "owed" },
];
const render = (props: Partial<Parameters<typeof DataTable<Row>>[0]>) =>
  renderToStaticMarkup(createElement(DataTable<Row>, { rows, columns, rowKey: (r) => r.id, ...props }));
const order = (html: string) => [...html.matchAll(/data-testid="owed">([^<]*)</g)].map((m) => m[1]);

describe("DataTable", () => {
  it("renders the rows in their order, a sort button only on sortable columns", () => {
    const html = render({ bodyTestId: "body", testId: "table" });
    expect(order(html)).toEqual(["500", "—", "20000"]);
    expect(html.match(/<button/g)?.length).toBe(1);
    expect(html).toContain('data-testid="body"');
    expect(html).toContain('<table class="w-full text-left text-sm" data-testid="table">');
  });

  it("sorts by a column's value, the empty ones last in either direction, and says so to screen readers", () => {
    const up = render({ initialSort: { id: "owed" } });
    expect(order(up)).toEqual(["500", "20000", "—"]);
    expect(up).toContain('aria-sort="ascending"');
    const down = render({ initialSort: { id: "owed", desc: true } });
    expect(order(down)).toEqual(["20000", "500", "—"]);
    expect(down).toContain('aria-sort="descending"');
  });

  it("shows the empty state instead of an empty table, and an empty table when there is none", () => {
    const empty = render({ rows: [], empty: createElement("p", null, "还没有客户，先登记一位") });
    expect(empty).toBe("<p>还没有客户，先登记一位</p>");
    expect(render({ rows: [] })).toContain("<tbody></tbody>");
  });

  it("scrolls sideways in its frame on a narrow screen instead of squeezing the columns", () => {
    expect(render({ className: "min-w-[44rem]" })).toMatch(
      /^<div class="overflow-x-auto rounded-xl[^"]*"><table class="w-full text-left text-sm min-w-\[44rem\]"/,
    );
    expect(render({ framed: false })).toMatch(/^<div class="overflow-x-auto">/);
  });

  it("puts a row header in a th and lets a cell span the columns after it in the rows that say so", () => {
    const spanning: Array<DataColumn<Row>> = [
      { id: "name", header: "客户", cell: (r) => r.name, rowHeader: true },
      {
        id: "owed",
        header: "欠款",
        cell: (r) => (r.owedFen === null ? "已达成协议" : String(r.owedFen)),
        span: (r) => (r.owedFen === null ? 2 : 1),
      },
      { id: "note", header: "备注", cell: (r) => `note-${r.id}` },
    ];
    const html = renderToStaticMarkup(createElement(DataTable<Row>, { rows, columns: spanning, rowKey: (r) => r.id }));
    expect(html.match(/<th scope="row"/g)?.length).toBe(3);
    expect(html).toContain('<td colSpan="2" class="px-3 py-2">已达成协议</td>');
    expect(html).not.toContain("note-b");
    expect(html).toContain("note-a");
    expect(html).toContain("note-c");
    // A text size given by the page replaces the default one.
    expect(render({ className: "text-xs" })).toContain('<table class="w-full text-left text-xs">');
  });
});
