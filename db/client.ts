import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { withReplicas, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/server/env";
import { demoSeedSettled } from "@/server/demo-seed-state";
import { runMigrations } from "./migrate";
import * as schema from "./schema";

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** The role every app transaction runs as, so row-level security applies (see db/migrations/0001_rls.sql). */
export const APP_ROLE = "xieshang_app";

/**
 * `db` is the primary (every write, and every read that must see the latest write). `reports` is
 * drizzle's `withReplicas(primary, [replica])` when DATABASE_REPLICA_URL is set: reports that may lag
 * the primary by the replication delay run on one of its `$replicas` (see withTenantRead).
 */
type Handle = { db: Db; close: () => Promise<void>; kind: "pglite" | "postgres"; reports?: ReportDb };
type ReportDb = { $primary: Db; $replicas: Db[] };

/**
 * One handle per process, kept on globalThis: Next bundles instrumentation, route handlers and pages
 * separately, and a module-level variable would exist once per bundle — two PGlite instances on one
 * folder would each see only their own writes and corrupt the folder.
 */
const HANDLE = Symbol.for("xieshang.db");
type Global = typeof globalThis & { [HANDLE]?: Promise<Handle> };
const store = globalThis as Global;

async function open(): Promise<Handle> {
  const { DATABASE_URL, DATABASE_REPLICA_URL, PGLITE_DIR, DB_POOL_MAX, DB_PREPARE } = env();
  if (DATABASE_URL) {
    const client = postgres(DATABASE_URL, { max: DB_POOL_MAX, prepare: DB_PREPARE, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Db;
    if (!DATABASE_REPLICA_URL) return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
    const replicaClient = postgres(DATABASE_REPLICA_URL, { max: DB_POOL_MAX, prepare: DB_PREPARE, onnotice: () => {} });
    const replica = drizzlePostgres(replicaClient, { schema, casing: "snake_case" }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      reports: withReplicas(db, [replica]),
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), replicaClient.end({ timeout: 5 })]);
      },
    };
  }
  // A new embedded database is being seeded by a child process (server/cli/embedded-seed.mjs): open it when done.
  await demoSeedSettled();
  mkdirSync(PGLITE_DIR, { recursive: true });
  const client = await openPglite(PGLITE_DIR);
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Db;
  // The embedded database migrates itself inside the one process that owns the folder.
  await runMigrations(db);
  return { db, kind: "pglite", close: () => client.close() };
}

export async function openPglite(dir: string): Promise<PGlite> {
  try {
    return await PGlite.create(dir);
  } catch (cause) {
    throw new Error(
      `The embedded database in "${dir}" could not be opened. It may be damaged (for example by a ` +
        `second process that opened it, or a crash during a write). Stop every process using it, then ` +
        `restore a backup copy of the folder, or move it aside to start with an empty database ` +
        `(npm start seeds demo data again).`,
      { cause },
    );
  }
}

/** The database handle, opened once per process. */
export async function getDb(): Promise<Db> {
  store[HANDLE] ??= open();
  return (await store[HANDLE]).db;
}

export async function dbKind(): Promise<"pglite" | "postgres"> {
  store[HANDLE] ??= open();
  return (await store[HANDLE]).kind;
}

/** Tests and scripts install their own database (a fresh PGlite or a per-worker PostgreSQL database). */
export function setDb(db: Db, close: () => Promise<void> = async () => {}, kind: Handle["kind"] = "pglite") {
  store[HANDLE] = Promise.resolve({ db, close, kind });
}

/** Tests and scripts: read the reports from this replica (undefined: from the primary again). */
export async function setReplica(replica: Db | undefined): Promise<void> {
  const handle = await (store[HANDLE] ??= open());
  store[HANDLE] = Promise.resolve({ ...handle, reports: replica ? withReplicas(handle.db, [replica]) : undefined });
}

export async function closeDb(): Promise<void> {
  const h = store[HANDLE];
  store[HANDLE] = undefined;
  if (h) await (await h).close();
}

export type TenantScope = { orgId: string; userId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid (or nothing) as a SQL literal: `SET` takes no bind parameters, so the value is checked, not escaped. */
function settingLiteral(value: string | undefined): string {
  if (!value) return "''";
  if (!UUID.test(value)) throw new Error("tenant setting is not a uuid");
  return `'${value.toLowerCase()}'`;
}

/**
 * The tenant setup of every app transaction: `SET LOCAL` of the role, `app.org_id` and `app.user_id`
 * (and, for the person's own organizations, `app.member_orgs`). `SET LOCAL` ends with the transaction,
 * so a transaction pooler (PgBouncer in transaction mode) can hand the connection on after COMMIT; and
 * unlike `set_config()`, Citus propagates `SET LOCAL` to the workers with
 * `citus.propagate_set_commands = 'local'` (docs/SCALING.md, docs/decisions/009-citus-tenant-setup.md).
 * On PostgreSQL the statements go in one simple-protocol message (postgres.js sends a query without
 * parameters that way), so the setup costs one round trip; PGlite takes them one by one, in process.
 */
export async function setTenant(
  tx: Tx,
  settings: { orgId?: string; userId?: string; memberOrgs?: readonly string[]; role?: boolean },
): Promise<void> {
  const statements: string[] = [];
  if (settings.role !== false) statements.push(`SET LOCAL ROLE ${APP_ROLE}`);
  if (settings.orgId !== undefined) statements.push(`SET LOCAL app.org_id = ${settingLiteral(settings.orgId)}`);
  if (settings.userId !== undefined) statements.push(`SET LOCAL app.user_id = ${settingLiteral(settings.userId)}`);
  if (settings.memberOrgs !== undefined) {
    const list = settings.memberOrgs.map((id) => settingLiteral(id).slice(1, -1)).join(",");
    statements.push(`SET LOCAL app.member_orgs = '${list}'`);
  }
  if (!statements.length) return;
  if (isPostgresJs(tx)) {
    await tx.execute(sql.raw(statements.join("; ")));
    return;
  }
  for (const s of statements) await tx.execute(sql.raw(s));
}

/** postgres.js (a function with `unsafe`) under drizzle's session, as opposed to PGlite (an object with `exec`). */
function isPostgresJs(tx: Tx): boolean {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return typeof client === "function" && typeof (client as { unsafe?: unknown }).unsafe === "function";
}

/**
 * One transaction under row-level security: the role is switched to the app role and the tenant is
 * set for this transaction only (setTenant).
 */
export async function withTenant<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await setTenant(tx, { orgId: scope.orgId, userId: scope.userId ?? "" });
    const queue: Array<() => Promise<void>> = [];
    finishing.set(tx, queue);
    const out = await fn(tx);
    // The work left for the end (services/audit.ts appends its rows here), in the order it was asked for.
    for (let next = queue.shift(); next; next = queue.shift()) await next();
    finishing.delete(tx);
    return out;
  });
}

/** The work each open withTenant transaction runs after its callback and before its commit. */
const finishing = new WeakMap<object, Array<() => Promise<void>>>();

/**
 * Asks a withTenant transaction to run `work` after its callback has returned, just before it commits, in
 * the same transaction (an error there rolls everything back). The audit trail appends its rows there, so a
 * transaction holds its chain's counters row only for its last statements (docs/decisions/020-case-states-by-day-and-audit-at-the-end.md). False when
 * `tx` is not a withTenant transaction (a savepoint, or another kind of transaction): do the work now.
 */
export function atTransactionEnd(tx: Tx, work: () => Promise<void>): boolean {
  const queue = finishing.get(tx);
  if (!queue) return false;
  queue.push(work);
  return true;
}

/**
 * A read-only transaction for reports that may lag the primary by the replication delay (the outcome
 * dashboard and its exports). With a replica configured it runs on the replica, under the same row-level
 * security as withTenant (the app role and app.org_id set for this transaction only; a standby accepts
 * both in a read-only transaction); without one it is exactly withTenant on the primary.
 */
export async function withTenantRead<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  store[HANDLE] ??= open();
  const { reports } = await store[HANDLE];
  if (!reports) return withTenant(scope, fn);
  const replica = reports.$replicas[Math.floor(Math.random() * reports.$replicas.length)]!;
  return replica.transaction(
    async (tx) => {
      await setTenant(tx, { orgId: scope.orgId, userId: scope.userId ?? "" });
      return fn(tx);
    },
    { accessMode: "read only" },
  );
}

/**
 * A transaction under row-level security that knows the person but no organization (own memberships,
 * own recovery codes). To read the rows of the person's organizations, the caller first reads their own
 * memberships, then sets `memberOrgs` with setTenant (server/services/membership.ts): the organizations
 * policy compares with app.member_orgs and holds no subquery (Citus refuses one in a policy).
 */
export async function withUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await setTenant(tx, { orgId: "", userId });
    return fn(tx);
  });
}
