import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { closeDb, setDb, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { withDatabase } from "./global-setup";
import { appTransaction, sqlProblems, unscopedNow } from "./sql-rules";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret";
process.env.DATA_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.OUTBOX_FILE ??= path.join(tmpdir(), `xieshang-test-outbox-${process.pid}.log`);
process.env.LOG_LEVEL ??= "silent";

/**
 * Every statement the file's tests send is checked against Citus's rules (tests/support/sql-rules.ts);
 * the file fails at its end, naming each statement and table that breaks one.
 */
const broken = new Map<string, string[]>();
const logger = {
  logQuery(query: string) {
    const scope = appTransaction.getStore();
    // The tenant rules apply to the app's transactions (those that begin with the tenant setup); the
    // settings rules to every statement.
    if (scope && /^SET LOCAL ROLE /.test(query)) scope.app = true;
    const problems = sqlProblems(query, { tenantRules: Boolean(scope?.app && !scope.unscoped) });
    if (problems.length && !broken.has(query)) broken.set(query, problems);
  },
};

/** The file's database, with each transaction marked so the logger knows which statements are the app's. */
function checked(db: Db): Db {
  const wrapped = Object.create(db) as Db;
  wrapped.transaction = ((fn: Parameters<Db["transaction"]>[0], config?: Parameters<Db["transaction"]>[1]) =>
    appTransaction.run({ app: false, unscoped: unscopedNow() }, () => db.transaction(fn, config))) as Db["transaction"];
  return wrapped;
}

let dropDatabase: (() => Promise<void>) | undefined;

/** Each test file gets its own database: a PGlite loaded from the migrated dump, or a PostgreSQL copy. */
beforeAll(async () => {
  const template = inject("pgTemplate");
  const url = process.env.TEST_DATABASE_URL;
  if (template && url) {
    const name = `xs_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    const client = postgres(withDatabase(url, name), { max: 5, onnotice: () => {} });
    setDb(checked(drizzlePostgres(client, { schema, casing: "snake_case", logger }) as unknown as Db), () => client.end(), "postgres");
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
    return;
  }
  const dump = readFileSync(inject("pgliteDump"));
  const pg = await PGlite.create({ loadDataDir: new Blob([dump]) });
  setDb(checked(drizzlePglite(pg, { schema, casing: "snake_case", logger }) as unknown as Db), () => pg.close(), "pglite");
});

afterAll(async () => {
  const report = [...broken].map(([query, problems]) => `${problems.join("; ")}\n    in: ${query.replace(/\s+/g, " ").slice(0, 400)}`);
  broken.clear();
  expect(report, "statements that break Citus's rules (tests/support/sql-rules.ts)").toEqual([]);
});

afterAll(async () => {
  await closeDb();
  await dropDatabase?.();
});
