import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { runMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
  }
}

/**
 * Migrates once per run. PGlite: a migrated database is dumped and every test file loads the dump
 * (creating and migrating from scratch takes seconds). PostgreSQL (TEST_DATABASE_URL): a migrated
 * template database; every test file gets its own copy.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const template = `xs_tpl_${process.pid}_${Date.now()}`;
    await admin.unsafe(`create database ${template}`);
    const tplUrl = withDatabase(url, template);
    const client = postgres(tplUrl, { max: 1, onnotice: () => {} });
    await runMigrations(drizzlePostgres(client, { schema, casing: "snake_case" }) as never);
    await client.end();
    project.provide("pgTemplate", template);
    project.provide("pgliteDump", "");
    return async () => {
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const pg = await PGlite.create();
  await runMigrations(drizzlePglite(pg, { schema, casing: "snake_case" }) as never);
  const dump = await pg.dumpDataDir("none");
  await pg.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), "xieshang-test-"));
  const file = path.join(dir, "migrated.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteDump", file);
  project.provide("pgTemplate", "");
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
