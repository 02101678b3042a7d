import { closeDb, dbKind, getDb } from "@/db/client";
import { databaseHasData, formatLogins, seedDemo } from "@/db/seed";
import { env } from "@/server/env";
import { log } from "@/server/log";
import { startNotificationJob, stopNotificationJob } from "@/server/services/notification-jobs";

let shuttingDown = false;

/**
 * Runs once when the server process starts (instrumentation.ts): opens the database (the embedded one
 * migrates itself), seeds the demo organization on a new embedded database, starts the periodic
 * notifications run (docs/decisions/004-notifications.md), and closes the database
 * cleanly on SIGINT/SIGTERM so the PGlite folder is never left half-written.
 */
export async function boot(): Promise<void> {
  const db = await getDb();
  if ((await dbKind()) === "pglite" && !(await databaseHasData(db)) && process.env.XS_SEED !== "0") {
    const logins = await seedDemo(db);
    process.stdout.write(formatLogins(logins) + "\n");
  }
  startNotificationJob(env().NOTIFY_INTERVAL_SECONDS);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (shuttingDown) return;
      shuttingDown = true;
      stopNotificationJob();
      log("info", "shutting down", { signal });
      closeDb()
        .catch((error) => log("error", "database close failed", { error }))
        .finally(() => process.exit(0));
    });
  }
}
