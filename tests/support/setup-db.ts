import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, setDb, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { withDatabase } from "./global-setup";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret";
process.env.DATA_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.OUTBOX_FILE ??= `${process.env.TMPDIR ?? "/tmp"}/xieshang-test-outbox-${process.pid}.log`;
process.env.LOG_LEVEL ??= "silent";

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
    setDb(drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Db, () => client.end(), "postgres");
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
    return;
  }
  const dump = readFileSync(inject("pgliteDump"));
  const pg = await PGlite.create({ loadDataDir: new Blob([dump]) });
  setDb(drizzlePglite(pg, { schema, casing: "snake_case" }) as unknown as Db, () => pg.close(), "pglite");
});

afterAll(async () => {
  await closeDb();
  await dropDatabase?.();
});
