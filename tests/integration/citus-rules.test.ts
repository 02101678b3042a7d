/**
 * The schema can be distributed with Citus (docs/SCALING.md): every tenant table by org_id, all of them
 * co-located, and the global tables as reference tables. rls-catalog.test.ts already checks that every
 * tenant table's primary key, unique constraints and unique indexes, and foreign keys between tenant
 * tables lead with org_id; this file adds the rest of Citus's rules and makes every table classified.
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, setTenant, withTenant } from "@/db/client";
import { createTenant } from "../support/factories";
import { sqlProblems, TENANT_TABLES } from "../support/sql-rules";

/**
 * Tables without org_id, replicated to every node as Citus reference tables. A new table either has
 * org_id (it is then a tenant table and distributed) or is added here on purpose, after checking that
 * it holds no organization's data.
 */
const GLOBAL_TABLES = ["holiday_days", "holiday_years", "organizations", "recovery_codes", "users"] as const;

/**
 * Tables of the app servers' shared state (db/schema/shared-state.ts): no organization's data, never joined
 * with another table; on Citus they stay plain tables on the coordinator (neither distributed nor reference).
 */
const COORDINATOR_TABLES = ["job_leases", "login_attempts"] as const;

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
  return r.map((x) => ({
    name: String(x.name),
    orgIdType: x.org_id_type === null ? null : String(x.org_id_type),
    orgIdNotNull: Boolean(x.not_null),
  }));
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
    expect(global.sort()).toEqual([...GLOBAL_TABLES, ...COORDINATOR_TABLES].sort());
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
    const global = new Set<string>([...GLOBAL_TABLES, ...COORDINATOR_TABLES]);
    const problems = (await foreignKeys())
      .filter((fk) => global.has(fk.table) && !global.has(fk.ref))
      .map((fk) => `${fk.table}.${fk.name} → ${fk.ref}`);
    expect(problems).toEqual([]);
  });

  it("docs/SCALING.md names every global table as a reference table", () => {
    const doc = readFileSync("docs/SCALING.md", "utf8");
    const section = doc.slice(doc.indexOf("create_reference_table"));
    expect(GLOBAL_TABLES.filter((t) => !section.includes(`create_reference_table('${t}')`))).toEqual([]);
  });
});

describe("Citus: docs/SCALING.md's steps", () => {
  const doc = readFileSync("docs/SCALING.md", "utf8");
  it("distributes exactly the schema's tenant tables (notifications and org_counters included), each by org_id", async () => {
    const listed = [...doc.matchAll(/create_distributed_table\('(\w+)', 'org_id'/g)].map((m) => m[1]!);
    const tenant = (await publicTables()).filter((t) => t.orgIdType !== null).map((t) => t.name);
    expect([...listed].sort()).toEqual([...tenant].sort());
    expect(listed).toEqual(expect.arrayContaining(["notifications", "org_counters"]));
  });
  it("moves a tenant to its own shard with block_writes, and needs neither of the settings the old policies did", () => {
    expect(doc).toMatch(/isolate_tenant_to_new_shard\('memberships',\s+'<org id>', 'CASCADE', shard_transfer_mode => 'block_writes'\)/);
    expect(doc).toContain("citus.propagate_set_commands = 'local'");
    expect(doc).not.toMatch(/SET citus\.(enable_local_reference_table_foreign_keys|allow_nested_distributed_execution)/);
  });
});

describe("Citus: row-level security policies hold no subquery and no function of ours", () => {
  it("every policy compares a column with a transaction setting directly (no SELECT, no xs_ function)", async () => {
    const policies = await rows(sql`
      select c.relname as tbl, p.polname as name,
        coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') as expr
      from pg_policy p join pg_class c on c.oid = p.polrelid`);
    expect(policies.length).toBeGreaterThan(20);
    const problems = policies
      .filter((p) => /\bselect\b/i.test(String(p.expr)) || /\bxs_\w+\(/.test(String(p.expr)))
      .map((p) => `${p.tbl}.${p.name}: ${p.expr}`);
    expect(problems).toEqual([]);
    // The app's functions that used to be in the policies or set the tenant themselves are gone.
    const fns = await rows(
      sql`select proname from pg_proc where proname in ('xs_current_org', 'xs_current_user', 'xs_active_memberships')`,
    );
    expect(fns).toEqual([]);
  });

  it("an organization's row is visible under its own tenant setting or as one of the person's member_orgs, not otherwise", async () => {
    const a = await createTenant("A");
    const b = await createTenant("B");
    const db = await getDb();
    const seen = (settings: Parameters<typeof setTenant>[1]) =>
      db.transaction(async (tx) => {
        await setTenant(tx, settings);
        const r = await tx.execute(
          sql`select id::text as id from organizations where id in (${a.orgId}::uuid, ${b.orgId}::uuid) order by id`,
        );
        return ((Array.isArray(r) ? r : (r as unknown as { rows: Row[] }).rows) as Row[]).map((x) => String(x.id)).sort();
      });
    expect(await seen({ orgId: a.orgId })).toEqual([a.orgId]);
    expect(await seen({ orgId: "", userId: a.admin.id, memberOrgs: [a.orgId, b.orgId] })).toEqual([a.orgId, b.orgId].sort());
    expect(await seen({ orgId: "", userId: a.admin.id })).toEqual([]);
  });
});

describe("Citus: the tenant setup is SET LOCAL inside the transaction", () => {
  it("the settings end with the transaction (safe for PgBouncer in transaction mode): the next one starts clean", async () => {
    const t = await createTenant("S");
    const db = await getDb();
    await withTenant({ orgId: t.orgId, userId: t.admin.id }, async (tx) => {
      const r = await tx.execute(sql`select current_user as role, current_setting('app.org_id', true) as org`);
      const row = ((Array.isArray(r) ? r : (r as unknown as { rows: Row[] }).rows) as Row[])[0]!;
      expect(row).toEqual({ role: "xieshang_app", org: t.orgId });
    });
    const after = await db.transaction(async (tx) => {
      const r = await tx.execute(sql`select current_user as role, coalesce(current_setting('app.org_id', true), '') as org`);
      return ((Array.isArray(r) ? r : (r as unknown as { rows: Row[] }).rows) as Row[])[0]!;
    });
    expect(after.role).not.toBe("xieshang_app");
    expect(after.org).toBe("");
  });

  it("refuses a tenant value that is not a uuid (SET takes no parameters, so the value is checked)", async () => {
    await expect(withTenant({ orgId: "x'; reset role; --" }, async () => 1)).rejects.toThrow(/not a uuid/);
  });
});

describe("Citus: the SQL check (tests/support/sql-rules.ts) that every integration test's statements pass", () => {
  it("knows the tenant tables from the schema", () => {
    expect([...TENANT_TABLES]).toEqual(expect.arrayContaining(["clients", "cases", "notifications", "org_counters", "debt_balances"]));
    expect(TENANT_TABLES.has("organizations")).toBe(false);
  });

  it("names a joined tenant table constrained only through another table's org_id", () => {
    const joinOnly = `select "cases"."id" from "cases" inner join "clients" on ("clients"."org_id" = "cases"."org_id" and "clients"."id" = "cases"."client_id") where "cases"."org_id" = $1`;
    expect(sqlProblems(joinOnly)).toEqual(["tenant table clients has no org_id = $org of its own"]);
    const both = `select "cases"."id" from "cases" inner join "clients" on ("clients"."org_id" = $2 and "clients"."id" = "cases"."client_id") where "cases"."org_id" = $1`;
    expect(sqlProblems(both)).toEqual([]);
  });

  it("checks hand-written SQL with aliases, subqueries and lateral joins", () => {
    expect(
      sqlProblems(`select c.id from clients c left join plans pl on pl.org_id = c.org_id and pl.client_id = c.id where c.org_id = $1`),
    ).toEqual(["tenant table plans (as pl) has no org_id = $org of its own"]);
    expect(
      sqlProblems(
        `select (select min(nb.next_due_on) from debt_balances nb where nb.org_id = $1) from debt_balances b where b.org_id = c.org_id`,
      ),
    ).toEqual(["tenant table debt_balances (as b) has no org_id = $org of its own"]);
    expect(sqlProblems(`select "id" from "clients" where "clients"."org_id" = $1`)).toEqual([]);
    expect(sqlProblems(`update "tasks" set "done_at" = $1 where ("tasks"."org_id" = $2 and "tasks"."id" = $3)`)).toEqual([]);
    expect(sqlProblems(`delete from "tasks" where "tasks"."id" = $1`)).toEqual(["tenant table tasks has no org_id = $org of its own"]);
  });

  it("refuses session-level settings and set_config, and accepts SET LOCAL", () => {
    expect(sqlProblems(`select set_config('app.org_id', $1, true)`)).toHaveLength(1);
    expect(sqlProblems(`SET app.org_id = 'x'`)).toHaveLength(1);
    expect(sqlProblems(`select pg_advisory_lock(1)`)).toHaveLength(1);
    expect(sqlProblems(`SET LOCAL ROLE xieshang_app; SET LOCAL app.org_id = ''`)).toEqual([]);
    expect(sqlProblems(`select pg_try_advisory_xact_lock(1)`)).toEqual([]);
  });
});
