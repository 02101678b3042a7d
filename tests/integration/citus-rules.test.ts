/**
 * The schema can be distributed with Citus (docs/SCALING.md): every tenant table by org_id, all of them
 * co-located, and the global tables as reference tables. rls-catalog.test.ts already checks that every
 * tenant table's primary key, unique constraints and unique indexes, and foreign keys between tenant
 * tables lead with org_id; this file adds the rest of Citus's rules and makes every table classified.
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";

/**
 * Tables without org_id, replicated to every node as Citus reference tables. A new table either has
 * org_id (it is then a tenant table and distributed) or is added here on purpose, after checking that
 * it holds no organization's data.
 */
const GLOBAL_TABLES = ["holiday_days", "holiday_years", "organizations", "recovery_codes", "users"] as const;

type Row = Record<string, unknown>;
async function rows(query: ReturnType<typeof sql>): Promise<Row[]> {
  const db = await getDb();
  const r = await db.execute(query);
  return (Array.isArray(r) ? r : (r as unknown as { rows: Row[] }).rows) as Row[];
}

async function publicTables(): Promise<{ name: string; orgIdType: string | null; orgIdNotNull: boolean }[]> {
  const r = await rows(sql`
    select c.relname as name, format_type(a.atttypid, a.atttypmod) as org_id_type, coalesce(a.attnotnull, false) as not_null
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    left join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname not like '\\_\\_drizzle%'
    order by 1`);
  return r.map((x) => ({ name: String(x.name), orgIdType: x.org_id_type === null ? null : String(x.org_id_type), orgIdNotNull: Boolean(x.not_null) }));
}

/** Foreign keys with their column pairs in order. */
async function foreignKeys(): Promise<{ name: string; table: string; ref: string; pairs: [string, string][] }[]> {
  const r = await rows(sql`
    select c.conname as name, t.relname as tbl, f.relname as ref,
      (select string_agg(a.attname || '>' || b.attname, ',' order by k.ord)
         from unnest(c.conkey, c.confkey) with ordinality k(src, dst, ord)
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.src
         join pg_attribute b on b.attrelid = c.confrelid and b.attnum = k.dst) as pairs
    from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class f on f.oid = c.confrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and c.contype = 'f'`);
  return r.map((x) => ({
    name: String(x.name),
    table: String(x.tbl),
    ref: String(x.ref),
    pairs: String(x.pairs)
      .split(",")
      .map((p) => p.split(">") as [string, string]),
  }));
}

describe("Citus: every table is classified, tenant tables are co-located by org_id", () => {
  it("each table has org_id (distributed) or is one of the listed global (reference) tables", async () => {
    const tables = await publicTables();
    const global = tables.filter((t) => t.orgIdType === null).map((t) => t.name);
    expect(global.sort()).toEqual([...GLOBAL_TABLES].sort());
    expect(tables.filter((t) => t.orgIdType !== null).length).toBeGreaterThan(10);
  });

  it("org_id is the same type and NOT NULL everywhere (co-location needs one type; Citus refuses a NULL distribution value)", async () => {
    const tenant = (await publicTables()).filter((t) => t.orgIdType !== null);
    expect(tenant.filter((t) => t.orgIdType !== "uuid").map((t) => `${t.name}: ${t.orgIdType}`)).toEqual([]);
    expect(tenant.filter((t) => !t.orgIdNotNull).map((t) => t.name)).toEqual([]);
  });

  it("a foreign key between tenant tables joins org_id to org_id, so both rows live on the same shard", async () => {
    const tenant = new Set((await publicTables()).filter((t) => t.orgIdType !== null).map((t) => t.name));
    const problems = (await foreignKeys())
      .filter((fk) => tenant.has(fk.table) && tenant.has(fk.ref))
      .filter((fk) => !fk.pairs.some(([from, to]) => from === "org_id" && to === "org_id"))
      .map((fk) => `${fk.table}.${fk.name} → ${fk.ref} (${fk.pairs.map((p) => p.join("→")).join(", ")})`);
    expect(problems).toEqual([]);
  });

  it("no global table refers to a tenant table (Citus refuses foreign keys from reference to distributed tables)", async () => {
    const global = new Set<string>(GLOBAL_TABLES);
    const problems = (await foreignKeys()).filter((fk) => global.has(fk.table) && !global.has(fk.ref)).map((fk) => `${fk.table}.${fk.name} → ${fk.ref}`);
    expect(problems).toEqual([]);
  });

  it("docs/SCALING.md names every global table as a reference table", () => {
    const doc = readFileSync("docs/SCALING.md", "utf8");
    const section = doc.slice(doc.indexOf("create_reference_table"));
    expect(GLOBAL_TABLES.filter((t) => !section.includes(`create_reference_table('${t}')`))).toEqual([]);
  });
});
