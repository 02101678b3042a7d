import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, withTenant } from "@/db/client";
import { clients } from "@/db/schema";
import { createTenant } from "../support/factories";
import { withoutOrgFilterRule } from "../support/sql-rules";

type Row = Record<string, unknown>;
async function rows(query: ReturnType<typeof sql>): Promise<Row[]> {
  const db = await getDb();
  const r = await db.execute(query);
  return (Array.isArray(r) ? r : (r as unknown as { rows: Row[] }).rows) as Row[];
}

/** Tables whose rows belong to one organization: every public table with an org_id column. */
async function tenantTables(): Promise<string[]> {
  const r = await rows(sql`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind = 'r' order by 1`);
  return r.map((x) => String(x.name));
}

describe("row-level security catalog", () => {
  it("finds the tenant tables", async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(expect.arrayContaining(["memberships", "invitations", "audit_log", "clients"]));
  });

  it("every tenant table has RLS enabled and forced, a policy on org_id, and an index led by org_id", async () => {
    const problems: string[] = [];
    for (const table of [...(await tenantTables()), "organizations"]) {
      const [flags] = await rows(
        sql`select relrowsecurity as rls, relforcerowsecurity as force from pg_class where oid = ${table}::regclass`,
      );
      if (!flags?.rls) problems.push(`${table}: RLS not enabled`);
      if (!flags?.force) problems.push(`${table}: RLS not forced`);
      const policies = await rows(
        sql`select polname, pg_get_expr(polqual, polrelid) as q from pg_policy where polrelid = ${table}::regclass`,
      );
      const column = table === "organizations" ? "id" : "org_id";
      if (!policies.some((p) => String(p.q).includes(`${column} = (NULLIF(current_setting('app.org_id'::text, true), ''::text))::uuid`)))
        problems.push(`${table}: no policy on ${column}`);
      if (table === "organizations") continue;
      const indexes = await rows(sql`
        select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid
        join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
        where x.indrelid = ${table}::regclass and a.attname = 'org_id'`);
      if (!indexes.length) problems.push(`${table}: no index starting with org_id`);
      const pk = await rows(sql`
        select a.attname from pg_index x join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
        where x.indrelid = ${table}::regclass and x.indisprimary`);
      if (pk[0]?.attname !== "org_id") problems.push(`${table}: primary key does not start with org_id`);
    }
    expect(problems).toEqual([]);
  });

  it("the app role is neither superuser nor BYPASSRLS nor the tables' owner", async () => {
    const [role] = await rows(sql`select rolsuper, rolbypassrls from pg_roles where rolname = 'xieshang_app'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await rows(sql`select relname from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = 'xieshang_app'`);
    expect(owned).toEqual([]);
  });

  it("under RLS a query without an org filter sees only the current organization", async () => {
    const a = await createTenant("A");
    const b = await createTenant("B");
    // Without an org filter on purpose (the services always have one: tests/support/sql-rules.ts).
    const seen = await withoutOrgFilterRule(() =>
      withTenant({ orgId: a.orgId }, (tx) => tx.select({ orgId: clients.orgId }).from(clients)),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.orgId))).toEqual(new Set([a.orgId]));
    // Writing a row into another organization is refused by the policy's WITH CHECK.
    await expect(withTenant({ orgId: a.orgId }, (tx) => tx.insert(clients).values({ orgId: b.orgId, fullName: "越界" }))).rejects.toThrow();
    // With no organization set, nothing is visible.
    const none = await withoutOrgFilterRule(() =>
      withTenant({ orgId: "" as string }, (tx) => tx.select({ id: clients.id }).from(clients)),
    ).catch(() => []);
    expect(none).toEqual([]);
  });
});

describe("the schema can be distributed by org_id (Citus rules)", () => {
  it("every unique constraint and every foreign key between tenant tables leads with org_id", async () => {
    const tenant = new Set(await tenantTables());
    const constraints = await rows(sql`
      select c.conname, c.contype, t.relname as tbl, f.relname as ref,
        (select array_agg(a.attname order by k.ord) from unnest(c.conkey) with ordinality k(num, ord)
           join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.num) as cols
      from pg_constraint c join pg_class t on t.oid = c.conrelid left join pg_class f on f.oid = c.confrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and c.contype in ('u', 'f', 'p')`);
    const problems: string[] = [];
    for (const c of constraints) {
      const table = String(c.tbl);
      if (!tenant.has(table)) continue;
      const cols = (c.cols as string[] | string).toString().replace(/[{}]/g, "").split(",");
      const toTenant = c.contype === "f" && tenant.has(String(c.ref));
      if ((c.contype !== "f" || toTenant) && cols[0] !== "org_id") problems.push(`${table}.${String(c.conname)} (${cols.join(", ")})`);
    }
    // Unique indexes that are not constraints count too.
    const uniques = await rows(sql`
      select i.relname as idx, t.relname as tbl, a.attname as first
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
      where n.nspname = 'public' and x.indisunique and not x.indisprimary`);
    for (const u of uniques) {
      if (tenant.has(String(u.tbl)) && u.first !== "org_id")
        problems.push(`${String(u.tbl)}.${String(u.idx)} (unique, starts with ${String(u.first)})`);
    }
    expect(problems).toEqual([]);
  });
});
