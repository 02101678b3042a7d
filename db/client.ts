import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { withReplicas, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/server/env";
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

/**
 * One transaction under row-level security: the role is switched to the app role and the tenant is
 * set for this transaction only (set_config with is_local = true, bound parameters).
 */
export async function withTenant<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.org_id', ${scope.orgId}, true), set_config('app.user_id', ${scope.userId ?? ""}, true)`,
    );
    return fn(tx);
  });
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
      await tx.execute(
        sql`select set_config('role', ${APP_ROLE}, true), set_config('app.org_id', ${scope.orgId}, true), set_config('app.user_id', ${scope.userId ?? ""}, true)`,
      );
      return fn(tx);
    },
    { accessMode: "read only" },
  );
}

/** A transaction under row-level security that knows the person but no organization (own memberships). */
export async function withUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.org_id', '', true), set_config('app.user_id', ${userId}, true)`,
    );
    return fn(tx);
  });
}
