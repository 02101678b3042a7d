/**
 * Citus's rules for the SQL the services send (docs/SCALING.md §4, issue 17), checked on every statement
 * the integration suite runs (tests/support/setup-db.ts records them through drizzle's logger):
 *
 * - every tenant table a statement reads, updates or deletes from carries its own `org_id = $n` (a join
 *   constrained only through `x.org_id = c.org_id` makes Citus refuse the query unless every table is
 *   co-located and joined on org_id; an explicit filter on each makes it a router query);
 * - no session-level setting: no `SET` without `LOCAL`, no `set_config()` (Citus does not propagate it to
 *   the workers; `SET LOCAL` inside the transaction is the one form that works on PostgreSQL, PGlite,
 *   PgBouncer in transaction mode and Citus), no session advisory lock, no LISTEN.
 *
 * The tenant tables come from the schema (every table with an org_id column).
 */
import { getTableColumns, getTableName, isTable, type Table } from "drizzle-orm";
import { AsyncLocalStorage } from "node:async_hooks";
import * as schema from "@/db/schema";

/** Set around each transaction of the test database (tests/support/setup-db.ts). */
export const appTransaction = new AsyncLocalStorage<{ app: boolean; unscoped: boolean }>();
const unscoped = new AsyncLocalStorage<true>();

/**
 * For a test that reads without an org filter on purpose (to show that row-level security alone hides the
 * other organizations): its transactions are not held to the tenant rules.
 */
export function withoutOrgFilterRule<T>(fn: () => Promise<T>): Promise<T> {
  return unscoped.run(true, fn);
}
export function unscopedNow(): boolean {
  return unscoped.getStore() === true;
}

export const TENANT_TABLES: ReadonlySet<string> = new Set(
  (Object.values(schema) as unknown[])
    .filter((t): t is Table => isTable(t))
    .filter((t) => Object.values(getTableColumns(t)).some((c) => c.name === "org_id"))
    .map((t) => getTableName(t)),
);

/**
 * Statements allowed to read a tenant table without an organization, each with its reason. Keep this
 * short: each one is a query across all shards on Citus.
 */
export const EXEMPT: readonly { table: string; when: RegExp; why: string }[] = [
  {
    table: "memberships",
    when: /where \("memberships"\."user_id" = \$\d+ and "memberships"\."deactivated_at" is null\)/,
    why: "a person's own memberships, read to find their organization (server/services/membership.ts)",
  },
];

const KEYWORDS = new Set([
  "where",
  "on",
  "inner",
  "left",
  "right",
  "full",
  "cross",
  "join",
  "set",
  "order",
  "group",
  "limit",
  "as",
  "using",
  "lateral",
  "natural",
  "returning",
  "values",
  "select",
  "union",
  "having",
  "window",
  "offset",
  "for",
  "and",
  "or",
]);

/** `from x`, `join x a`, `update x`, `delete from x`, `into x`: each tenant table with the name it is referred to by. */
function tableRefs(text: string): { table: string; alias: string; kind: "read" | "insert" }[] {
  const out: { table: string; alias: string; kind: "read" | "insert" }[] = [];
  const re = /\b(from|join|update|into)\s+(?:only\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?(?:\s+(?:as\s+)?"?([a-z_][a-z0-9_]*)"?)?/gi;
  for (const m of text.matchAll(re)) {
    const table = m[2]!.toLowerCase();
    if (!TENANT_TABLES.has(table)) continue;
    const aliasWord = m[3]?.toLowerCase();
    const alias = aliasWord && !KEYWORDS.has(aliasWord) ? aliasWord : table;
    out.push({ table, alias, kind: m[1]!.toLowerCase() === "into" ? "insert" : "read" });
  }
  return out;
}

/** Whether `alias.org_id` is compared with a value of the caller's (a parameter, or a literal uuid). */
function hasOwnOrgFilter(text: string, alias: string, only: boolean): boolean {
  const col = `(?<![\\w"])(?:"?${alias}"?\\.)${only ? "?" : ""}"?org_id"?`;
  const value = String.raw`(?:\$\d+|'[0-9a-f-]{36}')(?:::uuid)?`;
  return new RegExp(
    `${col}\\s*=\\s*${value}|${value}\\s*=\\s*${col}|${col}\\s+in\\s*\\(\\s*\\$\\d+|${col}\\s*=\\s*any\\s*\\(\\s*\\$\\d+`,
    "i",
  ).test(text);
}

/** What is wrong with one statement, in words that name the table (empty when it keeps the rules). */
export function sqlProblems(statement: string, opts: { tenantRules?: boolean } = {}): string[] {
  const text = statement.replace(/\s+/g, " ").trim();
  const problems: string[] = [];
  if (/\bset_config\s*\(/i.test(text)) problems.push("set_config() (not propagated by Citus): use SET LOCAL in the transaction");
  for (const part of text.split(";")) {
    const p = part.trim();
    if (/^set\s+(?!local\b)/i.test(p) && !/^set\s+transaction\b/i.test(p))
      problems.push(`session-level "${p.slice(0, 40)}": use SET LOCAL`);
  }
  if (/\bpg_(try_)?advisory_lock(_shared)?\s*\(/i.test(text)) problems.push("session advisory lock: use pg_advisory_xact_lock");
  if (/^\s*listen\b/i.test(text)) problems.push("LISTEN holds a session");
  if (opts.tenantRules === false) return problems;
  const refs = tableRefs(text);
  const distinct = new Set(refs.map((r) => r.alias));
  for (const ref of refs) {
    if (ref.kind === "insert") continue; // an insert's org_id is a value of its row (checked by RLS's WITH CHECK)
    if (hasOwnOrgFilter(text, ref.alias, distinct.size === 1)) continue;
    if (EXEMPT.some((e) => e.table === ref.table && e.when.test(text))) continue;
    problems.push(`tenant table ${ref.table}${ref.alias === ref.table ? "" : ` (as ${ref.alias})`} has no org_id = $org of its own`);
  }
  return problems;
}
