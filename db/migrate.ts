import path from "node:path";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { Db } from "./client";
import { loadShippedHolidays } from "./holidays";

// Resolved from the working directory: the app, scripts and tests all run from the repository root,
// and a path relative to this module would point into .next/ once bundled.
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Applies the committed migrations (drizzle's journal makes this idempotent), then what a migration cannot
 * do in SQL: loads the holiday years shipped in db/holidays/ that the database lacks
 * (docs/decisions/007-holiday-table.md), and writes the balance basis of debts that have none (migration
 * 0017), through the same domain function as every write. Both steps are no-ops on an up-to-date database.
 */
export async function runMigrations(db: Db, folder = MIGRATIONS_FOLDER): Promise<void> {
  // The pglite and postgres-js migrators are the same dialect code (dialect.migrate on the session).
  await migrate(db as never, { migrationsFolder: folder });
  await loadShippedHolidays(db);
  // Loaded here, not at the top: the service module reaches the schema and domain, which this file must not
  // pull into db/client's import graph before it is needed.
  const { backfillDebtBalances } = await import("@/server/services/balances");
  await backfillDebtBalances(db);
}
