import path from "node:path";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { Db } from "./client";

// Resolved from the working directory: the app, scripts and tests all run from the repository root,
// and a path relative to this module would point into .next/ once bundled.
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Applies the committed migrations (drizzle's journal makes this idempotent), then writes the derived rows a
 * migration cannot compute in SQL: the balance basis of debts that have none (migration 0015), through the
 * same domain function as every write. Both steps are no-ops on an up-to-date database.
 */
export async function runMigrations(db: Db, folder = MIGRATIONS_FOLDER): Promise<void> {
  // The pglite and postgres-js migrators are the same dialect code (dialect.migrate on the session).
  await migrate(db as never, { migrationsFolder: folder });
  // Loaded here, not at the top: the service module reaches the schema and domain, which this file must not
  // pull into db/client's import graph before it is needed.
  const { backfillDebtBalances } = await import("@/server/services/balances");
  await backfillDebtBalances(db);
}
