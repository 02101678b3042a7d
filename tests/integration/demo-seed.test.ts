import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { getDb, setDb, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { databaseHasData, seedDemo, seedUnlessData } from "@/db/seed";
import { verifyAuditChain } from "@/server/services/audit";
import { withDatabase } from "../support/global-setup";

/**
 * The demo seed is the same for the same day: seeded twice for one anchor into two fresh databases, every
 * table holds the same rows. Compared with what is random by design taken out: ids (random UUIDs, also
 * inside audit JSON, storage keys and the hashes that cover them), ciphertexts (AES-GCM with a random
 * nonce), password hashes (argon2 with a random salt) and the milliseconds of stamps (see SUBSECOND).
 * Everything else — names, amounts, dates, every stamp to the second (the demo clock), states, flags, blind
 * indexes, file digests — must be equal.
 */
const ANCHOR = "2026-11-18";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Stamps are compared to the second: the demo clock ticks a millisecond per reading, and the embedded database reads it a varying number of times. */
const SUBSECOND = /(\d{2}:\d{2}:\d{2})\.\d{1,6}/g;
/** Chain hashes quoted in audit rows cover ids, so they are as random as the ids. */
const CHAIN_HASH = /"(hash|prevHash|head)":"[0-9a-f]{64}"/g;
const RANDOM_COLUMNS = /(_enc|password_hash|^hash|prev_hash|contact_head|audit_head|token_hash)$/;
const TABLES = [
  "organizations",
  "users",
  "memberships",
  "lenders",
  "clients",
  "debts",
  "debt_cash_flows",
  "debt_balances",
  "budgets",
  "cases",
  "case_events",
  "proposals",
  "proposal_responses",
  "agreements",
  "instalments",
  "payments",
  "contact_entries",
  "documents",
  "document_requests",
  "tasks",
  "referrals",
  "audit_log",
];

async function freshDb(): Promise<{ db: Db; close: () => Promise<void>; kind: "pglite" | "postgres" }> {
  const template = inject("pgTemplate");
  const url = process.env.TEST_DATABASE_URL;
  if (template && url) {
    const name = `xs_seed_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    const client = postgres(withDatabase(url, name), { max: 5, onnotice: () => {} });
    return {
      db: drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Db,
      kind: "postgres",
      close: async () => {
        await client.end();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const pg = await PGlite.create({ loadDataDir: new Blob([readFileSync(inject("pgliteDump"))]) });
  return { db: drizzlePglite(pg, { schema, casing: "snake_case" }) as unknown as Db, kind: "pglite", close: () => pg.close() };
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

/** A stamp after the anchor day can only be the real time of seeding: a database default on a PostgreSQL server. */
const STAMP = /(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}:\d{2}[^"]*/g;
let serverClock = false;

/** An audit row's chain follows its subject's id (services/audit.ts auditChainOf), and its place in the chain with it; `n` keeps the order. */
const RANDOM_BY_TABLE: Record<string, RegExp> = { audit_log: /^(chain|seq)$/ };

function normalise(row: Record<string, unknown>, table = ""): string {
  const kept = Object.entries(row)
    .filter(([column]) => !RANDOM_COLUMNS.test(column) && !RANDOM_BY_TABLE[table]?.test(column))
    .map(([column, value]) => [column, value instanceof Date ? value.toISOString() : value]);
  return JSON.stringify(Object.fromEntries(kept))
    .replace(UUID, "<id>")
    .replace(SUBSECOND, "$1")
    .replace(CHAIN_HASH, '"$1":"<hash>"')
    .replace(STAMP, (stamp, day: string) => (serverClock && day > ANCHOR ? "<seeded at>" : stamp));
}

async function snapshot(): Promise<Record<string, string[]>> {
  const db = await getDb();
  const out: Record<string, string[]> = {};
  for (const table of TABLES)
    out[table] = rowsOf<Record<string, unknown>>(await db.execute(sql.raw(`select * from ${table}`)))
      .map((row) => normalise(row, table))
      .sort();
  return out;
}

async function seededSnapshot() {
  const fresh = await freshDb();
  const previous = await getDb();
  setDb(fresh.db, async () => {}, fresh.kind);
  // PostgreSQL's now() is the server's clock, not the demo clock (decision 010): its defaults are the seeding time.
  serverClock = fresh.kind === "postgres";
  try {
    await seedDemo(fresh.db, { anchor: ANCHOR });
    const rows = await snapshot();
    const [org] = rowsOf<{ id: string }>(await fresh.db.execute(sql`select id from organizations`));
    const audit = await fresh.db.transaction((tx) => verifyAuditChain(tx, org!.id));
    // db:seed refuses a database that holds data, and adds nothing to it.
    const again = await seedUnlessData(fresh.db, { force: false });
    const [orgs] = rowsOf<{ n: number }>(await fresh.db.execute(sql`select count(*)::int as n from organizations`));
    return { rows, audit, hasData: await databaseHasData(fresh.db), again, orgs: orgs!.n };
  } finally {
    setDb(previous);
    await fresh.close();
  }
}

describe("demo seed", () => {
  it("gives the same rows for the same day, in every table", { timeout: 300_000 }, async () => {
    const a = await seededSnapshot();
    const b = await seededSnapshot();
    expect(a.hasData).toBe(true);
    expect(a.again).toBe("refused");
    expect(a.orgs).toBe(1);
    for (const table of TABLES) {
      expect(b.rows[table]!.length, table).toBe(a.rows[table]!.length);
      expect(b.rows[table], table).toEqual(a.rows[table]);
    }
    // A year of history: the rows are there, and the audit chain the services wrote verifies.
    expect(a.rows.clients!.length).toBe(40);
    expect(a.rows.payments!.length).toBeGreaterThan(50);
    expect(a.audit).toMatchObject({ ok: true });
  });
});
