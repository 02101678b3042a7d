// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (as MIGRATION_DATABASE_URL's
// owner role when set), or to the embedded database folder when no server is configured, and loads the
// holiday years shipped in db/holidays/ that the database lacks.
import { closeDb, dbKind, getDb, setDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import { formatCoverage } from "@/server/services/holidays";

const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
if (url) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  setDb(drizzle(client, { schema, casing: "snake_case" }) as never, () => client.end(), "postgres");
  await runMigrations(await getDb());
} else {
  await getDb(); // the embedded database migrates when it opens
}
console.log(`Migrations applied (${await dbKind()}).`);
// The holiday years shipped in db/holidays/ are loaded with the migrations; say what the calendar covers.
console.log(await formatCoverage(await getDb()));
await closeDb();
